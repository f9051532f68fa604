"""The same article saved twice (two copies of a file, or a .txt and an .html of one story).

Articles are compared by a sample of their five-word shingles; two whose estimated overlap
(Jaccard) is at least ``THRESHOLD`` are one article. Rewritten or translated retellings of the
same news share far fewer shingles, so they stay separate articles (grouping them into stories is
another matter).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

THRESHOLD = 0.8
SHINGLE = 5
SAMPLE = 4  # keep one shingle in SAMPLE, chosen by hash, so memory stays small


def fingerprint(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < SHINGLE:
        return frozenset({_hash(" ".join(words))})
    hashes = (_hash(" ".join(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))
    sampled = frozenset(h for h in hashes if h % SAMPLE == 0)
    return sampled or frozenset({_hash(" ".join(words))})


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


class DuplicateFinder:
    """Remembers the articles seen so far; ``known`` gives those of earlier builds (name ->
    fingerprint), loaded only when the first comparison is needed."""

    def __init__(self, known=None) -> None:
        self._index: dict[int, list[str]] = defaultdict(list)
        self._sizes: dict[str, int] = {}
        self._known = known
        self.fingerprints: dict[str, frozenset[int]] = {}

    def _load_known(self) -> None:
        if self._known is not None:
            for name, hashes in self._known().items():
                if name not in self._sizes:
                    self._remember(name, frozenset(hashes))
            self._known = None

    def _remember(self, name: str, shingles: frozenset[int]) -> None:
        for h in shingles:
            self._index[h].append(name)
        self._sizes[name] = len(shingles)

    def check(self, name: str, text: str) -> str | None:
        """The name of an earlier article this one duplicates, else None (and remember it)."""
        self._load_known()
        shingles = fingerprint(text)
        shared = Counter(other for h in shingles for other in self._index.get(h, ()) if other != name)
        for other, common in shared.most_common(3):
            if common / (len(shingles) + self._sizes[other] - common) >= THRESHOLD:
                return other
        self._remember(name, shingles)
        self.fingerprints[name] = shingles
        return None
