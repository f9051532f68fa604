"""Extraction on small clippings written for these tests: title, date, source, entities."""

import datetime as dt

import pytest

from generator.extract import REVIEW_NO_DATE, REVIEW_TITLE, extract_article
from generator.knowledge import strip_legal_suffixes
from generator.read import RawDocument

LEAD = ("Regulators in several countries are reviewing the purchase of network equipment, "
        "officials familiar with the matter said on Tuesday, citing security concerns.")


def extract(text, knowledge, given=None):
    return extract_article(RawDocument("clip.txt", text, given or {}), knowledge)


def test_headline_date_line_and_masthead(knowledge):
    text = f"print PRINT\n\nTECH > Telecoms\n\nLisbon weighs curbs on network vendors\n\n  • March 4, 2021\n  • , Financial Times , 9:15 a.m.\n\n{LEAD}"
    a = extract(text, knowledge)
    assert a.title == "Lisbon weighs curbs on network vendors"
    assert a.date.isoformat() == "2021-03-04"
    assert a.source == "Financial Times"
    assert a.review == []
    assert "print" not in a.body.casefold().split()


def test_headline_suffix_names_the_publication(knowledge):
    a = extract(f"Ministers back new chip rules – Gulf News\n\n6 hours ago\n\n{LEAD}", knowledge)
    assert (a.title, a.source) == ("Ministers back new chip rules", "Gulf News")
    assert a.date is None and REVIEW_NO_DATE in a.review


def test_generic_suffix_stays_in_the_title(knowledge):
    a = extract(f"Ministers To Back New Chip Rules – Report\n\n{LEAD}", knowledge)
    assert a.title == "Ministers To Back New Chip Rules – Report"


def test_section_suffix_is_dropped(knowledge):
    a = extract(f"Ministers back new chip rules | Economy\n\n{LEAD}", knowledge)
    assert a.title == "Ministers back new chip rules"


def test_missing_headline_is_made_up_and_flagged(knowledge):
    a = extract(f"• Kyodo\n\n{LEAD}", knowledge)
    assert a.source == "Kyodo"
    assert a.title.startswith("Regulators in several countries")
    assert len(a.title) <= 91
    assert REVIEW_TITLE in a.review and REVIEW_NO_DATE in a.review


def test_wire_credit_in_the_dateline_is_the_fallback_source(knowledge):
    a = extract(f"Vendors face scrutiny\n\nOSLO (Reuters) – {LEAD}", knowledge)
    assert a.source == "Reuters"
    assert "Reuters" in a.news_orgs and "Reuters" not in a.companies


def test_event_dates_in_the_story_are_not_publication_dates(knowledge):
    a = extract(f"Vendors face scrutiny\n\n{LEAD}\n\nThe deal lapsed on August 15, 2023, the company said in a statement to investors.", knowledge)
    assert a.date is None


def test_crawler_date_is_used_when_nothing_else_states_one(knowledge):
    a = extract(f" date 2023-08-17 {LEAD}", knowledge)
    assert a.date.isoformat() == "2023-08-17"
    assert extract(f" date 2023-08 {LEAD}", knowledge).date is None


def test_front_matter_given_in_markdown_wins(knowledge):
    a = extract(f"Vendors face scrutiny\n\n{LEAD}", knowledge,
                given={"title": "My title", "date": "2020-01-02", "countries": ["Chile"], "tags": ["x"]})
    assert a.title == "My title" and a.date.isoformat() == "2020-01-02"
    assert a.countries == ["Chile"] and a.extra["tags"] == ["x"]
    assert a.review == []


@pytest.mark.parametrize("sentence, countries", [
    ("Chinese and Japanese officials met in Geneva.", ["China", "Japan"]),
    ("Beijing said Tokyo and Washington were wrong.", ["China", "Japan", "United States"]),
    ("The U.S. and the U.K. agreed; the US and the UK signed.", ["United States", "United Kingdom"]),
    ("The Kremlin replied to London's decision.", ["Russia", "United Kingdom"]),
    ("Dutch, Swedish and South Korean firms bid.", ["Netherlands", "Sweden", "South Korea"]),
    ("A plant in New Mexico was sold for US$5 billion.", []),
    ("Korean Air flew over the Indian Ocean.", []),
    ("Brussels and the European Commission objected.", []),
    ("Die deutsche Regierung und Frankreich einigten sich.", ["Germany", "France"]),
    ("Le groupe chinois et Deutsche Telekom ont signé.", ["China"]),
    ("美國商務部與中國大陸談判。", ["United States", "China"]),
    ("미국 국무부는 한국에 말했다.", ["United States", "South Korea"]),
])
def test_countries(sentence, countries, knowledge):
    a = extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge)
    assert a.countries == countries


@pytest.mark.parametrize("sentence, companies", [
    ("Huawei Technologies Co. and ZTE Corp. were named.", ["Huawei", "ZTE"]),
    ("NTT DoCoMo Inc. and SoftBank Group Corp. ran trials.", ["NTT Docomo", "SoftBank"]),
    ("Softbank and Docomo have not replied.", ["SoftBank", "NTT Docomo"]),
    ("Zentrix Corp. and Morvale Holdings Ltd. signed a deal.", ["Zentrix", "Morvale"]),  # names that stand alone
    ("Velantis Co., Ltd. and Quorbel  Inc. shipped parts to Plainc.", ["Velantis", "Quorbel"]),
    ("Reuters and Bloomberg reported the Commerce Department's move.", []),
    ("The National Defense Authorization Act and the Cabinet Office.", []),
    ("ファーウェイと华为と화웨이.", ["Huawei"]),
    ("Drone maker Skyvane and telecoms giant Vodafone signed.", ["Skyvane", "Vodafone"]),
    ("Another provider, Rostelcom, said it had blocked the site.", ["Rostelecom"]),
    ("Orbit Motors and Kestrel Airlines bought Widgetly.com shares.", ["Orbit Motors", "Kestrel Airlines", "Widgetly.com"]),
    ("TikTok was banned.", ["TikTok"]),
    ("TikTok, owned by ByteDance, was banned.", ["ByteDance"]),
])
def test_companies(sentence, companies, knowledge):
    a = extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge)
    assert a.companies == companies


@pytest.mark.parametrize("sentence, people", [
    ("Chief Cabinet Secretary Ana Moreira said the plan was sound.", ["Ana Moreira"]),
    ("Foreign ministry spokesman Li Wenhao told reporters it was unfair.", ["Li Wenhao"]),
    ("“It is safe,” Tomas Varga said at a news conference.", ["Tomas Varga"]),
    ("Police arrested Clara Haldane, the chief financial officer of the firm.", ["Clara Haldane"]),
    ("The administration of U.S. President Donald Trump acted.", ["Donald Trump"]),
    ("New Zealand and South Korea said nothing.", []),
    ("Orbit Motors said it would appeal.", []),
    ("“We will bid,” said Balo Teshome, director-general of the agency.", ["Balo Teshome"]),
    ("O presidente da companhia, Jean Paulo Prado, falou.", ["Jean Paulo Prado"]),
    ("après une réunion avec le ministre français de l'Economie, Bruno Le Marchand, en juillet", ["Bruno Le Marchand"]),
])
def test_people(sentence, people, knowledge):
    a = extract(f"Headline here\n\n{LEAD}\n\n{sentence}", knowledge)
    assert a.people == people


def test_boilerplate_does_not_yield_entities(knowledge):
    text = f"Headline here\n\n{LEAD}\n\n  • Ambassador\n  • Ukraine\n  • Trending Japan"
    assert extract(text, knowledge).countries == []


def test_every_value_says_where_it_came_from(knowledge):
    a = extract(f"Headline here\n\n{LEAD} Beijing objected, and Huawei Technologies Co. declined to comment.", knowledge)
    assert "Beijing" in a.provenance["country:China"]
    assert "Huawei Technologies" in a.provenance["company:Huawei"]
    assert a.provenance["title"] == "headline line"


def test_language_and_word_count(knowledge):
    a = extract("Die Regierung einigt sich\n\nDie Ampel-Regierung hat sich auf den Umgang mit Komponenten "
                "chinesischer Hersteller für das künftige Mobilfunknetz geeinigt, erfuhr die Agentur.", knowledge)
    assert a.language == "de"
    assert a.words == 19


def test_publications_named_like_newspapers_are_news_orgs(knowledge):
    a = extract(f"Headline here\n\n{LEAD}\n\nThe Aspen Valley Times said the mayor, Dana Whitcombe, had resigned.", knowledge)
    assert "Aspen Valley Times" in a.news_orgs
    assert "Aspen Valley Times" not in a.people and "Aspen Valley Times" not in a.companies
    assert a.people == ["Dana Whitcombe"]


def test_generic_words_are_not_mastheads(knowledge):
    a = extract(f"Latest News | May 3, 2022\n\nVendors face scrutiny\n\n{LEAD}", knowledge)
    assert a.source is None and a.news_orgs == []


def test_listed_companies_extend_the_gazetteer_without_common_words(knowledge):
    a = extract(f"Headline here\n\n{LEAD}\n\nAcadia Healthcare and Abbott Laboratories bought a Target store "
                "near the SCREEN ACTORS GUILD building.", knowledge)
    assert a.companies == ["Acadia Healthcare", "Abbott Laboratories"]
    assert "pytickersymbols" in a.provenance["company:Acadia Healthcare"]


@pytest.mark.parametrize("name, bare", [
    ("Huawei Technologies Co., Ltd.", "Huawei Technologies"),  # every suffix, the longest first
    ("Siemens AG", "Siemens"),
    ("AG", "AG"),  # never the whole name
    ("X Inc.", "X Inc."),  # nor all but one letter
    ("Ltd. Co", "Ltd."),
])
def test_legal_suffixes_are_stripped_from_the_end(name, bare, knowledge):
    assert strip_legal_suffixes(name, knowledge.legal_suffixes) == bare


def test_a_batch_extracts_each_clipping_as_if_alone_and_keeps_a_failure_to_its_clipping(knowledge, monkeypatch):
    import generator.extract as extraction
    from generator.errors import InputError
    from generator.extract import extract_articles

    texts = {
        "lisbon.txt": f"Lisbon weighs curbs on network vendors\n\nMarch 4, 2021\n\n{LEAD} Ana Costa of Vodafone said "
                      "the review would take months.",
        "nav.txt": "Home | World | Business | Sport\n\nSubscribe\n\nSign in",
        "broken.txt": f"Tokyo reviews its suppliers\n\nMay 2, 2019\n\n{LEAD} QUOTE-TRAP",
        "seoul.txt": f"Seoul backs Samsung chip plan\n\nJune 9, 2020\n\n{LEAD}\n\n“We will invest in new chip lines for "
                     "a decade,” said Lee Jae-yong, the chairman of Samsung.",
    }
    docs = [RawDocument(name, text) for name, text in texts.items()]
    alone = {doc.original: extract_article(doc, knowledge) for doc in docs if doc.original != "broken.txt"}

    real = extraction.find_quotes

    def fails_on_one(body, *args):
        if "QUOTE-TRAP" in body:
            raise RuntimeError("a bug met on one odd input")
        return real(body, *args)

    monkeypatch.setattr(extraction, "find_quotes", fails_on_one)
    monkeypatch.setattr(extraction, "BATCH", 3)  # two batches: the failure in the first
    results = dict(zip(texts, extract_articles(docs, knowledge)))
    for name in ("lisbon.txt", "seoul.txt"):
        assert results[name].metadata() == alone[name].metadata() and results[name].body == alone[name].body
    assert results["seoul.txt"].quotes[0]["speaker"] == "Lee Jae-yong"  # each step ran for it
    assert results["lisbon.txt"].companies == ["Vodafone"] and results["lisbon.txt"].countries == ["Portugal"]
    assert isinstance(results["broken.txt"], InputError)
    assert str(results["broken.txt"]) == "broken.txt: could not be processed (RuntimeError: a bug met on one odd input)"
    assert str(results["nav.txt"]) == "nav.txt: holds no article text, only navigation or boilerplate"


def test_the_name_before_a_legal_suffix():
    from generator.extract.companies import _name_before

    text = "Shares of the Orbit Kestrel Widget Holdings rose"
    assert _name_before(text, text.index(" Holdings")) == ("Orbit Kestrel Widget", 14)
    text = "Shares of eBay Orbit Kestrel Widget Holdings rose"  # four words at most
    assert _name_before(text, text.index(" Holdings")) == ("Bay Orbit Kestrel Widget", 11)
    assert _name_before("eBay", 4) == ("Bay", 1)
    assert _name_before("the ", 4) is None


STANDFIRST = ("The port authority said the new quay would take the largest container ships that sail "
              "between Asia and northern Europe, and that work would start in the spring.")
BODY = ("Gdansk will double the capacity of its container terminal by 2027, officials said, after the "
        "government approved the expansion plan on Tuesday evening.")


@pytest.mark.parametrize("meta_line", ["By Jane Roe March 3, 2021 Read time: 2 mins", "Updated 03 March 2021",
                                       "March 3, 2021"])
def test_a_date_line_after_the_standfirst_is_the_publication_date(knowledge, meta_line):
    text = f"Gdansk doubles its terminal\n\n{STANDFIRST}\n{meta_line}\n\n{BODY}\n"
    article = extract(text, knowledge)
    assert article.date == dt.date(2021, 3, 3), meta_line
    assert meta_line not in article.body


def test_a_date_in_the_opening_sentences_is_no_publication_date(knowledge):
    text = f"Gdansk doubles its terminal\n\n{STANDFIRST}\nOn March 3, 2021 the board met.\n\n{BODY}\n"
    assert extract(text, knowledge).date is None


def test_a_teaser_above_the_headline_is_no_part_of_the_story(knowledge):
    """Pages that print their opening paragraph as a teaser, then the headline, then the story."""
    second = "The expansion will cost about 400 million euros and is to be finished within three years, it said."
    text = f"{BODY}\n{second}\nReuters\nGdansk to double its container terminal\n{BODY}\n{second}\nMore text follows here.\n"
    article = extract(text, knowledge)
    assert article.title == "Gdansk to double its container terminal"
    assert article.body.count("Gdansk will double") == 1 and article.body.startswith("Gdansk will double")
