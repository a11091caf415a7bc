"""Compiler-style text output: ``path:line:col: severity rule-id message``, the line, a caret."""

from __future__ import annotations

import click

from ..lines import LineIndex
from .escape import escaped_width, quote_path, visible

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
_WINDOW = 100  # characters of context shown around a finding on long lines
_BATCH = 256  # findings per write


class TextReporter:
    def __init__(self, stream, color: bool | None = None, rules=None) -> None:
        self.stream = stream
        self.color = color

    def echo(self, text: str = "") -> None:
        click.echo(text, file=self.stream, color=self.color)

    def file(self, result) -> None:
        if not result.findings:
            return
        text = result.text
        lines = LineIndex(text)
        path = quote_path(result.path)
        styled: dict = {}  # (severity, rule) -> its name and the styled severity and rule id
        carets: dict = {}  # (severity, width) -> the styled caret, made once each
        batch: list[str] = []  # findings written a few hundred at a time: click.echo asks the
        # terminal about colour on every call, a sixth of the time of a report of 100,000 findings
        for f in result.findings:
            line, column = lines.position(f.start)
            found = styled.get((f.severity, f.rule))
            if found is None:
                severity = str(f.severity)
                found = styled[f.severity, f.rule] = (severity, click.style(severity, fg=_COLORS[severity], bold=True),
                                                      click.style(f.rule, bold=True))
            severity, label, rule = found
            head = f"{path}:{line}:{column}: {label} {rule} {visible(f.message)}"
            # only the shown window of the line is copied (a 10 MB line is never copied per finding)
            line_start, line_end = lines.line_span(line)
            length = line_end - line_start
            end_line, end_column = lines.position(f.end)
            stop = end_column - 1 if end_line == line else length
            stop = min(stop, column - 1 + _WINDOW)  # a long span is shown (and underlined) in part
            begin = max(0, column - 1 - _WINDOW // 2)
            until = min(length, max(stop, column) + _WINDOW // 2)
            shown = text[line_start + begin : line_start + until].replace("\t", " ")
            prefix = "…" if begin else ""
            suffix = "…" if until < length else ""
            gutter = f"{line:>5} | "
            seen = visible(shown)
            if seen is shown:  # no control character: a character is a column
                lead = len(shown[: column - 1 - begin])
                width = max(1, len(shown[column - 1 - begin : stop - begin]))
            else:
                lead = escaped_width(shown[: column - 1 - begin])
                width = max(1, escaped_width(shown[column - 1 - begin : stop - begin]))
            caret = carets.get((severity, width))
            if caret is None:
                caret = carets[severity, width] = click.style("^" * width, fg=_COLORS[severity], bold=True)
            batch.append(f"{head}\n{gutter}{prefix}{seen}{suffix}\n"
                         f"{' ' * (len(gutter) - 2)}| {' ' * (len(prefix) + lead)}{caret}")
            if len(batch) == _BATCH:
                self.echo("\n".join(batch))
                batch.clear()
        if batch:
            self.echo("\n".join(batch))

    def unreadable(self, path: str, message: str) -> None:
        """Already one line on standard error: the text report does not repeat it."""

    def warned(self, path: str, message: str) -> None:
        """Already one line on standard error, as unreadable files are."""

    def finish(self, summary) -> None:
        if summary.excluded:
            self.echo(f"{summary.excluded} file{'s' if summary.excluded != 1 else ''} excluded by configuration.")
        hidden = ""
        if summary.hidden:
            hidden = f" ({summary.hidden} below the minimum severity not shown)"
        if summary.findings:
            parts = [f"{n} {name}{'s' if n != 1 and name != 'info' else ''}" for name, n in summary.counts.items() if n]
            self.echo(
                f"Found {summary.findings} problem{'s' if summary.findings != 1 else ''} "
                f"({', '.join(parts)}) in {summary.files_with_findings} of {summary.files} "
                f"file{'s' if summary.files != 1 else ''}{hidden}."
            )
        else:
            self.echo(f"No problems found in {summary.files} file{'s' if summary.files != 1 else ''}{hidden}.")
