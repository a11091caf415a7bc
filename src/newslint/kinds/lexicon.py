"""lexicon: flag each occurrence of listed words and phrases in the prose."""

from __future__ import annotations

from . import Hit, register
from ._common import IN_QUOTES, PATTERNS, TERMS, TermsKind, overlaps_any, prose_hits, quote_filter


@register
class LexiconKind(TermsKind):
    name = "lexicon"
    summary = "Each occurrence of a listed word or phrase (whole words, any case)."
    params = {
        "terms": TERMS,
        "patterns": {**PATTERNS, "description": "RE2 regular expressions, for forms a word list cannot spell out."},
        "exceptions": {**TERMS, "description": "Phrases in which a term is fine, e.g. 'record label' for 'record'."},
        "in_quotes": IN_QUOTES,
        "part": {
            "enum": ["all", "headline", "body"],
            "default": "all",
            "description": "Where to look: the whole article, the headline only, or all but the headline.",
        },
    }

    def check(self, doc, context):
        keep = quote_filter(doc, self.p["in_quotes"])
        part, headline = self.p["part"], doc.headline
        if part == "headline":
            # the headline may sit outside the prose (a front matter title, an HTML <title>)
            if headline is not None:
                yield from self._headline_hits(doc, headline, keep)
            return
        for block, start, end in prose_hits(doc, (self.lexicon, self.patterns), self.exceptions, keep):
            in_headline = headline is not None and headline.start <= start < headline.end
            if part == "all" or (part == "headline") == in_headline:
                yield Hit(start, end)

    def _headline_hits(self, doc, headline, keep):
        text = doc.text
        found = sorted(
            {h for m in (self.lexicon, self.patterns) for h in m.finditer(text, headline.start, headline.end)},
            key=lambda h: (h[0], -h[1]),
        )
        skip = list(self.exceptions.finditer(text, headline.start, headline.end))
        last_end = -1
        for start, end in found:
            if start >= last_end and keep(start, end) and not overlaps_any(skip, start, end):
                last_end = end
                yield Hit(start, end)
