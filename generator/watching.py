"""What `mkdocs serve` watches, and which changes start a build.

MkDocs polls the watched folders every half second (a tenth of a core or more at a few thousand
pages, doing nothing) and starts a build for any change in them, the plugin's own included: the
index pages a build writes into docs/ start a second build of the same site. Here the server
watches through the operating system's notifications instead (inotify, FSEvents, ...; polling
stays available with ``poll_for_changes: true`` for file systems that send none, such as some
network shares), and a change the build itself made starts nothing.

The plugin's writes all happen in its builds of docs/ (``on_pre_build``, and the one that warms
the server after its first build), each between ``building`` and ``built``. Changes reported
meanwhile are held back; when it is done, each is compared with what the build left: a file the build wrote (or
removed) and that is still as the build left it was the build's own change.

One save is reported several times (modified, then closed; a busy machine can deliver these a
second apart, after the build they asked for has started): a report of a file that is still as it
was when it last asked for a build asks for nothing more.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from pathlib import Path

import watchdog.events
import watchdog.observers
import watchdog.observers.polling

from .site.cache import stat_key

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
# What changes a file. The system is asked for these alone: by default it also reports every file
# and folder opened or closed without writing, thousands at each build, and handling those
# reports competed with the build (a body edit's rebuild at 10,000 articles: 2.3 s, 1.4 s without).
EVENTS = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent, watchdog.events.FileMovedEvent,
          watchdog.events.FileDeletedEvent, watchdog.events.FileClosedEvent]
TEMPORARY = re.compile(r"^\..+\.\d+\.tmp$")  # store.write_if_changed's temporary names



class Watcher:
    """Decides, for the server, which reported changes are worth a build."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._building = False
        self._held: list[str] = []
        self._own: dict[str, list[int] | None] = {}  # what the last build wrote, as it left it
        self._asked: dict[str, list[int] | None] = {}  # a changed file, as it was when it asked for a build
        self._server = None

    # -- the build's side ----------------------------------------------------------------------

    def building(self) -> None:
        with self._lock:
            self._building = True

    def built(self, docs: Path, written: list[str], removed: list[str]) -> None:
        """The plugin is done with docs/: its writes are known, the held changes are judged."""
        own = {os.path.abspath(docs / rel): stat_key(str(docs / rel)) for rel in written}
        own.update({os.path.abspath(docs / rel): None for rel in removed})
        with self._lock:
            self._own = own
            self._building = False
            held, self._held = self._held, []
        if any([self._worth_a_build(path) for path in held]):
            self._rebuild()

    # -- the server's side ---------------------------------------------------------------------

    def install(self, server, poll: bool) -> bool:
        """Replace the server's watches by ours; False (MkDocs' own watching kept) when this
        MkDocs' server does not look as expected."""
        needed = ("_watch_refs", "_watched_paths", "_rebuild_cond", "observer", "unwatch")
        if not all(hasattr(server, name) for name in needed):
            return False
        paths = dict(server._watched_paths)  # path -> how many asked for it
        for path, times in paths.items():
            for _ in range(times):
                server.unwatch(path)
        server.observer = _observer(poll, list(paths))
        self._server = server
        server.watch = self.watch  # later watches (config.watch, other plugins) come here too
        for path, times in paths.items():
            for _ in range(times):
                self.watch(path)
        return True

    def watch(self, path: str, func=None, *, recursive: bool = True) -> None:
        server = self._server
        path = os.path.abspath(path)
        if path in server._watched_paths:
            server._watched_paths[path] += 1
            return
        server._watched_paths[path] = 1
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._changed
        if os.path.isfile(path):  # inotify watches folders: a single file is watched through its own
            server._watch_refs[path] = server.observer.schedule(_OnlyFile(path, self._changed), os.path.dirname(path),
                                                                recursive=False, event_filter=EVENTS)
        else:
            server._watch_refs[path] = server.observer.schedule(handler, path, recursive=recursive, event_filter=EVENTS)

    def _changed(self, event) -> None:
        if event.is_directory:
            return
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", None):
            paths.append(os.fsdecode(event.dest_path))
        with self._lock:
            if self._building:
                self._held += paths
                return
        if any([self._worth_a_build(path) for path in paths]):  # each path judged, and remembered
            log.debug(f"briefing: {event}")
            self._rebuild()

    def _worth_a_build(self, path: str) -> bool:
        if TEMPORARY.match(os.path.basename(path)):
            return False
        path = os.path.abspath(path)
        key = stat_key(path)
        with self._lock:
            if path in self._own and key == self._own[path]:
                return False
            if path in self._asked and key == self._asked[path]:
                return False
            self._asked[path] = key
        return True

    def _rebuild(self) -> None:
        server = self._server
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()


def _observer(poll: bool, paths: list[str]):
    """The system's notifications, unless asked to poll or they cannot be had here (inotify's
    limit on watches reached, say): then polling, as MkDocs does."""
    if not poll:
        probe = watchdog.observers.Observer()
        try:
            for path in paths:
                probe.schedule(watchdog.events.FileSystemEventHandler(),
                               path if os.path.isdir(path) else os.path.dirname(path), recursive=os.path.isdir(path))
            probe.start()
        except OSError as exc:
            log.warning(f"briefing: the system does not report changes here ({exc}); looking for them every half second")
        else:
            return watchdog.observers.Observer()
        finally:
            with contextlib.suppress(Exception):
                probe.stop()
                probe.join()
    return watchdog.observers.polling.PollingObserver(timeout=0.5)


class _OnlyFile(watchdog.events.FileSystemEventHandler):
    def __init__(self, path: str, changed) -> None:
        self._path, self._changed_callback = path, changed

    def on_any_event(self, event) -> None:
        paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
        if self._path in paths:
            self._changed_callback(event)
