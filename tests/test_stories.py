"""Stories: copies of one news report grouped, topics not; a person's `story` key decides."""

from pathlib import Path

import frontmatter
import pytest
from conftest import SHARED, build_project
from test_build import page_for
from test_site_mkdocs import BIN, html, run

from generator.extract import extract_article
from generator.indexes.stories import group
from generator.read import read_file


def extracted(folder: Path, knowledge):
    return {f.name: extract_article(read_file(f, f.parent)[0], knowledge) for f in sorted(folder.glob("*.txt"))}


def test_seed_retellings_of_one_report_are_one_story(knowledge):
    from conftest import REPO

    stories = group(extracted(REPO / "articles", knowledge))
    assert stories["003_fbd08bb8052b0ad1.txt"] == stories["001_468776ec45e334ad.txt"]
    assert len({stories["000_3f33bf3a326c46d7.txt"], stories["001_468776ec45e334ad.txt"],
                stories["002_0e11e2dfcb2e0963.txt"]}) == 3


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(), reason="../shared is not present")
def test_articles_that_merely_share_a_topic_stay_apart(knowledge):
    stories = group(extracted(SHARED / "corpus" / "dev" / "articles", knowledge))
    assert len(set(stories.values())) == len(stories)  # 30 different stories, many about Huawei


def test_a_person_merges_and_splits_stories_by_hand(sample):
    build_project(sample)
    for seed, key in (("000_3f33bf3a326c46d7.txt", "procurement"), ("002_0e11e2dfcb2e0963.txt", "procurement"),
                      ("003_fbd08bb8052b0ad1.txt", "al-quds")):
        page = page_for(sample, seed)
        post = frontmatter.load(page)
        post["story"] = key
        page.write_text(frontmatter.dumps(post, sort_keys=False), encoding="utf-8")
    build_project(sample)
    home = (sample / "docs" / "index.md").read_text(encoding="utf-8")
    assert "**4 articles** in **3 stories**" in home  # {000, 002}, {003}, {001}
    japan = (sample / "docs" / "countries" / "japan.md").read_text(encoding="utf-8")
    assert japan.count("Also reported by") == 1


def test_article_pages_show_also_reported_by(sample):
    run([str(BIN / "mkdocs"), "build", "--strict"], sample)
    page = html(sample / "site", "articles/undated/japanese-government-to-ban-huawei-zte-kit-report/index.html")
    article = page.select_one("article")
    assert "Also reported by" in article.get_text()
    link = article.find("a", string="Al Quds Al Arabi")
    assert link and link["href"].startswith("../the-japanese-government-will-stop-buying")


def test_a_new_report_of_a_story_is_linked_from_the_pages_already_there(sample):
    """The link is in docs/ (any MkDocs-compatible builder shows it), and reaches a page whose
    text a person edited without touching anything else on it."""
    later = sample / "003_fbd08bb8052b0ad1.txt"
    (sample / "articles" / later.name).rename(later)
    build_project(sample)
    page = page_for(sample, "001_468776ec45e334ad.txt")
    edited = page.read_text(encoding="utf-8").replace("Japan", "Japan (checked)", 1)
    edited = edited.replace("\n\n## Quotes", "\n\nMy own paragraph.\n\n## Quotes", 1)
    page.write_text(edited, encoding="utf-8")
    assert "Also reported by" not in edited

    later.rename(sample / "articles" / later.name)
    build_project(sample)
    text = page.read_text(encoding="utf-8")
    other = page_for(sample, "003_fbd08bb8052b0ad1.txt").name
    assert f"**Also reported by:** [Al Quds Al Arabi]({other})" in text
    assert text.replace(text[text.index("**Also reported by"):text.index("<!-- briefing:facts-end")], "") == edited
    assert build_project(sample).written == []  # and the next build knows the page as it left it

    # The copy goes: so does the link, and the person's edits stay.
    (sample / "articles" / later.name).unlink()
    build_project(sample)
    assert page.read_text(encoding="utf-8") == edited
