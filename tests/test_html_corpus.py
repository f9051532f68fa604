"""Saved news pages in ../shared/corpus/html: the page text keeps the article and drops the rest,
and titles and dates agree with each page's own metadata (read here independently with lxml)."""

import json
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import SHARED

from generator.extract import extract_article
from generator.read import read_file

ROOT = SHARED / "corpus" / "html"
pytestmark = pytest.mark.skipif(not ROOT.is_dir(), reason="../shared/corpus/html is not present")


@pytest.fixture(scope="module")
def pages(knowledge):
    entries = json.loads((ROOT / "META_SOURCE.selected_evaldata.json").read_text(encoding="utf-8"))
    out = []
    for entry in entries.values():
        article = extract_article(read_file(ROOT / entry["file"], ROOT)[0], knowledge)
        out.append((entry, article))
    return out


def test_main_text_is_kept_and_boilerplate_dropped(pages):
    kept = sum(sum(s in a.body for s in e["with"]) for e, a in pages)
    wanted = sum(len(e["with"]) for e, _ in pages)
    leaked = sum(sum(s in a.body for s in e["without"]) for e, a in pages)
    unwanted = sum(len(e["without"]) for e, _ in pages)
    assert kept / wanted >= 0.90, f"kept {kept}/{wanted}"
    assert leaked / unwanted <= 0.10, f"leaked {leaked}/{unwanted}"


def _own_metadata(path: Path) -> tuple[str | None, str | None]:
    tree = lxml.html.document_fromstring(path.read_text(encoding="utf-8", errors="replace"))

    def meta(*names):
        for name in names:
            found = tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content')
            if found and found[0].strip():
                return found[0].strip()
        return None

    title = meta("og:title", "twitter:title")
    date = meta("article:published_time", "datePublished", "date", "pubdate", "og:published_time")
    if not date:
        for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
            match = re.search(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})', script)
            if match:
                date = match.group(1)
                break
    return title, date


def test_titles_and_dates_match_the_pages_metadata(pages):
    checked = 0
    for entry, article in pages:
        title, date = _own_metadata(ROOT / entry["file"])
        if title:
            assert " ".join(article.title.split()) == " ".join(title.split()), entry["file"]
            checked += 1
        if date:
            assert article.date and article.date.isoformat() == date[:10], entry["file"]
            checked += 1
    assert checked >= 30
