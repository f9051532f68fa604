"""The plugin's builds of docs/ in one MkDocs session, and what `mkdocs serve` adds around them.

One build of docs/ runs at a time: MkDocs' own (``on_pre_build``) and, under the server, the
warming after its first build (``warm``). While serving:

- the watcher learns which files a build wrote, so that they start no build of their own
  (``watching.py``);
- the cycle collector runs between builds, not in them (``idle.py``);
- a build's stores (state, cache, duplicate fingerprints) are saved once the browser has the
  site, a moment after the build, or at the start of the next build of docs/ if that comes
  first; the journal knows every page written until then (``site.building``);
- the theme's templates stay compiled from build to build (``COMPILED_TEMPLATES``).
"""

from __future__ import annotations

import gc
import logging
import threading
from contextlib import ExitStack

from jinja2 import BytecodeCache

from .config import Project
from .errors import BriefingError, os_problem
from .idle import IdleCollector

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
WARMED = "ready for edits"  # said once the server has warmed (bench/serve.py waits for it)


class Builds:
    """The builds of docs/ of one plugin instance (one MkDocs command), one at a time."""

    def __init__(self) -> None:
        self.lock = threading.RLock()  # a build, or the server's warming after its first one (which builds)
        self.watcher = None  # while serving: which changes start a build (watching.Watcher)
        self.collector = IdleCollector()  # started by the server: the cycle collector runs between builds
        self._unsaved: ExitStack | None = None  # the last build of docs/, its stores still to save

    def build(self, project: Project, index_all: bool = False):
        """The generator's build of docs/ (``site.build``); while serving, its stores are saved
        later (``save``)."""
        from .site import building

        with self.lock:
            self.save()
            if self.watcher:
                self.watcher.building()
            report = None
            try:
                with ExitStack() as stack:
                    report = stack.enter_context(building(project, project.site_name, index_all=index_all))
                    if self.collector.active:
                        self._unsaved = stack.pop_all()
                return report
            finally:
                if self.watcher:
                    self.watcher.built(project.docs_dir, report.written if report else [],
                                       report.removed if report else [])

    def save(self) -> None:
        """Save the stores of the last build of docs/, if that is still to do."""
        with self.lock:
            unsaved, self._unsaved = self._unsaved, None
            if unsaved is not None:
                unsaved.close()

    def save_or_log(self) -> None:
        """``save``, a problem told in one line (no build is under way to fail with it)."""
        try:
            self.save()
        except BriefingError as exc:
            log.error(f"briefing: {exc}")
        except OSError as exc:
            log.error(f"briefing: {os_problem(exc)}")

    # -- MkDocs' build around them -------------------------------------------------------------

    def site_building(self) -> None:
        self.collector.building()

    def site_built(self) -> None:
        """MkDocs' build ended (or failed): the stores are saved, and the collector runs, a moment later."""
        self.collector.built(self.save_or_log)

    def stop(self) -> None:
        self.save_or_log()
        self.collector.stop()

    # -- the server ----------------------------------------------------------------------------

    def serve(self, server, project: Project | None, poll: bool) -> None:
        """Watch as the plugin does, and warm in the background (the server is idle now)."""
        if self.watcher is not None and not self.watcher.install(server, poll):
            log.info("briefing: this MkDocs' server is watched as MkDocs does")
        if project is not None:
            server.watch(str(project.articles_dir))
        threading.Thread(target=self._warm_then_collect_idle, args=(project,), name="briefing-warm", daemon=True).start()

    def _warm_then_collect_idle(self, project: Project | None) -> None:
        warm(project, self)
        self.collector.start()


def warm(project: Project | None, builds: Builds) -> None:
    """Load what the first rebuild would (the extraction code, the knowledge, the listings and
    entity blocks of the index pages, by a build that computes the indexes and writes nothing
    when nothing changed; the compiled templates), then set apart from the cycle collector what
    the server keeps for the whole session. A save in the meantime waits for it."""
    with builds.lock:
        try:
            if project is not None:
                import ruamel.yaml  # noqa: F401 (what merges a person's edit into a page)

                from .extract import extract_articles  # noqa: F401 (imported to be loaded)
                from .knowledge import load_knowledge
                from .page.render import compile_templates
                load_knowledge(str(project.entities_file) if project.entities_file.exists() else None)
                report = builds.build(project, index_all=True)
                if report.written or report.removed:  # a save made since the first build
                    log.info(f"briefing: {report.summary()}")
                compile_templates(project.own_templates)
        except (BriefingError, OSError):
            pass  # the build that needs them reports the problem
        # Python's cycle collector walks every object it tracks, and a served briefing keeps
        # about a million (the knowledge, the page cache, the listings): at 10,000 articles those
        # walks took a third of a rebuild. Once the first build's garbage is collected, what is
        # left lives as long as the server and is frozen out of the walks; garbage of later
        # builds is collected as usual.
        gc.collect()
        gc.freeze()
    log.info(f"briefing: {WARMED}")


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as compiled by an earlier build of this `mkdocs serve`: MkDocs
    makes a new template environment for every build, and compiling Material's templates again
    took a sixth of a rebuild. Jinja checks each template's source before using its code."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()
