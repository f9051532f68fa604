"""Atom feeds of the briefing: one for everything and one per country, company and person, so a
reader can follow "Huawei" in a feed reader. Written with feedgen next to the index pages.

A feed holds the articles that entered the briefing last (their ``added`` day, the article's
own date for a page from before that key), newest first, undated clippings included: an old
clipping added today is news to the reader of the feed."""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import uuid
from collections import defaultdict
from typing import Callable

from ..kinds import FEEDS
from . import Listed, feed_path
from .memo import same_objects

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


def _entries(items: list[Listed]) -> tuple:
    """What a feed shows of its newest articles."""
    return tuple((item.page, a.title, a.original, _entered(item), a.date, a.summary, a.source,
                  tuple(a.countries + a.companies)) for item in _latest_first(items)[:FEED_SIZE] for a in (item.article,))


def _atom(title: str, page: str, entries: tuple, site_url, directory_urls, language) -> str:
    from feedgen.feed import FeedGenerator

    path = feed_path(page)
    days = [entered for _, _, _, entered, *_ in entries if entered]
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
    for item_page, item_title, original, entered, date, summary, source, categories in entries:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, original or item_page)}")
        entry.title(item_title or item_page)
        entry.link(href=_href(item_page, path, site_url, directory_urls))
        entry.updated(dt.datetime.combine(entered, dt.time(), UTC) if entered else newest)
        if date:
            entry.published(dt.datetime.combine(date, dt.time(), UTC))
        if summary:
            entry.summary(summary)
        if source:
            entry.author({"name": source})
        for name in categories:
            entry.category(term=name)
    return feed.atom_str(pretty=True).decode("utf-8")


def build_feeds(listed: list[Listed], entity_pages: dict[str, dict[str, str]], site_name: str,
                site_url: str | None, directory_urls: bool = True,
                reuse: Callable[[str, str], bool] | None = None) -> dict[str, tuple[str, str | None]]:
    """Docs-relative path -> (key, Atom XML), for the whole briefing and every country, company
    and person. ``key`` stands for everything the feed shows; a feed ``reuse`` says its file
    already holds (feedgen took a fifth of an index build at 10,000 articles) comes without XML."""
    languages = {l.article.language for l in listed if l.article.language}
    language = languages.pop() if len(languages) == 1 else None
    wanted = [(site_name, "index.md", listed)]
    for entity_kind in FEEDS:
        kind, attr = entity_kind.name, entity_kind.field
        mentions: dict[str, list[Listed]] = defaultdict(list)
        for item in listed:
            for name in dict.fromkeys(getattr(item.article, attr)):
                mentions[name].append(item)
        wanted += [(f"{site_name}: {name}", entity_pages[kind][name], items) for name, items in mentions.items()]
    global _SHOWN
    feeds, shown_now = {}, {}
    for title, page, items in wanted:
        # (the same article objects show the same entries: under `mkdocs serve` most feeds'
        # articles are those of the last build)
        before = _SHOWN.get(page)
        entries = before[1][2] if before is not None and same_objects(before[0], items) else _entries(items)
        shown = (title, page, entries, site_url, directory_urls, language)
        # (a feed that shows what it showed keeps its key: digesting every feed's text took
        # half the feeds' time)
        key = before[2] if before is not None and before[1] == shown else hashlib.sha256(repr(shown).encode()).hexdigest()
        shown_now[page] = (tuple(items), shown, key)
        rel = feed_path(page)
        feeds[rel] = (key, None if reuse and reuse(rel, key) else _atom(*shown))
    _SHOWN = shown_now
    return feeds


_SHOWN: dict[str, tuple[tuple, tuple, str]] = {}  # feed's page -> (its articles, what it showed, its key), last build
