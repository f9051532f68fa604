"""Stage 4: an ``Article`` as a Markdown page with YAML front matter, and back.

Keys are written in ``FRONT_MATTER_ORDER`` (never sorted), an unknown date as an empty value, and
front matter is always read with YAML's safe loader.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..article import Article
from ..errors import InputError, not_utf8
from . import front_matter
from .render import escape_markdown, render


class _PageDumper(yaml.SafeDumper):
    """For values of shapes the fast path does not write: ``None`` empty, lists indented."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_PageDumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))

_RESOLVER = yaml.resolver.Resolver()
# YAML's implicit resolvers (numbers, booleans, null, dates...) by the first character of the
# values they read: a plain value starting otherwise is text without asking the resolver.
_IMPLICIT_RESOLVERS = _RESOLVER.yaml_implicit_resolvers
_ALWAYS_ASK = None in _IMPLICIT_RESOLVERS or bool(_RESOLVER.yaml_path_resolvers)  # resolvers for any first character
_as_json = json.JSONEncoder(ensure_ascii=False).encode
_PLAIN_KEY = re.compile(r"[a-z_][a-z0-9_]*")
# A value written plain (unquoted) starts with an ASCII letter or digit or a character of one of
# these ranges, and holds none of the characters after it. (The pattern compiler takes
# milliseconds to build a class of tens of thousands of characters, at every command's start:
# the ranges are compared directly, and the classes list the few characters left out.)
_PLAIN_START = (("\u00c0", "\u2027"), ("\u202a", "\ud7ff"), ("\ue000", "\ufffd"))
_PLAIN_REST = re.compile(r"[^:#\"'\\{}\[\],&*!|>%@`\x00-\x1f\x7f-\x9f\u2028\u2029]*")
# Characters YAML will not take raw in a double-quoted scalar (not printable, or line breaks).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _is_plain(text: str) -> bool:
    first = text[:1]
    return (bool(first) and ((first.isascii() and first.isalnum()) or any(lo <= first <= hi for lo, hi in _PLAIN_START))
            and _PLAIN_REST.fullmatch(text, 1) is not None)


@lru_cache(maxsize=8192, typed=True)  # names, places and dates recur from page to page
def _scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    if _is_plain(text) and text == text.strip() and (
            (not _ALWAYS_ASK and text[0] not in _IMPLICIT_RESOLVERS)
            or _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"):
        return text
    quoted = _as_json(text)  # a JSON string is a YAML double-quoted scalar
    if quoted.isascii() and "\x7f" not in quoted:
        return quoted  # JSON escaped the other control characters
    return _UNSAFE.sub(lambda m: "\\u%04x" % ord(m.group()) if ord(m.group()) < 0x10000 else "\\U%08x" % ord(m.group()),
                       quoted)


def _is_text_list(value: list | tuple) -> bool:
    """A list of text (and whole numbers): one item a line."""
    return all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value)


@lru_cache(maxsize=64)
def _is_plain_key(key: object) -> bool:
    return isinstance(key, str) and _PLAIN_KEY.fullmatch(key) is not None


def _is_record_list(value: list | tuple) -> bool:
    """Quotes and events: a list of small mappings of text."""
    return bool(value) and all(isinstance(v, dict) and v and all(isinstance(x, str) for x in v.values())
                               and all(map(_is_plain_key, v)) for v in value)


def dump_front_matter(meta: dict) -> str:
    """YAML for a page's front matter, keys in the given order, written directly for the value
    types pages hold (text, numbers, dates, lists of text) and by PyYAML for anything else."""
    lines = []
    for key, value in meta.items():
        if value is None or isinstance(value, (str, int, dt.date)):  # (bool is an int)
            scalar = _scalar(value)
            lines.append(f"{key}: {scalar}" if scalar else f"{key}:")
        elif isinstance(value, (list, tuple)) and _is_text_list(value):
            lines.append(f"{key}:\n  - " + "\n  - ".join(map(_scalar, value)) if value else f"{key}: []")
        elif isinstance(value, (list, tuple)) and _is_record_list(value):
            lines.append(f"{key}:")
            for record in value:
                first = True
                for k, x in record.items():
                    lines.append(f"{'  - ' if first else '    '}{k}: {_scalar(x)}")
                    first = False
        else:
            lines.append(yaml.dump({key: value}, Dumper=_PageDumper, sort_keys=False, allow_unicode=True,
                                   default_flow_style=False, width=100).rstrip("\n"))
    return "\n".join(lines) + "\n"


def render_parts(article: Article, templates_dir: Path | None) -> tuple[dict, str]:
    """The front matter and the Markdown body the generator writes for an article."""
    meta = article.metadata()
    paragraphs = [escape_markdown(p) for p in article.body.split("\n\n") if p.strip()]
    body = render("article.md.j2", templates_dir, article=meta, paragraphs=paragraphs).strip()
    return meta, body


def render_body(article: Article, meta: dict, templates_dir: Path | None) -> str:
    """The body for ``article``'s text shown with the front matter ``meta`` (a page's own, which
    may hold a person's values: a corrected quote shows in the body too)."""
    return render_parts(Article.from_metadata(meta, article.body), templates_dir)[1]


def compose(meta: dict, body: str) -> str:
    return f"---\n{dump_front_matter(meta)}---\n\n{body}\n"


def render_page(article: Article, templates_dir: Path | None) -> str:
    return compose(*render_parts(article, templates_dir))


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
