"""GitHub Actions workflow commands: findings become annotations on the pull request.

    ::warning file=a.md,line=3,col=5,endLine=3,endColumn=14,title=peacock-word::message
"""

from __future__ import annotations

from ..lines import LineIndex

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    def __init__(self, stream, color=None, rules=None) -> None:
        self.stream = stream

    def file(self, result) -> None:
        if not result.findings:
            return
        lines = LineIndex(result.text)
        for f in result.findings:
            d = f.to_dict(lines)
            props = ",".join(
                f"{k}={_escape_property(str(v))}"
                for k, v in (
                    ("file", result.path),
                    ("line", d["line"]),
                    ("col", d["column"]),
                    ("endLine", d["end_line"]),
                    ("endColumn", d["end_column"]),
                    ("title", f"newslint {f.rule}"),
                )
            )
            self.stream.write(f"::{_LEVEL[d['severity']]} {props}::{_escape_data(f.message)}\n")

    def finish(self, summary) -> None:
        pass
