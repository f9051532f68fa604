"""Writing files safely, and the lock that keeps two builds apart.

Every write is atomic (a temporary file renamed over the target), and a file whose bytes would
not change is not touched, so a rebuild with no changes leaves ``git status`` clean and
``mkdocs serve`` does not rebuild in a loop.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
from contextlib import contextmanager, suppress
from pathlib import Path

import orjson

from ..errors import BriefingError

try:
    import fcntl
except ImportError:  # Windows: builds are not locked against each other
    fcntl = None

def load_json(path: Path):
    """Parse one of the build's own JSON files (state, cache, shingles). orjson reads them in half
    the time of the standard parser, which still reads what orjson turns down (NaN, say). orjson
    reads a whole number beyond 64 bits as a float: the build's own numbers never are, and a
    person's front-matter value that large is only remembered inexactly."""
    data = path.read_bytes()
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data.decode("utf-8"))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_MADE: set[str] = set()  # folders known to exist, so a build of thousands of pages asks once each


class _Unread(enum.Enum):
    UNREAD = "not read yet"


def read_if_present(path: Path | str) -> bytes | None:
    """The bytes of the file at ``path``; None when there is none."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None


# Under `mkdocs serve` one process builds many times. What a build saved is taken back from memory
# by the next build while its file is as that build left it (a file changed by anything else is
# read again): at 10,000 articles, reading the state and the cache costs a second per build.
# Taken, not shared: a build that fails half-way leaves nothing behind here.
_KEPT: dict[str, tuple[tuple[int, int], object]] = {}


def _file_key(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def keep(path: Path | str, value: object) -> None:
    """``value`` holds what ``path`` holds now."""
    key = _file_key(os.fspath(path))
    if key is not None:
        _KEPT[os.fspath(path)] = (key, value)


def take(path: Path | str) -> object | None:
    """What was kept for ``path``, if the file has not changed since."""
    kept = _KEPT.pop(os.fspath(path), None)
    return kept[1] if kept is not None and kept[0] == _file_key(os.fspath(path)) else None


def write_if_changed(path: Path | str, content: str | bytes, on_disk: bytes | None | _Unread = _Unread.UNREAD) -> bool:
    """Write ``content`` (text as UTF-8, bytes as they are) to ``path`` atomically unless it
    already holds exactly that (``on_disk``: what the caller just read from ``path``, None for no
    file, so it is not read twice)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if on_disk is _Unread.UNREAD:
        on_disk = read_if_present(path)
    if on_disk == data:
        return False
    path = os.fspath(path)  # plain strings from here: a build writes thousands of pages
    folder, name = os.path.split(path)
    folder = folder or "."
    if folder not in _MADE:
        os.makedirs(folder, exist_ok=True)
        _MADE.add(folder)
    # The rename is atomic: a build killed at any moment leaves the old page or the new one, never
    # half of one (a leftover ``.name.pid.tmp`` is swept by the next build). No fsync per page: it
    # would cost a millisecond each and only guards against power loss. Only one build runs at a
    # time (the lock), so the process id makes the temporary name unique.
    tmp = f"{folder}/.{name}.{os.getpid()}.tmp"
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # the umask applies, as for open()
        except FileNotFoundError:  # the folder was removed since: make it again
            os.makedirs(folder, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):  # a read-only folder, a full disk: the user's to fix
            raise BriefingError(f"{path}: cannot be written ({exc.strerror or exc})") from None
        raise
    return True


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


@contextmanager
def build_lock(state_dir: Path):
    """Hold ``state_dir/lock`` while building, so two builds at once cannot interleave writes.

    The operating system releases the lock when the process ends, however it ends."""
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        handle = open(state_dir / "lock", "a+")
    except OSError as exc:
        problem = "is not a folder" if state_dir.exists() and not state_dir.is_dir() else f"cannot be used ({exc.strerror})"
        raise BriefingError(f"{state_dir}: the briefing's state folder (state_dir) {problem}") from None
    path = state_dir / "lock"
    with handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise BriefingError(f"{path}: another briefing build is running ({holder}); "
                                    "wait for it to finish, then build again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def sweep_temporary_files(directory: Path) -> int:
    """Remove temporary files a killed build left behind (only ever ours: ``.name.*.tmp``)."""
    removed = 0
    if directory.is_dir():
        for path in directory.rglob(".*.tmp"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
