"""End to end: `briefing build`, then a real `mkdocs build --strict`, then the built HTML."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

BIN = Path(sys.executable).parent


def run(args, cwd):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def built(sample):
    run([str(BIN / "briefing"), "build"], sample)
    result = run([str(BIN / "mkdocs"), "build", "--strict"], sample)
    assert "WARNING" not in result.stderr
    assert "articles/" not in result.stderr  # generated pages are out of the nav on purpose, not listed
    return sample / "site"


def html(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def test_country_page_lists_its_articles_with_working_links(built):
    page = html(built, "countries/japan/index.html")
    assert page.h1.get_text(strip=True).startswith("Japan")
    assert len(page.select("article ul.briefing-articles a[href*='articles/']")) == 4  # 3 stories, 1 copy
    links = [a["href"] for a in page.select("article a[href*='articles/']")]  # quotes link to articles too
    for href in links:
        assert (built / "countries" / "japan" / href / "index.html").resolve().exists(), href
    # The names mentioned with Japan, and the speakers of its quotes, link to their pages
    related = {a.get_text(): a["href"] for a in page.select("article ul.briefing-related a, article ul.briefing-quotes a")}
    assert {"Huawei", "ZTE", "Yoshihide Suga"} <= set(related)
    for href in related.values():
        assert not href.endswith(".md") and (built / "countries" / "japan" / href / "index.html").resolve().exists(), href


def test_company_page_and_indexes(built):
    docomo = html(built, "companies/ntt-docomo/index.html").get_text()
    assert "Japan scrutinizes China’s Huawei and ZTE over spying fears" in docomo
    index = html(built, "companies/index/index.html") if (built / "companies/index/index.html").exists() else html(built, "companies/index.html")
    names = [a.get_text() for a in index.select("article table a")]
    assert names[:2] == ["Huawei", "ZTE"] and "KDDI" in names


def test_navigation_has_sections_not_articles(built):
    nav = html(built, "index.html").select("nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label")
    titles = [n.get_text(" ", strip=True) for n in nav]
    assert any("Countries" in t for t in titles) and any("Companies" in t for t in titles)
    assert not any("Huawei" in t for t in titles)


def test_search_index_contains_the_articles(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Yoshihide Suga" in text and "KDDI" in text
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert any(loc.startswith("articles/undated/") for loc in locations)


def test_html_in_article_text_is_shown_not_run(sample):
    (sample / "articles" / "hostile.txt").write_text(
        "Hostile clipping about Huawei\n\nAugust 2, 2019\n\n"
        "Officials said <script>alert('x')</script> and <img src=x onerror=alert(1)> were found in "
        "a [trap](javascript:alert(1)) and {{ config.site_name }} during the review of equipment.\n", encoding="utf-8")
    run([str(BIN / "briefing"), "build"], sample)
    run([str(BIN / "mkdocs"), "build", "--strict"], sample)
    page = html(sample / "site", "articles/2019/hostile-clipping-about-huawei/index.html")
    body = page.select_one("article")
    assert not body.find("script") and not body.find("img")
    assert not [a for a in body.find_all("a") if a.get("href", "").startswith("javascript")]
    assert "<script>alert('x')</script>" in body.get_text()


def test_plain_mkdocs_build_generates_pages_through_the_plugin(sample):
    result = run([str(BIN / "mkdocs"), "build", "--strict"], sample)  # no `briefing build` first
    assert "briefing: 4 articles" in result.stderr
    assert (sample / "docs" / "countries" / "japan.md").exists()
    page = html(sample / "site", "countries/japan/index.html")
    assert len(page.select("article ul.briefing-articles a[href*='articles/']")) == 4


def test_listing_links_work_without_directory_urls(sample):
    config = sample / "mkdocs.yml"
    config.write_text("use_directory_urls: false\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    run([str(BIN / "briefing"), "build"], sample)
    run([str(BIN / "mkdocs"), "build", "--strict"], sample)
    page = html(sample / "site", "countries/japan.html")
    links = [a["href"] for a in page.select("ul.briefing-articles a")]
    assert len(links) == 4 and all(href.endswith(".html") for href in links)
    for href in links:
        assert (sample / "site" / "countries" / href).resolve().exists(), href


def test_a_page_of_your_own_outside_the_nav_is_still_named(sample):
    run([str(BIN / "briefing"), "build"], sample)
    (sample / "docs" / "notes.md").write_text("# My notes\n", encoding="utf-8")
    result = run([str(BIN / "mkdocs"), "build"], sample)
    assert "notes.md" in result.stderr and "articles/" not in result.stderr


def test_navigation_rendered_once_gives_the_same_site_as_rendering_it_every_time(built):
    # The plugin renders Material's navigation once for the generated pages outside the nav; a
    # build that renders it for every page must produce exactly the same files.
    sample = built.parent
    config = (sample / "mkdocs.yml").read_text(encoding="utf-8")
    assert "reuse_navigation" not in config
    config = config.replace("      articles_dir: articles\n", "      articles_dir: articles\n      reuse_navigation: false\n")
    assert "reuse_navigation: false" in config
    (sample / "mkdocs.yml").write_text(config, encoding="utf-8")
    run([str(BIN / "mkdocs"), "build", "--strict", "-d", "site-every-page"], sample)
    every = sample / "site-every-page"
    files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(every) for p in every.rglob("*") if p.is_file())
    pages = [f for f in files if f.suffix == ".html"]
    assert len([f for f in pages if f.parts[0] in ("articles", "countries", "companies", "people", "timeline")]) > 10
    assert [f for f in files if (built / f).read_bytes() != (every / f).read_bytes()] == []


def test_an_article_page_links_every_name_it_tags_to_that_names_page(sample):
    """Names with accents, signs and other scripts included: each link resolves in the built site."""
    (sample / "articles" / "names.txt").write_text(
        "Nestlé and AT&T sign a deal\n\nMarch 4, 2021\n\n"
        "Nestlé and AT&T signed a supply agreement in Côte d'Ivoire, chief executive Björn Ängström said on "
        "Tuesday, adding that 华为 would not take part in the tender announced by the ministry last month.\n",
        encoding="utf-8")
    run([str(BIN / "briefing"), "build"], sample)
    run([str(BIN / "mkdocs"), "build", "--strict"], sample)
    site = sample / "site"
    page = html(site, "articles/2021/nestle-and-at-t-sign-a-deal/index.html")
    header = page.select("article p")[1]
    links = {a.get_text(): a["href"] for a in header.find_all("a")}
    assert {"Nestlé", "AT&T", "Ivory Coast", "Huawei"} <= set(links), links
    for name, href in links.items():
        target = (site / "articles/2021/nestle-and-at-t-sign-a-deal" / href / "index.html").resolve()
        assert target.exists(), (name, href)
        assert html(site, str(target.relative_to(site))).h1.get_text(strip=True).startswith(name)
