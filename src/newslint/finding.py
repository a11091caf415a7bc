"""Findings: what a rule reports, as a character span into the article text."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lines import LineIndex


class Severity(enum.IntEnum):
    """Severity of a finding; a higher value is more serious."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One reported problem. ``text[start:end] == snippet`` always holds."""

    start: int
    end: int
    rule: str
    severity: Severity
    message: str
    snippet: str
    #: Replacements the rule suggests for the flagged text (never applied without the writer)
    suggestions: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self, lines: "LineIndex") -> dict:
        line, column = lines.position(self.start)
        end_line, end_column = lines.position(self.end)
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "start": self.start,
            "end": self.end,
            "text": self.snippet,
            "suggestions": list(self.suggestions),
        }

