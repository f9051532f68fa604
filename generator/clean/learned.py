"""Boilerplate learned from the briefing's own corpus.

A short line that appears in several different clippings ("Copyright Hilltop Media 2024",
"Read our coverage of the elections") is the furniture of the site they came from, whatever the
fixed lists say. Such lines are dropped from article bodies and from entity extraction; title,
date and source detection still see them, so a masthead every clipping shares keeps working.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from ..words import folded_letter_runs

MIN_INPUTS = 3  # in this many different inputs, a line is the site's, not the story's
MAX_WORDS = 15  # longer lines are prose: a story's sentences can be quoted by others


PROSE_CHARS = 120  # a line with more words than MAX_WORDS in this many characters is prose


def line_key(text: str) -> str | None:
    """A stable key for a short line, ignoring case, digits and punctuation; None for long lines."""
    # Most of a clipping's text is long lines: their opening runs of letters tell (each run there
    # is, or begins, a run of the whole line).
    if len(text) > PROSE_CHARS and len(folded_letter_runs(text, PROSE_CHARS)) > MAX_WORDS:
        return None
    words = folded_letter_runs(text)
    if not words or len(words) > MAX_WORDS:
        return None
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()


def keys_of(text: str) -> tuple[list[str], dict[str, str | None]]:
    """One input's distinct line keys (what learning counts, and the cache keeps), and each of its
    lines, trimmed, with its key (what the extractor looks up instead of keying a line again)."""
    lines = {trimmed: line_key(trimmed) for trimmed in (line.strip() for line in filter(None, text.split("\n")))
             if trimmed}
    keys = set(lines.values())
    keys.discard(None)
    return sorted(keys), lines


def learn(per_input: list[list[str]]) -> frozenset[str]:
    """Keys of lines found in at least MIN_INPUTS different inputs."""
    counts = Counter(key for keys in per_input for key in set(keys))
    return frozenset(key for key, count in counts.items() if count >= MIN_INPUTS)
