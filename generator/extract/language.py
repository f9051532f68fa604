"""The language of an article: by its writing system or its common words (``data/languages.yml``)
when they settle it, else by py3langid's statistical model (installed with the package)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..knowledge import data_file
from ..words import ascii_form, folded_letter_runs


def detect_language(text: str) -> str | None:
    """The article's language: by its writing system or its common words when they settle it,
    else by the statistical model."""
    if len(text.strip()) < 40:
        return None  # too little text to tell
    sample = text[:1500]
    found = _quick_language(sample)
    if found:
        return found
    import py3langid  # the model (and numpy) load only when the quick test cannot tell

    return py3langid.classify(sample[:600])[0]


@lru_cache(maxsize=1)
def _language_data():
    data = data_file("languages.yml", every_value_text=True)  # function words "no", "on", "y"
    # Each a class of thousands of characters, which costs milliseconds to compile: compiled (and
    # cached by ``re``) only for a text with that many letters beyond ASCII.
    scripts = [(code, "[" + "".join(ranges) + "]") for code, ranges in data["scripts"].items()]
    shared = [re.compile("[" + "".join(ranges) + "]") for ranges in data["shared_scripts"].values()]
    languages_of: dict[str, list[str]] = {}  # function word -> the languages it belongs to
    for code, ws in data["function_words"].items():
        for w in {w.casefold() for w in ws}:
            languages_of.setdefault(w, []).append(code)
    return scripts, shared, languages_of, list(data["function_words"])


ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _quick_language(sample: str) -> str | None:
    scripts, shared, languages_of, codes = _language_data()
    plain = ascii_form(sample)  # None: letters beyond ASCII (typography is no script's letters)
    tokens = folded_letter_runs(sample if plain is None else plain)  # (the same runs: no letter is typography)
    if plain is None:
        letters = sum(map(len, tokens)) or 1
        others = ASCII_RUNS.sub("", sample)  # a script's letters are never ASCII
        # (curly quotes and dashes in English text are too few to be any script's share)
        for code, pattern in scripts if len(others) >= 0.3 * letters else ():
            if len(re.findall(pattern, others)) >= 0.3 * letters:
                return code
        if any(len(pattern.findall(others)) >= 0.3 * letters for pattern in shared):
            return None  # Cyrillic, Arabic: the model tells the languages that write them apart
    if len(tokens) < 12:
        return None
    hits = dict.fromkeys(codes, 0)
    for token, count in Counter(filter(languages_of.__contains__, tokens)).items():
        for code in languages_of[token]:
            hits[code] += count
    shares = sorted(((hits[code] / len(tokens), code) for code in codes), reverse=True)
    (best, code), (second, _) = shares[0], shares[1]
    return code if best >= 0.2 and best >= 2 * second else None
