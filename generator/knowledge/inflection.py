"""Country names as a language writes them in running text: every inflected form.

CLDR gives one form of each country name per language (Китай, Polska, Jižní Korea), but Russian,
Polish, Czech, Swedish or Turkish text uses case forms (Китаем, w Polsce, Jižní Koreje, Sveriges).
simplemma ships a form -> lemma dictionary for 54 languages; inverting it for the words of every
country name (and for the adjectives ``data/countries.yml`` lists per language) gives the forms.
Languages that join a one-letter particle to the next word (Hebrew ל־, ב־, Arabic و) get those
prefixed forms too (``proclitics`` in ``data/languages.yml``).

A language's dictionary takes simplemma a second or two to load, so the forms are made only for a
language an article is written in, and kept in the knowledge cache (``datacache.py``) after that.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import lru_cache

from .datacache import remembered
from .gazetteer import Entry, Gazetteer

MAX_FORMS = 1000  # forms kept per multi-word name (an adjective's 25 forms times a noun's 12 fit)


@lru_cache(maxsize=64)
def language_gazetteer(language: str | None) -> Gazetteer | None:
    """The inflected country names of ``language`` in a gazetteer of their own (None when it has
    none), kept in the knowledge cache under the language's own name: a briefing in twenty
    languages keeps all twenty."""
    if not language or not language.replace("_", "").isalnum():
        return None
    return remembered(f"countries-{language}", {"language": language}, lambda: _gazetteer(language))


def _gazetteer(language: str) -> Gazetteer | None:
    from . import data_file

    countries = data_file("countries.yml")
    languages = data_file("languages.yml", every_value_text=True)
    own = [(countries.get(section) or {}).get(language) for section in ("by_language", "adjectives")]
    if language in (countries.get("locales") or []) and language not in (languages.get("case_languages") or []) \
            and not any(own) and not (languages.get("proclitics") or {}).get(language):
        return None  # its names are all in the main gazetteer already (English): no second search
    surfaces = _compute(language)
    if not surfaces:
        return None
    gaz = Gazetteer()
    for code, forms in sorted(surfaces.items()):
        gaz.add_all(forms, Entry("country", code, f"countries ({language} forms)"))
    return gaz


def _compute(language: str) -> dict[str, list[str]]:
    from . import data_file  # (the package imports this module)

    countries = data_file("countries.yml")
    languages = data_file("languages.yml", every_value_text=True)
    names = _base_names(language, countries)
    single = {base for bases in names.values() for base in bases if " " not in base}
    parts = {word for bases in names.values() for base in bases if " " in base for word in base.split()}
    inflected = language in (languages.get("case_languages") or [])
    forms_of = _forms_of(language, single, parts - single) if inflected else {}
    clitics = (languages.get("proclitics") or {}).get(language) or []
    surfaces: dict[str, list[str]] = {}
    for code, bases in sorted(names.items()):
        forms = set()
        for base in bases:
            choices = [sorted(forms_of.get(word, {word})) for word in base.split()]
            forms.add(base)
            forms.update(" ".join(c) for c in itertools.islice(itertools.product(*choices), MAX_FORMS))
        forms.update([clitic + form for clitic in clitics for form in list(forms)])
        surfaces[code] = sorted(forms)
    return surfaces


def _base_names(language: str, countries: dict) -> dict[str, set[str]]:
    """The names of each country in ``language``: CLDR's, and this language's aliases and
    adjectives from the data file (``by_language``, ``adjectives``)."""
    from babel import Locale, UnknownLocaleError

    skip = set(countries.get("skip") or [])
    names: dict[str, set[str]] = {}
    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        territories = {}
    import pycountry

    countries_known = {country.alpha_2 for country in pycountry.countries}  # not EU, UN, "QO"
    for code, name in territories.items():
        if code in countries_known and code not in skip and "," not in name and "(" not in name:
            names.setdefault(code, set()).add(name)
    for section in ("by_language", "adjectives"):
        for code, forms in ((countries.get(section) or {}).get(language) or {}).items():
            code = "NO" if code is False else str(code)  # YAML 1.1 reads a bare NO as false
            for form in forms or []:
                names.setdefault(code, set()).add(str(form))
                if section == "adjectives":  # lower case in running text, capitalised to begin a sentence
                    names[code].add(str(form)[:1].upper() + str(form)[1:])
    for forms in names.values():  # vowel marks are optional in Arabic and Hebrew writing (عُمان, عمان)
        forms.update([_unmarked(form) for form in forms if not form.isascii() and not _latin(form)])
    return names


def _unmarked(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _latin(text: str) -> bool:
    return any("LATIN" in unicodedata.name(c, "") for c in text if c.isalpha())


def _forms_of(language: str, names: set[str], parts: set[str]) -> dict[str, set[str]]:
    """Each one-word name and each word of a longer name -> its forms in simplemma's dictionary
    for ``language``, in capitals, with a capital or in lower case as the word is (nothing when
    simplemma has no dictionary for the language). The words of a longer name (Южная, Stany) are
    ordinary words, which the dictionary lists in lower case; a one-word name is looked up only as
    written (in lower case, Мали would be a form of "small")."""
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import (
            SUPPORTED_LANGUAGES,
            _load_dictionary_from_disk,
        )
    except ImportError:
        return {}
    if language not in SUPPORTED_LANGUAGES:
        return {}
    lemma_of = _load_dictionary_from_disk(language)  # form -> lemma, as UTF-8 bytes
    wanted: dict[bytes, set[str]] = {}  # lemma -> the words it is the lemma of
    words = names | parts
    for word in words:
        keys = [word.encode(), word.lower().encode()] if word in parts else [word.encode()]
        for key in keys:
            wanted.setdefault(lemma_of.get(key, key), set()).add(word)
    found: dict[str, set[str]] = {word: {word} for word in words}
    for form, lemma in lemma_of.items():
        for word in wanted.get(lemma, ()):
            found[word].add(_shaped(form.decode(), word))
    for lemma, of in wanted.items():  # the lemma is a form too, though not always listed as one
        for word in of:
            found[word].add(_shaped(lemma.decode(), word))
    return found


def _shaped(form: str, word: str) -> str:
    if word.isupper() and len(word) > 1:  # an abbreviation keeps its capitals
        return form.upper()
    return form[:1].upper() + form[1:] if word[:1].isupper() else form
