"""Direct quotes and who said them.

A quote is a passage in quotation marks long enough to be a statement (a scare quote such as
“serious concern” is not one). Its speaker is one of the article's people, found by the
attribution around it, as news writing puts it:

- after the quote, in the same sentence: “…,” Chief Cabinet Secretary Yoshihide Suga said; “…,”
  said Suga; “…,” he told a news conference (a pronoun is the person last named before it);
- before the quote: Suga said: “…”;
- a quote standing as its own sentence or paragraph continues the speaker just quoted.

A quote whose speaker is not a named person of the article ("a source said") is left out, and it
ends the run of the speaker before it, so a later unattributed quote is never given to the wrong
person. Verbs of speech and pronouns are data (``people.yml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..clean import CJK
from ..words import shortened
from ..words.alternation import alternation, search_word_start, word_edge
from .sentences import sentences

MIN_WORDS = 6  # fewer words in quotation marks are a phrase being cited, not a statement
MIN_CJK_CHARS = 12
MAX_CHARS = 400
PER_ARTICLE = 10
_WINDOW = 160  # characters after a quote in which its attribution is looked for
BEFORE_CHARS = 2000  # characters before a quote in which its speaker (or the one a pronoun stands for) is looked for

_QUOTE = re.compile(r"“(?P<a>[^”“]+)”|\"(?P<b>[^\"]+)\"|„(?P<c>[^“”„]+)[“”]|«\s?(?P<d>[^»«]+?)\s?»|「(?P<e>[^」]+)」")
_QUOTE_MARK = re.compile(r"[“\"„«「]")
_BOUNDARY = re.compile(r"[.!?。！？][\"”’»]?\s+|[。！？]")


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"speaker": self.speaker, "text": self.text}


class _Speakers:
    """Where each of the article's people is named, to resolve names and pronouns."""

    def __init__(self, people: list[str]):
        self.forms = [(form, whole_word, name) for name in people for form, whole_word in _forms(name)]

    def named_in(self, text: str) -> list[tuple[int, str]]:
        """(position, person) of every mention in ``text``."""
        return sorted({(start, name) for form, whole_word, name in self.forms if form in text
                       for start in _mentions(form, text, whole_word)})

    def first_in(self, text: str) -> str | None:
        found = self.named_in(text)
        return found[0][1] if found else None

    def last_in(self, text: str) -> str | None:
        found = self.named_in(text)
        return found[-1][1] if found else None


@lru_cache(maxsize=4096)  # the same people recur across a briefing's articles
def _forms(name: str) -> tuple[tuple[str, bool], ...]:
    """How a person is named in the text: "Yoshihide Suga", "Suga" (and "Geng" for a family name
    written first), each with whether it must stand as a whole word (not in CJK script)."""
    tokens = name.split()
    forms = {name}
    if len(tokens) >= 2:
        forms.add(tokens[-1])  # "Suga said"
        if len(tokens[0]) >= 3:
            forms.add(tokens[0])  # family name first: "Geng said"
    return tuple((form, not CJK.search(form)) for form in sorted(forms) if len(form) >= 3 or CJK.search(form))


def _mentions(form: str, text: str, whole_word: bool):
    """Where ``form`` occurs in ``text``, left to right without overlaps, as the pattern
    ``\\bform\\b`` (or plain ``form``) finds it; a string search, as a pattern per person
    would be compiled for each new name."""
    position = text.find(form)
    while position != -1:
        end = position + len(form)
        if not whole_word or (word_edge(text, position) and word_edge(text, end)):
            yield position
            position = text.find(form, end)
        else:
            position = text.find(form, position + 1)


def find_quotes(body: str, people: list[str], speech_verbs: list[str], pronouns: list[str]) -> list[Quote]:
    """The direct quotes in ``body`` (paragraphs separated by blank lines) with a named speaker."""
    if not people or not _QUOTE_MARK.search(body):
        return []
    speakers = _Speakers(people)
    verb, pronoun, any_pronoun, lead_in = _cues(tuple(speech_verbs), tuple(pronouns))

    found: list[Quote] = []
    before = ""  # the text read so far, for pronouns
    current: str | None = None  # the speaker being quoted, for quotes that continue
    # Paragraphs without a quote since ``current`` was last settled, with the text before each:
    # one of them may name who speaks next. Read only when a quote of its own needs the speaker
    # (most paragraphs after an article's last quote never are).
    unsettled: list[tuple[str, str]] = []
    for paragraph in body.split("\n\n"):
        quoted_here = False
        for match in _QUOTE.finditer(paragraph):
            text = next(g for g in match.groups() if g is not None).strip()
            if not _is_statement(text):
                continue
            left = _sentence_before(paragraph, match.start())
            right = paragraph[match.end():match.end() + _WINDOW]
            right = next(iter(sentences(right)), "")
            speaker, attributed = None, False
            if verb(right[:60]) and not left.strip():
                attributed = True
                if pronoun.search(right):
                    speaker = speakers.last_in(before + "\n" + _text_before(paragraph, match.start()))
                else:
                    speaker = speakers.first_in(right)
            elif lead_in(left):
                attributed = True
                if pronoun.search(left):
                    speaker = speakers.last_in(before + "\n" + _text_before(paragraph, match.start()))
                else:
                    speaker = speakers.last_in(left)
            elif not left.strip():
                # a quote of its own continues the speaker just quoted
                speaker = current = _next_speaker(unsettled, current, speakers, verb, any_pronoun)
                unsettled.clear()
            else:
                continue  # a phrase quoted inside someone's reported words
            if attributed:
                current = speaker
                unsettled.clear()
            if speaker:
                quote = Quote(speaker, _tidy(text))
                if quote not in found:
                    found.append(quote)
                quoted_here = True
                if len(found) >= PER_ARTICLE:
                    break
        if not quoted_here:
            unsettled.append((paragraph, before))
        before = (before + "\n" + paragraph[-BEFORE_CHARS:])[-BEFORE_CHARS:]
        if len(found) >= PER_ARTICLE:
            break
    return found[:PER_ARTICLE]


def _next_speaker(unsettled: list[tuple[str, str]], current: str | None, speakers: _Speakers, verb, any_pronoun):
    """Who speaks after the paragraphs without a quote that followed ``current``'s last quote.
    A paragraph of reported speech names who speaks next ("Geng Shuang expressed ..."), in its
    last sentence with a verb of speech; a pronoun there ("he told a briefing") keeps the person
    last named; any other paragraph ends the run of the last speaker. The latest paragraph that
    settles it wins."""
    for paragraph, before in reversed(unsettled):
        if not verb(paragraph):
            return None
        for sentence in reversed(sentences(paragraph)):
            if verb(sentence):
                named = speakers.last_in(sentence)
                if named is None and any_pronoun(sentence):
                    named = speakers.last_in(before + "\n" + paragraph)
                return named
    return current


@lru_cache(maxsize=4)
def _cues(speech_verbs: tuple[str, ...], pronouns: tuple[str, ...]) -> tuple:
    """A verb of speech; a pronoun opening the attribution; a pronoun anywhere; a lead-in
    ("Suga said in a statement:") right before a quote. All but the second are tests of a text,
    made on its case-folded form (a pattern for any case is scanned for far more slowly)."""
    verbs = alternation(speech_verbs, casefold=True)
    names = alternation(pronouns, casefold=True)
    return (_test(re.compile(rf"{verbs}\b")),
            re.compile(rf"^\W*{names}\b", re.IGNORECASE),
            _test(re.compile(rf"{names}\b")),
            _test(re.compile(rf"{verbs}\b[^.!?“\"„«]{{0,40}}[:,]\s*$")))


def _test(pattern: re.Pattern):
    """Whether ``pattern``, which stands for case-folded words, starts at the start of a word in
    a text."""
    return lambda text: search_word_start(pattern, text.casefold()) is not None


def _is_statement(text: str) -> bool:
    if CJK.search(text):
        return len(text) >= MIN_CJK_CHARS
    return len(text.split()) >= MIN_WORDS


def _text_before(paragraph: str, end: int) -> str:
    """The text of ``paragraph`` just before position ``end``: as much as is read before a
    paragraph (``before``), so the work per quote stays the same however long the paragraph."""
    return paragraph[max(0, end - BEFORE_CHARS):end]


def _sentence_before(paragraph: str, end: int) -> str:
    """The part of the sentence that precedes position ``end`` (within ``BEFORE_CHARS``)."""
    prefix = _text_before(paragraph, end)
    ends = list(_BOUNDARY.finditer(prefix))
    return prefix[ends[-1].end():] if ends else prefix


def _tidy(text: str) -> str:
    return shortened(" ".join(text.split()).rstrip(",;: "), MAX_CHARS)
