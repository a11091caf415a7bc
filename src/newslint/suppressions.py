"""Inline suppressions, written as HTML comments (in Markdown, and the same in plain text):

    <!-- newslint-disable-next-line peacock-word -->     the next line with text
    <!-- newslint-disable peacock-word, hype-density --> until a matching enable, or the end
    <!-- newslint-enable peacock-word -->

A directive without rule ids applies to every rule; a category name (e.g. ``hype``) applies
to every rule in that category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .finding import Finding, Severity
from .lines import LineIndex

DIRECTIVE = re.compile(r"<!--\s*newslint-(disable-next-line|disable|enable)\b(.*?)-->", re.S)


@dataclass
class Directive:
    action: str
    names: frozenset[str]  # empty: every rule
    start: int
    end: int
    used: set = field(default_factory=set)

    def covers(self, finding: Finding, categories: dict[str, str]) -> bool:
        return not self.names or finding.rule in self.names or categories.get(finding.rule) in self.names


def parse_directives(text: str) -> list[Directive]:
    if "newslint-" not in text:
        return []
    return [
        Directive(m.group(1), frozenset(n for n in re.split(r"[\s,]+", m.group(2).strip()) if n), m.start(), m.end())
        for m in DIRECTIVE.finditer(text)
    ]


def apply(text: str, findings: list[Finding], categories: dict[str, str], lines: LineIndex):
    """Findings that no directive suppresses, and the directives that suppressed nothing."""
    directives = parse_directives(text)
    if not directives:
        return findings, []
    next_line: dict[int, list[Directive]] = {}
    ranges: list[tuple[int, int, Directive]] = []
    open_: list[Directive] = []
    for d in directives:
        if d.action == "disable-next-line":
            line = lines.position(d.end)[0] + 1
            while line <= len(lines.starts) and not lines.line_text(line).strip():
                line += 1
            next_line.setdefault(line, []).append(d)
        elif d.action == "disable":
            open_.append(d)
        else:
            still_open = []
            for o in open_:
                if not d.names or o.names and o.names <= d.names:
                    ranges.append((o.end, d.start, o))
                    d.used.add(o.start)
                else:
                    still_open.append(o)
            open_ = still_open
    ranges += [(o.end, len(text), o) for o in open_]
    kept = []
    for f in findings:
        hit = None
        for d in next_line.get(lines.position(f.start)[0], ()):
            if d.covers(f, categories):
                hit = d
                break
        if hit is None:
            hit = next((d for s, e, d in ranges if s <= f.start < e and d.covers(f, categories)), None)
        if hit is None:
            kept.append(f)
        else:
            hit.used.add(f.start)
    unused = [
        Finding(d.start, d.end, "unused-suppression", Severity.WARNING,
                f"this newslint-{d.action} suppresses no finding", text[d.start : d.end])
        for d in directives
        if d.action != "enable" and not d.used
    ]
    return kept, unused
