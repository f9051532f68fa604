from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The knowledge cache (datacache.py) of this test run, not the user's: tests start from nothing.
os.environ.setdefault("BRIEFING_CACHE_DIR", tempfile.mkdtemp(prefix="briefing-test-cache-"))


@pytest.fixture(scope="session")
def knowledge():
    from generator.knowledge import load_knowledge

    return load_knowledge()


def copy_sample(folder: Path) -> Path:
    """A fresh copy of the bundled sample briefing in ``folder``/briefing: mkdocs.yml,
    entities.yml, the articles and an empty docs/ (MkDocs wants it before any plugin runs)."""
    project = folder / "briefing"
    project.mkdir()
    for name in ("mkdocs.yml", "entities.yml"):
        shutil.copy(REPO / name, project / name)
    shutil.copytree(REPO / "articles", project / "articles")
    (project / "docs").mkdir()
    return project


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def build_project(project: Path):
    from generator.config import load_project
    from generator.site import build

    loaded = load_project(project / "mkdocs.yml")
    return build(loaded, loaded.site_name)
