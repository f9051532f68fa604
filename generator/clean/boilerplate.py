"""What cleaning knows of scraping noise: the rules of ``data/boilerplate.yml`` (and the user's
registry), compiled once per build."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

import ahocorasick_rs


def _any_of(patterns: list[str]) -> re.Pattern:
    """One case-insensitive regular expression matching any of ``patterns`` (never matches when empty)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


PROSE_WORDS = 80  # a line this long is a paragraph of the article, not a line of the site's


@dataclass
class Boilerplate:
    line_patterns: list[str]
    phrases: list[str]
    tail_max_words: int
    tail_min_run: int
    tail_min_run_without_marker: int
    tail_markers: list[str]
    tail_headings: list[str] = field(default_factory=list)

    @classmethod
    def from_data(cls, noise: dict) -> "Boilerplate":
        """The rules as ``boilerplate.yml`` writes them."""
        tail = noise.get("tail_list") or {}
        return cls(line_patterns=list(noise.get("line_patterns") or []),
                   phrases=[p.casefold() for p in noise.get("phrases") or []],
                   tail_max_words=int(tail.get("max_words", 4)),
                   tail_min_run=int(tail.get("min_run", 3)),
                   tail_min_run_without_marker=int(tail.get("min_run_without_marker", 5)),
                   tail_markers=[m.casefold() for m in tail.get("markers") or []],
                   tail_headings=list(noise.get("tail_headings") or []))

    def __post_init__(self) -> None:
        self._lines = _any_of(self.line_patterns)
        self._headings = _any_of(self.tail_headings)
        self._phrases = ahocorasick_rs.AhoCorasick(self.phrases) if self.phrases else None

    def __getstate__(self) -> dict:  # the lists only: the automaton does not pickle
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def is_tail_heading(self, line: str) -> bool:
        return self._headings.fullmatch(line) is not None

    def noise_of(self, lines: list[str], folded: list[str]) -> list[bool]:
        """For each of a text's lines (``folded``: each case-folded), whether it holds one of the
        phrases or matches one of the line patterns whole. The phrases are looked for in all the
        lines at once: none holds a line break, so none spans two lines. A paragraph of prose
        (``PROSE_WORDS`` words or more) that holds a phrase is kept: a scraper that ran the
        whole article into one line also ran the site's "Our standards" line into it."""
        noisy = [False] * len(lines)
        if self._phrases and lines:
            ends = list(accumulate(len(f) + 1 for f in folded))  # where each line's text ends, "\n" included
            for _, start, _ in self._phrases.find_matches_as_indexes("\n".join(folded)):
                index = bisect_right(ends, start)
                noisy[index] = noisy[index] or len(lines[index].split(None, PROSE_WORDS)) <= PROSE_WORDS
        fullmatch = self._lines.fullmatch
        return [found or fullmatch(line) is not None for found, line in zip(noisy, lines)]
