"""Sentences of a paragraph, for the extractors that read sentence by sentence (quotes, event
dates, the summary)."""

from __future__ import annotations

import re
from functools import lru_cache

# A full stop, question or exclamation mark (with its closing quotation mark) before space and a
# capital or an opening quotation mark; a CJK full stop ends a sentence on its own.
_END = re.compile(r"[.!?][\"”’]?(?=\s+[A-Z“\"„«‘])|[。！？][」”]?")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "gen", "gov", "sen", "rep", "lt", "col", "inc", "corp", "co",
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs"}
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")


WORD_WINDOW = 40  # longer than any abbreviation or run of initials


def _word_before(paragraph: str, start: int, end: int) -> str:
    """The word that ends at ``end`` (not before ``start``), looked for within ``WORD_WINDOW``
    characters: "" for a longer one, which is no abbreviation."""
    low = max(start, end - WORD_WINDOW)
    window = paragraph[low:end]
    parts = window.rsplit(None, 1)
    if low > start and len(parts) < 2 and not window[:1].isspace():
        return ""
    return parts[-1] if parts else ""


@lru_cache(maxsize=256)  # quotes, events and the summary each read the same paragraphs
def sentences(paragraph: str) -> tuple[str, ...]:
    """The sentences of a paragraph; "Mr. Abe", "Dec. 1" and "U.S. officials" do not end one."""
    out, start = [], 0
    for match in _END.finditer(paragraph):
        if match.group().startswith("."):
            word = _word_before(paragraph, start, match.start())
            if word.casefold() in _ABBREVIATIONS or _INITIALS.fullmatch(word + "."):
                continue
        out.append(paragraph[start:match.end()])
        start = match.end()
    out.append(paragraph[start:])
    return tuple(s.strip() for s in out if s.strip())
