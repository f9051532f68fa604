"""What a build did, for the person who ran it: counts, the pages written, and one line per problem."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError


@dataclass
class BuildReport:
    articles: int = 0  # articles in the briefing from the inputs
    written: list[str] = field(default_factory=list)  # docs-relative pages created or updated
    unchanged: int = 0
    kept_edits: list[str] = field(default_factory=list)  # pages where a person's edits were kept
    deleted_by_person: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # pages found under a new path
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input, the input it repeats)
    removed: list[str] = field(default_factory=list)  # generated pages whose input is gone
    failed: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)  # built, but something of the input was left out
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def problems(self, per_file: int = 5) -> list[str]:
        """One line per failed input and warning, as ``error: ...`` and ``warning: ...``; past
        ``per_file`` in one file (records of an export), one line tells how many more."""
        lines: list[str] = []
        for word, errors in (("error", self.failed), ("warning", self.warnings)):
            counts: dict[str, int] = {}
            for error in errors:
                file = error.path.split("#")[0].split(":")[0]
                counts[file] = counts.get(file, 0) + 1
                if counts[file] <= per_file:
                    lines.append(f"{word}: {error}")
            lines += [f"{word}: {file}: {count - per_file:,} more {'problems' if word == 'error' else 'warnings'} "
                      "in this file" for file, count in counts.items() if count > per_file]
        return lines

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'s' if count != 1 else ''}"

        parts = [n(self.articles, "article"), f"{n(len(self.written), 'page')} written", f"{self.unchanged} unchanged"]
        if self.kept_edits:
            parts.append(f"{len(self.kept_edits)} with your edits kept")
        if self.deleted_by_person:
            parts.append(f"{len(self.deleted_by_person)} you deleted left out")
        if self.moved:
            parts.append(f"{len(self.moved)} moved")
        if self.duplicates:
            parts.append(f"{n(len(self.duplicates), 'duplicate')} skipped")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        parts.append(f"{len(self.failed)} failed")
        if self.warnings:
            parts.append(n(len(self.warnings), "warning"))
        return ", ".join(parts)
