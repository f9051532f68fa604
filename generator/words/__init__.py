"""The letters and words of a text, found faster when none of its words leaves ASCII.

Python's pattern engine reads ASCII text faster than text that holds any wider character, and a
class spelled as ranges (``[A-Za-z]``) faster than one built from Unicode categories (``\\w``,
``\\d``). English news text is rarely pure ASCII, but what it holds beyond ASCII is mostly
typography (curly quotes, dashes, bullets). ``ascii_form`` stands ASCII in for that typography,
one character for one, so the ASCII patterns below find in it what the Unicode ones find in the
text itself, at the same positions.
"""

from __future__ import annotations

import re

# Punctuation and symbols outside ASCII, none of them a word character (``\w``), that news text is
# full of, with the ASCII that stands in for each: the apostrophe for the curly one (both belong
# to a word in ``clean.WORD``), a space for the rest (none belongs to any word).
STAND_INS = {mark: " " for mark in "“”‘–—•…£€·\u00a0«»„"} | {"’": "'"}
TYPOGRAPHY = "".join(STAND_INS)

LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters
WORD_CHARS = re.compile(r"\w+")
# In ASCII text, the runs either pattern finds are the words left when every other character is
# made a space: a table lookup per character and a split, three times faster than the engine.
_ASCII = [chr(code) for code in range(128)]
_BLANK_ALL_BUT_LETTERS = str.maketrans({ch: " " for ch in _ASCII if not ch.isalpha()})
# The same, lowering the letters too: ASCII text case-folds to its lower case.
_FOLD_LETTERS = str.maketrans({ch: ch.lower() if ch.isalpha() else " " for ch in _ASCII})
_FOLD_WORD_CHARS = bytes(range(128)).decode().translate(
    {ord(ch): ch.lower() if ch.isalnum() or ch == "_" else " " for ch in _ASCII}).encode() + bytes(128)


def ascii_form(text: str, blank: str | None = None) -> str | None:
    """``text`` with its typography replaced by ASCII (``STAND_INS``, or ``blank`` for every mark),
    or None when a character beyond ASCII remains (a letter such as "é", a script other than Latin)."""
    if text.isascii():
        return text
    for mark, stand_in in STAND_INS.items():
        if mark in text:
            text = text.replace(mark, stand_in if blank is None else blank)
    return text if text.isascii() else None


def letter_runs(text: str) -> list[str]:
    """``LETTERS.findall(text)``."""
    plain = ascii_form(text)
    return LETTERS.findall(text) if plain is None else plain.translate(_BLANK_ALL_BUT_LETTERS).split()


def folded_letter_runs(text: str, limit: int | None = None) -> list[str]:
    """``LETTERS.findall(text.casefold()[:limit])``: the runs of letters of the case-folded text
    (of its first ``limit`` characters)."""
    plain = ascii_form(text if limit is None else text[:limit])
    if plain is None:
        return LETTERS.findall(text.casefold()[:limit])
    return plain.translate(_FOLD_LETTERS).split()


def folded_word_char_runs(text: str) -> list[bytes]:
    """``WORD_CHARS.findall(text.casefold())``, each run as UTF-8 bytes."""
    plain = ascii_form(text)
    if plain is None:
        return [run.encode() for run in WORD_CHARS.findall(text.casefold())]
    return plain.encode("ascii").translate(_FOLD_WORD_CHARS).split()


def shortened(text: str, limit: int, trailing: str = ",;:") -> str:
    """``text`` cut to at most ``limit`` characters at the last space, without the ``trailing``
    punctuation left there, and with an ellipsis; as it is when it fits."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(trailing) + "…"
