"""Stage 2: split a clipping into lines and mark scraping noise.

Cleaning never rewrites words; it only decides which lines belong to the article. What counts
as noise is data (``data/boilerplate.yml``), and every dropped line keeps the reason, so a
person can see why text disappeared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..words import ascii_form
from .boilerplate import Boilerplate

BULLETS = "•·▪◦●‣∙*>»"
CRAWLER_HEADER = re.compile(r"\A\s*date (\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
TAIL_HEADING = "heading of other stories"
# Bullets and quotation marks that open a line ("• ", "> > "), however many: one pass.
LEADING_BULLETS = re.compile(rf"(?:[{re.escape(BULLETS)}](?:[ \t,]+|$))+")
SENTENCE_END = re.compile(r"[.!?。！？…]['\"’”)]*$")


class _computed_once:
    """A read-only attribute computed on first use and then stored on the instance, as
    ``functools.cached_property`` does, but without the lock it takes on Python 3.11 (a cost
    paid for every line of every article)."""

    def __init__(self, compute):
        self.compute, self.name = compute, compute.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(eq=False)  # lines are told apart as lines: two lines of the same text are two
class Line:
    text: str  # trimmed, bullets removed
    noise: str | None = None  # why the line is not article text, or None

    @_computed_once
    def words(self) -> int:
        return count_words(self.text)


@dataclass
class Cleaned:
    lines: list[Line]
    crawler_date: str | None  # "YYYY-MM-DD" or "YYYY-MM" from a crawler's header line

    def content(self) -> list[Line]:
        return [line for line in self.lines if line.noise is None]


# A Chinese, Japanese or Korean character (Hangul included), for telling CJK text from spaced text.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
DENSE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[^\W\d_]+[\w'’-]*|\d[\d.,]*")


# The same, for the ASCII form of a text (``words.ascii_form``, where the curly apostrophe is
# the straight one): the same matches, faster. (A class of ASCII only is a table lookup per
# character; one more character beyond Latin-1 would make it a slower two-level lookup.)
ASCII_WORD = re.compile(r"[A-Za-z]+[A-Za-z0-9_'-]*|[0-9][0-9.,]*")
# Both, ending in an empty group, for counting: ``findall`` then lists that group, the one empty
# string each time, instead of making a new string of every word (twice as fast).
_COUNTED_WORD = re.compile(f"(?:{WORD.pattern})()")
_COUNTED_ASCII_WORD = re.compile(f"(?:{ASCII_WORD.pattern})()")


def count_words(text: str) -> int:
    """Words in spaced scripts, plus one per Chinese or Japanese character (a fair measure of
    reading length for scripts that do not separate words)."""
    plain = ascii_form(text)
    if plain is not None:
        return len(_COUNTED_ASCII_WORD.findall(plain))
    runs = DENSE_RUN.findall(text)
    return len(_COUNTED_WORD.findall(text)) - len(runs) + sum(map(len, runs))


def normalise_line(raw: str) -> str:
    text = raw if raw.isascii() else raw.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = text.strip()
    if text[:1] in BULLETS and (leading := LEADING_BULLETS.match(text)):
        text = text[leading.end():].rstrip(" \t,")
    return " ".join(text.split())


def clean(text: str, boilerplate: Boilerplate) -> Cleaned:
    crawler_date = None
    header = CRAWLER_HEADER.match(text)
    if header:
        crawler_date = header.group(1)
        text = text[header.end():]
    # (the empty lines between paragraphs are dropped before they are normalised to nothing)
    lines = [Line(line) for line in map(normalise_line, filter(None, text.split("\n"))) if line]
    folded = [line.text.casefold() for line in lines]  # (case-folding text beyond ASCII costs: once a line)
    for line, noisy in zip(lines, boilerplate.noise_of([line.text for line in lines], folded)):
        if noisy:
            line.noise = "boilerplate"
    _drop_after_tail_heading(lines, boilerplate)
    _drop_edge_lists(lines, boilerplate)
    _drop_repeats(lines, folded)
    return Cleaned(lines, crawler_date)


def _drop_after_tail_heading(lines: list[Line], boilerplate: Boilerplate) -> None:
    """From a "Popular Stories" heading in the second half of a clipping to its end is not the article."""
    for index in range(len(lines) // 2, len(lines)):
        if boilerplate.is_tail_heading(lines[index].text):
            lines[index].noise = TAIL_HEADING
            for line in lines[index + 1:]:
                line.noise = line.noise or "other stories after a heading"
            return


def _is_list_item(line: Line, boilerplate: Boilerplate) -> bool:
    return line.words <= boilerplate.tail_max_words and not SENTENCE_END.search(line.text)


def _drop_edge_lists(lines: list[Line], boilerplate: Boilerplate) -> None:
    """Drop runs of short list items at the end of a clipping ("Trending: ...") ."""
    run: list[Line] = []
    for line in reversed(lines):
        if line.noise is not None:
            if run:
                run.append(line)
            continue
        if not _is_list_item(line, boilerplate):
            break
        run.append(line)
    items = [line for line in run if line.noise is None]
    has_marker = any(m in line.text.casefold() for line in run for m in boilerplate.tail_markers)
    if (has_marker and len(items) >= boilerplate.tail_min_run) or len(items) >= boilerplate.tail_min_run_without_marker:
        for line in items:
            line.noise = "list at the end of the page"


def _drop_repeats(lines: list[Line], folded: list[str]) -> None:
    """A line that repeats an earlier one word for word (a headline printed twice) is noise;
    ``folded``: each line's text case-folded."""
    seen: set[str] = set()
    for line, key in zip(lines, folded):
        if line.noise is not None:
            continue
        if key in seen and line.words >= 3:
            line.noise = "repeated line"
        seen.add(key)
