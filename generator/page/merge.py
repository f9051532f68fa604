"""Three-way merge of an article page: what the generator last wrote (the base), the page as a
person left it, and what the generator would write now.

Field by field, the person wins: a front-matter key the person changed, added or removed stays as
they left it; a key they did not touch takes the new value. Only the lines of a refreshed key
change: the rest of the front matter (comments, key order, line breaks) stays byte for byte
(ruamel.yaml's round trip where lines cannot be swapped safely). The body is the person's once
they edited it, except its facts block while that is as the generator wrote it (``facts.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from ..errors import InputError
from . import facts, front_matter

if TYPE_CHECKING:
    from ruamel.yaml import YAML

MISSING = object()


@dataclass
class Snapshot:
    """What the generator wrote last time: front matter as plain values, the body's hash, and
    the hash of the facts block it put on the page (``facts.py``; "" when none)."""

    meta: dict
    body_sha: str
    facts: str = ""

    def to_json(self) -> dict:
        data = {"meta": self.meta, "body": self.body_sha}
        if self.facts:
            data["facts"] = self.facts
        return data

    @classmethod
    def from_json(cls, data: dict | None) -> "Snapshot | None":
        if not data or "meta" not in data:
            return None
        return cls(dict(data["meta"]), str(data.get("body", "")), str(data.get("facts", "")))


@dataclass
class Merged:
    text: str
    kept_fields: list[str] = field(default_factory=list)  # fields the person set, left alone
    kept_body: bool = False
    body: str | None = None  # the generated body written, when it is not the one asked for
    facts: str = ""  # the digest of the generator's facts block on the page ("" when none)

    @property
    def edited(self) -> bool:
        return bool(self.kept_fields) or self.kept_body


def plain(value):
    """A front-matter value in comparable, JSON-friendly form."""
    kind = type(value)
    if kind is str:  # most values, and every item of most lists: asked first
        return value
    if kind is list and all(type(v) is str for v in value):
        return list(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def body_sha(body: str) -> str:
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()


COMMENTS = "(comments)"
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")
_COMMENT = re.compile(r"(?:^|\s)#")


def has_comments(yaml_text: str) -> bool:
    """Whether front matter holds a YAML comment (on its own line or after a value); a "#"
    inside a quoted value is none. The generator writes none."""
    return any(_COMMENT.search(_QUOTED.sub("", line)) for line in yaml_text.split("\n") if "#" in line)


def snapshot_of(meta: dict, body: str, facts_digest: str | None = None) -> Snapshot:
    """What the generator wrote: ``meta`` and ``body``, and the digest of the facts block it
    left on the page (by default, the one of ``body``)."""
    return Snapshot(plain(meta), body_sha(body), facts.digest(body) if facts_digest is None else facts_digest)


def _round_trip() -> YAML:
    from ruamel.yaml import YAML  # (only to merge a page a person edited: not at every command's start)

    handler = YAML()
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 1 << 30  # a long value stays on its line, as the generator wrote it
    handler.preserve_quotes = True
    return handler


def _field_changes(base: Snapshot | None, current_meta: dict, new_meta: dict) -> tuple[list[str], dict[str, object]]:
    """The fields that are the person's (changed, added or removed by them), and the new values
    of the fields they left as the generator wrote them."""
    base_meta = base.meta if base else {}
    kept: list[str] = []
    updates: dict[str, object] = {}
    for key, new_value in new_meta.items():
        base_value = base_meta.get(key, MISSING) if base else MISSING
        if key in current_meta:
            if base is not None and plain(current_meta[key]) == base_value:
                if plain(current_meta[key]) != plain(new_value):
                    updates[key] = new_value
            elif plain(current_meta[key]) != plain(new_value):
                kept.append(key)
        elif base is not None and base_value is MISSING:
            updates[key] = new_value  # a field the generator did not write before
        elif base is not None:
            kept.append(key)  # the person removed it
    kept += [k for k in current_meta if k not in new_meta and (base is None or k not in base_meta)]
    return kept, updates


# A top-level key of block-style YAML: at the start of a line, neither a comment, a list item
# (YAML allows them unindented under their key) nor a document marker.
_TOP_KEY = re.compile(r"(?!-\s|-$|#|\.\.\.|---)[^\s].*?:(?:\s|$)")


def _spliced(fm_text: str, updates: dict[str, object]) -> str | None:
    """The person's front matter with the lines of each updated key replaced by the generator's
    own lines for its new value, and every other line exactly as it was: a one-field edit gives
    a one-field diff. None when that cannot be done safely (a key's lines hold a comment, or the
    result does not read back as intended)."""
    lines = fm_text.rstrip("\n").split("\n")
    starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    blocks = {}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # blank and comment lines before the next key are left where they are
        try:
            key = next(iter(yaml.safe_load(lines[start].split(":", 1)[0] + ": ")))
        except (yaml.YAMLError, TypeError, StopIteration):
            return None
        blocks[key] = (start, end)
    out = list(lines)
    for key, value in sorted(updates.items(), key=lambda kv: -blocks.get(kv[0], (len(lines),))[0]):
        if key not in blocks:
            continue
        start, end = blocks[key]
        if has_comments("\n".join(lines[start:end])):
            return None
        out[start:end] = _lines(key, value)
    out += [line for key, value in updates.items() if key not in blocks for line in _lines(key, value)]
    text = "\n".join(out) + "\n"
    try:
        before, after = yaml.safe_load(fm_text) or {}, yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return None
    if plain(after) != plain({**before, **updates}):
        return None
    return text


def _lines(key: str, value: object) -> list[str]:
    return front_matter.dump_meta({key: value}).rstrip("\n").split("\n")


def _updated(fm_text: str, updates: dict[str, object]) -> str | None:
    """The person's front matter with ``updates`` made in place, their comments, key order and
    line breaks kept; None when the round trip cannot read it."""
    spliced = _spliced(fm_text, updates)
    if spliced is not None:
        return spliced
    from ruamel.yaml.error import YAMLError as RuamelError

    try:
        handler = _round_trip()
        document = handler.load(fm_text)
        for key, value in updates.items():
            document[key] = value
        out = io.StringIO()
        handler.dump(document, out)
        return out.getvalue()
    except RuamelError:
        return None


def merge_page(base: Snapshot | None, current: str, new_meta: dict, new_body: str, render_new,
               body_for=None) -> Merged:
    """The page to write, given the page on disk and what the generator would write now.

    ``render_new()`` gives the generator's full page text, used when the person changed nothing.
    ``body_for(meta)``, when given, renders the generated body for the merged front matter (the
    body shows front-matter values, such as quotes, that the person may have corrected).
    Without a base (no record of what was generated), every field of the current page that differs
    from the new value counts as the person's.
    """
    parts = front_matter.split_exact(current)
    if parts is None:
        return Merged(current, kept_fields=["(whole page: no front matter)"], kept_body=True)
    fm_text, body = parts
    try:
        current_meta = front_matter.load(fm_text, "page")
    except InputError as exc:  # the page scan reports it
        return Merged(current, kept_fields=[f"(whole page: {exc.problem})"], kept_body=True)

    kept, updates = _field_changes(base, current_meta, new_meta)
    # Without a record (a build killed before it saved one), a page identical to what the
    # generator writes now is the generator's own.
    body_is_theirs = body_sha(body) != (base.body_sha if base else body_sha(new_body))
    if not kept and has_comments(fm_text):
        kept = [COMMENTS]  # the only change may be a comment: the page goes through the round trip, which keeps it
    if not kept and not body_is_theirs:
        return Merged(render_new(), facts=facts.digest(new_body))
    shown = body_for({**current_meta, **updates}) if kept and body_for is not None else None
    generated = shown or new_body
    if body_is_theirs:
        # Their text stays; the facts block in it is refreshed while it is as the generator left it.
        fresh = facts.refreshed(body, generated, base.facts if base else "")
        new_body_text, facts_digest = fresh or (body, base.facts if base else "")
    else:
        new_body_text, facts_digest = "\n" + generated.strip() + "\n", facts.digest(generated)
    if not updates and new_body_text == body:
        return Merged(current, kept_fields=kept, kept_body=body_is_theirs, facts=facts_digest)
    front = _updated(fm_text, updates)
    if front is None:
        return Merged(current, kept_fields=kept or ["(front matter)"], kept_body=body_is_theirs,
                      facts=base.facts if base else "")
    return Merged(f"---\n{front}---\n{new_body_text}", kept_fields=kept, kept_body=body_is_theirs,
                  body=shown if shown != new_body else None, facts=facts_digest)
