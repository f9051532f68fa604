"""Direct quotes with their speakers: found in the seeds, shown on article, person and country pages."""

import frontmatter
from conftest import REPO, build_project
from test_build import page_for

from generator.extract import extract_article
from generator.extract.quotes import find_quotes
from generator.read import read_file

VERBS = ["said", "says", "told", "added", "expressed"]
PRONOUNS = ["he", "she"]


def quotes(text, people):
    return [(q.speaker, q.text) for q in find_quotes(text, people, VERBS, PRONOUNS)]


def test_the_seed_quote_of_yoshihide_suga(knowledge):
    path = REPO / "articles" / "002_0e11e2dfcb2e0963.txt"
    article = extract_article(read_file(path, path.parent)[0], knowledge)
    assert {"speaker": "Yoshihide Suga", "text": "It is extremely crucial not to procure equipment that embeds "
            "malicious functions including information theft and destruction"} in article.quotes
    # "in line with international rules" is a phrase inside reported speech, not a quote of its own
    assert all("international rules" not in q["text"] for q in article.quotes)


def test_pronouns_and_continued_quotes_go_to_the_person_last_named(knowledge):
    path = REPO / "articles" / "001_468776ec45e334ad.txt"
    article = extract_article(read_file(path, path.parent)[0], knowledge)
    speakers = {q["text"][:20]: q["speaker"] for q in article.quotes}
    assert speakers["Cybersecurity is bec"] == "Yoshihide Suga"  # “...,” he told a news conference
    assert speakers["We’ll take firm meas"] == "Yoshihide Suga"  # the next sentence, unattributed
    assert speakers["We hope the Japanese"] == "Geng Shuang"  # a paragraph of its own after his


def test_attribution_forms():
    assert quotes("“We will not give up on this market at all,” said Ana Moreira, the chief executive.",
                  ["Ana Moreira"]) == [("Ana Moreira", "We will not give up on this market at all")]
    assert quotes("Moreira told reporters: “The network is safe and it will stay that way.”",
                  ["Ana Moreira"]) == [("Ana Moreira", "The network is safe and it will stay that way.")]
    # a short scare quote, and a quote from someone unnamed, are not attributed to anybody
    assert quotes("Ana Moreira voiced “serious concern” about it.", ["Ana Moreira"]) == []
    assert quotes("Ana Moreira spoke first.\n\n“It is hard to limit what private companies buy,” said a source.\n\n"
                  "“And we will not try to do so either this year.”", ["Ana Moreira"]) == []


def test_whom_a_speaker_speaks_for(knowledge):
    from generator.extract.speakers import speaking_for

    body = ("Lisbon weighs new rules. “We are ready for any review of our equipment,” Nokia "
            "executive Ana Moreira said in Portugal. Rui Costa, a spokesman for Spain's telecoms ministry, said: "
            "“Madrid will follow with rules of its own, as soon as next year.” Jorge Lima said nothing.")
    assert speaking_for(body, {"Ana Moreira", "Rui Costa", "Jorge Lima"}, ["Portugal", "Spain"], ["Nokia"],
                        knowledge) == {"Ana Moreira": "Nokia", "Rui Costa": "Spain"}
    # A company or country the article is not tagged with is no one's side.
    assert speaking_for(body, {"Ana Moreira", "Rui Costa"}, ["Portugal"], [], knowledge) == {}


def test_quotes_on_person_and_country_pages(sample):
    build_project(sample)
    docs = sample / "docs"
    suga = (docs / "people" / "yoshihide-suga.md").read_text(encoding="utf-8")
    assert "## Quotes" in suga and "It is extremely crucial not to procure equipment" in suga
    assert "We hope the Japanese side" not in suga  # Geng Shuang's words are on his page, not Suga's
    geng = (docs / "people" / "geng-shuang.md").read_text(encoding="utf-8")
    assert "We hope the Japanese side can provide a fair competition environment" in geng
    japan = (docs / "countries" / "japan.md").read_text(encoding="utf-8")
    assert "Cybersecurity is becoming an important issue in Japan" in japan and (
        '<a href="../people/yoshihide-suga.md">Yoshihide Suga</a>' in japan)
    assert "It is extremely crucial not to procure" not in japan  # it names neither Japan nor whom he serves
    assert japan.index("## Articles") < japan.index("## Quotes")  # a reader comes for the articles first
    page = page_for(sample, "002_0e11e2dfcb2e0963.txt")
    assert "## Quotes" in page.read_text(encoding="utf-8")


def test_a_quote_corrected_by_hand_shows_on_the_article_and_speaker_pages(sample):
    build_project(sample)
    page = page_for(sample, "000_3f33bf3a326c46d7.txt")
    post = frontmatter.load(page)
    assert post["quotes"][0]["speaker"] == "Jun Shimba"
    post["quotes"][0]["speaker"] = "Ken Miyauchi"
    page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    build_project(sample)
    text = page.read_text(encoding="utf-8")
    assert "— Ken Miyauchi" in text and "— Jun Shimba" not in text
    assert frontmatter.loads(text)["quotes"][0]["speaker"] == "Ken Miyauchi"
    softbank = (sample / "docs" / "companies" / "softbank.md").read_text(encoding="utf-8")
    assert "— Ken Miyauchi" in softbank  # he speaks for SoftBank (the quote's `for`)
