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
