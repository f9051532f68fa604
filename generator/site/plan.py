"""Phase 1 of a build: which inputs must be read again, read them, and learn the corpus's
boilerplate (lines that recur across inputs)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..clean.learned import keys_of, learn
from ..errors import InputError
from ..read import READERS, RawDocument, read_safely, walk_files
from .cache import InputRecord, stat_key
from .context import Context

Documents = list[RawDocument | InputError]  # what one input file holds, or why it cannot be read


@dataclass(frozen=True)
class Restore:
    """Inputs (``original``) whose pages a person deleted and wants back; ``"*"`` for all."""

    wanted: frozenset[str] = frozenset()

    def wants(self, original: str) -> bool:
        return "*" in self.wanted or original in self.wanted


@dataclass
class Plan:
    inputs: list[str]  # every input file (articles/-relative), those that already have pages first
    fresh: dict[str, InputRecord]  # inputs whose file and pages are as the last build left them
    changed: list[str]  # the others, in order: to be extracted
    documents: dict[str, Documents]  # what each changed input holds, as read
    statuses: dict[str, os.stat_result | None]  # each changed input's file as it was read
    learned: frozenset[str]  # keys of the lines learned as boilerplate
    line_keys: dict[str, tuple[list[str], dict]]  # document -> its line keys, its lines with their keys
    # Changed inputs whose file is as the last build read it (only a page of theirs changed): what
    # that build found of them, copies included, still holds.
    same_file: dict[str, InputRecord] = field(default_factory=dict)


def plan(context: Context, restore: Restore) -> Plan:
    project, cache = context.project, context.cache
    articles_dir = project.articles_dir
    # Input names (articles/-relative), not Paths: a rebuild looks at every one of them.
    inputs = walk_files(articles_dir, tuple(READERS)) if articles_dir.is_dir() else []
    # Inputs that already have a page go first, so a copy added later never displaces it.
    known_files = {original.split("#")[0] for original in context.state.pages}
    inputs.sort(key=lambda name: (name not in known_files, name))
    prefix = f"{articles_dir}/"
    fresh, same_file = {}, {}
    for name in inputs:
        record = cache.input_as_of(name, stat_key(prefix + name))
        if record is not None:
            (fresh if _pages_fresh(context, record, restore) else same_file)[name] = record
    changed = [name for name in inputs if name not in fresh]

    def read(names: list[str]) -> None:
        for name in names:
            documents[name], statuses[name] = read_safely(articles_dir, name, project.root, project.settings)

    documents: dict[str, Documents] = {}
    statuses: dict[str, os.stat_result | None] = {}
    read(changed)
    learned, line_keys = _learn(inputs, documents, fresh)
    before = cache.index.learned
    if before is None or learned != frozenset(before):
        # What counts as the corpus's boilerplate changed: the articles holding a line that was
        # and is no longer boilerplate, or the reverse, are extracted again (all of them when the
        # last build's lines are not known).
        turned = None if before is None else learned.symmetric_difference(before)
        touched = [name for name, record in fresh.items() if _holds(record, turned)]
        read(touched)
        for name in touched:
            del fresh[name]
        for name in [name for name, record in same_file.items() if _holds(record, turned)]:
            del same_file[name]  # (its duplicates are looked for again too)
        changed = [name for name in inputs if name not in fresh]
    return Plan(inputs, fresh, changed, documents, statuses, learned, line_keys, same_file)


def _holds(record: InputRecord, keys: frozenset[str] | None) -> bool:
    """Whether an input's articles hold a line of ``keys`` (None: any line)."""
    return keys is None or any(not keys.isdisjoint(lines) for lines in record.lines.values())


def _pages_fresh(context: Context, record: InputRecord, restore: Restore) -> bool:
    """Every page of the input is as the last build left it, and none is to be restored."""
    if any(restore.wants(original) for original in record.docs + record.held):
        return False
    for original in record.docs:
        entry = context.state.entry(original)
        if entry is None or entry.get("deleted") or not context.pages.is_current(entry["page"]):
            return False
    return True


def _learn(inputs: list[str], documents: dict[str, Documents], fresh: dict[str, InputRecord]
           ) -> tuple[frozenset[str], dict[str, tuple[list[str], dict]]]:
    """Lines that recur across the corpus: from the cache for fresh inputs, from the text for
    the others; and for each document read, its line keys (for the cache) and each of its lines
    with its key (for the extractor)."""
    per_document: list[list[str]] = []
    keyed: dict[str, tuple[list[str], dict]] = {}
    for name in inputs:
        if name in documents:
            for doc in documents[name]:
                if not isinstance(doc, InputError):
                    keyed[doc.original] = keys_of(doc.text)
                    per_document.append(keyed[doc.original][0])
        else:
            per_document += list(fresh[name].lines.values())
    return learn(per_document), keyed
