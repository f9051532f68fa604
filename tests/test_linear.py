"""Every stage does work in proportion to its input: a clipping of pathological text (one
sentence of dates, a run of bullets, thousands of quotes) costs four times as much at four times
the size, never sixteen. The work is read as the CPU time of the stage, best of three runs, and
only its growth from one size to four times that size is asserted: linear work grows about 4x,
quadratic work 16x; no figure of speed is asserted."""

from __future__ import annotations

import time

import pytest

from generator.clean.learned import keys_of, learn
from generator.errors import InputError
from generator.extract import extract_articles
from generator.page import render_page
from generator.read import MAX_ARTICLE_CHARS, RawDocument, read_as_seen
from generator.site.duplicates import fingerprint

MB = 1024 * 1024
# Units repeated to make one article of a given size; each once made some stage quadratic, or
# is the kind of text that could: one endless line or sentence, many short lines, many marks.
UNITS = {
    "dates in one sentence": "12 December 2018 ",
    "relative dates": "next Friday in April next year, on Dec. 1, ",
    "quotation marks": "> ",
    "bullets": "• ",
    "quotes and speakers": '"We will build it here," said John Smith. ',
    "abbreviations": "Mr. Dr. U.S. Inc. ",
    "one-word lines": "Headline\n",
    "short paragraphs": "Tokyo said so.\n\n",
    "names": "Huawei and ZTE met Shinzo Abe in Japan, ",
    "open brackets": "( [ { « “ ",
    "no spaces": "x" * 1000,
}


def _work(function, *args) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        function(*args)
        best = min(best, time.process_time() - started)
    return best


def _article(unit: str, size: int) -> RawDocument:
    text = "A headline of the story\n\n" + unit * (size // len(unit))
    return RawDocument("big.txt", text)


def _extract(doc: RawDocument, knowledge):
    keyed = keys_of(doc.text)
    learned = learn([keyed[0]])
    [article] = extract_articles([doc], knowledge, learned, [keyed[1]])
    if not isinstance(article, InputError):
        render_page(article, None)
        fingerprint(article.body)


@pytest.mark.parametrize("name", list(UNITS))
def test_extraction_work_grows_in_proportion_to_the_text(name, knowledge):
    _extract(_article(UNITS[name], 16 * 1024), knowledge)  # patterns compiled, models loaded
    small = _work(_extract, _article(UNITS[name], MB // 2), knowledge)
    large = _work(_extract, _article(UNITS[name], 2 * MB), knowledge)  # about the longest text read
    assert large < 8 * max(small, 0.02), f"{name}: {small:.2f} s of CPU at 512 KB, {large:.2f} s at 2 MB"


def test_a_text_too_long_to_be_an_article_is_refused_in_one_line(tmp_path):
    (tmp_path / "huge.txt").write_text("All work and no play. " * (MAX_ARTICLE_CHARS // 20), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_as_seen(tmp_path, "huge.txt")
    assert caught.value.path == "huge.txt"
    assert "longer than an article" in caught.value.problem and "\n" not in str(caught.value)


def test_a_record_too_long_to_be_an_article_is_refused_and_the_others_kept(tmp_path):
    import json

    records = [{"title": "Short one", "text": "Officials in Lisbon said on Tuesday the review would take months."},
               {"title": "Endless", "text": "word " * (MAX_ARTICLE_CHARS // 4)}]
    (tmp_path / "export.json").write_text(json.dumps(records), encoding="utf-8")
    documents, _ = read_as_seen(tmp_path, "export.json")
    assert [type(d).__name__ for d in documents] == ["RawDocument", "InputError"]
    assert "longer than an article" in documents[1].problem
