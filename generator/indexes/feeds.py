"""Atom feeds of the briefing: one for everything and one per country, company and person, so a
reader can follow "Huawei" in a feed reader. Written with feedgen next to the index pages.

A feed holds the articles that entered the briefing last (their ``added`` day, the article's
own date for a page from before that key), newest first, undated clippings included: an old
clipping added today is news to the reader of the feed."""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from collections import defaultdict

from ..kinds import FEEDS
from . import Listed, feed_path

FEED_SIZE = 20  # the newest entries; a feed is a window, not an archive
UTC = dt.timezone.utc
GENERATOR = "briefing"
MARK = f"<generator>{GENERATOR}</generator>".encode()  # in every feed the generator writes, and in no other


def page_url(page: str, directory_urls: bool = True) -> str:
    """The site URL MkDocs gives a docs-relative Markdown page (``a/b.md`` -> ``a/b/``)."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def _href(target_page: str, feed: str, site_url: str | None, directory_urls: bool) -> str:
    url = page_url(target_page, directory_urls)
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return posixpath.relpath(url or ".", posixpath.dirname(feed)) + ("/" if url.endswith("/") else "")


def _entered(item: Listed) -> dt.date | None:
    return item.article.added or item.article.date


def _latest_first(items: list[Listed]) -> list[Listed]:
    """By the day each entered the briefing, then by its own date, newest first."""
    return sorted(items, key=lambda l: (_entered(l) or dt.date.min, l.article.date or dt.date.min, l.page),
                  reverse=True)


def _feed(title: str, page: str, items: list[Listed], site_url, directory_urls, language) -> str:
    from feedgen.feed import FeedGenerator

    path = feed_path(page)
    ordered = _latest_first(items)[:FEED_SIZE]
    days = [_entered(l) for l in ordered if _entered(l)]
    newest = dt.datetime.combine(max(days), dt.time(), UTC) if days else dt.datetime(2000, 1, 1, tzinfo=UTC)
    feed = FeedGenerator()
    feed.id(_href(page, path, site_url, directory_urls) if site_url else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, page)}")
    feed.title(title)
    feed.generator(GENERATOR)
    feed.link(href=_href(page, path, site_url, directory_urls), rel="alternate")
    if site_url:
        feed.link(href=site_url.rstrip("/") + "/" + path, rel="self")
    feed.updated(newest)
    if language:
        feed.language(language)
    for item in ordered:
        a = item.article
        entry = feed.add_entry(order="append")
        entry.id(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, a.original or item.page)}")
        entry.title(a.title or item.page)
        entry.link(href=_href(item.page, path, site_url, directory_urls))
        entered = _entered(item)
        entry.updated(dt.datetime.combine(entered, dt.time(), UTC) if entered else newest)
        if a.date:
            entry.published(dt.datetime.combine(a.date, dt.time(), UTC))
        if a.summary:
            entry.summary(a.summary)
        if a.source:
            entry.author({"name": a.source})
        for name in a.countries + a.companies:
            entry.category(term=name)
    return feed.atom_str(pretty=True).decode("utf-8")


def build_feeds(listed: list[Listed], entity_pages: dict[str, dict[str, str]], site_name: str,
                site_url: str | None, directory_urls: bool = True) -> dict[str, str]:
    """Docs-relative path -> Atom XML, for the whole briefing and every country, company and person."""
    languages = {l.article.language for l in listed if l.article.language}
    language = languages.pop() if len(languages) == 1 else None
    feeds = {feed_path("index.md"): _feed(site_name, "index.md", listed, site_url, directory_urls, language)}
    for entity_kind in FEEDS:
        kind, attr = entity_kind.name, entity_kind.field
        mentions: dict[str, list[Listed]] = defaultdict(list)
        for item in listed:
            for name in dict.fromkeys(getattr(item.article, attr)):
                mentions[name].append(item)
        for name, items in mentions.items():
            page = entity_pages[kind][name]
            feeds[feed_path(page)] = _feed(f"{site_name}: {name}", page, items, site_url, directory_urls, language)
    return feeds
