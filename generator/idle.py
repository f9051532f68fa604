"""Python's cycle collector under `mkdocs serve`: run between builds, not during them.

A served briefing keeps about a million objects; the warming sets those it has then apart from
the collector (``gc.freeze``), but every build makes thousands more (MkDocs' files and pages,
the listings) whose cycles only the collector frees. Left to itself it ran three full
collections in each rebuild at 10,000 articles, a third of a second of the time from a save to
the browser. Once the server has warmed, automatic collection is off while a build runs; a
moment after the build ends (``DELAY``) one full collection frees what it left behind and turns
automatic collection on again, unless another build has begun by then: the one after it does.
What else a build leaves for then (the plugin saves the generator's stores) is done after that
collection, so that the memory it takes is not added to what the build left.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

DELAY = 1.0  # seconds after a build: the browser has reloaded the page by then


class IdleCollector:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._building = False
        self._timer: threading.Timer | None = None
        self.active = False

    def start(self) -> None:
        """From now on, no collection runs during a build."""
        with self._lock:
            self.active = True

    def stop(self) -> None:
        with self._lock:
            if not self.active:
                return
            self.active = False
            if self._timer is not None:
                self._timer.cancel()
        gc.enable()

    def building(self) -> None:
        with self._lock:
            self._building = True
            if self.active:
                gc.disable()

    def built(self, then: Callable[[], None] | None = None) -> None:
        """A build ended (or failed): a moment later, the collection, then ``then`` (what the
        build left to do)."""
        with self._lock:
            self._building = False
            if not self.active:
                return
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(DELAY, self._collect, (then,))
            self._timer.daemon = True
            self._timer.start()

    def _collect(self, then: Callable[[], None] | None) -> None:
        with self._lock:
            if self._building or not self.active:
                return  # the build under way does it all when it ends
            gc.collect()  # first, or what ``then`` holds would add to what the build left
        if then is not None:
            then()
        with self._lock:
            if not self._building:
                gc.enable()
