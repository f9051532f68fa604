"""Companies the gazetteer does not know, found by the cues that mark a company: a legal suffix
("KDDI Corp."), a descriptor before the name ("drone maker DJI"), an industry word ending it
("JAC Motors") or a web address ("Jet.com"). A name a rule finds is matched to the gazetteer
allowing one typing error ("Rostelcom" is Rostelecom)."""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick_rs

from ..knowledge import Knowledge, fold, strip_legal_suffixes, without_legal_form
from ..words.alternation import alternation
from .names import COMPANY_WORD, bare, overlaps, trim_leading

DOTCOM = re.compile(r"\b[A-Z][A-Za-z0-9-]+\.com\b")
# Rules that guess at a company from one cue only; what they find, unknown to the registry, goes
# to the review queue as a low-confidence value.
GUESSING_RULES = ("industry word rule", "web address rule", "context rule")
LOW_CONFIDENCE = " (a guess from one cue)"
TYPO = " (one letter apart)"
TYPO_MIN_LETTERS = 6  # a shorter name one letter from a known one is as often another name ("Ativa", Aviva)


def strip_legal_suffix(name: str, knowledge: Knowledge) -> str:
    return strip_legal_suffixes(name, knowledge.legal_suffixes)


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


@lru_cache(maxsize=4)
def _fuzzy_index(knowledge: Knowledge) -> dict[str, list[tuple[int, str, str]]]:
    """One-word company names under each of their one-letter deletions (and themselves): two
    words one typing error apart share such a key. Each name keeps its place in the registry,
    which decides between two candidates."""
    index: dict[str, list[tuple[int, str, str]]] = {}
    for order, ((kind, folded), name) in enumerate(knowledge.canonical.items()):
        if kind == "company" and len(folded) >= TYPO_MIN_LETTERS and " " not in folded:
            for key in _deletions(folded):
                index.setdefault(key, []).append((order, folded, name))
    return index


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


@lru_cache(maxsize=4096)  # the same companies recur across a briefing's articles
def canonical_company(name: str, knowledge: Knowledge) -> tuple[str, str]:
    """The gazetteer's name for a company a rule found, allowing one typing error in one-word
    names of ``TYPO_MIN_LETTERS`` letters or more; (name, "known", "typo" or "unknown"). An
    unknown name keeps the suffixes the press writes as part of it ("Baku Steel Company")."""
    bare = strip_legal_suffix(name, knowledge)
    known = knowledge.canonical_name("company", bare)
    if known:
        return known, "known"
    folded = fold(bare)
    if len(folded) >= TYPO_MIN_LETTERS and " " not in folded:
        index = _fuzzy_index(knowledge)
        near = {entry for key in _deletions(folded) for entry in index.get(key, ())}
        for _, alias, canonical in sorted(near):
            if alias[0] == folded[0] and _within_one_edit(folded, alias):
                return canonical, "typo"
    return press_name(name, knowledge), "unknown"


def press_name(written: str, knowledge: Knowledge) -> str:
    """An unknown company's name as the press writes it: without its legal form, keeping the
    suffixes that are part of the name ("Baku Steel Company", "Tanzania Railway Corp") but not
    those the press drops after a name that stands by itself ("PPX Mining Corp." -> "PPX Mining",
    "Hastings Group Holdings Ltd." -> "Hastings Group")."""
    words = without_legal_form(written, knowledge.name_suffixes).split()
    while len(words) > 1 and words[-1] in knowledge.dropped_suffixes and _stands_alone(words[:-1], knowledge):
        words.pop()
    return " ".join(words)


def _stands_alone(words: list[str], knowledge: Knowledge) -> bool:
    """Whether a name has a word that is neither an ordinary word nor a country's ("PPX", not
    "Tanzania Railway")."""
    return any(w[:1].isupper() and not knowledge.ordinary_word(bare(w)) and not any(
        e.kind == "country" for e in knowledge.gazetteer.lookup(bare(w))) for w in words)


def _is_institution(words: list[str], knowledge: Knowledge) -> bool:
    return any(bare(w) in knowledge.institution_words for w in words)


def _generic(word: str, knowledge: Knowledge) -> bool:
    """A word that is never a company's name on its own: a descriptor ("Companhia", "Grupo"), a
    legal suffix, an industry word ("Seguros", "Mining"), or a country's name or adjective in any
    case ("Mexicano")."""
    word = word.rstrip(".,")
    return word.casefold() in knowledge.descriptors or word in knowledge.legal_suffixes or word in knowledge.head_nouns \
        or word in knowledge.news_head_nouns or any(
        e.kind == "country" for form in {word, word.lower()} for e in knowledge.gazetteer.lookup(form))


JOINED_BEFORE = re.compile(rf"({COMPANY_WORD})[ \t]+(?:&|and)[ \t]+$")


def _company_candidate(knowledge, taken, name, start, why, written: str | None = None,
                       absorbed: list | None = None) -> tuple[int, str, str, str] | None:
    """``written``: the name with the legal suffix that marked it, as the text has them.
    ``absorbed``: given by a rule that marks a name's whole extent, the names found inside it
    ("Cemex" in "Cemex Asian South East Corporation") do not stop it, and its span goes there."""
    original = " ".join(name.split())
    words = trim_leading(original.split(), knowledge)
    owner = next((i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))), None)
    if owner is not None:  # "Joe Hockey’s Bondi Partners": the company is what the owner has
        words = words[owner + 1:]
    if not words or _is_institution(words, knowledge) or (len(words) == 1 and _generic(words[0], knowledge)):
        return None
    name = " ".join(words)
    start += len(original) - len(name)  # leading words were cut from the front
    end = start + len(name)
    if overlaps(start, end, taken):
        if absorbed is None or any(overlaps(start, end, [span]) and not start <= span[0] <= span[1] <= end
                                   for span in taken):
            return None
        if any(span[0] == start and len(name[span[1] - start:].split()) < 2 for span in taken):
            return None  # "Nordea Bank Abp": the known "Nordea" with one more word is Nordea
        absorbed.append((start, end))
    entries = knowledge.gazetteer.lookup(name)
    if entries and not any(e.kind == "company" for e in entries):
        return None
    canonical, how = canonical_company(name, knowledge)
    if how == "unknown" and written is not None and name in written:  # (leading words may have been cut)
        canonical = press_name(written[written.index(name):], knowledge)
    taken.append((start, start + len(name)))
    if how == "typo":
        why += f", read as '{canonical}'{TYPO}"
    elif how == "unknown" and why.startswith(GUESSING_RULES):
        why += LOW_CONFIDENCE
    return (start, "company", canonical, why)


@lru_cache(maxsize=4)
def _company_patterns(knowledge: Knowledge) -> tuple[re.Pattern, object, re.Pattern]:
    suffixes = alternation(s.rstrip(".") for s in knowledge.legal_suffixes if s not in ("Group", "Holdings"))
    # The suffix is looked for first (it is rare), then the name before it: a pattern of the
    # whole would be tried at every capitalised word.
    legal = re.compile(rf"{suffixes}\b\.?")
    described = ahocorasick_rs.AhoCorasick(sorted(knowledge.descriptors), matchkind=ahocorasick_rs.MatchKind.Standard) \
        if knowledge.descriptors else None
    industry = re.compile(rf"[ \t]+({alternation(knowledge.head_nouns)})\b")
    return legal, described, industry


# Particles inside a company's name in Romance and Germanic languages ("Grupo Mexicano de Seguros",
# "Banco do Brasil"): between two capitalised words only.
PARTICLE = r"(?:de|del|do|da|dos|das|des|di|du)[ \t]+"
NAME_AFTER = re.compile(rf"[ \t]*,?[ \t]+({COMPANY_WORD}(?:[ \t]+(?:{PARTICLE})?{COMPANY_WORD}){{0,3}})")
NAME_BEFORE = re.compile(rf"((?:{COMPANY_WORD}[ \t]+(?:{PARTICLE}|&[ \t]+)?){{0,3}}{COMPANY_WORD})$")
AFTER_NAME = re.compile(r"[\w.&'’)]")
HEAD_NOUNS_AFTER = re.compile(r"[ \t]+(&[ \t]+|and[ \t]+)?([A-Z]\w+)")


def _name_before(text: str, end: int) -> tuple[str, int] | None:
    """The run of up to four capitalised words that ends at ``end`` (within the hundred
    characters before it), and where it starts."""
    match = NAME_BEFORE.search(text, max(0, end - 100), end)
    return (match.group(1), match.start(1)) if match else None


def _after_name(text: str, position: int) -> bool:
    """Whether ``position`` follows the end of a name (a letter, digit, dot, ampersand...)."""
    return position > 0 and AFTER_NAME.match(text, position - 1) is not None


def _gap_before(text: str, position: int, floor: int) -> int | None:
    """Where the spaces (and a comma before them) that end at ``position`` start, not before
    ``floor``; None without a space."""
    start = position
    while start > floor and text[start - 1] in " \t":
        start -= 1
    if start == position:
        return None
    return start - 1 if start > floor and text[start - 1] == "," else start


def unknown_companies(text: str, body_start: int, knowledge: Knowledge, taken: list, absorbed: list) -> list:
    """(position, "company", name, why) for each company a cue marks past ``body_start``, the
    rules in order of trust: each name found takes its stretch of text from the rules after it.
    The spans of names that hold names found before them go to ``absorbed``."""
    hits = [*_by_abbreviation(text, body_start, knowledge, taken, absorbed),
            *_by_legal_suffix(text, body_start, knowledge, taken, absorbed),
            *_by_descriptor(text, body_start, knowledge, taken),
            *_by_industry_word(text, body_start, knowledge, taken),
            *_by_web_address(text, body_start, knowledge, taken),
            *_by_context(text, body_start, knowledge, taken)]
    return [hit for hit in hits if hit is not None]


DEFINED = re.compile(r"[ \t]+\([“\"]?([A-Z][A-Z&]{1,7})[”\"]?\)")
JOINER = frozenset({"and", "&", "of", "de", "for"})


def _by_abbreviation(text: str, body_start: int, knowledge: Knowledge, taken: list, absorbed: list):
    """A name its abbreviation follows, defined by the initials of its capitalised words:
    "Island Quarry and Aggregates Corporation (IQAC)", "Saigon Commercial Bank (SCB)". The
    abbreviation marks where the name starts; a company word ending it, or a known company's
    name beginning it, makes it a company."""
    signs = knowledge.head_nouns | knowledge.name_suffixes | knowledge.defined_company_words
    for match in DEFINED.finditer(text, body_start):
        letters = match.group(1).replace("&", "")
        line_start = text.rfind("\n", 0, match.start()) + 1  # a name does not run across lines
        words = text[max(body_start, line_start, match.start() - 120):match.start()].split(" ")
        name: list[str] = []
        while words and sum(1 for w in name if w[:1].isupper()) < len(letters):
            word = words.pop()
            if not (word[:1].isupper() or (name and word in JOINER)):
                break
            name.insert(0, word)
        capitalised = [w for w in name if w[:1].isupper()]
        if not name or name[0] in JOINER or "".join(w[0] for w in capitalised) != letters:
            continue
        last = bare(capitalised[-1])
        if not (last in signs or last in knowledge.legal_suffixes or knowledge.canonical_name("company", capitalised[0])):
            continue  # a company word ends it, or a known company begins it ("Cemex Holdings Philippines (CHP)")
        written = " ".join(name)
        yield _company_candidate(knowledge, taken, written, match.start() - len(written),
                                 f"abbreviation rule: '{written}{match.group(0)}'", absorbed=absorbed)


def _by_legal_suffix(text: str, body_start: int, knowledge: Knowledge, taken: list, absorbed: list):
    legal = _company_patterns(knowledge)[0]
    position = body_start
    while (match := legal.search(text, position)) is not None:
        gap = _gap_before(text, match.start(), body_start)
        if gap is None:
            position = match.start() + 1
            continue
        position = match.end()
        if not _after_name(text, gap):
            continue
        end = gap
        if text[gap - 1] == "&":  # "JF Lehman & Company": the name runs up to the ampersand
            end = _gap_before(text, gap - 1, body_start)
            if end is None or not _after_name(text, end):
                continue
        found = _name_before(text, end)
        if found:
            name, start = found
            joined = JOINED_BEFORE.search(text, max(0, start - 40), start)
            if joined and joined.group(1) not in knowledge.legal_suffixes \
                    and not overlaps(joined.start(1), joined.end(1), taken):
                continue  # "APO Land & Quarry Corporation": not "Quarry Corporation" (but "A Corp and B Corp", "GIC and B SA")
            written = text[start:match.end()].strip()
            yield _company_candidate(knowledge, taken, name, start, f"legal suffix rule: '{written}'",
                                     written=written, absorbed=absorbed)


def _by_descriptor(text: str, body_start: int, knowledge: Knowledge, taken: list):
    described = _company_patterns(knowledge)[1]
    if described is None:
        return
    folded = text.casefold()
    lowered = folded if len(folded) == len(text) else text.lower()  # positions must stay those of ``text``
    for _, start, end in described.find_matches_as_indexes(lowered, overlapping=True):
        if start < body_start:
            continue
        if (start > 0 and lowered[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue  # inside a longer word
        after = NAME_AFTER.match(text, end)
        if not after:
            continue
        words = after.group(1).split()
        # The name ends before the first word that is no part of a name ("DJI -- which").
        while words and (words[-1] in knowledge.not_names and words[-1] not in knowledge.head_nouns):
            words.pop()
        if not words or words[0] in knowledge.not_names:
            continue
        yield _company_candidate(knowledge, taken, " ".join(words), after.start(1),
                                 f"descriptor rule: '{text[start:after.end()].strip()}'")


def _by_industry_word(text: str, body_start: int, knowledge: Knowledge, taken: list):
    industry = _company_patterns(knowledge)[2]
    for match in industry.finditer(text, body_start):
        gap, noun, end = match.start(), match.group(1), match.end()
        if not _after_name(text, gap):
            continue
        found = _name_before(text, gap)
        if not found:
            continue
        words = (found[0] + " " + noun).split()
        more = HEAD_NOUNS_AFTER.match(text, end)
        while more and more.group(2) in knowledge.head_nouns:  # "Cerberus Capital Management", "Mining & Power"
            words += more.group(0).split()
            end = more.end()
            more = HEAD_NOUNS_AFTER.match(text, end)
        if len(words) < 2 or words[-1] not in knowledge.head_nouns or _title_goes_on(text, end, knowledge):
            continue
        words = trim_leading(words, knowledge)
        if len(words) < 2 or any(w in knowledge.not_names for w in words[:-1]):
            continue
        name = " ".join(words)
        yield _company_candidate(knowledge, taken, name, end - len(name), f"industry word rule: '{name}'")


NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)\b")


def _title_goes_on(text: str, end: int, knowledge: Knowledge) -> bool:
    """Whether an ordinary capitalised word follows: the industry word was one word of a title
    ("the IPL Media Rights tender"), not the end of a company's name (which a legal form or an
    office may follow: "Orbit Motors Group", "Orbit Motors Chief Executive Jane Roe")."""
    match = NEXT_WORD.match(text, end)
    if match is None:
        return False
    word = match.group(1)
    return knowledge.ordinary_word(word) and word not in knowledge.not_names and word not in knowledge.legal_suffixes \
        and word.casefold() not in _role_words(knowledge)


@lru_cache(maxsize=4)
def _role_words(knowledge: Knowledge) -> frozenset[str]:
    """The first words of the offices ("chief" of "chief executive"), case-folded."""
    return frozenset(role.split()[0] for role in knowledge.roles if role.split())


def _by_web_address(text: str, body_start: int, knowledge: Knowledge, taken: list):
    for match in DOTCOM.finditer(text, body_start):
        yield _company_candidate(knowledge, taken, match.group(0), match.start(), f"web address rule: '{match.group(0)}'")


@lru_cache(maxsize=4)
def _context_patterns(knowledge: Knowledge) -> tuple[re.Pattern | None, re.Pattern | None]:
    before, after = knowledge.company_context
    name = rf"({COMPANY_WORD}(?:[ \t]+{COMPANY_WORD}){{0,3}})"
    return (re.compile(rf"\b(?i:{alternation(before)})[ \t]+{name}") if before else None,
            re.compile(rf"{name}(?:{alternation(after)})\b") if after else None)


def _by_context(text: str, body_start: int, knowledge: Knowledge, taken: list):
    """A capitalised name the words around it make a company: "shares of Sabesp", "a stake in
    Topdanmark", "HSBC's chief executive"."""
    for pattern in _context_patterns(knowledge):
        for match in pattern.finditer(text, body_start) if pattern else ():
            words = match.group(1).split()
            while words and words[-1] in knowledge.not_names:
                words.pop()
            if not words or words[0] in knowledge.not_names or all(knowledge.ordinary_word(bare(w)) for w in words):
                continue
            name = " ".join(words)
            yield _company_candidate(knowledge, taken, name, match.start(1), f"context rule: '{match.group(0).strip()}'")
