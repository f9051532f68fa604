"""Stable, safe, lowercase-hyphenated slugs for file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

MAX_SLUG = 80
# Names Windows refuses as file names, whatever the extension.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)), "index"}


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """``"NTT Docomo"`` -> ``"ntt-docomo"``; accents folded; text in other scripts gets a hash."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    if not slug or len(slug) < 3 and len(text.strip()) > len(slug) * 2:
        # Titles in non-Latin scripts: keep what Latin there is, plus a stable hash of the text.
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug}-{digest}" if slug else digest
    if slug in RESERVED:
        slug = f"{slug}-page"
    return slug


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is free; the result is added to ``taken``."""
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*")


def entity_slug(name: str) -> str:
    """The page of a country, company or person: a slug from the name alone, so an article page
    can link it without knowing the other names of the briefing. A name its slug does not spell
    out ("Nestlé", "AT&T", "习近平") gets a hash of itself too: two names never share a slug
    unless they differ only in capitals or spacing."""
    slug = slugify(name)
    if PLAIN_NAME.fullmatch(name) or slug.endswith(hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]):
        return slug
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}"


@lru_cache(maxsize=65536)  # asked for each company of each article at every index build
def company_key(name: str) -> str:
    """What one company's names share across a briefing: the name without its legal form
    ("Altara Industries Corp." and "Altara Industries Holdings" are "Altara Industries"). Its
    page is named by it, so each article links to the one page, whatever form it wrote."""
    from ..knowledge import without_legal_form  # (its data only when a company is named)

    return without_legal_form(name)


def entity_page_slug(kind_field: str, name: str) -> str:
    """The slug of a name's page: ``entity_slug``, of the ``company_key`` for a company."""
    return entity_slug(company_key(name) if kind_field == "companies" else name)
