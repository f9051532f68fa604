"""Stage 6: build a briefing, in phases over the inputs:

plan (which inputs changed; read them; learn the corpus's boilerplate) -> ingest (extract
articles, find copies) -> place (where each page goes, merged with the person's edits) ->
write (pages; orphans removed) -> index (index pages, feeds, charts) -> save.

The person wins. An article page is merged field by field with what the generator wrote last
time (``page/merge.py``): what the person changed stays, what they did not touch is refreshed. A
page the person deleted is not written again (until ``restore``); a page they moved or renamed is
found by its ``original`` key. Inputs whose file and pages did not change since the last build are
not read again, and the indexes are rendered only when what they list changed (``cache.py``).
The CLI calls :func:`build`; the MkDocs plugin :func:`building`, the same build whose saving waits
until the caller is done.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..config import Project
from ..page.render import templates_as_of
from .context import Context
from .duplicates import DuplicateFinder
from .index import Progress, write_indexes
from .ingest import ingest
from .place import Paths, carry_over, place_input
from .plan import Restore, plan
from .report import BuildReport
from .store import build_lock
from .write import remove_orphans, write_pages

# Inputs taken from extraction to written pages together: only one batch's pages are held in
# memory at a time, and progress is told after each.
BATCH = 64


def build(project: Project, site_name: str = "Briefing", progress: Progress | None = None,
          restore: set[str] | None = None, index_all: bool = False) -> BuildReport:
    """Bring docs/ up to date with articles/. ``restore`` names inputs (or ``"*"`` for all) whose
    pages a person deleted and wants back; ``index_all``: compute the index pages even when
    nothing they list changed (what this process keeps of them is then ready for the next
    build; pages that hold what they would get are not written). Only one build runs at a time
    in a briefing."""
    with building(project, site_name, progress, restore, index_all) as report:
        return report


@contextmanager
def building(project: Project, site_name: str = "Briefing", progress: Progress | None = None,
             restore: set[str] | None = None, index_all: bool = False) -> Iterator[BuildReport]:
    """:func:`build`, whose state, cache and fingerprints are saved (and the briefing unlocked)
    when the caller is done: `mkdocs serve` first shows the site (saving them took a twentieth
    of a rebuild at 10,000 articles). Until then the journal knows every page written."""
    with build_lock(project.state_file.parent):
        context = Context.open(project, site_name)  # loads the state, the cache and the article pages
        templates_as_of(context.templates, context.fingerprint)
        started = time.perf_counter()
        report = _run(context, Restore(frozenset(restore or ())), progress, index_all)
        try:
            yield report
        finally:
            context.save()
            report.timings["total"] = time.perf_counter() - started


def _run(context: Context, restore: Restore, progress: Progress | None, index_all: bool = False) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    inputs = plan(context, restore)
    seen, kept = carry_over(context, inputs, report)
    kept |= {doc for record in inputs.same_file.values() for doc in record.docs}  # (read again, not checked again)
    finder = DuplicateFinder(lambda: context.shingles.of(kept), context.shingles.take_finder)
    paths = Paths.of(context)
    changed = inputs.changed
    for start in range(0, len(changed), BATCH):
        ready = []
        for item in ingest(context, inputs, changed[start:start + BATCH], finder):
            placed = place_input(context, item, paths, restore, report)
            context.cache.remember_input(item.name, placed.record)
            seen |= placed.seen
            ready += placed.ready
        write_pages(context, ready, report)
        if progress:
            for done in range(start + 1, min(start + BATCH, len(changed)) + 1):
                progress("reading articles", done, len(changed))
    context.cache.keep_inputs(set(inputs.inputs))
    if changed:
        context.shingles.replace(seen, finder.fingerprints, finder.remembered())
    remove_orphans(context, seen, report)
    report.failed.extend(context.pages.errors)
    report.timings["articles"] = time.perf_counter() - started
    write_indexes(context, sorted(inputs.learned), report, progress, index_all)
    report.timings["indexes"] = time.perf_counter() - started - report.timings["articles"]
    return report
