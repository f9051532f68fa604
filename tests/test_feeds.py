"""Atom feeds of the whole briefing and of each country and company, read back with feedparser."""

import feedparser
from conftest import build_project


def test_feeds_parse_and_list_the_articles(sample):
    build_project(sample)
    feeds = sample / "docs" / "feeds"
    everything = feedparser.parse((feeds / "all.xml").read_bytes())
    assert not everything.bozo, everything.get("bozo_exception")
    assert len(everything.entries) == 4
    assert everything.entries[0].title == "Japan scrutinizes China’s Huawei and ZTE over spying fears"  # newest first
    assert everything.entries[0].published.startswith("2018-08-31")
    huawei = feedparser.parse((feeds / "companies" / "huawei.xml").read_bytes())
    kddi = feedparser.parse((feeds / "companies" / "kddi.xml").read_bytes())
    assert len(huawei.entries) == 4 and [e.title for e in kddi.entries] == [
        "The Japanese government will stop buying equipment from Huawei and ZTE China"]
    assert all(e.id.startswith("urn:uuid:") for e in huawei.entries)
    assert len({e.id for e in everything.entries}) == 4
    japan_page = (sample / "docs" / "countries" / "japan.md").read_text(encoding="utf-8")
    assert "[Follow in a feed reader](../feeds/countries/japan.xml)" in japan_page


def test_feed_links_are_absolute_with_a_site_url(sample):
    config = sample / "mkdocs.yml"
    config.write_text("site_url: https://example.org/briefing/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    build_project(sample)
    feed = feedparser.parse((sample / "docs" / "feeds" / "countries" / "japan.xml").read_bytes())
    assert feed.feed.link == "https://example.org/briefing/countries/japan/"
    assert any(l.rel == "self" and l.href == "https://example.org/briefing/feeds/countries/japan.xml" for l in feed.feed.links)
    assert all(e.link.startswith("https://example.org/briefing/articles/") for e in feed.entries)


def test_hostile_titles_stay_text_in_feeds(sample):
    (sample / "articles" / "x.md").write_text("---\ntitle: '<script>alert(1)</script> & Huawei'\ndate: 2021-01-02\n---\n\n"
                                              "Officials said Huawei equipment would be reviewed in Chile next month.\n",
                                              encoding="utf-8")
    build_project(sample)
    raw = (sample / "docs" / "feeds" / "all.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw
    assert feedparser.parse(raw.encode()).entries[0].title == "<script>alert(1)</script> & Huawei"


def test_a_feed_disappears_with_its_entity(sample):
    build_project(sample)
    assert (sample / "docs" / "feeds" / "companies" / "bt.xml").exists()
    (sample / "articles" / "001_468776ec45e334ad.txt").unlink()
    build_project(sample)
    assert not (sample / "docs" / "feeds" / "companies" / "bt.xml").exists()
