"""Cleaning: which lines of a clipping are scraping noise and which are the article."""

import random
import re

import pytest
from conftest import REPO
from hypothesis import given, settings, strategies as st

from generator.clean import clean

ARTICLE_LINE = "Officials said on Tuesday that the review of the network equipment would take several months."


@pytest.mark.parametrize("noise", [
    "print PRINT",
    "SECURITY > Cybersecurity",
    "Home > World > Asia",
    "6 hours ago",
    "2 days ago",
    "Font size",
    "Please enter your comment!",
    "Please enter your name here",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "By subscribing, you can help us get the story right.",
    "Do you know all about security? Try our quiz!",
    "Japan © Maxx-Studio Maxx-Studio Shutterstock 2012",
    "Huawei logo",
    "Advertisement",
    "Share this article",
    "3 Min Read",
    "View all newsletters",
    "FILE PHOTO: A logo is seen at a trade fair in Berlin. REUTERS/Jane Doe",
])
def test_noise_lines_are_dropped(noise, knowledge):
    cleaned = clean(f"{ARTICLE_LINE}\n\n{noise}\n\n{ARTICLE_LINE} Again.", knowledge.boilerplate)
    assert [line.text for line in cleaned.content()] == [ARTICLE_LINE, ARTICLE_LINE + " Again."]


@pytest.mark.parametrize("kept", [
    ARTICLE_LINE,
    "“The safety [of the equipment] has been demonstrated,” an executive said.",
    "Japan ban",  # a sub-heading inside the story
    "Print and online advertising revenue fell 4% in the quarter, the company said in a statement.",
])
def test_article_lines_are_kept(kept, knowledge):
    cleaned = clean(f"{ARTICLE_LINE}\n\n{kept}", knowledge.boilerplate)
    assert kept.strip() in [line.text for line in cleaned.content()]


def test_trending_list_at_the_end_is_dropped(knowledge):
    text = f"{ARTICLE_LINE}\n\n  • Ambassador\n  • Ukraine\n  • COVID-19\n  • Trending Japan"
    cleaned = clean(text, knowledge.boilerplate)
    assert [line.text for line in cleaned.content()] == [ARTICLE_LINE]


def test_short_list_without_marker_at_the_end_is_kept(knowledge):
    text = f"{ARTICLE_LINE}\n\nHuawei\n\nZTE"
    assert len(clean(text, knowledge.boilerplate).content()) == 3


def test_bullets_and_non_breaking_spaces_are_normalised(knowledge):
    cleaned = clean("  • August 31, 2018\nTOKYO (Dow Jones)\u00a0— Text.", knowledge.boilerplate)
    assert [line.text for line in cleaned.lines] == ["August 31, 2018", "TOKYO (Dow Jones) — Text."]


def test_crawler_header_is_read_and_removed(knowledge):
    cleaned = clean(" date 2023-08-17 Intel said the deal was off.", knowledge.boilerplate)
    assert cleaned.crawler_date == "2023-08-17"
    assert cleaned.lines[0].text == "Intel said the deal was off."


def test_a_headline_printed_twice_is_kept_once(knowledge):
    text = "Brazil changes its 5G rules\n\nBrazil changes its 5G rules\n\n" + ARTICLE_LINE
    assert [l.text for l in clean(text, knowledge.boilerplate).content()] == ["Brazil changes its 5G rules", ARTICLE_LINE]


def test_a_line_patterns_quick_test_never_turns_away_a_line_its_pattern_matches(knowledge):
    # Some built-in line patterns open with a lookahead that only lets most lines fail sooner
    # (boilerplate.yml): with or without it, a pattern judges every line the same.
    guarded = [p for p in knowledge.boilerplate.line_patterns if p.startswith("(?=")]
    assert len(guarded) >= 3
    rng = random.Random(5)
    lines = [ARTICLE_LINE, "Home > World > Asia", "SECURITY > Cybersecurity", "Huawei logo", "Ad", "Related articles"]
    for n in range(60):  # around every length limit a quick test states
        lines += ["a" * n + " > World", "Tech" + " " * n + "> x", "W" * n + " logo", "x" * n + " file photo", "n" * n]
        lines += ["".join(rng.choice("ab >.'-&,") for _ in range(n)) for _ in range(50)]
    lines += [line.text for path in sorted((REPO / "articles").iterdir())
              for line in clean(path.read_text(encoding="utf-8"), knowledge.boilerplate).lines]
    for pattern in guarded:
        quick_test, rest = pattern[:pattern.index(")") + 1], pattern[pattern.index(")") + 1:]
        assert re.fullmatch(r"\(\?=[^()]+\)", quick_test), pattern
        with_test, without = re.compile(pattern, re.IGNORECASE), re.compile(rest, re.IGNORECASE)
        judged = [bool(without.fullmatch(line)) for line in lines]
        assert [bool(with_test.fullmatch(line)) for line in lines] == judged, pattern
        assert any(judged), pattern  # the lines try the pattern both ways


def texts(pieces, max_size):
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


NOISE_PIECES = ["Leave a reply", "leave a ", "reply", "All Rights Reserved", "Advertisement", "Share", " ", "x",
                "Cookie policy", "©", "Home > World", "ß", "İ", "Print"]


@settings(max_examples=500, deadline=None)
@given(st.lists(texts(NOISE_PIECES, 6), max_size=8))
def test_noise_found_in_all_lines_at_once_is_what_each_line_shows(lines):
    from generator.knowledge import load_knowledge

    boilerplate = load_knowledge(None).boilerplate
    folded = [line.casefold() for line in lines]
    one_by_one = [any(phrase in f for phrase in boilerplate.phrases) or boilerplate._lines.fullmatch(line) is not None
                  for line, f in zip(lines, folded)]
    assert boilerplate.noise_of(lines, folded) == one_by_one
