"""Stage 5: country, company and home pages from the finished set of article pages.

Indexes are computed from the article pages as they are on disk, after every article was
written, so a person's corrections to a page's front matter flow into the indexes. The generated
part of an index page sits between two markers; whatever a person writes outside them survives.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .article import Article
from .render import render
from .slug import slugify, unique_slug

BEGIN = "<!-- briefing:begin (generated; edit outside these markers) -->"
END = "<!-- briefing:end -->"
_BLOCK = re.compile(re.escape(BEGIN.split(" (")[0]) + r".*?-->.*?" + re.escape(END), re.DOTALL)
LATEST = 10
TOP = 10
RELATED = 10
PAGE_SIZE = 100  # articles listed per page: no page grows with the size of the briefing
INDEX_PAGE_SIZE = 200  # entries per page of the country and company indexes
HOME_REVIEW = 10

KINDS = {
    # kind: (folder, Article field, heading, noun)
    "country": ("countries", "countries", "Countries", "countries"),
    "company": ("companies", "companies", "Companies", "companies"),
    "person": ("people", "people", "People", "people"),
}


@dataclass
class Listed:
    """An article as the indexes see it: its page and front matter."""

    page: str
    article: Article

    def row(self) -> dict:
        a = self.article
        return {"title": a.title or Path(self.page).stem, "page": self.page,
                "date": a.date.isoformat() if a.date else None, "source": a.source,
                "summary": a.summary, "review": a.review}


def _newest_first(items: list[Listed]) -> list[Listed]:
    return sorted(items, key=lambda l: (l.article.date is not None, l.article.date or "", l.page), reverse=True)


def entity_pages(listed: list[Listed]) -> dict[str, dict[str, str]]:
    """kind -> entity name -> page path, with stable unique slugs."""
    pages: dict[str, dict[str, str]] = {}
    for kind, (folder, attr, *_rest) in KINDS.items():
        names = sorted({n for l in listed for n in getattr(l.article, attr)}, key=str.casefold)
        taken = {"index"}
        pages[kind] = {n: f"{folder}/{unique_slug(slugify(n), taken)}.md" for n in names}
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


def build_indexes(listed: list[Listed], site_name: str, templates_dir: Path | None,
                  known=lambda kind, name: True, stories: dict[str, str] | None = None) -> dict[str, str]:
    """Docs-relative path -> the generated block of every index page. Long listings are raw HTML
    (Markdown lists of thousands of links make `mkdocs build` several times slower).
    ``known(kind, name)`` says whether the registry knows a name (for the review queue)."""
    pages = entity_pages(listed)
    stories = stories or {}
    out: dict[str, str] = {}
    counts: dict[str, Counter] = {}
    for kind, (folder, attr, heading, noun) in KINDS.items():
        mentions: dict[str, list[Listed]] = {}
        for item in listed:
            for name in dict.fromkeys(getattr(item.article, attr)):
                mentions.setdefault(name, []).append(item)
        counts[kind] = Counter({name: len(items) for name, items in mentions.items()})
        for name, items in mentions.items():
            rows = fold_stories(items, stories)
            dates = sorted(l.article.date.isoformat() for l in items if l.article.date)
            for path, chunk, pager in paginate(pages[kind][name], rows, PAGE_SIZE):
                out[path] = render(
                    "entity.md.j2", templates_dir,
                    entity={"name": name, "kind": kind, "page": path},
                    count=len(items), story_count=len(rows), articles=chunk, pager=pager,
                    feed=feed_path(pages[kind][name]) if kind in ("country", "company") else None,
                    related=_connections(kind, name, items, pages),
                    sources=_ranked(Counter(l.article.source for l in items if l.article.source))[:RELATED],
                    first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
                )
        entries = [{"name": n, "page": pages[kind][n], "count": c} for n, c in _ranked(counts[kind])]
        for path, chunk, pager in paginate(f"{folder}/index.md", entries, INDEX_PAGE_SIZE):
            out[path] = render("entity_index.md.j2", templates_dir, heading=heading, noun=noun,
                               map=WORLD_MAP if kind == "country" and pager["number"] == 1 else None,
                               column={"country": "Country", "company": "Company", "person": "Person"}[kind], page=path,
                               total=len(entries), entries=chunk, pager=pager)
    out.update(_timeline(listed, templates_dir))
    review = [l.row() for l in sorted(listed, key=lambda l: l.page) if l.article.review]
    # Names found by rules in a single article, unknown to the registry: the least certain values.
    once = [{"name": name, "kind": kind, "page": pages[kind][name]}
            for kind in ("company", "person") for name, count in sorted(counts[kind].items())
            if count == 1 and not known(kind, name)][:INDEX_PAGE_SIZE]
    for path, chunk, pager in paginate("review.md", review, PAGE_SIZE):
        out[path] = render("review.md.j2", templates_dir, page=path, total=len(review), items=chunk, pager=pager,
                           unknown=once if pager["number"] == 1 else [])
    out["index.md"] = _home(listed, pages, counts, site_name, templates_dir, review,
                            len({stories.get(l.page, l.page) for l in listed}))
    return out


TIMELINE_CHART = "timeline/coverage.svg"
WORLD_MAP = "countries/world.svg"


def _by_month(listed: list[Listed]) -> dict[str, list[Listed]]:
    months: dict[str, list[Listed]] = {}
    for item in listed:
        if item.article.date:
            months.setdefault(item.article.date.strftime("%Y-%m"), []).append(item)
    return dict(sorted(months.items(), reverse=True))


def _timeline(listed: list[Listed], templates_dir) -> dict[str, str]:
    """The timeline page (months, newest first) and one listing per month and for the undated."""
    out: dict[str, str] = {}
    months = []
    for month, items in _by_month(listed).items():
        first = f"timeline/{month}.md"
        months.append({"label": month, "page": first, "count": len(items)})
        for path, chunk, pager in paginate(first, _newest_first(items), PAGE_SIZE):
            out[path] = render("listing.md.j2", templates_dir, page=path, heading=f"Articles of {month}",
                               intro=f"{len(items)} article{'s' if len(items) != 1 else ''} dated in {month}.",
                               articles=[l.row() for l in chunk], pager=pager)
    undated = sorted((l for l in listed if not l.article.date), key=lambda l: l.page)
    for path, chunk, pager in paginate("timeline/undated.md", undated, PAGE_SIZE):
        out[path] = render("listing.md.j2", templates_dir, page=path, heading="Undated articles",
                           intro=f"{len(undated)} article{'s' if len(undated) != 1 else ''} without a stated date: "
                                 "set `date` in a page's front matter to place it on the timeline.",
                           articles=[l.row() for l in chunk], pager=pager)
    out["timeline.md"] = render("timeline.md.j2", templates_dir, page="timeline.md", months=months,
                                undated={"page": "timeline/undated.md", "count": len(undated)}, chart=TIMELINE_CHART)
    return out


def build_charts(listed: list[Listed], country_code, stories: dict[str, str] | None = None) -> dict[str, str]:
    """The SVG charts: coverage per month on the timeline, and a world map on the countries index
    shaded by how many stories mention each country (copies of one story count once)."""
    stories = stories or {}
    from .charts import coverage_chart, world_map

    months = sorted(_by_month(listed))
    series = []
    for kind in ("country", "company"):
        attr = KINDS[kind][1]
        top = _ranked(Counter(n for l in listed if l.article.date for n in dict.fromkeys(getattr(l.article, attr))))[:4]
        for name, _count in top:
            per_month = Counter(l.article.date.strftime("%Y-%m") for l in listed
                                if l.article.date and name in getattr(l.article, attr))
            series.append((name, [per_month.get(m, 0) for m in months]))
    story_sets: dict[str, set[str]] = {}
    for item in listed:
        for name in dict.fromkeys(item.article.countries):
            code = country_code(name)
            if code:
                story_sets.setdefault(code, set()).add(stories.get(item.page, item.page))
    return {TIMELINE_CHART: coverage_chart(months, series, "Articles per month"),
            WORLD_MAP: world_map({code: len(s) for code, s in story_sets.items()}, "Stories per country")}


def _connections(kind: str, name: str, items: list[Listed], pages) -> list[dict]:
    """The countries, companies and people most often mentioned in the same articles."""
    groups = []
    for other, (_folder, attr, heading, _noun) in KINDS.items():
        together = Counter(n for l in items for n in dict.fromkeys(getattr(l.article, attr)) if not (other == kind and n == name))
        if together:
            groups.append({"label": heading, "items": [{"name": n, "page": pages[other][n], "count": c}
                                                       for n, c in _ranked(together)[:RELATED]]})
    return groups


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold()))


def _home(listed, pages, counts, site_name, templates_dir, review, story_count) -> str:
    dates = sorted(l.article.date.isoformat() for l in listed if l.article.date)
    sources = {l.article.source for l in listed if l.article.source}
    stats = {"articles": len(listed), "stories": story_count, "undated": len(listed) - len(dates),
             "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
             "sources": len(sources)}

    def top(kind):
        return [{"name": n, "page": pages[kind][n], "count": c} for n, c in _ranked(counts[kind])[:TOP]]

    return render("home.md.j2", templates_dir, site_name=site_name, page="index.md", stats=stats, feed=feed_path("index.md"),
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
