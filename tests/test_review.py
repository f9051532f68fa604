"""The review queue: what a person should check, each item gone once they dealt with it."""

import frontmatter
from conftest import build_project
from test_build import page_for

from generator.extract import extract_article
from generator.indexes.review import outstanding
from generator.read import RawDocument

NO_DATE = "date: not stated in the text"
MADE_UP = "title: made up from the lead sentence"


def test_an_item_goes_once_its_field_is_set_or_changed():
    generated = {"title": "Japan decided on a policy Monday…", "date": None}
    review = [MADE_UP, NO_DATE]
    assert outstanding(review, dict(generated), generated) == review
    assert outstanding(review, dict(generated, date="2018-12-10"), generated) == [MADE_UP]
    assert outstanding(review, dict(generated, title="Japan shuts out Huawei"), generated) == [NO_DATE]
    assert outstanding(review, dict(generated, title="Japan shuts out Huawei"), None) == review  # no record: kept


def review_entry(docs, seed_page):
    rel = seed_page.relative_to(docs).as_posix()
    lines = [l for l in (docs / "review.md").read_text(encoding="utf-8").splitlines() if f'href="{rel}"' in l]
    return lines[0] if lines else None


def test_fixing_a_page_by_hand_takes_it_off_the_review_page(sample):
    build_project(sample)
    docs = sample / "docs"
    page = page_for(sample, "002_0e11e2dfcb2e0963.txt")
    entry = review_entry(docs, page)
    assert MADE_UP in entry and NO_DATE in entry
    post = frontmatter.load(page)
    post["title"] = "Japan shuts Huawei and ZTE out of public procurement"
    page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    build_project(sample)
    entry = review_entry(docs, page)
    assert MADE_UP not in entry and NO_DATE in entry
    post = frontmatter.load(page)
    post["date"] = "2018-12-10"
    page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    build_project(sample)
    assert review_entry(docs, page) is None


def test_possible_duplicates_until_a_person_says_they_are_different_stories(sample):
    build_project(sample)
    docs = sample / "docs"
    first, second = page_for(sample, "001_468776ec45e334ad.txt"), page_for(sample, "003_fbd08bb8052b0ad1.txt")
    for page in (first, second):  # one story already; now the same publication on the same day
        post = frontmatter.load(page)
        post["source"], post["date"] = "Reuters", "2018-12-07"
        page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    build_project(sample)
    later = max(first, second, key=lambda p: p.relative_to(docs).as_posix())
    earlier = min(first, second, key=lambda p: p.relative_to(docs).as_posix())
    entry = review_entry(docs, later)
    assert "possibly the same article as" in entry and earlier.relative_to(docs).as_posix() in entry
    for page, story in ((first, "reuters-report"), (second, "al-quds-retelling")):
        post = frontmatter.load(page)
        post["story"] = story
        page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    build_project(sample)
    assert review_entry(docs, later) is None


def test_guessed_and_corrected_company_names_are_low_confidence_items(knowledge):
    text = ("Zorblax Motors wins a contract\n\nTOKYO, March 3, 2021 - Zorblax Motors said on Tuesday it had won the "
            "order, beating telecoms giant Huawai and Toyota to a deal worth 2 billion yen for the city's buses.")
    article = extract_article(RawDocument(text=text, original="a.txt"), knowledge)
    assert "Zorblax Motors" in article.companies and "Huawei" in article.companies
    assert any(r.startswith("companies: “Zorblax Motors” is uncertain") for r in article.review)
    assert any(r.startswith("companies: “Huawei” is uncertain") and "one letter apart" in r for r in article.review)
    assert not any("Toyota" in r for r in article.review)  # known to the gazetteer


def test_the_review_page_leads_with_decisions_and_names_each_unknown_name_with_its_article(sample):
    build_project(sample)
    review = (sample / "docs" / "review.md").read_text(encoding="utf-8")
    assert review.index('class="briefing-review"') < review.index("## Names seen once")
    line = next(l for l in review.splitlines() if "(person)" in l or "(company)" in l)
    article, names = line.split("): ", 1)
    assert article.startswith("- [") and "(articles/" in article and names.count("](") >= 1, line
