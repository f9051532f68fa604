"""The plugin's listing links point where MkDocs would point them, with and without directory URLs."""

import posixpath

import pytest
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.listings import _url

PAGES = ["index.md", "countries/index.md", "countries/china.md", "countries/china/2.md",
         "articles/2023/x.md", "articles/2023/z.md", "articles/undated/y.md", "review.md", "timeline.md",
         "timeline/2018-01.md", "countries/china/3.md", "people/wei.md"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_listing_links_match_mkdocs(directory_urls):
    files = Files([File(src, "docs", "site", directory_urls) for src in PAGES])
    for src in PAGES:
        page = Page(None, files.src_uris[src], {})
        for target in PAGES:
            link = posixpath.relpath(target, posixpath.dirname(src) or ".")
            assert _url(link, page, files) == get_relative_url(files.src_uris[target].url, page.url), (src, target)
    page = files.src_uris["review.md"].page
    assert _url("../outside.md", page, files) == "../outside.md"  # not a page of the site: left as written
    assert _url("missing.md", page, files) == "missing.md"
