"""What the name rules share: the shape of a capitalised word, and the bookkeeping of which
stretches of the text a name already took."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import Knowledge

COMPANY_WORD = r"[A-Z][\w&'’-]*(?:\.[A-Za-z]+)*"
CAPITALISED_RUN = re.compile(rf"{COMPANY_WORD}(?:[ \t]+{COMPANY_WORD}){{0,4}}")


def overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def trim_leading(words: list[str], knowledge: Knowledge) -> list[str]:
    while words and words[0] in knowledge.leading_words:
        words = words[1:]
    return words


_POSSESSIVE_OR_PUNCTUATION = re.compile(r"(?:['’]s?)?[.,;:]*$")


@lru_cache(maxsize=4096)  # the same capitalised words recur across a briefing
def bare(word: str) -> str:
    """A word without trailing punctuation or a possessive ("Times’," -> "Times")."""
    return _POSSESSIVE_OR_PUNCTUATION.sub("", word, count=1)
