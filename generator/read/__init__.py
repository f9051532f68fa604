"""Stage 1: read raw input files into ``RawDocument`` records.

One reader per format, registered by file extension (the other modules of this folder). A reader turns bytes into one
or more documents: text, the metadata the format carries (``hints``: title, date, source, url,
author from HTML metadata, a feed entry, a JSON record or an e-mail's headers), and metadata the
user wrote (``given``: Markdown front matter), which wins over everything.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import Settings
from ..errors import InputError

# The readers register themselves on import.
from . import feeds, html, mail, records, text  # noqa: F401
from .decode import decode, normalise_newlines  # noqa: F401
from .document import MAX_ARTICLE_CHARS, READERS, RawDocument, Reader, reader  # noqa: F401


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


def read_file(path: Path, articles_dir: Path, settings: Settings | None = None) -> list[RawDocument | InputError]:
    """The documents in one file (and errors for single records of a collection), or an
    InputError naming the file and the problem."""
    return read_as_seen(articles_dir, path.relative_to(articles_dir).as_posix(), settings=settings)[0]


def _suffix(name: str) -> str:
    """``PurePosixPath(name).suffix``, without building a path object for each of thousands of inputs."""
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:] if 0 < dot < len(base) - 1 else ""


def read_as_seen(articles_dir: Path, original: str, within: Path | None = None,
                 settings: Settings | None = None) -> tuple[list[RawDocument | InputError], os.stat_result]:
    """``read_file`` for the input named ``original`` (relative to ``articles_dir``, with ``/``),
    and the file's status as it was read: a build remembers its time and size, so an input
    changed while it was being read is read again next time. With ``within`` (the project's
    folder), a symbolic link is read only when it leads to a file inside it. ``settings``: the
    briefing's (the readers take ``json_fields`` from them)."""
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
        documents = list(entry.read(original, data, settings or Settings()))
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


def read_safely(articles_dir: Path, original: str, within: Path | None = None,
                settings: Settings | None = None) -> tuple[list[RawDocument | InputError], os.stat_result | None]:
    """The documents of one input, or its error; with ``read_as_seen``'s stat of the file (None
    for an error)."""
    try:
        return read_as_seen(articles_dir, original, within, settings)
    except InputError as exc:
        return [exc], None

