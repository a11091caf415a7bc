"""JSON Lines: one finding per line, each with its path, for pipelines (grep, jq, databases)."""

from __future__ import annotations

import json

from . import FindingReporter


class JsonlReporter(FindingReporter):
    def finding(self, path, finding, record) -> None:
        self.stream.write(json.dumps({"path": path, **record}, ensure_ascii=False) + "\n")
