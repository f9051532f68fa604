"""Countries, companies, news organisations and people named in an article's text.

Known names come from the gazetteer (data files plus the user's entities file). Rules add what the
gazetteer does not know:

- companies marked by a legal suffix ("KDDI Corp."), a descriptor before the name ("drone maker
  DJI"), an industry word ending it ("JAC Motors") or a web address ("Jet.com"); a name a rule
  finds is matched to the gazetteer allowing one typing error ("Rostelcom" is Rostelecom);
- brands count as their owner when the owner is named too, else as a company of their own;
- people marked by a role before the name ("spokesman Geng Shuang", "the CEO of Vodafone, Nick
  Read"), a verb of speech after it, an apposition ("Meng Wanzhou, the chief financial officer"),
  a byline, or the list of people often in the news.

Every value records the rule that produced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

import ahocorasick_rs

from ..kinds import KINDS
from ..knowledge import Knowledge, fold, strip_legal_suffixes
from ..words import TYPOGRAPHY, ascii_form
from ..words.alternation import alternation

NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*|[A-Z]\.)"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:(?:van|von|der|de|da|di|du|bin|al|el|le|la|dos|das)\s+)?{NAME_WORD}){{1,6}}")
COMPANY_WORD = r"[A-Z][\w&'’-]*(?:\.[A-Za-z]+)*"
CAPITALISED_RUN = re.compile(rf"{COMPANY_WORD}(?:[ \t]+{COMPANY_WORD}){{0,4}}")
DOTCOM = re.compile(r"\b[A-Z][A-Za-z0-9-]+\.com\b")
ORG_PHRASE = r"(?:\s+[^\W\d]+)?(?:\s+(?:of|at|for|da|do|de|des|du|von|der|del|di)\s+[^,.;:\n]{1,40})?"


# Rules that guess at a company from one cue only; what they find, unknown to the registry, goes
# to the review queue as a low-confidence value.
GUESSING_RULES = ("industry word rule", "web address rule")
LOW_CONFIDENCE = " (a guess from one cue)"
TYPO = " (one letter apart)"


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
                  credits: list[str] = (), extra_news: list[str] = ()) -> Entities:
    """Entities in ``text``, each kind in order of first mention. The rules that guess at
    unknown names only look past ``body_start`` (title-case headlines capitalise every word)."""
    hits: list[tuple[int, str, str, str]] = []  # (position, kind, value, why)
    for credit in credits:
        hits.append((-1, "news_org", knowledge.canonical_name("news_org", credit) or credit, "wire credit or masthead"))
    for line in extra_news:
        for match in knowledge.gazetteer.find(line):
            entry = match.entries[0]
            if entry.kind == "news_org":
                hits.append((-1, "news_org", entry.value, f"{entry.origin}: '{match.surface}'"))
    matches = knowledge.gazetteer.find(text)
    brands: list[tuple[int, str, str]] = []
    for match in matches:
        entries = match.entries
        entry = entries[0] if entries[0].kind != "other" else next((e for e in entries if e.kind != "other"), None)
        if entry is None:
            continue
        if entry.kind == "brand":
            brands.append((match.start, entry.value, match.surface))
        else:
            hits.append((match.start, entry.kind, entry.value, f"{entry.origin}: '{match.surface}'"))
    taken = [(m.start, m.end) for m in matches]
    hits += _publications(text, knowledge, taken)
    people = _people(text, knowledge, taken)
    taken += [(start, start + len(name)) for start, _, name, _ in people]
    hits += people
    hits += _unknown_companies(text, body_start, knowledge, taken)
    companies = {value for _, kind, value, _ in hits if kind == "company"}
    for position, brand, surface in brands:
        owner = knowledge.brands.get(brand, brand)
        if owner not in companies:
            hits.append((position, "company", brand, f"brand named without its owner {owner}: '{surface}'"))
    hits += [(-1, "person", name, "byline") for name in byline_people]
    found = Entities()
    for _, kind, value, why in sorted(hits, key=itemgetter(0)):
        if kind == "person":
            _add_person(found, value, knowledge, why)
        else:
            found.add(kind, value, why)
    return found


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def strip_legal_suffix(name: str, knowledge: Knowledge) -> str:
    return strip_legal_suffixes(name, knowledge.legal_suffixes)


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


@lru_cache(maxsize=4)
def _fuzzy_index(knowledge: Knowledge) -> dict[str, list[tuple[int, str, str]]]:
    """One-word company names under each of their one-letter deletions (and themselves): two
    words one typing error apart share such a key. Each name keeps its place in the registry,
    which decides between two candidates."""
    index: dict[str, list[tuple[int, str, str]]] = {}
    for order, ((kind, folded), name) in enumerate(knowledge.canonical.items()):
        if kind == "company" and len(folded) >= 5 and " " not in folded:
            for key in _deletions(folded):
                index.setdefault(key, []).append((order, folded, name))
    return index


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


@lru_cache(maxsize=4096)  # the same companies recur across a briefing's articles
def canonical_company(name: str, knowledge: Knowledge) -> tuple[str, str]:
    """The gazetteer's name for a company a rule found, allowing one typing error in one-word
    names of five letters or more; (name, "known", "typo" or "unknown")."""
    bare = strip_legal_suffix(name, knowledge)
    known = knowledge.canonical_name("company", bare)
    if known:
        return known, "known"
    folded = fold(bare)
    if len(folded) >= 5 and " " not in folded:
        index = _fuzzy_index(knowledge)
        near = {entry for key in _deletions(folded) for entry in index.get(key, ())}
        for _, alias, canonical in sorted(near):
            if alias[0] == folded[0] and _within_one_edit(folded, alias):
                return canonical, "typo"
    return bare, "unknown"


def _trim_leading(words: list[str], knowledge: Knowledge) -> list[str]:
    while words and words[0] in knowledge.leading_words:
        words = words[1:]
    return words


_POSSESSIVE_OR_PUNCTUATION = re.compile(r"(?:['’]s?)?[.,;:]*$")


@lru_cache(maxsize=4096)  # the same capitalised words recur across a briefing
def _bare(word: str) -> str:
    """A word without trailing punctuation or a possessive ("Times’," -> "Times")."""
    return _POSSESSIVE_OR_PUNCTUATION.sub("", word, count=1)


def _is_institution(words: list[str], knowledge: Knowledge) -> bool:
    return any(_bare(w) in knowledge.institution_words for w in words)


def _company_candidate(knowledge, taken, name, start, why) -> tuple[int, str, str, str] | None:
    original = " ".join(name.split())
    words = _trim_leading(original.split(), knowledge)
    if not words or _is_institution(words, knowledge):
        return None
    name = " ".join(words)
    start += len(original) - len(name)  # leading words were cut from the front
    if _overlaps(start, start + len(name), taken):
        return None
    entries = knowledge.gazetteer.lookup(name)
    if entries and not any(e.kind == "company" for e in entries):
        return None
    canonical, how = canonical_company(name, knowledge)
    taken.append((start, start + len(name)))
    if how == "typo":
        why += f", read as '{canonical}'{TYPO}"
    elif how == "unknown" and why.startswith(GUESSING_RULES):
        why += LOW_CONFIDENCE
    return (start, "company", canonical, why)


@lru_cache(maxsize=4)
def _plain_descriptors(knowledge: Knowledge) -> bool:
    """Whether no descriptor holds a typography mark or a NUL (see ``_unknown_companies``)."""
    return not any(ch in descriptor for descriptor in knowledge.descriptors for ch in TYPOGRAPHY + "\0")


@lru_cache(maxsize=4)
def _company_patterns(knowledge: Knowledge) -> tuple[re.Pattern, object, re.Pattern]:
    suffixes = alternation(s.rstrip(".") for s in knowledge.legal_suffixes if s not in ("Group", "Holdings"))
    # Found by its suffix first (rare), then the name is read backwards from there: scanning for
    # runs of capitalised words at every position is far slower. The space or comma before the
    # suffix (``_gap_before``) and what must come before that (``AFTER_NAME``) are checked on the
    # few matches, not tried at every position.
    legal = re.compile(rf"{suffixes}\b\.?")
    described = ahocorasick_rs.AhoCorasick(sorted(knowledge.descriptors), matchkind=ahocorasick_rs.MatchKind.Standard) \
        if knowledge.descriptors else None
    industry = re.compile(rf"{alternation(knowledge.head_nouns)}\b")  # after spaces: ``_after_spaces``
    return legal, described, industry


NAME_AFTER = re.compile(rf"[ \t]*,?[ \t]+({COMPANY_WORD}(?:[ \t]+{COMPANY_WORD}){{0,3}})")


_WORD_FULL = re.compile(COMPANY_WORD)
_WORD_ENDING = re.compile(rf"{COMPANY_WORD}\Z")  # (searched up to an end position, \Z is that end)


def _name_before(text: str, end: int) -> tuple[str, int] | None:
    """The run of up to four capitalised words that ends at ``end``, and where it starts: what the
    pattern ``((?:{COMPANY_WORD}[ \t]+){0,3}{COMPANY_WORD})$`` finds searched in the hundred
    characters before ``end`` (tests/test_scanning.py holds the two together), read leftwards
    word by word: the pattern, which ends in ``$``, would be tried at every capital."""
    floor = max(0, end - 100)
    if end > floor and text[end - 1] == "\n":
        end -= 1  # ``$`` also matches before a newline that ends the text
    start = None
    word_end = end
    for _ in range(4):
        word_start = max(text.rfind(" ", floor, word_end), text.rfind("\t", floor, word_end), floor - 1) + 1
        if word_start == word_end:
            break
        if not _WORD_FULL.fullmatch(text, word_start, word_end):
            # The run may begin inside this word, at a capital ("eBay" gives "Bay").
            inner = _WORD_ENDING.search(text, word_start + 1, word_end)
            start = inner.start() if inner else start
            break
        start = word_start
        gap = word_start
        while gap > floor and text[gap - 1] in " \t":
            gap -= 1
        if gap == floor:
            break
        word_end = gap
    return (text[start:end], start) if start is not None else None


AFTER_NAME = re.compile(r"[\w.&'’)]")


def _after_name(text: str, position: int) -> bool:
    """Whether ``position`` follows the end of a name (a letter, digit, dot, ampersand...)."""
    return position > 0 and AFTER_NAME.match(text, position - 1) is not None


def _gap_before(text: str, position: int, floor: int) -> int | None:
    """Where the spaces (and a comma before them) that end at ``position`` start, not before
    ``floor``; None without a space."""
    start = position
    while start > floor and text[start - 1] in " \t":
        start -= 1
    if start == position:
        return None
    return start - 1 if start > floor and text[start - 1] == "," else start


def _after_spaces(pattern: re.Pattern, text: str, floor: int):
    """(where the spaces start, the word, its end) for each match of ``pattern`` that follows
    spaces or tabs, the spaces counted from ``floor`` on: what ``[ \t]+pattern`` finds from
    ``floor``, found as the engine finds a word of a known first letter, far faster than at
    every space."""
    position = floor
    while (match := pattern.search(text, position)) is not None:
        start = match.start()
        gap = start
        while gap > floor and text[gap - 1] in " \t":
            gap -= 1
        if gap < start:
            yield gap, match.group(0), match.end()
            position = match.end()
        else:
            position = start + 1


def _unknown_companies(text: str, body_start: int, knowledge: Knowledge, taken: list) -> list:
    legal, described, industry = _company_patterns(knowledge)
    head_nouns = knowledge.head_nouns
    hits = []
    position = body_start
    while (match := legal.search(text, position)) is not None:
        gap = _gap_before(text, match.start(), body_start)
        if gap is None:
            position = match.start() + 1
            continue
        position = match.end()
        if not _after_name(text, gap):
            continue
        found = _name_before(text, gap)
        if found:
            name, start = found
            hits.append(_company_candidate(knowledge, taken, name, start,
                                           f"legal suffix rule: '{text[start:match.end()].strip()}'"))
    # The descriptors are found in the text case-folded, at the positions of ``text``. Text of ASCII
    # and typography folds to its lower case; with each mark made a NUL (no descriptor holds one)
    # it is ASCII, which folds and encodes for the automaton at no cost.
    plain = ascii_form(text, blank="\0") if described is not None and _plain_descriptors(knowledge) else None
    if plain is not None:
        lowered = plain.lower()
    else:
        folded = text.casefold()
        lowered = folded if len(folded) == len(text) else text.lower()  # positions must stay those of ``text``
    for _, start, end in described.find_matches_as_indexes(lowered, overlapping=True) if described else ():
        if start < body_start:
            continue
        if (start > 0 and lowered[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue  # inside a longer word
        after = NAME_AFTER.match(text, end)
        if not after:
            continue
        words = after.group(1).split()
        # The name ends before the first word that is no part of a name ("DJI -- which").
        while words and (words[-1] in knowledge.not_names and words[-1] not in head_nouns):
            words.pop()
        if not words or words[0] in knowledge.not_names:
            continue
        hits.append(_company_candidate(knowledge, taken, " ".join(words), after.start(1),
                                       f"descriptor rule: '{text[start:after.end()].strip()}'"))
    for gap, noun, end in _after_spaces(industry, text, body_start):
        if not _after_name(text, gap):
            continue
        found = _name_before(text, gap)
        if not found:
            continue
        words = (found[0] + " " + noun).split()
        if len(words) < 2 or words[-1] not in head_nouns:
            continue
        words = _trim_leading(words, knowledge)
        if len(words) < 2 or any(w in knowledge.not_names for w in words[:-1]):
            continue
        name = " ".join(words)
        hits.append(_company_candidate(knowledge, taken, name, end - len(name), f"industry word rule: '{name}'"))
    for match in DOTCOM.finditer(text) if ".com" in text else ():
        if match.start() >= body_start:
            hits.append(_company_candidate(knowledge, taken, match.group(0), match.start(), f"web address rule: '{match.group(0)}'"))
    return [hit for hit in hits if hit is not None]


@lru_cache(maxsize=4)
def _head_noun_pattern(knowledge: Knowledge) -> re.Pattern:
    return re.compile(alternation(knowledge.news_head_nouns))


def _publications(text: str, knowledge: Knowledge, taken: list) -> list:
    """Capitalised names ending like a publication's ("the Aspen Times said")."""
    hits = []
    if not _head_noun_pattern(knowledge).search(text):
        return hits  # no run of capitalised words can end in one
    for match in CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        if _bare(words[-1]) not in knowledge.news_head_nouns:
            continue
        words = _trim_leading(words, knowledge)
        if len(words) < 2:
            continue
        words[-1] = _bare(words[-1])
        name = " ".join(words)
        start = match.start() + match.group(0).find(name)
        if _overlaps(start, start + len(name), taken) or any(w in knowledge.not_mastheads for w in words[:-1]):
            continue
        hits.append((start, "news_org", knowledge.canonical_name("news_org", name) or name, f"publication name rule: '{name}'"))
        taken.append((start, start + len(name)))
    return hits


@lru_cache(maxsize=4)
def _role_pattern(knowledge: Knowledge) -> re.Pattern:
    return re.compile(rf"(?:^|[^\w])({alternation(knowledge.roles)}){ORG_PHRASE}[\s,\[\]()]*$")


def _role_before(text: str, start: int, knowledge: Knowledge) -> str | None:
    before = text[max(0, start - 80):start].casefold()
    match = _role_pattern(knowledge).search(before)
    return match.group(1) if match else None


@lru_cache(maxsize=4)
def _evidence_patterns(knowledge: Knowledge) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A verb of speech right before a name; one after it ("Suga, 71, said"); a role word in an
    apposition ("Geng, the ministry's spokesman")."""
    verbs = alternation(knowledge.speech_verbs)
    return (re.compile(rf"(?:^|[^\w])(?:{verbs})\s+$"),
            re.compile(rf"\s*(?:,[^,.]{{1,60}},\s*)?(?:has |had |have |also |then |later |reportedly )?(?:{verbs})\b"),
            re.compile(rf"\b{alternation(knowledge.roles)}\b"))


def _evidence(text: str, start: int, end: int, knowledge: Knowledge) -> str | None:
    role = _role_before(text, start, knowledge)
    if role:
        return f"role '{role}'"
    verb_before, verb_after, role_word = _evidence_patterns(knowledge)
    after = text[end:end + 80]
    if verb_before.search(text[max(0, start - 30):start]) or verb_after.match(after):
        return "verb of speech"
    apposition = APPOSITION.match(after)
    if apposition and role_word.search(apposition.group(1).casefold()):
        return "apposition with a role"
    return None


APPOSITION = re.compile(r",\s+(?:the|a|an|who is|who was|his|her|o|a|le|la|der|die)\s+([^,.;]{1,60})")


def _name_segments(run: re.Match, knowledge: Knowledge):
    """Split a run of capitalised words at titles and common words: what remains may be names."""
    segment: list[tuple[str, int]] = []
    text, offset = run.group(0), run.start()
    position = 0
    for token in text.split():  # the run's ``\S+``, where each starts found by string search
        position = text.index(token, position)
        start = offset + position
        position += len(token)
        if token in knowledge.not_names or token.casefold() in knowledge.roles or (
                token.endswith(".") and len(token) <= 2 and not segment):
            if len(segment) >= 2:
                yield segment
            segment = []
            continue
        segment.append((token, start))
    if len(segment) >= 2:
        yield segment


def _people(text: str, knowledge: Knowledge, taken: list) -> list:
    hits = []
    for run in NAME_RUN.finditer(text):
        for words in _name_segments(run, knowledge):
            start = words[0][1]
            end = words[-1][1] + len(words[-1][0])
            last = words[-1][0].rstrip(".,")
            if _overlaps(start, end, taken) or last in knowledge.head_nouns or last in knowledge.institution_words \
                    or last in knowledge.legal_suffixes:
                continue
            why = _evidence(text, start, end, knowledge)
            if why:
                hits.append((start, "person", text[start:end], why))
    return hits


def _add_person(found: Entities, name: str, knowledge: Knowledge, why: str) -> None:
    name = " ".join(name.split()).strip(" ,.")
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    name = name.rstrip("’'")
    if len(name.split()) < 2:
        return
    canonical = knowledge.canonical_name("person", name) or name
    # The same person written twice with and without a middle initial counts once.
    if any(fold(canonical) == fold(p) for p in found.people):
        return
    found.add("person", canonical, why)
