"""Phase 3 of a build: each article's page made ready to write: where it goes (a new path, the
page that names its input, or nowhere when the person deleted it) and what it holds (the
generated page, or the person's page merged with the new one, ``merge.py``)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..article import Article, parse_iso_date
from ..errors import InputError
from ..page import front_matter, parse_page, render_body, render_parts
from ..page.merge import Snapshot, merge_page, plain, snapshot_of
from ..page.slug import slugify, unique_slug
from ..read import RawDocument
from .cache import InputRecord, key_of
from .context import Context
from .ingest import Ingested
from .pages import taken_slugs
from .plan import Plan, Restore
from .report import BuildReport
from .state import PageEntry, State
from .store import digest, read_if_present


class Ready(NamedTuple):
    """An article's page, ready to be written (``write.write_pages``)."""

    original: str  # the input
    rel: str  # the page, docs-relative
    path: str
    data: bytes
    on_disk: bytes | None  # what the page held when it was read, None for no page
    entry: PageEntry  # the state's record of the page once written
    meta: dict | None  # its front matter as plain values (None: the person's does not parse)


class Placed(NamedTuple):
    """What one input gave: its pages to write, the cache's record of it (None: it failed, and
    is read again next time), and its articles the briefing keeps (with a page or deleted by the
    person), so their pages are not removed as orphans."""

    ready: list[Ready]
    record: InputRecord | None
    seen: set[str]


@dataclass
class Paths:
    """Where the article pages are: by the input they name, and which paths are taken."""

    located: dict[str, str]  # input (``original``) -> the page that names it
    taken: dict[str, set[str]]  # folder -> slugs in use

    @classmethod
    def of(cls, context: Context) -> "Paths":
        return cls(context.pages.by_original(), taken_slugs(context.pages, context.state))

    def new(self, article: Article, original: str) -> str:
        folder = f"articles/{article.year or 'undated'}"
        slug = unique_slug(slugify(article.title or Path(original).stem), self.taken.setdefault(folder, set()))
        return f"{folder}/{slug}.md"


def build_day() -> dt.date:
    """Today, or the day ``SOURCE_DATE_EPOCH`` names (the reproducible-builds convention: a build
    run again for a release gives the same pages)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def carry_over(context: Context, plan: Plan, report: BuildReport) -> tuple[set[str], set[str]]:
    """The fresh inputs' articles, as the cache remembers them: the articles the briefing keeps,
    and of those the ones with a page (whose duplicate fingerprints the finder loads)."""
    seen: set[str] = set()
    kept: set[str] = set()
    for record in plan.fresh.values():
        seen.update(record.docs + record.held)  # pages the person deleted stay remembered as deleted
        kept.update(record.docs)
        report.deleted_by_person += [context.state.entry(o)["page"] for o in record.held if context.state.has_page(o)]
        report.articles += len(record.docs)
        report.unchanged += len(record.docs)
        report.duplicates += [tuple(d) for d in record.dups]
    return seen, kept


def place_input(context: Context, item: Ingested, paths: Paths, restore: Restore, report: BuildReport) -> Placed:
    """The pages of one input's articles made ready, in order."""
    ready, placed, held, dups, seen = [], [], [], [], set()
    lines: dict[str, list[str]] = {}
    failed = False
    for doc, keys, article, repeats in item.extracted:
        if isinstance(doc, InputError):  # the input could not be read
            report.failed.append(doc)
            seen.add(doc.path)  # its earlier page, if any, stays as it was
            failed = True
            continue
        lines[doc.original] = keys
        if isinstance(article, InputError):
            report.failed.append(article)
            seen.add(doc.original)
            failed = True
            continue
        if repeats is not None:
            report.duplicates.append((doc.original, repeats))
            dups.append([doc.original, repeats])
            continue
        seen.add(doc.original)
        report.warnings += [InputError(doc.original, notice) for notice in article.notices]
        page = place_article(context, doc, article, paths, restore.wants(doc.original), report)
        if page is None:
            held.append(doc.original)
            continue
        report.articles += 1
        placed.append(doc.original)
        if page is not KEPT:
            ready.append(page)
    record = None if failed else InputRecord(key_of(item.status), placed, held, dups, lines)
    return Placed(ready, record, seen)


KEPT = Ready("", "", "", b"", None, {}, None)  # a page left as the person saved it (not UTF-8)


def place_article(context: Context, doc: RawDocument, article: Article, paths: Paths, wants_back: bool,
                  report: BuildReport) -> Ready | None:
    """The article's page, ready; None when the person deleted it."""
    state = context.state
    known = state.entry(doc.original)
    rel = paths.located.get(doc.original)
    if rel is None and known and (context.docs / known["page"]).exists():
        rel = known["page"]  # the person removed the `original` key, but the page is where we left it
    if rel is None and known is not None and not wants_back:
        report.deleted_by_person.append(known["page"])
        state.mark_deleted(doc.original)
        return None
    if rel is not None and known and rel != known["page"]:
        report.moved.append(rel)
    if rel is None and known is not None:
        rel = known["page"]  # brought back where it was
    if rel is None:
        rel = paths.new(article, doc.original)
    # The day it entered the briefing stays the first build's; a page from before this key was
    # written keeps going without one (no page changes only to gain it).
    article.added = parse_iso_date(context.pages.meta.get(rel, {}).get("added")) if known or rel in context.pages.meta \
        else build_day()
    path = f"{context.docs}/{rel}"
    on_disk = read_if_present(path)
    also = context.stories.also(rel)
    if on_disk is None or State.written_by_us(known, on_disk):
        new_meta, new_body = render_parts(article, context.templates, also)
        text, pure, shown, facts_digest = front_matter.dump(new_meta, new_body), True, new_body, None
    else:
        try:
            current = on_disk.decode("utf-8")
        except UnicodeDecodeError:
            return KEPT  # left as the person saved it; the page scan reported it
        text, pure, shown, new_meta, facts_digest = _merged(context, article, rel, current, known, also, report)
    data = text.encode("utf-8")
    snapshot = snapshot_of(new_meta, shown, facts_digest)
    entry: PageEntry = {"page": rel, "sha": digest(data) if pure else "", "snapshot": snapshot.to_json()}
    try:
        # A page the generator wrote whole holds the front matter just snapshotted.
        meta = snapshot.meta if pure else plain(parse_page(text, rel).metadata())
    except InputError:
        meta = None  # the person's front matter does not parse: the page scan reports it
    return Ready(doc.original, rel, path, data, on_disk, entry, meta)


def _merged(context: Context, article: Article, rel: str, current: str, known: PageEntry | None,
            also: list[dict], report: BuildReport) -> tuple[str, bool, str, dict, str]:
    """The person's page merged with the new one: its text, whether it is the generator's alone,
    the body as generated, the front matter as generated, and the digest of the facts block the
    generator left on it."""
    page_date = parse_iso_date(context.pages.meta.get(rel, {}).get("date"))  # as the page scan read it
    if page_date and page_date != article.date:
        from ..extract.events import find_events

        # Dates stated in the text are resolved against the date the person gave.
        article.events = find_events(article.body, page_date)
    new_meta, new_body = render_parts(article, context.templates, also)
    base = Snapshot.from_json(known.get("snapshot")) if known else None
    merged = merge_page(base, current, new_meta, new_body, lambda: front_matter.dump(new_meta, new_body),
                        body_for=lambda meta: render_body(article, meta, context.templates, also))
    if merged.edited:
        report.kept_edits.append(rel)
    return merged.text, not merged.edited, merged.body or new_body, new_meta, merged.facts
