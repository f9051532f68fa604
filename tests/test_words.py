"""Words and letters found by the fast ASCII patterns must be those the Unicode patterns find."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.clean import count_words
from generator.learned import line_key
from generator.words import LETTERS, TYPOGRAPHY, ascii_words, letter_runs

# ASCII, the typography news text is full of, letters and digits beyond ASCII, CJK, a ligature
ALPHABET = "ab Z9_'-.,\t" + TYPOGRAPHY + "éßı日本한١ﬁ\u0301"


def test_typography_holds_no_word_character():
    assert re.search(r"\w", TYPOGRAPHY) is None


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_letter_runs_are_the_unicode_patterns_runs(text):
    assert letter_runs(text) == LETTERS.findall(text)


def test_curly_quotes_and_dashes_do_not_change_the_words():
    assert ascii_words("“Huawei’s gear” — said • officials")
    assert not ascii_words("Zürich’s officials")
    assert count_words("“Huawei’s new gear,” officials said — again") == 6
    assert count_words("Zürich’s officials said 1,000 times") == 5
    assert count_words("日本の政府") == 5
    # a line's key ignores case, digits and punctuation, whatever the quotes and dashes
    assert line_key("“Read more” — Home") == line_key("read MORE - home 2")
    assert line_key("Ein Ärger") != line_key("Ein rger")
