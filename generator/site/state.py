"""What the generator last wrote, so a page a person has edited since is recognised and never
overwritten. ``state.json`` is meant for version control, beside docs/: its format stays stable."""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

import orjson

from .store import digest, keep, load_json, take, write_if_changed

STATE_VERSION = 1


class PageEntry(TypedDict, total=False):
    """The state's record of one input's page (one line of ``state.json``)."""

    page: str  # docs-relative path
    sha: str  # digest of the bytes written; "" when the page holds a person's edits
    snapshot: dict  # what the generator wrote (``merge.Snapshot``), the base of the next merge
    deleted: bool  # the person deleted the page
    was: str  # after a killed build: the page's digest before it


class State:
    """What the generator last wrote: for each input, its page path and the page's hash.

    It is saved once, at the end of a build; the pages a build writes before then are first
    noted in a journal beside it (``note``), so a build killed half-way leaves a state that
    still knows every page it wrote: a page holding either its hash before the build or the one
    noted (``was``, ``sha``) is the generator's, not a person's edit."""

    def __init__(self, path: Path, docs: Path):
        self.path = path
        self.docs = docs
        self.journal = path.with_name("journal.jsonl")
        self.pages: dict[str, PageEntry] = {}
        self.dirty = False
        self._lines: dict[str, tuple[PageEntry, str]] = {}  # the line saved for each entry object
        # A page's path or the front matter the generator wrote on it changed: what the index
        # pages read of the state (the rest, hashes and input stats, changes at every hand edit).
        self.listing_changed = False
        if path.exists():
            try:
                data = load_json(path)
                if data.get("version") == STATE_VERSION:
                    self.pages = data.get("pages", {})
            except (ValueError, OSError):
                self.pages = {}  # a damaged state only costs the memory of what was generated
        self._replay()

    @classmethod
    def open(cls, path: Path, docs: Path) -> "State":
        """The state as the last build of this process saved it, or as the file holds it."""
        kept = take(path)
        if isinstance(kept, cls) and kept.docs == docs and not kept.journal.exists():
            return kept
        return cls(path, docs)

    def _replay(self) -> None:
        """Take in what a killed build noted in the journal: each page it noted and then wrote.
        A page noted but not there was never written (the kill came first): its entry is not
        taken, or the next build would read the page as deleted by the person."""
        try:
            lines = self.journal.read_bytes().splitlines()
        except OSError:
            return
        for line in lines:
            try:
                original, entry = orjson.loads(line)
            except (orjson.JSONDecodeError, ValueError, TypeError):
                continue  # the last line, cut by the kill
            if not (self.docs / entry["page"]).exists():
                continue
            before = self.pages.get(original)
            if before and before.get("sha") and before["sha"] != entry.get("sha") and before["page"] == entry["page"]:
                entry["was"] = before["sha"]
            self.pages[original] = entry
            self.dirty = self.listing_changed = True

    def note(self, entries: list[tuple[str, PageEntry]]) -> None:
        """Record in the journal the pages about to be written, before they are."""
        if not entries:
            return
        with open(self.journal, "ab") as journal:
            journal.write(b"".join(orjson.dumps([original, entry]) + b"\n" for original, entry in entries))

    def entry(self, original: str) -> PageEntry | None:
        return self.pages.get(original)

    def has_page(self, original: str) -> bool:
        return original in self.pages

    def record(self, original: str, entry: PageEntry) -> None:
        """The page of ``original`` as just written."""
        before = self.pages.get(original)
        if before != entry:
            self.pages[original] = entry
            self.dirty = True
            if before is None or _listed(before) != _listed(entry):
                self.listing_changed = True

    def mark_deleted(self, original: str) -> None:
        """The person deleted the page: it is not written again (until restored)."""
        entry = self.pages[original]
        if not entry.get("deleted"):
            self.pages[original] = {**entry, "deleted": True}  # (a new entry: see ``save``)
            self.dirty = self.listing_changed = True

    def forget(self, original: str) -> PageEntry:
        """The input is gone: its entry, no longer kept."""
        self.dirty = self.listing_changed = True
        return self.pages.pop(original)

    def pages_written(self) -> list[str]:
        """Every page path the state remembers, deleted ones included."""
        return [entry["page"] for entry in self.pages.values()]

    @staticmethod
    def written_by_us(entry: PageEntry | None, data: bytes) -> bool:
        """Whether a page's bytes are what the generator last wrote (or, after a killed build,
        what it held before)."""
        if not entry:
            return False
        sha = digest(data)
        return sha == entry.get("sha") or sha == entry.get("was")

    def save(self) -> bool:
        if not self.dirty and self.path.exists():
            self.journal.unlink(missing_ok=True)
            self.listing_changed = False
            keep(self.path, self)
            return False
        # One line per page: a readable diff in git, each written by orjson (at 10,000 articles an
        # indented dump took half a second, the standard encoder line by line 0.12 s, orjson 0.03).
        # An entry is never changed in place, only replaced: the line of an entry object saved
        # before is that line (under `mkdocs serve`, writing them all took a tenth of a rebuild).
        lines, saved = [], {}
        for original, entry in sorted(self.pages.items()):
            known = self._lines.get(original)
            if known is None or known[0] is not entry:
                known = (entry, f"{orjson.dumps(original).decode()}: {orjson.dumps(entry).decode()}")
            saved[original] = known
            lines.append(known[1])
        self._lines = saved
        self.dirty = self.listing_changed = False
        written = write_if_changed(self.path, f'{{"version": {STATE_VERSION}, "pages": {{\n' + ",\n".join(lines) + "\n}}\n")
        self.journal.unlink(missing_ok=True)
        keep(self.path, self)
        return written


def _listed(entry: PageEntry) -> tuple:
    return entry.get("page"), entry.get("deleted"), (entry.get("snapshot") or {}).get("meta")
