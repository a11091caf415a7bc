"""Reporters: the only place that turns findings into lines and columns and prints them.

Each format is a class with ``file(result)`` called once per linted file as results arrive
(so output streams and memory stays flat) and ``finish(summary)`` called once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..finding import Severity


@dataclass
class Summary:
    files: int = 0
    files_with_findings: int = 0
    unreadable: int = 0
    excluded: int = 0
    internal_errors: int = 0
    #: findings below the minimum severity (``--min-severity``, ``min-severity``), not reported
    hidden: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {str(s): 0 for s in reversed(Severity)})

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    def add(self, result) -> None:
        self.files += 1
        if result.findings:
            self.files_with_findings += 1
        for finding in result.findings:
            self.counts[str(finding.severity)] += 1

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "files_with_findings": self.files_with_findings,
            "unreadable": self.unreadable,
            "excluded": self.excluded,
            "findings": self.findings,
            "by_severity": dict(self.counts),
            "hidden": self.hidden,
        }


class FindingReporter:
    """Base of the formats that write one record per finding: subclasses define ``finding``."""

    def __init__(self, stream, color=None, rules=None) -> None:
        self.stream = stream
        self.rules = {r.id: r for r in (rules or [])}

    def file(self, result) -> None:
        if result.metrics:
            self.metrics(result.path, result.metrics)
        if not result.findings:
            return
        from ..lines import LineIndex

        lines = LineIndex(result.text)
        for f in result.findings:
            self.finding(result.path, f, f.to_dict(lines))

    def finding(self, path: str, finding, record: dict) -> None:
        raise NotImplementedError

    def metrics(self, path: str, metrics: dict) -> None:
        """A file's metrics (given with ``--readability`` only); formats without a place ignore them."""

    def unreadable(self, path: str, message: str) -> None:
        """A file that could not be read (the CLI has printed ``message`` on standard error)."""

    def warned(self, path: str, message: str) -> None:
        """A warning met while linting ``path`` (a limit reached, an empty file, a configuration
        file skipped; the CLI has printed it on standard error): machine formats carry it too."""

    def finish(self, summary) -> None:
        pass


def _named_file(path: str, message: str) -> str | None:
    """The file a warning is about: ``path`` when the message names it first, else none (a
    configuration file skipped on the way is not about the article)."""
    return path if message.startswith(f"{path}: ") else None


FORMATS = ("text", "json", "jsonl", "sarif", "github")


def get_reporter(name: str, stream, color: bool | None = None, rules=None):
    """The reporter for a format name; ``rules`` gives SARIF its rule metadata."""
    from importlib import import_module

    module = import_module(f"{__name__}.{name}")
    cls = next(
        v for k, v in vars(module).items()
        if k.endswith("Reporter") and isinstance(v, type) and v.__module__ == module.__name__
    )
    return cls(stream, color=color, rules=rules)
