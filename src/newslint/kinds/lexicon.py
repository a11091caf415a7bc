"""lexicon: flag each occurrence of listed words and phrases in the prose."""

from __future__ import annotations

from . import Hit, register
from ._common import IN_QUOTES, PATTERNS, TERMS, TermsKind, prose_hits, quote_filter


@register
class LexiconKind(TermsKind):
    name = "lexicon"
    summary = "Each occurrence of a listed word or phrase (whole words, any case)."
    params = {
        "terms": TERMS,
        "patterns": {**PATTERNS, "description": "RE2 regular expressions, for forms a word list cannot spell out."},
        "exceptions": {**TERMS, "description": "Phrases in which a term is fine, e.g. 'record label' for 'record'."},
        "in_quotes": IN_QUOTES,
        "headline": {"type": "boolean", "default": True, "description": "Check the headline too."},
    }

    def check(self, doc, context):
        keep = quote_filter(doc, self.p["in_quotes"])
        headline = None if self.p["headline"] else doc.headline
        for block, start, end in prose_hits(doc, (self.lexicon, self.patterns), self.exceptions, keep):
            if headline is None or block.start != headline.start:
                yield Hit(start, end)
