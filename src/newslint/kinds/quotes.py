"""quotes: direct quotations, and whether they are attributed to a source."""

from __future__ import annotations

from . import Hit, Kind, anchor, register


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
                if not q.attributed:
                    yield Hit(q.start, q.end, {"words": q.words})
            return
        words = doc.word_count
        if words < self.p["min_words"] or any(q.named for q in quotes):
            return
        if not (self.p["accept_reported_speech"] and doc.has_named_reported_speech):
            hit = anchor(doc)
            hit.fields = {"words": words}
            yield hit
