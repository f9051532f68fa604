"""Hostile and broken input: nothing executes, nothing escapes docs/, nothing crashes."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import frontmatter
import pytest
from bs4 import BeautifulSoup
from conftest import build_project
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.errors import InputError
from generator.extract import extract_article
from generator.read import READERS, read_file

BIN = Path(sys.executable).parent
STORY = ("Officials in Lisbon said on Tuesday that the review of network equipment from Huawei would take "
         "several months, and that operators would be consulted before any decision.")


def run(args, cwd, check=True):
    result = subprocess.run(args, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                            text=True, timeout=600)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_markup_tricks_never_reach_the_built_site(sample):
    tricks = [
        "<script>alert(1)</script>", "<iframe src=https://evil.example></iframe>", '<img src=x onerror="alert(2)">',
        "[click me](javascript:alert(3))", "![pic](javascript:alert(4))", "<a href='javascript:alert(5)'>x</a>",
        "{{ config.site_name }} {% include 'x' %}", "[ref]: javascript:alert(6)", "<svg onload=alert(7)>",
        "`code` **bold** _em_ <!-- comment -->",
    ]
    body = "\n\n".join(f"{STORY} {t}" for t in tricks)
    (sample / "articles" / "evil.txt").write_text(f"Evil <b>headline</b> {{{{ 7*7 }}}}\n\nMarch 3, 2021\n\n{body}\n", encoding="utf-8")
    (sample / "articles" / "evil.md").write_text(
        "---\ntitle: '<script>alert(8)</script>'\ndate: 2021-03-04\nsummary: '<img src=x onerror=alert(9)>'\n---\n\n"
        + body, encoding="utf-8")
    run([str(BIN / "briefing"), "build"], sample)
    run([str(BIN / "mkdocs"), "build", "--strict"], sample)
    for html_file in (sample / "site").rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one("article") or soup
        assert not main.find(["iframe", "svg"]), html_file
        # The only images are the generator's own charts.
        assert all(img["src"].endswith(("coverage.svg", "world.svg")) for img in main.find_all("img")), html_file
        assert not [s for s in main.find_all("script")], html_file
        for tag in main.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on")], (html_file, tag)
            assert not str(tag.get("href", "")).lower().startswith("javascript"), (html_file, tag)
    page = (sample / "site" / "articles" / "2021").rglob("index.html")
    texts = " ".join(p.read_text(encoding="utf-8") for p in page)
    assert "{{ config.site_name }}" in BeautifulSoup(texts, "html.parser").get_text()  # shown, not evaluated
    assert "49" not in BeautifulSoup(texts, "html.parser").title.get_text()


@pytest.mark.parametrize("title", [
    "Huawei: the view from Tokyo", "\"Quoted\" and 'single' title", "# not a heading", "- leading dash",
    "!!python/object:os.system ['echo hacked']", "key: value: more", "[a, list]", "{a: mapping}", "null", "yes", "2021-03-04",
    "Title with trailing colon:", "@at start", "*star", "&anchor", "| pipe",
])
def test_titles_round_trip_as_plain_text(title, sample):
    (sample / "articles" / "t.md").write_text(f"---\ntitle: {json.dumps(title)}\n---\n\n{STORY}\n", encoding="utf-8")
    build_project(sample)
    pages = [p for p in (sample / "docs" / "articles").rglob("*.md") if frontmatter.load(p).get("original") == "t.md"]
    assert len(pages) == 1
    assert frontmatter.load(pages[0])["title"] == title


def test_unsafe_yaml_is_never_executed(sample, tmp_path):
    marker = tmp_path / "pwned"
    (sample / "articles" / "bad.md").write_text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n\n{STORY}\n", encoding="utf-8")
    report = build_project(sample)
    assert not marker.exists()
    assert [e.path for e in report.failed] == ["bad.md"]


@pytest.mark.parametrize("name", ["../../etc/passwd", "CON", "con.txt", "a" * 300, "nul", "..", "/abs/path", "index"])
def test_slugs_are_safe_and_stay_in_docs(name, sample):
    (sample / "articles" / "hostile-name.md").write_text(f"---\ntitle: {json.dumps(name)}\ndate: 2021-01-01\n---\n\n{STORY}\n",
                                                         encoding="utf-8")
    before = {p for p in sample.parent.rglob("*")}
    build_project(sample)
    created = {p for p in sample.parent.rglob("*")} - before
    docs = (sample / "docs").resolve()
    assert all(p.resolve().is_relative_to(sample.resolve()) for p in created)
    page = next(p for p in (docs / "articles" / "2021").glob("*.md"))
    assert page.resolve().is_relative_to(docs) and len(page.name) <= 90
    assert page.stem.lower() not in {"con", "nul", "index", "..", ""}


def test_names_differing_only_in_case_or_accents_get_distinct_stable_slugs(sample):
    bodies = ["Cafés in Porto must register their terminals with the regulator before June, officials said.",
              "A bakery chain in Lyon was fined after auditors found unlicensed payment devices in twelve shops.",
              "Restaurants across Bavaria will get a longer deadline for replacing cash registers, the ministry said."]
    for n, title in enumerate(["Café rules", "Cafe rules", "CAFÉ RULES"]):
        (sample / "articles" / f"c{n}.md").write_text(f"---\ntitle: {title}\ndate: 2021-01-01\n---\n\n{bodies[n]}\n",
                                                      encoding="utf-8")
    build_project(sample)
    first = sorted(p.name for p in (sample / "docs" / "articles" / "2021").glob("*.md"))
    assert first == ["cafe-rules-2.md", "cafe-rules-3.md", "cafe-rules.md"]
    (sample / "articles" / "c0.md").unlink()
    build_project(sample)
    assert sorted(p.name for p in (sample / "docs" / "articles" / "2021").glob("*.md")) == ["cafe-rules-2.md", "cafe-rules-3.md"]


def test_huge_and_empty_files_get_one_line_errors(sample):
    big = sample / "articles" / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    (sample / "articles" / "empty.html").write_bytes(b"")
    (sample / "articles" / "nothing.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    (sample / "articles" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    report = build_project(sample)
    problems = {e.path: e.problem for e in report.failed}
    assert problems["huge.txt"] == "is 200 MB; the limit for a .txt file is 20 MB"
    assert problems["empty.html"] == "the file is empty"
    assert problems["nothing.html"] == "no article text found in the page"
    assert "image.png" not in problems and report.articles == 4


def test_a_reader_failing_inside_a_library_gives_a_one_line_error(sample, monkeypatch):
    """The safety net around every reader: a library raising on an odd file names the file."""
    import dataclasses

    def broken(original, data, settings):
        raise ValueError("unexpected byte at offset 12")
        yield  # a generator, as the readers are

    monkeypatch.setitem(READERS, ".text", dataclasses.replace(READERS[".text"], read=broken))
    (sample / "articles" / "odd.text").write_text("Some text.", encoding="utf-8")
    report = build_project(sample)
    problems = {e.path: e.problem for e in report.failed}
    assert problems == {"odd.text": "could not be read as .text (ValueError: unexpected byte at offset 12)"}
    assert report.articles == 4  # the other inputs are built as ever


def test_a_feed_with_ten_thousand_entries(tmp_path):
    items = "".join(f"<item><title>Story {i}</title><link>https://x.example/{i}</link>"
                    f"<description>Officials said item {i} was reviewed.</description></item>" for i in range(10_000))
    path = tmp_path / "big.rss"
    path.write_text(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Big</title>{items}</channel></rss>")
    documents = read_file(path, tmp_path)
    assert len(documents) == 10_000 and documents[-1].original == "big.rss#10000"


def test_duplicate_inputs_make_one_page(sample):
    seed = (sample / "articles" / "000_3f33bf3a326c46d7.txt").read_text(encoding="utf-8")
    (sample / "articles" / "copy-of-000.txt").write_text(seed, encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if len(p) > 100]
    html = "<html><head><title>Japan scrutinizes China’s Huawei and ZTE over spying fears</title></head><body><article>" + \
           "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    (sample / "articles" / "000-saved.html").write_text(html, encoding="utf-8")
    report = build_project(sample)
    assert report.articles == 4
    assert len(report.duplicates) == 2
    assert {name for pair in report.duplicates for name in pair} == {"000-saved.html", "copy-of-000.txt", "000_3f33bf3a326c46d7.txt"}
    assert len(list((sample / "docs" / "articles").rglob("*.md"))) == 4
    # The sample's two retellings of one Reuters report are different articles, not duplicates.
    assert not any(o.startswith("003") for o, _ in report.duplicates)


readers = sorted(READERS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), ext=st.sampled_from(readers))
def test_any_bytes_to_any_reader_give_articles_or_a_clear_error(tmp_path, knowledge, data, ext):
    path = tmp_path / f"input{ext}"
    path.write_bytes(data)
    try:
        documents = read_file(path, tmp_path)
    except InputError as exc:
        assert exc.path.startswith(path.name) and exc.problem and "\n" not in exc.problem
        return
    for doc in documents:
        if isinstance(doc, InputError):
            assert doc.problem
            continue
        article = extract_article(doc, knowledge)
        assert isinstance(article.title, str)


html_pieces = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->", "<br>",
                               "<a href='javascript:x'>", "</a>", "<table><tr><td>", "&amp;", "&#0;", "<![CDATA[",
                               "<title>", "</title>", "<meta property='og:title' content='T'>", "<h1>", "</h1>"])
words = st.text(alphabet="abcdefghij ZYX.,", min_size=0, max_size=40)


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(html_pieces, words), max_size=60))
def test_random_html_never_crashes(parts, knowledge, tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    (folder / "page.html").write_text("<html><body>" + "".join(parts), encoding="utf-8")
    try:
        documents = read_file(folder / "page.html", folder)
    except InputError:
        return
    for doc in documents:
        article = extract_article(doc, knowledge)
        assert "<script" not in article.body.lower() or "&lt;" not in article.body


VOCABULARY = ("network regulator tender spectrum auction operator vendor contract minister review security "
              "antenna licence fibre cable satellite subsidy tariff export import shipment factory plant chip "
              "memory server cloud data centre price margin revenue profit loss quarter forecast analyst court "
              "appeal ruling fine penalty probe audit board chairman merger stake bid offer rival partner").split()


def distinct_text(seed: int, sentences: int = 5) -> str:
    """Sentences drawn from a seeded generator: texts with different seeds share no run of words."""
    import random

    rng = random.Random(seed)
    return " ".join(" ".join(rng.choice(VOCABULARY) for _ in range(12)).capitalize() + "." for _ in range(sentences))


def _corpus(folder: Path, n: int) -> None:
    """``n`` different clippings."""
    import random

    for i in range(n):
        rng = random.Random(i)
        sentences = [distinct_text(i)]
        (folder / f"bulk-{i:04d}.txt").write_text(
            f"Bulk story {i} on {rng.choice(VOCABULARY)} and {rng.choice(VOCABULARY)}\n\nMarch {1 + i % 28}, 2021\n\n"
            f"{STORY} {' '.join(sentences)} It concerns {['China', 'Kenya', 'Brazil', 'India'][i % 4]} and "
            f"{['Nokia', 'Ericsson', 'ZTE'][i % 3]}.\n", encoding="utf-8")


def test_a_killed_build_leaves_no_broken_page_and_the_next_build_completes(sample):
    _corpus(sample / "articles", 400)
    process = subprocess.Popen([str(BIN / "briefing"), "build", "-q"], cwd=sample,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((sample / "docs").rglob("*.md"))) < 50:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    for page in (sample / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert text.endswith("\n") and frontmatter.loads(text).metadata["title"], page
    report = build_project(sample)
    assert report.articles == 404 and not report.failed and not report.kept_edits
    assert not list((sample / "docs").rglob(".*.tmp"))
    assert build_project(sample).written == []


def test_two_builds_at_once_one_waits_its_turn(sample):
    _corpus(sample / "articles", 400)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    first = subprocess.Popen([str(BIN / "briefing"), "build", "-q"], cwd=sample, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    lock = sample / ".briefing" / "lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text().startswith("pid")):
        time.sleep(0.02)
    second = run([str(BIN / "briefing"), "build", "-q"], sample, check=False)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, out + err
    assert second.returncode == 1
    assert "another briefing build is running" in second.stderr and len(second.stderr.strip().splitlines()) == 1
    assert build_project(sample).written == []


def test_hostile_names_build_a_clean_site(sample):
    names = ["../../etc/passwd", "CON", "a" * 300, "nul", "..", "/abs/path", "index", "Café", "CAFE", "café"]
    for n, name in enumerate(names):
        (sample / "articles" / f"h{n}.md").write_text(
            f"---\ntitle: {json.dumps(name)}\ndate: 2021-01-0{1 + n % 9}\ncompanies: [{json.dumps(name)}]\n---\n\n"
            f"{distinct_text(1000 + n)}\n", encoding="utf-8")
    run([str(BIN / "briefing"), "build"], sample)
    run([str(BIN / "mkdocs"), "build", "--strict"], sample)
    site = (sample / "site").resolve()
    outside = [p for p in sample.parent.rglob("*") if not p.resolve().is_relative_to(sample.resolve())]
    assert outside == []
    assert len(list((site / "articles" / "2021").iterdir())) == len(names)
    assert all(p.resolve().is_relative_to(site) for p in site.rglob("*"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries({"speaker": st.text(min_size=1, max_size=30), "text": st.text(max_size=80)}),
                min_size=1, max_size=4))
def test_quotes_of_any_text_round_trip_through_front_matter(quotes):
    import yaml

    from generator.page.front_matter import dump_meta

    meta = {"title": "t", "quotes": quotes}
    assert yaml.safe_load(dump_meta(meta)) == meta
