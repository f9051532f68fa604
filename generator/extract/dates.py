"""Publication dates stated in a clipping, in many formats and languages.

Month names come from CLDR (babel) for every language in ``MONTH_LOCALES``. Only absolute dates
with a day, a month and a year are returned; a relative date ("6 hours ago", "Monday") is never
turned into one, because nothing in a clipping says when it was saved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import fold
from ..knowledge.datacache import cldr_names
from ..words.alternation import alternation

MONTH_LOCALES = ("en", "de", "fr", "es", "pt", "it", "nl", "sv", "da", "nb", "pl", "id", "tr", "ro", "ca")


def _plain(text: str) -> str:
    """A month or weekday name as looked up: folded (case, accents) and without its full stop."""
    return fold(text).rstrip(".")


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Folded month name or abbreviation -> month number, across ``MONTH_LOCALES``."""
    names: dict[str, int] = {}
    for number, name in _cldr_months():
        key = _plain(name)
        if len(key) >= 3 and not key.isdigit():
            names.setdefault(key, number)
    names.update({"sept": 9, "juli": 7, "juni": 6, "mai": 5})
    return names


@lru_cache(maxsize=1)
def month_spellings() -> list[str]:
    """Month names as text writes them (lower case, accents kept: "märz", "février") and folded
    ("marz"), for finding them; look the number up with ``month_names()[_plain(found)]``."""
    names = month_names()
    spellings = set(names) | {name.casefold().rstrip(".") for _, name in _cldr_months() if _plain(name) in names}
    return sorted(spellings, key=lambda s: (-len(s), s))


@lru_cache(maxsize=1)
def _cldr_months() -> list[tuple[int, str]]:
    """(number, name) of every wide and abbreviated month name in ``MONTH_LOCALES``."""
    return cldr_names("months", MONTH_LOCALES, lambda locale: [
        (number, name) for context in ("format", "stand-alone") for width in ("wide", "abbreviated")
        for number, name in locale.months[context][width].items()])


def _month_pattern() -> str:
    return alternation(month_spellings()) + r"\.?"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str]]:
    month = _month_pattern()
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
    year = r"(?P<y>(?:19|20)\d\d)"
    flags = re.IGNORECASE
    return [
        (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), "iso"),
        (re.compile(r"(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"), "cjk"),
        (re.compile(rf"(?<![\w]){day}[\s.-]*(?:de\s+)?(?P<mon>{month})[\s,.-]*(?:de\s+)?{year}(?!\d)", flags), "day month year"),
        (re.compile(rf"(?<![\w])(?P<mon>{month})\s+{day},?\s+{year}(?!\d)", flags), "month day year"),
        (re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)(?![\d])"), "d.m.y"),
    ]


# What every pattern above holds: text without it is not searched further.
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int
    rule: str


def find_dates(text: str) -> list[FoundDate]:
    """Every absolute date in ``text``, left to right, without overlaps."""
    if not _YEAR.search(text):
        return []
    return list(_dates_of(text))


@lru_cache(maxsize=4096)  # the lines at the top are read for the date, then for the masthead
def _dates_of(text: str) -> tuple[FoundDate, ...]:
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, rule in _patterns():
        for match in free_of(taken, pattern.finditer(text)):
            date = _to_date(match)
            if date is not None:
                found.append(FoundDate(date, *match.span(), rule))
        taken = sorted((f.start, f.end) for f in found)
    return tuple(sorted(found, key=lambda f: f.start))


def free_of(taken: list[tuple[int, int]], matches):
    """The ``matches`` (of one pattern, left to right) that overlap none of the spans ``taken``
    (sorted, not overlapping): one pass over both, however many there are."""
    index = 0
    for match in matches:
        start, end = match.span()
        while index < len(taken) and taken[index][1] <= start:
            index += 1
        if index < len(taken) and taken[index][0] < end:
            continue
        yield match


def _to_date(match: re.Match) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("mon"):
        month = month_names().get(_plain(groups["mon"]))
    else:
        month = int(groups["m"])
    if not month:
        return None
    try:
        return dt.date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None


def parse_crawler_date(value: str | None) -> dt.date | None:
    """A crawler header gives ``YYYY-MM-DD`` (a date) or ``YYYY-MM`` (no day: not a date)."""
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
