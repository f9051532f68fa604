"""The letters and words of a text, found faster when none of its words leaves ASCII.

A pattern compiled with ``re.ASCII`` runs markedly faster than its Unicode form, and finds the same
matches in a text whose word characters are all ASCII. English news text is rarely pure ASCII, but
what it holds beyond ASCII is mostly typography (curly quotes, dashes, bullets); with those set
aside, most of it qualifies.
"""

from __future__ import annotations

import re

# Punctuation and symbols outside ASCII, none of them a word character (``\w``), that news text is
# full of.
TYPOGRAPHY = "’“”‘–—•…£€·\u00a0«»„"

LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters
# The ASCII forms spell their classes out as ranges: the engine tests a range with one lookup in a
# table, a class built from categories (``\w``, ``\d``) one category at a time.
ASCII_LETTERS = re.compile(r"[A-Za-z]+")
WORD_CHARS = re.compile(r"\w+")
ASCII_WORD_CHARS = re.compile(r"[A-Za-z0-9_]+")


def ascii_words(text: str) -> bool:
    """Whether every word character of ``text`` is ASCII (checked loosely: every character beyond
    ASCII is one of ``TYPOGRAPHY``), so ``re.ASCII`` patterns find the same words in it."""
    if text.isascii():
        return True
    for mark in TYPOGRAPHY:
        if mark in text:
            text = text.replace(mark, "")
    return text.isascii()


def letter_runs(text: str) -> list[str]:
    """``LETTERS.findall(text)``."""
    return letters_pattern(text).findall(text)


def letters_pattern(text: str) -> re.Pattern:
    """``LETTERS``, or its ASCII form when it finds the same in ``text``."""
    return ASCII_LETTERS if ascii_words(text) else LETTERS


def word_char_runs(text: str) -> list[str]:
    """``WORD_CHARS.findall(text)`` (runs of letters, digits and underscores)."""
    return (ASCII_WORD_CHARS if ascii_words(text) else WORD_CHARS).findall(text)
