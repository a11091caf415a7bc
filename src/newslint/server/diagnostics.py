"""Findings as protocol diagnostics: range, severity, code, link to the rule's docs, source."""

from __future__ import annotations

from lsprotocol import types

from ..finding import Finding, Severity
from ..ruledocs import rule_url
from .positions import PositionMap

SOURCE = "newslint"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def span_range(positions: PositionMap, start: int, end: int) -> types.Range:
    return types.Range(start=types.Position(*positions.position(start)), end=types.Position(*positions.position(end)))


def finding_diagnostic(finding: Finding, positions: PositionMap, rules: dict, links: bool = True) -> types.Diagnostic:
    rule = rules.get(finding.rule)
    href = rule_url(rule) if rule is not None and links else None
    return types.Diagnostic(
        range=span_range(positions, finding.start, finding.end),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
    )


def outcome_diagnostics(outcome, encoding: str, links: bool = True) -> list[types.Diagnostic]:
    """The diagnostics of one lint of a buffer (none when its configuration is broken: that is
    reported on the configuration file)."""
    if outcome.unreadable:
        return [types.Diagnostic(
            range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
            message=f"newslint could not check this file: {outcome.unreadable}",
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )]
    if not outcome.findings:
        return []
    positions = PositionMap(outcome.text, encoding)
    return [finding_diagnostic(f, positions, outcome.rules, links) for f in outcome.findings]


def config_error_diagnostic(error, text: str | None, encoding: str) -> types.Diagnostic:
    """One diagnostic on a broken configuration or rule file, on the line the error names."""
    line = (error.line or 1) - 1
    end = 0
    if text is not None:
        positions = PositionMap(text, encoding)
        line = min(line, len(positions.lines.starts) - 1)
        end = positions.position(positions.line_end(positions.lines.starts[line]))[1]
    return types.Diagnostic(
        range=types.Range(start=types.Position(line, 0), end=types.Position(line, end)),
        message=error.problem,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
