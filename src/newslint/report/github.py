"""GitHub Actions workflow commands: findings become annotations on the pull request.

    ::warning file=a.md,line=3,col=5,endLine=3,endColumn=14,title=peacock-word::message
"""

from __future__ import annotations

from . import FindingReporter, _named_file
from .escape import visible

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(value: str) -> str:
    # line breaks as GitHub decodes them; any other control character (ESC, BEL) as an escape
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(FindingReporter):
    def finding(self, path, finding, d) -> None:
        props = ",".join(
            f"{k}={_escape_property(str(v))}"
            for k, v in (
                ("file", path),
                ("line", d["line"]),
                ("col", d["column"]),
                ("endLine", d["end_line"]),
                ("endColumn", d["end_column"]),
                ("title", f"newslint {finding.rule}"),
            )
        )
        self.stream.write(f"::{_LEVEL[d['severity']]} {props}::{_escape_data(finding.message)}\n")

    def unreadable(self, path, message) -> None:
        props = f"file={_escape_property(path)},title={_escape_property('newslint')}"
        self.stream.write(f"::error {props}::{_escape_data(message)}\n")

    def warned(self, path, message) -> None:
        named = _named_file(path, message)
        props = (f"file={_escape_property(named)}," if named is not None else "") + f"title={_escape_property('newslint')}"
        self.stream.write(f"::warning {props}::{_escape_data(message)}\n")
