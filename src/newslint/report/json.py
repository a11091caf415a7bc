"""JSON output, version 1: a stable interface for other tools (see README, "JSON output").

{"version": 1, "files": [{"path", "findings": [...], "metrics": {...}}], "warnings": [...], "summary": {...}}
Files are written as they are linted, so memory does not grow with the number of files.
"""

from __future__ import annotations

import json

from ..lines import LineIndex
from . import _named_file

VERSION = 1


class JsonReporter:
    def __init__(self, stream, color: bool | None = None, rules=None) -> None:
        self.stream = stream
        self.first = True
        self.warnings: list[dict] = []
        stream.write(f'{{"version": {VERSION}, "files": [')

    def file(self, result) -> None:
        lines = LineIndex(result.text) if result.findings else None  # a clean article needs no line index
        entry = {
            "path": result.path,
            "findings": [f.to_dict(lines) for f in result.findings],
            "metrics": result.metrics,
        }
        if result.errors:
            entry["errors"] = result.errors
        self.stream.write(("\n" if self.first else ",\n") + json.dumps(entry, ensure_ascii=False))
        self.first = False

    def unreadable(self, path: str, message: str) -> None:
        """A file that could not be read: listed with its error and no findings."""
        entry = {"path": path, "findings": [], "metrics": {}, "errors": [message], "unreadable": True}
        self.stream.write(("\n" if self.first else ",\n") + json.dumps(entry, ensure_ascii=False))
        self.first = False

    def warned(self, path: str, message: str) -> None:
        self.warnings.append({"path": _named_file(path, message), "message": message})

    def finish(self, summary) -> None:
        warnings = json.dumps(self.warnings, ensure_ascii=False)
        self.stream.write(f'\n], "warnings": {warnings}, "summary": {json.dumps(summary.to_dict())}}}\n')
