"""The timeline, its coverage chart and the world map: static, deterministic, script-free SVG."""

import datetime as dt
import stat

from conftest import build_project
from lxml import etree

from generator.article import Article
from generator.indexes import Listed, build_charts


def test_timeline_pages_and_charts(sample):
    build_project(sample)
    docs = sample / "docs"
    timeline = (docs / "timeline.md").read_text(encoding="utf-8")
    assert "| [2018-08](timeline/2018-08.md) | 1 |" in timeline and "| [Undated](timeline/undated.md) | 3 |" in timeline
    assert "Japan scrutinizes China" in (docs / "timeline" / "2018-08.md").read_text(encoding="utf-8")
    for svg in (docs / "timeline" / "coverage.svg", docs / "countries" / "world.svg"):
        text = svg.read_text(encoding="utf-8")
        assert "<script" not in text
        etree.fromstring(text.encode())  # well-formed SVG
        assert stat.S_IMODE(svg.stat().st_mode) & 0o044  # readable by others, like any file


def test_charts_are_deterministic_and_shade_the_countries_mentioned():
    listed = [Listed(f"articles/2021/a{i}.md", Article(title=f"A{i}", date=dt.date(2021, 1 + i % 3, 5),
                                                       countries=["Japan", "Chile"][: 1 + i % 2], companies=["Huawei"]))
              for i in range(6)]
    codes = {"Japan": "JP", "Chile": "CL"}
    first, second = build_charts(listed, codes.get), build_charts(listed, codes.get)
    assert "Stories" in first["countries/world.svg"]
    assert first == second
    world = etree.fromstring(first["countries/world.svg"].encode())
    shaded = {el.get("class") for el in world.iter() if el.get("class") and " jp " in f" {el.get('class')} "}
    assert shaded, "Japan is not shaded on the world map"
    coverage = first["timeline/coverage.svg"]
    assert "Huawei" in coverage and "2021-03" in coverage
