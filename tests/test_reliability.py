"""Nothing a clipping, a kill or a setting can do breaks the briefing: each defect an audit found
is held here by a test that failed before it was mended."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import frontmatter
import pytest
from conftest import REPO, build_project

from generator.errors import BriefingError

BIN = Path(sys.executable).parent
STORY = ("Officials in Lisbon said on Tuesday that the review of network equipment from Huawei would take "
         "several months, and that operators would be consulted before any decision.")


def run(args, cwd, check=True):
    result = subprocess.run([str(BIN / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def pages(project: Path) -> list[Path]:
    return sorted(p for p in (project / "docs" / "articles").rglob("*.md") if p.name != "index.md")


def page_of(project: Path, original: str) -> Path:
    return next(p for p in pages(project) if frontmatter.load(p).get("original") == original)


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def alias_bomb(levels: int) -> str:
    lines = ["---", "title: Nested aliases", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join([*lines, "---", "", STORY, ""])


# 1. Front matter bounded in size and expansion

def test_a_yaml_alias_bomb_in_a_clipping_is_refused_in_one_line(sample):
    (sample / "articles" / "bomb.md").write_text(alias_bomb(8), encoding="utf-8")
    report = build_project(sample)
    problems = {e.path: e.problem for e in report.failed}
    assert "values" in problems["bomb.md"] and "\n" not in problems["bomb.md"]
    assert report.articles == 4  # the others are built
    assert (sample / ".briefing" / "state.json").stat().st_size < 200_000


def test_a_page_with_an_alias_bomb_is_reported_and_the_indexes_still_built(sample):
    build_project(sample)
    page = pages(sample)[0]
    page.write_text(alias_bomb(8), encoding="utf-8")
    report = build_project(sample)
    assert any(e.path == page.relative_to(sample / "docs").as_posix() and "values" in e.problem for e in report.failed)
    assert (sample / "docs" / "countries" / "japan.md").exists()
    result = run(["briefing", "check"], sample, check=False)
    assert result.returncode == 1 and "values" in result.stdout


def test_front_matter_larger_than_any_page_is_refused(sample):
    (sample / "articles" / "huge.md").write_text("---\ntitle: Huge\nnotes: " + "x" * 600_000 + "\n---\n\n" + STORY,
                                                 encoding="utf-8")
    report = build_project(sample)
    assert any(e.path == "huge.md" and "front matter is" in e.problem for e in report.failed)


# 3. A comment is an edit

@pytest.mark.parametrize("comment", ["# checked with the ministry\n", None])
def test_a_comment_that_is_the_only_change_survives_rebuilds(sample, comment):
    build_project(sample)
    page = page_of(sample, "000_3f33bf3a326c46d7.txt")
    text = page.read_text(encoding="utf-8")
    if comment:  # on a line of its own
        edited = text.replace("\ndate:", f"\n{comment}date:", 1)
        kept = comment.strip()
    else:  # at a line's end
        first = text.split("\n")[1]
        edited = text.replace(first + "\n", first + "  # a better headline?\n", 1)
        kept = "# a better headline?"
    page.write_text(edited, encoding="utf-8")
    for _ in range(2):
        build_project(sample)
        assert kept in page.read_text(encoding="utf-8")
    # The raw clipping changes: the fields are refreshed and the comment stays.
    clipping = sample / "articles" / "000_3f33bf3a326c46d7.txt"
    clipping.write_text(clipping.read_text(encoding="utf-8") + "\nThe ministry in Seoul declined to comment.\n",
                        encoding="utf-8")
    build_project(sample)
    assert kept in page.read_text(encoding="utf-8")


# 4. Links in articles/

def test_links_out_of_the_project_are_refused_and_loops_reported(sample):
    articles = sample / "articles"
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    (articles / "loop1.txt").symlink_to("loop2.txt")
    (articles / "loop2.txt").symlink_to("loop1.txt")
    (articles / "nowhere.txt").symlink_to("no-such-file.txt")
    (sample / "clips").mkdir()
    (sample / "clips" / "inside.txt").write_text("Lisbon reviews Huawei\n\n" + STORY + "\n", encoding="utf-8")
    (articles / "inside.txt").symlink_to(sample / "clips" / "inside.txt")
    report = build_project(sample)
    problems = {e.path: e.problem for e in report.failed}
    assert "outside the project" in problems["passwd.txt"]
    assert {"loop1.txt", "loop2.txt", "nowhere.txt"} <= set(problems)
    assert report.articles == 5  # the link within the project is read
    assert not any("root:x:0:0" in p.read_text(encoding="utf-8") for p in (sample / "docs").rglob("*.*")
                   if p.suffix in (".md", ".xml"))
    result = run(["briefing", "build"], sample, check=False)
    assert "Traceback" not in result.stderr and "loop1.txt: is a symbolic link" in result.stderr


# 5. Keys MkDocs and the theme read

def test_page_settings_from_a_clipping_that_would_break_mkdocs_are_dropped(sample):
    (sample / "articles" / "settings.md").write_text(
        "---\ntitle: Lisbon reviews Huawei\ntemplate: ../../etc/passwd\nhide: 5\ndescription: A fine one\n---\n\n"
        + STORY + "\n", encoding="utf-8")
    (sample / "articles" / "other.md").write_text(
        "---\ntitle: Madrid reviews ZTE\ntemplate: no_such.html\nsearch: {exclude: maybe}\n---\n\n"
        + STORY.replace("Lisbon", "Madrid").replace("Huawei", "ZTE") + "\n", encoding="utf-8")
    result = run(["briefing", "build"], sample)
    assert "warning: settings.md: front matter: 'template'" in result.stderr
    assert "warning: settings.md: front matter: hide:" in result.stderr
    meta = frontmatter.load(page_of(sample, "settings.md")).metadata
    assert "template" not in meta and "hide" not in meta and meta["description"] == "A fine one"
    assert "search" not in frontmatter.load(page_of(sample, "other.md")).metadata
    run(["mkdocs", "build"], sample)
    assert run(["briefing", "check"], sample).returncode == 0


def test_check_reports_page_settings_that_would_break_mkdocs(sample):
    build_project(sample)
    page = pages(sample)[0]
    page.write_text(page.read_text(encoding="utf-8").replace("\ndate:", "\ntemplate: no_such.html\nhide: 5\ndate:", 1),
                    encoding="utf-8")
    result = run(["briefing", "check"], sample, check=False)
    assert result.returncode == 1
    assert "error: template: no template 'no_such.html' in the theme" in result.stdout
    assert "error: hide: must be a list" in result.stdout


# 6. One declaration of the settings

def _with_options(project: Path, lines: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      entities: entities.yml\n", f"      entities: entities.yml\n{lines}"),
                      encoding="utf-8")


def test_every_documented_setting_is_accepted_by_the_command_line_and_mkdocs(sample):
    _with_options(sample, "      reuse_navigation: false\n")
    run(["briefing", "build"], sample)
    run(["briefing", "check"], sample)
    run(["mkdocs", "build", "--strict"], sample)


@pytest.mark.parametrize("option, message", [("bogus: 1", "unknown briefing option(s) bogus"),
                                             ("state_dir: ''", "'state_dir' must be a non-empty path"),
                                             ("reuse_navigation: sometimes", "'reuse_navigation' must be true or false")])
def test_a_wrong_setting_is_refused_the_same_way_everywhere(sample, option, message):
    _with_options(sample, f"      {option}\n")
    for command in (["briefing", "build"], ["briefing", "check"], ["mkdocs", "build"]):
        result = run(command, sample, check=False)
        assert result.returncode != 0 and message in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr
    assert not (sample / "state.json").exists()


def test_json_fields_are_used_by_extract_as_by_the_build(sample):
    _with_options(sample, "      json_fields: {text: story_body, title: headline_text}\n")
    (sample / "articles" / "export.json").write_text(json.dumps(
        [{"headline_text": "Lisbon reviews Huawei", "story_body": STORY}]), encoding="utf-8")
    result = run(["briefing", "extract", "--json", "articles/export.json"], sample)
    [item] = json.loads(result.stdout)
    assert item["title"] == "Lisbon reviews Huawei" and "Lisbon" in item["body"]


# 7. The entity registry

def test_aliases_written_as_one_name_are_one_alias_not_letters(sample):
    (sample / "entities.yml").write_text("companies:\n  Acme Corporation: ACME\n", encoding="utf-8")
    (sample / "articles" / "acme.txt").write_text("Acme wins a contract\n\n" + STORY.replace("Huawei", "ACME") + "\n",
                                                  encoding="utf-8")
    build_project(sample)
    tagged = [p for p in pages(sample) if "Acme Corporation" in (frontmatter.load(p).get("companies") or [])]
    assert [frontmatter.load(p)["original"] for p in tagged] == ["acme.txt"]
    result = run(["briefing", "check"], sample)
    assert "aliases are a list: write [ACME]" in result.stdout


def test_a_registry_entry_of_the_wrong_shape_is_one_line_naming_the_file(sample):
    (sample / "entities.yml").write_text("companies:\n  Acme Corporation: {name: ACME}\n", encoding="utf-8")
    result = run(["briefing", "build"], sample, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "entities.yml: companies: Acme Corporation: aliases must be a list" in result.stderr
    result = run(["briefing", "check"], sample, check=False)
    assert result.returncode == 1 and "entities.yml:1: error: companies: Acme Corporation" in result.stdout


# 8. State saved as one unit; derived files rebuilt when missing

COPY = "articles/copy-of-000.txt"


def _add_copy(project: Path) -> None:
    original = (project / "articles" / "000_3f33bf3a326c46d7.txt").read_text(encoding="utf-8")
    (project / COPY).write_text(original, encoding="utf-8")


@pytest.mark.parametrize("loss", ["shingles deleted", "killed between cache and shingles"])
def test_duplicates_are_still_found_after_the_fingerprints_are_lost(sample, loss):
    build_project(sample)
    shingles = sample / ".briefing" / "shingles.json"
    if loss == "shingles deleted":
        shingles.unlink()
    else:  # the cache saved, then the kill: the fingerprints file is the one before
        shingles.write_text("{}", encoding="utf-8")
    _add_copy(sample)
    report = build_project(sample)
    assert [d[0] for d in report.duplicates] == ["copy-of-000.txt"]
    assert len(pages(sample)) == 4


def test_a_build_killed_before_saving_its_state_leaves_no_false_edits(sample, monkeypatch):
    from generator.site import state

    build_project(sample)
    clipping = sample / "articles" / "001_468776ec45e334ad.txt"
    clipping.write_text(clipping.read_text(encoding="utf-8") + "\nA spokesman in Tokyo declined to comment.\n",
                        encoding="utf-8")

    def killed(self):
        raise KeyboardInterrupt  # as a kill: the pages are written, the state is not saved

    with monkeypatch.context() as patch:
        patch.setattr(state.State, "save", killed)
        with pytest.raises(KeyboardInterrupt):
            build_project(sample)
    report = build_project(sample)
    assert report.kept_edits == []
    clipping.unlink()
    report = build_project(sample)
    assert len(report.removed) >= 1 and len(pages(sample)) == 3


# 9. Only what the generator wrote is removed

def test_a_persons_own_files_in_docs_feeds_are_kept(sample):
    build_project(sample)
    own = sample / "docs" / "feeds" / "my-reading-list.xml"
    own.write_text("<opml><body/></opml>\n", encoding="utf-8")
    (sample / "articles" / "000_3f33bf3a326c46d7.txt").unlink()  # its companies' feeds go
    report = build_project(sample)
    assert own.exists() and any(r.startswith("feeds/") for r in report.removed)


# 10. One line, not a traceback

def test_a_folder_that_cannot_be_written_is_one_line_naming_it(sample):
    (sample / "docs" / "articles").write_text("not a folder\n", encoding="utf-8")
    result = run(["briefing", "build"], sample, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "docs/articles" in result.stderr


def test_a_full_disk_is_one_line_naming_the_file(sample, monkeypatch):
    from generator.site import store

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write_all", full)
    with pytest.raises(BriefingError) as caught:
        build_project(sample)
    assert "No space left on device" in str(caught.value) and str(sample / "docs") in str(caught.value)


def test_a_state_dir_that_is_a_file_is_one_line(sample):
    (sample / "state-file").write_text("", encoding="utf-8")
    _with_options(sample, "      state_dir: state-file\n")
    result = run(["briefing", "build"], sample, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "state-file: the briefing's state folder (state_dir) is not a folder" in result.stderr


def test_thousands_of_bad_records_are_summarised(sample):
    (sample / "articles" / "export.json").write_text(json.dumps(["not a record"] * 100_000), encoding="utf-8")
    result = run(["briefing", "build"], sample)
    lines = [line for line in result.stderr.splitlines() if "export.json" in line]
    assert len(lines) <= 6 and "99,995 more problems in this file" in lines[-1]


@pytest.mark.parametrize("text, problem", [
    ("---\ntitle: Unclosed\n\nThe text.\n", "not closed"),
    ("---\n---\n\nThe text.\n", "no front matter"),
    ("---\n- a list\n- of things\n---\n\nThe text.\n", "must be a mapping"),
])
def test_a_page_with_broken_front_matter_is_reported(sample, text, problem):
    build_project(sample)
    page = pages(sample)[0]
    page.write_text(text, encoding="utf-8")
    report = build_project(sample)
    rel = page.relative_to(sample / "docs").as_posix()
    assert [e.path for e in report.failed if problem in e.problem] == [rel]
    assert run(["briefing", "check"], sample, check=False).returncode == 1


def test_a_quoted_date_means_the_same_to_the_build_and_to_check(sample):
    build_project(sample)
    page = page_of(sample, "000_3f33bf3a326c46d7.txt")
    text = page.read_text(encoding="utf-8").replace("\ndate: 2018-08-31\n", '\ndate: "2018-09-03"\n')
    assert '"2018-09-03"' in text
    page.write_text(text, encoding="utf-8")
    result = run(["briefing", "check"], sample)
    assert "is not a date" not in result.stdout
    build_project(sample)
    assert frontmatter.load(page)["date"] in ("2018-09-03", __import__("datetime").date(2018, 9, 3))
    assert "2018-09" in (sample / "docs" / "timeline.md").read_text(encoding="utf-8")


def test_temporary_files_a_kill_left_in_the_state_folder_are_swept(sample):
    build_project(sample)
    left = sample / ".briefing" / f".state.json.{os.getpid() + 1}.tmp"
    left.write_text("{", encoding="utf-8")
    build_project(sample)
    assert not left.exists()


# Kills at random moments

def _corpus(project: Path, count: int) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from make_corpus import make_corpus
    finally:
        sys.path.pop(0)
    make_corpus(count, project / "articles")


def test_kill_9_at_random_moments_never_breaks_the_briefing(sample, tmp_path):
    _corpus(sample, 150)
    clean = tmp_path / "clean"
    shutil.copytree(sample, clean)
    run(["briefing", "build", "-q"], clean)
    rng = random.Random(20261202)
    started = time.monotonic()
    run(["briefing", "build", "-q"], sample)
    full = time.monotonic() - started
    shutil.rmtree(sample / "docs")
    shutil.rmtree(sample / ".briefing")
    (sample / "docs").mkdir()
    kills, told = 0, ""
    for attempt in range(12):
        if attempt == 6:  # the later kills fall in rebuilds after hand edits
            run(["briefing", "build", "-q"], sample)
            page = pages(sample)[0]
            page.write_text(page.read_text(encoding="utf-8") + "\nMy own note.\n", encoding="utf-8")
            (clean / page.relative_to(sample)).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
            for clipping in sorted((sample / "articles").glob("*.txt"))[:20]:
                clipping.write_text(clipping.read_text(encoding="utf-8") + "\nOfficials declined to comment.\n",
                                    encoding="utf-8")
                (clean / clipping.relative_to(sample)).write_text(clipping.read_text(encoding="utf-8"), encoding="utf-8")
        process = subprocess.Popen([str(BIN / "briefing"), "build"], cwd=sample, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        # (a rebuild of the 20 edited inputs takes well under half of a full build)
        time.sleep(rng.uniform(0.05, max(0.2, full if attempt < 6 else full / 2)))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        told += process.communicate()[1]  # what a build said before it ended or was killed, the person saw
        for page in pages(sample):  # every page whole
            frontmatter.loads(page.read_text(encoding="utf-8"))
        state = sample / ".briefing" / "state.json"
        if state.exists():
            json.loads(state.read_text(encoding="utf-8"))
    assert kills >= 10
    result = run(["briefing", "build"], sample)
    told += result.stderr
    assert told.count("kept your edits") == 1
    run(["briefing", "build", "-q"], clean)
    assert tree(sample / "docs") == tree(clean / "docs")


def test_a_page_noted_but_never_written_is_not_taken_for_one_the_person_deleted(sample):
    # A build notes each page in its journal just before writing it; killed in between, the
    # journal names a page that is not there. The next build writes it, as the person never saw it.
    build_project(sample)
    (sample / "articles" / "added.txt").write_text(
        "Nokia wins Finnish 5G core contract\n\nHELSINKI — Finland's largest operator chose Nokia for its 5G core "
        "network on Tuesday, the company said, in a deal worth about 200 million euros.\n", encoding="utf-8")
    noted = {"page": "articles/undated/nokia-wins-finnish-5g-core-contract.md", "sha": "0" * 64, "snapshot": None}
    (sample / ".briefing" / "journal.jsonl").write_text(json.dumps(["added.txt", noted]) + "\n", encoding="utf-8")
    report = build_project(sample)
    assert report.deleted_by_person == []
    assert [p for p in report.written if p.startswith("articles/")] and report.articles == 5
