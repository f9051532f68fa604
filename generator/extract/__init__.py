"""Stage 3: from a cleaned clipping to an ``Article`` with metadata and entities.

Each field is found by a cascade of small rules; the first that answers wins, and the rule's
name is kept in ``Article.provenance``. Metadata the user wrote (Markdown front matter) always
wins over extraction.

Extraction is a sequence of steps (``STEPS``: cleaning, the header and body, names, language,
quotes, stated dates), each handing the next a ``_Draft``. A build extracts its inputs in
batches (``extract_articles``), each step over the whole batch before the next.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..article import RECORD_FIELDS, Article, _as_str_list, as_records, parse_iso_date
from ..clean import TAIL_HEADING, Cleaned, clean
from ..clean.learned import keys_of, learn, line_key
from ..errors import InputError
from ..kinds import ENTITY_FIELDS
from ..knowledge import Knowledge, data_file
from ..page import keys as page_keys
from ..read import RawDocument
from ..words import ascii_form, folded_letter_runs
from .dates import find_dates, parse_crawler_date
from .entities import find_entities
from .events import find_events
from .header import HEADER_MAX_LINES, byline_names, dateline, read_header
from .quotes import find_quotes
from .sentences import sentences
from .source import masthead_candidates, publication_name
from .title import TitleResult, find_title

SUMMARY_MAX_CHARS = 300
REVIEW_NO_DATE = "date: not stated in the text"
REVIEW_TITLE = "title: made up from the lead sentence"
REVIEW_SUMMARY_ONLY = "text: the feed gave only a summary of this article"


BATCH = 64  # documents taken through each step together (``extract_articles``): a feed may hold hundreds


@dataclass
class _Draft:
    """An article between the steps of extraction, with what one step found for the next."""

    doc: RawDocument
    learned: frozenset[str]
    keyed: dict[str, str | None] | None
    article: Article = field(init=False)
    cleaned: Cleaned | None = None
    headline: str = ""  # the title when the text had one ("" when made up from the lead)
    byline_people: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # publications credited in the header
    extra_news: list[str] = field(default_factory=list)  # lines naming publications: mastheads...
    title_made_up: bool = False

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
    batch before the next: its patterns and tables then stay in the processor's caches (the
    README's "Scale" says what that saves)."""
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
    """The header read for title, date and source; the body, its summary and what the header
    says about people and publications."""
    doc, article, cleaned, learned, keyed = draft.doc, draft.article, draft.cleaned, draft.learned, draft.keyed
    header = read_header(cleaned)  # may mark more noise (rows of links), so it goes first
    content = cleaned.content()
    story = content[header.story_start:]
    lead = story[0].text if story else (content[0].text if content else "")

    def is_publication(name: str) -> bool:
        return publication_name(name, knowledge) is not None

    mastheads = masthead_candidates(header, None, knowledge)
    hinted_title = str(doc.hints.get("title") or "").strip()
    if hinted_title:
        # The format named the title (HTML metadata, a feed entry, an e-mail subject); a line that
        # repeats it at the top of the text is the headline, not the story.
        repeated = next((l for l in header.lines if " ".join(l.text.split()) == " ".join(hinted_title.split())), None)
        title = TitleResult(hinted_title, repeated, None, made_up=False)
        article.provenance["title"] = "the file's own metadata"
    else:
        title = find_title(header, lead, is_publication, skip={id(line) for line, _ in mastheads})
        article.provenance["title"] = "lead sentence" if title.made_up else "headline line"
    mastheads = [(line, name) for line, name in mastheads if line is not title.line]
    article.title = plain_title(title.title)

    hinted_date = parse_iso_date(doc.hints.get("date")) or _date_in(doc.hints.get("date_text"))
    if hinted_date:
        article.date = hinted_date
        article.provenance["date"] = "the file's own metadata"
    else:
        _find_date(article, header, cleaned, story)

    credits = []
    opening = dateline(story[0].text) if story else None
    if opening:
        credits.append(opening.group("credit").strip())
    if doc.hints.get("source"):
        article.source = publication_name(str(doc.hints["source"]), knowledge) or str(doc.hints["source"])
        article.provenance["source"] = "the file's own metadata"
    elif mastheads:
        article.source, article.provenance["source"] = mastheads[0][1], "masthead line"
    elif title.publication:
        article.source = publication_name(title.publication, knowledge) or title.publication
        article.provenance["source"] = "headline suffix"
    elif credits:
        article.source = publication_name(credits[0], knowledge) or credits[0]
        article.provenance["source"] = "wire credit in the dateline"
    else:
        bylined = [n for line in header.lines for n in byline_names(line.text) if publication_name(n, knowledge)]
        if bylined:
            article.source = publication_name(bylined[0], knowledge)
            article.provenance["source"] = "byline"

    used = {id(line) for line, _ in mastheads} | set(header.meta_lines)
    if title.line is not None:
        used.add(id(title.line))
    body_lines = [line for line in content if id(line) not in used and not (learned and _learned(line.text, learned, keyed))]
    article.body = "\n\n".join(line.text for line in body_lines)
    article.words = sum(line.words for line in body_lines)  # the body is these lines
    article.summary = summarise(body_lines)
    article.url = str(doc.hints["url"]) if doc.hints.get("url") else None
    article.author = str(doc.hints["author"]) if doc.hints.get("author") else None

    byline_people = []
    for line in content[:HEADER_MAX_LINES]:
        byline_people += [n for n in byline_names(line.text) if not publication_name(n, knowledge)]
    byline_people += [line.text for line in header.lines
                      if line is not title.line and id(line) not in used and _is_name_line(line.text, knowledge)]
    credits += [m[1] for m in mastheads]
    if article.source:
        credits.append(article.source)
    extra_news = [line.text for line in header.lines if id(line) in used and line is not title.line]
    extra_news += [line.text for line in cleaned.lines if line.noise == TAIL_HEADING]
    draft.headline = article.title if not title.made_up else ""
    draft.byline_people, draft.credits, draft.extra_news = byline_people, credits, extra_news
    draft.title_made_up = title.made_up


def _name_entities(draft: _Draft, knowledge: Knowledge) -> None:
    """Countries, companies, people and news organisations named in the headline and body."""
    article = draft.article
    entities = find_entities(f"{draft.headline}\n{article.body}", knowledge, body_start=len(draft.headline) + 1,
                             byline_people=draft.byline_people, credits=draft.credits, extra_news=draft.extra_news)
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
    article.quotes = [q.as_dict() for q in find_quotes(article.body, article.people, knowledge.speech_verbs,
                                                       knowledge.pronouns)]


def _find_events(draft: _Draft, knowledge: Knowledge) -> None:
    article = draft.article
    article.events = find_events(article.body, parse_iso_date(draft.doc.given.get("date")) or article.date)


def _finish(draft: _Draft, knowledge: Knowledge) -> None:
    """What a person should check, and the front matter they wrote in a Markdown input (it wins)."""
    article, doc = draft.article, draft.doc
    if draft.title_made_up:
        article.review.append(REVIEW_TITLE)
    if article.date is None:
        article.review.append(REVIEW_NO_DATE)
    if doc.hints.get("summary_only"):
        article.review.append(REVIEW_SUMMARY_ONLY)
    apply_given(article, doc.given)


# In order: quotes need the people found, and the review list's order is the page's.
STEPS = (_clean, _read_article, _name_entities, _detect_language, _find_quotes, _find_events, _finish)


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


def _date_in(text: object) -> dt.date | None:
    """The date a format gave as text of its own ("March 4, 2021"), read as dates in a clipping are."""
    found = find_dates(text) if isinstance(text, str) else []
    return found[0].date if found else None


def _find_date(article: Article, header, cleaned: Cleaned, story) -> None:
    if header.dates:
        article.date = header.dates[0][1].date
        article.provenance["date"] = f"date line at the top ({header.dates[0][1].rule})"
        return
    opening = dateline(story[0].text) if story else None
    if opening and opening.group("when"):
        found = find_dates(opening.group("when"))
        if found:
            article.date = found[0].date
            article.provenance["date"] = "dateline"
            return
    crawled = parse_crawler_date(cleaned.crawler_date)
    if crawled:
        article.date = crawled
        article.provenance["date"] = "crawler header line"


def plain_title(title: str) -> str:
    """A title as plain text: markup tags that scraping left in are dropped, and any angle
    bracket left over becomes a look-alike, so no theme can render a title as HTML."""
    title = re.sub(r"<[^<>]{0,200}>", "", title)
    return " ".join(title.replace("<", "‹").replace(">", "›").split())


def _is_name_line(text: str, knowledge: Knowledge) -> bool:
    """A line under the headline that is only a person's name: an author's byline without "By"."""
    words = text.split()
    if not 2 <= len(words) <= 3 or knowledge.gazetteer.find(text):
        return False
    return all(re.fullmatch(r"[A-Z][a-zà-ÿ'’-]+", w) and w not in knowledge.not_names for w in words)


def detect_language(text: str) -> str | None:
    """The article's language: by its writing system or its common words when they settle it,
    else by the statistical model."""
    if len(text.strip()) < 40:
        return None  # too little text to tell
    sample = text[:1500]
    found = _quick_language(sample)
    if found:
        return found
    import py3langid  # the model (and numpy) load only when the quick test cannot tell

    return py3langid.classify(sample[:600])[0]


@lru_cache(maxsize=1)
def _language_data():
    data = data_file("languages.yml", every_value_text=True)  # function words "no", "on", "y"
    # Each a class of thousands of characters, which costs milliseconds to compile: compiled (and
    # cached by ``re``) only for a text with that many letters beyond ASCII.
    scripts = [(code, "[" + "".join(ranges) + "]") for code, ranges in data["scripts"].items()]
    languages_of: dict[str, list[str]] = {}  # function word -> the languages it belongs to
    for code, ws in data["function_words"].items():
        for w in {w.casefold() for w in ws}:
            languages_of.setdefault(w, []).append(code)
    return scripts, languages_of, list(data["function_words"])


ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _quick_language(sample: str) -> str | None:
    scripts, languages_of, codes = _language_data()
    plain = ascii_form(sample)  # None: letters beyond ASCII (typography is no script's letters)
    tokens = folded_letter_runs(sample if plain is None else plain)  # (the same runs: no letter is typography)
    if plain is None:
        letters = sum(map(len, tokens)) or 1
        others = ASCII_RUNS.sub("", sample)  # a script's letters are never ASCII
        # (curly quotes and dashes in English text are too few to be any script's share)
        for code, pattern in scripts if len(others) >= 0.3 * letters else ():
            if len(re.findall(pattern, others)) >= 0.3 * letters:
                return code
        if len(CYRILLIC.findall(others)) >= 0.3 * letters:
            return None  # Cyrillic: Russian, Ukrainian, Bulgarian... the model tells them apart
    if len(tokens) < 12:
        return None
    hits = dict.fromkeys(codes, 0)
    for token, count in Counter(filter(languages_of.__contains__, tokens)).items():
        for code in languages_of[token]:
            hits[code] += count
    shares = sorted(((hits[code] / len(tokens), code) for code in codes), reverse=True)
    (best, code), (second, _) = shares[0], shares[1]
    return code if best >= 0.2 and best >= 2 * second else None


def summarise(lines) -> str:
    """The lead: the opening sentences of the body's first real paragraph (a deck or the first
    paragraph of the story), at most ``SUMMARY_MAX_CHARS``."""
    for line in lines:
        if line.words < 12:
            continue
        summary = ""
        for sentence in sentences(line.text):
            if summary and len(summary) + len(sentence) + 1 > SUMMARY_MAX_CHARS:
                break
            summary = f"{summary} {sentence}".strip()
        if len(summary) > SUMMARY_MAX_CHARS:
            summary = summary[:SUMMARY_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return summary
    return ""


def apply_given(article: Article, given: dict[str, object]) -> None:
    """Front matter a user wrote in a Markdown input wins over anything extracted."""
    for key, value in given.items():
        if key == "date":
            article.date = parse_iso_date(value)
            if article.date:
                article.review = [r for r in article.review if r != REVIEW_NO_DATE]
        elif key == "title" and value:
            article.title = str(value)
            article.review = [r for r in article.review if r != REVIEW_TITLE]
        elif key in RECORD_FIELDS:
            setattr(article, key, as_records(value, RECORD_FIELDS[key]))
        elif key in ENTITY_FIELDS:
            setattr(article, key, _as_str_list(value))
        elif key in ("source", "summary", "language", "url", "author") and value is not None:
            setattr(article, key, str(value))
        elif key in page_keys.NOT_FROM_INPUT:
            article.notices.append(f"front matter: '{key}' is the briefing's to choose, not a clipping's; dropped")
            continue
        elif (wrong := page_keys.problem(key, value)) is not None:
            article.notices.append(f"front matter: {key}: {wrong}; dropped (MkDocs could not build the page)")
            continue
        elif key not in ("words", "original", "review"):
            article.extra[key] = value
        article.provenance[key] = "given in the input's front matter"
