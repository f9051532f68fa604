"""What the last build saw, so a rebuild only redoes what changed.

A cache, never a source of truth: deleting ``.briefing/cache.json`` (or a new version of the
generator, a changed data file, registry, template or setting) only makes the next build redo
everything. It is not meant for version control.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import orjson

from .. import __version__
from .store import keep, load_json, take, write_if_changed

CACHE_VERSION = 1


def stat_key(path: Path | str) -> list[int] | None:
    """What tells a file changed since a build saw it: its ``key_of``; None when it is gone."""
    try:
        return key_of(os.stat(path))
    except OSError:
        return None


def key_of(status: os.stat_result) -> list[int]:
    return [status.st_mtime_ns, status.st_size]


def fingerprint(*extra_files: Path | None, settings: object = None) -> str:
    """A digest of everything besides the inputs that shapes the output."""
    digest = hashlib.sha256(_package_digest().encode())
    for path in extra_files:
        if path is None:
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.exists():
                digest.update(str(file).encode())
                digest.update(file.read_bytes())
    digest.update(json.dumps([settings, _shaping_versions()], sort_keys=True, default=str).encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """The generator's version, code, data files and built-in templates: fixed for a process."""
    from ..page.render import builtin_templates

    digest = hashlib.sha256(__version__.encode())
    data = resources.files("generator").joinpath("data")
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        digest.update(item.name.encode())
        digest.update(item.read_bytes())
    package = Path(__file__).resolve().parents[1]
    code = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    templates = builtin_templates()
    for file in [*code, *sorted(p for p in templates.rglob("*") if p.is_file())]:
        digest.update(str(file).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


# Libraries whose upgrade can change what is extracted or written: a new version redoes the build.
SHAPING_PACKAGES = ("trafilatura", "htmldate", "charset-normalizer", "babel", "pycountry", "pytickersymbols",
                    "py3langid", "ahocorasick_rs", "feedparser", "feedgen", "pygal", "pygal_maps_world", "Jinja2",
                    "python-frontmatter", "PyYAML", "ruamel.yaml", "simplemma", "gender-guesser",
                    "pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk")


@lru_cache(maxsize=1)
def _shaping_versions() -> dict[str, str | None]:
    # Python too: duplicates.fingerprint hashes as this version does, datacache pickles with it
    versions = {"python": "%d.%d" % sys.version_info[:2]}
    for name in SHAPING_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


@dataclass(slots=True)
class InputRecord:
    """What the last build made of one input file, as long as the file is as it was then."""

    stat: list[int]  # its ``key_of`` when read
    docs: list[str] = field(default_factory=list)  # its articles that have a page
    held: list[str] = field(default_factory=list)  # its articles whose page the person deleted
    dups: list[list[str]] = field(default_factory=list)  # [article, the earlier article it repeats]
    lines: dict[str, list[str]] = field(default_factory=dict)  # article -> its line keys (``learned``)

    @classmethod
    def from_json(cls, data: dict) -> "InputRecord":
        return cls(data["stat"], data.get("docs", []), data.get("held", []), data.get("dups", []), data.get("lines", {}))

    def to_json(self) -> dict:
        return {"stat": self.stat, "docs": self.docs, "held": self.held, "dups": self.dups, "lines": self.lines}


@dataclass(slots=True)
class IndexRecord:
    """What the index pages were last rendered from."""

    digest: str = ""  # of the fingerprint, the site name and every article page's change key
    files: dict[str, list] = field(default_factory=dict)  # index page -> [*its change key, its block's key]
    learned: list[str] | None = None  # keys of the lines learned as boilerplate then, sorted (None: not known)

    @classmethod
    def from_json(cls, data: dict) -> "IndexRecord":
        learned = data.get("learned")
        return cls(data.get("digest", ""), data.get("files", {}), learned if isinstance(learned, list) else None)

    def to_json(self) -> dict:
        return {"digest": self.digest, "files": self.files, "learned": self.learned}


@dataclass
class BuildCache:
    """Inputs, article pages and index pages as the last build left them, answering whether each
    is still so. Every change goes through a method, which notes that the file must be saved."""

    path: Path
    fingerprint: str = ""
    inputs: dict[str, InputRecord] = field(default_factory=dict)  # input file (articles/-relative) -> record
    pages: dict[str, dict] = field(default_factory=dict)  # article page (docs-relative) -> {"stat", "meta"}
    index: IndexRecord = field(default_factory=IndexRecord)
    # The change key of shingles.json as this cache last saw it: when the file is gone or other
    # (a build killed between saving the two, a person deleting it), no input's fingerprints
    # can be trusted to be there, and every input is read again.
    shingles: list[int] | None = None
    dirty: bool = False

    @classmethod
    def load(cls, state_dir: Path) -> "BuildCache":
        path = state_dir / "cache.json"
        kept = take(path)
        if isinstance(kept, cls):
            return kept
        cache = cls(path)
        try:
            data = load_json(path)
        except (OSError, ValueError):
            return cache
        if data.get("version") == CACHE_VERSION:
            cache.fingerprint = data.get("fingerprint", "")
            cache.inputs = {name: InputRecord.from_json(entry) for name, entry in data.get("inputs", {}).items()}
            cache.pages = data.get("pages", {})
            cache.index = IndexRecord.from_json(data.get("index", {}))
            cache.shingles = data.get("shingles")
        return cache

    def save(self) -> None:
        if self.dirty:
            data = {"version": CACHE_VERSION, "fingerprint": self.fingerprint,
                    "inputs": {name: record.to_json() for name, record in self.inputs.items()},
                    "pages": self.pages, "index": self.index.to_json(), "shingles": self.shingles}
            # (orjson: the standard encoder took a tenth of a rebuild at 10,000 articles)
            write_if_changed(self.path, orjson.dumps(data))
            self.dirty = False
        keep(self.path, self)

    def trust(self, fingerprint: str, shingles_key: list[int] | None) -> None:
        """Forget every input's record unless the build is shaped as it was (same code, data,
        registry, templates, settings) and its duplicate fingerprints are the ones saved with it."""
        if self.fingerprint != fingerprint or self.shingles != shingles_key:
            self.inputs.clear()
            self.fingerprint = fingerprint
            self.dirty = True

    # Inputs

    def input_as_of(self, name: str, stat: list[int] | None) -> InputRecord | None:
        """The record of an input whose file has not changed since (``stat``: its change key now)."""
        record = self.inputs.get(name)
        return record if record is not None and record.stat == stat else None

    def remember_input(self, name: str, record: InputRecord | None) -> None:
        """``record`` None: the input failed, and is read again next time."""
        if record is None:
            self.inputs.pop(name, None)
        else:
            self.inputs[name] = record
        self.dirty = True

    def keep_inputs(self, present: set[str]) -> None:
        for name in [n for n in self.inputs if n not in present]:
            del self.inputs[name]
            self.dirty = True

    # Article pages

    def page_meta(self, rel: str, stat: list[int] | None) -> dict | None:
        """The front matter of an article page whose file has not changed since it was read."""
        known = self.pages.get(rel)
        return known["meta"] if known is not None and known["stat"] == stat else None

    def remember_page(self, rel: str, stat: list[int] | None, meta: dict) -> None:
        known = self.pages.get(rel)
        self.pages[rel] = {"stat": stat, "meta": meta}
        if known is not None and "digest" in known and known["meta"] == meta:
            self.pages[rel]["digest"] = known["digest"]  # the same front matter (only its text changed)
        self.dirty = True

    def page_digest(self, rel: str) -> str | None:
        """A digest of the front matter of an article page, as last read (kept with it)."""
        known = self.pages.get(rel)
        if known is None:
            return None
        if "digest" not in known:
            known["digest"] = _meta_digest(known["meta"])
            self.dirty = True
        return known["digest"]

    def forget_page(self, rel: str) -> None:
        if self.pages.pop(rel, None) is not None:
            self.dirty = True

    def keep_pages(self, present: dict) -> None:
        for rel in [r for r in self.pages if r not in present]:
            self.forget_page(rel)

    # Index pages

    def remember_index(self, record: IndexRecord) -> None:
        self.index = record
        self.dirty = True

    def note_learned(self, learned: list[str]) -> None:
        """The index pages are as they were, but the boilerplate learned has changed."""
        if self.index.learned != learned:
            self.index.learned = learned
            self.dirty = True

    def note_shingles(self, key: list[int] | None) -> None:
        if self.shingles != key:
            self.shingles = key
            self.dirty = True


class Shingles:
    """Fingerprints of the articles already in the briefing, for finding duplicates; loaded only
    when a new or changed input needs comparing."""

    def __init__(self, path: Path):
        self.path = path
        self._data: dict[str, list[int]] | None = None
        self.dirty = False
        self._finder = None  # the last build's duplicate finder's index (duplicates.Remembered)

    @property
    def data(self) -> dict[str, list[int]]:
        if self._data is None:
            try:
                self._data = load_json(self.path)
            except (OSError, ValueError):
                self._data = {}
        return self._data

    def of(self, names: set[str]) -> dict[str, list[int]]:
        return {name: hashes for name, hashes in self.data.items() if name in names}

    @classmethod
    def open(cls, path: Path) -> "Shingles":
        """The fingerprints as the last build of this process saved them, or as the file holds them."""
        kept = take(path)
        return kept if isinstance(kept, cls) and not kept.dirty else cls(path)

    def take_finder(self):
        """The index the last build's duplicate finder left (for the next finder to take over),
        or None."""
        finder, self._finder = self._finder, None
        return finder

    def replace(self, kept: set[str], new: dict[str, set[int]], remembered=None) -> None:
        """Keep the fingerprints of the articles in ``kept``, and take in the ``new`` ones (an edit
        to a page whose clipping did not change changes neither: nothing to save). ``remembered``:
        what the build's duplicate finder remembers (``DuplicateFinder.remembered``), kept for
        the next build's when it is what the fingerprints now hold, in their order."""
        data = self.data
        gone = [n for n in data if n not in kept]
        fresh = {name: sorted(hashes) for name, hashes in new.items()}
        changed = bool(gone) or any(data.get(name) != hashes for name, hashes in fresh.items())
        if changed:
            for name in gone:
                del data[name]
            data.update(fresh)
            self.dirty = True
        if remembered is not None or changed:  # (a finder that never compared took nothing)
            self._finder = remembered if remembered is not None and list(remembered.sizes) == list(data) else None

    def save(self, cache: BuildCache) -> None:
        """Save the fingerprints (when they changed), then note the file's change key in ``cache``."""
        if self.dirty and self._data is not None:
            write_if_changed(self.path, orjson.dumps(self._data))
            self.dirty = False
        cache.note_shingles(stat_key(self.path))
        if self._data is not None:
            keep(self.path, self)


def _meta_digest(meta: dict) -> str:
    return hashlib.sha256(json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
