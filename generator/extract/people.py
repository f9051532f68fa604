"""People named in the text, by the cues that mark a person: a role before the name ("spokesman
Geng Shuang", "the CEO of Vodafone, Nick Read"), a verb of speech after it, an apposition ("Meng
Wanzhou, the chief financial officer"); and the form a name is listed under."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import Knowledge, fold
from ..words.alternation import alternation
from .names import overlaps

# Capital and small letters of the Latin alphabets (Ł, Ş, Ž...), for names in any of its languages.
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
LOWER = "a-z" + "".join(c for c in map(chr, range(0xDF, 0x250)) if c.islower())
NAME_WORD = rf"(?:(?:Mc|Mac|O['’])?[{UPPER}][{LOWER}'’]+(?:-[{UPPER}]?[{LOWER}'’]+)*|[A-Z]\.(?:[A-Z]\.)?)"
NAME_RUN = re.compile(rf"{NAME_WORD}(?:[ \t\u00a0]+(?:(?:van|von|der|de|da|di|du|bin|al|el|le|la|dos|das)[ \t\u00a0]+)?"
                      rf"{NAME_WORD}){{1,6}}(?!-)")  # a name never spans two lines, nor is "San Diego-based"
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
                "-" in token and token.rpartition("-")[2] in knowledge.compound_endings) or (
                token.endswith(".") and len(token) <= 2 and not segment):
            if len(segment) >= 2:
                yield segment
            segment = []
            continue
        segment.append((token, start))
    if len(segment) >= 2:
        yield segment


# A monarch's or a pope's name: given names and a regnal number ("Felipe VI", "John Paul II").
# ("I" is left out: it is far more often the pronoun.)
_NUMERALS = "|".join(sorted("II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI XXII XXIII".split(),
                            key=len, reverse=True))
REGNAL = re.compile(rf"(?<![\w])((?:[{UPPER}][{LOWER}]+[ \t]){{1,2}})({_NUMERALS})(?![\w])")


def _regnal_names(text: str, knowledge: Knowledge, taken: list) -> list:
    hits = []
    for match in REGNAL.finditer(text):
        words = list(re.finditer(r"\S+", match.group(1)))
        while words and not all(w.group() in knowledge.given_names for w in words):
            words = words[1:]  # "Pope Leo XIV": the title is no part of the name
        if not words:
            continue
        start = match.start(1) + words[0].start()
        if not overlaps(start, match.end(), taken):
            hits.append((start, "person", text[start:match.end()], "given name and regnal number"))
            taken.append((start, match.end()))
    return hits


def find_people(text: str, knowledge: Knowledge, taken: list) -> list:
    hits = _regnal_names(text, knowledge, taken)
    lowered = None  # the words the text writes in lower case, when first needed
    for run in NAME_RUN.finditer(text):
        for words in _name_segments(run, knowledge):
            if len(words) >= 3 and words[0][0] not in knowledge.given_names and words[1][0] in knowledge.given_names:
                words = words[1:]  # "Vicepremiér Jacek Sasin": an office in a language the lists do not hold
            start = words[0][1]
            end = words[-1][1] + len(words[-1][0])
            last = words[-1][0].rstrip(".,")
            if overlaps(start, end, taken) or last in knowledge.head_nouns or last in knowledge.institution_words \
                    or last in knowledge.legal_suffixes:
                continue
            why = _evidence(text, start, end, knowledge)
            if why is None:
                lowered = lowered if lowered is not None else set(LOWER_WORD.findall(text))
                why = _looks_like_a_name([w for w, _ in words], knowledge, lowered)
            if why:
                hits.append((start, "person", text[start:end], why))
    return hits


def _name_words(words: list[str], knowledge: Knowledge) -> list[str]:
    """A name's words without what a run of capitals took in before it: ordinary words of an
    office or a heading ("Officer Peng Xiao", "Transport David Kihenzile", "Latest Stories"), or
    a company's name before a given name ("Accor Sebastien Bazin")."""
    while words and knowledge.ordinary_word(words[0]):
        words = words[1:]
    while words and (words[-1] in knowledge.not_names or words[-1].isdigit()):  # "Liam McLoughlin April 29"
        words = words[:-1]
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:  # a name written twice in a row
        words = words[:half]
    if len(words) >= 3 and words[0] not in knowledge.given_names and words[1] in knowledge.given_names \
            and words[0].lower() not in NAME_PARTICLES:
        words = words[1:]
    return words


NAME_PARTICLES = {"van", "von", "der", "de", "da", "di", "du", "bin", "al", "el", "le", "la", "dos", "das", "abu", "ibn"}


LOWER_WORD = re.compile(rf"(?<![{UPPER}{LOWER}])[{LOWER}]+")


def _looks_like_a_name(words: list[str], knowledge: Knowledge, lowered: set[str]) -> str | None:
    """A known given name followed by surnames that are no ordinary words ("Nicola Willis",
    "Rahul Johri"), with no other cue needed. A word the text also writes in lower case is an
    ordinary word of its language ("Im Jahr", "Leia também")."""
    words = [w.rstrip(".,’'") for w in words]
    first, rest = words[0], words[1:]
    if len(words) > 4 or first not in knowledge.given_names or knowledge.ordinary_word(first):
        return None
    if any(w.lower() in knowledge.common_words or w in knowledge.not_names for w in rest):
        return None
    if any(w.lower() in lowered for w in words):
        return None
    return "a given name and a surname"


def listed_name(name: str, knowledge: Knowledge, found: list[str]) -> str | None:
    """The name a person found is listed under; None for no name, or for someone in ``found``
    already (the same person written with and without a middle initial counts once)."""
    name = " ".join(name.split()).strip(" ,.")
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    name = name.rstrip("’'")
    canonical = knowledge.canonical_name("person", name)
    if canonical is None:
        name = " ".join(_name_words(name.split(), knowledge))
        canonical = knowledge.canonical_name("person", name) or name
    if len(canonical.split()) < 2:
        return None
    if any(fold(canonical) == fold(p) for p in found):
        return None
    return canonical
