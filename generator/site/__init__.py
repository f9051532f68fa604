"""Stage 6: build a briefing: read -> clean -> extract -> pages -> indexes, then report.

The person wins. An article page is merged field by field with what the generator wrote last
time (``merge.py``): what the person changed stays, what they did not touch is refreshed. A page
the person deleted is not written again (until ``restore``); a page they moved or renamed is
found by its ``original`` key. Inputs whose file and page did not change since the last build are
not read again, and the indexes are rendered only when what they list changed
(``cache.py``). The CLI and the MkDocs plugin both call :func:`build`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from ..article import Article, parse_iso_date
from .cache import BuildCache, Shingles, fingerprint, key_of, stat_key
from ..config import Project
from .duplicates import DuplicateFinder
from ..errors import InputError, not_utf8
from ..indexes.feeds import MARK as FEED_MARK, build_feeds
from ..indexes import BEGIN, INDEX_FOLDERS, Blocks, Listed, build_charts, build_indexes, entity_pages, merge_block, outside_block
from ..clean.learned import keys_of, learn
from ..page.merge import Snapshot, merge_page, plain, snapshot_of
from ..page import compose, parse_page, read_page, render_body, render_parts
from ..read import READERS, RawDocument, read_safely, walk_files
from ..page.render import environment
from ..indexes.review import outstanding
from ..page.slug import slugify, unique_slug
from ..indexes.stories import group
from .store import State, build_lock, digest, long_lived_objects, read_if_present, sweep_temporary_files, write_if_changed

if TYPE_CHECKING:
    from ..knowledge import Knowledge

Progress = Callable[[str, int, int], None]  # (stage, done, total)
BATCH = 64  # inputs taken through each stage of the build together (see ``run``; extraction has its own)
GONE_NOTE = "*No article in this briefing mentions it at the moment.*"


@dataclass
class BuildReport:
    articles: int = 0  # articles in the briefing from the inputs
    written: list[str] = field(default_factory=list)  # docs-relative pages created or updated
    unchanged: int = 0
    kept_edits: list[str] = field(default_factory=list)  # pages where a person's edits were kept
    deleted_by_person: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # pages found under a new path
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input, the input it repeats)
    removed: list[str] = field(default_factory=list)  # generated pages whose input is gone
    failed: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)  # built, but something of the input was left out
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def problems(self, per_file: int = 5) -> list[str]:
        """One line per failed input and warning, as ``error: ...`` and ``warning: ...``; past
        ``per_file`` in one file (records of an export), one line tells how many more."""
        lines: list[str] = []
        for word, errors in (("error", self.failed), ("warning", self.warnings)):
            counts: dict[str, int] = {}
            for error in errors:
                file = error.path.split("#")[0].split(":")[0]
                counts[file] = counts.get(file, 0) + 1
                if counts[file] <= per_file:
                    lines.append(f"{word}: {error}")
            lines += [f"{word}: {file}: {count - per_file:,} more {'problems' if word == 'error' else 'warnings'} "
                      "in this file" for file, count in counts.items() if count > per_file]
        return lines

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'s' if count != 1 else ''}"

        parts = [n(self.articles, "article"), f"{n(len(self.written), 'page')} written", f"{self.unchanged} unchanged"]
        if self.kept_edits:
            parts.append(f"{len(self.kept_edits)} with your edits kept")
        if self.deleted_by_person:
            parts.append(f"{len(self.deleted_by_person)} you deleted left out")
        if self.moved:
            parts.append(f"{len(self.moved)} moved")
        if self.duplicates:
            parts.append(f"{n(len(self.duplicates), 'duplicate')} skipped")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        parts.append(f"{len(self.failed)} failed")
        if self.warnings:
            parts.append(n(len(self.warnings), "warning"))
        return ", ".join(parts)


@dataclass
class Pages:
    """The article pages in docs/ as they are now: docs-relative path -> front matter (plain
    values), turned into Articles only when the indexes need them."""

    docs: Path
    meta: dict[str, dict] = field(default_factory=dict)
    stats: dict[str, list[int]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # pages edited, added or moved since the last build
    errors: list[InputError] = field(default_factory=list)

    @classmethod
    def scan(cls, docs: Path, cache: BuildCache) -> "Pages":
        """Read every article page's front matter, reusing the cached copy of unchanged files."""
        pages = cls(docs)
        root = docs / "articles"
        prefix = f"{root}/"  # strings, not Paths: this runs for every page on every build
        for sub in walk_files(root, (".md",)) if root.is_dir() else []:
            if sub.rsplit("/", 1)[-1] == "index.md":
                continue
            rel = "articles/" + sub
            key = stat_key(prefix + sub)
            known = cache.pages.get(rel)
            pages.stats[rel] = key
            if known and known["stat"] == key:
                pages.meta[rel] = known["meta"]
                continue
            pages.changed.add(rel)
            try:
                article = read_page(root / sub, docs)
            except InputError as exc:
                pages.errors.append(exc)  # its path stays taken; it is just not listed
                cache.pages.pop(rel, None)
                continue
            pages.meta[rel] = plain(article.metadata())
            cache.pages[rel] = {"stat": key, "meta": pages.meta[rel]}
            cache.dirty = True
        for rel in [r for r in cache.pages if r not in pages.stats]:
            del cache.pages[rel]
            cache.dirty = True
        return pages

    def by_original(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for rel, meta in self.meta.items():
            original = meta.get("original")
            if isinstance(original, str) and original:
                found.setdefault(original, rel)
        return found

    def articles(self) -> dict[str, Article]:
        return {rel: Article.from_metadata(meta) for rel, meta in sorted(self.meta.items())}

    def record(self, rel: str, meta: dict, cache: BuildCache) -> None:
        """A page just written: remember its front matter (plain values) as it is on disk now."""
        self.meta[rel] = meta
        self.stats[rel] = stat_key(f"{self.docs}/{rel}")
        cache.pages[rel] = {"stat": self.stats[rel], "meta": self.meta[rel]}
        cache.dirty = True

    def forget(self, rel: str, cache: BuildCache) -> None:
        self.meta.pop(rel, None)
        self.stats.pop(rel, None)
        cache.pages.pop(rel, None)


def build(project: Project, site_name: str = "Briefing", progress: Progress | None = None,
          restore: set[str] | None = None) -> BuildReport:
    """Bring docs/ up to date with articles/. ``restore`` names inputs (or ``"*"`` for all) whose
    pages a person deleted and wants back. Only one build runs at a time in a briefing."""
    with build_lock(project.state_file.parent):
        environment.cache_clear()  # templates as they are now (a `mkdocs serve` session builds many times)
        job = _Build(project, site_name, progress, restore)  # loads the state and the cache
        with long_lived_objects():
            return job.run()


class _Ready(NamedTuple):
    """An article's page, ready to be written (``_Build._write_pages``)."""

    original: str  # the input
    rel: str  # the page, docs-relative
    path: str
    data: bytes
    on_disk: bytes | None  # what the page held when it was read, None for no page
    entry: dict  # the state's record of the page once written
    meta: dict | None  # its front matter as plain values (None: the person's does not parse)


class _Build:
    def __init__(self, project: Project, site_name: str, progress: Progress | None, restore: set[str] | None):
        self.project = project
        self.site_name = site_name
        self.progress = progress
        self.restore = restore
        self.report = BuildReport()
        self.docs = project.docs_dir
        self.state = State(project.state_file)
        self.cache = BuildCache.load(project.state_file.parent)
        self.shingles = Shingles(project.state_file.parent / "shingles.json")
        self.templates = project.templates_dir if project.templates_dir.is_dir() else None
        entities = project.entities_file if project.entities_file.exists() else None
        self.entities = str(entities) if entities else None
        self.fingerprint = fingerprint(entities, self.templates,
                                       settings={"json_fields": project.settings.json_fields,
                                                 "site_url": project.site_url, "directory_urls": project.directory_urls})
        self._knowledge: Knowledge | None = None
        self.unwritten: list[_Ready] = []

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:  # only when something has to be extracted or indexed
            from ..knowledge import load_knowledge

            self._knowledge = load_knowledge(self.entities)
        return self._knowledge

    def run(self) -> BuildReport:
        started = time.perf_counter()
        project, report = self.project, self.report
        sweep_temporary_files(self.docs)
        sweep_temporary_files(project.state_file.parent)
        pages = self.pages = Pages.scan(self.docs, self.cache)
        located = pages.by_original()
        if self.cache.fingerprint != self.fingerprint or self.cache.shingles != stat_key(self.shingles.path):
            self.cache.inputs.clear()
            self.cache.fingerprint = self.fingerprint
            self.cache.dirty = True

        articles_dir = project.articles_dir
        self.input_prefix = f"{articles_dir}/"
        # Input names (articles/-relative), not Paths: a rebuild looks at every one of them.
        inputs = walk_files(articles_dir, tuple(READERS)) if articles_dir.is_dir() else []
        # Inputs that already have a page go first, so a copy added later never displaces it.
        known_files = {original.split("#")[0] for original in self.state.pages}
        inputs.sort(key=lambda name: (name not in known_files, name))
        unchanged = {name for name in inputs if self._unchanged(name)}
        changed = [name for name in inputs if name not in unchanged]
        documents, statuses = {}, {}  # name -> its documents (or error), its file's status as read
        for name in changed:
            documents[name], statuses[name] = read_safely(articles_dir, name, project.root, project.settings)
        self.learned, self.document_keys = self._learn(inputs, documents)
        if self.learned_digest != self.cache.index.get("learned"):
            # What counts as the corpus's boilerplate changed: every article is extracted again.
            for name in unchanged:
                documents[name], statuses[name] = read_safely(articles_dir, name, project.root, project.settings)
            changed, unchanged = inputs, set()

        seen: set[str] = set()
        kept: set[str] = set()  # articles of unchanged inputs, whose fingerprints the finder loads
        for name in unchanged:
            entry = self.cache.inputs[name]
            held = entry.get("held", [])
            seen.update(entry["docs"] + held)  # pages the person deleted stay remembered as deleted
            kept.update(entry["docs"])
            report.deleted_by_person += [self.state.pages[o]["page"] for o in held if o in self.state.pages]
            report.articles += len(entry["docs"])
            report.unchanged += len(entry["docs"])
            report.duplicates += [tuple(d) for d in entry.get("dups", [])]

        def known():
            return {name: hashes for name, hashes in self.shingles.data.items() if name in kept}

        finder = DuplicateFinder(known)
        taken = _taken_slugs(self.pages, self.state)
        for start in range(0, len(changed), BATCH):
            # Stage by stage over a batch of inputs, not every stage for one input after another:
            # each stage's code and data (patterns, name automaton, templates) then stay in the
            # processor's caches for the whole batch.
            batch = changed[start:start + BATCH]
            extracted = self._extract_batch([documents.pop(name) for name in batch])
            repeats = [[finder.check(item.original, f"{outcome.title}\n{outcome.body}")
                        if isinstance(outcome, Article) else None for item, _, outcome in entries]
                       for entries in extracted]  # in input order: the first of two copies is kept
            for name, entries, repeated in zip(batch, extracted, repeats):
                self._place_file(name, entries, repeated, statuses.pop(name), located, taken, seen)
            self._write_pages()
            if self.progress:
                for done in range(start + 1, start + len(batch) + 1):
                    self.progress("reading articles", done, len(changed))
        present = set(inputs)
        for name in [n for n in self.cache.inputs if n not in present]:
            del self.cache.inputs[name]
            self.cache.dirty = True
        if changed:
            data = self.shingles.data
            for name in [n for n in data if n not in seen]:
                del data[name]
            data.update({name: sorted(h) for name, h in finder.fingerprints.items()})
            self.shingles.dirty = True

        self._remove_orphans(seen)
        report.failed.extend(pages.errors)
        report.timings["articles"] = time.perf_counter() - started
        self._indexes()
        report.timings["indexes"] = time.perf_counter() - started - report.timings["articles"]
        self.state.save()
        self.shingles.save(self.cache)  # first: the cache says which fingerprints it goes with
        self.cache.save()
        report.timings["total"] = time.perf_counter() - started
        return report

    def _unchanged(self, name: str) -> bool:
        """Nothing to do for an input whose file, and whose pages, are as the last build left them."""
        entry = self.cache.inputs.get(name)
        if entry is None or entry["stat"] != stat_key(self.input_prefix + name):
            return False
        if self.restore is not None and ("*" in self.restore or
                                         any(d in self.restore for d in entry["docs"] + entry.get("held", []))):
            return False
        for original in entry["docs"]:
            known = self.state.pages.get(original)
            if known is None or known.get("deleted") or known["page"] not in self.pages.stats:
                return False
            if known["page"] in self.pages.changed:
                return False
        return True

    def _learn(self, inputs: list[str], documents: dict) -> tuple[frozenset[str], dict[str, tuple[list[str], dict]]]:
        """Lines that recur across the corpus: from the cache for unchanged inputs, from the text
        for the others; and for each document read, its line keys (for the cache) and each of its
        lines with its key (for the extractor)."""
        per_document: list[list[str]] = []
        keyed: dict[str, tuple[list[str], dict]] = {}
        for name in inputs:
            if name in documents:
                for doc in documents[name]:
                    if not isinstance(doc, InputError):
                        keyed[doc.original] = keys_of(doc.text)
                        per_document.append(keyed[doc.original][0])
            else:
                per_document += list(self.cache.inputs[name].get("lines", {}).values())
        learned = learn(per_document)
        self.learned_digest = hashlib.sha256(",".join(sorted(learned)).encode()).hexdigest()
        return learned, keyed

    def _write_pages(self) -> None:
        """Write the pages the batch made ready (``_place_article``), in order, and remember each
        as it is on disk now."""
        state, report = self.state, self.report
        state.note([(page.original, page.entry) for page in self.unwritten
                    if state.pages.get(page.original) != page.entry])
        for page in self.unwritten:
            if page.on_disk is not None and read_if_present(page.path) != page.on_disk:
                # The person saved the page since it was read: theirs stays, and so does what
                # the state says was written last, so the next build merges their edits with it.
                if page.rel not in report.kept_edits:  # (the merge may have found edits already)
                    report.kept_edits.append(page.rel)
                continue
            if write_if_changed(page.path, page.data, page.on_disk):
                report.written.append(page.rel)
            else:
                report.unchanged += 1
            if state.pages.get(page.original) != page.entry:
                state.pages[page.original] = page.entry
                state.dirty = True
            if page.meta is not None:
                self.pages.record(page.rel, page.meta, self.cache)
        self.unwritten.clear()

    def _extract_batch(self, items_per_input: list[list]) -> list[list[tuple]]:
        """For each input, each of its documents with its line keys and its article (or its
        error): the documents of all the inputs extracted together (``extract_articles``)."""
        # The extraction stack (language model, country data) loads only when an input changed:
        # a rebuild with nothing new starts in a fraction of the time.
        from ..extract import extract_articles

        docs, keys, keyed = [], [], []
        for items in items_per_input:
            for item in items:
                if not isinstance(item, InputError):
                    # (an input read again after learning changed was not keyed then)
                    item_keys, item_keyed = self.document_keys.pop(item.original, None) or keys_of(item.text)
                    docs.append(item)
                    keys.append(item_keys)
                    keyed.append(item_keyed)
        outcomes = iter(zip(keys, extract_articles(docs, self.knowledge, self.learned, keyed)))
        return [[(item, None, None) if isinstance(item, InputError) else (item, *next(outcomes)) for item in items]
                for items in items_per_input]

    def _place_file(self, name: str, extracted: list[tuple], repeated: list[str | None],
                    status: os.stat_result | None, located, taken, seen) -> None:
        """Make the pages of one input's articles ready to write (``_write_pages``), in order,
        and remember what the input gave; ``repeated``: for each article, the earlier article it
        repeats, if any."""
        report = self.report
        placed, held, dups = [], [], []
        lines: dict[str, list[str]] = {}
        for (item, keys, article), original in zip(extracted, repeated):
            if isinstance(item, InputError):  # the input could not be read
                report.failed.append(item)
                seen.add(item.path)  # its earlier page, if any, stays as it was
                continue
            lines[item.original] = keys
            if isinstance(article, InputError):
                report.failed.append(article)
                seen.add(item.original)
                continue
            if original is not None:
                report.duplicates.append((item.original, original))
                dups.append([item.original, original])
                continue
            seen.add(item.original)
            report.articles += 1
            report.warnings += [InputError(item.original, notice) for notice in article.notices]
            wants_back = self.restore is not None and ("*" in self.restore or item.original in self.restore)
            if self._place_article(item, article, located, taken, wants_back):
                placed.append(item.original)
            else:
                held.append(item.original)
                report.articles -= 1
        failed = any(e.path.split("#")[0] == name for e in report.failed)
        if not failed:
            self.cache.inputs[name] = {"stat": key_of(status), "docs": placed, "held": held, "dups": dups,
                                       "lines": lines}
        else:
            self.cache.inputs.pop(name, None)
        self.cache.dirty = True

    def _place_article(self, doc: RawDocument, article: Article, located, taken, wants_back: bool) -> bool:
        """Write (or merge) the article's page; False when the person deleted it."""
        docs, state, report = self.docs, self.state, self.report
        known = state.pages.get(doc.original)
        rel = located.get(doc.original)
        if rel is None and known and (docs / known["page"]).exists():
            rel = known["page"]  # the person removed the `original` key, but the page is where we left it
        if rel is None and known is not None and not wants_back:
            report.deleted_by_person.append(known["page"])
            if not known.get("deleted"):
                known["deleted"] = True
                state.dirty = True
            return False
        if rel is not None and known and rel != known["page"]:
            report.moved.append(rel)
        if rel is None and known is not None:
            rel = known["page"]  # brought back where it was
        if rel is None:
            folder = f"articles/{article.year or 'undated'}"
            slug = unique_slug(slugify(article.title or Path(doc.original).stem), taken.setdefault(folder, set()))
            rel = f"{folder}/{slug}.md"
        path = f"{docs}/{rel}"
        on_disk = read_if_present(path)
        if on_disk is None or State.written_by_us(known, on_disk):
            new_meta, new_body = render_parts(article, self.templates)
            text, pure, shown = compose(new_meta, new_body), True, new_body
        else:
            try:
                current = on_disk.decode("utf-8")
            except UnicodeDecodeError:
                return True  # left as the person saved it; the page scan reported it
            page_date = parse_iso_date(self.pages.meta.get(rel, {}).get("date"))  # as the page scan read it
            if page_date and page_date != article.date:
                from ..extract.events import find_events

                # Dates stated in the text are resolved against the date the person gave.
                article.events = find_events(article.body, page_date)
            new_meta, new_body = render_parts(article, self.templates)
            base = Snapshot.from_json(known.get("snapshot")) if known else None
            merged = merge_page(base, current, new_meta, new_body, lambda: compose(new_meta, new_body),
                                body_for=lambda meta: render_body(article, meta, self.templates))
            text, pure, shown = merged.text, not merged.edited, merged.body or new_body
            if merged.edited:
                report.kept_edits.append(rel)
        data = text.encode("utf-8")
        snapshot = snapshot_of(new_meta, shown)
        entry = {"page": rel, "sha": digest(data) if pure else "", "snapshot": snapshot.to_json()}
        try:
            # A page the generator wrote whole holds the front matter just snapshotted.
            meta = snapshot.meta if pure else plain(parse_page(text, rel).metadata())
        except InputError:
            meta = None  # the person's front matter does not parse: the page scan reports it
        self.unwritten.append(_Ready(doc.original, rel, path, data, on_disk, entry, meta))
        return True

    def _remove_orphans(self, seen: set[str]) -> None:
        """Pages of inputs that are gone: removed if untouched since generated, else kept."""
        for original in sorted(set(self.state.pages) - seen):
            entry = self.state.pages.pop(original)
            self.state.dirty = True
            path = self.docs / entry["page"]
            if path.exists() and State.written_by_us(entry, path.read_bytes()):
                path.unlink()
                self.pages.forget(entry["page"], self.cache)
                self.report.removed.append(entry["page"])

    def _indexes(self) -> None:
        """Render the index pages, unless the pages they are built from and the index pages
        themselves are exactly as the last build left them."""
        basis = hashlib.sha256(json.dumps([self.fingerprint, self.site_name, sorted(self.pages.stats.items())]).encode())
        index = self.cache.index
        files = index.get("files", {})
        prefix = f"{self.docs}/"
        if index.get("digest") == basis.hexdigest() and files and all(
                stat_key(prefix + rel) == known[:2] for rel, known in files.items()):
            self.report.unchanged += len(files)
            if index.get("learned") != self.learned_digest:
                index["learned"] = self.learned_digest
                self.cache.dirty = True
            return
        if self.progress:
            self.progress("writing index pages", 0, len(self.pages.meta))
        listed = []
        for rel, article in self.pages.articles().items():
            entry = self.state.pages.get(article.original)
            generated = entry["snapshot"]["meta"] if entry and entry["page"] == rel and entry.get("snapshot") else None
            article.review = outstanding(article.review, self.pages.meta[rel], generated)
            listed.append(Listed(rel, normalise(article, self.knowledge)))
        knowledge = self.knowledge
        stories = group({l.page: l.article for l in listed})
        before = index.get("files", {})

        def reuse(rel: str, key: str) -> bool:  # the page's file holds the block of this context
            known = before.get(rel)
            return known is not None and known[2:] == [key] and stat_key(prefix + rel) == known[:2]

        blocks = build_indexes(listed, self.site_name, self.templates,
                               known=lambda kind, name: knowledge.canonical_name(kind, name) is not None, stories=stories,
                               salt=self.fingerprint, reuse=reuse)
        _save_stories(self.project.state_file.parent / "stories.json", listed, stories)
        written = _write_indexes(self.docs, blocks, self.report, before)
        feeds = build_feeds(listed, entity_pages(listed), self.site_name, self.project.site_url,
                            self.project.directory_urls)
        _write_whole(self.docs, feeds, self.report, "feeds", "*.xml", FEED_MARK)
        charts = build_charts(listed, self.knowledge.country_code, stories)
        _write_whole(self.docs, charts, self.report)
        if self.progress:
            self.progress("writing index pages", len(listed), len(listed))
        self.cache.index = {"digest": basis.hexdigest(), "files": written,
                            "learned": self.learned_digest}
        self.cache.dirty = True


def normalise(article: Article, knowledge: Knowledge) -> Article:
    """Names on a page as the registry spells them, so aliases share one index page."""
    countries = []
    for name in article.countries:
        code = knowledge.country_code(name)
        countries.append(knowledge.country_name(code) if code else name)
    article.countries = list(dict.fromkeys(countries))
    for attr, kind in (("companies", "company"), ("people", "person"), ("news_orgs", "news_org")):
        names = [knowledge.canonical_name(kind, n) or n for n in getattr(article, attr)]
        setattr(article, attr, list(dict.fromkeys(names)))
    return article


def _taken_slugs(pages: Pages, state: State) -> dict[str, set[str]]:
    """Slugs in use per folder (on disk or remembered), so a new page never takes another's path."""
    taken: dict[str, set[str]] = {}
    for rel in pages.stats:
        folder, _, name = rel.rpartition("/")
        taken.setdefault(folder, set()).add(name.removesuffix(".md"))
    for entry in state.pages.values():
        folder, _, name = entry["page"].rpartition("/")
        taken.setdefault(folder, set()).add(name.removesuffix(".md"))
    return taken


def _save_stories(path: Path, listed: list[Listed], stories: dict[str, str]) -> None:
    """For each article in a story with others: the others (page, title, source), so the plugin
    can show "Also reported by" on article pages without touching the page files."""
    members: dict[str, list[Listed]] = {}
    for item in listed:
        members.setdefault(stories.get(item.page, item.page), []).append(item)
    others = {item.page: [{"page": o.page, "title": o.article.title, "source": o.article.source}
                          for o in group if o is not item]
              for group in members.values() if len(group) > 1 for item in group}
    write_if_changed(path, json.dumps(others, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def _write_whole(docs: Path, files: dict[str, str], report: BuildReport, folder: str | None = None,
                 pattern: str | None = None, mark: bytes = b"") -> None:
    """Files that are the generator's alone (feeds, charts): written whole; those of ``folder``
    matching ``pattern`` that are no longer generated, and hold ``mark`` (the generator wrote
    them, not a person), are removed."""
    for rel, text in sorted(files.items()):
        if write_if_changed(docs / rel, text):
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
