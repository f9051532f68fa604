"""The trie-shaped alternation finds exactly what the plain longest-first alternation finds."""

import random
import re

import pytest

from generator.extract.dates import month_spellings
from generator.words.alternation import alternation, search_word_start


def plain(words):
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@pytest.mark.parametrize("words", [
    ["a", "ab", "abc", "b", "bd", "x.y", "x"],
    ["Dec", "December", "Decembre", "Déc", "Décembre", "Mar", "March", "Marts", "März", "Mai", "May"],
    month_spellings(),
])
def test_same_matches_as_a_sorted_alternation(words):
    rng = random.Random(7)
    alphabet = sorted({ch for w in words for ch in w}) + [" ", ".", "1"]
    texts = [" ".join(rng.choice(words) + "".join(rng.choices(alphabet, k=rng.randint(0, 2))) for _ in range(12))
             for _ in range(300)]
    for suffix in ("", r"\b", r"(?![^\W\d_])", r"\s+\d"):
        trie, flat = re.compile(r"\b" + alternation(words) + suffix), re.compile(r"\b" + plain(words) + suffix)
        for text in texts:
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], (suffix, text)


def test_case_folded_words_under_ignorecase():
    pattern = re.compile(r"\b" + alternation(["Said", "said", "SAYS", "told"], casefold=True) + r"\b", re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("He SAID so, she says, they Told us, Saidi")] == ["SAID", "says", "Told"]


def test_no_words_match_nothing():
    assert re.search(alternation([]), "anything") is None
    assert re.search(alternation([""]), "anything") is None


@pytest.mark.parametrize("words", [
    ["said", "says", "told", "ai", "_x", "-based", "über", "日本"],
    ["he", "she", "they", "il", "elle", "er", "sie"],
])
def test_word_start_search_finds_what_a_leading_word_edge_finds(words):
    rng = random.Random(11)
    alphabet = sorted({ch for w in words for ch in w}) + [" ", "-", ".", "_", "1", "é"]
    with_edge = re.compile(r"\b" + alternation(words) + r"\b")
    without = re.compile(alternation(words) + r"\b")
    for _ in range(20000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 16)))
        expected = with_edge.search(text)
        found = search_word_start(without, text)
        assert (found.span() if found else None) == (expected.span() if expected else None), text
