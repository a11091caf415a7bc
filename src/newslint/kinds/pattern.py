"""pattern: flag matches of regular expressions (RE2 syntax: linear time, no backtracking)."""

from __future__ import annotations

import re2

from ..matching import Patterns
from . import Hit, Kind, register
from ._common import IN_QUOTES, PATTERNS, prose_hits, quote_filter

#: The largest RE2 program (in instructions) a pattern may compile to. Matching costs time in
#: proportion on every character: ``e[a-z ]{999}q`` (about 7,000) took 2.3 s per MB. The shipped
#: rules' patterns stay well below it.
MAX_PROGRAM_SIZE = 5000
#: The limit for a rule's patterns joined into one program (the shipped rules reach about 3,200).
MAX_JOINED_SIZE = 20000


def _program_size(pattern: str, case_sensitive: bool) -> int:
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.log_errors = False
    options.longest_match = True
    return re2.compile(pattern, options).programsize


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

    def __init__(self, rule_id: str, params: dict, checked: bool = False) -> None:
        super().__init__(rule_id, params, checked)
        if not params["patterns"]:
            raise ValueError("'patterns' must list at least one regular expression")
        for pattern in () if checked else params["patterns"]:
            try:
                size = _program_size(pattern, params["case_sensitive"])
            except re2.error:
                continue  # not valid RE2: Patterns names the error
            if size > MAX_PROGRAM_SIZE:
                raise ValueError(
                    f"pattern {pattern!r} is too costly: its RE2 program has {size} instructions (the limit is "
                    f"{MAX_PROGRAM_SIZE}); a wide counted repetition such as {{999}} costs time on every character")
        try:
            self.patterns = Patterns(params["patterns"], params["case_sensitive"], checked=checked)
        except re2.error as exc:  # the patterns joined into one are over RE2's memory limit
            detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
            raise ValueError(f"the {len(params['patterns'])} patterns together are too large for RE2 ({detail}): "
                             "split them over several rules") from None
        size = self.patterns.regex.programsize
        if size > MAX_JOINED_SIZE:
            raise ValueError(
                f"the {len(params['patterns'])} patterns together are too costly: their RE2 program has {size} "
                f"instructions (the limit is {MAX_JOINED_SIZE}); split them over several rules")

    def check(self, doc, context):
        keep = quote_filter(doc, self.p["in_quotes"])
        for _, start, end in prose_hits(doc, (self.patterns,), (), keep):
            yield Hit(start, end)
