"""The knowledge built from installed data is kept between runs (datacache.py): a run that finds
it uses it, and nothing about the cache can change what a build writes."""

from __future__ import annotations

import pickle

import pytest
from conftest import build_project


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    from generator import knowledge
    from generator.extract import dates, events

    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))

    def forget():  # what a new process starts with: nothing in memory
        for cached in (knowledge._load_knowledge, dates._cldr_months, dates.month_names, events._words):
            cached.cache_clear()

    forget()
    yield folder, forget
    forget()


def docs_of(project):
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "docs").rglob("*.md"))}


def test_a_second_run_uses_the_stored_knowledge_and_writes_the_same_pages(sample, tmp_path, cache_dir, monkeypatch):
    import shutil

    import generator.knowledge

    folder, forget = cache_dir
    build_project(sample)
    stored = sorted(p.name for p in folder.iterdir())
    assert any(name.startswith("knowledge-") for name in stored)
    assert any(name.startswith("cldr-months-") for name in stored)

    # The next run must not build the knowledge again...
    forget()
    monkeypatch.setattr(generator.knowledge, "build_knowledge", lambda *a: pytest.fail("knowledge built again"))
    again = tmp_path / "again"
    shutil.copytree(sample, again, ignore=shutil.ignore_patterns("docs", ".briefing"))
    (again / "docs").mkdir()
    build_project(again)
    # ...and what it writes is what the first run wrote.
    assert docs_of(again) == docs_of(sample)


def test_a_changed_entities_file_is_not_served_from_the_cache(sample, cache_dir):
    from generator.knowledge import load_knowledge

    entities = sample / "entities.yml"
    before = load_knowledge(str(entities))
    assert before.canonical_name("company", "Hilltop Widgets") is None
    entities.write_text(entities.read_text(encoding="utf-8") + "companies:\n  Hilltop Widgets: []\n", encoding="utf-8")
    _, forget = cache_dir
    forget()
    assert load_knowledge(str(entities)).canonical_name("company", "Hilltop Widgets") == "Hilltop Widgets"


def test_a_damaged_cache_file_is_built_again_and_replaced(cache_dir):
    from generator.knowledge import load_knowledge

    folder, forget = cache_dir
    fresh = load_knowledge(None)
    [stored] = folder.glob("knowledge-*.pickle")
    stored.write_bytes(b"not a pickle at all")
    forget()
    again = load_knowledge(None)
    assert [m.surface for m in again.gazetteer.find("Huawei and Japan")] == \
           [m.surface for m in fresh.gazetteer.find("Huawei and Japan")] == ["Huawei", "Japan"]
    assert pickle.loads(stored.read_bytes()).country_name("JP") == "Japan"  # written whole again


def test_no_cache_folder_when_turned_off_or_unwritable(tmp_path, cache_dir, monkeypatch):
    from generator.knowledge import load_knowledge

    folder, forget = cache_dir
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "off")
    assert load_knowledge(None).country_name("JP") == "Japan"
    assert not folder.exists()

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    forget()
    assert load_knowledge(None).country_name("JP") == "Japan"
