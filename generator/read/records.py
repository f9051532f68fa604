"""JSON and JSON Lines exports: one object per article, with title/text/url/date-like fields.

The field names are guessed from common exports; a briefing can name its own in mkdocs.yml
(``json_fields: {text: story_body, date: published}``).
"""

from __future__ import annotations

import datetime as dt
import json

from ..config import Settings
from ..errors import InputError
from .decode import decode
from .document import MAX_COLLECTION_BYTES, RawDocument, reader
from .html import html_to_text

FIELDS = {
    "title": ("title", "headline", "name", "subject"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "story", "description", "summary"),
    "url": ("url", "link", "href", "permalink", "canonical_url"),
    "date": ("date", "published", "published_at", "publishedAt", "pubDate", "pub_date", "datetime", "created_at", "time"),
    "source": ("source", "site", "site_name", "publisher", "publication", "outlet", "feed"),
    "author": ("author", "byline", "authors", "creator"),
}
LIST_KEYS = ("articles", "items", "entries", "data", "results", "records", "docs", "stories")


def _pick(record: dict, name: str, own: dict[str, str]):
    """The record's value for our field ``name``: under the export's own name for it (``own``, the
    briefing's ``json_fields``) or else under any of the usual names."""
    keys = (own[name],) if name in own else FIELDS[name]
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title") or value.get("href")
        if isinstance(value, list):
            value = ", ".join(str(v.get("name", v) if isinstance(v, dict) else v) for v in value)
        if value not in (None, ""):
            return value
    return None


def _date(value) -> str | None:
    """An ISO date from a timestamp or an ISO date and time; other text is for the extractor to
    read as it reads dates in a clipping (``date_text``)."""
    if isinstance(value, (int, float)) and 0 < value < 4_102_444_800:
        return dt.datetime.fromtimestamp(value, dt.timezone.utc).date().isoformat()
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            return None
    return None


def _document(original: str, record, own: dict[str, str]) -> RawDocument | InputError:
    if not isinstance(record, dict):
        return InputError(original, f"is a {type(record).__name__}, not an object with article fields")
    text = _pick(record, "text", own)
    title = _pick(record, "title", own)
    if not text and not title:
        return InputError(original, f"has no text or title field (looked for {', '.join(FIELDS['text'][:4])}...; "
                                    "set json_fields in mkdocs.yml)")
    text = str(text or title)
    if "<" in text and ">" in text:
        text = html_to_text(text)
    date = _pick(record, "date", own)
    hints = {"title": title, "url": _pick(record, "url", own), "date": _date(date),
             "source": _pick(record, "source", own), "author": _pick(record, "author", own)}
    if isinstance(date, str) and not hints["date"]:
        hints["date_text"] = date
    return RawDocument(original, text, hints={k: str(v) for k, v in hints.items() if v})


@reader(".json", max_bytes=MAX_COLLECTION_BYTES)
def read_json(original: str, data: bytes, settings: Settings):
    try:
        value = json.loads(decode(original, data))
    except json.JSONDecodeError as exc:
        raise InputError(original, f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(value, dict):
        nested = next((value[k] for k in LIST_KEYS if isinstance(value.get(k), list)), None)
        records = nested if nested is not None else [value]
    elif isinstance(value, list):
        records = value
    else:
        raise InputError(original, "holds neither an object nor a list of objects")
    for number, record in enumerate(records, start=1):
        yield _document(f"{original}#{number}" if len(records) > 1 else original, record, settings.json_fields)


@reader(".jsonl", ".ndjson", max_bytes=MAX_COLLECTION_BYTES)
def read_json_lines(original: str, data: bytes, settings: Settings):
    text = decode(original, data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{original}#{number}"
        try:
            yield _document(name, json.loads(line), settings.json_fields)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"is not valid JSON ({exc.msg})")
