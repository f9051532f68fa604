"""What every phase of a build reads: the project, the fingerprint of what shapes its output,
and the stores it keeps up to date (state, cache, duplicate fingerprints, the article pages)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Project
from .also import Stories
from .cache import BuildCache, Shingles, fingerprint, stat_key
from .pages import Pages
from .state import State
from .store import sweep_temporary_files

if TYPE_CHECKING:
    from ..knowledge import Knowledge


@dataclass
class Context:
    project: Project
    site_name: str
    templates: Path | None  # the project's own page templates, if any
    entities: str | None  # its registry file, if any
    fingerprint: str
    state: State
    cache: BuildCache
    shingles: Shingles
    pages: Pages
    stories: Stories  # the stories of the last build: what pages show as "also reported by"

    @classmethod
    def open(cls, project: Project, site_name: str) -> "Context":
        """Load what the last build left (and sweep what a killed one left half-written)."""
        state_dir = project.state_file.parent
        sweep_temporary_files(project.docs_dir)
        sweep_temporary_files(state_dir)
        templates = project.own_templates
        entities = project.entities_file if project.entities_file.exists() else None
        shaped_by = fingerprint(entities, templates, settings={
            "json_fields": project.settings.json_fields, "site_url": project.site_url,
            "directory_urls": project.directory_urls})
        cache = BuildCache.load(state_dir)
        pages = Pages.scan(project.docs_dir, cache)
        shingles = Shingles.open(state_dir / "shingles.json")
        cache.trust(shaped_by, stat_key(shingles.path))
        return cls(project, site_name, templates, str(entities) if entities else None, shaped_by,
                   State.open(project.state_file, project.docs_dir), cache, shingles, pages,
                   Stories(state_dir / "stories.json"))

    @property
    def docs(self) -> Path:
        return self.project.docs_dir

    @cached_property
    def knowledge(self) -> Knowledge:
        """Loaded only when something has to be extracted or indexed."""
        from ..knowledge import load_knowledge

        return load_knowledge(self.entities)

    def save(self) -> None:
        self.state.save()
        self.shingles.save(self.cache)  # first: the cache says which fingerprints it goes with
        self.cache.save()
