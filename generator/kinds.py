"""The kinds of names a briefing tags, in one table: what each is called in the gazetteer and
the registry, in the front matter, in docs/ and on the page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # the gazetteer's and the registry's word: "company"
    field: str  # the Article field and front-matter key: "companies"
    folder: str | None  # the docs/ folder of its index pages; None: no index pages
    heading: str  # the index page's heading: "Companies"
    label: str  # one of them, in a column heading: "Company"
    noun: str  # many of them, in prose: "companies"
    followed: bool  # a line in the timeline chart: what readers follow over time
    feed: bool  # an Atom feed per name
    registry: bool  # a section of the registry lists its names (countries come from ISO 3166)
    story_weight: float  # how much a shared name says two articles report one story (``stories.py``)


KINDS = (
    Kind("country", "countries", "countries", "Countries", "Country", "countries", True, True, False, 0.5),
    Kind("company", "companies", "companies", "Companies", "Company", "companies", True, True, True, 1.0),
    Kind("person", "people", "people", "People", "Person", "people", False, True, True, 3.0),
    Kind("news_org", "news_orgs", None, "News organisations", "News organisation", "news organisations",
         False, False, True, 2.0),
)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_FIELD = {kind.field: kind for kind in KINDS}
ENTITY_FIELDS = tuple(kind.field for kind in KINDS)  # "countries", "companies", "people", "news_orgs"
INDEXED = tuple(kind for kind in KINDS if kind.folder)  # the kinds with index pages
FOLLOWED = tuple(kind for kind in KINDS if kind.followed)
FEEDS = tuple(kind for kind in KINDS if kind.feed)
