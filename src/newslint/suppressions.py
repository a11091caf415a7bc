"""Inline suppressions, written as HTML comments (in Markdown, and the same in plain text):

    <!-- newslint-disable-next-line peacock-word -->     the next paragraph or block (hard-wrapped
                                                         prose too), else the next line with text
    <!-- newslint-disable peacock-word, hype-density --> until a matching enable, or the end
    <!-- newslint-enable peacock-word -->
    <!-- newslint-disable-file no-named-quote -->        the whole file, wherever it is written

and, in the front matter, ``newslint: {disable: [no-named-quote, hype]}`` for the whole file.

Text after `` -- `` is a description (why the rule is off), not rule ids. A directive without rule ids applies to every rule; a category name (e.g. ``hype``) applies
to every rule in that category. A directive inside a code block, inline code or a template
tag is an example, not a directive. An unknown rule or category in a directive is reported
(``unknown-suppression``, a warning, with a "did you mean").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .finding import Finding, Severity
from .lines import LineIndex

DIRECTIVE = re.compile(r"<!--\s*newslint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", re.S)


_DESCRIPTION = re.compile(r"(?:^|\s)--(?:\s|$)")  # "peacock-word -- why": the reason is not a name


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
        Directive(m.group(1), frozenset(n for n in re.split(r"[\s,]+", _DESCRIPTION.split(m.group(2), 1)[0].strip()) if n),
                  m.start(), m.end())
        for m in DIRECTIVE.finditer(text)
    ]


def _front_matter_directive(doc) -> Directive | None:
    """``newslint: {disable: [...]}`` in the front matter, as a file-wide directive."""
    settings = doc.front_matter.get("newslint") if doc is not None else None
    if not isinstance(settings, dict) or "disable" not in settings:
        return None
    value = settings["disable"]
    names = value if isinstance(value, list) else [value]
    names = [n.strip() for item in names if isinstance(item, str) for n in item.split(",") if n.strip()]
    if not names:
        return None  # "disable: []" disables nothing (an empty directive comment disables all)
    key = doc.text.find("newslint", 0, doc.body_start)
    start = max(doc.text.find("disable", max(key, 0), doc.body_start), 0)
    end = doc.text.find("\n", start, doc.body_start)
    return Directive("disable-file", frozenset(names), start, end if end > start else start + len("disable"))


def apply(text: str, findings: list[Finding], categories: dict[str, str], lines: LineIndex, doc=None):
    """Findings that no directive suppresses, the directives that suppressed nothing, and
    ``unknown-suppression`` findings for names in directives that are no rule or category.

    With ``doc``, directives inside code and template tags are inert, disable-next-line covers
    the next block, and the front matter's ``newslint: {disable: [...]}`` applies."""
    directives = [d for d in parse_directives(text) if doc is None or not doc.in_code(d.start)]
    front = _front_matter_directive(doc)
    if front is not None:
        directives.append(front)
    if not directives:
        return findings, [], []
    next_line: dict[int, list[Directive]] = {}
    next_block: list[tuple[int, int, Directive]] = []
    ranges: list[tuple[int, int, Directive]] = []
    open_: list[Directive] = []
    for d in directives:
        if d.action == "disable-file":
            ranges.append((0, len(text), d))
        elif d.action == "disable-next-line":
            line = lines.position(d.end)[0] + 1
            while line <= len(lines.starts) and not lines.line_text(line).strip():
                line += 1
            block = doc.next_block_after(d.end) if doc is not None else None
            if block is not None and lines.position(block.start)[0] == line:
                next_block.append((block.start, block.end, d))
            else:
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
            hit = next((d for s, e, d in next_block if s <= f.start < e and d.covers(f, categories)), None)
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
        if d.action != "enable" and not d.used and d is not front
    ]
    return kept, unused, _unknown(text, directives, categories, front)


def _unknown(text: str, directives: list[Directive], categories: dict[str, str], front) -> list[Finding]:
    import difflib

    known = set(categories) | set(categories.values())
    found = []
    for d in directives:
        for name in sorted(d.names - known):
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            where = "the front matter's newslint: disable" if d is front else f"newslint-{d.action}"
            found.append(Finding(d.start, d.end, "unknown-suppression", Severity.WARNING,
                                 f"unknown rule or category '{name}' in {where}{hint}", text[d.start : d.end]))
    return found
