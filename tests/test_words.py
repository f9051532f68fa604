"""Words and letters found by the fast ASCII patterns must be those the Unicode patterns find."""

import re

from hypothesis import given, settings, strategies as st

from generator.clean import DENSE_RUN, WORD, count_words
from generator.clean.learned import line_key
from generator.words import (
    LETTERS,
    STAND_INS,
    TYPOGRAPHY,
    WORD_CHARS,
    ascii_form,
    folded_letter_runs,
    folded_word_char_runs,
    letter_runs,
)

# ASCII, the typography news text is full of, letters and digits beyond ASCII, CJK, a ligature
ALPHABET = "abQ Z9_'-.,\t" + TYPOGRAPHY + "éßıİ日本한١ﬁ\u0301K"


def test_typography_holds_no_word_character_and_is_replaced_one_for_one():
    assert re.search(r"\w", TYPOGRAPHY) is None
    assert all(len(stand_in) == 1 and stand_in.isascii() for stand_in in STAND_INS.values())
    assert ascii_form("“Huawei’s gear” — said") == " Huawei's gear    said"


def test_typography_is_no_writing_systems_letters():
    """The language test looks for a writing system only in text with letters beyond ASCII."""
    from generator.extract.language import _language_data

    for _, pattern in _language_data()[0]:
        assert re.search(pattern, TYPOGRAPHY) is None
    for pattern in _language_data()[1]:
        assert pattern.search(TYPOGRAPHY) is None


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_fast_patterns_find_what_the_unicode_patterns_find(text):
    assert letter_runs(text) == LETTERS.findall(text)
    folded = text.casefold()
    assert folded_letter_runs(text) == LETTERS.findall(folded)
    assert folded_letter_runs(text, 7) == LETTERS.findall(folded[:7])
    assert folded_word_char_runs(text) == [run.encode() for run in WORD_CHARS.findall(folded)]
    runs = DENSE_RUN.findall(text)
    assert count_words(text) == len(WORD.findall(text)) - len(runs) + sum(map(len, runs))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Read", "more", "2024", "’s", "“", "—", "home", "ﬁnance", "é"]), max_size=40))
def test_a_line_key_is_the_key_of_its_words(words):
    text = " ".join(words)
    letters = LETTERS.findall(text.casefold())
    assert (line_key(text) is None) == (not letters or len(letters) > 15)
    assert line_key(text) == line_key(" ".join(letters).upper() or "1")


def test_curly_quotes_and_dashes_do_not_change_the_words():
    assert ascii_form("“Huawei’s gear” — said • officials") is not None
    assert ascii_form("Zürich’s officials") is None
    assert count_words("“Huawei’s new gear,” officials said — again") == 6
    assert count_words("Zürich’s officials said 1,000 times") == 5
    assert count_words("日本の政府") == 5
    # a line's key ignores case, digits and punctuation, whatever the quotes and dashes
    assert line_key("“Read more” — Home") == line_key("read MORE - home 2")
    assert line_key("Ein Ärger") != line_key("Ein rger")
