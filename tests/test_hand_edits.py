"""Scripted edit sessions: a person edits, moves and deletes pages; rebuilds keep every edit."""

import shutil

import frontmatter
from conftest import build_project
from test_build import page_for

SEED = "000_3f33bf3a326c46d7.txt"


def test_field_edits_comments_and_order_survive_while_untouched_fields_refresh(sample):
    build_project(sample)
    page = page_for(sample, SEED)
    text = page.read_text(encoding="utf-8")
    # The analyst corrects the source, adds a note and a comment, and moves `notes` to the top.
    text = text.replace("source: Nikkei Asian Review", "source: Nikkei Asia  # renamed in 2020")
    text = text.replace("---\ntitle:", "---\nnotes: Checked with the Tokyo desk.\ntitle:", 1)
    page.write_text(text, encoding="utf-8")
    # The raw clipping changes: one more paragraph naming Vietnam.
    raw = sample / "articles" / SEED
    raw.write_text(raw.read_text(encoding="utf-8").replace(
        "with regulators.", "with regulators. Vietnam is watching the decision closely, a diplomat said."), encoding="utf-8")

    report = build_project(sample)
    merged = page.read_text(encoding="utf-8")
    post = frontmatter.loads(merged)
    assert post["source"] == "Nikkei Asia" and "# renamed in 2020" in merged
    assert list(post.metadata)[:2] == ["notes", "title"]
    assert "Vietnam" in post["countries"]  # a field the person did not touch is refreshed
    assert "Vietnam is watching" in post.content  # so is the body they did not touch
    assert page.relative_to(sample / "docs").as_posix() in report.kept_edits
    assert "Nikkei Asia" in (sample / "docs" / "countries" / "vietnam.md").read_text(encoding="utf-8")
    # A second rebuild with nothing new changes nothing.
    assert build_project(sample).written == []


def test_body_edits_survive_and_front_matter_still_refreshes(sample):
    build_project(sample)
    page = page_for(sample, SEED)
    post = frontmatter.load(page)
    post.content = post.content.replace("U.S. officials have been arguing", "US officials (my emphasis) have argued")
    post.content += "\n\n## Analyst comment\n\nWatch the procurement rules."
    page.write_text(frontmatter.dumps(post, sort_keys=False), encoding="utf-8")
    raw = sample / "articles" / SEED
    raw.write_text(raw.read_text(encoding="utf-8").replace("Japan scrutinizes China’s Huawei", "Japan scrutinises China’s Huawei"),
                   encoding="utf-8")
    build_project(sample)
    again = frontmatter.load(page)
    assert "(my emphasis)" in again.content and "## Analyst comment" in again.content
    assert again["title"] == "Japan scrutinises China’s Huawei and ZTE over spying fears"


def test_a_moved_page_is_the_same_article(sample):
    build_project(sample)
    page = page_for(sample, SEED)
    moved = sample / "docs" / "articles" / "japan" / "nikkei-scrutiny.md"
    moved.parent.mkdir(parents=True)
    shutil.move(page, moved)
    report = build_project(sample)
    assert not page.exists() and moved.exists()
    assert report.moved == ["articles/japan/nikkei-scrutiny.md"]
    originals = [frontmatter.load(p)["original"] for p in (sample / "docs" / "articles").rglob("*.md")]
    assert originals.count(SEED) == 1
    assert 'href="../articles/japan/nikkei-scrutiny.md"' in (sample / "docs" / "countries" / "japan.md").read_text(encoding="utf-8")


def test_a_deleted_page_comes_back_only_when_asked(sample):
    from generator.config import load_project
    from generator.site import build

    build_project(sample)
    page = page_for(sample, SEED)
    page.unlink()
    build_project(sample)
    build_project(sample)
    assert not page.exists()
    project = load_project(sample / "mkdocs.yml")
    build(project, project.site_name, restore={SEED})
    assert page.exists()


def test_registry_aliases_merge_index_pages(sample):
    build_project(sample)
    page = page_for(sample, "001_468776ec45e334ad.txt")
    post = frontmatter.load(page)
    post["companies"] = post["companies"] + ["NTT DoCoMo", "Rakuten Mobile"]
    page.write_text(frontmatter.dumps(post, sort_keys=False), encoding="utf-8")
    (sample / "entities.yml").write_text("companies:\n  Rakuten: [Rakuten Mobile]\n", encoding="utf-8")
    build_project(sample)
    companies = sample / "docs" / "companies"
    assert not (companies / "ntt-docomo-2.md").exists() and not (companies / "rakuten-mobile.md").exists()
    assert "Japanese Government To Ban" in (companies / "ntt-docomo.md").read_text(encoding="utf-8")
    assert "Japanese Government To Ban" in (companies / "rakuten.md").read_text(encoding="utf-8")


def test_a_page_without_a_record_is_treated_as_the_persons(sample):
    build_project(sample)
    (sample / ".briefing" / "state.json").unlink()  # e.g. a clone without the state folder
    page = page_for(sample, SEED)
    page.write_text(page.read_text(encoding="utf-8").replace("date: 2018-08-31", "date: 2018-09-01"), encoding="utf-8")
    build_project(sample)
    assert frontmatter.load(page)["date"].isoformat() == "2018-09-01"
    originals = [frontmatter.load(p)["original"] for p in (sample / "docs" / "articles").rglob("*.md")]
    assert sorted(originals) == sorted(p.name for p in (sample / "articles").glob("*.txt"))


def test_a_page_saved_in_another_encoding_is_reported_and_left_alone(sample):
    build_project(sample)
    page = page_for(sample, "000_3f33bf3a326c46d7.txt")
    saved = page.read_bytes().replace(b"language: en", b"notes: caf\xe9 au lait\nlanguage: en", 1)  # Latin-1
    page.write_bytes(saved)
    report = build_project(sample)
    rel = page.relative_to(sample / "docs").as_posix()
    assert [str(e) for e in report.failed] == [f"{rel}: is not UTF-8 text (byte {saved.index(b'caf') + 3}); save it as UTF-8"]
    assert page.read_bytes() == saved
    assert report.articles == 4


def test_a_page_saved_while_the_build_prepares_it_is_not_overwritten(sample, monkeypatch):
    # The build reads a page, prepares its new text with other pages, then writes: a person who
    # saves the page in between keeps what they saved, and the next build merges it.
    import generator.site

    build_project(sample)
    page = page_for(sample, SEED)
    raw = sample / "articles" / SEED
    raw.write_text(raw.read_text(encoding="utf-8").replace(
        "with regulators.", "with regulators. Vietnam is watching the decision closely, a diplomat said."), encoding="utf-8")
    real = generator.site.write_pages

    def save_meanwhile(*args):
        text = page.read_text(encoding="utf-8").replace("---\ntitle:", "---\nnotes: Saved during the build.\ntitle:", 1)
        page.write_text(text, encoding="utf-8")
        real(*args)

    monkeypatch.setattr(generator.site, "write_pages", save_meanwhile)
    build_project(sample)
    monkeypatch.setattr(generator.site, "write_pages", real)
    assert frontmatter.load(page)["notes"] == "Saved during the build."
    build_project(sample)
    post = frontmatter.load(page)
    assert post["notes"] == "Saved during the build." and "Vietnam" in post["countries"]


def _front(text: str) -> list[str]:
    return text.split("\n---\n", 1)[0].split("\n")


def test_one_field_edited_changes_only_its_lines(sample):
    """Removing one company is a one-line change in review: long values are not re-wrapped, and
    the fields the generator refreshes change only their own lines."""
    build_project(sample)
    page = page_for(sample, SEED)
    before = page.read_text(encoding="utf-8")
    edited = before.replace("  - SoftBank\n", "", 1)
    page.write_text(edited, encoding="utf-8")
    raw = sample / "articles" / SEED
    raw.write_text(raw.read_text(encoding="utf-8").replace(
        "with regulators.", "with regulators. Vietnam is watching the decision closely, a diplomat said."), encoding="utf-8")
    build_project(sample)
    after = page.read_text(encoding="utf-8")
    import difflib

    changed = [line for line in difflib.ndiff(_front(edited), _front(after)) if line[:1] in "+-"]
    assert sorted(changed) == sorted(["+   - Vietnam", f"- words: {frontmatter.loads(edited)['words']}",
                                      f"+ words: {frontmatter.loads(after)['words']}"]), changed
    assert "SoftBank" not in frontmatter.loads(after)["companies"]


def test_the_facts_block_follows_the_front_matter_on_a_page_whose_text_was_edited(sample):
    build_project(sample)
    page = page_for(sample, SEED)
    text = page.read_text(encoding="utf-8")
    text = text.replace("U.S. officials have been arguing", "US officials (my emphasis) have argued")
    text = text.replace("  - SoftBank\n", "  - SoftBank\n  - Toshiba\n", 1).replace("source: Nikkei Asian Review", "source: Nikkei Asia")
    page.write_text(text, encoding="utf-8")
    build_project(sample)
    merged = page.read_text(encoding="utf-8")
    assert "(my emphasis)" in merged
    facts = merged[merged.index("<!-- briefing:facts"):merged.index("<!-- briefing:facts-end")]
    assert "[Toshiba](../../companies/toshiba.md)" in facts and "**Nikkei Asia**" in facts
    assert (sample / "docs" / "companies" / "toshiba.md").exists()

    # Once the person edits inside the block, it is theirs: a later front-matter edit leaves it.
    merged = merged.replace("**Nikkei Asia**", "**Nikkei Asia** (paywalled)")
    page.write_text(merged.replace("  - Toshiba\n", "", 1), encoding="utf-8")
    build_project(sample)
    final = page.read_text(encoding="utf-8")
    assert "(paywalled)" in final and "[Toshiba](../../companies/toshiba.md)" in final
    assert "Toshiba" not in frontmatter.loads(final)["companies"]
