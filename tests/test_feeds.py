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


def test_feeds_lead_with_what_entered_the_briefing_last_undated_included(sample, monkeypatch):
    """A reader of the feed learns of an old clipping added today, and of one with no date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14: the sample's first build
    build_project(sample)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710000000")  # 2024-03-09: two clippings added later
    (sample / "articles" / "old.txt").write_text(
        "Huawei wins a tender in 2015\n\nMarch 2, 2015\n\nHuawei won a tender to supply equipment to a Japanese "
        "operator, officials said on Monday, in a deal that was later reviewed by the ministry.\n", encoding="utf-8")
    (sample / "articles" / "undated.txt").write_text(
        "Huawei opens a lab\n\nHuawei opened a research lab in Japan, spokesman Taro Yamada said, adding that "
        "the company would hire engineers from local universities over the next two years.\n", encoding="utf-8")
    build_project(sample)
    everything = feedparser.parse((sample / "docs" / "feeds" / "all.xml").read_bytes())
    titles = [e.title for e in everything.entries]
    assert set(titles[:2]) == {"Huawei wins a tender in 2015", "Huawei opens a lab"}, titles
    assert all(e.updated.startswith("2024-03-09") for e in everything.entries[:2])
    old = next(e for e in everything.entries if e.title.startswith("Huawei wins"))
    assert old.published.startswith("2015-03-02")  # the article's own date stays its date
    page = next((sample / "docs" / "articles" / "2015").glob("*.md")).read_text(encoding="utf-8")
    assert "\nadded: 2024-03-09\n" in page
    first = next((sample / "docs" / "articles" / "2018").glob("*.md")).read_text(encoding="utf-8")
    assert "\nadded: 2023-11-14\n" in first  # the first build's day, kept


def test_each_person_has_a_feed(sample):
    build_project(sample)
    feed = feedparser.parse((sample / "docs" / "feeds" / "people" / "yoshihide-suga.xml").read_bytes())
    assert not feed.bozo and feed.entries
    page = (sample / "docs" / "people" / "yoshihide-suga.md").read_text(encoding="utf-8")
    assert "[Follow in a feed reader](../feeds/people/yoshihide-suga.xml)" in page
