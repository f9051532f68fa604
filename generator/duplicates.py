"""The same article saved twice (two copies of a file, or a .txt and an .html of one story).

Articles are compared by a sample of their five-word shingles; two whose estimated overlap
(Jaccard) is at least ``THRESHOLD`` are one article. Rewritten or translated retellings of the
same news share far fewer shingles, so they stay separate articles (grouping them into stories is
another matter).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict

THRESHOLD = 0.8
SHINGLE = 5
SAMPLE = 4  # keep one shingle in SAMPLE, chosen by hash, so memory stays small
COMMON = 20  # a shingle in this many articles is a stock phrase: it tells nothing, and is skipped


WORD = re.compile(r"\w+")
WORDS = 400  # copies share everything, so the opening words are enough to tell
_MASK = (1 << 61) - 1
_BASE = 1_000_003
_LEAVING = pow(_BASE, SHINGLE - 1, _MASK + 1)  # the weight of a shingle's first word


def fingerprint(text: str) -> frozenset[int]:
    """A sample of the hashes of the text's five-word shingles (stable across runs)."""
    words = list(map(zlib.crc32, map(str.encode, WORD.findall(text.casefold(), 0)[:WORDS])))
    if len(words) < SHINGLE:
        return frozenset({_combine(words)})
    return frozenset(h for h in _shingle_hashes(words) if h % SAMPLE == 0) or frozenset({_combine(words)})


def _combine(codes: list[int]) -> int:
    value = 0
    for code in codes:
        value = (value * _BASE + code) & _MASK
    return value


def _shingle_hashes(codes: list[int]):
    """``_combine`` of every run of ``SHINGLE`` codes, rolled along: one step per word, not five."""
    value = _combine(codes[:SHINGLE])
    yield value
    for leaving, entering in zip(codes, codes[SHINGLE:]):
        value = ((value - leaving * _LEAVING) * _BASE + entering) & _MASK
        yield value


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
        shared = Counter(other for h in distinctive for other in self._index.get(h, ()) if other != name)
        for other, common in shared.most_common(3):
            if common / max(1, len(distinctive) + self._sizes[other] - common) >= THRESHOLD:
                return other
        self._remember(name, shingles, distinctive)
        self.fingerprints[name] = shingles
        return None
