"""What a reader gives: ``RawDocument``, and the registry of readers by file extension."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from ..config import Settings

MAX_INPUT_BYTES = 20 * 1024 * 1024  # one article
MAX_COLLECTION_BYTES = 256 * 1024 * 1024  # a feed, an export or a mailbox of many articles
# The text of one article, after decoding: the longest news articles run to some 100,000
# characters; a record of a collection (or a file) beyond this is something else.
MAX_ARTICLE_CHARS = 2_000_000


@dataclass
class RawDocument:
    """An article as read from its file, before any cleaning."""

    original: str  # path relative to the articles folder ("feed.xml#3" for the 3rd entry)
    text: str
    given: dict[str, object] = field(default_factory=dict)  # front matter the user wrote
    hints: dict[str, object] = field(default_factory=dict)  # title, date, source, url, author...


@dataclass(frozen=True)
class Reader:
    read: Callable[[str, bytes, "Settings"], Iterable[RawDocument]]  # (name, bytes, the briefing's settings)
    max_bytes: int = MAX_INPUT_BYTES
    enabled: bool = True
    missing: str = ""  # what to install when not enabled


READERS: dict[str, Reader] = {}


def reader(*extensions: str, max_bytes: int = MAX_INPUT_BYTES, requires: str | None = None):
    """Register a reader for file extensions. ``requires`` names a module that must import."""

    def register(func):
        enabled, missing = True, ""
        # Only whether it is installed: importing it here would slow every start-up.
        if requires and importlib.util.find_spec(requires) is None:
            enabled, missing = False, f"install '{requires}' to read {', '.join(extensions)} files"
        for ext in extensions:
            READERS[ext] = Reader(func, max_bytes, enabled, missing)
        return func

    return register
