"""Phase 5 of a build: the index pages (home, countries, companies, people, news organisations,
timeline, stories), the feeds and the charts, rendered from the article pages as they now are,
and only when those pages or the index pages changed since the last build."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..article import Article
from ..errors import InputError, not_utf8
from ..indexes import (
    BEGIN,
    INDEX_FOLDERS,
    Blocks,
    Listed,
    build_charts,
    build_indexes,
    entity_pages,
    merge_block,
    outside_block,
)
from ..indexes.feeds import MARK as FEED_MARK, build_feeds
from ..indexes.memo import Memo
from ..indexes.review import outstanding
from ..indexes.stories import group
from ..kinds import KINDS
from ..page.slug import company_key
from .cache import IndexRecord, stat_key
from .context import Context
from .report import BuildReport
from .store import write_if_changed

if TYPE_CHECKING:
    from ..knowledge import Knowledge

Progress = Callable[[str, int, int], None]  # (stage, done, total)
GONE_NOTE = "*No article in this briefing mentions it at the moment.*"


def write_indexes(context: Context, learned: list[str], report: BuildReport,
                  progress: Progress | None, index_all: bool = False) -> None:
    """Render the index pages, unless the front matter of the pages they are built from and
    the index pages themselves are exactly as the last build left them (an edit to the text of
    an article changes no index). ``learned``: the keys of the lines learned as
    boilerplate, for the cache; ``index_all``: compute them all the same."""
    pages, cache = context.pages, context.cache
    basis = hashlib.sha256(json.dumps([context.fingerprint, context.site_name,
                                       sorted((rel, cache.page_digest(rel)) for rel in pages.meta)]).encode())
    before = cache.index.files
    prefix = f"{context.docs}/"
    # What the generator knows of each page (``state``) counts too: when this build changed what
    # the indexes read of it, they are rendered again.
    if not index_all and not context.state.listing_changed and cache.index.digest == basis.hexdigest() and before and all(
            stat_key(prefix + rel) == known[:2] for rel, known in before.items()):
        report.unchanged += len(before)
        cache.note_learned(learned)
        return
    if progress:
        progress("writing index pages", 0, len(pages.meta))
    listed = listed_articles(context)
    knowledge = context.knowledge
    stories = group({item.page: item.article for item in listed})

    def reuse(rel: str, key: str) -> bool:  # the page's file holds the block of this context
        known = before.get(rel)
        return known is not None and known[2:] == [key] and stat_key(prefix + rel) == known[:2]

    entities = entity_pages(listed)
    blocks = build_indexes(listed, context.site_name, context.templates,
                           known=lambda kind, name: knowledge.canonical_name(kind, name) is not None, stories=stories,
                           salt=context.fingerprint, reuse=reuse, named_in=_named_in(knowledge), memo=_MEMO,
                           basis=knowledge, pages=entities)
    context.stories.update(context, listed, stories, report)
    written = _write_indexes(context.docs, blocks, report, before)
    project = context.project
    feeds = build_feeds(listed, entities, context.site_name, project.site_url, project.directory_urls,
                        reuse=reuse)
    _write_whole(context.docs, {rel: text for rel, (_, text) in feeds.items()}, report, "feeds", "*.xml", FEED_MARK)
    for rel, (key, _) in feeds.items():
        stat = stat_key(prefix + rel)
        if stat is not None:
            written[rel] = [*stat, key]
    _write_whole(context.docs, build_charts(listed, knowledge.country_code, stories), report)
    if progress:
        progress("writing index pages", len(listed), len(listed))
    cache.remember_index(IndexRecord(basis.hexdigest(), written, learned))


def _named_in(knowledge):
    """The countries and companies a text names, as their pages are named (what a quote is about)."""
    @lru_cache(maxsize=None)  # one build: each quote is asked about by each of its article's names
    def named_in(text: str) -> frozenset[tuple[str, str]]:
        found = set()
        for match in knowledge.gazetteer.find(text):
            for entry in match.entries:
                if entry.kind == "country":
                    found.add(("country", knowledge.country_name(entry.value)))
                elif entry.kind == "company":
                    found.add(("company", entry.value))
        return frozenset(found)

    return named_in


# Under `mkdocs serve` every build lists the same pages: an article is made again from its front
# matter only when that, what the generator wrote on the page, or the knowledge changed (the
# objects are kept from build to build, so being the same object means being unchanged). This
# took a third of the index phase at 10,000 articles.
_LISTED: dict[str, tuple[tuple, Listed]] = {}
_MEMO = Memo()  # the entity pages' blocks, likewise (indexes/memo.py)


def listed_articles(context: Context) -> list[Listed]:
    """Every article page as the indexes list it: names as the registry spells them, and what
    is still to review on it."""
    global _LISTED
    knowledge = context.knowledge
    listed, known = [], {}
    for rel, meta in sorted(context.pages.meta.items()):
        original = meta.get("original")  # as Article.from_metadata reads it
        entry = context.state.entry(str(original)) if original is not None else None
        generated = entry["snapshot"]["meta"] if entry and entry["page"] == rel and entry.get("snapshot") else None
        basis = (meta, generated, knowledge)
        before = _LISTED.get(rel)
        if before is not None and all(a is b for a, b in zip(before[0], basis)):
            item = before[1]
        else:
            article = Article.from_metadata(meta)
            article.review = outstanding(article.review, meta, generated)
            item = Listed(rel, normalise(article, knowledge))
        known[rel] = (basis, item)
        listed.append(item)
    _LISTED = known
    return _one_name_per_company(listed)


def _one_name_per_company(listed: list[Listed]) -> list[Listed]:
    """The forms of one company's name across the briefing ("Altara Industries Corp.", "Altara
    Industries Holdings": one ``company_key``) become the form most articles write, so the
    company has one page, where every article's link leads."""
    counts: dict[str, Counter] = {}
    for item in listed:
        for name in item.article.companies:
            counts.setdefault(company_key(name), Counter())[name] += 1
    chosen = {key: min(forms, key=lambda n: (-forms[n], len(n), n)) for key, forms in counts.items() if len(forms) > 1}
    if not chosen:
        return listed
    global _RENAMED
    out, renamed = [], {}
    for item in listed:  # (the objects kept from build to build stay as their pages say)
        names = list(dict.fromkeys(chosen.get(company_key(n), n) for n in item.article.companies))
        if names == item.article.companies:
            out.append(item)
            continue
        before = _RENAMED.get(item.page)  # the same renaming of the same object: the same object
        if before is None or before[0] is not item or before[1] != names:
            before = (item, names, Listed(item.page, replace(item.article, companies=names)))
        renamed[item.page] = before
        out.append(before[2])
    _RENAMED = renamed
    return out


_RENAMED: dict[str, tuple[Listed, list[str], Listed]] = {}


def normalise(article: Article, knowledge: Knowledge) -> Article:
    """Names on a page as the registry spells them, so aliases share one index page."""
    countries = []
    for name in article.countries:
        code = knowledge.country_code(name)
        countries.append(knowledge.country_name(code) if code else name)
    article.countries = list(dict.fromkeys(countries))
    for kind in KINDS:
        if kind.registry:
            names = [knowledge.canonical_name(kind.name, n) or n for n in getattr(article, kind.field)]
            setattr(article, kind.field, list(dict.fromkeys(names)))
    return article


def _write_whole(docs: Path, files: dict[str, str | None], report: BuildReport, folder: str | None = None,
                 pattern: str | None = None, mark: bytes = b"") -> None:
    """Files that are the generator's alone (feeds, charts): written whole (None: kept as it
    is); those of ``folder`` matching ``pattern`` that are no longer generated, and hold
    ``mark`` (the generator wrote them, not a person), are removed."""
    for rel, text in sorted(files.items()):
        if text is not None and write_if_changed(docs / rel, text):
            report.written.append(rel)
        else:
            report.unchanged += 1
    if folder and (docs / folder).is_dir():
        for path in sorted((docs / folder).rglob(pattern)):
            rel = path.relative_to(docs).as_posix()
            if rel not in files and mark in path.read_bytes():
                path.unlink()
                report.removed.append(rel)
        for directory in sorted((p for p in (docs / folder).rglob("*") if p.is_dir()), reverse=True):
            if not any(directory.iterdir()):
                directory.rmdir()


def _not_updated(rel: str, exc: UnicodeDecodeError) -> InputError:
    return InputError(rel, f"{not_utf8(exc)} (its generated part was not updated)")


def _write_indexes(docs: Path, blocks: Blocks, report: BuildReport, before: dict) -> dict:
    """Put each generated block into its page; pages ``blocks`` kept as they are stay untouched.
    Returns page -> [stat, the key of its block's context] (see ``Blocks``)."""
    after = {rel: before[rel] for rel in blocks.kept}
    report.unchanged += len(blocks.kept)
    prefix = f"{docs}/"
    for rel, block in sorted(blocks.items()):
        stat = stat_key(prefix + rel)
        path = docs / rel
        on_disk = path.read_bytes() if stat is not None else None
        try:
            existing = on_disk.decode("utf-8") if on_disk is not None else None
        except UnicodeDecodeError as exc:
            report.failed.append(_not_updated(rel, exc))
            after[rel] = [*stat, None]  # no block is ever this key: once saved again, it is updated
            continue
        merged = merge_block(existing, block)
        if merged != existing and write_if_changed(path, merged, on_disk):
            report.written.append(rel)
            stat = stat_key(path)
        else:
            report.unchanged += 1
        if stat is not None:
            after[rel] = [*stat, blocks.keys[rel]]
    for folder in INDEX_FOLDERS:
        directory = docs / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*.md")):
            rel = path.relative_to(docs).as_posix()
            if rel in blocks or rel in blocks.kept:
                continue
            try:
                text = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                report.failed.append(_not_updated(rel, exc))
                continue
            if BEGIN not in text:
                continue  # a page the person wrote for an entity with no articles yet
            if outside_block(text):
                if write_if_changed(path, merge_block(text, GONE_NOTE)):
                    report.written.append(rel)
            else:
                path.unlink()
                report.removed.append(rel)
    return after
