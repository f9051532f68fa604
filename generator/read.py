"""Stage 1: read raw input files into ``RawDocument`` records.

One reader per format, registered by file extension. A reader turns bytes into text and, where
the format carries it, metadata the user gave (Markdown front matter), which wins over extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import frontmatter
import yaml
from charset_normalizer import from_bytes

from .errors import InputError, yaml_error_line

MAX_INPUT_BYTES = 20 * 1024 * 1024


@dataclass
class RawDocument:
    """An input file as text, before any cleaning."""

    original: str  # path relative to the articles folder, with forward slashes
    text: str
    given: dict[str, object] = field(default_factory=dict)  # metadata the user wrote


Reader = Callable[[str, bytes], RawDocument]
READERS: dict[str, Reader] = {}


def reader(*extensions: str) -> Callable[[Reader], Reader]:
    def register(func: Reader) -> Reader:
        for ext in extensions:
            READERS[ext] = func
        return func

    return register


def decode(original: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, else the detected encoding."""
    if not data.strip():
        raise InputError(original, "the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(original, "looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(original, "could not detect the text encoding")
    return str(best)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@reader(".txt", ".text")
def read_text(original: str, data: bytes) -> RawDocument:
    return RawDocument(original, normalise_newlines(decode(original, data)))


@reader(".md", ".markdown")
def read_markdown(original: str, data: bytes) -> RawDocument:
    text = normalise_newlines(decode(original, data))
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc, first_line=1)
        where = f" (line {line})" if line is not None else ""
        raise InputError(original, f"front matter is not valid YAML{where}") from None
    except ValueError as exc:
        raise InputError(original, f"front matter holds an impossible date ({exc})") from None
    return RawDocument(original, post.content, dict(post.metadata))


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def discover(articles_dir: Path) -> list[Path]:
    """Every readable input below ``articles_dir``, sorted, hidden files skipped."""
    found = []
    for path in articles_dir.rglob("*"):
        rel = path.relative_to(articles_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and supported(path):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(articles_dir).as_posix())


def read_file(path: Path, articles_dir: Path) -> RawDocument:
    original = path.relative_to(articles_dir).as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(original, f"is {size // 1_048_576} MB; the limit is "
                             f"{MAX_INPUT_BYTES // 1_048_576} MB for one article")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(original, f"cannot be read ({exc.strerror})") from None
    return READERS[path.suffix.lower()](original, data)


def read_all(articles_dir: Path) -> Iterator[RawDocument | InputError]:
    """Yield a document or the error for each input, so one bad file never stops the run."""
    for path in discover(articles_dir):
        try:
            yield read_file(path, articles_dir)
        except InputError as exc:
            yield exc
