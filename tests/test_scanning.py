"""Hand-written scans that stand in for slow patterns find exactly what those patterns find.

Some patterns are slow in Python's engine because they can match at almost any position (one
ending in ``$`` read from a window, one opening with spaces); the extractors scan for them
another way. These properties hold the scans to the patterns they replace.
"""

import re

import pytest
from hypothesis import given, settings, strategies as st

from generator.extract.companies import _after_spaces, _name_before
from generator.extract.names import COMPANY_WORD
from generator.words.alternation import alternation

# The plain patterns the scans stand in for.
NAME_BEFORE = re.compile(rf"((?:{COMPANY_WORD}[ \t]+){{0,3}}{COMPANY_WORD})$")
SENTENCE_END = re.compile(r"[.!?][\"”’]?(?=\s+[A-Z“\"„«‘])|[。！？][」”]?")


def texts(pieces, max_size):
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


NAME_PIECES = ["Foo", "eBay", "A", "B.", "Corp", "x", "(", "Co.Uk", "O’Neil", "&", "-", " ", "  ", "\t", "\n",
               "Z9", "abc", "Mc", "Q_R", "é", "É", "LongCapitalisedWord"]


@settings(max_examples=1000, deadline=None)
@given(texts(NAME_PIECES, 50), st.integers(min_value=0, max_value=400))
def test_the_name_before_a_position_is_the_patterns(text, end):
    end = min(end, len(text))
    match = NAME_BEFORE.search(text, max(0, end - 100), end)
    assert _name_before(text, end) == ((match.group(1), match.start(1)) if match else None)


def test_the_name_before_a_suffix():
    text = "Shares of the Orbit Kestrel Widget Holdings rose"
    assert _name_before(text, text.index(" Holdings")) == ("Orbit Kestrel Widget", 14)
    text = "Shares of eBay Orbit Kestrel Widget Holdings rose"  # four words at most
    assert _name_before(text, text.index(" Holdings")) == ("Bay Orbit Kestrel Widget", 11)
    assert _name_before("eBay", 4) == ("Bay", 1)
    assert _name_before("the ", 4) is None


NOUNS = ["Motors", "Motor", "Air", "Airlines", "Lab"]


@settings(max_examples=1000, deadline=None)
@given(texts(NOUNS + ["x", "Xa", " ", "  ", "\t", "-", "s", "Labs"], 12), st.integers(min_value=0, max_value=60))
def test_words_after_spaces_are_the_patterns_matches(text, floor):
    floor = min(floor, len(text))
    spaced = re.compile(rf"[ \t]+{alternation(NOUNS)}\b")
    expected = [(m.start(), m.group(0).strip(), m.end()) for m in spaced.finditer(text, floor)]
    assert list(_after_spaces(re.compile(rf"{alternation(NOUNS)}\b"), text, floor)) == expected


SENTENCE_PIECES = [".", "!", "?", "。", "！", "？", '"', "”", "’", "」", " ", "  ", "\n", "A", "a", "“", "„", "«", "‘", "Mr", "x"]


@settings(max_examples=1000, deadline=None)
@given(texts(SENTENCE_PIECES, 14))
def test_sentence_ends_are_the_patterns(text):
    from generator.extract.sentences import _END

    assert [m.span() for m in _END.finditer(text)] == [m.span() for m in SENTENCE_END.finditer(text)]


WEEKDAY_PIECES = ["Monday", "Tuesday", "next", "last", "Next", "nächsten", "this coming", " ", "  ", "\n", "x", "on",
                  "xMonday", "Mondays", "Lundi", "dernier", "-", "é"]


@settings(max_examples=1000, deadline=None)
@given(texts(WEEKDAY_PIECES, 10))
def test_weekday_matches_are_the_rules(text):
    from generator.extract.events import _patterns, _weekday_matches

    rule = dict(_patterns())["weekday"]
    found = [(m.span(), m.groupdict()) for m in _weekday_matches(rule, text)]
    assert found == [(m.span(), m.groupdict()) for m in rule.finditer(text)]


COMPANY_PIECES = ["drone maker ", "drone", " maker", "chipmaker ", "Orbit", " Kestrel", " Corp", " Motors", "“", "”", "—", "’s", " ",
                  ", ", "the ", "Mr. ", "Zürich", "\n", "DJI", " said"]


@settings(max_examples=500, deadline=None)
@given(texts(COMPANY_PIECES, 14))
def test_companies_found_in_the_ascii_form_are_those_found_in_the_text(text):
    from generator.extract import companies
    from generator.knowledge import load_knowledge

    knowledge = load_knowledge(None)
    fast = companies.unknown_companies(text, 0, knowledge, [])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(companies, "_plain_descriptors", lambda knowledge: False)
        assert companies.unknown_companies(text, 0, knowledge, []) == fast


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


# The classes of front-matter values the page writer stands its cheaper tests in for: what YAML
# reads as plain text when unquoted, and what it will not take raw inside double quotes.
PLAIN_VALUE = re.compile(r"[A-Za-z0-9\u00c0-\u2027\u202a-\ud7ff\ue000-\ufffd][^:#\"'\\{}\[\],&*!|>%@`\x00-\x1f\x7f-\x9f\u2028\u2029]*")
NOT_PRINTABLE = re.compile(r"[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def test_the_front_matter_character_tests_are_the_classes_for_every_character():
    from generator.page import _UNSAFE, _is_plain

    for code in range(0x110000):
        ch = chr(code)
        assert _is_plain(ch) == bool(PLAIN_VALUE.fullmatch(ch)), hex(code)
        assert bool(_UNSAFE.fullmatch(ch)) == bool(NOT_PRINTABLE.fullmatch(ch)), hex(code)
        assert _is_plain("Ab" + ch) == bool(PLAIN_VALUE.fullmatch("Ab" + ch)), hex(code)


@settings(max_examples=500, deadline=None)
@given(texts(["a", "É", "1", " ", ":", "#", "-", "’", "\u2028", "\x85", "\ufffd", "[", "x y", "\t"], 12))
def test_a_value_is_written_plain_exactly_when_the_class_says(text):
    from generator.page import _is_plain

    assert _is_plain(text) == bool(PLAIN_VALUE.fullmatch(text))
