"""Phase 4 of a build: the pages made ready written, and the pages of inputs that are gone
removed (when the person has not touched them)."""

from __future__ import annotations

from .context import Context
from .place import Ready
from .report import BuildReport
from .state import State
from .store import read_if_present, write_if_changed


def write_pages(context: Context, ready: list[Ready], report: BuildReport) -> None:
    """Write the pages, in order, and remember each as it is on disk now. The state's journal
    notes them first, so a build killed half-way still knows which pages are its own."""
    state, pages = context.state, context.pages
    state.note([(page.original, page.entry) for page in ready if state.entry(page.original) != page.entry])
    for page in ready:
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
        state.record(page.original, page.entry)
        if page.meta is not None:
            pages.record(page.rel, page.meta)


def remove_orphans(context: Context, seen: set[str], report: BuildReport) -> None:
    """Pages of inputs that are gone: removed if untouched since generated, else kept."""
    for original in sorted(set(context.state.pages) - seen):
        entry = context.state.forget(original)
        path = context.docs / entry["page"]
        if path.exists() and State.written_by_us(entry, path.read_bytes()):
            path.unlink()
            context.pages.forget(entry["page"])
            report.removed.append(entry["page"])
