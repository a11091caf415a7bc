"""claims: statements that need a source (superlatives, records, figures, weasel words)
with no attribution, citation or quotation in the same sentence or paragraph; unsourced: every
statement of a paragraph that cites nothing."""

from __future__ import annotations

import bisect
import re

from . import Hit, Kind, register
from ..lazyre import lazy_compile
from ._common import EXCEPTION_PATTERNS, IN_QUOTES, NAMES, PATTERNS, REPORTED_SPEECH, TERMS, TermsKind, prose_hits, quote_filter
from .lexicon import in_name

SUPPORT = ["attribution", "source", "link", "quote"]
_WHERE = {"sentence": "sentence", "paragraph": "paragraph", "adjacent": "paragraph or the next one",
          "article": "article"}
_LEAD_IN_WHERE = {"sentence": "{part}", "paragraph": "{part}", "adjacent": "{part} or the first paragraph",
                  "article": "article"}


SUPPORTED_BY = {
    "type": "array",
    "items": {"enum": SUPPORT},
    "default": ["attribution", "source", "link", "quote"],
    "description": "What counts as support: attribution (a speech verb or 'according to'), "
    "source (a report, study or data named), link (to a page below a home page), quote (an "
    "attributed quotation).",
}
SCOPE = {
    "enum": ["sentence", "paragraph", "adjacent", "article"],
    "default": "paragraph",
    "description": "Where support must be: the claim's sentence, its paragraph, its paragraph or "
    "the next one (news leads put the claim first and the source second), or anywhere in the article.",
}


class Sourcing:
    """Where a statement's support may stand (the ``scope`` parameter) and what counts as support
    (``supported_by``): shared by the claims and unsourced kinds."""

    p: dict

    def supported(self, doc, start: int, end: int) -> bool:
        support = self.p["supported_by"]
        if "attribution" in support and doc.attribution_in(start, end):
            return True
        if "source" in support and doc.source_cue_in(start, end):
            return True
        if "link" in support and doc.specific_link_in(start, end):  # a home page sources nothing
            return True
        return "quote" in support and doc.attributed_quote_in(start, end)

    def supported_in(self, doc, ranges) -> bool:
        return any(self.supported(doc, start, end) for start, end in ranges)

    def region(self, doc, block, lead_in: bool) -> list[tuple[int, int]]:
        """Where support for a claim in ``block`` may stand, by the ``scope`` parameter. The
        headline and the front matter's summary stand before the story as a paragraph before its
        lead: the block itself, and with ``adjacent`` the first paragraph of the body."""
        scope = self.p["scope"]
        if scope == "article":
            return [(block.start, block.end), (doc.body_start, len(doc.text))] if lead_in else [
                (doc.body_start, len(doc.text))]
        if lead_in:
            lead = doc.body_blocks[0] if scope == "adjacent" and doc.body_blocks else None
            return [(block.start, block.end)] + ([(lead.start, lead.end)] if lead is not None else [])
        if scope == "adjacent":
            blocks = doc.prose_blocks
            i = bisect.bisect_left(doc.prose_block_starts, block.start)
            if i < len(blocks) and blocks[i] == block:
                # a lead makes the claim and the next paragraph sources it ("... research
                # suggests." then "The figures, from Nielsen, ..."): the paragraph after, not before
                last = blocks[i + 1] if i + 1 < len(blocks) and blocks[i + 1].kind == "paragraph" else block
                return [(block.start, last.end)]
        return [(block.start, block.end)]


@register
class ClaimsKind(Sourcing, TermsKind):
    name = "claims"
    summary = "Claim triggers (terms or patterns) in a sentence or paragraph that cites nothing."
    params = {
        "terms": TERMS,
        "patterns": PATTERNS,
        "exceptions": {**TERMS, "description": "Phrases in which a trigger is no claim, e.g. 'first half'."},
        "exception_patterns": EXCEPTION_PATTERNS,
        "supported_by": SUPPORTED_BY,
        "scope": SCOPE,
        "skip_appositives": {
            "type": "boolean",
            "default": False,
            "description": "A superlative that identifies a named subject ('BT, the UK's biggest "
            "internet supplier', 'the world's largest retailer, Wal-Mart') describes; it claims nothing new.",
        },
        "skip_conversions": {
            "type": "boolean",
            "default": False,
            "description": "A figure in brackets after another ('4bn euros ($5.2bn; £2.8bn)', "
            "'$30.2m (£15.5m)') converts it into another currency or unit; it is no second claim.",
        },
        "in_quotes": IN_QUOTES,
        "reported_speech": REPORTED_SPEECH,
        "names": NAMES,
    }
    fields = frozenset({"scope", "where"})

    def check(self, doc, context):
        keep = quote_filter(doc, self.p["in_quotes"], self.p["reported_speech"])
        names = self.p["names"] == "skip"
        by_sentence = self.p["scope"] == "sentence"
        headline = doc.headline
        text = doc.text
        supported_blocks: dict[int, bool] = {}
        for block, start, end in prose_hits(doc, (self.lexicon, self.patterns), self.exceptions, keep):
            # the headline and the front matter's summary are checked; other headings are not
            lead_in = (headline is not None and block.start == headline.start) or block.kind == "summary"
            if block.kind == "heading" and not lead_in:
                continue
            if names and not lead_in and _after_name(text, block.start, start) and in_name(text, block, start, end):
                continue  # "Continental Research shows": a name, not research
            if self.p["skip_appositives"] and _appositive(text, block.start, start, end):
                continue
            if self.p["skip_conversions"] and _CONVERSION.search(text, max(block.start, start - 60), start):
                continue
            if block.start not in supported_blocks:
                supported_blocks[block.start] = self.supported_in(doc, self.region(doc, block, lead_in))
            if supported_blocks[block.start]:
                if not by_sentence:
                    continue
                # support somewhere in the paragraph: is it in this sentence? (an unsupported
                # paragraph has no supported sentence, so sentences are split only here)
                span = doc.sentence_at(start)
                if span is None or self.supported(doc, span.start, span.end):
                    continue
            where = _WHERE[self.p["scope"]]
            if lead_in:
                part = "summary" if block.kind == "summary" else "headline"
                where = _LEAD_IN_WHERE[self.p["scope"]].format(part=part)
            yield Hit(start, end, {"scope": self.p["scope"], "where": where})


@register
class UnsourcedKind(Sourcing, Kind):
    name = "unsourced"
    summary = "Each sentence of a body paragraph that cites nothing: no attribution, source, link or quotation."
    params = {
        "supported_by": SUPPORTED_BY,
        "scope": SCOPE,
        "min_words": {
            "type": "integer",
            "minimum": 1,
            "default": 6,
            "description": "Shorter sentences are not reported (a dateline, 'It did not.').",
        },
        "lead": {
            "enum": ["next", "own"],
            "default": "next",
            "description": "The story's first paragraph is sourced by the next one too (next, the "
            "default: a lead gives the news and the second paragraph its source), or only as the "
            "scope says (own).",
        },
        "min_article_words": {
            "type": "integer",
            "minimum": 0,
            "default": 100,
            "description": "A shorter text (a brief, a snippet in an editor) is too short to judge its sourcing.",
        },
    }
    fields = frozenset({"scope", "where"})

    def check(self, doc, context):
        if doc.word_count < self.p["min_article_words"]:
            return
        text = doc.text
        by_sentence = self.p["scope"] == "sentence"
        fields = {"scope": self.p["scope"], "where": _WHERE[self.p["scope"]]}  # one for every hit
        blocks = doc.body_blocks
        for i, block in enumerate(blocks):
            if doc.is_masked(block.start, block.end) or _ASIDE.match(text, block.start):
                continue  # markup; a note, caption or bio set in italics
            if not by_sentence and self.supported_in(doc, self.region(doc, block, False)):
                continue
            if i == 0 and self.p["lead"] == "next" and len(blocks) > 1 and self.supported(doc, blocks[1].start, blocks[1].end):
                continue  # "Euronext has met the LSE." then "Its chief, Jean Theodore, said ..."
            for span in doc.sentences_of(block):
                start, end = span.start, span.end
                if doc.in_quote(start) or doc.in_block_quote(start) or text[end - 1] == "?" \
                        or len(text[start:end].split()) < self.p["min_words"]:
                    continue  # a quotation is its speaker's (unattributed-quote asks who); a question asserts nothing
                if _LIST_ENTRY.match(text, doc.line_start(start), start + 1):
                    continue  # an entry of a list: an agenda, objectives, features
                if by_sentence and self.supported(doc, start, end):
                    continue
                yield Hit(start, end, fields)


# a paragraph set wholly in italics ("_**Ann Lee** is a program analyst at ..._"): an aside
_ASIDE = lazy_compile(r"[ \t]*(?:_[^_\n]|\*[^*\s])(?:[^\n]|\n(?!\n))*(?:_|(?<!\*)\*)[ \t]*(?:\n|\Z)")
# a sentence that opens an entry of a list ("- ", "* ", "1. ")
_LIST_ENTRY = lazy_compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S")


_CAPITALISED_WORD_BEFORE = lazy_compile(r"(?<![\w&.'’-])[A-Z][\w&.'’-]* \Z")


def _after_name(text: str, block_start: int, start: int) -> bool:
    """Does a capitalised word stand right before ``start``, so that a capitalised trigger there
    continues a name ("Continental Research shows")? A claim that starts with a name of its own
    ("the UK's most", "Britain's biggest") follows a lower-case word and still counts."""
    return bool(_CAPITALISED_WORD_BEFORE.search(text, max(block_start, start - 40), start))


# "Gazprom, the world's biggest gas firm, said" or "BT, the UK's largest ...": a name and a comma
# before the superlative; "the world's largest retailer, Wal-Mart, ...": a comma and a name after it.
_NAME_BEFORE = lazy_compile(r"(?:[A-Z][\w&.'’-]*(?: (?:[A-Z][\w&.'’-]*|of|and|&))*|\)),\s+(?:the\s+|its\s+|their\s+)?$")
_NAME_AFTER = lazy_compile(r"(?:\s+[\w'’-]+){0,4},\s+[A-Z]")


# A bracket opened right after an amount, and perhaps a first conversion: "$30.2m (", "4bn euros ($5.2bn; ".
_CONVERSION = lazy_compile(
    r"\d[\d,.]*\s?(?:[a-z]{1,8}\b\.?)?\s?(?:[a-z]{2,8}\s?)?\((?:[^()]{0,30}[;,]\s*)?\Z", re.I)


def _appositive(text: str, block_start: int, start: int, end: int) -> bool:
    """Does the superlative at text[start:end] identify a named subject, as an appositive?"""
    if _NAME_BEFORE.search(text, max(block_start, start - 80), start):
        return True
    return bool(_NAME_AFTER.match(text, end, min(len(text), end + 60)))
