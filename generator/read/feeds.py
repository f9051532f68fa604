"""RSS and Atom feed files: each entry is an article (full content when given, else the summary)."""

from __future__ import annotations

import datetime as dt

from ..config import Settings
from ..errors import InputError
from .document import MAX_COLLECTION_BYTES, RawDocument, reader
from .html import html_to_text


@reader(".rss", ".atom", ".xml", ".feed", max_bytes=MAX_COLLECTION_BYTES, requires="feedparser")
def read_feed(original: str, data: bytes, settings: Settings):
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        raise InputError(original, f"is not an RSS or Atom feed with entries{f' ({problem})' if problem else ''}")
    source = feed.feed.get("title") if feed.get("feed") else None
    for number, entry in enumerate(feed.entries, start=1):
        contents = entry.get("content") or []
        full = next((c.get("value") for c in contents if c.get("value")), None)
        text = html_to_text(full or entry.get("summary", "") or "")
        hints: dict[str, object] = {"source": source, "url": entry.get("link"), "title": entry.get("title"),
                                    "author": entry.get("author")}
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            hints["date"] = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday).isoformat()
        if full is None:
            hints["summary_only"] = True
        if not text.strip() and not hints.get("title"):
            yield InputError(f"{original}#{number}", "entry has neither text nor a title")
            continue
        yield RawDocument(f"{original}#{number}", text or str(hints["title"]),
                          hints={k: v for k, v in hints.items() if v})
