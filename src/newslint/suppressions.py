"""Inline suppressions, written as HTML comments (in Markdown, and the same in plain text):

    <!-- newslint-disable-next-line peacock-word -->     the next line with text
    <!-- newslint-disable peacock-word, hype-density --> until a matching enable, or the end
    <!-- newslint-enable peacock-word -->

A directive without rule ids applies to every rule; a category name (e.g. ``hype``) applies
to every rule in that category.
"""

from __future__ import annotations

import heapq
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
    # The search ends at the last "-->": an unclosed "<!-- newslint-..." never rescans the text.
    stop = text.rfind("-->")
    return [
        Directive(m.group(1), frozenset(n for n in re.split(r"[\s,]+", m.group(2).strip()) if n), m.start(), m.end())
        for m in DIRECTIVE.finditer(text, 0, stop + 3)
    ] if stop >= 0 else []


def apply(text: str, findings: list[Finding], categories: dict[str, str], lines: LineIndex):
    """Findings that no directive suppresses, and the directives that suppressed nothing.

    Linear in the number of directives and findings (up to a logarithm): the line after each
    disable-next-line is found by one forward scan, ranges are matched to findings by a sweep.
    """
    directives = parse_directives(text)
    if not directives:
        return findings, []
    next_line: dict[int, list[Directive]] = {}
    ranges: list[tuple[int, int, Directive]] = []
    scanned = (0, 0)  # lines scanned[0] .. scanned[1] - 1 are blank: the last scan, reused
    open_: dict[frozenset, list[Directive]] = {}  # open disables, by their names
    for d in directives:
        if d.action == "disable-next-line":
            first = line = lines.position(d.end)[0] + 1
            if scanned[0] <= line <= scanned[1]:
                line = scanned[1]
            while line <= len(lines.starts) and not lines.line_text(line).strip():
                line += 1
            scanned = (first, line)
            next_line.setdefault(line, []).append(d)
        elif d.action == "disable":
            open_.setdefault(d.names, []).append(d)
        else:
            closed = [key for key in _subsets(d.names, open_)]
            for o in sorted((o for key in closed for o in open_.pop(key)), key=lambda o: o.start):
                ranges.append((o.end, d.start, o))
                d.used.add(o.start)
    ranges += [(o.end, len(text), o) for o in sorted((o for group in open_.values() for o in group),
                                                   key=lambda o: o.start)]
    hits = _range_hits(findings, ranges, categories)
    kept = []
    for f, hit in zip(findings, hits):
        for d in next_line.get(lines.position(f.start)[0], ()):
            if d.covers(f, categories):
                hit = d
                break
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


def _subsets(names: frozenset, open_: dict) -> list[frozenset]:
    """The keys of ``open_`` that an enable naming ``names`` closes: all for a bare enable, else
    the non-empty name sets within ``names`` (enumerated when few, so each enable costs little)."""
    if not names:
        return list(open_)
    if len(names) <= 8:
        items = sorted(names)
        found = []
        for mask in range(1, 1 << len(items)):
            key = frozenset(n for i, n in enumerate(items) if mask >> i & 1)
            if key in open_:
                found.append(key)
        return found
    return [key for key in open_ if key and key <= names]


def _range_hits(findings: list[Finding], ranges, categories: dict[str, str]) -> list:
    """For each finding, the first range (in ``ranges`` order) that holds its start and covers
    its rule, or None. A sweep over starts: each range's names index it while it is open."""
    hits: list = [None] * len(findings)
    if not ranges:
        return hits
    order = sorted(range(len(ranges)), key=lambda i: ranges[i][0])
    active: dict[str | None, list[tuple[int, int]]] = {}  # name (None: every rule) -> heap of (index, end)
    r = 0
    for k in sorted(range(len(findings)), key=lambda k: findings[k].start):
        f = findings[k]
        while r < len(order) and ranges[order[r]][0] <= f.start:
            index = order[r]
            start, end, d = ranges[index]
            for name in d.names or (None,):
                heapq.heappush(active.setdefault(name, []), (index, end))
            r += 1
        best = None
        for name in {f.rule, categories.get(f.rule), None}:
            heap = active.get(name)
            while heap and heap[0][1] <= f.start:
                heapq.heappop(heap)  # ended: starts only grow, so it never applies again
            if heap and (best is None or heap[0][0] < best):
                best = heap[0][0]
        if best is not None:
            hits[k] = ranges[best][2]
    return hits
