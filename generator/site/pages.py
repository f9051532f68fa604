"""The article pages in docs/ as they are now, read once per build: what the plan, the placing
of new pages and the indexes all look at."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..page import read_page
from ..page.merge import plain
from ..read import walk_files
from .cache import BuildCache, stat_key
from .state import State


@dataclass
class Pages:
    """Docs-relative path -> front matter (plain values), turned into Articles only when the
    indexes need them."""

    docs: Path
    cache: BuildCache
    meta: dict[str, dict] = field(default_factory=dict)
    stats: dict[str, list[int]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # pages edited, added or moved since the last build
    errors: list[InputError] = field(default_factory=list)

    @classmethod
    def scan(cls, docs: Path, cache: BuildCache) -> "Pages":
        """Read every article page's front matter, reusing the cached copy of unchanged files."""
        pages = cls(docs, cache)
        root = docs / "articles"
        prefix = f"{root}/"  # strings, not Paths: this runs for every page on every build
        for sub in walk_files(root, (".md",)) if root.is_dir() else []:
            if sub.rsplit("/", 1)[-1] == "index.md":
                continue
            rel = "articles/" + sub
            key = pages.stats[rel] = stat_key(prefix + sub)
            meta = cache.page_meta(rel, key)
            if meta is not None:
                pages.meta[rel] = meta
                continue
            pages.changed.add(rel)
            try:
                article = read_page(root / sub, docs)
            except InputError as exc:
                pages.errors.append(exc)  # its path stays taken; it is just not listed
                cache.forget_page(rel)
                continue
            pages.meta[rel] = plain(article.metadata())
            cache.remember_page(rel, key, pages.meta[rel])
        cache.keep_pages(pages.stats)
        return pages

    def by_original(self) -> dict[str, str]:
        """Input (``original``) -> the page that names it."""
        found: dict[str, str] = {}
        for rel, meta in self.meta.items():
            original = meta.get("original")
            if isinstance(original, str) and original:
                found.setdefault(original, rel)
        return found

    def is_current(self, rel: str) -> bool:
        """The page is there, as the last build left it."""
        return rel in self.stats and rel not in self.changed

    def record(self, rel: str, meta: dict) -> None:
        """A page just written: remember its front matter (plain values) as it is on disk now."""
        self.meta[rel] = meta
        self.stats[rel] = stat_key(f"{self.docs}/{rel}")
        self.cache.remember_page(rel, self.stats[rel], meta)

    def forget(self, rel: str) -> None:
        self.meta.pop(rel, None)
        self.stats.pop(rel, None)
        self.cache.forget_page(rel)


def taken_slugs(pages: Pages, state: State) -> dict[str, set[str]]:
    """Slugs in use per folder (on disk or remembered), so a new page never takes another's path."""
    taken: dict[str, set[str]] = {}
    for rel in [*pages.stats, *state.pages_written()]:
        folder, _, name = rel.rpartition("/")
        taken.setdefault(folder, set()).add(name.removesuffix(".md"))
    return taken
