"""What a person should still check, as the review page lists it.

The extractor writes what it could not settle into a page's ``review`` key, one line per item,
each line starting with the field it is about ("date: not stated in the text"). An item stops
being listed once the person dealt with it on the page: they set the field (a date), changed the
field from what the generator wrote (a made-up title rewritten, a guessed company removed), or
removed the line from ``review``.

Possible duplicates are found across pages: two articles of one story from the same publication
on the same day, or with the same headline. Giving them different ``story`` values in their front
matter says they are not copies, and the item goes.
"""

from __future__ import annotations

import re
from collections import defaultdict

NO_DATE_FIELD = "date"


def outstanding(review: list[str], meta: dict, generated: dict | None) -> list[str]:
    """The items of a page's ``review`` key the person has not dealt with yet. ``meta`` is the
    page's front matter now and ``generated`` what the generator last wrote (None when unknown),
    both as plain values."""
    left = []
    for item in review:
        field = item.split(":", 1)[0].strip()
        if field == NO_DATE_FIELD and meta.get("date"):
            continue
        if generated is not None and field in generated and field in meta and meta[field] != generated[field]:
            continue  # the person changed the field the item is about
        left.append(item)
    return left


def _headline_key(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))


def possible_duplicates(articles: dict[str, object], stories: dict[str, str]) -> dict[str, list[str]]:
    """Page -> the earlier pages it may duplicate: same story and either the same source and date,
    or the same headline."""
    members: dict[str, list[str]] = defaultdict(list)
    for page in sorted(articles):
        members[stories.get(page, page)].append(page)
    found: dict[str, list[str]] = {}
    for pages in members.values():
        for i, page in enumerate(pages):
            a = articles[page]
            for earlier in pages[:i]:
                b = articles[earlier]
                same_day = a.source and a.source == b.source and a.date == b.date
                same_title = a.title and _headline_key(a.title) == _headline_key(b.title)
                if same_day or same_title:
                    found.setdefault(page, []).append(earlier)
    return found
