"""Python's cycle collector under `mkdocs serve`: run between builds, not during them.

A served briefing keeps about a million objects; the warming sets those it has then apart from
the collector (``gc.freeze``), but every build makes thousands more (MkDocs' files and pages,
the listings) whose cycles only the collector frees. Left to itself it ran three full
collections in each rebuild at 10,000 articles, a third of a second of the time from a save to
the browser. Once the server has warmed, automatic collection is off; a full collection runs a
moment after each build ends (``DELAY``), unless another build has begun by then, in which case
the one after it schedules it again. What a build leaves behind is freed a second later.
"""

from __future__ import annotations

import gc
import threading

DELAY = 1.0  # seconds after a build: the browser has reloaded the page by then


class IdleCollector:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._building = False
        self._timer: threading.Timer | None = None
        self.active = False

    def start(self) -> None:
        """From now on, collect between builds only."""
        with self._lock:
            self.active = True
        gc.disable()

    def stop(self) -> None:
        with self._lock:
            self.active = False
            if self._timer is not None:
                self._timer.cancel()
        gc.enable()

    def building(self) -> None:
        with self._lock:
            self._building = True

    def built(self) -> None:
        """A build ended (or failed): collect a moment later."""
        with self._lock:
            self._building = False
            if not self.active:
                return
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(DELAY, self._collect)
            self._timer.daemon = True
            self._timer.start()

    def _collect(self) -> None:
        with self._lock:
            if self._building or not self.active:
                return  # the build under way schedules the next collection when it ends
        gc.collect()
