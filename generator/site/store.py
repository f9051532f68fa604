"""Writing files safely, and the lock that keeps two builds apart.

Every write is atomic (a temporary file renamed over the target), and a file whose bytes would
not change is not touched, so a rebuild with no changes leaves ``git status`` clean and
``mkdocs serve`` does not rebuild in a loop.
"""

from __future__ import annotations

import enum
import gc
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
    """Parse one of the build's own JSON files (state, cache, shingles), which at 10,000 articles
    hold about a million objects, with the garbage collector paused: each few hundred objects made
    would set it off, to scan everything made so far again. orjson reads them from the bytes in
    half the time (a tenth of a rebuild with no changes); what it turns down that the standard
    parser takes (NaN, say) is read by the standard parser. It reads a whole number beyond 64 bits
    as a float: the build's own numbers (file times and sizes, hashes) never are; a person's
    front-matter value that large would only be remembered inexactly, which at worst makes a
    rebuild take that field for the person's (it is, and it stays)."""
    data = path.read_bytes()
    enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            return json.loads(data.decode("utf-8"))
    finally:
        if enabled:
            gc.enable()


YOUNG = 10_000
MIDDLE = 100


@contextmanager
def long_lived_objects():
    """Within the block, the collector leaves alone every object that exists at its start (what
    the build loaded: it lives as long as the build). Scanning them over and over took a third of
    a no-change rebuild. They are handed back at the end (a long ``mkdocs serve`` session builds
    many times), with the collector's own settings; when the host program froze objects of its
    own, nothing is frozen, thawed or set."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    # The youngest generation collected every YOUNG allocations rather than 700: far fewer passes
    # over the objects each article leaves alive until the indexes are built (the articles' data).
    # Those survivors pile up in the middle generation, which is collected every MIDDLE young
    # passes rather than 10: at 10,000 articles, two passes over all of them cost 80 ms.
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], YOUNG), max(threshold[1], MIDDLE), threshold[2])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


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
