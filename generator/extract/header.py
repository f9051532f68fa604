"""The top of a clipping: headline, mastheads, bylines and date lines, before the story begins.

Title, date and source are read from here first; the story's own prose is never mined for a
publication date, because dates in prose are events ("on Dec. 1"), not publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clean import CJK, SENTENCE_END, Cleaned, Line
from ..words import ascii_form
from .dates import FoundDate, find_dates

HEADER_MAX_LINES = 15
PROSE_MIN_WORDS = 25  # decks and standfirsts are shorter than this; story paragraphs rarely are
LINK_BAR_MIN_WORDS = 18
BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av)\s+(?P<names>[^|]+?)(?:\s*[|,]\s*.*)?$", re.IGNORECASE)
BYLINE_BEFORE_DATELINE = re.compile(r"^(?:by|von|par|por|di|door|av)\s+(?P<names>(?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+)\s+(?=[A-Z]{3,})")
META_WORDS = re.compile(
    r"\b(?:updated?|published|posted|last modified|modified|date|am|pm|ist|gmt|utc|est|edt|"
    r"cet|cest|jst|bst|hkt|sgt|by|print this post|print)\b|\b[ap]\.m\.|\d{1,2}:\d{2}|[|,:•·]",
    re.IGNORECASE,
)
STOP = re.compile(r"[.!?]")
NOT_IN_LINK_BAR = re.compile(r"[.!?;:\"“”]")
BY = re.compile(r"(?:by|von|par|por|di|door|av)\s", re.IGNORECASE)  # how every byline starts
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .,'’-]{1,40}?)(?:,\s*(?P<when>[^()]{3,30}?))?\s*"
    r"\((?P<credit>[^()]{2,40})\)\s*[-–—]"
)


@dataclass
class Header:
    lines: list[Line]  # content lines before the story's first paragraph of prose
    story_start: int  # index in the cleaned content of the first prose paragraph
    dates: list[tuple[Line, FoundDate]] = field(default_factory=list)
    meta_lines: set[Line] = field(default_factory=set)  # lines that are metadata only


def is_prose(line: Line) -> bool:
    if _is_cjk_heavy(line.text):
        return len(line.text) >= 60 and bool(SENTENCE_END.search(line.text))
    return line.words >= PROSE_MIN_WORDS and bool(STOP.search(line.text))


def is_link_bar(line: Line) -> bool:
    """A row of headline links or topics run together ("Pence gets COVID-19 vaccine Moderna
    vaccine SolarWinds cyberattack ..."): long, no sentence punctuation, and dense with the
    capitalised words that start each headline (a deck under a headline is not)."""
    if line.words < LINK_BAR_MIN_WORDS or NOT_IN_LINK_BAR.search(line.text):
        return False
    words = line.text.split()[1:]
    return sum(1 for w in words if w[:1].isupper()) >= 0.35 * len(words)


def _is_cjk_heavy(text: str) -> bool:
    if ascii_form(text) is not None:  # nothing but ASCII and typography: no CJK
        return not text.replace(" ", "")
    dense = len(CJK.findall(text))
    return dense * 2 >= len(text.replace(" ", ""))


def _story_start(content: list[Line]) -> int:
    """Index of the first prose paragraph; the header is everything before it. Without a long
    paragraph near the top, the first full sentence of a dozen words or more starts the story."""
    top = content[:HEADER_MAX_LINES + 1]
    for test in (is_prose, _is_sentence):
        index = next((i for i, line in enumerate(top) if test(line)), None)
        if index is not None:
            return index
    return min(len(content), HEADER_MAX_LINES)


MAX_META_CHARS = 300  # a line of a date, a time, a byline and a masthead is never longer


def _is_sentence(line: Line) -> bool:
    return line.words >= 12 and bool(SENTENCE_END.search(line.text))


def read_header(cleaned: Cleaned) -> Header:
    content = cleaned.content()
    start = _story_start(content)
    bars = [line for line in content[:start] if is_link_bar(line)]
    for line in bars:
        line.noise = "row of links"
    if bars:
        content = cleaned.content()
        start = _story_start(content)
    if _drop_teaser(cleaned.lines, content[start] if start < len(content) else None):
        content = cleaned.content()
        start = _story_start(content)
    header = Header(lines=content[:start], story_start=start)
    for line in header.lines:
        for found in find_dates(line.text):
            if is_meta_line(line.text, found):
                header.dates.append((line, found))
                header.meta_lines.add(line)
    if not header.dates:
        # A standfirst or a photo caption can come before the byline and date line: such a
        # line just inside the story counts when it says what it is ("By ...", "Updated ...").
        for line in content[start:start + STORY_META_LINES]:
            found = next((f for f in find_dates(line.text) if is_meta_line(line.text, f)), None)
            if found and (STATED_META.search(line.text) or not _rest(line.text, found).strip()):
                header.dates.append((line, found))
                header.meta_lines.add(line)
                break
    return header


STORY_META_LINES = 4
STATED_META = re.compile(r"^(?:by|updated|published|posted|last updated|modified)\b", re.IGNORECASE)


def _rest(text: str, found: FoundDate) -> str:
    return text[: found.start] + " " + text[found.end:]


TEASER_MAX_LINES = 12  # how far below a page's teaser the story it announces may start


def _drop_teaser(lines: list[Line], first: Line | None) -> bool:
    """A page that opens with its first paragraphs as a teaser, then the headline and the story
    from its start: the story is the copy below (cleaning took it for a repeat), the teaser above
    is the noise. Whether it found one."""
    if first is None or first.words < 12:
        return False
    at = lines.index(first)
    text = " ".join(first.text.split())
    for repeat in range(at + 1, min(len(lines), at + TEASER_MAX_LINES)):
        if lines[repeat].noise == "repeated line" and " ".join(lines[repeat].text.split()) == text:
            copies = {" ".join(line.text.split()): line for line in lines[repeat:repeat + (repeat - at)]
                      if line.noise == "repeated line"}
            for line in lines[at:repeat]:
                copy = copies.get(" ".join(line.text.split()))
                if line.noise is None and copy is not None:
                    line.noise, copy.noise = "teaser repeated below", None
            return True
    return False


def is_meta_line(text: str, found: FoundDate | None = None) -> bool:
    """A line that only carries a date, a time, a byline or a masthead, not a headline."""
    if len(text) > MAX_META_CHARS:
        return False
    rest = text if found is None else _rest(text, found)
    rest = META_WORDS.sub(" ", rest)
    return len(rest.split()) <= 6


def byline_names(text: str) -> list[str]:
    """Names in a byline such as "By Mathieu Rosemain and Sudip Kar-Gupta", or one that runs
    into the dateline ("par Supantha Mukherjee STOCKHOLM (Reuters) - ...")."""
    if not BY.match(text):
        return []
    match = BYLINE.match(text) if len(text.split()) <= 12 else None
    match = match or BYLINE_BEFORE_DATELINE.match(text)
    if not match:
        return []
    parts = re.split(r"\s*(?:,|\band\b|\bund\b|\bet\b|\be\b|&)\s*", match.group("names"))
    return [p.strip() for p in parts if p.strip()]


def dateline(text: str) -> re.Match | None:
    """``TOKYO (Dow Jones) —`` or ``PARIS, Jan 31 (Reuters) -`` at the start of a paragraph."""
    return DATELINE.match(text)


NAME_WORD = re.compile(r"(?:[A-Z][a-zà-ÿ]*\.|(?:Mc|Mac|O[’']|D[’'])?[A-ZÀ-Þ][a-zà-ÿ'’-]+)")
NAME_PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "al", "el", "le", "la", "du", "di"}


def names_only(text: str, not_names: set[str]) -> list[str]:
    """The names of a line that is nothing but people's names ("Nassim Khadem and Daniel
    Ziffer", "Jane Doe"): an author line without "By". Each name has two to four words."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\band\b|&)\s*", text.strip()) if p.strip()]
    if not parts or len(parts) > 6:
        return []
    for part in parts:
        words = part.split()
        if not 2 <= len(words) <= 4 or words[0] in not_names or words[-1] in not_names:
            return []
        if not all(NAME_WORD.fullmatch(w) or w in NAME_PARTICLES for w in words) or words[0] in NAME_PARTICLES:
            return []
    return parts
