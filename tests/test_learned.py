"""Boilerplate learned from the user's own corpus: lines that recur across clippings."""

from conftest import build_project, copy_sample
from test_build import page_for
from test_hostile import distinct_text

FOOTER = "Hilltop Gazette | Sweden desk | Brightwater Holdings Ltd. owns this site"


def clipping(n: int) -> str:
    return (f"Story {n} about port rules\n\nMarch {n + 1}, 2022\n\nGulf News\n\n"
            f"Officials in Chile said on Monday that new rules for ports would start next year. {distinct_text(n)}\n\n"
            f"{FOOTER}\n")


def test_lines_repeated_across_clippings_are_dropped(sample):
    for n in range(4):
        (sample / "articles" / f"site-{n}.txt").write_text(clipping(n), encoding="utf-8")
    build_project(sample)
    import frontmatter

    post = frontmatter.load(page_for(sample, "site-0.txt"))
    assert "Sweden" not in post["countries"] and "Chile" in post["countries"]
    assert "Brightwater" not in post["companies"]
    assert "Hilltop Gazette" not in post.content
    assert post["source"] == "Gulf News"  # the masthead still reads, though every clipping has it


def test_two_clippings_are_not_enough_to_learn(sample):
    for n in range(2):
        (sample / "articles" / f"site-{n}.txt").write_text(clipping(n), encoding="utf-8")
    build_project(sample)
    import frontmatter

    assert "Sweden" in frontmatter.load(page_for(sample, "site-0.txt"))["countries"]


def test_learning_from_a_new_clipping_refreshes_the_older_pages(sample):
    for n in range(2):
        (sample / "articles" / f"site-{n}.txt").write_text(clipping(n), encoding="utf-8")
    build_project(sample)
    (sample / "articles" / "site-2.txt").write_text(clipping(2), encoding="utf-8")
    build_project(sample)
    import frontmatter

    assert "Sweden" not in frontmatter.load(page_for(sample, "site-0.txt"))["countries"]
    assert build_project(sample).written == []


def test_a_newly_learned_line_extracts_again_only_the_articles_holding_it(sample, tmp_path, monkeypatch):
    """At 10,000 articles, extracting every article again whenever one line became boilerplate
    took twenty seconds after a new clipping: only the clippings with that line are redone, and
    the pages are those a build from scratch makes."""
    import generator.extract as extract

    for n in range(2):
        (sample / "articles" / f"site-{n}.txt").write_text(clipping(n), encoding="utf-8")
    for n in range(3):
        (sample / "articles" / f"other-{n}.txt").write_text(
            f"Other story {n}\n\nMay {n + 1}, 2022\n\nThe port of Chile reopened. {distinct_text(100 + n)}\n", encoding="utf-8")
    build_project(sample)
    extracted = []
    real = extract.extract_articles

    def counting(docs, *args, **kwargs):
        extracted.extend(doc.original for doc in docs)
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(extract, "extract_articles", counting)
    (sample / "articles" / "site-2.txt").write_text(clipping(2), encoding="utf-8")
    build_project(sample)
    assert sorted(extracted) == ["site-0.txt", "site-1.txt", "site-2.txt"]

    (tmp_path / "fresh").mkdir()
    fresh = copy_sample(tmp_path / "fresh")
    for path in (sample / "articles").iterdir():
        (fresh / "articles" / path.name).write_bytes(path.read_bytes())
    build_project(fresh)
    pages = sorted(p.relative_to(sample / "docs") for p in (sample / "docs").rglob("*.md"))
    assert pages == sorted(p.relative_to(fresh / "docs") for p in (fresh / "docs").rglob("*.md"))
    assert all((sample / "docs" / p).read_bytes() == (fresh / "docs" / p).read_bytes() for p in pages)
