"""E-mail newsletters: a .eml file is one message, a .mbox file many; each becomes an article."""

from __future__ import annotations

import re

from ..config import Settings
from ..errors import InputError
from .document import MAX_COLLECTION_BYTES, RawDocument, reader
from .html import html_to_text


def _message(original: str, data: bytes) -> RawDocument | InputError:
    import email  # (only for mail: every command reads the readers' table)
    import email.policy
    import email.utils

    message = email.message_from_bytes(data, policy=email.policy.default)
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        content = part.get_content() if part is not None else ""
    except (LookupError, KeyError, ValueError, AttributeError) as exc:
        return InputError(original, f"has a message body that cannot be decoded ({exc})")
    if part is not None and part.get_content_type() == "text/html":
        content = html_to_text(content)
    subject = str(message.get("subject") or "").strip()
    if not content.strip() and not subject:
        return InputError(original, "is not an e-mail with a subject or a text body")
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
    return RawDocument(original, content.replace("\r\n", "\n") or subject, hints={k: v for k, v in hints.items() if v})


@reader(".eml")
def read_eml(original: str, data: bytes, settings: Settings):
    if not data.strip():
        raise InputError(original, "the file is empty")
    yield _message(original, data)


@reader(".mbox", max_bytes=MAX_COLLECTION_BYTES)
def read_mbox(original: str, data: bytes, settings: Settings):
    chunks = [c for c in re.split(rb"(?m)^From .*\r?\n", data) if c.strip()]
    if not chunks:
        raise InputError(original, "holds no messages")
    for number, chunk in enumerate(chunks, start=1):
        yield _message(f"{original}#{number}", chunk)
