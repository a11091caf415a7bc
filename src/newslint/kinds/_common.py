"""Parameter schemas and helpers that several kinds share."""

from __future__ import annotations

import re

from ..lazyre import lazy_compile
from ..matching import Lexicon, Patterns
from . import Kind

IN_QUOTES = {
    "enum": ["skip", "include", "only"],
    "default": "skip",
    "description": "Text inside direct quotations (and Markdown block quotes) is the speaker's words: skip it (default), include it, or check only it.",
}
TERMS = {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []}
PATTERNS = {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []}
EXCEPTION_PATTERNS = {
    **PATTERNS,
    "description": "RE2 regular expressions for exceptions a phrase list cannot spell out "
    "(\"Ericsson's research\": any possessive before 'research'); a hit that overlaps a match is dropped.",
}


REPORTED_SPEECH = {
    "enum": ["skip", "include"],
    "default": "include",
    "description": "A sentence that reports what a source said ('Mr Ito said the plan was bold', "
    "'the results were remarkable, the company said') holds the speaker's words, not the writer's: "
    "skip it, or include it (default).",
}


NAMES = {
    "enum": ["skip", "include"],
    "default": "skip",
    "description": (
        "A listed word written with a capital inside a sentence ('the Office of Innovative "
        "Technologies', 'the Incredible Hulk', 'Continental Research shows') or in capitals ('the "
        "EPIC camera') is part of a name: skip it (default) or include it. Headlines and title-case "
        "headings are read as titles, where capitals say nothing."
    ),
}


NEGATION = {
    "enum": ["skip", "include"],
    "default": "include",
    "description": "A term that a negation or a doubt governs in its clause ('is unlikely to pull off "
    "a sensational win', 'it was not a historic day') is denied, not asserted: skip it, or include "
    "it (default). 'Not just' and 'not only' intensify and still count.",
}

# a negation or a doubt earlier in the term's clause; "not just", "not only" intensify instead
_NEGATOR = lazy_compile(
    r"(?:\b(?:not|no|nor|neither|hardly|scarcely|unlikely|without)\b|n['’]t\b)(?![ \t]+(?:just|only|merely|simply|least)\b)",
    re.I)
# where a clause starts: punctuation, or "but" / "and" / "while" after a comma was read
_CLAUSE_BREAK = lazy_compile(r"[.,;:!?()\[\]\"“”—–]|\b(?:but|and|or|while|whereas|although|though)\b", re.I)
_NEGATION_REACH = 90  # characters before the term: about a dozen words


def negated(text: str, block_start: int, start: int) -> bool:
    """Does a negation or doubt stand earlier in the clause of the term at ``start``?"""
    lo = max(block_start, start - _NEGATION_REACH)
    window = text[lo:start]
    begin = 0
    for m in reversed(list(_CLAUSE_BREAK.finditer(window))):
        if m.group() == "," and not window[m.end():].strip():
            continue  # a list of adjectives ("a sensational, stunning win") is one clause
        begin = m.end()
        break
    return _NEGATOR.search(window, begin) is not None


def quote_filter(doc, mode: str, reported: str = "include"):
    """A predicate on spans: outside markup and code, and inside or outside quotations as
    the ``in_quotes`` parameter asks, and outside reported speech if ``reported`` is "skip"."""
    masked = doc.is_masked

    def quoted_or_block_quoted(start: int) -> bool:  # inside quotation marks or a block quote
        return doc.in_quote(start) or doc.in_block_quote(start)

    quoted = quoted_or_block_quoted if doc.has_block_quotes else doc.in_quote  # most articles have none

    if reported == "skip" and mode == "skip":
        return lambda start, end: not quoted(start) and not masked(start, end) and not doc.in_reported_speech(start)
    if mode == "include":
        return lambda start, end: not masked(start, end)
    if mode == "only":
        return lambda start, end: quoted(start) and not masked(start, end)
    return lambda start, end: not quoted(start) and not masked(start, end)


class SpanCursor:
    """Answers "does this span overlap one of these?" for spans asked in order of their start.

    ``spans`` must be sorted and must not overlap each other (as a ``Lexicon`` yields them), so
    their ends rise too: spans that end before the asked start can never overlap a later one and
    are passed for good. All the questions together cost one pass over the spans.
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.i = 0

    def overlaps(self, start: int, end: int) -> bool:
        spans, i = self.spans, self.i
        while i < len(spans) and spans[i][1] <= start:
            i += 1
        self.i = i
        return i < len(spans) and spans[i][0] < end


def prose_hits(doc, matchers, exceptions, keep):
    """(block, start, end) of matches in prose blocks, in text order: one pass of each matcher
    over the whole body, overlapping matches resolved longest-first, hits that overlap an
    exception phrase or fail ``keep`` dropped (exceptions are walked alongside the hits, so the
    cost is hits + exceptions, not their product)."""
    text, begin = doc.text, doc.prose_start  # the front matter's title and summary are prose too
    found = sorted({hit for matcher in matchers for hit in matcher.finditer(text, begin)},
                   key=lambda h: (h[0], -h[1]))
    if not found:
        return
    # the exception matchers' spans, merged by start: the cursor only needs them sorted
    skip = SpanCursor(sorted(span for matcher in exceptions for span in matcher.finditer(text, begin)))
    last_end = -1
    for start, end in found:
        if start < last_end:
            continue
        block = doc.prose_block_at(start)
        if block is None or end > block.end or not keep(start, end) or skip.overlaps(start, end):
            continue
        last_end = end
        yield block, start, end


class TermsKind(Kind):
    """Base of kinds that look for listed ``terms`` and ``patterns``, minus ``exceptions``."""

    def __init__(self, rule_id: str, params: dict, checked: bool = False) -> None:
        super().__init__(rule_id, params, checked)
        if not params["terms"] and not params["patterns"]:
            raise ValueError("give at least one of 'terms' or 'patterns'")
        self.lexicon = Lexicon(params["terms"])
        self.patterns = Patterns(params["patterns"], checked=checked)
        self.exceptions = (Lexicon(params["exceptions"]),
                           Patterns(params.get("exception_patterns") or [], checked=checked))
