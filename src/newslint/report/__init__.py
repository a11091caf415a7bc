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
            "findings": self.findings,
            "by_severity": dict(self.counts),
        }


def get_reporter(name: str, stream, color: bool | None = None):
    from .json import JsonReporter
    from .text import TextReporter

    return {"text": TextReporter, "json": JsonReporter}[name](stream, color=color)


FORMATS = ("text", "json")
