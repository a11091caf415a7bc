"""JSON Lines: one finding per line, each with its path, for pipelines (grep, jq, databases)."""

from __future__ import annotations

import json

from ..lines import LineIndex


class JsonlReporter:
    def __init__(self, stream, color=None, rules=None) -> None:
        self.stream = stream

    def file(self, result) -> None:
        if not result.findings:
            return
        lines = LineIndex(result.text)
        for f in result.findings:
            self.stream.write(json.dumps({"path": result.path, **f.to_dict(lines)}, ensure_ascii=False) + "\n")

    def finish(self, summary) -> None:
        pass
