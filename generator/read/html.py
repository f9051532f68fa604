"""Saved web pages: main text and metadata with trafilatura (which uses htmldate for dates)."""

from __future__ import annotations

import re

from ..config import Settings
from ..errors import InputError
from .document import RawDocument, reader

MIN_WORDS = 8  # fewer words than this is a menu or an error page, not an article
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
              "section", "article", "header", "footer", "pre", "hr"}


def html_to_text(fragment: str, rules: str | None = None) -> str:
    """Text of an HTML fragment (a feed entry, an e-mail), one paragraph per block element;
    ``rules``, when given, is the paragraph a horizontal rule becomes (where a newsletter ends
    one story).

    Scripts, styles and comments are dropped; nothing of the markup survives."""
    import lxml.html
    from lxml import etree

    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for bad in root.xpath("//script|//style|//noscript|//template|//iframe|//object"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str):  # comments, processing instructions
            if node.tail:
                parts.append(node.tail)
            return
        block = node.tag.lower() in BLOCK_TAGS
        if block:
            parts.append("\n\n")
        if rules and node.tag.lower() == "hr":
            parts.append(rules)
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n\n")
        if node.tail:
            parts.append(node.tail)

    walk(root)
    text = "".join(parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


PUBLISHED_META = ("article:published_time", "og:article:published_time", "datePublished", "date", "pubdate",
                  "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created")


def own_publication_date(data: bytes) -> str | None:
    """The publication date a page states about itself: JSON-LD ``datePublished``, else the usual
    meta tags. (htmldate, behind trafilatura, prefers the date of the last update.)"""
    import json

    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return None
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            found = _ld_date(json.loads(script))
        except (ValueError, RecursionError):
            found = None
        if found:
            return found
    for name in PUBLISHED_META:
        for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'):
            if re.match(r"\d{4}-\d{2}-\d{2}", value.strip()):
                return value.strip()[:10]
    return None


def _ld_date(value) -> str | None:
    if isinstance(value, list):
        return next((d for d in (_ld_date(v) for v in value) if d), None)
    if isinstance(value, dict):
        stated = value.get("datePublished")
        if isinstance(stated, str) and re.match(r"\d{4}-\d{2}-\d{2}", stated):
            return stated[:10]
        return _ld_date(value.get("@graph"))
    return None


@reader(".html", ".htm", ".xhtml", requires="trafilatura")
def read_html(original: str, data: bytes, settings: Settings):
    import trafilatura

    if not data.strip():
        raise InputError(original, "the file is empty")
    text = trafilatura.extract(data, include_comments=False, include_tables=True, deduplicate=True)
    if not text or len(text.split()) < MIN_WORDS:
        raise InputError(original, "no article text found in the page")
    meta = trafilatura.extract_metadata(data, date_config={"original_date": True, "extensive_search": False})
    hints: dict[str, object] = {}
    if meta is not None:
        for key, value in (("title", meta.title), ("date", meta.date), ("source", meta.sitename),
                           ("url", meta.url), ("author", meta.author), ("language", getattr(meta, "language", None))):
            if value:
                hints[key] = value
    stated = own_publication_date(data)
    if stated:
        hints["date"] = stated
    yield RawDocument(original, text, hints=hints)
