"""Errors newslint reports to its user: one line each, naming the file and the problem."""

from __future__ import annotations


class NewslintError(Exception):
    """Base class: an error the CLI turns into a one-line message and exit code 2."""


class InputError(NewslintError):
    """An article could not be read (missing, binary, wrong encoding, ...)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self):  # picklable, so that -j workers can pass it back
        return (type(self), (self.path, self.problem))


class ConfigError(NewslintError):
    """A rule file or configuration file is invalid."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem

    def __reduce__(self):
        return (type(self), (self.path, self.problem, self.line))
