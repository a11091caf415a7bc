"""lexicon: flag each occurrence of listed words and phrases in the prose."""

from __future__ import annotations

from ..matching import Lexicon
from . import Hit, register
from ._common import EXCEPTION_PATTERNS, IN_QUOTES, NAMES, NEGATION, PATTERNS, REPORTED_SPEECH, TERMS, SpanCursor, TermsKind, negated, prose_hits, quote_filter


@register
class LexiconKind(TermsKind):
    name = "lexicon"
    summary = "Each occurrence of a listed word or phrase (whole words, any case)."
    params = {
        "terms": TERMS,
        "patterns": {**PATTERNS, "description": "RE2 regular expressions, for forms a word list cannot spell out."},
        "exceptions": {**TERMS, "description": "Phrases in which a term is fine, e.g. 'record label' for 'record'."},
        "exception_patterns": EXCEPTION_PATTERNS,
        "in_quotes": IN_QUOTES,
        "reported_speech": REPORTED_SPEECH,
        "negation": NEGATION,
        "names": NAMES,
        "part": {
            "enum": ["all", "headline", "body"],
            "default": "all",
            "description": "Where to look: the whole article, the headline only, or all but the headline.",
        },
    }

    def __init__(self, rule_id: str, params: dict, checked: bool = False) -> None:
        for field in ("terms", "exceptions"):
            for term in params.get(field) or ():
                if not any(ch.isalnum() for ch in term):  # punctuation only: it could never match a word
                    raise ValueError(f"'{field}' entry {term!r} has no letter or digit, so it can never match")
        super().__init__(rule_id, params, checked)

    def check(self, doc, context):
        keep = quote_filter(doc, self.p["in_quotes"], self.p["reported_speech"])
        part, headline = self.p["part"], doc.headline
        if part == "headline":
            # the headline may sit outside the prose (a front matter title, an HTML <title>)
            if headline is not None:
                yield from self._headline_hits(doc, headline, keep)
            return
        names = self.p["names"] == "skip"
        skip_negated = self.p["negation"] == "skip"
        for block, start, end in prose_hits(doc, (self.lexicon, self.patterns), self.exceptions, keep):
            in_headline = headline is not None and headline.start <= start < headline.end
            if names and not in_headline and in_name(doc.text, block, start, end):
                continue
            if skip_negated and negated(doc.text, block.start, start):
                continue  # "is unlikely to pull off a sensational win": denied, not asserted
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
        skip = SpanCursor(sorted(span for matcher in self.exceptions for span in _finditer(matcher, title)))
        last_end = -1
        for start, end in found:
            if start >= last_end and keep(base + start, base + end) and not skip.overlaps(start, end):
                last_end = end
                yield Hit(base + start, base + end)


# what may stand between a sentence's end and its first word: spaces, opening quotes and
# brackets, Markdown emphasis, heading and list marks
_LEAD_IN = " \t\n\"'“‘([*_#>-•"
_SENTENCE_END = ".!?:;"


def in_name(text: str, block, start: int, end: int) -> bool:
    """Is the match at [start, end) written as part of a name: all in capitals (an acronym), or
    capitalised inside a sentence of a block that is not written in title case?"""
    word = text[start:end]
    letters = [c for c in word if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    block_text = text[block.start : block.end]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return not _mostly_capitals(block_text)  # "EPIC", unless the whole block shouts
    at = start
    while at > block.start and text[at - 1] in _LEAD_IN:
        at -= 1
    if at == block.start or text[at - 1] in _SENTENCE_END:
        return False  # the first word of a sentence is capitalised anyway
    return not _title_case(block_text)


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.6 * len(letters)


_MINOR = frozenset("a an and as at but by for from in into of on or the to with".split())


def _title_case(text: str) -> bool:
    """A heading or title: most words that are not minor words start with a capital."""
    words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in _MINOR]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _finditer(matcher, text):
    if isinstance(matcher, Lexicon):
        return matcher.finditer(text, cache=False)  # a one-off string: keep the article cached
    return matcher.finditer(text)
