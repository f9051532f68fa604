"""Jinja2 templates and Markdown-safe text.

Templates are looked up in the briefing's own ``templates/`` first, then in the built-in set, so
a user overrides one page type by copying one file. Article text is untrusted: everything taken
from it goes through :func:`escape_markdown`, so it can never become HTML or a link.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from .slug import entity_page_slug

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])(\s)", re.MULTILINE)
_LINE_MARK = re.compile(r"^(\s*)([-=:#+])", re.MULTILINE)
# The same two for text of one line, whose only line start is its start: the engine would try
# the patterns above at every position.
_ONE_LINE_START = re.compile(_LINE_START.pattern)
_ONE_LINE_MARK = re.compile(_LINE_MARK.pattern)


def builtin_templates() -> Path:
    """The templates shipped with the package (``templates/`` at the top of the repository)."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "entity.md.j2").exists():
            return candidate
    raise FileNotFoundError("briefing's built-in templates are missing from the installation")


def escape_markdown(text: str) -> str:
    """Make text display literally in Markdown: no HTML, links, emphasis or block structure."""
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(lambda m: "&lt;" if m.group(1) == "<" else "&gt;" if m.group(1) == ">" else "\\" + m.group(1), text)
    if "\n" not in text:
        if _ONE_LINE_START.match(text):
            text = _ONE_LINE_START.sub(r"\1\2\\\3\4", text, count=1)
        return _ONE_LINE_MARK.sub(r"\1\\\2", text, count=1) if _ONE_LINE_MARK.match(text) else text
    text = _LINE_START.sub(r"\1\2\\\3\4", text)
    return _LINE_MARK.sub(r"\1\\\2", text)


def relative_link(from_page: str, to_page: str) -> str:
    """Link from one docs-relative page path to another, as MkDocs resolves it (both paths are
    normalised: no ``.``, ``..`` or doubled slashes; an index page links thousands of times, so
    this is plain string work rather than ``posixpath.relpath``)."""
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    for a, b in zip(here, there[:-1]):
        if a != b:
            break
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


@lru_cache(maxsize=8)
def environment(user_dir: str | None) -> jinja2.Environment:
    paths = [p for p in (user_dir, str(builtin_templates())) if p and Path(p).is_dir()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=False,  # the output is Markdown; text is escaped with the md filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # not a file check per page rendered: see ``templates_as_of``
    )
    env.filters["md"] = lambda value: escape_markdown("" if value is None else str(value))
    env.filters["link"] = relative_link
    env.filters["h"] = lambda value: html.escape("" if value is None else str(value), quote=True)
    env.filters["web_link"] = web_link
    env.filters["language"] = language_name
    env.filters["entity_page"] = entity_page
    return env


def templates_as_of(user_dir: Path | None, shaped_by: str) -> None:
    """Called as a build starts: the templates as they are now. A `mkdocs serve` session builds
    many times, and compiling the templates again took a twentieth of a rebuild at 2,000
    articles: they are kept while ``shaped_by`` (the digest of the briefing's own templates,
    among all else that shapes its pages) is what it was."""
    key = str(user_dir) if user_dir else None
    if getattr(environment(key), "briefing_shaped_by", None) != shaped_by:
        environment.cache_clear()
        environment(key).briefing_shaped_by = shaped_by


def compile_templates(user_dir: Path | None) -> None:
    """Compile every template now (while a server warms up), not at the first edit that renders
    one."""
    env = environment(str(user_dir) if user_dir else None)
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


_URL_UNSAFE = re.compile(r"[\s()<>\[\]\\\"'`]")


def entity_page(name: object, folder: str) -> str:
    """The link from an article page (``articles/<year>/<slug>.md``) to the page of a name."""
    return f"../../{folder}/{entity_page_slug(folder, str(name))}.md"


def web_link(value: object) -> str:
    """A link target for an article's original address: only http(s) addresses (a clipping's
    ``url`` is untrusted: no ``javascript:``), with the characters that would end a Markdown link
    percent-encoded; "" for anything else."""
    url = str(value or "").strip()
    if not re.match(r"https?://[^\s/]+", url, re.IGNORECASE):
        return ""
    return _URL_UNSAFE.sub(lambda m: "%%%02X" % ord(m.group()), url)


@lru_cache(maxsize=64)
def language_name(code: object) -> str:
    """"de" -> "German" (from CLDR, through babel); the code itself when babel does not know it."""
    from babel import Locale, UnknownLocaleError

    text = str(code or "")
    try:
        return Locale.parse(text.replace("-", "_")).get_display_name("en") or text
    except (ValueError, TypeError, UnknownLocaleError):
        return text


def render(template: str, user_dir: Path | None, **context) -> str:
    try:
        env = environment(str(user_dir) if user_dir else None)
        return env.get_template(template).render(**context)
    except jinja2.TemplateError as exc:
        from ..errors import ConfigError

        where = f"{exc.filename}:{exc.lineno}" if getattr(exc, "lineno", None) else template
        raise ConfigError(f"{where}: template error: {exc.message}") from None
