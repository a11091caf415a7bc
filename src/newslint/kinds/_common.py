"""Parameter schemas and helpers that several kinds share."""

from __future__ import annotations

IN_QUOTES = {
    "enum": ["skip", "include", "only"],
    "default": "skip",
    "description": "Text inside direct quotations is the speaker's words: skip it (default), include it, or check only it.",
}
TERMS = {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []}
PATTERNS = {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []}


def quote_filter(doc, mode: str):
    """A predicate on spans: outside markup and code, and inside or outside quotations as
    the ``in_quotes`` parameter asks."""
    masked = doc.is_masked
    if mode == "include":
        return lambda start, end: not masked(start, end)
    if mode == "only":
        return lambda start, end: doc.in_quote(start) and not masked(start, end)
    return lambda start, end: not doc.in_quote(start) and not masked(start, end)


def overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
