"""Stage 4: an ``Article`` as a Markdown page with YAML front matter, and back.

Keys are written in ``FRONT_MATTER_ORDER`` (never sorted), an unknown date as an empty value, and
front matter is always read with YAML's safe loader.
"""

from __future__ import annotations

from pathlib import Path

import frontmatter
import yaml

from .article import Article
from .errors import InputError, yaml_error_line
from .render import escape_markdown, render


class _PageDumper(yaml.SafeDumper):
    """Writes ``None`` as an empty value (``date:``) and indents lists under their key."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_PageDumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def dump_front_matter(meta: dict) -> str:
    return yaml.dump(meta, Dumper=_PageDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)


def render_parts(article: Article, templates_dir: Path | None) -> tuple[dict, str]:
    """The front matter and the Markdown body the generator writes for an article."""
    meta = article.metadata()
    paragraphs = [escape_markdown(p) for p in article.body.split("\n\n") if p.strip()]
    body = render("article.md.j2", templates_dir, article=meta, paragraphs=paragraphs).strip()
    return meta, body


def compose(meta: dict, body: str) -> str:
    return f"---\n{dump_front_matter(meta)}---\n\n{body}\n"


def render_page(article: Article, templates_dir: Path | None) -> str:
    return compose(*render_parts(article, templates_dir))


def read_page(path: Path, docs_dir: Path) -> Article:
    """An article page on disk as an Article (front matter only matters for indexes)."""
    rel = path.relative_to(docs_dir).as_posix()
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = yaml_error_line(exc, first_line=1)
        where = f":{line}" if line is not None else ""
        raise InputError(f"{rel}{where}", "front matter is not valid YAML") from None
    except ValueError as exc:  # a date like 2018-13-45
        raise InputError(rel, f"front matter holds an impossible date ({exc})") from None
    except OSError as exc:
        raise InputError(rel, f"cannot be read ({exc.strerror})") from None
    if not isinstance(post.metadata, dict):
        raise InputError(rel, "front matter must be a mapping of keys to values")
    return Article.from_metadata(post.metadata, post.content)
