"""The one record every stage passes along, and its single front-matter mapping."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from .kinds import ENTITY_FIELDS

# The order in which keys are written to a page. Readers see the headline facts first and the
# bookkeeping last; it is part of the page design, so it is never sorted alphabetically.
FRONT_MATTER_ORDER = (
    "title",
    "date",
    "source",
    "url",
    "author",
    *ENTITY_FIELDS,
    "summary",
    "quotes",
    "events",
    "language",
    "words",
    "original",
    "added",
    "review",
)

LIST_FIELDS = (*ENTITY_FIELDS, "review")
RECORD_FIELDS = {"quotes": ("speaker", "text"), "events": ("date", "text")}  # lists of small mappings
RECORD_OPTIONAL = {"quotes": ("for",)}  # a quote's speaker speaks for this company or country
OMITTED_WHEN_EMPTY = ("url", "author", "quotes", "events", "added")  # written only when there are some

# Keys a person may add to a page: their own notes, and the page settings MkDocs and Material read.
OPTIONAL_KEYS = frozenset({
    "notes", "tags", "url", "author", "authors", "story", "description", "template", "hide", "search",
    "status", "subtitle", "icon", "comments",
})


@dataclass
class Article:
    """A news article as the briefing knows it.

    ``body`` is the cleaned text as Markdown-safe paragraphs; ``provenance`` maps
    ``"field:value"`` to the rule or list that produced it, so a person can see why a page was
    tagged (it is reported by ``briefing extract``, not written to the page).
    """

    title: str = ""
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    countries: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    news_orgs: list[str] = field(default_factory=list)
    summary: str = ""
    quotes: list[dict] = field(default_factory=list)  # {"speaker", "text"}: direct quotes
    events: list[dict] = field(default_factory=list)  # {"date": "YYYY-MM[-DD]", "text"}: dates stated inside
    language: str | None = None
    words: int = 0
    original: str = ""
    added: dt.date | None = None  # when the article entered the briefing: its first build
    review: list[str] = field(default_factory=list)
    body: str = ""
    provenance: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    extra: dict[str, object] = field(default_factory=dict, compare=False)
    notices: list[str] = field(default_factory=list, repr=False, compare=False)  # warnings about the input

    @property
    def year(self) -> str | None:
        return str(self.date.year) if self.date else None

    def metadata(self) -> dict[str, object]:
        """Front-matter mapping in page order; ``extra`` keys (a person's own) follow."""
        meta: dict[str, object] = {}
        for key in FRONT_MATTER_ORDER:
            value = getattr(self, key)
            if key in OMITTED_WHEN_EMPTY and not value:
                continue
            if key in LIST_FIELDS:
                value = list(value)
            if key in RECORD_FIELDS:
                value = [dict(v) for v in value]
            meta[key] = value
        for key, value in self.extra.items():
            if key not in meta:
                meta[key] = value
        return meta

    @classmethod
    def from_metadata(cls, meta: dict[str, object], body: str = "") -> "Article":
        """Build an Article from page front matter, tolerating hand-written values.

        Unknown keys are kept in ``extra`` so they survive a round trip.
        """
        known = {f.name for f in fields(cls)} - {"body", "provenance", "extra", "notices"}
        article = cls(body=body)
        for key, value in meta.items():
            if key not in known:
                article.extra[key] = value
                continue
            if key in ("date", "added"):
                article.__dict__[key] = parse_iso_date(value)
            elif key in LIST_FIELDS:
                article.__dict__[key] = _as_str_list(value)
            elif key in RECORD_FIELDS:
                article.__dict__[key] = as_records(value, RECORD_FIELDS[key], RECORD_OPTIONAL.get(key, ()))
            elif key == "words":
                article.words = int(value) if isinstance(value, int) else 0
            else:
                article.__dict__[key] = None if value is None else str(value)
        if article.title is None:
            article.title = ""
        if article.summary is None:
            article.summary = ""
        return article


def parse_iso_date(value: object) -> dt.date | None:
    """Accept a YAML date, a datetime or an ISO string; anything else is no date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def as_records(value: object, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[dict]:
    """A hand-edited list of quotes or events: mappings with the expected keys (and those of
    ``optional`` they have), as text (a YAML date becomes ISO text); anything else is dropped."""
    records = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and all(item.get(k) not in (None, "") for k in keys):
            wanted = keys + tuple(k for k in optional if item.get(k) not in (None, ""))
            records.append({k: item[k].isoformat() if isinstance(item[k], dt.date) else str(item[k]) for k in wanted})
    return records


def _as_str_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)]
