"""``briefing init DIR``: a new, empty briefing, ready to build, serve and publish."""

from __future__ import annotations

import json
import shutil
from importlib import metadata, resources
from pathlib import Path

import jinja2

from .errors import BriefingError
from .page.render import builtin_templates

# scaffold file -> where it goes in the new briefing
SCAFFOLD = {
    "mkdocs.yml": "mkdocs.yml",
    "entities.yml": "entities.yml",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "github/pages.yml": ".github/workflows/pages.yml",
}


DISTRIBUTION = "mkdocs-briefing"


def install_spec() -> str:
    """What a new briefing's workflow and README install: this generator as it was installed here
    when that was from a git repository (``pip install git+...``: the same code, pinned to its
    commit), else the distribution by name. (pip records where a package came from in
    ``direct_url.json``, PEP 610; a local folder is no use on another machine.)"""
    try:
        origin = json.loads(metadata.distribution(DISTRIBUTION).read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        return DISTRIBUTION
    vcs = origin.get("vcs_info") or {}
    url = str(origin.get("url") or "")
    if vcs.get("vcs") == "git" and url.startswith(("https://", "ssh://")):
        commit = vcs.get("commit_id")
        return f"{DISTRIBUTION} @ git+{url}" + (f"@{commit}" if commit else "")
    return DISTRIBUTION


def scaffold_text(name: str, title: str, install: str = DISTRIBUTION) -> str:
    source = resources.files("generator").joinpath("scaffold", name).read_text(encoding="utf-8")
    return jinja2.Template(source, keep_trailing_newline=True).render(name=title, install=install)


def init_briefing(target: Path, title: str | None = None) -> list[str]:
    """Create the briefing's files in ``target``; files that exist already are left alone.
    Returns the files created, relative to ``target``."""
    if target.exists() and not target.is_dir():
        raise BriefingError(f"{target}: exists and is not a folder")
    if (target / "mkdocs.yml").exists():
        raise BriefingError(f"{target / 'mkdocs.yml'}: there is already a site here; "
                            "add the briefing plugin to its mkdocs.yml instead (see the README)")
    title = title or target.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Briefing"
    created = []
    install = install_spec()
    for source, dest in SCAFFOLD.items():
        path = target / dest
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(scaffold_text(source, title, install), encoding="utf-8")
        created.append(dest)
    for folder in ("articles", "docs"):
        keep = target / folder / ".gitkeep"
        if not (target / folder).exists():
            keep.parent.mkdir(parents=True)
            keep.write_text("")
            created.append(f"{folder}/")
    templates = target / "templates"
    for template in sorted(builtin_templates().glob("*.j2")):
        dest = templates / template.name
        if not dest.exists():
            templates.mkdir(parents=True, exist_ok=True)
            shutil.copy(template, dest)
            created.append(f"templates/{template.name}")
    return created
