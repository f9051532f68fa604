"""Front-matter keys that MkDocs and the Material theme read, and what each must hold.

A wrong value in one of them stops ``mkdocs build`` (``template: no_such.html``, ``hide: 5``), so
they are checked wherever front matter enters: a key from a clipping with a wrong value is
dropped with a warning (``apply_given``), and ``briefing check`` reports one on a page. A
clipping never chooses the page's template: that is the briefing's own design.
"""

from __future__ import annotations

import posixpath
from importlib import resources
from pathlib import Path

HIDE = ("navigation", "toc", "footer", "feedback", "tags", "path")  # what Material can hide on a page
NOT_FROM_INPUT = ("template",)


def _text(value) -> str | None:
    return None if isinstance(value, str) else "must be text"


def _flag(value) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _hide(value) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return f"must be a list of what to hide ({', '.join(HIDE)})"
    unknown = [v for v in value if v not in HIDE]
    return f"cannot hide {', '.join(unknown)} (only {', '.join(HIDE)})" if unknown else None


def _search(value) -> str | None:
    if not isinstance(value, dict) or not set(value) <= {"exclude", "boost"}:
        return "must be a mapping of 'exclude: true' or 'boost: <number>'"
    if "exclude" in value and not isinstance(value["exclude"], bool):
        return "search: exclude must be true or false"
    boost = value.get("boost", 1)
    if isinstance(boost, bool) or not isinstance(boost, (int, float)):
        return "search: boost must be a number"
    return None


def _tags(value) -> str | None:
    if isinstance(value, list) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        return None
    return "must be a list of tags (one '- tag' per line)"


CHECKS = {"hide": _hide, "search": _search, "tags": _tags, "comments": _flag, "status": _text, "icon": _text,
          "subtitle": _text, "description": _text, "template": _text}


def problem(key: str, value: object, templates: tuple[Path, ...] = ()) -> str | None:
    """What is wrong with ``key: value`` for MkDocs or the theme, or None. ``templates``: the
    folders a page template is looked up in (the theme's ``custom_dir`` and the theme itself)."""
    check = CHECKS.get(key)
    wrong = check(value) if check else None
    if wrong or key != "template":
        return wrong
    name = posixpath.normpath(str(value))
    if name.startswith(("/", "../")) or name == ".." or "\\" in name:
        return f"'{value}' is outside the theme's templates"
    if not any((folder / name).is_file() for folder in templates or theme_templates()):
        return f"no template '{value}' in the theme"
    return None


def theme_templates(custom_dir: Path | None = None) -> tuple[Path, ...]:
    """Where MkDocs looks for a page's template under the Material theme."""
    folders = [custom_dir] if custom_dir else []
    try:
        folders.append(Path(str(resources.files("material") / "templates")))
    except ModuleNotFoundError:
        pass
    return tuple(folders)
