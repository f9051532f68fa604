"""Countries, companies, news organisations and people named in an article's text.

Known names come from the gazetteer (data files plus the user's entities file). Rules add what the
gazetteer does not know:

- companies marked by a legal suffix, a descriptor, an industry word or a web address
  (``companies.py``); brands count as their owner when the owner is named too, else as a
  company of their own;
- publications by a name ending like one (``publications.py``), a wire credit or a masthead;
- people marked by a role, a verb of speech or an apposition (``people.py``), a byline, or the
  list of people often in the news.

Every value records the rule that produced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from ..kinds import KINDS
from ..knowledge import Knowledge
from ..knowledge.gazetteer import Match, merged
from ..knowledge.inflection import language_gazetteer
from .companies import LOW_CONFIDENCE, TYPO, canonical_company, unknown_companies
from .names import bare, overlaps
from .native_names import find_native_people
from .people import find_people, listed_name
from .publications import find_publications

_LISTS = {kind.name: kind.field for kind in KINDS}


@dataclass
class Entities:
    countries: list[str] = field(default_factory=list)  # ISO codes, in order of first mention
    companies: list[str] = field(default_factory=list)
    news_orgs: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, value: str, why: str) -> None:
        target = getattr(self, _LISTS[kind])
        if value not in target:
            target.append(value)
            self.provenance[f"{kind}:{value}"] = why

    def uncertain(self) -> dict[str, str]:
        """``"kind:value"`` -> why, for the values a person should check: guessed from one cue,
        or read as a known name one letter away."""
        return {key: why for key, why in self.provenance.items() if why.endswith((LOW_CONFIDENCE, TYPO))}


def find_entities(text: str, knowledge: Knowledge, *, body_start: int = 0, byline_people: list[str] = (),
                  credits: list[str] = (), extra_news: list[str] = (), language: str | None = None) -> Entities:
    """Entities in ``text``, each kind in order of first mention. The rules that guess at
    unknown names only look past ``body_start`` (title-case headlines capitalise every word).
    ``language``: the article's, whose inflected country names are looked for too."""
    hits: list[tuple[int, str, str, str]] = []  # (position, kind, value, why)
    for credit in credits:
        hits.append((-1, "news_org", knowledge.canonical_name("news_org", credit) or credit, "wire credit or masthead"))
    for line in extra_news:
        for match in knowledge.gazetteer.find(line):
            entry = match.entries[0]
            if entry.kind == "news_org":
                hits.append((-1, "news_org", entry.value, f"{entry.origin}: '{match.surface}'"))
    matches = knowledge.gazetteer.find(text)
    local = language_gazetteer(language)
    if local is not None:
        matches = merged(matches, local.find(text))
    brands: list[tuple[int, str, str]] = []
    inside: set[int] = set()  # where a country word begins a longer name
    for match in matches:
        entries = match.entries
        entry = entries[0] if entries[0].kind != "other" else next((e for e in entries if e.kind != "other"), None)
        if entry is None:
            continue
        if entry.kind == "country" and match.surface.casefold() in knowledge.capitals \
                and _names_the_city(text, match.start, match.end, knowledge.place_words):
            continue
        if entry.kind == "country" and _begins_a_name(text, match.end, knowledge):
            inside.add(match.start)  # the rules may read the whole name ("Lithuanian Railways")
            continue
        if entry.kind == "brand":
            brands.append((match.start, entry.value, match.surface))
        elif entry.kind == "company" and (longer := _longer_name(text, match, knowledge)):
            name = canonical_company(f"{match.surface} {longer}", knowledge)[0]
            hits.append((match.start, "company", name, f"{entry.origin}: '{match.surface}', named in full: '{name}'"))
        else:
            hits.append((match.start, entry.kind, entry.value, f"{entry.origin}: '{match.surface}'"))
    taken = [(m.start, m.end) for m in matches if m.start not in inside]
    hits += find_publications(text, knowledge, taken)
    people = find_people(text, knowledge, taken) + find_native_people(text, language, knowledge, taken)
    taken += [(start, start + len(name)) for start, _, name, _ in people]
    absorbed: list[tuple[int, int]] = []  # a country inside a company's name names no country
    hits += people + unknown_companies(text, body_start, knowledge, taken, absorbed)
    hits = [hit for hit in hits if hit[1] != "country" or not overlaps(hit[0], hit[0] + 1, absorbed)]
    companies = {value for _, kind, value, _ in hits if kind == "company"}
    for position, brand, surface in brands:
        owner = knowledge.brands.get(brand, brand)
        if owner not in companies:
            hits.append((position, "company", brand, f"brand named without its owner {owner}: '{surface}'"))
    hits += [(-1, "person", name, "byline") for name in byline_people]
    found = Entities()
    for _, kind, value, why in sorted(hits, key=itemgetter(0)):
        if kind == "person":
            value = listed_name(value, knowledge, found.people)
            if value is None:
                continue
        found.add(kind, value, why)
    found.companies = linked_companies(found.companies, text, lambda name: knowledge.canonical_name("company", name))
    return found


def linked_companies(companies: list[str], text: str, known) -> list[str]:
    """One name per company of an article: a short form of a longer name the rules found ("Baku
    Steel" beside "Baku Steel Company") and an abbreviation given after it ("Tanzania Railway
    Corp" and "TRC") are the longer name. Known companies (``known(name)``) keep their own name."""
    def short_form(short: str, full: str) -> bool:
        if known(short) or short == full:
            return False
        if full.startswith(short + " "):
            return True
        initials = "".join(w[0] for w in full.split() if w[:1].isupper())
        return short.isupper() and short == initials and (len(short) >= 3 or f"{full} ({short})" in text)

    return [c for c in companies if not any(short_form(c, other) for other in companies)]




def _names_the_city(text: str, start: int, end: int, place_words: frozenset[str]) -> bool:
    """A capital that names the city, not the government: in a dateline (a line opening with it in
    capitals: "LONDON (Reuters) -", "TOKYO, June 3"), after a word of place ("in London"), or
    before "-based"."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[end:end + 2] in ("'s", "’s"):  # "London's decision": the government
        return False
    if text[end:end + 6].lower() == "-based":
        return True
    if not text[line_start:start].strip() and text[start:end].isupper() and text[end:end + 2].lstrip()[:1] in ",:(-–—":
        return True
    before = text[max(line_start, start - 20):start].split()
    return bool(before) and before[-1].casefold() in place_words


NAME_GOES_ON = re.compile(r"(?:[ \t]+(?:of[ \t]+|for[ \t]+|&[ \t]+|and[ \t]+)?[A-Z][\w'’&.-]*){1,5}")


def _begins_a_name(text: str, end: int, knowledge: Knowledge) -> bool:
    """A country's name or adjective that begins the name of a company or a body not of its
    government: "Australian National University", "American Eagle Outfitters Inc", "Lithuanian
    Railways" (a head noun of companies). Its government's own bodies do name it ("Chinese
    Foreign Ministry"), and so does an adjective before a name known on its own ("the Turkish
    Anadolu Group")."""
    run = NAME_GOES_ON.match(text, end)
    if run is None:
        return False
    words = [bare(w) for w in run.group(0).split() if w not in ("of", "for", "&", "and")]
    if not any(w in knowledge.not_of_a_country or w in knowledge.head_nouns or w in knowledge.legal_suffixes
               for w in words):
        return False
    return not any(m.start == 0 for m in knowledge.gazetteer.find(run.group(0).lstrip()))


LONGER = re.compile(r"[ \t]+([A-Z]{2,4}|[A-Z][a-z]+)\b(?![\w’'.-])")  # (not a ticker, "SPOS.SI")


def _longer_name(text: str, known: Match, knowledge: Knowledge) -> str | None:
    """The word that makes a known company's name a longer one ("Yara International",
    "Bradesco BBI", "Cemex Asia"): an industry word, a unit's word (``unit_words``), or a short abbreviation in capitals that
    names nothing else (not "Toyota CEO", not "Toyota US")."""
    match = LONGER.match(text, known.end)
    if match is None:
        return None
    word = match.group(1)
    if word == known.surface.rpartition(" ")[2] or word in knowledge.legal_suffixes:
        return None  # "Huawei Technologies Technologies" (a slip), "Vale SA"
    if word in knowledge.head_nouns or word in knowledge.unit_words:
        return word
    if word.isupper() and word.casefold() not in knowledge.roles and not knowledge.gazetteer.lookup(word):
        return word
    return None
