"""The plugin's listing links point where MkDocs would point them, with and without directory URLs."""

import posixpath
from types import SimpleNamespace

import pytest
from mkdocs.utils import get_relative_url

from generator.plugin import _url

PAGES = ["index.md", "countries/index.md", "countries/china.md", "countries/china/2.md",
         "articles/2023/x.md", "articles/undated/y.md", "review.md", "timeline/2018-01.md"]


def url_of(src: str, directory_urls: bool) -> str:
    stem = src.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


@pytest.mark.parametrize("directory_urls", [True, False])
def test_listing_links_match_mkdocs(directory_urls):
    files = {src: SimpleNamespace(url=url_of(src, directory_urls)) for src in PAGES}
    lookup = SimpleNamespace(get_file_from_path=files.get)
    for src in PAGES:
        page = SimpleNamespace(file=SimpleNamespace(src_uri=src), url=url_of(src, directory_urls))
        for target in PAGES:
            link = posixpath.relpath(target, posixpath.dirname(src) or ".")
            assert _url(link, page, lookup) == get_relative_url(files[target].url, page.url), (src, target)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="review.md"), url=url_of("review.md", directory_urls))
    assert _url("../outside.md", page, lookup) == "../outside.md"  # not a page of the site: left as written
    assert _url("missing.md", page, lookup) == "missing.md"
