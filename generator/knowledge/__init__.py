"""Load the entity and cleaning knowledge kept in data files, once per process.

Built-in knowledge lives in ``generator/data/*.yml``; a briefing can add its own through an
entities file (``entities.yml``), which is merged on top. Country names in many languages come from
CLDR through babel, backed by ISO 3166 codes from pycountry.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..clean.boilerplate import Boilerplate
from ..config import read_yaml
from ..errors import ConfigError
from ..kinds import KINDS
from .gazetteer import Entry, Gazetteer
from .words import english_words, given_names, weekday_names


def data_file(name: str, every_value_text: bool = False) -> dict:
    """A file of ``generator/data``; ``every_value_text`` reads "no", "on" and "y" as words, not
    booleans (YAML's base loader)."""
    text = resources.files("generator").joinpath("data", name).read_text(encoding="utf-8")
    # libyaml's loaders when PyYAML was built with it (its wheels are): the same data, ten times faster
    if every_value_text:
        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    else:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader) or {}


@dataclass(eq=False)
class Knowledge:
    gazetteer: Gazetteer
    country_names: dict[str, str]  # ISO alpha-2 -> display name
    legal_suffixes: list[str]
    name_suffixes: frozenset[str]  # legal suffixes an unknown company's name keeps ("Group", "Corporation")
    dropped_suffixes: frozenset[str]  # of those, the ones dropped after a name by itself ("PPX Mining Corp.")
    institution_words: set[str]
    not_of_a_country: frozenset[str]  # "University": "Australian National University" names no country
    roles: frozenset[str]  # case-folded
    speech_verbs: list[str]
    not_names: set[str]
    boilerplate: Boilerplate
    canonical: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, folded) -> name
    brands: dict[str, str] = field(default_factory=dict)  # brand -> owning company
    descriptors: set[str] = field(default_factory=set)  # "maker", "giant" before a company name
    head_nouns: set[str] = field(default_factory=set)  # "Airlines", "Motors" ending a company name
    unit_words: frozenset[str] = frozenset()  # "Asia" after a company's name: one of its units
    defined_company_words: frozenset[str] = frozenset()  # "Bank": a company, where an abbreviation defines the name
    leading_words: set[str] = field(default_factory=set)  # never the first word of a company name
    news_head_nouns: set[str] = field(default_factory=set)  # "Times", "Herald" ending a publication's name
    not_mastheads: set[str] = field(default_factory=set)
    pronouns: list[str] = field(default_factory=list)  # "he", "she": who a quote's pronoun stands for
    capitals: frozenset[str] = frozenset()  # capitals among the country aliases, case-folded
    place_words: frozenset[str] = frozenset()  # "in", "at": before a capital, it is the city
    given_names: frozenset[str] = frozenset()  # "Nicola", "Rahul" (knowledge/words.py)
    common_words: frozenset[str] = frozenset()  # ordinary English words, lower case
    company_context: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # words before, after a company's name
    compound_endings: frozenset[str] = frozenset()  # "-based", "-led": "San Diego-based" is no name

    def ordinary_word(self, word: str) -> bool:
        """An English word that is not also a given name ("Latest", "Regional"; not "Mark")."""
        return word.lower() in self.common_words and word not in self.given_names

    def country_name(self, code: str) -> str:
        return self.country_names.get(code, code)

    def country_code(self, name: str) -> str | None:
        """ISO code for a country written by a person (any known name or alias)."""
        for entry in self.gazetteer.lookup(name):
            if entry.kind == "country":
                return entry.value
        folded = name.casefold()
        for code, display in self.country_names.items():
            if display.casefold() == folded or code.casefold() == folded:
                return code
        return None

    def canonical_name(self, kind: str, name: str) -> str | None:
        return self.canonical.get((kind, fold(name)))


def fold(text: str) -> str:
    """A name as compared: case, accents and spacing folded."""
    if text.isascii():  # nothing to decompose (most names, every time an article is read)
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def _country_tables(data: dict, english_words: frozenset[str]) -> tuple[dict[str, str], dict[str, set[str]]]:
    import pycountry  # (with babel, only when the knowledge is not in the cache: datacache.py)
    from babel import Locale

    skip = set(data.get("skip") or [])
    overrides = data.get("names") or {}
    english = Locale("en").territories
    names: dict[str, str] = {}
    surfaces: dict[str, set[str]] = {}
    locales = [Locale.parse(tag) for tag in data.get("locales") or ["en"]]
    for country in pycountry.countries:
        code = country.alpha_2
        if code in skip:
            continue
        display = overrides.get(code) or english.get(code) or getattr(country, "common_name", None) or country.name
        names[code] = display
        forms = surfaces.setdefault(code, set())
        forms.update({display, country.name})
        for attr in ("common_name", "official_name"):
            if getattr(country, attr, None):
                forms.add(getattr(country, attr))
        for locale in locales:
            local = locale.territories.get(code)
            # Another language's name that is an English word ("Island", Iceland in German) is
            # looked for only in articles in that language (knowledge/inflection.py).
            if local and (locale.language == "en" or local.casefold() not in english_words):
                forms.add(local)
    for code, aliases in (data.get("aliases") or {}).items():
        code = "NO" if code is False else str(code)  # YAML 1.1 reads a bare NO as false
        if code in skip:
            continue
        surfaces.setdefault(code, set()).update(aliases or [])
        names.setdefault(code, english.get(code, code))
    for language in (data.get("inflected") or {}).values():
        suffixes = language.get("suffixes") or [""]
        for code, stems in (language.get("stems") or {}).items():
            code = "NO" if code is False else str(code)
            surfaces.setdefault(code, set()).update(stem + suffix for stem in stems for suffix in suffixes)
    # Forms like "Korea, Republic of" never appear in running text.
    for forms in surfaces.values():
        for form in [f for f in forms if "," in f or "(" in f]:
            forms.discard(form)
    return names, surfaces


def build_knowledge(entities_file: Path | None = None) -> Knowledge:
    countries = data_file("countries.yml")
    companies = data_file("companies.yml")
    news = data_file("news_orgs.yml")
    orgs = data_file("organisations.yml")
    people = data_file("people.yml")
    noise = data_file("boilerplate.yml")

    gaz = Gazetteer()
    canonical: dict[tuple[str, str], str] = {}
    common = english_words()
    names, surfaces = _country_tables(countries, common)
    for code, forms in sorted(surfaces.items()):
        gaz.add_all(sorted(forms), Entry("country", code, "countries"))
    for surface in countries.get("not_countries") or []:
        gaz.add(surface, Entry("other", surface, "not_countries"))

    def add_named(kind: str, table: dict, origin: str) -> None:
        for name, aliases in (table or {}).items():
            name = str(name)
            entry = Entry(kind, name, origin)
            for surface in [name, *(aliases or [])]:
                gaz.add(str(surface), entry)
                canonical[(kind, fold(str(surface)))] = name

    add_named("company", companies.get("companies"), "companies gazetteer")
    _add_listed_companies(gaz, canonical, companies, people)
    brands = {str(b): str(o) for b, o in (companies.get("brands") or {}).items()}
    for brand, owner in brands.items():
        gaz.add(brand, Entry("brand", brand, f"brand of {owner}"))
    add_named("news_org", news.get("news_orgs"), "news organisations list")
    add_named("person", {name: (people.get("known_aliases") or {}).get(name) for name in people.get("known") or []},
              "people often in the news")
    _add_subdivisions(gaz, common)
    for name in orgs.get("organisations") or []:
        gaz.add(name, Entry("other", name, "organisations list"))
        canonical[("other", fold(name))] = name

    if entities_file is not None:
        _merge_user_entities(entities_file, gaz, canonical, names)

    return Knowledge(gazetteer=gaz, country_names=names, canonical=canonical, brands=brands, common_words=common,
                     boilerplate=Boilerplate.from_data(noise), **_word_lists(countries, companies, news, orgs, people))


def _word_lists(countries: dict, companies: dict, news: dict, orgs: dict, people: dict) -> dict:
    """The rules' lists of words, as the data files give them."""
    given = given_names() | frozenset(people.get("given_names") or [])
    return dict(
        legal_suffixes=sorted({str(s) for s in companies.get("legal_suffixes") or []}, key=len, reverse=True),
        name_suffixes=frozenset(str(s) for s in companies.get("name_suffixes") or []),
        dropped_suffixes=frozenset(str(s) for s in companies.get("dropped_suffixes") or []),
        defined_company_words=frozenset(str(s) for s in companies.get("defined_company_words") or []),
        institution_words=set(orgs.get("institution_words") or []),
        not_of_a_country=frozenset(orgs.get("not_of_a_country") or []),
        roles=frozenset(r.casefold() for r in people.get("roles") or []),
        speech_verbs=list(people.get("speech_verbs") or []),
        pronouns=list(people.get("pronouns") or []),
        not_names=set(people.get("not_names") or []) | (weekday_names() - given),  # "Robert Cary Pazartesi": Monday
        descriptors={d.casefold() for d in companies.get("descriptors") or []},
        head_nouns=set(companies.get("head_nouns") or []),
        unit_words=frozenset(str(w) for w in companies.get("unit_words") or []),
        leading_words=set(companies.get("leading_words") or []),
        news_head_nouns=set(news.get("head_nouns") or []),
        not_mastheads=set(news.get("not_mastheads") or []),
        capitals=frozenset(c.casefold() for c in countries.get("capitals") or []),
        place_words=frozenset(w.casefold() for w in countries.get("place_words") or []),
        given_names=given,
        compound_endings=frozenset(people.get("compound_endings") or []),
        company_context=(tuple(companies.get("context_before") or []), tuple(companies.get("context_after") or [])),
    )


def _add_subdivisions(gaz: Gazetteer, common: frozenset[str]) -> None:
    """States, provinces and regions (ISO 3166-2, from pycountry) as names that are neither
    people nor companies nor countries: "Mato Grosso", "San Luis Potosí", "Puglia". A region
    named like an ordinary word ("Centre") or like a country is left out."""
    import pycountry

    for region in pycountry.subdivisions:
        name = region.name.split(" (")[0].split(";")[0].strip()
        words = name.split()
        if len(name) < 4 or "," in name or (len(words) == 1 and name.lower() in common):
            continue
        if not any(entry.kind == "country" for entry in gaz.lookup(name)):
            gaz.add(name, Entry("other", name, "regions (ISO 3166-2)"))


def strip_legal_suffixes(name: str, suffixes: list[str]) -> str:
    """``"Huawei Technologies Co., Ltd."`` -> ``"Huawei Technologies"``: legal suffixes (longest
    first) removed from the end, however many, never the whole name."""
    by_last_word = _by_last_word(tuple(suffixes))
    while True:
        # Only suffixes ending in the name's last word can end the name.
        for suffix in by_last_word.get(name.rpartition(" ")[2], ()):
            tail = next((t for t in (" " + suffix, ", " + suffix) if name.endswith(t) and len(name) > len(t) + 1), None)
            if tail:
                name = name[: -len(tail)].rstrip(" ,")
                break
        else:
            return name


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """The legal suffixes of ``companies.yml`` without their dots ("S.A", "Co", "Corp")."""
    return frozenset(str(s).rstrip(".") for s in data_file("companies.yml").get("legal_suffixes") or ())


def without_legal_form(name: str, keep: frozenset[str] = frozenset()) -> str:
    """``name`` as written without the legal form that ends it ("Altara Industries Corp." ->
    "Altara Industries"), up to a suffix of ``keep`` that belongs to the name, written without
    its dot ("Tanzania Railway Corp. Ltd" -> "Tanzania Railway Corp"). Never the whole name."""
    legal, words = legal_forms(), name.split()
    while len(words) > 1 and (bare := words[-1].rstrip(".,")) in legal and bare not in keep:
        words.pop()
    if len(words) > 1 and (bare := words[-1].rstrip(".,")) in keep:
        words[-1] = bare
    return " ".join(words).rstrip(",")


@lru_cache(maxsize=8)
def _by_last_word(suffixes: tuple[str, ...]) -> dict[str, list[str]]:
    """Suffixes grouped by their last word, longest first."""
    groups: dict[str, list[str]] = {}
    for suffix in sorted(suffixes, key=len, reverse=True):
        groups.setdefault(suffix.rpartition(" ")[2], []).append(suffix)
    return groups


def _add_listed_companies(gaz: Gazetteer, canonical: dict, companies: dict, people: dict) -> None:
    """Listed companies from pytickersymbols (its data ships in the package), below our own lists:
    legal suffixes stripped, names we already know left alone, and one-word names that look like
    ordinary words ("Target", "Block", "SCREEN") skipped unless written distinctively ("AbbVie",
    "3M", "ABB")."""
    try:
        from pytickersymbols import PyTickerSymbols
    except ImportError:
        return
    suffixes = sorted({str(x) for x in companies.get("legal_suffixes") or []}, key=len, reverse=True)
    common = {str(w).casefold() for w in (people.get("not_names") or []) + (companies.get("leading_words") or [])}
    for stock in PyTickerSymbols().get_all_stocks():
        name = strip_legal_suffixes(" ".join(str(stock.get("name") or "").split()), suffixes).removeprefix("The ")
        words = name.split()
        if not words or len(name) < 3 or ("company", fold(name)) in canonical or gaz.lookup(name):
            continue
        if len(words) == 1 and (re.fullmatch(r"[A-Z][a-z]+", name) or re.fullmatch(r"[A-Z]{5,}", name)) \
                or words[0].casefold() in common:
            continue  # an ordinary word (or one in capitals, as in headings): too often not the company
        gaz.add(name, Entry("company", name, "listed companies (pytickersymbols)"))
        canonical[("company", fold(name))] = name


USER_SECTIONS = {**{kind.field: kind.name for kind in KINDS if kind.registry}, "other": "other"}


def _merge_user_entities(path: Path, gaz: Gazetteer, canonical: dict, names: dict) -> None:
    """Merge a user's entities file: sections companies/news_orgs/people/other map a canonical
    name to its aliases; ``countries`` maps an ISO code or country name to extra aliases."""
    if not path.exists():
        return
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping with sections {', '.join(USER_SECTIONS)}, countries")
    for section, value in data.items():
        if section == "countries":
            for key, aliases in (value or {}).items():
                code = str(key).upper() if str(key).upper() in names else None
                code = code or next((c for c, n in names.items() if n.casefold() == str(key).casefold()), None)
                if code is None:
                    raise ConfigError(f"{path}: countries: '{key}' is not an ISO code or known country name")
                gaz.add_all(alias_list(aliases, path, f"countries: {key}"), Entry("country", code, str(path.name)))
            continue
        kind = USER_SECTIONS.get(section)
        if kind is None:
            raise ConfigError(f"{path}: unknown section '{section}' (expected one of "
                              f"{', '.join([*USER_SECTIONS, 'countries'])})")
        if isinstance(value, list):
            value = {name: [] for name in value}
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: section '{section}' must map names to lists of aliases")
        for name, aliases in value.items():
            entry = Entry(kind, str(name), str(path.name))
            for surface in [str(name), *alias_list(aliases, path, f"{section}: {name}")]:
                # A user's declaration overrides what the built-in lists say about this surface.
                gaz.replace(surface, entry)
                canonical[(kind, fold(surface))] = str(name)


def alias_list(aliases: object, path: Path, where: str) -> list[str]:
    """The aliases declared for one name: a list of names (a single name is taken as a list of
    one, never as its letters); anything else is a ConfigError naming the file and the entry."""
    if aliases is None:
        return []
    if isinstance(aliases, (str, int, float)) and not isinstance(aliases, bool):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, (str, int, float)) and str(a).strip() for a in aliases):
        raise ConfigError(f"{path}: {where}: aliases must be a list of names, e.g. [Other Name, A Misspelling]")
    return [str(a).strip() for a in aliases]


def load_knowledge(entities_file: str | None = None) -> Knowledge:
    """The knowledge, built once per version of the entities file (a long-running `mkdocs serve`
    picks up edits to it)."""
    stamp = None
    if entities_file:
        try:
            st = Path(entities_file).stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            pass
    return _load_knowledge(entities_file, stamp)


@lru_cache(maxsize=8)
def _load_knowledge(entities_file: str | None, stamp) -> Knowledge:
    from .datacache import remembered

    path = Path(entities_file) if entities_file else None
    # Remembered by what the entities file says, wherever the briefing is.
    try:
        entities = hashlib.sha256(path.read_bytes()).hexdigest() if path else None
    except FileNotFoundError:
        entities = None  # as no entities file
    except OSError:
        return build_knowledge(path)  # which names the file and the problem
    return remembered("knowledge", {"entities": entities}, lambda: build_knowledge(path))
