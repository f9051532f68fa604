"""Building a briefing on disk: what is written, what is left alone, what a rebuild does."""

from pathlib import Path

import frontmatter
from conftest import build_project


def article_pages(project: Path) -> list[Path]:
    return sorted((project / "docs" / "articles").rglob("*.md"))


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "docs").rglob("*")) if p.is_file()}


def page_for(project: Path, original: str) -> Path:
    for path in article_pages(project):
        if frontmatter.load(path).metadata.get("original") == original:
            return path
    raise AssertionError(f"no page for {original}")


def test_build_writes_articles_and_indexes(sample):
    report = build_project(sample)
    assert report.articles == 4 and not report.failed
    docs = sample / "docs"
    assert (docs / "articles" / "2018" / "japan-scrutinizes-chinas-huawei-and-zte-over-spying-fears.md").exists()
    assert len(list((docs / "articles" / "undated").glob("*.md"))) == 3
    for rel in ("index.md", "countries/index.md", "countries/japan.md", "countries/united-states.md",
                "companies/index.md", "companies/ntt-docomo.md", "companies/huawei.md"):
        assert (docs / rel).exists(), rel
    assert not (docs / "countries" / "ukraine.md").exists()


def test_rebuild_without_changes_writes_nothing(sample):
    build_project(sample)
    files = [p for folder in ("docs", ".briefing") for p in (sample / folder).rglob("*") if p.is_file() and p.name != "lock"]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
    again = build_project(sample)
    assert again.written == []
    # Nor anything the briefing keeps beside docs/ (its state, committed with it; its caches).
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files} == before


def test_same_input_gives_byte_identical_output(sample, tmp_path):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(sample, other)
    build_project(sample)
    build_project(other)
    assert snapshot(sample) == snapshot(other)


def test_hand_edits_to_an_article_page_survive_and_flow_into_indexes(sample):
    build_project(sample)
    page = page_for(sample, "001_468776ec45e334ad.txt")
    post = frontmatter.load(page)
    post["date"] = "2018-12-07"
    post["countries"] = [c for c in post["countries"] if c != "Germany"] + ["South Korea"]
    post["notes"] = "Checked against the Reuters original."
    post.content += "\n\n## Analyst note\n\nThis matters because of the procurement rules."
    edited = frontmatter.dumps(post, sort_keys=False)
    page.write_text(edited, encoding="utf-8")

    report = build_project(sample)
    after = frontmatter.load(page)
    for key in ("title", "date", "countries", "notes", "people"):
        assert after[key] == post[key]
    # The text is the person's; the facts block above it shows the front matter they corrected.
    end = "<!-- briefing:facts-end -->"
    assert after.content.split(end)[1] == post.content.split(end)[1]
    facts = after.content.split(end)[0]
    assert "2018-12-07 · " in facts and "[South Korea](../../countries/south-korea.md)" in facts
    assert "Germany" not in facts and "**Notes:** Checked against the Reuters original." in facts
    # Dates stated in the text are resolved against the date the person gave.
    assert {"date": "2018-11", "text": after["events"][-1]["text"]} in after["events"]
    assert "2018-12-10" in [e["date"] for e in after["events"]]  # "as early as Monday"
    assert page.relative_to(sample / "docs").as_posix() in report.kept_edits
    docs = sample / "docs"
    assert not (docs / "countries" / "germany.md").exists()  # it was this article's only mention
    korea = (docs / "countries" / "south-korea.md").read_text(encoding="utf-8")
    assert "Japanese Government To Ban Huawei" in korea
    assert "2018-12-07" in (docs / "index.md").read_text(encoding="utf-8")


def test_a_deleted_article_page_stays_deleted(sample):
    build_project(sample)
    page = page_for(sample, "002_0e11e2dfcb2e0963.txt")
    page.unlink()
    report = build_project(sample)
    assert not page.exists()
    assert report.deleted_by_person
    assert "Kyodo" not in (sample / "docs" / "index.md").read_text(encoding="utf-8")


def test_prose_on_index_pages_survives(sample):
    build_project(sample)
    japan = sample / "docs" / "countries" / "japan.md"
    japan.write_text("Analyst's introduction to Japan.\n\n" + japan.read_text(encoding="utf-8") + "\nSee also: our 2019 brief.\n",
                     encoding="utf-8")
    mine = sample / "docs" / "companies" / "rakuten.md"
    mine.write_text("# Rakuten\n\nNo coverage yet; watch this space.\n", encoding="utf-8")
    (sample / "articles" / "000_3f33bf3a326c46d7.txt").unlink()  # changes Japan's listing
    build_project(sample)
    text = japan.read_text(encoding="utf-8")
    assert text.startswith("Analyst's introduction to Japan.")
    assert text.rstrip().endswith("See also: our 2019 brief.")
    assert "3 articles" in text and "Japan scrutinizes" not in text
    assert mine.read_text(encoding="utf-8") == "# Rakuten\n\nNo coverage yet; watch this space.\n"


def test_an_index_page_saved_in_another_encoding_is_named_and_left_until_saved_again(sample):
    build_project(sample)
    japan = sample / "docs" / "countries" / "japan.md"
    note, generated = "Été: notes d'analyste.\n\n", japan.read_bytes()
    japan.write_bytes(note.encode("latin-1") + generated)  # the note typed in an editor set to Latin-1
    (sample / "articles" / "000_3f33bf3a326c46d7.txt").unlink()  # changes Japan's listing and China's
    report = build_project(sample)
    problems = {e.path: e.problem for e in report.failed}
    assert problems == {"countries/japan.md": "is not UTF-8 text (byte 0); save it as UTF-8 (its generated part was not updated)"}
    assert japan.read_bytes() == note.encode("latin-1") + generated
    assert "Japan scrutinizes" not in (sample / "docs" / "countries" / "china.md").read_text(encoding="utf-8")
    japan.write_bytes(note.encode("utf-8") + generated)  # the person saves it as UTF-8
    report = build_project(sample)
    assert report.failed == [] and "countries/japan.md" in report.written
    text = japan.read_text(encoding="utf-8")
    assert text.startswith("Été: notes d'analyste.") and "Japan scrutinizes" not in text


def test_a_removed_input_removes_its_untouched_page(sample):
    build_project(sample)
    page = page_for(sample, "000_3f33bf3a326c46d7.txt")
    (sample / "articles" / "000_3f33bf3a326c46d7.txt").unlink()
    report = build_project(sample)
    assert not page.exists() and report.removed
    assert not (sample / "docs" / "companies" / "ihs-markit.md").exists()


def test_bad_inputs_are_reported_and_the_rest_is_built(sample):
    articles = sample / "articles"
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (articles / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    report = build_project(sample)
    assert report.articles == 4
    problems = {e.path: e.problem for e in report.failed}
    assert problems == {"binary.txt": "looks like a binary file, not text in any known encoding", "broken.md": "front matter is not valid YAML (line 2)",
                        "empty.txt": "the file is empty"}


def test_markdown_input_with_front_matter(sample):
    (sample / "articles" / "note.md").write_text(
        "---\ntitle: 'Analyst memo: Seoul and Huawei'\ndate: 2019-01-05\ncountries: [South Korea]\n---\n\n"
        "Seoul is reviewing Huawei equipment used by LG Uplus, officials said on Friday in a short statement.\n",
        encoding="utf-8")
    build_project(sample)
    page = sample / "docs" / "articles" / "2019" / "analyst-memo-seoul-and-huawei.md"
    post = frontmatter.load(page)
    assert post["title"] == "Analyst memo: Seoul and Huawei"
    assert post["countries"] == ["South Korea"]
    assert "LG Uplus" in post["companies"]


def test_review_queue_lists_names_seen_once_that_the_registry_lacks(sample):
    build_project(sample)
    review = (sample / "docs" / "review.md").read_text(encoding="utf-8")
    assert "[Jun Shimba](people/jun-shimba.md) (person)" in review  # named once, by a rule
    assert "Geng Shuang" not in review.split("## Articles")[0]  # named in two articles
    (sample / "entities.yml").write_text("people:\n  Jun Shimba: []\n", encoding="utf-8")
    build_project(sample)
    assert "Jun Shimba" not in (sample / "docs" / "review.md").read_text(encoding="utf-8")


def test_a_new_version_of_an_extraction_library_redoes_the_articles(sample, monkeypatch):
    import generator.extract
    import generator.site.cache

    build_project(sample)
    calls = []
    real = generator.extract.extract_articles
    monkeypatch.setattr(generator.extract, "extract_articles",
                        lambda docs, *a, **k: calls.extend(d.original for d in docs) or real(docs, *a, **k))
    build_project(sample)
    assert calls == []  # nothing changed: nothing read again
    versions = generator.site.cache._shaping_versions()
    monkeypatch.setattr(generator.site.cache, "_shaping_versions", lambda: {**versions, "trafilatura": "99.0"})
    report = build_project(sample)
    assert len(calls) == 4 and report.written == []  # read again; the same pages, so none rewritten


def test_an_input_saved_again_while_the_build_reads_it_is_read_again_next_time(sample, monkeypatch):
    # The person saves a clipping again after the build read it, before the build is done: the
    # next build must not take the new file for the one it already has a page for.
    import os

    import generator.extract

    clipping = sorted((sample / "articles").iterdir())[0]
    real = generator.extract.extract_articles

    def extract_and_save_meanwhile(docs, *args, **kwargs):
        if any(doc.original == clipping.name for doc in docs):
            text = clipping.read_text(encoding="utf-8") + "\n\nA paragraph the person added after the build read the file."
            clipping.write_text(text, encoding="utf-8")
            os.utime(clipping, ns=(clipping.stat().st_atime_ns, clipping.stat().st_mtime_ns + 2_000_000_000))
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(generator.extract, "extract_articles", extract_and_save_meanwhile)
    build_project(sample)
    monkeypatch.setattr(generator.extract, "extract_articles", real)
    assert "the person added" not in page_for(sample, clipping.name).read_text(encoding="utf-8")
    build_project(sample)
    assert "the person added" in page_for(sample, clipping.name).read_text(encoding="utf-8")


def test_the_state_and_cache_read_back_what_json_wrote_and_a_damaged_one_is_redone(sample):
    # The build's files are read with a faster parser: anything the standard one writes and
    # reads must read the same, and a damaged file must only cost building again.
    import json
    import math

    from generator.site.store import load_json

    odd = {"times": [2 ** 63 - 1, -(2 ** 63), 2 ** 64 - 1], "nan": float("nan"), "fraction": 0.1,
           "text": "Ünïcode “quotes” \u2028 \u0000 日本", "nested": [[{}], []], "yes": True, "none": None}
    path = sample / "odd.json"
    path.write_text(json.dumps(odd, ensure_ascii=False), encoding="utf-8")
    loaded = load_json(path)
    assert math.isnan(loaded.pop("nan"))  # orjson refuses NaN: the file is read all the same
    odd.pop("nan")
    assert loaded == odd and type(loaded["times"][0]) is int
    first = build_project(sample)
    assert first.articles == 4
    (sample / ".briefing" / "cache.json").write_bytes(b'{"version": 1, "inputs": {"a": [1, 2')
    (sample / ".briefing" / "state.json").write_bytes(b"\xff\xfe not json")
    again = build_project(sample)
    assert again.articles == 4 and not again.failed


def test_the_state_file_changes_by_one_line_per_changed_page(sample):
    """`.briefing/state.json` is committed with the briefing: a page's change is one line of diff."""
    import json

    build_project(sample)
    state = sample / ".briefing" / "state.json"
    before = state.read_text(encoding="utf-8").splitlines()
    pages = json.loads("\n".join(before))["pages"]
    assert len(before) == len(pages) + 2  # the opening line, one per page, the closing line
    page = page_for(sample, "002_0e11e2dfcb2e0963.txt")
    page.write_text(page.read_text(encoding="utf-8").replace("title: ", "title: Edited: ", 1), encoding="utf-8")
    build_project(sample)
    after = state.read_text(encoding="utf-8").splitlines()
    changed = [line for line in after if line not in before]
    assert len(after) == len(before) and len(changed) == 1 and "002_0e11e2dfcb2e0963.txt" in changed[0]


def test_an_added_article_renders_only_the_index_pages_that_change(sample, tmp_path, monkeypatch):
    """Index pages whose content would not change are not rendered again, and the briefing ends up
    byte for byte as a build from scratch of the same clippings."""
    import shutil

    import generator.indexes

    build_project(sample)
    (sample / "articles" / "added.txt").write_text(
        "Nokia wins Finnish 5G core contract\n\nHELSINKI — Finland's largest operator chose Nokia for its 5G core "
        "network on Tuesday, the company said, in a deal worth about 200 million euros.\n", encoding="utf-8")
    rendered = []
    real = generator.indexes.render
    monkeypatch.setattr(generator.indexes, "render", lambda template, *a, **k: rendered.append(template) or real(template, *a, **k))
    report = build_project(sample)
    total = len([p for p in (sample / "docs").rglob("*.md") if not p.relative_to(sample / "docs").parts[0] == "articles"])
    assert 0 < len(rendered) < total / 2
    assert any(path.startswith("companies/nokia") for path in report.written)
    monkeypatch.undo()

    fresh = tmp_path / "fresh"
    shutil.copytree(sample, fresh, ignore=shutil.ignore_patterns("docs", ".briefing"))
    (fresh / "docs").mkdir()
    build_project(fresh)
    assert snapshot(sample) == snapshot(fresh)


def test_an_edited_template_renders_the_index_pages_again(sample):
    from generator.page.render import builtin_templates

    build_project(sample)
    (sample / "templates").mkdir()
    template = (builtin_templates() / "entity.md.j2").read_text(encoding="utf-8")
    (sample / "templates" / "entity.md.j2").write_text(template + "\nCompiled by the Tokyo desk.\n", encoding="utf-8")
    build_project(sample)
    assert "Compiled by the Tokyo desk." in (sample / "docs" / "countries" / "japan.md").read_text(encoding="utf-8")
    assert "Compiled by the Tokyo desk." in (sample / "docs" / "companies" / "huawei.md").read_text(encoding="utf-8")


def test_a_template_edited_again_in_the_same_session_shows(sample):
    # `mkdocs serve` builds many times in one process: each build reads the templates as they are.
    from generator.page.render import builtin_templates

    (sample / "templates").mkdir()
    template = (builtin_templates() / "entity.md.j2").read_text(encoding="utf-8")
    for desk in ("Tokyo", "Osaka"):
        (sample / "templates" / "entity.md.j2").write_text(template + f"\nCompiled by the {desk} desk.\n", encoding="utf-8")
        build_project(sample)
        assert f"Compiled by the {desk} desk." in (sample / "docs" / "countries" / "japan.md").read_text(encoding="utf-8")


def test_entity_pages_quote_what_is_said_about_them(sample):
    """A country's or company's page quotes what names it ("Chinese companies", "Huawei and ZTE
    equipment"), not every quote of every article that mentions it."""
    build_project(sample)
    docs = sample / "docs"

    def quotes(rel):
        text = (docs / rel).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line.startswith("<li>“")]

    china, japan, huawei = quotes("countries/china.md"), quotes("countries/japan.md"), quotes("companies/huawei.md")
    assert china and all("Chinese" in q or "China" in q for q in china)
    assert any("The safety [of Huawei and ZTE equipment]" in q for q in huawei)
    assert not any("The safety [of Huawei" in q for q in japan + china)  # said of the companies, in Japan
    assert any("important issue in Japan" in q for q in japan)


def test_one_page_per_company_whatever_legal_form_an_article_writes(sample):
    """Each article keeps the name as it wrote it; the briefing gives the company one page, and
    every article's link leads there (a strict MkDocs build fails on a link that leads nowhere)."""
    from test_site_mkdocs import BIN, run

    story = ("{name} said on Tuesday that it would build a plant in Portugal, officials said, and that the "
             "work would start next year after the permits are granted.")
    for n, name in enumerate(["Altara Industries Corp.", "Altara Industries Company", "Altara Industries Corp."]):
        (sample / "articles" / f"altara-{n}.txt").write_text(
            f"Altara plans a plant ({n})\n\nMarch {n + 3}, 2021\n\n{story.format(name=name)}\n", encoding="utf-8")
    build_project(sample)
    docs = sample / "docs"
    written = {frontmatter.load(page_for(sample, f"altara-{n}.txt"))["companies"][0] for n in range(3)}
    assert written == {"Altara Industries", "Altara Industries Company"}  # as each article names it
    pages = sorted(p.name for p in (docs / "companies").glob("altara*.md"))
    assert pages == ["altara-industries.md"]
    page = (docs / "companies" / "altara-industries.md").read_text(encoding="utf-8")
    assert "# Altara Industries\n" in page and "3 articles" in page
    run([str(BIN / "mkdocs"), "build", "--strict"], sample)


def test_computing_the_indexes_of_an_unchanged_briefing_writes_nothing(sample):
    """What `mkdocs serve` does while idle after its first build, to have the listings ready."""
    from generator.config import load_project
    from generator.site import build

    build_project(sample)
    before = {p: p.read_bytes() for p in sorted((sample / "docs").rglob("*")) if p.is_file()}
    loaded = load_project(sample / "mkdocs.yml")
    assert build(loaded, loaded.site_name, index_all=True).written == []
    assert {p: p.read_bytes() for p in sorted((sample / "docs").rglob("*")) if p.is_file()} == before
