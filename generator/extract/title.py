"""The headline: the first headline-like line at the top of the clipping.

A trailing " – Publication" or " | Section" is split off (the publication becomes a source
candidate). A clipping without a headline gets a title made from its lead sentence, and the page
is flagged for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..clean import SENTENCE_END, Line
from ..words import shortened
from .header import Header, byline_names

SUFFIX = re.compile(r"^(?P<title>.{12,}?)\s+(?P<sep>[–—|]|-{1,2})\s+(?P<tail>[^–—|]{2,60})$")
GENERIC_TAILS = {
    "report", "reports", "update", "updated", "analysis", "opinion", "exclusive", "video", "live",
    "explainer", "interview", "photos", "podcast", "breaking", "sources", "source", "official",
    "media", "study", "survey",
}
MAX_TITLE_CHARS = 250
PASSED_OVER_MAX_WORDS = 7  # a line above the headline this short is a promo, a label or a date bar
KICKER_MAX_WORDS = 3  # "Company News", "Breaking": a section label above the headline
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
MADE_UP_MAX_CHARS = 90


@dataclass
class TitleResult:
    title: str
    line: Line | None  # the line the title came from, or None when made up
    publication: str | None  # a publication named after the headline
    made_up: bool


def _headline_like(line: Line) -> bool:
    text = line.text
    if len(text) > MAX_TITLE_CHARS or line.words < 2:
        return False
    if SENTENCE_END.search(text) and not text.endswith(("?", "!", "?”", "?\"", "”", "\"")):
        return False
    return not byline_names(text)


def split_tail(text: str, is_publication) -> tuple[str, str | None]:
    """(title, publication) for "Headline – Publication" or "Headline | Section"."""
    match = SUFFIX.match(text)
    if not match:
        return text, None
    tail = match.group("tail").strip()
    if tail.casefold() in GENERIC_TAILS:
        return text, None
    words = tail.split()
    looks_named = all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in {"al", "el", "de", "of", "the", "and"} for w in words)
    if is_publication(tail) or (looks_named and len(words) >= 2 and match.group("sep") in "–—-"):
        return match.group("title").strip(), tail
    if match.group("sep") == "|" and len(words) <= 3 and looks_named:
        return match.group("title").strip(), None  # a section name dropped
    return text, None


def find_title(header: Header, lead: str, is_publication, skip: set[Line] = frozenset(),
               is_names=lambda text: False) -> TitleResult:
    """The first headline-like line of the header. Short lines that are not (a promo line such as
    "One app.", a search box, a clock, the authors' names) are passed over; a longer one ends
    the search. So is a kicker: a label of a few words right above a longer headline."""
    lines = [line for line in header.lines if line not in header.meta_lines and line not in skip]
    for i, line in enumerate(lines):
        if not _headline_like(line) or CLOCK.search(line.text) or is_names(line.text):
            if line.words <= PASSED_OVER_MAX_WORDS:
                continue
            break
        following = lines[i + 1] if i + 1 < len(lines) else None
        if line.words <= KICKER_MAX_WORDS and following is not None and _headline_like(following) \
                and following.words >= line.words + 3 and not is_names(following.text):
            continue
        title, publication = split_tail(line.text, is_publication)
        return TitleResult(title, line, publication, made_up=False)
    return TitleResult(title_from_lead(lead), None, None, made_up=True)


def title_from_lead(lead: str) -> str:
    """A short title from the lead sentence: its first clause, cut at a word boundary."""
    sentence = re.split(r"(?<=[.!?。])\s", lead.strip(), maxsplit=1)[0].strip()
    if len(sentence) <= MADE_UP_MAX_CHARS:
        return sentence.rstrip(".")
    return shortened(sentence, MADE_UP_MAX_CHARS, ",;:–— ")
