"""Front matter: the one place a page's or a clipping's ``---`` block becomes a mapping
(``parse``), and a page's mapping and body become its text (``dump``).

Front matter can come from a clipping (untrusted) as well as from a page a person edited, so it
is read with YAML's safe loader and bounded: at most ``MAX_BYTES`` of YAML, and at most
``MAX_VALUES`` values once aliases are expanded (a few hundred bytes of nested aliases otherwise
stand for billions of values, which every later stage would copy). Every problem is one
``InputError`` naming the file and the problem (with its line, where YAML gives one).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache

import frontmatter
import yaml

from ..errors import InputError, yaml_error_line

MAX_BYTES = 512 * 1024  # a generated page with hundreds of quotes holds a few tens of KB
MAX_VALUES = 50_000  # scalars, lists and mappings, counting every alias as the copy it stands for

_HANDLER = frontmatter.YAMLHandler()


def split(text: str, where: str) -> tuple[str | None, str]:
    """The front matter's YAML (None when the text has no ``---`` block) and the body, both as
    python-frontmatter splits them (the text stripped first)."""
    text = text.strip()
    if not _HANDLER.detect(text):
        return None, text
    try:
        yaml_text, body = _HANDLER.split(text)
    except ValueError:
        raise InputError(where, "front matter is not closed: end it with a line of '---'") from None
    return yaml_text, body.strip()


def split_exact(text: str) -> tuple[str, str] | None:
    """(front matter YAML, body) of a page, the body exactly as it is (a merge writes it back
    unchanged); None when the page has no front matter block."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:])
    return None


def load(yaml_text: str, where: str, first_line: int = 1) -> dict:
    """The mapping a front-matter block holds (``{}`` for an empty one); ``first_line`` is the
    file line ``yaml_text`` starts on, for the line in an error."""
    if len(yaml_text) > MAX_BYTES:
        raise InputError(where, f"front matter is {len(yaml_text) // 1024} KB; at most {MAX_BYTES // 1024} KB is read")
    try:
        data = yaml.load(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc, first_line)
        raise InputError(where, "front matter is not valid YAML" + (f" (line {line})" if line is not None else ""),
                         line) from None
    except ValueError as exc:  # a date like 2018-13-45
        raise InputError(where, f"front matter holds an impossible date ({exc})") from None
    except RecursionError:
        raise InputError(where, "front matter is nested too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(where, f"front matter must be a mapping of keys to values, not a {_kind(data)}")
    if _too_many_values(data):
        raise InputError(where, f"front matter stands for more than {MAX_VALUES:,} values (nested aliases?); "
                                "it is not read")
    return data


def parse(text: str, where: str) -> tuple[dict | None, str]:
    """(front matter, body) of a page or a Markdown clipping; front matter None when there is no
    block. Raises ``InputError`` naming ``where`` and the problem."""
    yaml_text, body = split(text, where)
    if yaml_text is None:
        return None, body
    return load(yaml_text, where), body


def _too_many_values(data: object) -> bool:
    """Whether ``data``, walked as the tree it stands for (a shared object counted each time it
    is reached), holds more than ``MAX_VALUES`` values. Stops as soon as it knows."""
    budget = MAX_VALUES
    stack = [data]
    while stack:
        value = stack.pop()
        budget -= 1
        if budget < 0:
            return True
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return False


def _kind(value: object) -> str:
    return {list: "list", str: "text"}.get(type(value), type(value).__name__)


def dump(meta: dict, body: str) -> str:
    """A page's text: its front matter, keys in the given order, then its body."""
    return f"---\n{dump_meta(meta)}---\n\n{body}\n"


class _PageDumper(yaml.SafeDumper):
    """For values of shapes the fast path does not write: ``None`` empty, lists indented."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_PageDumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))

_RESOLVER = yaml.resolver.Resolver()
_as_json = json.JSONEncoder(ensure_ascii=False).encode
_PLAIN_KEY = re.compile(r"[a-z_][a-z0-9_]*")
# What YAML reads as plain text when unquoted: a letter, digit or character of the printable
# ranges first, and none of the characters that mean something to YAML after it.
_PLAIN = re.compile(r"[A-Za-z0-9\u00c0-\u2027\u202a-\ud7ff\ue000-\ufffd]"
                    r"[^:#\"'\\{}\[\],&*!|>%@`\x00-\x1f\x7f-\x9f\u2028\u2029]*")
# Characters YAML will not take raw in a double-quoted scalar (not printable, or line breaks).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=8192, typed=True)  # names, places and dates recur from page to page
def _scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text == text.strip() and \
            _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str":
        return text  # (not a number, a boolean, a date... when read back)
    quoted = _as_json(text)  # a JSON string is a YAML double-quoted scalar
    if quoted.isascii() and "\x7f" not in quoted:
        return quoted  # JSON escaped the other control characters
    return _UNSAFE.sub(lambda m: "\\u%04x" % ord(m.group()) if ord(m.group()) < 0x10000 else "\\U%08x" % ord(m.group()),
                       quoted)


def _is_text_list(value: list | tuple) -> bool:
    """A list of text (and whole numbers): one item a line."""
    return all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value)


@lru_cache(maxsize=64)
def _is_plain_key(key: object) -> bool:
    return isinstance(key, str) and _PLAIN_KEY.fullmatch(key) is not None


def _is_record_list(value: list | tuple) -> bool:
    """Quotes and events: a list of small mappings of text."""
    return bool(value) and all(isinstance(v, dict) and v and all(isinstance(x, str) for x in v.values())
                               and all(map(_is_plain_key, v)) for v in value)


def dump_meta(meta: dict) -> str:
    """YAML for a page's front matter, keys in the given order, written directly for the value
    types pages hold (text, numbers, dates, lists of text) and by PyYAML for anything else."""
    lines = []
    for key, value in meta.items():
        if value is None or isinstance(value, (str, int, dt.date)):  # (bool is an int)
            scalar = _scalar(value)
            lines.append(f"{key}: {scalar}" if scalar else f"{key}:")
        elif isinstance(value, (list, tuple)) and _is_text_list(value):
            lines.append(f"{key}:\n  - " + "\n  - ".join(map(_scalar, value)) if value else f"{key}: []")
        elif isinstance(value, (list, tuple)) and _is_record_list(value):
            lines.append(f"{key}:")
            for record in value:
                first = True
                for k, x in record.items():
                    lines.append(f"{'  - ' if first else '    '}{k}: {_scalar(x)}")
                    first = False
        else:
            lines.append(yaml.dump({key: value}, Dumper=_PageDumper, sort_keys=False, allow_unicode=True,
                                   default_flow_style=False, width=100).rstrip("\n"))
    return "\n".join(lines) + "\n"
