"""The command line: exit codes, output a person reads, and the JSON evaluation interface."""

import json
import re

from click.testing import CliRunner
from conftest import REPO

from generator.article import FRONT_MATTER_ORDER
from generator.cli import main


def test_help_documents_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    for command in ("build", "extract"):
        assert command in result.output
    build_help = CliRunner().invoke(main, ["build", "--help"]).output
    for setting in ("articles_dir", "entities", "templates_dir", "state_dir", "--strict"):
        assert setting in build_help


def test_extract_json_has_front_matter_keys_and_body():
    seed = REPO / "articles" / "000_3f33bf3a326c46d7.txt"
    result = CliRunner().invoke(main, ["extract", str(seed), "--json"])
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.output)
    assert list(item)[:1 + len(FRONT_MATTER_ORDER)] == ["path", *FRONT_MATTER_ORDER]
    assert item["date"] == "2018-08-31" and item["source"] == "Nikkei Asian Review"
    assert "Trending" not in item["body"] and item["body"].startswith("TOKYO (Dow Jones)")
    assert item["provenance"]["date"].startswith("date line")


def test_extract_readable_output_lists_quotes_with_their_speakers():
    seed = REPO / "articles" / "002_0e11e2dfcb2e0963.txt"
    result = CliRunner().invoke(main, ["extract", str(seed)])
    assert result.exit_code == 0, result.output
    assert "  quotes: 1\n    - Yoshihide Suga: It is extremely crucial not to procure equipment" in result.output
    assert "  events: 0\n" in result.output
    item = json.loads(CliRunner().invoke(main, ["extract", str(seed), "--json"]).output)[0]
    assert item["events"] == [] and item["quotes"][0]["speaker"] == "Yoshihide Suga"


def test_extract_reports_a_bad_file_in_one_line_and_goes_on(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    good = REPO / "articles" / "002_0e11e2dfcb2e0963.txt"
    result = CliRunner().invoke(main, ["extract", str(bad), str(good), "--json"])
    assert result.exit_code == 1
    assert f"error: {bad}: the file is empty" in result.stderr
    assert "Traceback" not in result.output
    items = json.loads(result.stdout)
    assert items[0] == {"path": str(bad), "error": "the file is empty"} and items[1]["source"] == "Kyodo"


def test_build_prints_a_summary_and_strict_fails_on_bad_input(sample, monkeypatch):
    monkeypatch.chdir(sample)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "4 articles" in result.stdout and "0 failed" in result.stdout
    (sample / "articles" / "empty.txt").write_bytes(b"")
    strict = CliRunner().invoke(main, ["build", "--strict"])
    assert strict.exit_code == 1
    assert "error: empty.txt: the file is empty" in strict.stderr


def test_build_explains_a_missing_articles_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "no such folder of articles" in result.output and "Traceback" not in result.output


def test_build_rejects_an_unknown_plugin_option(sample, monkeypatch):
    monkeypatch.chdir(sample)
    config = sample / "mkdocs.yml"
    config.write_text(config.read_text().replace("articles_dir: articles", "article_dir: articles"))
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "unknown briefing option(s) article_dir" in result.output


def test_build_explains_an_entities_file_in_another_encoding(sample, monkeypatch):
    monkeypatch.chdir(sample)
    (sample / "entities.yml").write_bytes("companies:\n  Société Générale: [SocGen]\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "entities.yml: is not UTF-8 text (byte 17); save it as UTF-8" in result.output
    assert "Traceback" not in result.output


def test_build_explains_an_entities_file_it_cannot_read(sample, monkeypatch):
    monkeypatch.chdir(sample)
    (sample / "entities.yml").unlink()
    (sample / "entities.yml").mkdir()  # a folder where the file should be
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "entities.yml: cannot be read (Is a directory)" in result.output
    assert "Traceback" not in result.output


def test_a_long_build_shows_progress_in_plain_lines(sample, monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    from make_corpus import make_corpus

    make_corpus(600, sample / "articles" / "synthetic")
    monkeypatch.chdir(sample)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert "read 500/604 articles" in lines and "read 604/604 articles" in lines
    assert lines.index("read 604/604 articles") < lines.index("writing index pages for 604 articles")


def test_the_install_instructions_install_what_this_repository_builds():
    # The registry's "briefing" is another project: the README, a new briefing's README and its
    # Pages workflow must all install this repository's distribution.
    import tomllib

    from generator.init import scaffold_text

    name = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]
    assert name != "briefing"
    for text in (scaffold_text("github/pages.yml", "T"), scaffold_text("README.md", "T"),
                 (REPO / "README.md").read_text(encoding="utf-8")):
        installs = re.findall(r"pip install \"?([^\s\"-][^\s\"]*)", text)
        assert installs and all(target == name or target.startswith("git+") for target in installs), installs


def test_a_new_briefing_installs_the_generator_as_it_was_installed_here(tmp_path, monkeypatch):
    # Installed from a git repository, a new briefing's Pages workflow installs the same commit
    # (the distribution may not be on the registry at all); installed otherwise, it names it.
    from importlib import metadata

    from generator import init

    origin = {"url": "https://example.org/team/briefing.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}

    class Installed:
        def read_text(self, name):
            return json.dumps(origin) if name == "direct_url.json" else None

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    init.init_briefing(tmp_path / "b")
    workflow = (tmp_path / "b" / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert 'pip install "mkdocs-briefing @ git+https://example.org/team/briefing.git@abc123"' in workflow
    assert "git+https://example.org/team/briefing.git@abc123" in (tmp_path / "b" / "README.md").read_text(encoding="utf-8")
    origin = {"url": "file:///home/me/briefing", "dir_info": {"editable": True}}
    assert init.install_spec() == "mkdocs-briefing"



def test_a_system_error_is_one_line_with_the_file_first_when_there_is_one():
    from generator.errors import os_problem

    assert os_problem(PermissionError(13, "Permission denied", "docs/countries/peru.md")) == \
        "docs/countries/peru.md: Permission denied"
    assert os_problem(OSError(28, "No space left on device")) == "No space left on device"
