"""What a page's conversion looks up and logs, noted so that its result can be reused
(``rendered.PageCache``): every docs path it asked the build's files for, and every message."""

from __future__ import annotations

import logging
from pathlib import PurePath


class Recording:
    """The build's files, noting each docs path a page's conversion looks up."""

    def __init__(self, files) -> None:
        self._files = files
        self.looked_up: dict[str, str | None] = {}

    def get_file_from_path(self, path):
        key = PurePath(path).as_posix()  # as Files.get_file_from_path has it
        found = self._files.src_uris.get(key)
        self.looked_up[key] = found.url if found is not None else None
        return found

    @property
    def src_uris(self):
        return _RecordingMap(self._files.src_uris, self.looked_up)

    def __getattr__(self, name):
        return getattr(self._files, name)

    def __iter__(self):
        return iter(self._files)

    def __len__(self):
        return len(self._files)


class _RecordingMap:
    """``Files.src_uris`` for the lookups a page's conversion makes, each one noted."""

    def __init__(self, mapping, looked_up) -> None:
        self._mapping, self._looked_up = mapping, looked_up

    def get(self, key, default=None):
        found = self._mapping.get(key)
        self._looked_up[key] = found.url if found is not None else None
        return found if found is not None else default

    def __getitem__(self, key):
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key):
        return self.get(key) is not None


class Messages(logging.Handler):
    """What MkDocs and the plugins log while a page is made (a broken link, say), to say again
    when the page is reused."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    def __enter__(self):
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
