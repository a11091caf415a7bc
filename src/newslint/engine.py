"""The engine: runs a set of rules over Documents and collects findings and metrics."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from . import suppressions
from .document import Document
from .errors import ConfigError
from .finding import Finding
from .kinds import Hit, distinct_hits
from .rules import Rule

#: At most this many hits of one rule in one file: past it the rule stops (a file with more is
#: not an article, and every hit costs time and memory to check and report) and the run warns.
MAX_HITS_PER_RULE = 10_000


@dataclass
class Context:
    """What rules share while one Document is checked: earlier rules' hits and the metrics."""

    hits: dict[str, list[Hit]] = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)
    #: what kinds compute once and several rules of the kind read (a kind's own keys)
    shared: dict = field(default_factory=dict)


@dataclass
class FileResult:
    path: str
    text: str = ""
    findings: list[Finding] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    #: Problems that kept this file from being checked fully (a failing rule).
    errors: list[str] = field(default_factory=list)
    #: Why the file could not be read at all, if it could not.
    unreadable: str | None = None
    #: Notes for the user that are not findings (e.g. an empty file).
    warnings: list[str] = field(default_factory=list)
    #: The file matched an ``exclude`` glob of its configuration and was not checked.
    excluded: bool = False
    #: The ``fail-on`` level of the file's configuration, if it sets one.
    fail_on: str | None = None
    #: The ``min-severity`` level of the file's configuration, if it sets one.
    min_severity: str | None = None


class RuleSet:
    """Rules chosen for a run, in an order where every rule runs after those it reads."""

    def __init__(self, rules: list[Rule], select=(), ignore=(), source: str = "<command line>") -> None:
        by_id = {r.id: r for r in rules}
        for name in (*select, *ignore):
            if name not in by_id and not any(r.category == name for r in rules):
                from .safeyaml import shorten

                from .config import line_of

                raise ConfigError(source, f"unknown rule or category '{shorten(name)}'{did_you_mean(name, rules)} (see 'newslint rules')",
                                  line_of(source, name, ("select", "ignore")))

        def chosen(rule: Rule) -> bool:
            if select and rule.id not in select and rule.category not in select:
                return False
            if not select and not rule.enabled:
                return False  # an opt-in rule: selected by id or category only
            return rule.id not in ignore and rule.category not in ignore

        self.reported = {r.id for r in rules if chosen(r)}
        self.order: list[Rule] = []
        seen: set[str] = set()

        def visit(rule: Rule, stack: tuple[str, ...]) -> None:
            if rule.id in seen:
                return
            if rule.id in stack:
                raise ConfigError(rule.path, f"rules depend on each other in a cycle: {' -> '.join(stack + (rule.id,))}")
            for dep in rule.kind.dependencies():
                if dep not in by_id:
                    raise ConfigError(rule.path, f"field 'params': rule '{dep}' is not defined")
                visit(by_id[dep], stack + (rule.id,))
            seen.add(rule.id)
            self.order.append(rule)

        for rule in rules:
            if rule.id in self.reported:
                visit(rule, ())
        # rules a reported rule's ``pattern`` counts run too (in any order: they are counted
        # after every rule has run, so rules may count each other)
        for rule in list(self.order):
            for dep in (rule.pattern or {}).get("rules", ()):
                if dep not in by_id:
                    raise ConfigError(rule.path, f"field 'pattern': rule '{dep}' is not defined")
                visit(by_id[dep], ())
        # a reported rule with a ``pattern`` whose hits no other rule reads runs last, and only
        # where its pattern is met: elsewhere its findings would be dropped anyway
        read = {dep for r in self.order for dep in (*r.kind.dependencies(), *(r.pattern or {}).get("rules", ()))}
        self._gated = {r.id for r in self.order if r.pattern and r.id in self.reported and r.id not in read}
        self.order = [r for r in self.order if r.id not in self._gated] + [r for r in self.order if r.id in self._gated]
        self.rules = {r.id: r for r in self.order}
        #: covering rule id -> the rule ids it covers (see ``Rule.covers``)
        self._covering = {r.id: set(r.covers) for r in self.order if r.covers and r.id in self.reported}
        self.categories = {r.id: r.category for r in rules}

    @cached_property
    def fingerprint(self) -> str:
        """A hash of everything about the rule set that can change its findings (the result
        cache's key): computed when a cache asks, not on every start."""
        return _fingerprint(self.order, self.reported)

    def lint_document(
        self, doc: Document, metrics: bool = True, report_unused: bool = False, readability: bool = True
    ) -> FileResult:
        result = FileResult(doc.path, doc.text)
        context = Context()
        for rule in self.order:
            if (rule.genres is not None and doc.genre not in rule.genres) or (
                    rule.id in self._gated and not _pattern_met(rule.pattern, context.hits, doc)):
                context.hits[rule.id] = []
                continue
            try:
                hits = list(islice(rule.kind.check(doc, context), MAX_HITS_PER_RULE + 1))
                if len(hits) > MAX_HITS_PER_RULE:
                    _stop(rule.id, hits, doc, result)
                if rule.id in self.reported:  # a message template can fail too (e.g. "{match:d}")
                    found = [_finding(rule, h, doc.text[h.start : h.end]) for h in hits]
                    for h in hits:
                        h.fields = _NO_FIELDS  # in the message now; later rules read only the spans
            except Exception as exc:  # a failing rule must not stop the run
                import traceback

                where = traceback.extract_tb(exc.__traceback__)[-1]
                result.errors.append(
                    f"{doc.path}: internal error in rule '{rule.id}': {type(exc).__name__}: {' '.join(str(exc).split())} "
                    f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
                )
                continue
            context.hits[rule.id] = hits
            if rule.id in self.reported:
                result.findings.extend(found)
        patterned = [r for r in self.order if r.pattern and r.id in self.reported]
        if patterned:
            weak = {r.id for r in patterned if not _pattern_met(r.pattern, context.hits, doc)}
            if weak:
                result.findings = [f for f in result.findings if f.rule not in weak]
        if self._covering:
            result.findings = _drop_covered(result.findings, self._covering)
        result.findings.sort(key=lambda f: (f.start, f.rule, f.end))
        result.findings, unused, unknown = suppressions.apply(doc.text, result.findings, self.categories, None, doc)
        if report_unused or unknown:
            extra = unknown + (unused if report_unused else [])
            result.findings = sorted(result.findings + extra, key=lambda f: (f.start, f.rule, f.end))
        if metrics:
            result.metrics = document_metrics(doc, context, readability)
        result.warnings.extend(doc.warnings)
        return result

    def lint_text(self, text: str, path: str = "<text>", metrics: bool = True) -> FileResult:
        return self.lint_document(Document(text, path), metrics=metrics)


_NO_FIELDS: dict = {}


def _stop(rule_id: str, hits: list[Hit], doc: Document, result: FileResult) -> None:
    """Keep the first ``MAX_HITS_PER_RULE`` of a rule's hits and warn that it stopped there."""
    last = max(h.start for h in hits[:MAX_HITS_PER_RULE])
    del hits[MAX_HITS_PER_RULE:]
    line, column = doc.lines.position(last)
    result.warnings.append(f"{doc.path}: more than {MAX_HITS_PER_RULE:,} problems of {rule_id}; it stopped at "
                           f"{line}:{column} and is not reported after it (it does not look like an article)")


def _finding(rule, hit, match: str) -> Finding:
    return Finding(hit.start, hit.end, rule.id, rule.severity, rule.format_message(match, hit.fields), match,
                   rule.suggest(match))


def _pattern_met(pattern: dict, hits, doc: Document) -> bool:
    """Do the rules a ``pattern`` lists have ``at_least`` hits in the article (overlapping hits
    once), and, if it asks, more than ``per_1000_words`` of them per 1,000 words?"""
    count = distinct_hits(hits, pattern["rules"])
    if count < pattern["at_least"]:
        return False
    density = pattern.get("per_1000_words")
    return density is None or 1000.0 * count > density * doc.word_count


def did_you_mean(name: str, rules) -> str:
    """`` (did you mean 'x'?)`` for the rule id or category closest to a mistyped name, or ''."""
    import difflib

    names = sorted({r.id for r in rules} | {r.category for r in rules})
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Linter:
    """Rule sets for a run, one per distinct configuration, built once and reused.

    Command-line ``--select`` replaces a configuration's ``select``; ``--ignore`` and
    ``--rules`` add to its ``ignore`` and ``rules-dirs``.
    """

    def __init__(self, select=(), ignore=(), rule_dirs=(), config: str | None = None) -> None:
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self.rule_dirs = tuple(rule_dirs)
        self.config = config
        self._rulesets: dict = {}

    def settings(self, path: str):
        from .config import settings_for

        return settings_for(path, self.config)

    def ruleset(self, settings) -> "RuleSet":
        key = settings
        if key not in self._rulesets:
            from .rules import apply_overrides, load_rules

            rules = load_rules(self.rule_dirs + settings.rule_dirs)
            if settings.rules:
                rules = apply_overrides(rules, settings.rule_overrides(), settings.source)
            self._rulesets[key] = RuleSet(
                rules, select=self.select or settings.select, ignore=self.ignore + settings.ignore,
                source=settings.source or "<command line>",
            )
            from . import startup

            startup.over()  # start-up's objects are made: out of the collector's sight
        return self._rulesets[key]

    def categories(self) -> dict[str, str]:
        """Rule id -> category, over every rule set built so far."""
        return {rule: category for ruleset in self._rulesets.values() for rule, category in ruleset.categories.items()}


def _drop_covered(findings: list[Finding], covering: dict[str, set[str]]) -> list[Finding]:
    """Drop findings that overlap a finding of a rule that covers theirs (one problem, one
    finding). Each covering rule's spans are sorted once; a finding is looked up by bisection."""
    import bisect

    spans: dict[str, tuple[list[int], list[int]]] = {}
    for rule in covering:
        own = sorted((f.start, f.end) for f in findings if f.rule == rule)
        if own:
            # prefix maxima of the ends: any span starting at or before a point that ends after it
            ends, top = [], -1
            for _, end in own:
                top = max(top, end)
                ends.append(top)
            spans[rule] = ([s for s, _ in own], ends)
    if not spans:
        return findings
    covered_by: dict[str, list[str]] = {}
    for rule, targets in covering.items():
        if rule in spans:
            for target in targets:
                covered_by.setdefault(target, []).append(rule)

    def covered(f: Finding) -> bool:
        for rule in covered_by.get(f.rule, ()):
            starts, ends = spans[rule]
            i = bisect.bisect_left(starts, max(f.end, f.start + 1)) - 1  # spans starting before f ends
            if i >= 0 and ends[i] > f.start or (f.start == f.end and f.start in starts):
                return True
        return False

    return [f for f in findings if not covered(f)]


def _fingerprint(rules: list[Rule], reported: set[str]) -> str:
    """A hash of everything about a rule set that can change its findings."""
    import hashlib
    import json

    from . import __version__

    data = [
        (r.id, r.kind.name, str(r.severity), r.message, r.category, r.id in reported, r.kind.p, r.pattern, r.genres, r.enabled, r.covers,
         r.suggestions)
        for r in rules
    ]
    blob = json.dumps([__version__, data], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def document_metrics(doc: Document, context: Context, with_readability: bool = True) -> dict:
    from .readability import readability

    quotes = doc.quotes
    metrics = {
        "words": doc.word_count,
        "paragraphs": len(doc.body_blocks),
        "quotes": sum(1 for q in quotes if q.attributed),
        "links": len(doc.links),
        "faq_items": len(doc.faq_items),
    }
    metrics.update(context.metrics)
    if with_readability:
        metrics.update(readability(doc))
    return metrics
