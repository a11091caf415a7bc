"""quotes: direct quotations, and whether they are attributed to a source."""

from __future__ import annotations

import re

from . import Hit, Kind, anchor, register

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_MINOR = frozenset("a an and as at by for from in into of on or the to with".split())


def _title(text: str, start: int, end: int) -> bool:
    """Is the quoted text a title or a name (a plan, an award, an event, a book), not speech?
    Most of its words are capitalised, as titles are written: "Action Plan for the Development"."""
    words = _WORDS.findall(text, start, end)
    if not words or len(words) > 14:
        return False
    major = [w for w in words if w.lower() not in _MINOR]
    return bool(major) and sum(w[0].isupper() for w in major) >= 0.8 * len(major) and words[0][0].isupper()


@register
class QuotesKind(Kind):
    name = "quotes"
    summary = "A story with no attributed direct quotation, or a quotation with no attribution."
    params = {
        "check": {
            "enum": ["no-named-quote", "unattributed"],
            "description": "no-named-quote: one finding per article that quotes nobody by name; "
            "unattributed: each quotation with no speech verb or 'according to' near it.",
        },
        "min_quote_words": {
            "type": "integer",
            "minimum": 1,
            "default": 5,
            "description": "Shorter quoted strings are terms or scare quotes, not quotations.",
        },
        "accept_reported_speech": {
            "type": "boolean",
            "default": True,
            "description": "no-named-quote: reported speech from a named source ('Mr Ito said the plant "
            "would close') also counts, as in wire copy.",
        },
        "min_words": {
            "type": "integer",
            "minimum": 0,
            "default": 150,
            "description": "no-named-quote: shorter articles (briefs) are not checked.",
        },
    }
    required = ("check",)
    fields = frozenset({"words"})

    def check(self, doc, context):
        quotes = [q for q in doc.quotes if q.words >= self.p["min_quote_words"] and not doc.in_faq(q.start)]
        if self.p["check"] == "unattributed":
            for q in quotes:
                if not q.attributed and not _title(doc.text, q.start, q.end):
                    yield Hit(q.start, q.end, {"words": q.words})
            return
        words = doc.word_count
        if words < self.p["min_words"] or any(q.named for q in quotes):
            return
        if not (self.p["accept_reported_speech"] and doc.has_named_reported_speech):
            hit = anchor(doc)
            hit.fields = {"words": words}
            yield hit
