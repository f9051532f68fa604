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

from .. import __version__
from .store import load_json, write_if_changed

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
                    "python-frontmatter", "PyYAML", "ruamel.yaml")


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


@dataclass
class BuildCache:
    path: Path
    fingerprint: str = ""
    inputs: dict[str, dict] = field(default_factory=dict)  # input file -> {"stat", "docs", "dups"}
    pages: dict[str, dict] = field(default_factory=dict)  # docs-relative page -> {"stat", "meta"}
    index: dict = field(default_factory=dict)  # {"digest", "files": {page: stat}}
    # The change key of shingles.json as this cache last saw it: when the file is gone or other
    # (a build killed between saving the two, a person deleting it), no input's fingerprints
    # can be trusted to be there, and every input is read again.
    shingles: list[int] | None = None
    dirty: bool = False

    @classmethod
    def load(cls, state_dir: Path) -> "BuildCache":
        path = state_dir / "cache.json"
        cache = cls(path)
        try:
            data = load_json(path)
        except (OSError, ValueError):
            return cache
        if data.get("version") == CACHE_VERSION:
            cache.fingerprint = data.get("fingerprint", "")
            cache.inputs = data.get("inputs", {})
            cache.pages = data.get("pages", {})
            cache.index = data.get("index", {})
            cache.shingles = data.get("shingles")
        return cache

    def save(self) -> None:
        if not self.dirty:
            return
        data = {"version": CACHE_VERSION, "fingerprint": self.fingerprint, "inputs": self.inputs,
                "pages": self.pages, "index": self.index, "shingles": self.shingles}
        write_if_changed(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        self.dirty = False


class Shingles:
    """Fingerprints of the articles already in the briefing, for finding duplicates; loaded only
    when a new or changed input needs comparing."""

    def __init__(self, path: Path):
        self.path = path
        self._data: dict[str, list[int]] | None = None
        self.dirty = False

    @property
    def data(self) -> dict[str, list[int]]:
        if self._data is None:
            try:
                self._data = load_json(self.path)
            except (OSError, ValueError):
                self._data = {}
        return self._data

    def save(self, cache: BuildCache) -> None:
        """Save the fingerprints (when they changed), then note the file's change key in ``cache``."""
        if self.dirty and self._data is not None:
            write_if_changed(self.path, json.dumps(self._data, separators=(",", ":")))
            self.dirty = False
        seen = stat_key(self.path)
        if cache.shingles != seen:
            cache.shingles = seen
            cache.dirty = True
