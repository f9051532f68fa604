"""The bundled sample clippings against their gold labels in ../shared/seeds/gold."""

import json

import pytest
from conftest import REPO, SHARED

from generator.extract import extract_article
from generator.read import read_file

GOLD = SHARED / "seeds" / "gold"
pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/seeds is not present")
SEEDS = sorted(p.name for p in (REPO / "articles").glob("*.txt"))


@pytest.fixture(scope="module")
def extracted(knowledge):
    return {name: extract_article(read_file(REPO / "articles" / name, REPO / "articles")[0], knowledge) for name in SEEDS}


def gold(name):
    return json.loads((GOLD / name.replace(".txt", ".json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SEEDS)
def test_countries_and_companies_match_gold_exactly(name, extracted):
    article, labels = extracted[name], gold(name)
    assert sorted(article.countries) == sorted(labels["countries"])
    assert sorted(article.companies) == sorted(labels["companies"])


@pytest.mark.parametrize("name", SEEDS)
def test_stated_title_and_date_match_gold(name, extracted):
    article, labels = extracted[name], gold(name)
    if labels["title"]:
        assert article.title == labels["title"]
    else:
        assert "title: made up from the lead sentence" in article.review
    assert (article.date.isoformat() if article.date else None) == labels["date"]


@pytest.mark.parametrize("name", SEEDS)
def test_news_orgs_are_never_companies(name, extracted):
    article, labels = extracted[name], gold(name)
    assert not set(article.companies) & set(labels["news_orgs"])
    assert set(labels["news_orgs"]) <= set(article.news_orgs)


def test_people_required_by_gold_are_found(extracted):
    for name in SEEDS:
        assert set(gold(name)["people"]) <= set(extracted[name].people), name
