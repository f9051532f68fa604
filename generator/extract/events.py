"""Dates of events stated inside an article, resolved against the article's own date.

"starting in April next year" in an article of 10 December 2018 is April 2019; "on Dec. 1" is
1 December 2018 (of the years around it, the one nearest the article); "next Monday" is the Monday
after the article; a full date ("5 March 2019") needs nothing to resolve it. Without the article's
own date only full dates and month-year dates can be placed. The article's own day is not an
event: it is the article.

An event is ``{"date": "YYYY-MM-DD" or "YYYY-MM", "text": the sentence that states it}``. Words
that place a date relative to another ("next year", weekdays) are data (``dates.yml``), month names
come from CLDR (``dates.month_names``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..knowledge import data_file
from ..knowledge.datacache import cldr_names
from ..words import LETTERS, letter_runs, shortened
from ..words.alternation import alternation, search_word_start
from .dates import _plain, find_dates, free_of, month_names, month_spellings
from .sentences import sentences

PER_ARTICLE = 8
MAX_CHARS = 300


@lru_cache(maxsize=1)
def _words() -> dict:
    data = data_file("dates.yml")
    weekdays: dict[str, int] = {}
    weekday_spellings: set[str] = set()  # as written ("miércoles") and folded ("miercoles")
    locales = tuple(data.get("weekday_locales") or ["en"])
    for number, name in cldr_names("weekdays", locales, lambda locale: list(locale.days["format"]["wide"].items())):
        weekdays.setdefault(_plain(name), number)  # Monday = 0
        weekday_spellings |= {_plain(name), name.casefold()}
    lists = {key: [str(w) for w in data.get(key) or []]
             for key in ("next_year", "last_year", "this_year", "future_markers", "next_words", "last_words")}
    folded = {key: {w.casefold() for w in words} for key, words in lists.items()}
    future = re.compile(r"\b" + alternation(lists["future_markers"], casefold=True) + r"\b", re.IGNORECASE)
    months = [m[:1].upper() + m[1:] for m in month_spellings() if " " not in m and "’" not in m]
    weekday_names = sorted(w[:1].upper() + w[1:] for w in weekday_spellings)
    return {"lists": lists, "folded": folded, "future": future, "weekdays": weekdays, "months": months,
            "weekday_names": weekday_names,
            # the first word of each name ("Quarta" of "Quarta-feira"), to tell quickly whether a
            # sentence can hold one
            "month_set": frozenset(LETTERS.match(m).group(0) for m in months),
            "weekday_set": frozenset(LETTERS.match(w).group(0) for w in weekday_names)}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    words = _words()
    lists = words["lists"]
    # Capitalised month names only: "may", "march" and "ago" are words too.
    month = "(?P<mon>" + alternation(words["months"]) + r"\.?)"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?"
    relative_year = rf"(?P<rel>{alternation(lists['next_year'] + lists['last_year'] + lists['this_year'])})"
    weekday = "(?P<wd>" + alternation(words["weekday_names"]) + ")"
    return [
        ("month rel", re.compile(rf"\b{month}\s+(?:of\s+)?{relative_year}\b")),
        ("month day", re.compile(rf"\b{month}\s+{day}\b(?!,?\s+(?:19|20)\d\d)(?![\d:])")),
        ("day month", re.compile(rf"(?<![\d.]){day}\.?\s+{month}(?!\s*,?\s*(?:19|20)\d\d)")),
        ("month year", re.compile(rf"\b{month},?\s+(?P<y>(?:19|20)\d\d)\b")),
        ("month", re.compile(rf"\b(?:in|from|since|until|by|before|after|starting|through|end of|early|late|mid-)\s*{month}(?![\w-])(?!\s+[0-3]?\d\b)")),
        ("weekday", re.compile(rf"(?:\b(?P<which>{_which(lists)})\s+)?\b{weekday}\b")),
    ]


def _which(lists: dict) -> str:
    return alternation(lists["next_words"] + lists["last_words"])


@lru_cache(maxsize=1)
def _trigger() -> tuple[re.Pattern, re.Pattern]:
    """What every stated date contains: a month or weekday name (a whole word, or the first part
    of one such as "Quarta-feira"), or digits shaped like a date. Paragraphs without one are not
    looked at further."""
    words = _words()
    names = re.compile(alternation(words["months"] + words["weekday_names"]) + r"(?![^\W\d_])")
    digits = re.compile(r"\d(?:\d{3}-\d\d-\d\d|[./]\d{1,2}[./](?:19|20)\d\d|\d{3}\s*[年년])")
    return names, digits


def _may_state_a_date(text: str) -> bool:
    names, digits = _trigger()
    return search_word_start(names, text) is not None or digits.search(text) is not None


def find_events(body: str, published: dt.date | None) -> list[dict[str, str]]:
    """The events stated in ``body``, in text order, each once."""
    events: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for paragraph in body.split("\n\n"):
        if not _may_state_a_date(paragraph):
            continue
        for sentence in sentences(paragraph):
            if sentence != paragraph and not _may_state_a_date(sentence):  # (a paragraph of one sentence passed)
                continue
            text = None
            for date in _dates_in(sentence, published):
                if published and date == published.isoformat():
                    continue
                text = text or _tidy(sentence)
                if (date, text) not in seen:
                    seen.add((date, text))
                    events.append({"date": date, "text": text})
            if len(events) >= PER_ARTICLE:
                return events
    return events


def _dates_in(sentence: str, published: dt.date | None) -> list[str]:
    found = [(f.start, f.end, f.date.isoformat()) for f in find_dates(sentence)]
    words = _words()
    # Where the first word of the future ("will", "next") ends: a date after it is ahead.
    future = words["future"].search(sentence)
    future_end = future.end() if future else None
    # Each rule names a month or a weekday: rules whose names the sentence lacks are not tried.
    present = frozenset(letter_runs(sentence))
    has_month, has_weekday = not present.isdisjoint(words["month_set"]), not present.isdisjoint(words["weekday_set"])
    for rule, pattern in _patterns():
        if not (has_weekday if rule == "weekday" else has_month):
            continue
        taken = sorted((start, end) for start, end, _ in found)
        for match in free_of(taken, pattern.finditer(sentence)):
            date = _resolve(rule, match, sentence, published, words, future_end)
            if date:
                found.append((match.start(), match.end(), date))
    return [date for _start, _end, date in sorted(found)]


def _resolve(rule: str, match: re.Match, sentence: str, published: dt.date | None, words: dict,
             future_end: int | None) -> str | None:
    groups = match.groupdict()
    month = month_names().get(_plain(groups["mon"])) if groups.get("mon") else None
    if rule == "month year":
        return f"{int(groups['y']):04d}-{month:02d}"
    if published is None:
        return None
    if rule == "month rel":
        rel, folded = groups["rel"].casefold(), words["folded"]
        shift = 1 if rel in folded["next_year"] else -1 if rel in folded["last_year"] else 0
        return f"{published.year + shift:04d}-{month:02d}"
    if rule in ("month", "month day", "day month"):
        # No year stated: news mostly reports what happened, so the date is the latest one not
        # after the article (a month of slack), unless the sentence speaks of the future first.
        day = int(groups["d"]) if rule != "month" else 1
        ahead = future_end is not None and future_end <= match.start()
        year = published.year
        for candidate in (published.year - 1, published.year, published.year + 1):
            try:
                when = dt.date(candidate, month, day)
            except ValueError:
                return None
            if ahead and when >= published - dt.timedelta(days=31):
                year = candidate
                break
            if not ahead and when <= published + dt.timedelta(days=31):
                year = candidate
        return f"{year:04d}-{month:02d}" if rule == "month" else dt.date(year, month, day).isoformat()
    if rule == "weekday":
        target = words["weekdays"][_plain(groups["wd"])]
        which = (groups.get("which") or "").casefold()
        future = which in words["folded"]["next_words"] or (
            not which and words["future"].search(sentence, max(0, match.start() - 40), match.start()) is not None)
        if future:
            return (published + dt.timedelta(days=(target - published.weekday() - 1) % 7 + 1)).isoformat()
        back = (published.weekday() - target) % 7
        if which in words["folded"]["last_words"] and back == 0:
            back = 7
        return (published - dt.timedelta(days=back)).isoformat()
    return None


def _tidy(sentence: str) -> str:
    return shortened(" ".join(sentence.split()), MAX_CHARS)
