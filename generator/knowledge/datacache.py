"""Knowledge derived from installed data, kept between runs in the user's cache folder.

Building the gazetteer reads country names in thirty languages from CLDR (babel), ISO 3166
(pycountry), the listed companies (pytickersymbols) and our data files: about 0.2 s, paid by every
run that reads even one article. What comes out depends only on those packages' versions, the
generator's code and data, and the briefing's entities file, so it is stored under a digest of
all of them and loaded in about 0.04 s on the next run.

A cache, never a source of truth: a missing, stale, damaged or unwritable file only costs the
time to build again. ``BRIEFING_CACHE_DIR`` moves the folder; set it to ``off`` to never use one.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
KEEP = 8  # files of one kind kept (one per entities file in use, roughly); older ones are removed
FORMAT = 1  # bump when what is stored changes shape in a way the code digest would not notice


def cache_dir() -> Path | None:
    chosen = os.environ.get("BRIEFING_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing", appauthor=False))


def cldr_names(what: str, locales: tuple[str, ...], read: Callable[[object], list]) -> list:
    """``read(locale)`` for each of ``locales`` (babel's CLDR data), joined: month or weekday
    names. Loading a locale costs babel a few milliseconds each."""

    def compute() -> list:
        from babel import Locale

        return [item for tag in locales for item in read(Locale.parse(tag))]

    return remembered(f"cldr-{what}", {"locales": list(locales)}, compute)


def remembered(kind: str, depends_on: object, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned in an earlier run. It is looked up under a digest of
    ``depends_on`` (what besides the installation the result depends on, as JSON) with the
    build's fingerprint (the generator's code, data, the versions of the packages it reads and
    of Python, which pickled it)."""
    folder = cache_dir()
    if folder is None:
        return compute()
    from ..site.cache import fingerprint

    key = fingerprint(settings={"kind": kind, "depends_on": depends_on})
    path = folder / f"{kind}-{FORMAT}-{key[:40]}.pickle"
    try:
        with open(path, "rb") as file:
            return pickle.load(file)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged or foreign file: any unpickling error means "build again"
        pass
    value = compute()
    _store(folder, path, kind, value)
    return value


def _store(folder: Path, path: Path, kind: str, value: object) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # a concurrent run reads the old file or the new one, never half
        older = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for stale in older:
            stale.unlink(missing_ok=True)
    except OSError:  # a read-only home or a full disk: this run simply is not remembered
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
