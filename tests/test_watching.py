"""Which changes start a build while serving: a person's saves do, once each; the generator's own
writes to docs/ do not, whichever build made them (the server's warming included)."""

import time

import pytest
import watchdog.events
from conftest import build_project
from mkdocs.livereload import LiveReloadServer
from test_build import page_for

from generator.config import load_project
from generator.serving import Builds, warm
from generator.watching import Watcher

SEED = "001_468776ec45e334ad.txt"


@pytest.fixture
def watched(sample, tmp_path):
    """A briefing built once, its docs/ and articles/ watched as `mkdocs serve` does with the
    plugin; the server's build loop is not started, so a wanted build stays visible."""
    build_project(sample)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    builds = Builds()
    builds.watcher = Watcher()
    assert builds.watcher.install(server, poll=False)
    for folder in ("docs", "articles"):
        server.watch(str(sample / folder))
    server.observer.start()
    try:
        yield sample, server, builds
    finally:
        server.observer.stop()
        server.observer.join()


def settle(server, seconds: float = 1.0) -> bool:
    """Whether a build was asked for in the next ``seconds`` (the request is then taken, as the
    server's build loop would)."""
    time.sleep(seconds)
    with server._rebuild_cond:
        wanted, server._want_rebuild = server._want_rebuild, False
    return wanted


def add_peru(page):
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("countries:\n", "countries:\n  - Peru\n", 1), encoding="utf-8")


def test_a_save_during_the_warming_starts_one_build_and_the_warming_writes_none(watched):
    sample, server, builds = watched
    page = page_for(sample, SEED)
    add_peru(page)
    assert settle(server), "a person's save starts a build"
    # The server warms after its first build, and its warming build is the first to see the
    # save: it writes the Peru page and the lists around it.
    warm(load_project(sample / "mkdocs.yml"), builds)
    assert (sample / "docs" / "countries" / "peru.md").exists()
    assert not settle(server, 2.0), "the warming's own writes started a build"


def test_each_report_of_one_save_asks_once_and_the_next_save_again(watched):
    sample, server, builds = watched
    page = page_for(sample, SEED)
    add_peru(page)
    assert settle(server)
    # The save's 'closed' report delivered late, after its build began: it asks for nothing.
    builds.watcher._changed(watchdog.events.FileClosedEvent(str(page)))
    assert not settle(server, 0.2)
    # A second save of the same file is a change again.
    page.write_text(page.read_text(encoding="utf-8") + "\nA second thought.\n", encoding="utf-8")
    assert settle(server)


def test_a_build_between_saves_keeps_its_own_writes_quiet(watched):
    sample, server, builds = watched
    add_peru(page_for(sample, SEED))
    assert settle(server)
    builds.build(load_project(sample / "mkdocs.yml"))
    assert not settle(server, 2.0), "the build's own writes started a build"
    (sample / "articles" / "new.txt").write_text(
        "Peru reviews 5G vendors\n\nJune 3, 2019\n\nLIMA (Reuters) - Peru is reviewing the equipment of its "
        "networks, the government said on Monday.\n", encoding="utf-8")
    assert settle(server), "a new clipping starts a build"



class Counting(Watcher):
    def __init__(self):
        super().__init__()
        self.reported = []

    def _changed(self, event):
        self.reported.append(event)
        super()._changed(event)


def test_reading_the_briefing_reports_nothing_to_the_server(sample, tmp_path):
    # A build reads thousands of files and folders: the server is told of changes alone, not of
    # every file opened and closed (their handling competed with the build for the interpreter).
    build_project(sample)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    watcher = Counting()
    assert watcher.install(server, poll=False)
    for folder in ("docs", "articles"):
        server.watch(str(sample / folder))
    server.observer.start()
    try:
        for path in sorted((sample / "docs").rglob("*")):
            path.read_bytes() if path.is_file() else list(path.iterdir())
        list((sample / "articles").iterdir())
        assert not settle(server)
        assert watcher.reported == []
        page = page_for(sample, SEED)
        page.write_text(page.read_text(encoding="utf-8") + "\nMine.\n", encoding="utf-8")
        assert settle(server)
        assert watcher.reported and {event.event_type for event in watcher.reported} <= {"modified", "closed"}
    finally:
        server.observer.stop()
        server.observer.join()
