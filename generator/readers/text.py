"""Plain-text clippings and Markdown files (with or without front matter)."""

from __future__ import annotations

import frontmatter
import yaml

from ..errors import InputError, yaml_error_line
from ..read import RawDocument, decode, normalise_newlines, reader


@reader(".txt", ".text")
def read_text(original: str, data: bytes):
    yield RawDocument(original, normalise_newlines(decode(original, data)))


@reader(".md", ".markdown")
def read_markdown(original: str, data: bytes):
    text = normalise_newlines(decode(original, data))
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc, first_line=1)
        where = f" (line {line})" if line is not None else ""
        raise InputError(original, f"front matter is not valid YAML{where}") from None
    except ValueError as exc:
        raise InputError(original, f"front matter holds an impossible date ({exc})") from None
    if not isinstance(post.metadata, dict):
        raise InputError(original, "front matter must be a mapping of keys to values")
    url = post.metadata.get("url")
    yield RawDocument(original, post.content, dict(post.metadata), {"url": url} if isinstance(url, str) else {})
