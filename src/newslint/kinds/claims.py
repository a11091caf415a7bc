"""claims: statements that need a source (superlatives, records, figures, weasel words)
with no attribution, citation or quotation in the same sentence or paragraph."""

from __future__ import annotations

from . import Hit, register
from ._common import IN_QUOTES, PATTERNS, TERMS, TermsKind, prose_hits, quote_filter

SUPPORT = ["attribution", "source", "link", "quote"]


@register
class ClaimsKind(TermsKind):
    name = "claims"
    summary = "Claim triggers (terms or patterns) in a sentence or paragraph that cites nothing."
    params = {
        "terms": TERMS,
        "patterns": PATTERNS,
        "exceptions": {**TERMS, "description": "Phrases in which a trigger is no claim, e.g. 'first half'."},
        "supported_by": {
            "type": "array",
            "items": {"enum": SUPPORT},
            "default": ["attribution", "source", "link", "quote"],
            "description": "What counts as support: attribution (a speech verb or 'according to'), "
            "source (a report, study or data named), link, quote (an attributed quotation).",
        },
        "scope": {"enum": ["sentence", "paragraph"], "default": "paragraph"},
        "in_quotes": IN_QUOTES,
    }
    fields = frozenset({"scope"})

    def _supported(self, doc, start: int, end: int) -> bool:
        support = self.p["supported_by"]
        if "attribution" in support and doc.attribution_in(start, end):
            return True
        if "source" in support and doc.source_cue_in(start, end):
            return True
        if "link" in support and doc.link_in(start, end):
            return True
        return "quote" in support and doc.attributed_quote_in(start, end)

    def check(self, doc, context):
        keep = quote_filter(doc, self.p["in_quotes"])
        by_sentence = self.p["scope"] == "sentence"
        headline = doc.headline
        supported_blocks: dict[int, bool] = {}
        for block, start, end in prose_hits(doc, (self.lexicon, self.patterns), self.exceptions, keep):
            if block.kind == "heading" or (headline is not None and block.start == headline.start):
                continue
            if block.start not in supported_blocks:
                supported_blocks[block.start] = self._supported(doc, block.start, block.end)
            if supported_blocks[block.start]:
                if not by_sentence:
                    continue
                # support somewhere in the paragraph: is it in this sentence? (an unsupported
                # paragraph has no supported sentence, so sentences are split only here)
                span = doc.sentence_at(start)
                if span is None or self._supported(doc, span.start, span.end):
                    continue
            yield Hit(start, end, {"scope": self.p["scope"]})
