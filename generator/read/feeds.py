"""RSS and Atom feed files: each entry is an article (full content when given, else the summary).

An entry is credited to the site that published it. A feed of one site's own stories is that
site's; an aggregator's (a Google Alert, Google News, a reader's export) links to other sites,
often through a redirect: the entry's ``<source>`` names the publisher, else the address it
leads to does, and a headline ending in " - Publisher" is given back without it.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from ..config import Settings
from ..errors import InputError
from .document import MAX_COLLECTION_BYTES, RawDocument, reader
from .html import html_to_text

# Query parameters in which a redirecting link (google.com/url?...&url=...) carries its target.
REDIRECT_PARAMETERS = ("url", "u", "q", "target", "dest")


def site_of(url: str | None) -> str:
    """The host of an address, without "www." ("" for none)."""
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")


def unwrapped(url: str | None) -> str | None:
    """The address a redirecting link leads to (the first http(s) address among its query
    parameters), or the link itself."""
    if not url:
        return url
    query = parse_qs(urlsplit(url).query)
    for name in REDIRECT_PARAMETERS:
        for value in query.get(name, ()):
            if value.startswith(("http://", "https://")) and site_of(value) != site_of(url):
                return value
    return url


def _publisher(entry, link: str | None, aggregated: bool, feed_title: str | None) -> str | None:
    given = entry.get("source") or {}
    if given.get("title"):
        return " ".join(str(given["title"]).split())
    if aggregated and site_of(link):
        return site_of(link)  # the extractor knows "reuters.com" as Reuters
    return feed_title


def _headline(title: str | None, publisher: str | None) -> str | None:
    """Google News writes "Headline - Publisher": the headline alone."""
    if title and publisher:
        for dash in (" - ", " – ", " | "):
            if title.endswith(dash + publisher):
                return title[: -len(dash + publisher)].strip() or title
    return title


@reader(".rss", ".atom", ".xml", ".feed", max_bytes=MAX_COLLECTION_BYTES, requires="feedparser")
def read_feed(original: str, data: bytes, settings: Settings):
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        raise InputError(original, f"is not an RSS or Atom feed with entries{f' ({problem})' if problem else ''}")
    feed_title = (feed.get("feed") or {}).get("title")
    links = [unwrapped(entry.get("link")) for entry in feed.entries]
    # An aggregator's entries lead to other sites (through its redirects, or to several sites);
    # a site's own feed leads to its own pages.
    aggregated = len({site_of(link) for link in links if link}) > 1 or any(
        link != entry.get("link") for link, entry in zip(links, feed.entries))
    for number, (entry, link) in enumerate(zip(feed.entries, links), start=1):
        contents = entry.get("content") or []
        full = next((c.get("value") for c in contents if c.get("value")), None)
        text = html_to_text(full or entry.get("summary", "") or "")
        source = _publisher(entry, link, aggregated, feed_title)
        title = _headline(" ".join(html_to_text(entry["title"]).split()) if entry.get("title") else None, source)
        hints: dict[str, object] = {"source": source, "url": link, "title": title, "author": entry.get("author")}
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
