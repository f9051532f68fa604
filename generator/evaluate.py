"""Extraction scored against gold labels: precision, recall and F1 per field and language.

Gold files are JSON, one per article (``file``, ``language``, ``title``, ``date``, ``countries``,
``companies``, ``news_orgs``, ``people``, ``optional``). Names compare accent- and
case-insensitively, countries by ISO code; ``optional`` items are neither required nor
penalised.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .errors import InputError
from .extract import extract_all
from .kinds import BY_FIELD, ENTITY_FIELDS
from .knowledge import Knowledge, fold
from .read import read_file


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    articles: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in ENTITY_FIELDS})
    titles_stated: int = 0
    titles_right: int = 0
    dates: dict[str, int] = field(default_factory=lambda: {"right": 0, "wrong": 0, "missed": 0, "invented": 0, "absent": 0})
    news_orgs_as_companies: int = 0

    def add(self, other: "Scores") -> None:
        self.articles += other.articles
        for name, counts in other.fields.items():
            self.fields[name].add(counts)
        self.titles_stated += other.titles_stated
        self.titles_right += other.titles_right
        for key, value in other.dates.items():
            self.dates[key] += value
        self.news_orgs_as_companies += other.news_orgs_as_companies

    @property
    def title_accuracy(self) -> float:
        return self.titles_right / self.titles_stated if self.titles_stated else 1.0

    @property
    def date_recall(self) -> float:
        stated = self.dates["right"] + self.dates["wrong"] + self.dates["missed"]
        return self.dates["right"] / stated if stated else 1.0

    def metrics(self) -> dict[str, float]:
        """Flat figures, the keys the pinned floors use."""
        out = {}
        for name, counts in self.fields.items():
            out[f"{name}_precision"] = round(counts.precision, 4)
            out[f"{name}_recall"] = round(counts.recall, 4)
            out[f"{name}_f1"] = round(counts.f1, 4)
        out["title_accuracy"] = round(self.title_accuracy, 4)
        out["date_recall"] = round(self.date_recall, 4)
        out["dates_wrong"] = self.dates["wrong"]
        out["dates_invented"] = self.dates["invented"]
        out["news_orgs_as_companies"] = self.news_orgs_as_companies
        return out


@dataclass
class Report:
    overall: Scores = field(default_factory=Scores)
    by_language: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    errors: list[str] = field(default_factory=list)  # "file: field: problem" lines, for -v
    failed: list[InputError] = field(default_factory=list)


def _key(kind: str, name: str, knowledge: Knowledge) -> str:
    """What makes two names the same: the ISO code of a country; for other kinds the gazetteer's
    canonical name when it knows the name as an alias (gold and output may use either spelling),
    compared accent- and case-insensitively."""
    if kind == "countries":
        return knowledge.country_code(name) or fold(name)
    return fold(knowledge.canonical_name(BY_FIELD[kind].name, name) or name)


def score_article(predicted, gold: dict, knowledge: Knowledge, errors: list[str]) -> Scores:
    scores = Scores(articles=1)
    name = gold["file"]
    optional = {fold(o) for o in gold.get("optional") or []}
    optional |= {knowledge.country_code(o) for o in gold.get("optional") or [] if knowledge.country_code(o)}
    for kind in ENTITY_FIELDS:
        want = {_key(kind, g, knowledge): g for g in gold.get(kind) or []}
        got = {_key(kind, p, knowledge): p for p in getattr(predicted, kind)}
        counts = scores.fields[kind]
        for key, value in got.items():
            if key in want:
                counts.tp += 1
            elif key not in optional and fold(value) not in optional:
                counts.fp += 1
                errors.append(f"{name}: {kind}: extra '{value}'")
        for key, value in want.items():
            if key not in got:
                counts.fn += 1
                errors.append(f"{name}: {kind}: missed '{value}'")
    news = {fold(n) for n in gold.get("news_orgs") or []}
    scores.news_orgs_as_companies = sum(1 for c in predicted.companies if fold(c) in news)
    if gold.get("title"):
        scores.titles_stated = 1
        if " ".join(predicted.title.split()) == " ".join(gold["title"].split()):
            scores.titles_right = 1
        else:
            errors.append(f"{name}: title: '{predicted.title}' instead of '{gold['title']}'")
    got_date = predicted.date.isoformat() if predicted.date else None
    want_date = gold.get("date")
    outcome = ("right" if got_date == want_date else "wrong" if got_date else "missed") if want_date else (
        "invented" if got_date else "absent")
    scores.dates[outcome] += 1
    if outcome in ("wrong", "missed", "invented"):
        errors.append(f"{name}: date: {outcome} ({got_date} for {want_date})")
    return scores


def evaluate(articles_dir: Path, gold_dir: Path, knowledge: Knowledge, settings: Settings | None = None) -> Report:
    """Extract every article the gold set names, learning the corpus's recurring lines first
    (as a build does), and score it."""
    report = Report()
    read: list[tuple[dict, object]] = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = articles_dir / gold["file"]
        if not path.is_file():
            report.failed.append(InputError(gold["file"], f"named in {gold_file.name} but missing"))
            continue
        try:
            doc = read_file(path, articles_dir, settings)[0]
        except InputError as exc:
            doc = exc
        if isinstance(doc, InputError):
            report.failed.append(doc)
        else:
            read.append((gold, doc))
    for (gold, _doc), predicted in zip(read, extract_all([doc for _, doc in read], knowledge)):
        if isinstance(predicted, InputError):
            report.failed.append(predicted)
            continue
        scores = score_article(predicted, gold, knowledge, report.errors)
        report.overall.add(scores)
        report.by_language[gold.get("language") or "?"].add(scores)
    return report


def format_report(report: Report, verbose: bool = False) -> str:
    lines = []
    header = f"{'':<10}{'articles':>9}" + "".join(f"{f + ' P/R/F1':>26}" for f in ENTITY_FIELDS) + f"{'titles':>9}{'dates ok/wrong/missed/invented':>32}"
    lines.append(header)
    rows = [("all", report.overall)] + sorted(report.by_language.items())
    for label, s in rows:
        cells = "".join(f"{c.precision:>9.3f}{c.recall:>8.3f}{c.f1:>9.3f}" for c in s.fields.values())
        dates = f"{s.dates['right']}/{s.dates['wrong']}/{s.dates['missed']}/{s.dates['invented']}"
        lines.append(f"{label:<10}{s.articles:>9}{cells}{s.title_accuracy:>9.3f}{dates:>32}")
    lines.append(f"news organisations listed as companies: {report.overall.news_orgs_as_companies}")
    for failure in report.failed:
        lines.append(f"error: {failure}")
    if verbose:
        lines.extend(report.errors)
    return "\n".join(lines)
