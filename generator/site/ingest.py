"""Phase 2 of a build: the documents of changed inputs made into articles, and each article
checked against those already in the briefing for being a copy of one."""

from __future__ import annotations

import os
from typing import NamedTuple

from ..article import Article
from ..clean.learned import keys_of
from ..errors import InputError
from ..read import RawDocument
from .context import Context
from .duplicates import DuplicateFinder
from .plan import Plan


class Extracted(NamedTuple):
    """One document of an input, taken as far as it went."""

    doc: RawDocument | InputError  # the document, or why the input could not be read
    keys: list[str] | None  # its line keys (``learned``)
    article: Article | InputError | None  # the article made of it, or why none could be
    repeats: str | None  # the earlier article it is a copy of, if any


class Ingested(NamedTuple):
    """One input file, extracted."""

    name: str  # articles/-relative
    status: os.stat_result | None  # its file as it was read (None when it could not be)
    extracted: list[Extracted]


def ingest(context: Context, plan: Plan, names: list[str], finder: DuplicateFinder) -> list[Ingested]:
    """Each input's documents extracted: all the inputs' documents together
    (``extract_articles``), then checked for copies in input order, so the first of two copies
    is the one kept. What the plan read of these inputs is let go of."""
    documents = [plan.documents.pop(name) for name in names]
    # The extraction stack (language model, country data) loads only when an input changed:
    # a rebuild with nothing new starts in a fraction of the time.
    from ..extract import extract_articles

    docs, keys, keyed = [], [], []
    for items in documents:
        for item in items:
            if not isinstance(item, InputError):
                # (an input read again after learning changed was not keyed then)
                item_keys, item_keyed = plan.line_keys.pop(item.original, None) or keys_of(item.text)
                docs.append(item)
                keys.append(item_keys)
                keyed.append(item_keyed)
    outcomes = iter(zip(keys, extract_articles(docs, context.knowledge, plan.learned, keyed)))
    ingested = []
    for name, items in zip(names, documents):
        entries = []
        known = plan.same_file.get(name)
        for item in items:
            if isinstance(item, InputError):
                entries.append(Extracted(item, None, None, None))
                continue
            item_keys, article = next(outcomes)
            if not isinstance(article, Article):
                repeats = None
            elif known is not None and item.original in known.docs + [d[0] for d in known.dups]:
                # Its file is as it was: what it copies (or not) is what the last build found.
                repeats = dict(known.dups).get(item.original)
            else:
                repeats = finder.check(item.original, f"{article.title}\n{article.body}")
            entries.append(Extracted(item, item_keys, article, repeats))
        ingested.append(Ingested(name, plan.statuses.pop(name), entries))
    return ingested
