"""Find known names in text: one Aho-Corasick automaton, leftmost-longest matches, word edges.

Every kind of entity (country, company, news organisation, person, and ``other`` for names that
are none of these, such as "New Mexico" or "European Commission") lives in the same automaton, so
the longest name wins across kinds: "Korean Air" is a company, not a mention of Korea.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import ahocorasick


@dataclass(frozen=True)
class Entry:
    kind: str  # country | company | news_org | person | other
    value: str  # canonical value: ISO code for countries, canonical name otherwise
    origin: str  # which list or rule defined it, for provenance


@dataclass(frozen=True)
class Match:
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
        self._entries: dict[str, list[Entry]] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, surface: str, entry: Entry, *, variants: bool = True) -> None:
        surface = " ".join(surface.split())
        if not surface:
            return
        for form in case_variants(surface) if variants else {surface}:
            bucket = self._entries.setdefault(form, [])
            if entry not in bucket:
                bucket.append(entry)
        self._automaton = None

    def replace(self, surface: str, entry: Entry) -> None:
        """Make ``entry`` the only meaning of ``surface`` (and its case variants)."""
        surface = " ".join(surface.split())
        for form in case_variants(surface):
            self._entries[form] = [entry]
        self._automaton = None

    def add_all(self, surfaces: Iterable[str], entry: Entry) -> None:
        for surface in surfaces:
            self.add(surface, entry)

    def lookup(self, surface: str) -> list[Entry]:
        return list(self._entries.get(" ".join(surface.split()), ()))

    def _build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for surface, entries in self._entries.items():
            automaton.add_word(surface, (surface, tuple(entries)))
        automaton.make_automaton()
        return automaton

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, leftmost-longest, respecting word edges in spaced scripts."""
        if not self._entries:
            return []
        if self._automaton is None:
            self._automaton = self._build()
        candidates = []
        last = len(text)
        for end_index, value in self._automaton.iter(text):
            end = end_index + 1
            start = end - len(value[0])
            # A name must not start or end inside a word of a spaced script ("Korea" in "Koreans").
            if start > 0 and _is_spaced_script(text[start]) and _is_spaced_script(text[start - 1]):
                continue
            if end < last and _is_spaced_script(text[end_index]) and _is_spaced_script(text[end]):
                continue
            candidates.append((start, -end, value))
        candidates.sort(key=lambda c: (c[0], c[1]))
        chosen: list[Match] = []
        reach = -1
        for start, negative_end, (surface, entries) in candidates:
            if start >= reach:
                chosen.append(Match(start, -negative_end, surface, entries))
                reach = -negative_end
        return chosen
