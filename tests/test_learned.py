"""Boilerplate learned from the user's own corpus: lines that recur across clippings."""

from conftest import build_project
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
