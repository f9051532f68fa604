"""Errors a user can cause. Each is printed as one line naming the file and the problem."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class: something the user can fix."""


class InputError(BriefingError):
    """An input file could not be read or made into an article."""

    def __init__(self, path: str, problem: str, line: int | None = None):
        self.path = path
        self.problem = problem
        self.line = line  # the file line of the problem, where it is known
        super().__init__(f"{path}: {problem}")


class ConfigError(BriefingError):
    """The configuration (mkdocs.yml plugin section or a data file) is wrong."""


def os_problem(exc: OSError) -> str:
    """One line for a file the system would not read or write: the file, then the problem."""
    problem = exc.strerror or str(exc)
    return f"{exc.filename}: {problem}" if exc.filename else problem


def not_utf8(exc: UnicodeDecodeError) -> str:
    """The problem with a file a person saved in another encoding (pages and settings are UTF-8)."""
    return f"is not UTF-8 text (byte {exc.start}); save it as UTF-8"


def yaml_error_line(exc: Exception, first_line: int = 1) -> int | None:
    """The file line of a YAML error: where the broken construct began, else where parsing failed.

    ``first_line`` is the file line the YAML text starts on (python-frontmatter passes the text from the
    end of the opening ``---`` line, so 1 for front matter).
    """
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    return None if mark is None else mark.line + first_line
