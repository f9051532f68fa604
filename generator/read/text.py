"""Plain-text clippings and Markdown files (with or without front matter)."""

from __future__ import annotations

from ..config import Settings
from ..page import front_matter
from .decode import decode, normalise_newlines
from .document import RawDocument, reader


@reader(".txt", ".text")
def read_text(original: str, data: bytes, settings: Settings):
    yield RawDocument(original, normalise_newlines(decode(original, data)))


@reader(".md", ".markdown")
def read_markdown(original: str, data: bytes, settings: Settings):
    text = normalise_newlines(decode(original, data))
    meta, body = front_matter.parse(text, original)
    meta = meta or {}
    url = meta.get("url")
    yield RawDocument(original, body, meta, {"url": url} if isinstance(url, str) else {})
