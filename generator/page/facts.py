"""The facts block at the top of an article page: its date, source, author, language, original,
the names it tags, the person's notes and the other reports of its story, between two markers.

The block is drawn from the front matter (and the briefing's stories), so it is refreshed when
they change, even on a page whose text a person edited, for as long as the block itself is as
the generator wrote it. A person who edits inside the block makes it theirs: it is then left
alone like the rest of their text.
"""

from __future__ import annotations

import hashlib

BEGIN = "<!-- briefing:facts (refreshed from the front matter until you edit it) -->"
END = "<!-- briefing:facts-end -->"
MARKERS = (BEGIN + "\n", END + "\n", BEGIN, END)


def span(body: str) -> tuple[int, int] | None:
    """Where the block is in ``body`` (markers included), None when it has none."""
    start = body.find(BEGIN)
    if start < 0:
        return None
    end = body.find(END, start)
    return None if end < 0 else (start, end + len(END))


def block(body: str) -> str | None:
    where = span(body)
    return body[where[0]:where[1]] if where else None


def digest(body: str) -> str:
    """The digest of ``body``'s block ("" when it has none): what a snapshot remembers of it."""
    found = block(body)
    return hashlib.sha256(found.encode("utf-8")).hexdigest() if found is not None else ""


def replaced(body: str, new_block: str) -> str:
    """``body`` with its block replaced by ``new_block`` (both with markers)."""
    start, end = span(body)
    return body[:start] + new_block + body[end:]


def refreshed(body: str, generated: str, written_digest: str) -> tuple[str, str] | None:
    """``body`` (a person's) with the block of ``generated`` (the generator's body now) put in
    place of its own, and the digest to remember; None when its block is not the one the
    generator wrote last (``written_digest``), or either body has none."""
    if not written_digest or digest(body) != written_digest:
        return None
    new_block = block(generated)
    if new_block is None:
        return None
    return replaced(body, new_block), digest(generated)
