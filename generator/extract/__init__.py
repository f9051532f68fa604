"""Stage 3: from a cleaned clipping to an ``Article`` with metadata and entities.

Each field is found by a cascade of small rules; the first that answers wins, and the rule's
name is kept in ``Article.provenance``. Metadata the user wrote (Markdown front matter) always
wins over extraction.

Extraction is a sequence of steps (``STEPS``: cleaning, the header and body, names, language,
quotes, stated dates), each handing the next a ``_Draft``. A build extracts its inputs in
batches (``extract_articles``), each step over the whole batch before the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..article import Article, parse_iso_date
from ..clean import TAIL_HEADING, Cleaned, clean
from ..clean.learned import keys_of, learn, line_key
from ..errors import InputError
from ..knowledge import Knowledge
from ..read import RawDocument
from . import fields
from .entities import find_entities
from .events import find_events
from .given import REVIEW_NO_DATE, REVIEW_TITLE, apply_given
from .header import HEADER_MAX_LINES, byline_names, dateline, read_header
from .language import detect_language
from .quotes import find_quotes
from .source import masthead_candidates, publication_name
from .speakers import speaking_for
from .summary import summarise

REVIEW_SUMMARY_ONLY = "text: the feed gave only a summary of this article"

BATCH = 64  # documents taken through each step together (``extract_articles``): a feed may hold hundreds


class Clues(NamedTuple):
    """What reading the header found for naming entities."""

    headline: str  # the title when the text had one ("" when made up from the lead)
    byline_people: list[str]
    credits: list[str]  # publications credited in the header
    extra_news: list[str]  # lines naming publications: mastheads...


@dataclass
class _Draft:
    """An article between the steps of extraction."""

    doc: RawDocument
    learned: frozenset[str]
    keyed: dict[str, str | None] | None
    article: Article = field(init=False)
    cleaned: Cleaned | None = None
    clues: Clues | None = None

    def __post_init__(self) -> None:
        self.article = Article(original=self.doc.original)


def extract_article(doc: RawDocument, knowledge: Knowledge, learned: frozenset[str] = frozenset(),
                    keyed: dict[str, str | None] | None = None) -> Article:
    """``learned`` holds the keys of lines that recur across the corpus (``learned.py``): they are
    kept out of the body and of entity extraction, but still read for title, date and source.
    ``keyed``: the document's lines with their keys (``learned.keys_of``), when the caller has them."""
    draft = _Draft(doc, learned, keyed)
    for step in STEPS:
        step(draft, knowledge)
    return draft.article


def extract_articles(docs: list[RawDocument], knowledge: Knowledge, learned: frozenset[str] = frozenset(),
                     keyed: list[dict[str, str | None] | None] | None = None) -> list[Article | InputError]:
    """``extract_article`` for each document, a bug on one odd input turned into that input's
    error instead of a crash. The documents go in batches of ``BATCH``, each step over the whole
    batch before the next: each step's patterns and tables then stay in the processor's caches
    (the ingest takes about a fifth less time than running every step for one document after
    another)."""
    keyed = keyed or [None] * len(docs)
    results: list[Article | InputError] = []
    for start in range(0, len(docs), BATCH):
        results += _extract_batch(docs[start:start + BATCH], knowledge, learned, keyed[start:start + BATCH])
    return results


def _extract_batch(docs: list[RawDocument], knowledge: Knowledge, learned: frozenset[str],
                   keyed: list[dict[str, str | None] | None]) -> list[Article | InputError]:
    drafts: list[_Draft | InputError] = [_Draft(doc, learned, lines) for doc, lines in zip(docs, keyed)]
    for step in STEPS:
        for i, draft in enumerate(drafts):
            if isinstance(draft, _Draft):
                try:
                    step(draft, knowledge)
                except Exception as exc:
                    drafts[i] = InputError(draft.doc.original, f"could not be processed ({type(exc).__name__}: {exc})")
    return [draft if isinstance(draft, InputError) else _checked(draft) for draft in drafts]


def _checked(draft: _Draft) -> Article | InputError:
    article, doc = draft.article, draft.doc
    if not article.body.strip() and not doc.given and not doc.hints.get("title"):
        return InputError(doc.original, "holds no article text, only navigation or boilerplate")
    return article


def _clean(draft: _Draft, knowledge: Knowledge) -> None:
    draft.cleaned = clean(draft.doc.text, knowledge.boilerplate)


def _read_article(draft: _Draft, knowledge: Knowledge) -> None:
    """Title, date and source from the header; the body, its summary, and the clues the header
    gives about people and publications."""
    doc, article, cleaned = draft.doc, draft.article, draft.cleaned
    header = read_header(cleaned)  # may mark more noise (rows of links), so it goes first
    content = cleaned.content()
    story = content[header.story_start:]
    lead = story[0].text if story else (content[0].text if content else "")
    mastheads = masthead_candidates(header, knowledge)
    title, article.provenance["title"] = fields.title(doc, header, lead, mastheads, knowledge)
    mastheads = [(line, name) for line, name in mastheads if line is not title.line]
    article.title = fields.plain_title(title.title)
    date, why = fields.date(doc, header, cleaned, story)
    if date:
        article.date, article.provenance["date"] = date, why
    opening = dateline(story[0].text) if story else None
    credit = opening.group("credit").strip() if opening else None
    source, why = fields.source(doc, header, mastheads, title, credit, knowledge)
    if source:
        article.source, article.provenance["source"] = source, why

    used = {line for line, _ in mastheads} | header.meta_lines
    if title.line is not None:
        used.add(title.line)
    body_lines = [line for line in content if line not in used
                  and not (draft.learned and _learned(line.text, draft.learned, draft.keyed))]
    article.body = "\n\n".join(line.text for line in body_lines)
    article.words = sum(line.words for line in body_lines)  # the body is these lines
    article.summary = summarise(body_lines)
    article.url = str(doc.hints["url"]) if doc.hints.get("url") else None
    article.author = str(doc.hints["author"]) if doc.hints.get("author") else None

    byline_people = []
    for line in content[:HEADER_MAX_LINES]:
        byline_people += [n for n in byline_names(line.text) if not publication_name(n, knowledge)]
    byline_people += [line.text for line in header.lines
                      if line is not title.line and line not in used and _is_name_line(line.text, knowledge)]
    credits = [credit] if credit else []
    credits += [name for _, name in mastheads]
    if article.source:
        credits.append(article.source)
    extra_news = [line.text for line in header.lines if line in used and line is not title.line]
    extra_news += [line.text for line in cleaned.lines if line.noise == TAIL_HEADING]
    draft.clues = Clues(article.title if not title.made_up else "", byline_people, credits, extra_news)


def _name_entities(draft: _Draft, knowledge: Knowledge) -> None:
    """Countries, companies, people and news organisations named in the headline and body."""
    article, clues = draft.article, draft.clues
    entities = find_entities(f"{clues.headline}\n{article.body}", knowledge, body_start=len(clues.headline) + 1,
                             byline_people=clues.byline_people, credits=clues.credits, extra_news=clues.extra_news,
                             language=article.language)
    article.countries = [knowledge.country_name(code) for code in entities.countries]
    article.companies = [c for c in entities.companies if c not in entities.news_orgs]
    article.news_orgs = entities.news_orgs
    article.people = entities.people
    for key, why in entities.provenance.items():
        kind, value = key.split(":", 1)
        if kind == "country":
            value = knowledge.country_name(value)
        article.provenance[f"{kind}:{value}"] = why

    for key, why in entities.uncertain().items():
        kind, _, value = key.partition(":")
        if kind == "company" and value in article.companies:
            article.review.append(f"companies: “{value}” is uncertain: {why}")


def _detect_language(draft: _Draft, knowledge: Knowledge) -> None:
    article = draft.article
    article.language = detect_language(article.body or article.title) or draft.doc.hints.get("language")


def _find_quotes(draft: _Draft, knowledge: Knowledge) -> None:
    article = draft.article
    quotes = find_quotes(article.body, article.people, knowledge.speech_verbs, knowledge.pronouns)
    sides = speaking_for(article.body, {q.speaker for q in quotes}, article.countries, article.companies, knowledge) \
        if quotes else {}
    article.quotes = [{**q.as_dict(), "for": sides[q.speaker]} if q.speaker in sides else q.as_dict() for q in quotes]


def _find_events(draft: _Draft, knowledge: Knowledge) -> None:
    article = draft.article
    article.events = find_events(article.body, parse_iso_date(draft.doc.given.get("date")) or article.date)


def _finish(draft: _Draft, knowledge: Knowledge) -> None:
    """What a person should check, and the front matter they wrote in a Markdown input (it wins)."""
    article, doc = draft.article, draft.doc
    if article.provenance["title"] == "lead sentence":
        article.review.append(REVIEW_TITLE)
    if article.date is None:
        article.review.append(REVIEW_NO_DATE)
    if doc.hints.get("summary_only"):
        article.review.append(REVIEW_SUMMARY_ONLY)
    apply_given(article, doc.given)


# In order: names need the language (its inflected forms), quotes the people found, and the
# review list's order is the page's.
STEPS = (_clean, _read_article, _detect_language, _name_entities, _find_quotes, _find_events, _finish)


_UNKEYED = object()  # a line the caller's keys do not hold (cleaning changed it): keyed here


def _learned(text: str, learned: frozenset[str], keyed: dict[str, str | None] | None) -> bool:
    key = keyed.get(text, _UNKEYED) if keyed is not None else _UNKEYED
    return (line_key(text) if key is _UNKEYED else key) in learned


def extract_all(documents: list[RawDocument], knowledge: Knowledge) -> list[Article | InputError]:
    """Extract a set of documents as a build does: the lines they repeat learned as boilerplate
    first (``learned.py``), one document's failure its own error."""
    keyed = [keys_of(doc.text) for doc in documents]
    learned = learn([keys for keys, _ in keyed])
    return extract_articles(documents, knowledge, learned, [lines for _, lines in keyed])


def _is_name_line(text: str, knowledge: Knowledge) -> bool:
    """A line under the headline that is only a person's name: an author's byline without "By"."""
    words = text.split()
    if not 2 <= len(words) <= 3 or knowledge.gazetteer.find(text):
        return False
    return all(re.fullmatch(r"[A-Z][a-zà-ÿ'’-]+", w) and w not in knowledge.not_names for w in words)


