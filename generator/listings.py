"""The long listings of index pages under MkDocs: set aside while a page is converted, put back
into the finished page, their links pointing where MkDocs points links.

The generated listings, and the overview of an entity page (the names mentioned with it, its
sources and quotes), are finished HTML lists (see templates/entity.md.j2). Under MkDocs they
are set aside before Markdown conversion and put back into the finished page, so neither
Markdown, the search index nor the theme has to work through thousands of links; the files
in docs/ keep them in full for any other builder. While Markdown converts the page, a listing
is a one-word paragraph (raw HTML, even a comment, costs Python-Markdown far more); in the
converted page, before the search index reads it, that paragraph becomes a comment.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from functools import lru_cache

from mkdocs.utils import get_relative_url

LISTING_START, LISTING_END = '<ul class="briefing-', "</ul>"
PLACEHOLDER = re.compile(r"<!-- briefing-listing-(\d+) -->")
MD_LINK = re.compile(r'href="([^"#:]+\.md)"')


def _url(target: str, page, files) -> str:
    """The URL MkDocs gives the page a listing links to (MkDocs leaves links in raw HTML alone),
    as ``get_relative_url`` has it. A listing page holds hundreds of links to pages in a few
    folders, so the work on folders is done once per folder (``_src_folder``, ``_prefix``)."""
    folder, _, leaf = target.rpartition("/")
    resolved = _src_folder(posixpath.dirname(page.file.src_uri), folder)
    file = None if resolved is None else files.src_uris.get(f"{resolved}/{leaf}" if resolved else leaf)
    if file is None:
        return target
    url_dir, _, last = file.url.rstrip("/").rpartition("/")
    prefix, inside = _prefix(_url_folder(page.url), url_dir)
    if last in ("", ".") or last == inside:  # the home page, or a folder the page's own URL runs through
        return get_relative_url(file.url, page.url)
    return prefix + last + ("/" if file.url.endswith("/") else "")


@lru_cache(maxsize=4096)
def _src_folder(folder: str, target_folder: str) -> str | None:
    """The docs folder ``target_folder`` (relative) names from ``folder``; None when it climbs out."""
    path = posixpath.normpath(posixpath.join(folder, target_folder)) if target_folder else folder
    if path == ".." or path.startswith("../"):
        return None
    return "" if path == "." else path


@lru_cache(maxsize=4096)
def _prefix(here: tuple[str, ...], url_dir: str) -> tuple[str, str | None]:
    """The relative path from the URL folder ``here`` into the URL folder ``url_dir``, ending in
    "/" (or empty), and the part of ``here`` just below ``url_dir`` when ``here`` lies inside it
    (a link to that folder shares more of the way)."""
    parts = [p for p in url_dir.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(here), len(parts)) and here[common] == parts[common]:
        common += 1
    steps = [".."] * (len(here) - common) + parts[common:]
    inside = here[common] if common == len(parts) and len(here) > common else None
    return ("/".join(steps) + "/" if steps else ""), inside


@lru_cache(maxsize=64)
def _url_folder(url: str) -> tuple[str, ...]:
    """The folder a page's URL stands in, as parts (``a/b/`` -> a, b; ``a/b.html`` -> a)."""
    here = [p for p in url.split("/")[:-1] if p not in ("", ".")]
    if "." not in url.rpartition("/")[2]:
        here += [p for p in url.rpartition("/")[2:] if p]
    return tuple(here)


class Listings:
    """The listings set aside from the pages being built (page -> its listings, in order)."""

    def __init__(self) -> None:
        self.stashes: dict[str, list[str]] = {}
        self._token = f"briefing{secrets.token_hex(4)}listing"  # stands for a listing during conversion

    def set_aside(self, markdown: str, page, files) -> str:
        """The page's Markdown with each listing a one-word paragraph, its links resolved."""
        stash: list[str] = []
        pieces, position = [], 0
        while (start := markdown.find(LISTING_START, position)) >= 0:
            end = markdown.find(LISTING_END, start)
            if end < 0:
                break
            end += len(LISTING_END)
            listing = markdown[start:end]
            stash.append(MD_LINK.sub(lambda m: f'href="{_url(m.group(1), page, files)}"', listing))
            pieces += [markdown[position:start], f"\n\n{self._token}{len(stash) - 1}\n\n"]
            position = end
        if stash:
            markdown = "".join(pieces) + markdown[position:]
            self.stashes[page.file.src_uri] = stash
        return markdown

    def as_comments(self, html_text: str, page) -> str:
        """The converted page, each listing's paragraph a comment."""
        stash = self.stashes.get(page.file.src_uri)
        for number in range(len(stash or ())):
            token, comment = f"{self._token}{number}", f"<!-- briefing-listing-{number} -->"
            if f"<p>{token}</p>" in html_text:
                html_text = html_text.replace(f"<p>{token}</p>", comment, 1)
            else:  # a template put the listing inside other text
                html_text = html_text.replace(token, comment, 1)
        return html_text

    def put_back(self, output: str, page) -> str:
        """The finished page, with its listings."""
        stash = self.stashes.pop(page.file.src_uri, None)
        if stash:
            output = PLACEHOLDER.sub(lambda m: stash[int(m.group(1))], output)
        return output
