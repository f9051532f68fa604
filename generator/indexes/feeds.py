"""Atom feeds of the briefing: one for everything, one per country and one per company, so a
reader can follow "Huawei" in a feed reader. Written with feedgen next to the index pages."""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from collections import defaultdict

from ..kinds import FOLLOWED
from . import Listed, _newest_first, feed_path

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


def _feed(title: str, page: str, items: list[Listed], site_url, directory_urls, language) -> str:
    from feedgen.feed import FeedGenerator

    path = feed_path(page)
    ordered = _newest_first(items)[:FEED_SIZE]
    dated = [l.article.date for l in ordered if l.article.date]
    newest = dt.datetime.combine(max(dated), dt.time(), UTC) if dated else dt.datetime(2000, 1, 1, tzinfo=UTC)
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
        when = dt.datetime.combine(a.date, dt.time(), UTC) if a.date else newest
        entry.updated(when)
        if a.date:
            entry.published(when)
        if a.summary:
            entry.summary(a.summary)
        if a.source:
            entry.author({"name": a.source})
        for name in a.countries + a.companies:
            entry.category(term=name)
    return feed.atom_str(pretty=True).decode("utf-8")


def build_feeds(listed: list[Listed], entity_pages: dict[str, dict[str, str]], site_name: str,
                site_url: str | None, directory_urls: bool = True) -> dict[str, str]:
    """Docs-relative path -> Atom XML, for the whole briefing and every country and company."""
    languages = {l.article.language for l in listed if l.article.language}
    language = languages.pop() if len(languages) == 1 else None
    feeds = {feed_path("index.md"): _feed(site_name, "index.md", listed, site_url, directory_urls, language)}
    for entity_kind in FOLLOWED:  # a feed per person would mostly sit unread
        kind, attr = entity_kind.name, entity_kind.field
        mentions: dict[str, list[Listed]] = defaultdict(list)
        for item in listed:
            for name in dict.fromkeys(getattr(item.article, attr)):
                mentions[name].append(item)
        for name, items in mentions.items():
            page = entity_pages[kind][name]
            feeds[feed_path(page)] = _feed(f"{site_name}: {name}", page, items, site_url, directory_urls, language)
    return feeds
