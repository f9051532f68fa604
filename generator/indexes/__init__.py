"""Stage 5: country, company and home pages from the finished set of article pages.

Indexes are computed from the article pages as they are on disk, after every article was
written, so a person's corrections to a page's front matter flow into the indexes. The generated
part of an index page sits between two markers; whatever a person writes outside them survives.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import orjson

from ..article import Article
from ..kinds import FOLLOWED, INDEXED
from ..page.render import render
from ..page.slug import entity_page_slug, unique_slug
from .memo import Memo
from .review import possible_duplicates

BEGIN = "<!-- briefing:begin (generated; edit outside these markers) -->"
END = "<!-- briefing:end -->"
_BLOCK = re.compile(re.escape(BEGIN.split(" (")[0]) + r".*?-->.*?" + re.escape(END), re.DOTALL)
LATEST = 10
TOP = 10
RELATED = 10
PAGE_SIZE = 100  # articles listed per page: no page grows with the size of the briefing
INDEX_PAGE_SIZE = 200  # entries per page of the country and company indexes
HOME_REVIEW = 10
QUOTES = 10  # newest quotes on an entity page
QUOTE_SCAN = 200  # of its newest articles: a page's quotes are recent ones, found in bounded time
EVENTS = 200  # events listed on a month's page

# The folders of docs/ the generator writes index pages into (besides the home page).
INDEX_FOLDERS = (*(kind.folder for kind in INDEXED), "timeline", "review")


@dataclass
class Listed:
    """An article as the indexes see it: its page and front matter."""

    page: str
    article: Article
    _row: dict | None = field(default=None, init=False, repr=False, compare=False)

    def row(self) -> dict:
        """The article as a listing row (one dict, made once: an article is listed on many pages;
        callers copy it before adding to it)."""
        if self._row is None:
            a = self.article
            self._row = {"title": a.title or Path(self.page).stem, "page": self.page,
                         "date": a.date.isoformat() if a.date else None, "source": a.source,
                         "summary": a.summary, "review": a.review}
        return self._row


def _newest_first(items: list[Listed]) -> list[Listed]:
    return sorted(items, key=lambda l: (l.article.date is not None, l.article.date or "", l.page), reverse=True)


def entity_pages(listed: list[Listed]) -> dict[str, dict[str, str]]:
    """kind -> entity name -> page path (``entity_slug``: what article pages link to). Two names
    that differ only in capitals ("LG Uplus", "LG UPlus") would share a slug: the second in
    alphabetical order gets a number."""
    pages: dict[str, dict[str, str]] = {}
    for kind in INDEXED:
        names = sorted({n for l in listed for n in getattr(l.article, kind.field)}, key=str.casefold)
        taken = {"index"}
        pages[kind.name] = {n: f"{kind.folder}/{unique_slug(entity_page_slug(kind.field, n), taken)}.md" for n in names}
    return pages


def feed_path(page: str) -> str:
    """``countries/japan.md`` -> ``feeds/countries/japan.xml``; the home page -> ``feeds/all.xml``."""
    return "feeds/all.xml" if page == "index.md" else "feeds/" + page.removesuffix(".md") + ".xml"


def paginate(first_page: str, items: list, size: int) -> list[tuple[str, list, dict]]:
    """Split a listing into pages: ``countries/china.md``, then ``countries/china/2.md``...

    Each item of the result is (page path, its items, the pager: number, total, prev, next)."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    stem = first_page.removesuffix(".md").removesuffix("/index")
    paths = [first_page] + [f"{stem}/{n}.md" for n in range(2, len(chunks) + 1)]
    return [(paths[i], chunk, {"number": i + 1, "total": len(chunks),
                               "prev": paths[i - 1] if i else None,
                               "next": paths[i + 1] if i + 1 < len(chunks) else None})
            for i, chunk in enumerate(chunks)]


def fold_stories(items: list[Listed], stories: dict[str, str]) -> list[dict]:
    """Rows for a listing, newest first, with the other articles of the same story folded under
    the newest one (``copies``)."""
    rows, by_story = [], {}
    for item in _newest_first(items):
        key = stories.get(item.page, item.page)
        if key in by_story:
            by_story[key]["copies"].append(item.row())
        else:
            by_story[key] = dict(item.row(), copies=[])
            rows.append(by_story[key])
    return rows


class Blocks(dict):
    """Docs-relative path -> the generated block of an index page.

    Every page's ``keys`` entry digests what its block is rendered from (template, context and
    ``salt``: the generator's code, templates and settings). When ``reuse(path, key)`` says the
    page's file already holds the block of that key, the page is not rendered again: its path
    goes to ``kept`` instead. Adding one article to a large briefing changes a few dozen pages."""

    def __init__(self, templates_dir: Path | None, salt: str = "", reuse=None):
        super().__init__()
        self.templates_dir, self.salt, self.reuse = templates_dir, salt, reuse
        self.keys: dict[str, str] = {}
        self.kept: set[str] = set()

    def render(self, path: str, template: str, **context) -> None:
        # (orjson: the digest of some 1,400 index pages' contexts at 10,000 articles, a tenth of the
        # time the standard encoder took)
        basis = orjson.dumps([self.salt, template, context], default=str,
                             option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
        key = hashlib.blake2b(basis, digest_size=16).hexdigest()
        self.keys[path] = key
        if self.reuse is not None and self.reuse(path, key):
            self.kept.add(path)
        else:
            self[path] = render(template, self.templates_dir, **context)


def build_indexes(listed: list[Listed], site_name: str, templates_dir: Path | None,
                  known=lambda kind, name: True, stories: dict[str, str] | None = None,
                  salt: str = "", reuse=None, named_in=lambda text: set(), memo: Memo | None = None,
                  basis: object = None, pages: dict[str, dict[str, str]] | None = None) -> Blocks:
    """Docs-relative path -> the generated block of every index page (see ``Blocks`` for
    ``salt`` and ``reuse``). Long listings are raw HTML (Markdown lists of thousands of links
    make `mkdocs build` several times slower). ``known(kind, name)`` says whether the registry
    knows a name (for the review queue); ``named_in(text)``, the (kind, name) of the countries
    and companies a text names in any of their forms (what a quote is about), by ``basis``
    (the knowledge: ``memo`` reuses what was made with the same). ``memo``: the blocks of the
    last build of this process (``memo.py``); ``pages``: ``entity_pages(listed)``, when the
    caller has it."""
    pages = pages or entity_pages(listed)
    stories = stories or {}
    out = Blocks(templates_dir, salt, reuse)
    if memo is not None:
        memo.start(stories)
    counts: dict[str, Counter] = {}
    only_in: dict[tuple[str, str], str] = {}  # (kind, name) -> the one page that names it
    for entity_kind in INDEXED:
        kind = entity_kind.name
        mentions: dict[str, list[Listed]] = {}
        for item in listed:
            for name in dict.fromkeys(getattr(item.article, entity_kind.field)):
                mentions.setdefault(name, []).append(item)
        counts[kind] = Counter({name: len(items) for name, items in mentions.items()})
        only_in.update({(kind, name): items[0].page for name, items in mentions.items() if len(items) == 1})
        for name, items in mentions.items():
            if memo is not None and memo.kept(out, (kind, name), items, stories, pages, basis):
                continue
            refs = {(kind, name): pages[kind][name]}
            paths = _entity_block(out, entity_kind, name, items, pages, stories, named_in, refs)
            if memo is not None:
                memo.remember(out, (kind, name), items, stories, refs, paths, basis)
        entries = [{"name": n, "page": pages[kind][n], "count": c} for n, c in _ranked(counts[kind])]
        for path, chunk, pager in paginate(f"{entity_kind.folder}/index.md", entries, INDEX_PAGE_SIZE):
            out.render(path, "entity_index.md.j2", heading=entity_kind.heading, noun=entity_kind.noun,
                       map=WORLD_MAP if kind == "country" and pager["number"] == 1 else None,
                       column=entity_kind.label, page=path,
                       total=len(entries), entries=chunk, pager=pager)
    _timeline(out, listed, stories)
    titles = {l.page: l.article.title or Path(l.page).stem for l in listed}
    review = _review_items(listed, stories, titles)
    # Names found by rules in a single article, unknown to the registry: the least certain values.
    once = [{"name": name, "kind": kind, "page": pages[kind][name], "article_page": only_in[(kind, name)],
             "article_title": titles[only_in[(kind, name)]]}
            for kind in (k.name for k in INDEXED if k.registry) for name, count in sorted(counts[kind].items())
            if count == 1 and not known(kind, name)][:INDEX_PAGE_SIZE]
    for path, chunk, pager in paginate("review.md", review, PAGE_SIZE):
        out.render(path, "review.md.j2", page=path, total=len(review), items=chunk, pager=pager,
                   unknown=once if pager["number"] == 1 else [])
    _home(out, listed, pages, counts, site_name, review, len({stories.get(l.page, l.page) for l in listed}))
    if memo is not None:
        memo.finish()
    return out


def _entity_block(out: Blocks, entity_kind, name: str, items: list[Listed], pages, stories: dict[str, str],
                  named_in, refs: dict) -> list[str]:
    """The pages of one country's, company's or person's listing; returns their paths, and
    notes in ``refs`` the page of every other name they link to."""
    kind = entity_kind.name
    rows = fold_stories(items, stories)
    dates = sorted(l.article.date.isoformat() for l in items if l.article.date)
    paths = []
    for path, chunk, pager in paginate(pages[kind][name], rows, PAGE_SIZE):
        # The overview (names mentioned with it, sources, quotes) is on the first page; the
        # pages after it only continue the listing.
        first = pager["number"] == 1
        out.render(
            path, "entity.md.j2",
            entity={"name": name, "kind": kind, "page": path, "first_page": pages[kind][name]},
            count=len(items), story_count=len(rows), articles=chunk, pager=pager,
            feed=feed_path(pages[kind][name]) if entity_kind.feed else None,
            related=_connections(kind, name, items, pages, refs) if first else [],
            sources=_ranked(Counter(l.article.source for l in items if l.article.source))[:RELATED] if first else [],
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            quotes=(_quotes(items, pages, refs, speaker=name) if kind == "person" else
                    _quotes(items, pages, refs, about=(kind, name), named_in=named_in)) if first else [],
        )
        paths.append(path)
    return paths


def _review_items(listed: list[Listed], stories: dict[str, str], titles: dict[str, str]) -> list[dict]:
    """Each article with something to check: what its ``review`` key says, and the pages it may
    be a copy of."""
    copies = possible_duplicates({l.page: l.article for l in listed}, stories)
    review = []
    for item in sorted(listed, key=lambda l: l.page):
        checks = [{"text": text, "page": None} for text in item.article.review]
        checks += [{"text": "possibly the same article as", "page": other, "title": titles[other]}
                   for other in copies.get(item.page, [])]
        if checks:
            review.append(dict(item.row(), checks=checks))
    return review


TIMELINE_CHART = "timeline/coverage.svg"
WORLD_MAP = "countries/world.svg"


def _by_month(listed: list[Listed]) -> dict[str, list[Listed]]:
    months: dict[str, list[Listed]] = {}
    for item in listed:
        if item.article.date:
            months.setdefault(item.article.date.strftime("%Y-%m"), []).append(item)
    return dict(sorted(months.items(), reverse=True))


def _events_by_month(listed: list[Listed]) -> dict[str, list[dict]]:
    """Events stated in articles, by the month they fall in, each with the article it comes from."""
    months: dict[str, list[dict]] = {}
    for item in listed:
        for event in item.article.events:
            if re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", event["date"]):
                months.setdefault(event["date"][:7], []).append(dict(item.row(), when=event["date"], text=event["text"]))
    for events in months.values():
        events.sort(key=lambda e: (e["when"], e["page"], e["text"]))
    return months


def _timeline(out: Blocks, listed: list[Listed], stories: dict[str, str]) -> None:
    """The timeline page (months, newest first) and one page per month with the events stated
    for it and its stories, and a listing of the undated articles."""
    months = []
    dated = _by_month(listed)
    events = _events_by_month(listed)
    for month in sorted(set(dated) | set(events), reverse=True):
        items, stated = dated.get(month, []), events.get(month, [])
        rows = fold_stories(items, stories)
        first = f"timeline/{month}.md"
        months.append({"label": month, "page": first, "count": len(items), "stories": len(rows), "events": len(stated)})
        intro = (f"{len(items)} article{'s' if len(items) != 1 else ''} in {len(rows)} stor{'ies' if len(rows) != 1 else 'y'}"
                 f" dated in {month}; {len(stated)} event{'s' if len(stated) != 1 else ''} stated for it in articles.")
        for path, chunk, pager in paginate(first, rows, PAGE_SIZE):
            out.render(path, "listing.md.j2", page=path, heading=month, intro=intro,
                       events=stated[:EVENTS] if pager["number"] == 1 else [],
                       more_events=max(0, len(stated) - EVENTS), articles=chunk, pager=pager)
    undated = sorted((l for l in listed if not l.article.date), key=lambda l: l.page)
    for path, chunk, pager in paginate("timeline/undated.md", undated, PAGE_SIZE):
        out.render(path, "listing.md.j2", page=path, heading="Undated articles",
                   intro=f"{len(undated)} article{'s' if len(undated) != 1 else ''} without a stated date: "
                         "set `date` in a page's front matter to place it on the timeline.",
                   events=[], more_events=0, articles=[dict(l.row(), copies=[]) for l in chunk], pager=pager)
    out.render("timeline.md", "timeline.md.j2", page="timeline.md", months=months,
               undated={"page": "timeline/undated.md", "count": len(undated)}, chart=TIMELINE_CHART)


def build_charts(listed: list[Listed], country_code, stories: dict[str, str] | None = None) -> dict[str, str]:
    """The SVG charts: coverage per month on the timeline, and a world map on the countries index
    shaded by how many stories mention each country (copies of one story count once)."""
    stories = stories or {}
    from .charts import coverage_chart, world_map

    month_of: dict = {}  # date -> its month (a briefing has far fewer days than articles)
    dated = [(l.article, month_of.get(d) or month_of.setdefault(d, d.strftime("%Y-%m")))
             for l in listed if (d := l.article.date)]
    months = sorted(set(month_of.values()))
    series = []
    for kind in FOLLOWED:
        attr = kind.field
        # (one count of names by month, each name's total from it: counting again for each
        # followed name took twice as long)
        by_month = Counter(chain.from_iterable(((n, month) for n in dict.fromkeys(getattr(a, attr))) for a, month in dated))
        totals: Counter = Counter()
        for (name, _), count in by_month.items():
            totals[name] += count
        for name, _count in _ranked(totals)[:4]:
            series.append((name, [by_month[(name, m)] for m in months]))
    codes: dict[str, str | None] = {}  # (a briefing names a few hundred countries, thousands of times)
    story_sets: dict[str, set[str]] = {}
    for item in listed:
        for name in dict.fromkeys(item.article.countries):
            code = codes[name] if name in codes else codes.setdefault(name, country_code(name))
            if code:
                story_sets.setdefault(code, set()).add(stories.get(item.page, item.page))
    return {TIMELINE_CHART: coverage_chart(months, series, "Articles per month"),
            WORLD_MAP: world_map({code: len(s) for code, s in story_sets.items()}, "Stories per country")}


def _connections(kind: str, name: str, items: list[Listed], pages, refs: dict) -> list[dict]:
    """The countries, companies and people most often mentioned in the same articles (their
    pages noted in ``refs``)."""
    groups = []
    for other in INDEXED:
        together = Counter(n for l in items for n in dict.fromkeys(getattr(l.article, other.field))
                           if not (other.name == kind and n == name))
        if together:
            top = _ranked(together)[:RELATED]
            refs.update({(other.name, n): pages[other.name][n] for n, _ in top})
            groups.append({"label": other.heading, "items": [{"name": n, "page": pages[other.name][n], "count": c}
                                                       for n, c in top]})
    return groups


def _quotes(items: list[Listed], pages, refs: dict, speaker: str | None = None, about: tuple[str, str] | None = None,
            named_in=None) -> list[dict]:
    """The newest quotes in ``items`` that belong on a page: on a person's, their own (``speaker``);
    on a country's or company's, those of someone speaking for it (the quote's ``for``) and those
    that name it (``about``), by its name or any other form ``named_in`` knows ("Chinese",
    "Beijing", "Huawei Technologies"). A chief executive on his company's sales is not a quote
    about every country his article names."""
    found = []
    for item in _newest_first(items)[:QUOTE_SCAN]:
        for quote in item.article.quotes:
            if speaker is not None and quote["speaker"] != speaker:
                continue
            if about is not None and quote.get("for") != about[1] and not _names(quote["text"], about, named_in):
                continue
            speaker_page = refs[("person", quote["speaker"])] = pages["person"].get(quote["speaker"])
            found.append({"text": quote["text"], "speaker": quote["speaker"], "speaker_page": speaker_page, **item.row()})
            if len(found) >= QUOTES:
                return found
    return found


def _names(text: str, about: tuple[str, str], named_in) -> bool:
    name = about[1].casefold()
    folded = text.casefold()
    if name in folded and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
        return True
    return named_in is not None and about in named_in(text)


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold()))


def _home(out: Blocks, listed, pages, counts, site_name, review, story_count) -> None:
    dates = sorted(l.article.date.isoformat() for l in listed if l.article.date)
    sources = {l.article.source for l in listed if l.article.source}
    stats = {"articles": len(listed), "stories": story_count, "undated": len(listed) - len(dates),
             "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
             "sources": len(sources)}

    def top(kind):
        return [{"name": n, "page": pages[kind][n], "count": c} for n, c in _ranked(counts[kind])[:TOP]]

    out.render("index.md", "home.md.j2", site_name=site_name, page="index.md", stats=stats, feed=feed_path("index.md"),
               latest=[l.row() for l in _newest_first(listed)[:LATEST]],
               top_countries=top("country"), top_companies=top("company"), top_people=top("person"),
               review=review[:HOME_REVIEW], review_total=len(review))


def merge_block(existing: str | None, block: str) -> str:
    """Put the generated block into a page, keeping everything a person wrote around it."""
    wrapped = f"{BEGIN}\n{block.strip()}\n{END}"
    if existing is None:
        return wrapped + "\n"
    if _BLOCK.search(existing):
        return _BLOCK.sub(lambda _: wrapped, existing, count=1)
    # A page the person wrote from scratch: keep it all and add the listing below it.
    return existing.rstrip("\n") + "\n\n" + wrapped + "\n"


def outside_block(text: str) -> str:
    """What a person wrote on an index page, outside the generated block."""
    return _BLOCK.sub("", text).strip()
