"""The ``briefing`` command. It parses arguments and hands over to the pipeline; nothing more."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .article import FRONT_MATTER_ORDER, RECORD_FIELDS
from .config import Settings, load_project
from .errors import BriefingError, InputError, os_problem
from .read import READERS, read_file, supported

CONFIG_HELP = "The MkDocs configuration whose 'briefing' plugin section holds the defaults."


def _fail(message: str) -> None:
    raise click.ClickException(message)


def _reader_settings(config_file: Path) -> Settings:
    """The settings of the briefing in the current folder, so that ``extract`` and ``eval`` read
    an export (its ``json_fields``) as the build does."""
    try:
        return load_project(config_file).settings if config_file.exists() else Settings()
    except BriefingError as exc:
        _fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Turn a folder of raw news clippings into a searchable MkDocs briefing site.

    \b
    Typical use:
      briefing build          read articles/, write docs/ (pages and indexes)
      mkdocs serve            browse the briefing at http://127.0.0.1:8000
    """


def _settings_help() -> str:
    return "\n".join(f"  {name} (default: {default}): {help}" for name, default, help in Settings.help_table())


@main.command(epilog="\b\nSettings in mkdocs.yml (plugins: - briefing: ...):\n" + _settings_help())
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"),
              show_default=True, help=CONFIG_HELP)
@click.option("--articles", "articles_dir", help="Folder of raw articles (overrides mkdocs.yml).")
@click.option("--entities", help="Entity registry file (overrides mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any input failed.")
@click.option("--restore", multiple=True, metavar="ORIGINAL",
              help="Write again the page of this input (its name under articles/) that you deleted; "
                   "'all' for every one. Repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary line.")
def build(config_file: Path, articles_dir: str | None, entities: str | None, strict: bool, restore: tuple[str, ...],
          quiet: bool) -> None:
    """Write article pages and index pages into the docs folder.

    Your edits win, field by field: front-matter keys and text you changed stay as you left them,
    while what you did not touch is refreshed. Pages you deleted are not written again (see
    --restore); pages you moved are found by their `original` key. Index pages keep whatever you
    write outside their generated block.
    """
    from .site import build as run_build

    try:
        project = load_project(config_file, articles_dir=articles_dir, entities=entities)
        if not project.articles_dir.is_dir():
            _fail(f"{project.articles_dir}: no such folder of articles (set articles_dir in {config_file.name} "
                  f"or pass --articles)")
        wanted = {"*" if r == "all" else r for r in restore} or None
        report = run_build(project, project.site_name, progress=None if quiet else _progress(), restore=wanted)
    except BriefingError as exc:
        _fail(str(exc))
    except OSError as exc:  # a folder that cannot be read, say: the file and the problem
        _fail(os_problem(exc))
    for line in report.problems():
        click.echo(line, err=True)
    if not quiet:
        for rel in report.kept_edits:
            click.echo(f"kept your edits: {rel}", err=True)
    click.echo(f"briefing: {report.summary()} -> {project.docs_dir}")
    if strict and report.failed:
        sys.exit(1)


def _progress():
    """For briefings of 200 articles or more: a bar while reading articles on a terminal, a plain
    line every 500 articles in CI and logs, and a line when the index pages are being written."""
    state = {"bar": None}
    tty = sys.stderr.isatty()

    def update(stage: str, done: int, total: int) -> None:
        if total < 200:
            return
        if stage != "reading articles":
            if done == 0:
                click.echo(f"{stage} for {total} articles", err=True)
            return
        if tty:
            if state["bar"] is None:
                state["bar"] = click.progressbar(length=total, label="Reading articles", file=sys.stderr)
                state["bar"].__enter__()
            state["bar"].update(1)
            if done == total:
                state["bar"].__exit__(None, None, None)
                state["bar"] = None
        elif done % 500 == 0 or done == total:
            click.echo(f"read {done}/{total} articles", err=True)

    return update


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per file.")
@click.option("--entities", type=click.Path(dir_okay=False, path_type=Path),
              help="Entity registry file to apply (default: none, or entities.yml beside mkdocs.yml).")
def extract(files: tuple[Path, ...], as_json: bool, entities: Path | None) -> None:
    """Extract title, date, source, entities and clean text from FILES.

    With --json each object has `path`, the page's front-matter keys, `body` (the cleaned text) and
    `provenance` (which rule or list produced each value). Exits 1 if any file failed.
    """
    from .extract import extract_all
    from .knowledge import load_knowledge

    settings = _reader_settings(Path("mkdocs.yml"))
    if entities is None and Path("entities.yml").exists():
        entities = Path("entities.yml")
    try:
        knowledge = load_knowledge(str(entities) if entities else None)
    except BriefingError as exc:
        _fail(str(exc))
    results, failed = [], 0
    read = [(path, _documents_of(path, settings)) for path in files]
    # Lines that recur across the given files are their sites' boilerplate, as in a build.
    extracted = iter(extract_all([d for _, docs in read for d in docs if not isinstance(d, InputError)], knowledge))
    for path, documents in read:
        for doc in documents:
            article = doc if isinstance(doc, InputError) else next(extracted)
            if isinstance(article, InputError):
                failed += 1
                where = str(path) if article.path in (str(path), path.name) else str(path.parent / article.path)
                click.echo(f"error: {where}: {article.problem}", err=True)
                results.append({"path": where, "error": article.problem})
                continue
            # Every key, always, so the interface stays the same whatever the input format.
            written = article.metadata()
            meta = {key: written.get(key, [] if key in RECORD_FIELDS else None) for key in FRONT_MATTER_ORDER}
            meta["date"] = article.date.isoformat() if article.date else None
            where = str(path.parent / doc.original) if doc.original != path.name else str(path)
            results.append({"path": where, **meta, "body": article.body, "provenance": article.provenance})
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for item in results:
            if "error" not in item:
                _echo_fields(item)
    if failed:
        sys.exit(1)


def _documents_of(path: Path, settings: Settings) -> list:
    """The documents of one file named on the command line, or its error."""
    try:
        if not path.is_file():
            raise InputError(str(path), "no such file")
        if not supported(path):
            raise InputError(str(path), f"unsupported file type '{path.suffix}' (readable: "
                                        f"{', '.join(sorted(READERS))})")
        return read_file(path, path.parent, settings)
    except InputError as exc:
        return [exc]


def _echo_fields(item: dict) -> None:
    """One extracted article as ``briefing extract`` prints it without --json."""
    click.echo(f"== {item['path']}")
    for key, value in item.items():
        if key in ("path", "body", "provenance"):
            continue
        if key in RECORD_FIELDS:
            click.echo(f"  {key}: {len(value)}")
            for record in value:
                click.echo(f"    - {': '.join(record[k] for k in RECORD_FIELDS[key])}")
        else:
            click.echo(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")


@main.command(name="eval")
@click.option("--articles", "articles_dir", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of articles named by the gold files.")
@click.option("--gold", "gold_dir", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of gold JSON files, one per article.")
@click.option("-v", "--verbose", is_flag=True, help="List every error: extra, missed and wrong values.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (overall and per language).")
def evaluate_command(articles_dir: Path, gold_dir: Path, verbose: bool, as_json: bool) -> None:
    """Score extraction against gold labels: precision, recall and F1 per entity field, title
    accuracy and date outcomes, per language and overall. No entities file is applied."""
    from .evaluate import evaluate, format_report
    from .knowledge import load_knowledge

    report = evaluate(articles_dir, gold_dir, load_knowledge(None), _reader_settings(Path("mkdocs.yml")))
    if as_json:
        figures = {"all": report.overall.metrics(),
                   **{lang: s.metrics() for lang, s in sorted(report.by_language.items())}}
        click.echo(json.dumps(figures, indent=2))
    else:
        click.echo(format_report(report, verbose))
    if report.failed:
        sys.exit(1)


@main.command()
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"),
              show_default=True, help=CONFIG_HELP)
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too.")
def check(config_file: Path, strict: bool) -> None:
    """Validate every page's front matter and the entity registry.

    Prints one `file:line: error|warning: problem` line each. Exits 1 on errors (with --strict, on
    warnings too): fit for a pre-commit hook and CI.
    """
    from .check import check_project
    from .knowledge import load_knowledge

    try:
        project = load_project(config_file)
        entities = project.entities_file if project.entities_file.exists() else None
        try:
            knowledge = load_knowledge(str(entities) if entities else None)
        except BriefingError:
            knowledge = load_knowledge(None)  # the registry's own problem is reported below
        problems = check_project(project, knowledge)
    except BriefingError as exc:
        _fail(str(exc))
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(f"briefing check: {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}",
               err=True)
    if errors or (strict and warnings):
        sys.exit(1)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The site's name (default: from the folder's name).")
def init(directory: Path, title: str | None) -> None:
    """Start a new, empty briefing in DIRECTORY.

    Creates mkdocs.yml with the briefing plugin, articles/, templates/ (to change how pages
    look), entities.yml, a GitHub Pages workflow and a README with the publishing steps.
    Files that exist already are left alone.
    """
    from .init import init_briefing

    try:
        created = init_briefing(directory, title)
    except BriefingError as exc:
        _fail(str(exc))
    for name in created:
        click.echo(f"created {directory / name}")
    click.echo(f"Next: put clippings into {directory / 'articles'}, then run `briefing build` and "
               f"`mkdocs serve` in {directory}.")
