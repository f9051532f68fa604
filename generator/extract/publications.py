"""Publications the gazetteer does not know: capitalised names ending like a publication's
("the Aspen Times said"), unless the words before that ending are ordinary words ("Company
News" is a section label)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import Knowledge
from ..words.alternation import alternation
from .names import CAPITALISED_RUN, bare, overlaps, trim_leading


@lru_cache(maxsize=4)
def _head_noun_pattern(knowledge: Knowledge) -> re.Pattern:
    return re.compile(alternation(knowledge.news_head_nouns))


def find_publications(text: str, knowledge: Knowledge, taken: list) -> list:
    """Capitalised names ending like a publication's ("the Aspen Times said")."""
    hits = []
    if not _head_noun_pattern(knowledge).search(text):
        return hits  # no run of capitalised words can end in one
    for match in CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        if bare(words[-1]) not in knowledge.news_head_nouns:
            continue
        words = trim_leading(words, knowledge)
        if len(words) < 2:
            continue
        words[-1] = bare(words[-1])
        name = " ".join(words)
        start = match.start() + match.group(0).find(name)
        if overlaps(start, start + len(name), taken) or any(w in knowledge.not_mastheads for w in words[:-1]):
            continue
        if all(knowledge.ordinary_word(bare(w)) for w in words[:-1]):
            continue  # "Company News", "Border Express": a section label or a phrase, not a masthead
        hits.append((start, "news_org", knowledge.canonical_name("news_org", name) or name, f"publication name rule: '{name}'"))
        taken.append((start, start + len(name)))
    return hits
