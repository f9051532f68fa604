"""Event dates stated inside articles, resolved against the article's own date, on the timeline."""

import datetime as dt

import frontmatter
from conftest import build_project
from test_build import page_for

from generator.extract.events import find_events, sentences

DEC_10_2018 = dt.date(2018, 12, 10)  # a Monday


def dates(text, published=DEC_10_2018):
    return [e["date"] for e in find_events(text, published)]


def test_relative_dates_resolve_against_the_article_date():
    assert dates("Huawei is excluded from public procurement starting in April next year.") == ["2019-04"]
    assert dates("Meng Wanzhou was arrested in Vancouver on Dec. 1.") == ["2018-12-01"]
    assert dates("The ministers will meet next Friday.") == ["2018-12-14"]
    assert dates("Officials met on Wednesday.") == ["2018-12-05"]
    assert dates("The company will report on Thursday.") == ["2018-12-13"]
    assert dates("The act was introduced in August.") == ["2018-08"]
    assert dates("Sales fell in February.") == ["2018-02"]
    assert dates("Officials will decide in January.") == ["2019-01"]
    assert dates("The deal closes on 5 March 2019 and talks ended in March 2017.") == ["2019-03-05", "2017-03"]
    assert dates("Die Regel gilt ab März 2019 für alle Betreiber.") == ["2019-03"]  # accented month names


def test_the_article_day_itself_and_words_that_are_no_dates_are_not_events():
    assert dates("Japan decided on a policy Monday.") == []  # the article's own day
    assert dates("Prices may rise; the army will march on.") == []
    assert dates("The 2020 Summer Olympics in Tokyo.") == []


def test_without_the_article_date_only_full_dates_are_placed():
    assert dates("On Dec. 1 it was decided; the vote is on 5 March 2019, the rest in June 2019.", None) == \
        ["2019-03-05", "2019-06"]


def test_sentences_do_not_break_at_abbreviations():
    assert sentences("Mr. Abe met U.S. officials on Dec. 1. They agreed.") == \
        ("Mr. Abe met U.S. officials on Dec. 1.", "They agreed.")


def test_events_on_the_timeline_with_their_source(sample):
    build_project(sample)
    docs = sample / "docs"
    month = (docs / "timeline" / "2018-08.md").read_text(encoding="utf-8")
    assert "## Events" in month and "**2018-08-29**" in month  # "at a news conference Wednesday", article of Fri 31
    assert "[Nikkei Asian Review](../articles/2018/" in month
    # A date the person gives an undated article places the events it states.
    page = page_for(sample, "002_0e11e2dfcb2e0963.txt")
    post = frontmatter.load(page)
    post["date"] = dt.date(2018, 12, 10)
    page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    build_project(sample)
    april = (docs / "timeline" / "2019-04.md").read_text(encoding="utf-8")
    assert "starting in April next year" in april
    timeline = (docs / "timeline.md").read_text(encoding="utf-8")
    assert "[2019-04](timeline/2019-04.md) | 0 | 0 | 1 |" in timeline
