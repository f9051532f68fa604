"""Which capitalised words are people's given names, and which are ordinary English words.

A run of capitalised words is a name only if it looks like one: "Nicola Willis" does, "Regional
Development" and "Latest Stories" do not. Given names come from gender-guesser's dictionary of
some 45,000 first names of many countries (``nam_dict.txt``, installed with it); ordinary words
from simplemma's English dictionary. Both install offline with the package.
"""

from __future__ import annotations

from importlib import resources


def given_names() -> frozenset[str]:
    """First names, as written ("Nicola", "Jae-woong" is not: Korean given names are not in it)."""
    try:
        text = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_text(encoding="utf-8", errors="replace")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    names = set()
    for line in text.splitlines():
        if line.startswith("#") or len(line) < 30 or line[0] == "=":
            continue  # comments, and the lines that say two spellings are the same name
        name = line[3:29].strip()
        if name and "+" not in name and " " not in name and "\ufffd" not in name:
            names.add(name)
    return frozenset(names)


def english_words() -> frozenset[str]:
    """Ordinary English words in lower case, every inflected form (empty without simplemma)."""
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk
    except ImportError:
        return frozenset()
    return frozenset(form.decode() for form in _load_dictionary_from_disk("en") if form.islower())


def weekday_names() -> frozenset[str]:
    """The days of the week in every language CLDR describes (through babel), capitalised as
    they stand in a dateline or after a name ("Robert Cary Pazartesi": "Robert Cary, Monday")."""
    from babel import Locale, UnknownLocaleError
    from babel.localedata import locale_identifiers

    found = set()
    for identifier in locale_identifiers():
        if "_" in identifier:
            continue  # a region's variant: its language's names
        try:
            days = Locale.parse(identifier).days["format"]["wide"].values()
        except (UnknownLocaleError, ValueError, KeyError):
            continue
        found.update(form for day in days if len(day) >= 4 and " " not in day for form in (day, day[:1].upper() + day[1:]))
    return frozenset(found)
