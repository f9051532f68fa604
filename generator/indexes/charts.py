"""Static SVG charts, drawn at build time with pygal: a world map of coverage for the countries
index and articles per month for the timeline. They need no JavaScript to read."""

from __future__ import annotations

import re
from functools import lru_cache

_ID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DATED_COMMENT = re.compile(r"<!--Generated with pygal[^>]*-->")
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _deterministic(svg: str, name: str) -> str:
    """The same chart gives the same bytes: no random id, no date, and no script."""
    svg = _ID.sub(f"chart-{name}", svg)
    svg = _DATED_COMMENT.sub("<!--Generated with pygal-->", svg)
    return _SCRIPT.sub("", svg)


def world_map(counts: dict[str, int], title: str) -> str:
    """Countries (ISO alpha-2 codes) shaded by a count (how many stories mention them)."""
    return _world_map(tuple(sorted(counts.items())), title)


# Under `mkdocs serve` most edits leave a chart's data as it was: the chart last drawn is reused.
@lru_cache(maxsize=2)
def _world_map(counts: tuple[tuple[str, int], ...], title: str) -> str:
    from pygal.maps.world import World

    chart = World(js=[], show_legend=False, width=900, height=450, disable_xml_declaration=True,
                  title=title, print_values=False)
    chart.add("Stories", {code.lower(): n for code, n in counts})
    return _deterministic(chart.render(is_unicode=True), "world")


def coverage_chart(months: list[str], series: list[tuple[str, list[int]]], title: str) -> str:
    """Articles per month for the most mentioned countries and companies. Over more than two
    years a month's dot is a speck on a line that already says it, and drawing them took most of
    the chart's time and size: they are left out."""
    return _coverage_chart(tuple(months), tuple((name, tuple(values)) for name, values in series), title)


@lru_cache(maxsize=2)
def _coverage_chart(months: tuple[str, ...], series: tuple[tuple[str, tuple[int, ...]], ...], title: str) -> str:
    import pygal

    chart = pygal.Line(js=[], width=900, height=400, disable_xml_declaration=True, title=title,
                       x_label_rotation=30, show_minor_x_labels=len(months) <= 24, truncate_legend=30,
                       legend_at_bottom=True, dots_size=2, show_dots=len(months) <= 24)
    chart.x_labels = list(months)
    if len(months) > 24:
        chart.x_labels_major = list(months[:: max(1, len(months) // 12)])
    for name, values in series:
        chart.add(name, list(values))
    return _deterministic(chart.render(is_unicode=True), "coverage")
