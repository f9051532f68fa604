"""Stage 6: build a briefing: read -> clean -> extract -> pages -> indexes, then report.

The person wins. An article page is merged field by field with what the generator wrote last
time (``merge.py``): what the person changed stays, what they did not touch is refreshed. A page
the person deleted is not written again (until ``restore``); a page they moved or renamed is
found by its ``original`` key. The CLI and the MkDocs plugin both call :func:`build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .article import Article
from .config import Project
from .errors import InputError
from .extract import extract_article
from .indexes import BEGIN, Listed, build_indexes, merge_block, outside_block
from .knowledge import Knowledge, load_knowledge
from .merge import Snapshot, merge_page, snapshot_of
from .page import compose, read_page, render_parts
from .read import RawDocument, discover, read_all
from .slug import slugify, unique_slug
from .duplicates import DuplicateFinder
from .readers import records
from .store import State, build_lock, digest, sweep_temporary_files, write_if_changed

Progress = Callable[[int, int], None]
GONE_NOTE = "*No article in this briefing mentions it at the moment.*"


@dataclass
class BuildReport:
    articles: int = 0  # inputs made into articles
    written: list[str] = field(default_factory=list)  # docs-relative pages created or updated
    unchanged: int = 0
    kept_edits: list[str] = field(default_factory=list)  # pages where a person's edits were kept
    deleted_by_person: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # pages found under a new path
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input, the input it repeats)
    removed: list[str] = field(default_factory=list)  # generated pages whose input is gone
    failed: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'s' if count != 1 and not word.endswith('d') else ''}"

        parts = [n(self.articles, "article"), f"{n(len(self.written), 'page')} written", f"{self.unchanged} unchanged"]
        if self.kept_edits:
            parts.append(f"{len(self.kept_edits)} with your edits kept")
        if self.deleted_by_person:
            parts.append(f"{len(self.deleted_by_person)} you deleted left out")
        if self.moved:
            parts.append(f"{len(self.moved)} moved")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} duplicate{'s' if len(self.duplicates) != 1 else ''} skipped")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


@dataclass
class Pages:
    """The article pages in docs/ as they are now: docs-relative path -> Article."""

    docs: Path
    by_path: dict[str, Article] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)

    @classmethod
    def scan(cls, docs: Path) -> "Pages":
        pages = cls(docs)
        root = docs / "articles"
        if root.is_dir():
            for path in sorted(root.rglob("*.md"), key=lambda p: p.as_posix()):
                rel = path.relative_to(docs).as_posix()
                if any(part.startswith(".") for part in Path(rel).parts) or path.name == "index.md":
                    continue
                try:
                    pages.by_path[rel] = read_page(path, docs)
                except InputError as exc:
                    pages.errors.append(exc)
        return pages

    def by_original(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for rel, article in self.by_path.items():
            if article.original:
                found.setdefault(article.original, rel)
        return found


def build(project: Project, site_name: str = "Briefing", progress: Progress | None = None,
          restore: set[str] | None = None) -> BuildReport:
    """Bring docs/ up to date with articles/. ``restore`` names inputs (or ``"*"`` for all) whose
    pages a person deleted and wants back. Only one build runs at a time in a briefing."""
    with build_lock(project.state_file.parent):
        return _build(project, site_name, progress, restore)


def _build(project: Project, site_name: str, progress: Progress | None, restore: set[str] | None) -> BuildReport:
    report = BuildReport()
    entities = project.entities_file if project.entities_file.exists() else None
    knowledge = load_knowledge(str(entities) if entities else None)
    records.set_fields(project.settings.json_fields)
    state = State(project.state_file)
    docs = project.docs_dir
    sweep_temporary_files(docs)
    templates = project.templates_dir if project.templates_dir.is_dir() else None
    pages = Pages.scan(docs)
    located = pages.by_original()

    inputs = discover(project.articles_dir) if project.articles_dir.is_dir() else []
    # Inputs that already have a page go first, so a copy added later never displaces it.
    known_files = {original.split("#")[0] for original in state.pages}
    inputs.sort(key=lambda p: p.relative_to(project.articles_dir).as_posix() not in known_files)
    taken = _taken_slugs(docs, state)
    seen: set[str] = set()
    finder = DuplicateFinder()
    for item in _each_document(project.articles_dir, inputs, progress):
        if isinstance(item, InputError):
            report.failed.append(item)
            seen.add(item.path)  # its earlier page, if any, stays as it was
            continue
        try:
            article = extract_article(item, knowledge)
        except Exception as exc:  # a bug on one odd input must not stop the briefing
            report.failed.append(InputError(item.original, f"could not be processed ({type(exc).__name__}: {exc})"))
            seen.add(item.original)
            continue
        if not article.body.strip() and not item.given and not item.hints.get("title"):
            report.failed.append(InputError(item.original, "holds no article text, only navigation or boilerplate"))
            seen.add(item.original)
            continue
        original = finder.check(item.original, f"{article.title}\n{article.body}")
        if original is not None:
            report.duplicates.append((item.original, original))
            continue
        seen.add(item.original)
        report.articles += 1
        wants_back = restore is not None and ("*" in restore or item.original in restore)
        _place_article(item, article, templates, docs, state, pages, located, taken, report, wants_back)

    _remove_orphans(docs, state, pages, seen, report)
    report.failed.extend(pages.errors)
    listed = [Listed(rel, normalise(article, knowledge)) for rel, article in sorted(pages.by_path.items())]
    _write_indexes(docs, build_indexes(listed, site_name, templates), report)
    state.save()
    return report


def _each_document(articles_dir: Path, inputs: list[Path], progress: Progress | None):
    for done, path in enumerate(inputs, start=1):
        yield from read_all(articles_dir, [path])
        if progress:
            progress(done, len(inputs))


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


def _taken_slugs(docs: Path, state: State) -> dict[str, set[str]]:
    """Slugs in use per folder (on disk or remembered), so a new page never takes another's path."""
    taken: dict[str, set[str]] = {}
    root = docs / "articles"
    if root.is_dir():
        for path in root.rglob("*.md"):
            taken.setdefault(path.parent.relative_to(docs).as_posix(), set()).add(path.stem)
    for entry in state.pages.values():
        folder, _, name = entry["page"].rpartition("/")
        taken.setdefault(folder, set()).add(name.removesuffix(".md"))
    return taken


def _place_article(doc: RawDocument, article: Article, templates, docs: Path, state: State, pages: Pages,
                   located: dict[str, str], taken: dict[str, set[str]], report: BuildReport, wants_back: bool) -> None:
    known = state.pages.get(doc.original)
    rel = located.get(doc.original)
    if rel is None and known and (docs / known["page"]).exists():
        rel = known["page"]  # the person removed the `original` key, but the page is where we left it
    if rel is None and known is not None and not wants_back:
        report.deleted_by_person.append(known["page"])
        known["deleted"] = True
        return
    if rel is not None and known and rel != known["page"]:
        report.moved.append(rel)
    if rel is None and known is not None:
        rel = known["page"]  # brought back where it was
    if rel is None:
        folder = f"articles/{article.year or 'undated'}"
        slug = unique_slug(slugify(article.title or Path(doc.original).stem), taken.setdefault(folder, set()))
        rel = f"{folder}/{slug}.md"
    new_meta, new_body = render_parts(article, templates)
    new_text = compose(new_meta, new_body)
    path = docs / rel
    untouched = known is not None and digest(path.read_bytes()) == known.get("sha") if path.exists() else True
    if untouched:
        text, pure = new_text, True
    else:
        base = Snapshot.from_json(known.get("snapshot")) if known else None
        merged = merge_page(base, path.read_text(encoding="utf-8"), new_meta, new_body, lambda: new_text)
        text, pure = merged.text, not merged.edited
        if merged.edited:
            report.kept_edits.append(rel)
    if write_if_changed(path, text):
        report.written.append(rel)
    else:
        report.unchanged += 1
    state.pages[doc.original] = {"page": rel, "sha": digest(text.encode("utf-8")) if pure else "",
                                 "snapshot": snapshot_of(new_meta, new_body).to_json()}
    pages.by_path[rel] = article if pure else read_page(path, docs)


def _remove_orphans(docs: Path, state: State, pages: Pages, seen: set[str], report: BuildReport) -> None:
    """Pages of inputs that are gone: removed if untouched since generated, else kept."""
    for original in sorted(set(state.pages) - seen):
        entry = state.pages.pop(original)
        path = docs / entry["page"]
        if path.exists() and entry.get("sha") and digest(path.read_bytes()) == entry["sha"]:
            path.unlink()
            pages.by_path.pop(entry["page"], None)
            report.removed.append(entry["page"])


def _write_indexes(docs: Path, blocks: dict[str, str], report: BuildReport) -> None:
    for rel, block in sorted(blocks.items()):
        path = docs / rel
        existing = path.read_text(encoding="utf-8") if path.exists() else None
        if write_if_changed(path, merge_block(existing, block)):
            report.written.append(rel)
        else:
            report.unchanged += 1
    for folder in ("countries", "companies"):
        directory = docs / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.md")):
            rel = path.relative_to(docs).as_posix()
            if rel in blocks:
                continue
            text = path.read_text(encoding="utf-8")
            if BEGIN not in text:
                continue  # a page the person wrote for an entity with no articles yet
            if outside_block(text):
                if write_if_changed(path, merge_block(text, GONE_NOTE)):
                    report.written.append(rel)
            else:
                path.unlink()
                report.removed.append(rel)
