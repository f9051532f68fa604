"""E-mail newsletters: a .eml file is one message, a .mbox file many.

A message is one article, its footer (unsubscribe links, "you are receiving this...") and its
furniture ("view in browser") left out. A newsletter of several stories, told apart by rules
(``newsletters.yml``), becomes one article per story: its first line as the headline when it
reads as one, its first link as the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import Settings
from ..errors import InputError
from .document import MAX_COLLECTION_BYTES, RawDocument, reader
from .html import html_to_text

MIN_STORY_WORDS = 40  # a section of fewer words is an introduction or a list of links, not a story
MAX_HEADLINE_WORDS = 20
RULE = "* * *"
_RULE_LINE = re.compile(r"\s*(?:[-=_*~•·]\s*){3,}")
_LINK = re.compile(r"https?://[^\s<>()\[\]]+")


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from ..knowledge import data_file

    data = data_file("newsletters.yml")
    return tuple(c.casefold() for c in data.get("footer") or ()), tuple(c.casefold() for c in data.get("chrome") or ())


def without_furniture(text: str) -> str:
    """The message's text without its furniture lines, and without its footer: from the first
    line in its second half holding a footer cue."""
    footer, chrome = _cues()
    lines = [line for line in text.split("\n") if not any(c in line.casefold() for c in chrome)]
    half = sum(len(line) + 1 for line in lines) / 2
    position = 0
    for number, line in enumerate(lines):
        if position >= half and any(c in line.casefold() for c in footer):
            lines = lines[:number]
            break
        position += len(line) + 1
    return "\n".join(lines).strip()


def stories(text: str) -> list[tuple[str | None, str, str | None]]:
    """(headline or None, text, first link or None) of each story of a newsletter; one item,
    the whole text, when it is not cut into several stories by rules."""
    sections = [part.strip() for part in re.split(r"(?m)^" + _RULE_LINE.pattern + r"$", text)]
    found = [part for part in sections if len(part.split()) >= MIN_STORY_WORDS]
    if len(found) < 2:
        return [(None, text, None)]
    out = []
    for part in found:
        first, _, rest = part.partition("\n")
        first = first.strip()
        headline = first if (rest.strip() and len(first.split()) <= MAX_HEADLINE_WORDS
                             and not first.endswith((".", ":", ";", ","))) else None
        link = _LINK.search(part)
        out.append((headline, rest.strip() if headline else part, link.group().rstrip(".,;") if link else None))
    return out


def _message(original: str, data: bytes) -> list[RawDocument | InputError]:
    import email  # (only for mail: every command reads the readers' table)
    import email.policy
    import email.utils

    message = email.message_from_bytes(data, policy=email.policy.default)
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        content = part.get_content() if part is not None else ""
    except (LookupError, KeyError, ValueError, AttributeError) as exc:
        return [InputError(original, f"has a message body that cannot be decoded ({exc})")]
    if part is not None and part.get_content_type() == "text/html":
        content = html_to_text(content, rules=RULE)
    content = without_furniture(content.replace("\r\n", "\n"))
    subject = str(message.get("subject") or "").strip()
    if not content.strip() and not subject:
        return [InputError(original, "is not an e-mail with a subject or a text body")]
    hints: dict[str, object] = {"title": subject}
    sender = message.get("from")
    if sender:
        name, address = email.utils.parseaddr(str(sender))
        hints["source"] = name or address
    try:
        when = email.utils.parsedate_to_datetime(str(message.get("date"))) if message.get("date") else None
        if when:
            hints["date"] = when.date().isoformat()
    except (TypeError, ValueError):
        pass
    found = stories(content)
    if len(found) == 1:
        return [RawDocument(original, content or subject, hints={k: v for k, v in hints.items() if v})]
    documents = []
    for number, (headline, text, link) in enumerate(found, start=1):
        own = {**hints, "title": headline, "url": link}
        documents.append(RawDocument(f"{original}#{number}" if "#" not in original else f"{original}.{number}", text,
                                     hints={k: v for k, v in own.items() if v}))
    return documents


@reader(".eml")
def read_eml(original: str, data: bytes, settings: Settings):
    if not data.strip():
        raise InputError(original, "the file is empty")
    yield from _message(original, data)


@reader(".mbox", max_bytes=MAX_COLLECTION_BYTES)
def read_mbox(original: str, data: bytes, settings: Settings):
    chunks = [c for c in re.split(rb"(?m)^From .*\r?\n", data) if c.strip()]
    if not chunks:
        raise InputError(original, "holds no messages")
    for number, chunk in enumerate(chunks, start=1):
        yield from _message(f"{original}#{number}", chunk)
