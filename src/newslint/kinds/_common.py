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
    """A predicate on offsets for the ``in_quotes`` parameter."""
    if mode == "include":
        return lambda offset: True
    if mode == "only":
        return doc.in_quote
    return lambda offset: not doc.in_quote(offset)


def overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
