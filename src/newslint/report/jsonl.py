"""JSON Lines: one finding per line, each with its path, for pipelines (grep, jq, databases).

With ``--readability``, each file also gets one ``{"type": "metrics", "path", "metrics"}`` line
before its findings (finding lines have a ``rule``; metrics lines do not), and a warning met
while linting (a limit reached, an empty file) is a ``{"type": "warning", "path", "message"}``
line before the file's findings.
"""

from __future__ import annotations

import json

from . import FindingReporter, _named_file


class JsonlReporter(FindingReporter):
    def finding(self, path, finding, record) -> None:
        self.stream.write(json.dumps({"path": path, **record}, ensure_ascii=False) + "\n")

    def metrics(self, path, metrics) -> None:
        self.stream.write(json.dumps({"type": "metrics", "path": path, "metrics": metrics}, ensure_ascii=False) + "\n")

    def warned(self, path, message) -> None:
        self.stream.write(json.dumps({"type": "warning", "path": _named_file(path, message), "message": message},
                                     ensure_ascii=False) + "\n")
