"""An article's summary: its lead."""

from __future__ import annotations

from ..words import shortened
from .sentences import sentences

SUMMARY_MAX_CHARS = 300


def summarise(lines) -> str:
    """The lead: the opening sentences of the body's first real paragraph (a deck or the first
    paragraph of the story), at most ``SUMMARY_MAX_CHARS``."""
    for line in lines:
        if line.words < 12:
            continue
        summary = ""
        for sentence in sentences(line.text):
            if summary and len(summary) + len(sentence) + 1 > SUMMARY_MAX_CHARS:
                break
            summary = f"{summary} {sentence}".strip()
        return shortened(summary, SUMMARY_MAX_CHARS)
    return ""
