"""The cascades of title, date and source: each field's rules in order, the first that answers
wins, and its name goes into ``Article.provenance``. What the file's own format said (HTML
metadata, a feed entry, an e-mail's headers) comes first."""

from __future__ import annotations

import datetime as dt
import re

from ..article import parse_iso_date
from ..clean import Cleaned, Line
from ..knowledge import Knowledge
from ..read import RawDocument
from .dates import find_dates, parse_crawler_date
from .header import Header, byline_names, dateline, names_only
from .source import publication_name
from .title import TitleResult, find_title


def title(doc: RawDocument, header: Header, lead: str, mastheads: list[tuple[Line, str]],
          knowledge: Knowledge) -> tuple[TitleResult, str]:
    hinted = str(doc.hints.get("title") or "").strip()
    if hinted:
        # The format named the title; a line that repeats it at the top of the text is the
        # headline, not the story.
        repeated = next((l for l in header.lines if " ".join(l.text.split()) == " ".join(hinted.split())), None)
        return TitleResult(hinted, repeated, None, made_up=False), "the file's own metadata"
    found = find_title(header, lead, lambda name: publication_name(name, knowledge) is not None,
                       skip={line for line, _ in mastheads},
                       is_names=lambda text: bool(names_only(text, knowledge.not_names)))
    return found, "lead sentence" if found.made_up else "headline line"


def date(doc: RawDocument, header: Header, cleaned: Cleaned, story: list[Line]) -> tuple[dt.date | None, str | None]:
    hinted = parse_iso_date(doc.hints.get("date")) or _date_in(doc.hints.get("date_text"))
    if hinted:
        return hinted, "the file's own metadata"
    if header.dates:
        return header.dates[0][1].date, f"date line at the top ({header.dates[0][1].rule})"
    opening = dateline(story[0].text) if story else None
    if opening and opening.group("when"):
        found = find_dates(opening.group("when"))
        if found:
            return found[0].date, "dateline"
    crawled = parse_crawler_date(cleaned.crawler_date)
    return (crawled, "crawler header line") if crawled else (None, None)


def source(doc: RawDocument, header: Header, mastheads: list[tuple[Line, str]], found_title: TitleResult,
           credit: str | None, knowledge: Knowledge) -> tuple[str | None, str | None]:
    """``credit``: the wire credited in the story's dateline, if any."""
    hinted = doc.hints.get("source")
    if hinted:
        return publication_name(str(hinted), knowledge) or str(hinted), "the file's own metadata"
    if mastheads:
        return mastheads[0][1], "masthead line"
    if found_title.publication:
        return publication_name(found_title.publication, knowledge) or found_title.publication, "headline suffix"
    if credit:
        return publication_name(credit, knowledge) or credit, "wire credit in the dateline"
    bylined = [n for line in header.lines for n in byline_names(line.text) if publication_name(n, knowledge)]
    if bylined:
        return publication_name(bylined[0], knowledge), "byline"
    return None, None


def _date_in(text: object) -> dt.date | None:
    """The date a format gave as text of its own ("March 4, 2021"), read as dates in a clipping are."""
    found = find_dates(text) if isinstance(text, str) else []
    return found[0].date if found else None


def plain_title(text: str) -> str:
    """A title as plain text: markup tags that scraping left in are dropped, and any angle
    bracket left over becomes a look-alike, so no theme can render a title as HTML."""
    text = re.sub(r"<[^<>]{0,200}>", "", text)
    return " ".join(text.replace("<", "‹").replace(">", "›").split())
