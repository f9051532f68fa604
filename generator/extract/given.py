"""Front matter a person wrote in a Markdown input: it wins over anything extracted, and settles
what the review list asked about it."""

from __future__ import annotations

from ..article import RECORD_FIELDS, RECORD_OPTIONAL, Article, _as_str_list, as_records, parse_iso_date
from ..kinds import ENTITY_FIELDS
from ..page import keys as page_keys

REVIEW_NO_DATE = "date: not stated in the text"
REVIEW_TITLE = "title: made up from the lead sentence"


def apply_given(article: Article, given: dict[str, object]) -> None:
    """Front matter a user wrote in a Markdown input wins over anything extracted."""
    for key, value in given.items():
        if key == "date":
            article.date = parse_iso_date(value)
            if article.date:
                article.review = [r for r in article.review if r != REVIEW_NO_DATE]
        elif key == "title" and value:
            article.title = str(value)
            article.review = [r for r in article.review if r != REVIEW_TITLE]
        elif key in RECORD_FIELDS:
            setattr(article, key, as_records(value, RECORD_FIELDS[key], RECORD_OPTIONAL.get(key, ())))
        elif key in ENTITY_FIELDS:
            setattr(article, key, _as_str_list(value))
        elif key in ("source", "summary", "language", "url", "author") and value is not None:
            setattr(article, key, str(value))
        elif key in page_keys.NOT_FROM_INPUT:
            article.notices.append(f"front matter: '{key}' is the briefing's to choose, not a clipping's; dropped")
            continue
        elif (wrong := page_keys.problem(key, value)) is not None:
            article.notices.append(f"front matter: {key}: {wrong}; dropped (MkDocs could not build the page)")
            continue
        elif key not in ("words", "original", "review"):
            article.extra[key] = value
        article.provenance[key] = "given in the input's front matter"
