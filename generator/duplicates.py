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
    def __init__(self) -> None:
        self._index: dict[int, list[str]] = defaultdict(list)
        self._sizes: dict[str, int] = {}

    def check(self, name: str, text: str) -> str | None:
        """The name of an earlier article this one duplicates, else None (and remember it)."""
        shingles = fingerprint(text)
        shared = Counter(other for h in shingles for other in self._index.get(h, ()))
        for other, common in shared.most_common(3):
            if common / (len(shingles) + self._sizes[other] - common) >= THRESHOLD:
                return other
        for h in shingles:
            self._index[h].append(name)
        self._sizes[name] = len(shingles)
        return None
