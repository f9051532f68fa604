"""Stage 4: an ``Article`` as a Markdown page with YAML front matter, and back.

Keys are written in ``FRONT_MATTER_ORDER`` (never sorted), an unknown date as an empty value, and
front matter is always read with YAML's safe loader.
"""

from __future__ import annotations

from pathlib import Path

from ..article import Article
from ..errors import InputError, not_utf8
from . import front_matter
from .render import escape_markdown, render


def render_parts(article: Article, templates_dir: Path | None, also: list[dict] = ()) -> tuple[dict, str]:
    """The front matter and the Markdown body the generator writes for an article; ``also``
    lists the other reports of its story (``label``, ``link``)."""
    meta = article.metadata()
    paragraphs = [escape_markdown(p) for p in article.body.split("\n\n") if p.strip()]
    body = render("article.md.j2", templates_dir, article=meta, paragraphs=paragraphs, also=list(also)).strip()
    return meta, body


def render_body(article: Article, meta: dict, templates_dir: Path | None, also: list[dict] = ()) -> str:
    """The body for ``article``'s text shown with the front matter ``meta`` (a page's own, which
    may hold a person's values: a corrected quote shows in the body too)."""
    return render_parts(Article.from_metadata(meta, article.body), templates_dir, also)[1]


def render_page(article: Article, templates_dir: Path | None) -> str:
    return front_matter.dump(*render_parts(article, templates_dir))


def read_page(path: Path, docs_dir: Path) -> Article:
    """An article page on disk as an Article (front matter only matters for indexes)."""
    rel = path.relative_to(docs_dir).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(rel, f"cannot be read ({exc.strerror})") from None
    return parse_page(data, rel)


def parse_page(data: bytes | str, rel: str) -> Article:
    """A page's text (or bytes) as an Article; an InputError naming ``rel`` and the problem."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise InputError(rel, not_utf8(exc)) from None
    meta, body = front_matter.parse(text, rel)
    if not meta:
        raise InputError(rel, "has no front matter: an article page starts with a '---' block of its keys, "
                              "title first")
    return Article.from_metadata(meta, body)
