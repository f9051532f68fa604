"""The edit loop: builds that reuse the HTML of unchanged pages (as `mkdocs serve` runs them) make
the same site, byte for byte, as a clean `mkdocs build`, after every kind of edit."""

import os
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
from conftest import build_project
from test_build import page_for

BIN = Path(sys.executable).parent
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture
def serving(monkeypatch):
    """Builds in this process as `mkdocs serve` makes them: one plugin instance for all of them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.rendered import activate

    for name, value in EPOCH.items():
        monkeypatch.setenv(name, value)
    started = []

    def rebuild(project: Path, site: Path):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        if not started:
            config.plugins.on_startup(command="serve", dirty=False)
            started.append(config)
        build(config)
        return config.plugins["briefing"]._pages

    yield rebuild
    if started:
        started[0].plugins.on_startup(command="build", dirty=False)  # the next in-process build is plain
    activate(None)


def clean_build(project: Path, site: Path) -> None:
    subprocess.run([str(BIN / "mkdocs"), "build", "-q", "--site-dir", str(site)], cwd=project, check=True,
                   env={**os.environ, **EPOCH})


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def same_site(project: Path, cached: Path, name: str) -> None:
    clean = project.parent / f"clean-{name}"
    clean_build(project, clean)
    ours, theirs = tree(cached), tree(clean)
    assert sorted(ours) == sorted(theirs), f"after {name}: files differ: {sorted(set(ours) ^ set(theirs))[:10]}"
    differing = [rel for rel in ours if ours[rel] != theirs[rel]]
    assert not differing, f"after {name}: {len(differing)} files differ, e.g. {differing[:5]}"


def test_cached_builds_make_the_site_a_clean_build_makes(sample, serving):
    build_project(sample)
    site = sample.parent / "served"
    pages = serving(sample, site)
    assert pages.misses > 20 and pages.hits == 0  # the first build renders everything

    pages = serving(sample, site)  # nothing changed
    assert pages.misses == 0 and pages.hits > 20
    same_site(sample, site, "no change")

    page = page_for(sample, "001_468776ec45e334ad.txt")
    post = frontmatter.load(page)
    post["countries"] = post["countries"] + ["Peru"]
    page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    pages = serving(sample, site)
    assert 0 < pages.misses < pages.hits  # the page, Peru's and the pages that list the article
    assert "Peru" in (site / "countries" / "peru" / "index.html").read_text(encoding="utf-8")
    same_site(sample, site, "front matter")

    page.write_text(page.read_text(encoding="utf-8") + "\nA line of my own.\n", encoding="utf-8")
    pages = serving(sample, site)
    assert pages.misses == 1  # an edit to the text changes no index page
    same_site(sample, site, "body")

    for name in ("000_3f33bf3a326c46d7.txt", "003_fbd08bb8052b0ad1.txt"):  # one story, by hand
        story = page_for(sample, name)
        post = frontmatter.load(story)
        post["story"] = "one-by-hand"
        story.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
    serving(sample, site)
    same_site(sample, site, "stories set by hand")

    (sample / "articles" / "chile.txt").write_text(
        "Chile reviews 5G vendors\n\nJune 3, 2019\n\nSANTIAGO (Reuters) - Chile is reviewing the equipment of "
        "Huawei and Ericsson used in its networks, the government said on Monday.\n", encoding="utf-8")
    serving(sample, site)
    assert (site / "countries" / "chile" / "index.html").exists()
    same_site(sample, site, "new clipping")

    articles = sorted((sample / "docs" / "articles").rglob("*.md"))
    (sample / "articles" / "chile-again.txt").write_bytes((sample / "articles" / "chile.txt").read_bytes())
    serving(sample, site)  # compared with what the last build's duplicate finder remembers
    assert sorted((sample / "docs" / "articles").rglob("*.md")) == articles  # a copy: no page of its own
    same_site(sample, site, "a copy of the new clipping")
    (sample / "articles" / "chile-again.txt").unlink()

    (sample / "articles" / "chile.txt").unlink()
    serving(sample, site)
    assert not (site / "countries" / "chile" / "index.html").exists()
    same_site(sample, site, "deleted clipping")

    overrides = sample / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block footer %}<p>Our footer</p>{% endblock %}\n')
    config = sample / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                  "  name: material\n  custom_dir: overrides\n"))
    serving(sample, site)
    assert "Our footer" in (site / "index.html").read_text(encoding="utf-8")
    same_site(sample, site, "theme folder")

    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block footer %}<p>Another</p>{% endblock %}\n')
    pages = serving(sample, site)
    assert pages.hits == 0
    same_site(sample, site, "template change")

    (overrides / "assets").mkdir()
    (overrides / "assets" / "ours.css").write_text("p { color: teal; }\n", encoding="utf-8")
    serving(sample, site)
    assert (site / "assets" / "ours.css").exists()  # a file new in the theme folder is in the site
    same_site(sample, site, "theme file")

    config.write_text(config.read_text(encoding="utf-8").replace("    - navigation.top\n",
                                                                  "    - navigation.top\n    - navigation.footer\n"))
    pages = serving(sample, site)
    assert pages.hits == 0
    same_site(sample, site, "theme option")

    config.write_text(config.read_text(encoding="utf-8").replace("site_name: \"", "site_name: \"Renamed "))
    serving(sample, site)
    assert "Renamed" in (site / "index.html").read_text(encoding="utf-8")
    same_site(sample, site, "mkdocs.yml")


def test_a_page_whose_link_target_moves_is_converted_again(sample, serving):
    # Only pages that looked up a path whose address changed are converted again: a link to a
    # page that is renamed turns into a broken one (as a clean build shows it), and back.
    build_project(sample)
    notes = sample / "docs" / "notes"
    notes.mkdir()
    (notes / "plan.md").write_text("# Our plan\n\nWhat we watch next.\n", encoding="utf-8")
    (notes / "reading.md").write_text("# Reading\n\nSee [the plan](plan.md).\n", encoding="utf-8")
    site = sample.parent / "served"
    serving(sample, site)
    assert 'href="../plan/"' in (site / "notes" / "reading" / "index.html").read_text(encoding="utf-8")

    (notes / "plan.md").rename(notes / "plan-2024.md")
    pages = serving(sample, site)
    assert pages.misses <= 4  # the renamed page, the one linking to it, and the name lists at most
    assert 'href="../plan/"' not in (site / "notes" / "reading" / "index.html").read_text(encoding="utf-8")
    same_site(sample, site, "link target renamed")

    (notes / "plan-2024.md").rename(notes / "plan.md")
    serving(sample, site)
    assert 'href="../plan/"' in (site / "notes" / "reading" / "index.html").read_text(encoding="utf-8")
    same_site(sample, site, "link target back")
