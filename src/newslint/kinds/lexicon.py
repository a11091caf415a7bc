"""lexicon: flag each occurrence of listed words and phrases in the prose."""

from __future__ import annotations

from ..matching import Lexicon
from . import Hit, register
from ._common import IN_QUOTES, PATTERNS, TERMS, SpanCursor, TermsKind, prose_hits, quote_filter


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
        # match the headline as a text of its own, so that "^" in a pattern is its start
        # (after "# " in Markdown, inside a front matter title or an HTML <title>)
        title, base = doc.span_text(headline), headline.start
        found = sorted(
            {h for m in (self.lexicon, self.patterns) for h in _finditer(m, title)},
            key=lambda h: (h[0], -h[1]),
        )
        skip = SpanCursor(list(_finditer(self.exceptions, title)))
        last_end = -1
        for start, end in found:
            if start >= last_end and keep(base + start, base + end) and not skip.overlaps(start, end):
                last_end = end
                yield Hit(base + start, base + end)


def _finditer(matcher, text):
    if isinstance(matcher, Lexicon):
        return matcher.finditer(text, cache=False)  # a one-off string: keep the article cached
    return matcher.finditer(text)
