"""quotes: direct quotations, and whether they are attributed to a source."""

from __future__ import annotations

import bisect
import re

from ..lazyre import lazy_compile
from ..matching import CueWords
from ..quotes import HTML_ENTITY
from . import Hit, Kind, anchor, register

_WORDS = lazy_compile(r"[^\W\d_][\w'’-]*")
_MINOR = frozenset("a an and as at by for from in into of on or the to with".split())


def _title(text: str, start: int, end: int) -> bool:
    """Is the quoted text a title or a name (a plan, an award, an event, a book), not speech?
    Most of its words are capitalised, as titles are written: "Action Plan for the Development"."""
    words = _WORDS.findall(text, start, end)
    if not words or len(words) > 24:  # conference and panel titles run long
        return False
    if not words[0][0].isupper():
        return False
    major = capitalised = 0
    for w in words:
        if w.lower() not in _MINOR:
            major += 1
            capitalised += w[0].isupper()
    return major > 0 and capitalised >= 0.8 * major


_CLOSING_MARKS = ("”", '"', "»", "“", "&#8221;", "&rdquo;")  # what a closed quotation ends with
_OPENING = "“”\"„«» \t\n*_"
_CLOSING = "“”\"„«» \t\n*_.,;:"


def _inner(text: str, start: int, end: int) -> str:
    """The words of a quotation, without its marks, entities and emphasis."""
    return HTML_ENTITY.sub("", text[start:end]).strip(_OPENING).rstrip(_CLOSING)


# a cue in the same clause, right before the quotation, that what follows is sample wording
_EXAMPLE_CUE = lazy_compile(
    r"\b(?:for example|for instance|such as|e\.g\.|examples?|sample|template|something like|"
    r"rather than|instead of|unacceptable|acceptable|phrasing|wording)\b[^.!?;\"“”\n]{0,40}[:,–—-]?\s*$",
    re.I,
)
#: a word that each of _EXAMPLE_CUE's cues holds
_EXAMPLE_WORDS = ("example", "instance", "such as", "e.g.", "sample", "template", "something like", "rather than",
                  "instead of", "acceptable", "phrasing", "wording")


# a quotation named, not spoken: the complement of "is", "was" or "of" ('Knowledge is "..."', 'a
# typical excuse was "..."', 'the Agile tenet of "..."'), or called a phrase, motto or slogan
_MENTION_BEFORE = lazy_compile(r"\b(?:is|are|was|were|of|(?:is|are|was|were) to)[ \t]*[:,]?[ \t]*(?:\*\*|__|\*|_)?\Z")
_MENTION_AFTER = lazy_compile(
    r"[ \t]*(?:is|was|has been|became)[ \t]+(?:a|an|the|our|their|its|his|her)[ \t]+(?:[\w'’-]+[ \t]+){0,2}?"
    r"(?:phrase|motto|slogan|saying|mantra|maxim|tagline|catchphrase|refrain|principle|tenet|rule of thumb)\b",
    re.I,
)
# words the reader (or anyone) might say: 'you can call her and ask, "Are you OK?"', 'you type "flu
# shot"': a hypothetical line, not a source's speech
_HYPOTHETICAL = lazy_compile(
    r"\b(?:you|one|they)\b(?:[ \t]+[\w'’-]+){0,6}?[ \t]+(?:ask|say|tell|write|type|search for|hear|think)\b"
    r"[ \t]*(?:\w+[ \t]*)?[:,—–-]?[ \t]*\Z",
    re.I,
)
#: _HYPOTHETICAL needs one of its speakers and one of its verbs
_HYPOTHETICAL_WORDS = (("you", "one", "they"), ("ask", "say", "tell", "write", "type", "search for", "hear", "think"))
_CUE_GROUPS = (_EXAMPLE_WORDS, *_HYPOTHETICAL_WORDS)
# a Markdown link reference definition ('[id]: https://... "Title"'), whose quoted part is a title
_LINK_DEFINITION = lazy_compile(r"[ \t]*\[[^\]\n]+\]:[ \t]*\S")


def _named_as_a_thing(text: str, block, quote, inner: str) -> bool:
    """Is the quotation named rather than spoken: the complement of "of" or "is to", a whole
    utterance after "is" ('Knowledge is "Tom Smith is a CEO"'), or called a phrase or a motto?
    After "is", a quoted fragment ('is "much easier to read"') is a verdict that needs its speaker."""
    before = _MENTION_BEFORE.search(text, max(block.start, quote.start - 20), quote.start)
    if before is not None:
        copula = before.group().lstrip().startswith(("is", "are", "was", "were")) and " to" not in before.group()
        if not copula or inner[0].isupper():
            return True
    return bool(_MENTION_AFTER.match(text, quote.end, min(block.end, quote.end + 80)))


class _Parentheses:
    """Offsets of every "(" and ")" of a text, found once: whether a quotation stands inside
    brackets is then a bisection, not a search from it to its paragraph's start and end (which
    was quadratic in a paragraph of thousands of quotations)."""

    def __init__(self, text: str) -> None:
        self.opens = [m.start() for m in re.finditer(r"\(", text)]
        self.closes = [m.start() for m in re.finditer(r"\)", text)]

    @staticmethod
    def _last(offsets: list[int], lo: int, hi: int) -> int:
        i = bisect.bisect_left(offsets, hi) - 1
        return offsets[i] if i >= 0 and offsets[i] >= lo else -1

    @staticmethod
    def _first(offsets: list[int], lo: int, hi: int) -> int:
        i = bisect.bisect_left(offsets, lo)
        return offsets[i] if i < len(offsets) and offsets[i] < hi else -1

    def around(self, block, quote) -> bool:
        """Is the quotation inside a "(...)" of its block, with no bracket closed or opened
        between the "(" and the ")"?"""
        if block is None or not self.opens:
            return False
        opened = self._last(self.opens, block.start, quote.start)
        if opened < 0 or self._last(self.closes, block.start, quote.start) > opened:
            return False
        closed = self._first(self.closes, quote.end, block.end)
        return closed >= 0 and self._first(self.opens, quote.end, closed) < 0


def _not_speech(doc, quote, p, parentheses: _Parentheses, cues: CueWords) -> str | None:
    """Why a quotation is not speech that needs a speaker, or None: a question the writer asks
    (in a heading or not), a phrase quoted inside a sentence, the title of a linked page."""
    inner = _inner(doc.text, quote.start, quote.end)
    if not inner:
        return "empty"
    if not doc.text.endswith(_CLOSING_MARKS, quote.start, quote.end):
        return "unclosed"  # no closing mark in its paragraph: a stray mark, or pairing went wrong
    if inner[0] in "[<":
        return "link"  # “[The API Briefing](...)”, “<a href=...>Adopt a Pixel</a>”
    block = doc.block_at(quote.start)
    if block is not None and block.kind == "heading":
        return "heading"
    if parentheses.around(block, quote):
        return "aside"  # an example in brackets: ("Light snow today" or "Snow with slippery roads")
    if block is not None and cues.may_match(max(block.start, quote.start - 80), quote.start, _EXAMPLE_WORDS) and (
            _EXAMPLE_CUE.search(doc.text, max(block.start, quote.start - 80), quote.start)):
        return "example"  # sample wording: use a subject line such as "Please reply today."
    if block is not None:
        line_start = max(block.start, doc.line_start(quote.start))
        if _LINK_DEFINITION.match(doc.text, line_start, quote.start):
            return "link"  # the title of a link reference definition
        if _named_as_a_thing(doc.text, block, quote, inner):
            return "mention"  # a quotation named as a thing (an example, a motto), not speech
        lo = max(block.start, quote.start - 80)
        if cues.may_match(lo, quote.start, *_HYPOTHETICAL_WORDS) and _HYPOTHETICAL.search(doc.text, lo, quote.start):
            return "hypothetical"
    if p["skip_questions"] and inner.endswith("?"):
        return "question"
    if inner[0].islower() and quote.words < p["min_fragment_words"]:
        return "fragment"  # taking it "one step at a time", unsure of "what to bite off first"
    if _title(doc.text, quote.start, quote.end):
        return "title"
    return None


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
        "min_fragment_words": {
            "type": "integer",
            "minimum": 0,
            "default": 12,
            "description": "unattributed: a quotation that starts in lower case inside a sentence is a "
            "quoted phrase (an idiom, a label, words of a document) unless it is at least this long.",
        },
        "skip_questions": {
            "type": "boolean",
            "default": True,
            "description": "unattributed: a quoted question is usually the writer's own (a reader's "
            "question, a heading, a question on a sign), not a source's words.",
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
            parentheses = None
            for q in quotes:
                block = doc.block_at(q.start)
                if block is not None and block.kind == "summary":
                    continue  # a teaser quotes the story, whose body gives the speaker
                if q.attributed:
                    continue
                if parentheses is None:
                    parentheses, cues = _Parentheses(doc.text), CueWords(doc.text, _CUE_GROUPS)
                if _not_speech(doc, q, self.p, parentheses, cues) is None:
                    yield Hit(q.start, q.end, {"words": q.words})
            return
        words = doc.word_count
        if words < self.p["min_words"] or any(q.named for q in quotes) or doc.quote_tag_names_source:
            return  # (a quotation shortcode that credits a named person quotes them too)
        if not (self.p["accept_reported_speech"] and doc.has_named_reported_speech):
            hit = anchor(doc)
            hit.fields = {"words": words}
            yield hit
