"""pattern: flag matches of regular expressions (RE2 syntax: linear time, no backtracking)."""

from __future__ import annotations

from ..matching import Patterns
from . import Hit, Kind, register
from ._common import IN_QUOTES, PATTERNS, prose_hits, quote_filter


@register
class PatternKind(Kind):
    name = "pattern"
    summary = "Each match of a regular expression (RE2 syntax, case-insensitive unless told)."
    params = {
        "patterns": PATTERNS,
        "case_sensitive": {"type": "boolean", "default": False},
        "in_quotes": {**IN_QUOTES, "default": "include"},
    }
    required = ("patterns",)

    def __init__(self, rule_id: str, params: dict) -> None:
        super().__init__(rule_id, params)
        if not params["patterns"]:
            raise ValueError("'patterns' must list at least one regular expression")
        self.patterns = Patterns(params["patterns"], params["case_sensitive"])

    def check(self, doc, context):
        keep = quote_filter(doc, self.p["in_quotes"])
        for _, start, end in prose_hits(doc, (self.patterns,), None, keep):
            yield Hit(start, end)
