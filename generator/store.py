"""Writing files safely, and remembering what the generator wrote.

Every write is atomic (a temporary file renamed over the target), and a file whose bytes would
not change is not touched, so a rebuild with no changes leaves ``git status`` clean and
``mkdocs serve`` does not rebuild in a loop. The state file records the hash of every page the
generator wrote, so a page a person has edited since is recognised and never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

STATE_VERSION = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` as UTF-8 to ``path`` atomically unless it already holds exactly that."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


class State:
    """What the generator last wrote: for each input, its page path and the page's hash."""

    def __init__(self, path: Path):
        self.path = path
        self.pages: dict[str, dict[str, str]] = {}
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == STATE_VERSION:
                    self.pages = data.get("pages", {})
            except (ValueError, OSError):
                self.pages = {}  # a damaged state only costs the memory of what was generated

    def save(self) -> bool:
        data = {"version": STATE_VERSION, "pages": dict(sorted(self.pages.items()))}
        return write_if_changed(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
