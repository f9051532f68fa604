"""People named in the text, by the cues that mark a person: a role before the name ("spokesman
Geng Shuang", "the CEO of Vodafone, Nick Read"), a verb of speech after it, an apposition ("Meng
Wanzhou, the chief financial officer"); and the form a name is listed under."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import Knowledge, fold
from ..words.alternation import alternation
from .names import overlaps

NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*|[A-Z]\.)"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:\s+(?:(?:van|von|der|de|da|di|du|bin|al|el|le|la|dos|das)\s+)?{NAME_WORD}){{1,6}}")
ORG_PHRASE = r"(?:\s+[^\W\d]+)?(?:\s+(?:of|at|for|da|do|de|des|du|von|der|del|di)\s+[^,.;:\n]{1,40})?"


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


def find_people(text: str, knowledge: Knowledge, taken: list) -> list:
    hits = []
    for run in NAME_RUN.finditer(text):
        for words in _name_segments(run, knowledge):
            start = words[0][1]
            end = words[-1][1] + len(words[-1][0])
            last = words[-1][0].rstrip(".,")
            if overlaps(start, end, taken) or last in knowledge.head_nouns or last in knowledge.institution_words \
                    or last in knowledge.legal_suffixes:
                continue
            why = _evidence(text, start, end, knowledge)
            if why:
                hits.append((start, "person", text[start:end], why))
    return hits


def listed_name(name: str, knowledge: Knowledge, found: list[str]) -> str | None:
    """The name a person found is listed under; None for no name, or for someone in ``found``
    already (the same person written with and without a middle initial counts once)."""
    name = " ".join(name.split()).strip(" ,.")
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    name = name.rstrip("’'")
    if len(name.split()) < 2:
        return None
    canonical = knowledge.canonical_name("person", name) or name
    if any(fold(canonical) == fold(p) for p in found):
        return None
    return canonical
