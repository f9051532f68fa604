"""People named in Cyrillic text, written as the press writes them in Latin letters.

In Russian and Ukrainian a name changes with its case ("Олега Черникова" is Oleg Chernikov in the
genitive). pymorphy3's dictionaries (installed with it) tag given names, patronymics and surnames
in every case: a given name followed by a surname is a person. Each word is put back in the
nominative, in the given name's gender, and romanised by the table of ``data/languages.yml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import Knowledge, data_file
from .names import overlaps

CYRILLIC_RUN = re.compile(r"[А-ЯЁЄІЇҐ][а-яёєіїґ'’-]+(?:[ \t]+[А-ЯЁЄІЇҐ][а-яёєіїґ'’-]+){1,3}")


@lru_cache(maxsize=8)
def _romanisation(language: str | None) -> tuple[dict[str, str], dict[str, str]] | None:
    table = (data_file("languages.yml", every_value_text=True).get("romanisation") or {}).get(language or "")
    return (table.get("letters") or {}, table.get("initial") or {}) if table else None


@lru_cache(maxsize=8)
def _analyser(language: str):
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=language)
    except (ImportError, ValueError, OSError):  # the package or that language's dictionary missing
        return None


def romanised(word: str, language: str) -> str:
    letters, initial = _romanisation(language)
    out = []
    for i, ch in enumerate(word.lower()):
        out.append((initial if i == 0 or not word[i - 1].isalpha() else {}).get(ch) or letters.get(ch, ch))
    text = "".join(out)
    return "-".join(part[:1].upper() + part[1:] for part in text.split("-"))


def find_native_people(text: str, language: str | None, knowledge: Knowledge, taken: list) -> list:
    """(position, "person", name, why) for each person named in Cyrillic in ``text``."""
    if _romanisation(language) is None or not CYRILLIC_RUN.search(text):
        return []
    morph = _analyser(language)
    if morph is None:
        return []
    hits = []
    for run in CYRILLIC_RUN.finditer(text):
        words = run.group(0).split()
        for i in range(len(words) - 1):
            given = _parse(morph, words[i], "Name")
            if given is None:
                continue
            rest = words[i + 1:]
            if len(rest) > 1 and _parse(morph, rest[0], "Patr") is not None:
                rest = rest[1:]  # "Владимир Владимирович Путин": the press leaves the patronymic out
            surname = _surname(morph, rest[0], given.tag.gender)
            if surname is None:
                break
            start = run.start() + run.group(0).index(words[i])
            end = run.start() + run.group(0).index(rest[0]) + len(rest[0])
            if not overlaps(start, end, taken):
                name = f"{romanised(_nominative(given, given.tag.gender), language)} " \
                       f"{romanised(_nominative(surname, given.tag.gender), language)}"
                hits.append((start, "person", name, f"a given name and a surname: '{text[start:end]}'"))
            break
    return hits


def _parse(morph, word: str, grammeme: str):
    return next((p for p in morph.parse(word) if grammeme in p.tag), None)


def _surname(morph, word: str, gender):
    parses = morph.parse(word)
    for wanted in ("Surn", "ADJF"):  # a surname, or one declined as an adjective ("Навального")
        found = [p for p in parses if wanted in p.tag]
        if found:
            return next((p for p in found if p.tag.gender == gender), found[0])
    if not any(p.is_known for p in parses):
        return parses[0]  # a word the dictionary does not know: a foreign surname
    return None


def _nominative(parse, gender) -> str:
    wanted = {"nomn", gender} if gender and ("Surn" in parse.tag or "ADJF" in parse.tag) else {"nomn"}
    inflected = parse.inflect(wanted) or parse.inflect({"nomn"})
    return (inflected or parse).word
