"""Stage 6: build a briefing: read -> clean -> extract -> pages -> indexes, then report.

The person wins: an article page whose bytes differ from what the generator last wrote was
edited by hand, and is never overwritten; a page the person deleted is not written again. The
CLI and the MkDocs plugin both call :func:`build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .config import Project
from .errors import InputError
from .extract import extract_article
from .indexes import BEGIN, build_indexes, collect, merge_block, outside_block
from .knowledge import load_knowledge
from .page import render_page
from .read import RawDocument, discover, read_all
from .slug import slugify, unique_slug
from .store import State, digest, write_if_changed

Progress = Callable[[int, int], None]
GONE_NOTE = "*No article in this briefing mentions it at the moment.*"


@dataclass
class BuildReport:
    articles: int = 0  # inputs made into articles
    written: list[str] = field(default_factory=list)  # docs-relative pages created or updated
    unchanged: int = 0
    kept_edits: list[str] = field(default_factory=list)  # pages a person edited, left alone
    deleted_by_person: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # generated pages whose input is gone
    failed: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.articles} article{'s' if self.articles != 1 else ''}",
                 f"{len(self.written)} page{'s' if len(self.written) != 1 else ''} written",
                 f"{self.unchanged} unchanged"]
        if self.kept_edits:
            parts.append(f"{len(self.kept_edits)} hand-edited kept")
        if self.deleted_by_person:
            parts.append(f"{len(self.deleted_by_person)} deleted by you left out")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


def build(project: Project, site_name: str = "Briefing", progress: Progress | None = None) -> BuildReport:
    report = BuildReport()
    entities = project.entities_file if project.entities_file.exists() else None
    knowledge = load_knowledge(str(entities) if entities else None)
    state = State(project.state_file)
    docs = project.docs_dir
    templates = project.templates_dir if project.templates_dir.is_dir() else None

    inputs = discover(project.articles_dir) if project.articles_dir.is_dir() else []
    taken = _taken_slugs(docs, state)
    seen: set[str] = set()
    for done, item in enumerate(read_all(project.articles_dir) if inputs else []):
        if progress:
            progress(done + 1, len(inputs))
        if isinstance(item, InputError):
            report.failed.append(item)
            seen.add(item.path)  # its earlier page, if any, stays as it was
            continue
        seen.add(item.original)
        try:
            article = extract_article(item, knowledge)
        except Exception as exc:  # a bug on one odd input must not stop the briefing
            report.failed.append(InputError(item.original, f"could not be processed ({type(exc).__name__}: {exc})"))
            continue
        report.articles += 1
        _write_article(item, render_page(article, templates), article, docs, state, taken, report)

    _remove_orphans(docs, state, seen, report)
    listed, errors = collect(docs)
    report.failed.extend(errors)
    blocks = build_indexes(listed, site_name, templates)
    _write_indexes(docs, blocks, report)
    state.save()
    return report


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


def _write_article(doc: RawDocument, text: str, article, docs: Path, state: State,
                   taken: dict[str, set[str]], report: BuildReport) -> None:
    known = state.pages.get(doc.original)
    if known is None:
        folder = f"articles/{article.year or 'undated'}"
        slug = unique_slug(slugify(article.title or Path(doc.original).stem), taken.setdefault(folder, set()))
        rel = f"{folder}/{slug}.md"
    else:
        rel = known["page"]
    path = docs / rel
    if known is not None:
        if not path.exists():
            report.deleted_by_person.append(rel)
            return
        if digest(path.read_bytes()) != known["sha"]:
            report.kept_edits.append(rel)
            return
    elif path.exists():
        report.kept_edits.append(rel)  # a page we did not write is a person's
        return
    if write_if_changed(path, text):
        report.written.append(rel)
    else:
        report.unchanged += 1
    state.pages[doc.original] = {"page": rel, "sha": digest(text.encode("utf-8"))}


def _remove_orphans(docs: Path, state: State, seen: set[str], report: BuildReport) -> None:
    """Pages of inputs that are gone: removed if untouched since generated, else kept."""
    for original in sorted(set(state.pages) - seen):
        entry = state.pages.pop(original)
        path = docs / entry["page"]
        if path.exists() and digest(path.read_bytes()) == entry["sha"]:
            path.unlink()
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
