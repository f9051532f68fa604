"""Reading front matter: the one place a page's or a clipping's ``---`` block becomes a mapping.

Front matter can come from a clipping (untrusted) as well as from a page a person edited, so it
is read with YAML's safe loader and bounded: at most ``MAX_BYTES`` of YAML, and at most
``MAX_VALUES`` values once aliases are expanded (a few hundred bytes of nested aliases otherwise
stand for billions of values, which every later stage would copy). Every problem is one
``InputError`` naming the file and the problem (with its line, where YAML gives one).
"""

from __future__ import annotations

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
