"""Stories: articles that report the same news, grouped (a wire report republished, rewritten or
translated by several sites).

What survives rewriting and translation is who and what is named: the same people quoted, the
same news organisations cited, the same companies and countries. Each article is a vector of
those names, weighted by kind and by how rare the name is in the briefing (a name every article
carries says nothing). An article joins the story of an earlier one when it matches that story's
first article: the cosine of their vectors reaches ``THRESHOLD``, they share at least
``MIN_SHARED_RARE`` rare names, and, when both are dated, they are at most ``WINDOW_DAYS`` apart.

A person decides by hand with a ``story`` key in the front matter: articles with the same value
form one story, and an article with a ``story`` key is never grouped by the rule.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import chain

from ..kinds import KINDS

WEIGHTED = sorted(KINDS, key=lambda kind: -kind.story_weight)  # heaviest first: one fixed order
RARE = 50  # a name on at most this many pages is rare: it can tell a story apart
MIN_SHARED_RARE = 2
THRESHOLD = 0.35  # on the seeds and dev set: same story 0.40, same topic at most 0.28
WINDOW_DAYS = 7


def _features(article) -> dict[str, float]:
    features = {}
    for kind in WEIGHTED:
        attr, weight = kind.field, kind.story_weight
        for name in getattr(article, attr):
            if attr == "news_orgs" and name == article.source:
                continue  # the publication itself, not a source it cites
            features[f"{attr}:{name.casefold()}"] = weight
    return features


def group(articles: dict[str, object]) -> dict[str, str]:
    """Page -> story key (the first page of its story, in page order)."""
    global _FEATURES
    pages = sorted(articles)
    # (an article object kept from the last build has its names as then; under `mkdocs serve`
    # nearly all are)
    known = {p: _FEATURES[p] if p in _FEATURES and _FEATURES[p][0] is articles[p] else (articles[p], _features(articles[p]))
             for p in pages}
    _FEATURES = known
    features = {p: found for p, (_, found) in known.items()}
    df = Counter(chain.from_iterable(features.values()))
    n = len(pages)
    idf = {f: math.log(n / count) for f, count in df.items() if count < n}
    vectors: dict[str, dict[str, float]] = {}

    def vector_of(p: str) -> dict[str, float]:  # (only pages with a candidate need one)
        if p not in vectors:
            vector = {f: w * idf[f] for f, w in features[p].items() if f in idf}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            vectors[p] = {f: v / norm for f, v in vector.items()}
        return vectors[p]

    parent = {p: p for p in pages}

    def root(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    manual: dict[str, str] = {}
    for p in pages:
        key = articles[p].extra.get("story")
        if key not in (None, ""):
            manual.setdefault(str(key), p)
            join(manual[str(key)], p)
    # An article joins the story of an earlier article when it matches that story's first article
    # (never through a chain of articles, each a little like the next) on the names they share,
    # at least two of them rare. Candidates come from an inverted index of the rare names of
    # each story's first article.
    firsts: dict[str, list[str]] = {}
    for p in pages:
        if articles[p].extra.get("story") not in (None, ""):
            continue
        rare = [f for f in features[p] if f in idf and df[f] <= RARE]
        shared = Counter(chain.from_iterable(firsts.get(f, ()) for f in rare))
        best, best_score = None, THRESHOLD
        for first in sorted(first for first, count in shared.items() if count >= MIN_SHARED_RARE):
            vector, other = vector_of(p), vector_of(first)
            score = sum(vector[f] * other[f] for f in vector if f in other)
            if score >= best_score and _close_in_time(articles[p], articles[first]):
                best, best_score = first, score
        if best is not None:
            join(best, p)
        else:
            for f in rare:
                firsts.setdefault(f, []).append(p)
    return {p: root(p) for p in pages}


_FEATURES: dict[str, tuple[object, dict[str, float]]] = {}  # page -> (its article, its names), last grouping


def _close_in_time(a, b) -> bool:
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= WINDOW_DAYS
