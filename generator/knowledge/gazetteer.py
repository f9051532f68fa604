"""Find known names in text: one Aho-Corasick automaton, leftmost-longest matches, word edges.

The automaton is ahocorasick_rs (Rust): on the ten thousand names of the built-in lists it scans
an article some twenty times faster than pyahocorasick, whose nodes search their children one by
one.

Every kind of entity (country, company, news organisation, person, and ``other`` for names that
are none of these, such as "New Mexico" or "European Commission") lives in the same automaton, so
the longest name wins across kinds: "Korean Air" is a company, not a mention of Korea.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple

import ahocorasick_rs


@dataclass(frozen=True)
class Entry:
    kind: str  # country | company | news_org | person | other
    value: str  # canonical value: ISO code for countries, canonical name otherwise
    origin: str  # which list or rule defined it, for provenance


class Match(NamedTuple):  # a tuple: made for every name in every article, ten times faster than a frozen dataclass
    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]


@lru_cache(maxsize=None)  # asked for every edge of every match: a few hundred distinct characters
def _is_spaced_script(ch: str) -> bool:
    """True for letters of scripts that separate words with spaces (Latin, Cyrillic, Arabic...)."""
    if not ch.isalnum():
        return False
    if ch.isascii():
        return True
    name = unicodedata.name(ch, "")
    return not name.startswith(("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "THAI", "FULLWIDTH"))


def case_variants(surface: str) -> set[str]:
    """The surface as written, plus the spellings headlines and careless typing produce."""
    variants = {surface}
    words = surface.split(" ")
    if any(any(c.isupper() for c in w[1:]) for w in words if len(w) > 3):
        variants.add(" ".join(w[:1] + w[1:].lower() if len(w) > 3 else w for w in words))
    if len(surface) >= 4 and any(c.islower() for c in surface):
        variants.add(surface.upper())
    return variants


class Gazetteer:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[Entry, ...]] = {}  # tuples: a match hands its entries out as they are
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._surfaces: list[str] = []
        self._edges: dict[int, tuple[bool, bool]] = {}  # surface index -> its edges, as first met

    def __getstate__(self) -> dict:  # the automaton does not pickle; it is built again on first use
        return {"_entries": self._entries}

    def __setstate__(self, state: dict) -> None:
        self.__init__()
        self._entries = state["_entries"]

    def add(self, surface: str, entry: Entry, *, variants: bool = True) -> None:
        surface = " ".join(surface.split())
        if not surface:
            return
        for form in case_variants(surface) if variants else {surface}:
            bucket = self._entries.get(form, ())
            if entry not in bucket:
                self._entries[form] = (*bucket, entry)
        self._automaton = None

    def replace(self, surface: str, entry: Entry) -> None:
        """Make ``entry`` the only meaning of ``surface`` (and its case variants)."""
        surface = " ".join(surface.split())
        for form in case_variants(surface):
            self._entries[form] = (entry,)
        self._automaton = None

    def add_all(self, surfaces: Iterable[str], entry: Entry) -> None:
        for surface in surfaces:
            self.add(surface, entry)

    def lookup(self, surface: str) -> list[Entry]:
        return list(self._entries.get(" ".join(surface.split()), ()))

    def _build(self) -> None:
        """The automaton over every surface; a match's pattern index points into ``_surfaces``."""
        self._surfaces = list(self._entries)
        self._edges = {}
        self._automaton = ahocorasick_rs.AhoCorasick(self._surfaces,
                                                     matchkind=ahocorasick_rs.MatchKind.Standard)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, leftmost-longest, respecting word edges in spaced scripts."""
        if not self._entries:
            return []
        if self._automaton is None:
            self._build()
        candidates = []
        last = len(text)
        edges = self._edges
        # Every match, overlapping ones included: when the longest name at a place fails the word
        # edge test ("Korean Air" in "Korean Airlines"), a shorter one may pass ("Korean").
        for index, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            # A name must not start or end inside a word of a spaced script ("Korea" in "Koreans").
            # (A match is its surface exactly: the surface's own edges are the text's.)
            edge = edges.get(index)
            if edge is None:  # whether the surface begins and ends with a letter of a spaced script
                surface = self._surfaces[index]
                edge = edges[index] = (_is_spaced_script(surface[0]), _is_spaced_script(surface[-1]))
            spaced_start, spaced_end = edge
            if spaced_start and start > 0 and _is_spaced_script(text[start - 1]):
                continue
            if spaced_end and end < last and _is_spaced_script(text[end]):
                continue
            candidates.append((start, -end, index))
        candidates.sort()
        chosen: list[Match] = []
        reach = -1
        for start, negative_end, index in candidates:
            if start >= reach:
                surface = self._surfaces[index]
                chosen.append(Match(start, -negative_end, surface, self._entries[surface]))
                reach = -negative_end
        return chosen


def merged(first: list[Match], second: list[Match]) -> list[Match]:
    """Two gazetteers' matches in one text, leftmost-longest as within one: where they overlap,
    the match that starts first wins, then the longer, then ``first``'s."""
    chosen: list[Match] = []
    reach = -1
    for match in sorted([*first, *second], key=lambda m: (m.start, -m.end)):
        if match.start >= reach:
            chosen.append(match)
            reach = match.end
    return chosen
