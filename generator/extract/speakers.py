"""Whom a quoted person speaks for: the company or country their description in the article
names, as news writing puts it ("SoftBank mobile executive Jun Shimba", "Chinese foreign ministry
spokesman Geng Shuang", "Noel Quinn, HSBC's chief executive,").

Only a description holding a role (``roles`` of ``people.yml``: spokesman, minister, chief
executive...) counts, and only a company or country the article is tagged with: a quote then
belongs on that page even when its words name nothing ("our sales rose"). No description, no
guess: the story's dateline is where the reporter was, not whom a speaker serves.
"""

from __future__ import annotations

import re

from ..knowledge import Knowledge
from .quotes import _forms, _mentions

BEFORE_WORDS = 8  # the description before a name: "Chinese Foreign Ministry spokesman"
AFTER_CHARS = 90  # an apposition after it: ", a spokesman for China's foreign ministry,"
_CLAUSE_END = re.compile(r"[.;:!?“”\"«»„\n]|,\s(?!\w+[’']s\b)")
_APPOSITION_END = re.compile(r"[.;:!?“”\"«»„\n]|,")


def _first_mention(body: str, speaker: str) -> tuple[int, int] | None:
    found = [(start, -len(form)) for form, whole_word in _forms(speaker) if form in body
             for start in _mentions(form, body, whole_word)]
    if not found:
        return None
    start, negative_length = min(found)  # the first mention, in its longest form
    return start, start - negative_length


def _description(body: str, start: int, end: int) -> tuple[str, str]:
    """The words before the name, back to the start of its clause, and an apposition after it."""
    before = body[max(0, start - 200):start]
    cut = list(_CLAUSE_END.finditer(before))
    before = " ".join(before[cut[-1].end():].split()[-BEFORE_WORDS:]) if cut else " ".join(before.split()[-BEFORE_WORDS:])
    after = ""
    if body[end:end + 2].startswith(", "):
        rest = body[end + 2:end + 2 + AFTER_CHARS]
        stop = _APPOSITION_END.search(rest)
        after = rest[:stop.start()] if stop else ""
    return before, after


def _has_role(text: str, roles: frozenset[str]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(role)}(?!\w)", folded) for role in roles if role in folded)


def speaking_for(body: str, speakers: set[str], countries: list[str], companies: list[str],
                 knowledge: Knowledge) -> dict[str, str]:
    """Speaker -> the company or country (as the article is tagged with it) they speak for."""
    found: dict[str, str] = {}
    for speaker in sorted(speakers):
        where = _first_mention(body, speaker)
        if where is None:
            continue
        before, after = _description(body, *where)
        for text, nearest_last in ((before, True), (after, False)):
            if not text or not _has_role(text, knowledge.roles):
                continue
            named = _named(text, countries, companies, knowledge)
            if named:
                found[speaker] = named[-1] if nearest_last else named[0]
                break
    return found


def _named(text: str, countries: list[str], companies: list[str], knowledge: Knowledge) -> list[str]:
    names = []
    for match in knowledge.gazetteer.find(text):
        for entry in match.entries:
            if entry.kind == "company" and entry.value in companies:
                names.append(entry.value)
                break
            if entry.kind == "country" and knowledge.country_name(entry.value) in countries:
                names.append(knowledge.country_name(entry.value))
                break
    return names
