"""``briefing check``: validate every page's front matter and the entity registry.

Problems are reported as ``file:line: error|warning: message``. Errors are what would break the
briefing (a date that is not a date, a list that is not a list); warnings are what a person
should look at (an unknown key, a country or company the registry does not know).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from .article import FRONT_MATTER_ORDER, LIST_FIELDS, OPTIONAL_KEYS, parse_iso_date
from .config import Project
from .errors import ConfigError, InputError
from .indexes import BEGIN, END
from .knowledge import Knowledge, build_knowledge, fold
from .page import front_matter, keys as page_keys

TEXT_FIELDS = ("title", "source", "url", "author", "summary", "language", "original")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def _line_of(text: str, key: str, value: str | None = None) -> int:
    """The line of ``key:`` in a page (or of the list item ``value`` under it)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if re.match(rf"{re.escape(key)}\s*:", line):
            if value is None:
                return index + 1
            for offset, item in enumerate(lines[index:], start=index):
                if value in item:
                    return offset + 1
            return index + 1
    return 1


def check_article(rel: str, text: str, knowledge: Knowledge, templates: tuple[Path, ...] = ()) -> list[Problem]:
    problems: list[Problem] = []

    def add(line: int, severity: str, message: str) -> None:
        problems.append(Problem(rel, line, severity, message))

    yaml_text = None
    try:
        yaml_text, _ = front_matter.split(text, rel)
        if yaml_text is None:
            add(1, "error", "no front matter: an article page starts with a '---' block of keys")
            return problems
        meta = front_matter.load(yaml_text, rel)
    except InputError as exc:
        bad = re.search(r"^(\w+):\s*(\d{4}-\d{1,2}-\d{1,2})\s*$", yaml_text or "", re.MULTILINE)
        if "impossible date" in exc.problem and bad:  # YAML reads 2018-13-45 as a date and fails on it
            add(_line_of(text, bad.group(1)), "error", f"{bad.group(1)}: '{bad.group(2)}' is not a date")
        else:
            add(exc.line or 1, "error", exc.problem.split(" (line ")[0])
        return problems
    if not meta:
        add(1, "error", "front matter is empty: an article page needs at least its title")
        return problems
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        add(_line_of(text, "title"), "error", "title: required, a non-empty text")
    date = meta.get("date")
    if date not in (None, "") and parse_iso_date(date) is None:  # as the build reads it
        add(_line_of(text, "date"), "error", f"date: '{date}' is not a date (write YYYY-MM-DD, or leave it empty)")
    for key in TEXT_FIELDS:
        if key in meta and meta[key] is not None and not isinstance(meta[key], str):
            add(_line_of(text, key), "error", f"{key}: must be text, not {type(meta[key]).__name__}")
    for key in LIST_FIELDS:
        value = meta.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            add(_line_of(text, key), "error", f"{key}: must be a list of names (one '- name' per line)")
    for key, value in meta.items():
        wrong = page_keys.problem(key, value, templates) if key in page_keys.CHECKS else None
        if wrong:
            add(_line_of(text, key), "error", f"{key}: {wrong} (MkDocs could not build the page)")
    words = meta.get("words")
    if words is not None and (not isinstance(words, int) or isinstance(words, bool) or words < 0):
        add(_line_of(text, "words"), "error", "words: must be a whole number")
    for key in meta:
        if key not in FRONT_MATTER_ORDER and key not in OPTIONAL_KEYS:
            add(_line_of(text, str(key)), "warning", f"unknown key '{key}' (known: {', '.join(FRONT_MATTER_ORDER)}, "
                f"{', '.join(sorted(OPTIONAL_KEYS))})")
    for name in meta.get("countries") or [] if isinstance(meta.get("countries"), list) else []:
        if isinstance(name, str) and knowledge.country_code(name) is None:
            add(_line_of(text, "countries", name), "warning",
                f"countries: '{name}' is not a known country (fix the spelling, or add it under countries: in the entities file)")
    for name in meta.get("companies") or [] if isinstance(meta.get("companies"), list) else []:
        if isinstance(name, str) and not knowledge.canonical_name("company", name):
            add(_line_of(text, "companies", name), "warning",
                f"companies: '{name}' is not in the registry (add it under companies: in the entities file if it is right)")
    return problems


def check_index(rel: str, text: str) -> list[Problem]:
    begins, ends = text.count(BEGIN.split(" (")[0]), text.count(END)
    if begins != ends or begins > 1:
        line = next((i + 1 for i, l in enumerate(text.split("\n")) if "briefing:" in l), 1)
        return [Problem(rel, line, "error", "the generated block's markers are broken: keep one "
                        "'<!-- briefing:begin ... -->' and one '<!-- briefing:end -->' (or remove both)")]
    return []


def check_registry(path: Path) -> list[Problem]:
    if not path.exists():
        return []
    rel = path.name
    try:
        build_knowledge(path)
    except ConfigError as exc:
        message = str(exc)
        match = re.match(rf".*?{re.escape(rel)}:(\d+): (.*)", message)
        if match:
            return [Problem(rel, int(match.group(1)), "error", match.group(2))]
        return [Problem(rel, 1, "error", message.split(": ", 1)[-1])]
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    text = path.read_text(encoding="utf-8")
    owners: dict[str, set[str]] = defaultdict(set)
    problems: list[Problem] = []
    for section, value in data.items():
        if section == "countries" or not isinstance(value, (dict, list)):
            continue
        table = value if isinstance(value, dict) else {name: [] for name in value}
        for name, aliases in table.items():
            if isinstance(aliases, str):
                problems.append(Problem(rel, _line_of_value(text, fold(str(name))), "warning",
                                        f"{section}: {name}: aliases are a list: write [{aliases}]"))
                aliases = [aliases]
            for surface in [name, *(aliases or [])]:
                owners[fold(str(surface))].add(f"{section}: {name}")
    return problems + [Problem(rel, _line_of_value(text, surface), "error",
                               f"'{surface}' is declared for {' and '.join(sorted(names))}; a name can mean one thing only")
                       for surface, names in sorted(owners.items()) if len(names) > 1]


def _line_of_value(text: str, folded: str) -> int:
    for index, line in enumerate(text.split("\n")):
        if folded in fold(line):
            return index + 1
    return 1


def check_project(project: Project, knowledge: Knowledge) -> list[Problem]:
    problems = check_registry(project.entities_file)
    docs = project.docs_dir
    templates = page_keys.theme_templates(project.theme_dir)
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        rel = path.relative_to(project.root).as_posix()
        docs_rel = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if docs_rel.startswith("articles/") and path.name != "index.md":
            problems += check_article(rel, text, knowledge, templates)
        else:
            problems += check_index(rel, text)
    return problems
