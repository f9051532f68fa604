"""The publication a clipping came from: a masthead line, a headline suffix, or a wire credit."""

from __future__ import annotations

import re
from functools import lru_cache

from ..clean import Line
from ..knowledge import Knowledge
from .dates import find_dates
from .header import META_WORDS, Header, byline_names

_SEPARATOR = re.compile(r"\s*[|•·]\s*")
_HAS_SEPARATOR = re.compile(r"[|•·]")  # (the separator opens with spaces: it would be tried at every position)


@lru_cache(maxsize=4096)  # date and masthead lines recur from clipping to clipping
def _strip_meta(text: str) -> str:
    for found in reversed(find_dates(text)):
        text = text[: found.start] + " " + text[found.end:]
    return " ".join(META_WORDS.sub(" ", text).split())


def masthead_candidates(header: Header, knowledge: Knowledge) -> list[tuple[Line, str]]:
    """(line, publication) for header lines that name a publication and nothing else of note."""
    found = []
    for line in header.lines:
        if byline_names(line.text):
            continue
        segments = _SEPARATOR.split(line.text) if _HAS_SEPARATOR.search(line.text) else [line.text]
        for segment in segments:
            name = _strip_meta(segment).strip(" ,;-–—")
            if not name or len(name.split()) > 5:
                continue
            canonical = knowledge.canonical_name("news_org", name)
            if canonical:
                found.append((line, canonical))
                break
            words = name.split()
            if line in header.meta_lines and len(words) >= 2 and all(w[:1].isupper() for w in words) \
                    and not any(w in knowledge.not_mastheads for w in words):
                found.append((line, name))
                break
    return found


def publication_name(text: str, knowledge: Knowledge) -> str | None:
    return knowledge.canonical_name("news_org", text) or _site_publication(text, knowledge)


@lru_cache(maxsize=4)
def _squashed(knowledge: Knowledge) -> dict[str, str]:
    """Known publications by their names without spaces or punctuation ("theguardian")."""
    table: dict[str, str] = {}
    for (kind, folded), name in sorted(knowledge.canonical.items()):
        if kind == "news_org":
            table.setdefault(re.sub(r"[\W_]+", "", folded), name)
    return table


def _site_publication(text: str, knowledge: Knowledge) -> str | None:
    """The publication a site's host names ("reuters.com", "theguardian.com", "edition.cnn.com"):
    a label of the host that is a known publication's name written without spaces."""
    host = text.strip().lower()
    if " " in host or "." not in host or not host.isascii():
        return None
    table = _squashed(knowledge)
    labels = host.removeprefix("www.").split(".")
    for label in labels[:-1]:  # never the last: a country or generic suffix
        name = table.get(re.sub(r"[\W_]+", "", label))
        if name:
            return name
    return None
