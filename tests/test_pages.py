"""Golden files: the rendered article page and index pages for a small fixed briefing.

Set UPDATE_GOLDEN=1 to rewrite the expected files after an intended change, then review the diff.
"""

import datetime as dt
import os
from pathlib import Path

import frontmatter
import pytest

from generator.article import FRONT_MATTER_ORDER, OMITTED_WHEN_EMPTY, Article
from generator.indexes import Listed, build_indexes
from generator.page import render_page
from generator.page.render import escape_markdown

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def sample_articles():
    first = Article(title="Lisbon weighs curbs on network vendors: a *first* look", date=dt.date(2021, 3, 4),
                    source="Financial Times", countries=["Portugal", "China"], companies=["Huawei", "Altice"],
                    people=["Ana Moreira"], news_orgs=["Financial Times"],
                    summary="Portugal is weighing curbs on <b>network</b> vendors.", language="en", words=42,
                    original="lisbon.txt",
                    body="Portugal is weighing curbs on <b>network</b> vendors.\n\n# Not a heading [link](javascript:x)")
    second = Article(title="Madrid follows", date=None, source=None, countries=["Spain", "China"],
                     companies=["Huawei"], summary="Spain follows.", original="madrid.txt",
                     review=["date: not stated in the text"], body="Spain follows.")
    return first, second


def test_article_page_golden():
    check_golden("article.md", render_page(sample_articles()[0], None))


def test_index_pages_golden():
    first, second = sample_articles()
    listed = [Listed("articles/2021/lisbon.md", first), Listed("articles/undated/madrid.md", second)]
    blocks = build_indexes(listed, "Test briefing", None)
    assert sorted(blocks) == ["companies/altice.md", "companies/huawei.md", "companies/index.md",
                              "countries/china.md", "countries/index.md", "countries/portugal.md",
                              "countries/spain.md", "index.md", "people/ana-moreira.md", "people/index.md",
                              "review.md", "timeline.md", "timeline/2021-03.md", "timeline/undated.md"]
    for rel in ("countries/china.md", "countries/index.md", "companies/huawei.md", "people/ana-moreira.md",
                "index.md", "review.md"):
        check_golden(rel.replace("/", "__"), blocks[rel])


def test_front_matter_keeps_its_order_and_round_trips():
    first = sample_articles()[0]
    post = frontmatter.loads(render_page(first, None))
    assert list(post.metadata) == [k for k in FRONT_MATTER_ORDER if k not in OMITTED_WHEN_EMPTY]
    again = Article.from_metadata(post.metadata)
    assert (again.title, again.date, again.countries, again.companies) == (first.title, first.date, first.countries, first.companies)


def test_empty_date_is_written_empty():
    text = render_page(sample_articles()[1], None)
    assert "\ndate:\n" in text


@pytest.mark.parametrize("raw, shown", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
    ("# heading", "\\# heading"),
    ("1. list", "1\\. list"),
    ("{{ config }}", "\\{\\{ config \\}\\}"),
    ("AT&T", "AT&amp;T"),
    ("  - not a list", "  \\- not a list"),
    ("12) twelve", "12\\) twelve"),
    ("Page 2. Next", "Page 2. Next"),
    ("a line\n 2. two\n+ three", "a line\n 2\\. two\n\\+ three"),
])
def test_escape_markdown(raw, shown):
    assert escape_markdown(raw) == shown


import yaml
from hypothesis import given, settings, strategies as st

from generator.page.front_matter import dump_meta

scalars = st.one_of(st.text(), st.none(), st.integers(), st.booleans(), st.dates())


@settings(max_examples=500, deadline=None)
@given(meta=st.dictionaries(st.sampled_from(["title", "source", "summary", "notes", "date", "words"]),
                            st.one_of(scalars, st.lists(st.text(), max_size=4))))
def test_front_matter_round_trips_through_yaml(meta):
    assert (yaml.safe_load(dump_meta(meta)) or {}) == meta


@pytest.mark.parametrize("text", ["yes", "no", "on", "null", "~", "1e3", "0x1F", "2021-03-04", "12:30", "- dash", "a: b",
                                  "#hash", "trailing ", " leading", "tab\there", "line\nbreak", "sep\u2028line", "q'uote",
                                  '"dq"', "@at", "`tick`", "!tag", "%pct", "&amp", "*star", "[x]", "{y}", "|pipe", ">gt",
                                  "ü ö 日本語 😀", "\x7f\x85\ufeff", "\x00\x1f\ufffe\uffff", "para\u2029graph", "\ud800 lone",
                                  "Ab\u00c0", "\u2028start", "À la une"])
def test_tricky_strings_round_trip(text):
    assert yaml.safe_load(dump_meta({"title": text, "tags": [text]})) == {"title": text, "tags": [text]}



def test_long_listings_are_split_into_linked_pages():
    from generator.indexes import PAGE_SIZE

    many = [Listed(f"articles/2021/a{i:03d}.md", Article(title=f"Story {i:03d}", date=dt.date(2021, 1, 1) + dt.timedelta(days=i),
                                                          countries=["Chile"], companies=["Codelco"], source="El Mercurio",
                                                          original=f"a{i}.txt"))
            for i in range(PAGE_SIZE * 2 + 5)]
    blocks = build_indexes(many, "T", None)
    assert {"countries/chile.md", "countries/chile/2.md", "countries/chile/3.md"} <= set(blocks)
    first, last = blocks["countries/chile.md"], blocks["countries/chile/3.md"]
    assert "Page 1 of 3" in first and "[next →](chile/2.md)" in first
    assert "Page 3 of 3" in last and "[← previous](2.md)" in last and 'href="../../articles/2021/a000.md"' in last

    def listing(block):
        return block.split('<ul class="briefing-articles"')[1].split("</ul>")[0]

    assert listing(first).count("<li>") == PAGE_SIZE and listing(last).count("<li>") == 5
    # The overview is on the first page; the others continue the listing and lead back to it
    assert '<a href="../companies/codelco.md">Codelco</a> (205)' in first and "El Mercurio (205)" in first
    assert "Codelco" not in last.split("<ul")[0] and "Sources:" not in last
    assert "[the first page about Chile](../chile.md)" in last
    assert f"Story {PAGE_SIZE * 2 + 4:03d}" in first  # newest first


def test_an_article_page_opens_with_its_facts():
    article = sample_articles()[0]
    article.url, article.author, article.language = "https://example.com/news/lisbon (1)", "Ana *Reporter*", "pt"
    body = render_page(article, None).split("---\n\n", 1)[1]
    marker, facts, named = body.split("\n\n")[:3]
    assert marker.startswith("<!-- briefing:facts")
    assert facts == ("2021-03-04 · **Financial Times** · by Ana \\*Reporter\\* · Portuguese · "
                     "[Original article](https://example.com/news/lisbon%20%281%29)")
    assert named == ("**Countries:** [Portugal](../../countries/portugal.md), [China](../../countries/china.md) · "
                     "**Companies:** [Huawei](../../companies/huawei.md), [Altice](../../companies/altice.md) · "
                     "**People:** [Ana Moreira](../../people/ana-moreira.md)")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example/a", "not a link"])
def test_only_web_addresses_become_the_link_to_the_original(url):
    article = sample_articles()[0]
    article.url, article.date = url, None
    body = render_page(article, None).split("-->\n\n", 1)[1]
    assert body.startswith("Undated · **Financial Times** · English\n") and "Original article" not in body
