"""While serving, Python's cycle collector runs between builds: none of its walks lands inside a
build, and what a build leaves behind is still freed a moment after it."""

import gc
import time
import weakref

import pytest

from generator.idle import DELAY, IdleCollector


class Node:
    pass


def freed(ref: weakref.ref) -> bool:
    """Whether the object is freed within a few seconds (a full collection of a large test
    process takes a while)."""
    deadline = time.monotonic() + DELAY + 10
    while ref() is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    return ref() is None


def cyclic_garbage(count: int) -> weakref.ref:
    """Objects only the cycle collector can free (as MkDocs' pages and files are); a reference
    to the last that does not keep it alive."""
    for _ in range(count):
        node = Node()
        node.itself = node
    return weakref.ref(node)


@pytest.fixture
def collections():
    started = []

    def note(phase, info):
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(note)
    collector = IdleCollector()
    collector.start()
    try:
        yield collector, started
    finally:
        collector.stop()
        gc.callbacks.remove(note)
    assert gc.isenabled()


def test_a_builds_garbage_is_freed_after_it_and_never_collected_during_it(collections):
    collector, started = collections
    collector.building()
    left = cyclic_garbage(100_000)  # enough to set off many collections when they are automatic
    assert started == [] and left() is not None
    collector.built()
    assert freed(left)
    deadline = time.monotonic() + 5
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()  # between builds the collector runs as it always does


def test_a_build_under_way_when_the_collection_is_due_puts_it_off(collections):
    collector, started = collections
    collector.building()
    collector.built()
    collector.building()  # the next save's build, begun before the first build's collection
    left = cyclic_garbage(1_000)
    time.sleep(DELAY + 0.5)
    assert started == [] and left() is not None
    collector.built()
    assert freed(left)


def test_what_a_build_leaves_is_done_a_moment_after_it_unless_the_next_build_begins(collections):
    collector, _ = collections
    done = []
    collector.building()
    collector.built(lambda: done.append("first"))
    deadline = time.monotonic() + DELAY + 10
    while not done and time.monotonic() < deadline:
        time.sleep(0.05)
    assert done == ["first"]
    collector.building()
    collector.built(lambda: done.append("second"))
    collector.building()  # begun first: that build does what the last one left (the plugin's ``_save``)
    time.sleep(DELAY + 0.5)
    assert done == ["first"]
