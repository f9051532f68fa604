"""Find known names in text: one Aho-Corasick automaton, leftmost-longest matches, word edges.

Every kind of entity (country, company, news organisation, person, and ``other`` for names that
are none of these, such as "New Mexico" or "European Commission") lives in the same automaton, so
the longest name wins across kinds: "Korean Air" is a company, not a mention of Korea.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
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
        for end_index, (surface, entries) in self._automaton.iter(text):
            start = end_index - len(surface) + 1
            if self._on_word_edges(text, start, end_index + 1):
                candidates.append(Match(start, end_index + 1, surface, entries))
        candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Match] = []
        reach = -1
        for match in candidates:
            if match.start >= reach:
                chosen.append(match)
                reach = match.end
        return chosen

    @staticmethod
    def _on_word_edges(text: str, start: int, end: int) -> bool:
        first, last = text[start], text[end - 1]
        if start > 0 and _is_spaced_script(first) and _is_spaced_script(text[start - 1]):
            return False
        if end < len(text) and _is_spaced_script(last) and _is_spaced_script(text[end]):
            return False
        return True
