"""Errors a user can cause. Each is printed as one line naming the file and the problem."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class: something the user can fix."""


class InputError(BriefingError):
    """An input file could not be read or made into an article."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ConfigError(BriefingError):
    """The configuration (mkdocs.yml plugin section or a data file) is wrong."""
