"""Stable, safe, lowercase-hyphenated slugs for file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
