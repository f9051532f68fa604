"""Countries, companies, news organisations and people named in an article's text.

Known names come from the gazetteer (data files plus the user's entities file). Rules add what the
gazetteer does not know: companies marked by a legal suffix ("KDDI Corp."), and people marked by a
role before the name, a verb of speech after it, an apposition ("Meng Wanzhou, the chief
financial officer") or a byline. Every value records the rule that produced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..knowledge import Knowledge, fold
from ..gazetteer import Match

NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*|[A-Z]\.)"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:(?:van|von|der|de|da|di|du|bin|al|el|le|la)\s+)?{NAME_WORD}){{1,6}}")
COMPANY_WORD = r"[A-Z][\w&'’.-]*"


@dataclass
class Entities:
    countries: list[str] = field(default_factory=list)  # ISO codes, in order of first mention
    companies: list[str] = field(default_factory=list)
    news_orgs: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, value: str, why: str) -> None:
        target = {"country": self.countries, "company": self.companies,
                  "news_org": self.news_orgs, "person": self.people}[kind]
        if value not in target:
            target.append(value)
            self.provenance[f"{kind}:{value}"] = why


def find_entities(text: str, knowledge: Knowledge, *, byline_people: list[str] = (),
                  credits: list[str] = ()) -> Entities:
    found = Entities()
    matches = knowledge.gazetteer.find(text)
    for credit in credits:
        _add_news_org(found, credit, knowledge, "wire credit")
    for match in matches:
        for entry in match.entries:
            if entry.kind in ("country", "company", "news_org", "person"):
                found.add(entry.kind, entry.value, f"{entry.origin}: '{match.surface}'")
                break
    taken = [(m.start, m.end) for m in matches]
    _unknown_companies(text, knowledge, found, taken)
    for name in byline_people:
        _add_person(found, name, knowledge, "byline")
    _people(text, knowledge, found, taken)
    return found


def _add_news_org(found: Entities, name: str, knowledge: Knowledge, why: str) -> None:
    canonical = knowledge.canonical_name("news_org", name) or name
    found.add("news_org", canonical, why)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def strip_legal_suffix(name: str, knowledge: Knowledge) -> str:
    changed = True
    while changed:
        changed = False
        for suffix in knowledge.legal_suffixes:
            for sep in (" ", ", "):
                if name.endswith(sep + suffix) and len(name) > len(sep + suffix) + 1:
                    name = name[: -len(sep + suffix)].rstrip(" ,")
                    changed = True
    return name


def _unknown_companies(text: str, knowledge: Knowledge, found: Entities, taken: list) -> None:
    suffixes = "|".join(re.escape(s.rstrip(".")) for s in knowledge.legal_suffixes if s not in ("Group", "Holdings"))
    pattern = re.compile(rf"\b((?:{COMPANY_WORD}\s+){{0,3}}{COMPANY_WORD}),?\s+(?:{suffixes})\b\.?")
    for match in pattern.finditer(text):
        name = match.group(1)
        words = name.split()
        while words and words[0] in knowledge.not_names:
            words.pop(0)
        if not words:
            continue
        name = " ".join(words)
        start = match.start(1) + match.group(1).find(name)
        if _overlaps(start, start + len(name), taken):
            continue  # the gazetteer already decided what this is
        if words[-1] in knowledge.institution_words or any(w in knowledge.institution_words for w in words):
            continue
        known = knowledge.canonical_name("company", strip_legal_suffix(name, knowledge))
        found.add("company", known or strip_legal_suffix(name, knowledge), f"legal suffix rule: '{match.group(0).strip()}'")


def _role_before(text: str, start: int, knowledge: Knowledge) -> str | None:
    before = text[max(0, start - 60):start].rstrip(" ,").casefold()
    for role in knowledge.roles:
        if before.endswith(role) and (len(before) == len(role) or not before[-len(role) - 1].isalpha()):
            return role
    return None


def _evidence(text: str, start: int, end: int, knowledge: Knowledge) -> str | None:
    role = _role_before(text, start, knowledge)
    if role:
        return f"role '{role}'"
    after = text[end:end + 80]
    verbs = "|".join(re.escape(v) for v in knowledge.speech_verbs)
    if re.match(rf"\s*(?:,[^,.]{{1,60}},\s*)?(?:has |had |have |also |then |later |reportedly )?(?:{verbs})\b", after):
        return "verb of speech"
    apposition = re.match(r",\s+(?:the|a|an|who is|who was|his|her)\s+([^,.;]{1,60})", after)
    if apposition:
        words = apposition.group(1).casefold()
        if any(re.search(rf"\b{re.escape(r)}\b", words) for r in knowledge.roles):
            return "apposition with a role"
    return None


def _name_segments(run: re.Match, knowledge: Knowledge):
    """Split a run of capitalised words at titles and common words: what remains may be names."""
    segment: list[tuple[str, int]] = []
    for word in re.finditer(r"\S+", run.group(0)):
        token = word.group(0)
        if token in knowledge.not_names or token.casefold() in knowledge.roles or (token.endswith(".") and len(token) <= 2 and not segment):
            if len(segment) >= 2:
                yield segment
            segment = []
            continue
        segment.append((token, run.start() + word.start()))
    if len(segment) >= 2:
        yield segment


def _people(text: str, knowledge: Knowledge, found: Entities, taken: list) -> None:
    for run in NAME_RUN.finditer(text):
        for words in _name_segments(run, knowledge):
            start = words[0][1]
            end = words[-1][1] + len(words[-1][0])
            if _overlaps(start, end, taken):
                continue
            why = _evidence(text, start, end, knowledge)
            if why:
                _add_person(found, text[start:end], knowledge, why)


def _add_person(found: Entities, name: str, knowledge: Knowledge, why: str) -> None:
    name = " ".join(name.split()).strip(" ,.")
    if len(name.split()) < 2:
        return
    canonical = knowledge.canonical_name("person", name) or name
    # The same person written twice with and without a middle initial counts once.
    if any(fold(canonical) == fold(p) for p in found.people):
        return
    found.add("person", canonical, why)
