"""`briefing check`: schema problems reported as file:line lines, with the right exit code."""

from click.testing import CliRunner
from conftest import build_project
from test_build import page_for

from generator.cli import main


def run_check(sample, monkeypatch, *args):
    monkeypatch.chdir(sample)
    return CliRunner().invoke(main, ["check", *args])


def test_a_fresh_briefing_is_clean(sample, monkeypatch):
    build_project(sample)
    result = run_check(sample, monkeypatch, "--strict")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.stderr


def test_errors_name_the_file_and_line(sample, monkeypatch):
    build_project(sample)
    page = page_for(sample, "000_3f33bf3a326c46d7.txt")
    text = page.read_text(encoding="utf-8")
    text = text.replace("date: 2018-08-31", "date: 2018-13-45").replace("words: 430", "words: many")
    text = text.replace("---\ntitle:", "---\nmood: upbeat\ntitle:", 1)
    text = text.replace("  - Australia", "  - Untied States")
    page.write_text(text, encoding="utf-8")
    rel = page.relative_to(sample).as_posix()
    lines = text.split("\n")
    result = run_check(sample, monkeypatch)
    assert result.exit_code == 1
    out = result.stdout
    assert f"{rel}:{lines.index('date: 2018-13-45') + 1}: error: date: '2018-13-45' is not a date" in out
    page.write_text(text.replace("date: 2018-13-45", "date: last Monday"), encoding="utf-8")
    out = run_check(sample, monkeypatch).stdout
    assert f"{rel}:{lines.index('date: 2018-13-45') + 1}: error: date: 'last Monday' is not a date" in out
    assert f"{rel}:{lines.index('words: many') + 1}: error: words: must be a whole number" in out
    assert f"{rel}:2: warning: unknown key 'mood'" in out
    assert f"{rel}:{lines.index('  - Untied States') + 1}: warning: countries: 'Untied States' is not a known country" in out


def test_warnings_fail_only_with_strict(sample, monkeypatch):
    build_project(sample)
    page = page_for(sample, "000_3f33bf3a326c46d7.txt")
    page.write_text(page.read_text(encoding="utf-8").replace("---\ntitle:", "---\nmood: upbeat\ntitle:", 1), encoding="utf-8")
    assert run_check(sample, monkeypatch).exit_code == 0
    assert run_check(sample, monkeypatch, "--strict").exit_code == 1


def test_broken_yaml_and_registry_conflicts(sample, monkeypatch):
    build_project(sample)
    page = page_for(sample, "002_0e11e2dfcb2e0963.txt")
    page.write_text("---\ntitle: [oops\n---\nText\n", encoding="utf-8")
    (sample / "entities.yml").write_text("companies:\n  Acme: [Acme Corp]\nnews_orgs:\n  Acme Corp: []\n", encoding="utf-8")
    result = run_check(sample, monkeypatch)
    assert result.exit_code == 1
    assert f"{page.relative_to(sample).as_posix()}:2: error: front matter is not valid YAML" in result.stdout
    assert "entities.yml:2: error: 'acme corp' is declared for companies: Acme and news_orgs: Acme Corp" in result.stdout


def test_broken_markers_on_an_index_page(sample, monkeypatch):
    build_project(sample)
    japan = sample / "docs" / "countries" / "japan.md"
    japan.write_text(japan.read_text(encoding="utf-8").replace("<!-- briefing:end -->", ""), encoding="utf-8")
    result = run_check(sample, monkeypatch)
    assert result.exit_code == 1 and "docs/countries/japan.md:1: error: the generated block's markers are broken" in result.stdout
