"""Inline suppressions, written as HTML comments (in Markdown, and the same in plain text):

    <!-- newslint-disable-next-line peacock-word -->     the next paragraph or block (hard-wrapped
                                                         prose too), else the next line with text
    <!-- newslint-disable peacock-word, hype-density --> until a matching enable, or the end
    <!-- newslint-enable peacock-word -->
    <!-- newslint-disable-file no-named-quote -->        the whole file, wherever it is written

and, in the front matter, ``newslint: {disable: [no-named-quote, hype]}`` for the whole file.

Text after `` -- `` is a description (why the rule is off), not rule ids. A directive without rule ids applies to every rule; a category name (e.g. ``hype``) applies
to every rule in that category. A directive inside a code block, inline code, a template
tag or an HTML ``<pre>``/``<code>`` element is an example, not a directive. An unknown rule or category in a directive is reported
(``unknown-suppression``, a warning, with a "did you mean").
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass

from .finding import Finding, Severity
from .lazyre import lazy_compile
from .lines import LineIndex

DIRECTIVE = lazy_compile(r"<!--\s*newslint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", re.S)


_DESCRIPTION = lazy_compile(r"(?:^|\s)--(?:\s|$)")  # "peacock-word -- why": the reason is not a name


@dataclass(slots=True)
class Directive:
    action: str
    names: frozenset[str]  # empty: every rule
    start: int
    end: int
    #: offsets this directive suppressed (or paired with); None until it does: a file of a
    #: quarter of a million directives kept an empty set each
    used: set | None = None

    def use(self, offset: int) -> None:
        if self.used is None:
            self.used = set()
        self.used.add(offset)

    def covers(self, finding: Finding, categories: dict[str, str]) -> bool:
        return not self.names or finding.rule in self.names or categories.get(finding.rule) in self.names


def parse_directives(text: str) -> list[Directive]:
    if "newslint-" not in text:
        return []
    # The search ends at the last "-->": an unclosed "<!-- newslint-..." never rescans the text.
    stop = text.rfind("-->")
    if stop < 0:
        return []
    names: dict[str, frozenset[str]] = {}  # one set per distinct list of names, shared

    def parsed(listed: str) -> frozenset[str]:
        found = names.get(listed)
        if found is None:
            given = _DESCRIPTION.split(listed, 1)[0].strip()
            found = names[listed] = frozenset(n for n in re.split(r"[\s,]+", given) if n)
        return found

    return [Directive(m.group(1), parsed(m.group(2)), m.start(), m.end()) for m in DIRECTIVE.finditer(text, 0, stop + 3)]


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


def apply(text: str, findings: list[Finding], categories: dict[str, str], lines: LineIndex | None = None, doc=None):
    """Findings that no directive suppresses, the directives that suppressed nothing, and
    ``unknown-suppression`` findings for names in directives that are no rule or category.

    With ``doc``, directives inside code and template tags are inert, disable-next-line covers
    the next block, and the front matter's ``newslint: {disable: [...]}`` applies.

    Linear in the number of directives and findings (up to a logarithm): the line after each
    disable-next-line is found by one forward scan, ranges are matched to findings by a sweep,
    and the block a finding is in by bisection.
    """
    directives = [d for d in parse_directives(text) if doc is None or not doc.in_code(d.start)]
    front = _front_matter_directive(doc)
    if front is not None:
        directives.append(front)
    if not directives:
        return findings, [], []
    if lines is None:  # built only for an article with directives
        lines = doc.lines if doc is not None else LineIndex(text)
    next_line: dict[int, list[Directive]] = {}
    next_block: dict[tuple[int, int], list[Directive]] = {}  # (start, end) of a block -> its directives
    ranges: list[tuple[int, int, Directive]] = []
    scanned = (0, 0)  # lines scanned[0] .. scanned[1] - 1 are blank: the last scan, reused
    open_: dict[frozenset, list[Directive]] = {}  # open disables, by their names
    for d in directives:
        if d.action == "disable-file":
            ranges.append((0, len(text), d))
        elif d.action == "disable-next-line":
            first = line = lines.position(d.end)[0] + 1
            if scanned[0] <= line <= scanned[1]:
                line = scanned[1]
            while line <= len(lines.starts) and not lines.line_text(line).strip():
                line += 1
            scanned = (first, line)
            block = doc.next_block_after(d.end) if doc is not None else None
            if block is not None and lines.position(block.start)[0] == line:
                next_block.setdefault((block.start, block.end), []).append(d)
            else:
                next_line.setdefault(line, []).append(d)
        elif d.action == "disable":
            open_.setdefault(d.names, []).append(d)
        else:
            closed = [key for key in _subsets(d.names, open_)]
            for o in sorted((o for key in closed for o in open_.pop(key)), key=lambda o: o.start):
                ranges.append((o.end, d.start, o))
                d.use(o.start)
    ranges += [(o.end, len(text), o) for o in sorted((o for group in open_.values() for o in group),
                                                   key=lambda o: o.start)]
    hits = _range_hits(findings, ranges, categories)
    kept = []
    block_starts = sorted(next_block)
    for f, range_hit in zip(findings, hits):
        hit = None
        for d in next_line.get(lines.position(f.start)[0], ()):
            if d.covers(f, categories):
                hit = d
                break
        if hit is None:
            hit = _block_hit(f, next_block, block_starts, categories)
        if hit is None:
            hit = range_hit
        if hit is None:
            kept.append(f)
        else:
            hit.use(f.start)
    unused = [
        Finding(d.start, d.end, "unused-suppression", Severity.WARNING,
                f"this newslint-{d.action} suppresses no finding", text[d.start : d.end])
        for d in directives
        if d.action != "enable" and not d.used and d is not front
    ]
    return kept, unused, _unknown(text, directives, categories, front)


def _block_hit(f: Finding, next_block: dict, block_starts: list, categories: dict[str, str]):
    """The disable-next-line directive whose block holds the finding and covers its rule, or None."""
    i = bisect.bisect_right(block_starts, (f.start, float("inf"))) - 1
    if i < 0 or not block_starts[i][0] <= f.start < block_starts[i][1]:
        return None
    return next((d for d in next_block[block_starts[i]] if d.covers(f, categories)), None)


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
