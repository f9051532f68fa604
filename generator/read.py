"""Stage 1: read raw input files into ``RawDocument`` records.

One reader per format, registered by file extension (``readers/``). A reader turns bytes into one
or more documents: text, the metadata the format carries (``hints``: title, date, source, url,
author from HTML metadata, a feed entry, a JSON record or an e-mail's headers), and metadata the
user wrote (``given``: Markdown front matter), which wins over everything.
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024  # one article
MAX_COLLECTION_BYTES = 256 * 1024 * 1024  # a feed, an export or a mailbox of many articles
# The text of one article, after decoding: the longest news articles run to some 100,000
# characters; a record of a collection (or a file) beyond this is something else.
MAX_ARTICLE_CHARS = 2_000_000


@dataclass
class RawDocument:
    """An article as read from its file, before any cleaning."""

    original: str  # path relative to the articles folder ("feed.xml#3" for the 3rd entry)
    text: str
    given: dict[str, object] = field(default_factory=dict)  # front matter the user wrote
    hints: dict[str, object] = field(default_factory=dict)  # title, date, source, url, author...


@dataclass(frozen=True)
class Reader:
    read: Callable[[str, bytes], Iterable[RawDocument]]
    max_bytes: int = MAX_INPUT_BYTES
    enabled: bool = True
    missing: str = ""  # what to install when not enabled


READERS: dict[str, Reader] = {}


def reader(*extensions: str, max_bytes: int = MAX_INPUT_BYTES, requires: str | None = None):
    """Register a reader for file extensions. ``requires`` names a module that must import."""

    def register(func):
        enabled, missing = True, ""
        # Only whether it is installed: importing it here would slow every start-up.
        if requires and importlib.util.find_spec(requires) is None:
            enabled, missing = False, f"install '{requires}' to read {', '.join(extensions)} files"
        for ext in extensions:
            READERS[ext] = Reader(func, max_bytes, enabled, missing)
        return func

    return register


CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(original: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM first, else the encoding
    charset-normalizer detects (Windows-1252, ISO-8859-x, Shift_JIS, EUC-JP, GB18030, Big5...)."""
    if not data.strip():
        raise InputError(original, "the file is empty")
    binary = InputError(original, "looks like a binary file, not text in any known encoding")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise binary
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = _detect_encoding(data)
            if encoding is None:
                raise binary from None
            text = data.decode(encoding, errors="replace")
    sample = text[:20_000]
    if len(CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise binary
    return text


# Encodings people's files are actually in, most common first: among equally clean readings of
# the bytes, these win over rare ones (Celtic ISO-8859-14 for a Polish text, say).
COMMON_ENCODINGS = ("cp1252", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "iso8859_5",
                    "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1256", "iso8859_6", "cp1255", "iso8859_8",
                    "cp1257", "iso8859_13", "shift_jis", "cp932", "euc_jp", "gb18030", "gbk", "gb2312", "big5",
                    "big5hkscs", "cp950", "euc_kr", "cp949", "tis_620", "cp874", "cp1258", "utf_8")


def _detect_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # (only for a file that is not UTF-8)

    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)

    def rank(match) -> tuple:
        common = COMMON_ENCODINGS.index(match.encoding) if match.encoding in COMMON_ENCODINGS else len(COMMON_ENCODINGS)
        return (-round(match.coherence, 2), common)

    return min((m for m in matches if m.chaos <= least + 0.01), key=rank).encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte; anything else is binary."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            return data.decode(encoding, errors="replace")
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def walk_files(root: Path, suffixes: tuple[str, ...] | None = None) -> list[str]:
    """Files below ``root`` as sorted relative POSIX paths, hidden files and folders skipped.
    (os.scandir: pathlib's rglob is several times slower on folders of thousands of files.)"""
    found: list[str] = []
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append((rel + "/", entry.path))
            elif (suffixes is None or entry.name.lower().endswith(suffixes)) and _is_file(entry):
                found.append(rel)
    return sorted(found)


def _is_file(entry: os.DirEntry) -> bool:
    """A file, or a link in the place of one: a link that loops or leads nowhere is listed too, so
    that reading it reports it."""
    try:
        return entry.is_file() or entry.is_symlink()
    except OSError:  # a loop of links
        return True


def _linked(articles_dir: Path, original: str, within: Path) -> None:
    """Refuse an input that is a link out of the project ``within``, or one that loops or leads
    nowhere: a clipping is never read from elsewhere (``/etc/passwd`` must not be published)."""
    path = Path(articles_dir, original)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise InputError(original, "is a symbolic link that loops or leads to no file") from None
    if not target.is_relative_to(within.resolve()):
        raise InputError(original, f"is a symbolic link to {target}, outside the project; "
                                   "copy the file into the articles folder instead")


def discover(articles_dir: Path) -> list[Path]:
    """Every readable input below ``articles_dir``, sorted, hidden files skipped."""
    return [articles_dir / rel for rel in walk_files(articles_dir, tuple(READERS))]


def read_file(path: Path, articles_dir: Path) -> list[RawDocument | InputError]:
    """The documents in one file (and errors for single records of a collection), or an
    InputError naming the file and the problem."""
    return read_as_seen(articles_dir, path.relative_to(articles_dir).as_posix())[0]


def _suffix(name: str) -> str:
    """``PurePosixPath(name).suffix``, without building a path object for each of thousands of inputs."""
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:] if 0 < dot < len(base) - 1 else ""


def read_as_seen(articles_dir: Path, original: str, within: Path | None = None,
                 ) -> tuple[list[RawDocument | InputError], os.stat_result]:
    """``read_file`` for the input named ``original`` (relative to ``articles_dir``, with ``/``),
    and the file's status as it was read: a build remembers its time and size, so an input
    changed while it was being read is read again next time. With ``within`` (the project's
    folder), a symbolic link is read only when it leads to a file inside it."""
    suffix = _suffix(original)
    if within is not None and os.path.islink(f"{articles_dir}/{original}"):
        _linked(articles_dir, original, within)
    entry = READERS[suffix.lower()]
    if not entry.enabled:
        raise InputError(original, entry.missing)
    try:
        with open(f"{articles_dir}/{original}", "rb") as file:
            status = os.fstat(file.fileno())
            size = status.st_size
            if size > entry.max_bytes:
                raise InputError(original, f"is {size / 1_048_576:.0f} MB; the limit for a {suffix} file is "
                                           f"{entry.max_bytes // 1_048_576} MB")
            data = file.read()
    except OSError as exc:
        raise InputError(original, f"cannot be read ({exc.strerror})") from None
    try:
        documents = list(entry.read(original, data))
    except InputError:
        raise
    except RecursionError:
        raise InputError(original, "is nested too deeply to read") from None
    except (ValueError, TypeError, LookupError, UnicodeError) as exc:
        raise InputError(original, f"could not be read as {suffix} ({type(exc).__name__}: {exc})") from None
    if not documents:
        raise InputError(original, "holds no article")
    documents = [_bounded(d) for d in documents]
    if len(documents) == 1 and isinstance(documents[0], InputError):
        raise documents[0]
    return documents, status


def _bounded(document: RawDocument | InputError) -> RawDocument | InputError:
    if isinstance(document, RawDocument) and len(document.text) > MAX_ARTICLE_CHARS:
        return InputError(document.original, f"holds {len(document.text):,} characters of text, longer than an "
                                             f"article (at most {MAX_ARTICLE_CHARS:,}); it is not read")
    return document


def read_all(articles_dir: Path, paths: list[Path] | None = None) -> Iterator[RawDocument | InputError]:
    """Yield each document, or the error for a file, so one bad file never stops the run."""
    for path in discover(articles_dir) if paths is None else paths:
        yield from read_safely(articles_dir, path.relative_to(articles_dir).as_posix())[0]


def read_safely(articles_dir: Path, original: str, within: Path | None = None,
                ) -> tuple[list[RawDocument | InputError], os.stat_result | None]:
    """The documents of one input, or its error; with ``read_as_seen``'s stat of the file (None
    for an error)."""
    try:
        return read_as_seen(articles_dir, original, within)
    except InputError as exc:
        return [exc], None


# The readers register themselves on import.
from . import readers  # noqa: E402,F401
