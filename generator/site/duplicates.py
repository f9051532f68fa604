"""The same article saved twice (two copies of a file, or a .txt and an .html of one story).

Articles are compared by a sample of their five-word shingles; two whose estimated overlap
(Jaccard) is at least ``THRESHOLD`` are one article. Rewritten or translated retellings of the
same news share far fewer shingles, so they stay separate articles (grouping them into stories is
another matter).
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from itertools import chain, filterfalse, repeat
from typing import NamedTuple

from ..words import folded_word_char_runs

THRESHOLD = 0.8
SHINGLE = 5
SAMPLE = 4  # keep one shingle in SAMPLE, chosen by hash, so memory stays small
_UNSAMPLED = SAMPLE - 1  # a hash with any of these bits set is not in the sample (SAMPLE is a power of two)
COMMON = 20  # a shingle in this many articles is a stock phrase: it tells nothing, and is skipped


class Remembered(NamedTuple):
    index: dict[int, list[str]]  # shingle -> the articles that have it (up to COMMON)
    sizes: dict[str, int]  # article -> how many of its shingles are in the index, in the order remembered


WORDS = 400  # copies share everything, so the opening words are enough to tell


def fingerprint(text: str) -> frozenset[int]:
    """A sample of the hashes of the text's five-word shingles. Each word is a CRC-32 (stable
    across runs, unlike a string's hash) and a shingle the hash of its five words' numbers, which
    Python computes the same way in every run; a new Python version redoes the build anyway."""
    codes = list(map(zlib.crc32, folded_word_char_runs(text)[:WORDS]))
    shingles = map(hash, zip(*(codes[i:] for i in range(SHINGLE)))) if len(codes) >= SHINGLE else ()
    return frozenset(filterfalse(_UNSAMPLED.__and__, shingles)) or frozenset({hash(tuple(codes))})


class DuplicateFinder:
    """Remembers the articles seen so far; ``known`` gives those of earlier builds (name ->
    fingerprint), loaded only when the first comparison is needed. ``kept`` gives, then, the
    index of a finder that remembered some articles (None if none): when those are exactly the
    ones ``known`` gives, in their order, it is taken over, not built again (under `mkdocs
    serve`, the last build's: building it took a twentieth of a rebuild at 10,000 articles)."""

    def __init__(self, known=None, kept=None) -> None:
        self._index: dict[int, list[str]] = defaultdict(list)
        self._sizes: dict[str, int] = {}
        self._known, self._kept = known, kept
        self.fingerprints: dict[str, frozenset[int]] = {}

    def _load_known(self) -> None:
        if self._known is not None:
            known, kept = self._known(), self._kept() if self._kept is not None else None
            if kept is not None and not self._sizes and list(kept.sizes) == list(known):
                self._index, self._sizes = kept.index, kept.sizes
            else:
                for name, hashes in known.items():
                    if name not in self._sizes:
                        self._remember(name, frozenset(hashes))
            self._known = None

    def remembered(self) -> "Remembered | None":
        """What this finder remembers (every article it was given or found new, in order);
        None when it never had to compare."""
        return None if self._known is not None else Remembered(self._index, self._sizes)

    def _distinctive(self, shingles: frozenset[int]) -> list[int]:
        return [h for h in shingles if len(self._index.get(h, ())) < COMMON]

    def _remember(self, name: str, shingles: frozenset[int], distinctive: list[int] | None = None) -> None:
        if distinctive is None:
            distinctive = self._distinctive(shingles)
        for h in distinctive:
            self._index[h].append(name)
        self._sizes[name] = len(distinctive)

    def check(self, name: str, text: str) -> str | None:
        """The name of an earlier article this one duplicates, else None (and remember it)."""
        self._load_known()
        shingles = fingerprint(text)
        distinctive = self._distinctive(shingles)
        # No earlier article shares more of the shingles than earlier articles have at all (a shingle
        # is in the index once an article has it): when even they fall short, nothing need be
        # counted (most articles; the others share stock phrases with earlier ones).
        if distinctive and sum(map(self._index.__contains__, distinctive)) / len(distinctive) >= THRESHOLD:
            other = self._copied(name, distinctive)
            if other is not None:
                return other
        self._remember(name, shingles, distinctive)
        self.fingerprints[name] = shingles
        return None

    def _copied(self, name: str, distinctive: list[int]) -> str | None:
        """The earlier article whose shingles overlap ``distinctive`` at least THRESHOLD, if any."""
        shared = Counter(chain.from_iterable(map(self._index.get, distinctive, repeat(()))))
        shared.pop(name, None)
        # An article shares at most all of its own shingles with another, so the overlap is at most
        # common / len(distinctive): when the best candidate falls short, all do, and they need not
        # be ranked.
        if shared and max(shared.values()) / len(distinctive) >= THRESHOLD:
            for other, common in shared.most_common(3):
                if common / max(1, len(distinctive) + self._sizes[other] - common) >= THRESHOLD:
                    return other
        return None
