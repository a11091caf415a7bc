"""repetition: a sentence that repeats an earlier sentence of the same article near word for word.

Sentences are cut at ". ", "! " and "? " (a cheap split, enough to compare wording: the spaCy
sentencizer is not imported on the default path). Each sentence becomes its set of word
trigrams. A map from each trigram to the first sentence that held it, queried with set
operations, finds the earlier sentence sharing the wording, so the cost grows with the words of
the article, not with sentences squared, and text repeated many times stays linear. A sentence
is a repetition when most of its trigrams (``threshold``) first appeared in one earlier sentence.
"""

from __future__ import annotations

import itertools
from collections import Counter

from ..lazyre import lazy_compile
from ..quotes import FIELD_LABEL
from . import Hit, Kind, register

# A run of marks is tried from its first mark only, and never given back: tried from every mark
# of a run, a run of 250,000 "!" with no space after it took minutes (each try scanned the rest)
_RUN_END = r"[.!?]++[\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[A-Z0-9])"
# a run's first mark, not after another: "(?<![.!?])" written after the first mark, so that the
# pattern starts with a character class, which Python's engine skips ahead to (a pattern that
# starts with an assertion is tried at every offset, four times slower)
_SENTENCE_END = lazy_compile(r"[.!?](?<![.!?][.!?])[.!?]*+[\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[A-Z0-9])")
_RUN_END_HERE = lazy_compile(_RUN_END)
# words for comparison: lower case, punctuation as spaces (apostrophes kept: "it's", "council's")
_PUNCTUATION_MARKS = "\"“”‘.,;:!?()[]{}<>*_#/\\|=+~^`&%$£€@—–-"
_PUNCTUATION = str.maketrans({ch: " " for ch in _PUNCTUATION_MARKS} | {"’": "'"})
# the same for ASCII text, as bytes (``bytes.translate`` is a table lookup, several times faster)
_ASCII_MARKS = "".join(ch for ch in _PUNCTUATION_MARKS if ch.isascii()).encode()
_ASCII_PUNCTUATION = bytes.maketrans(_ASCII_MARKS, b" " * len(_ASCII_MARKS))


def _words(sentence: str) -> list[str]:
    """The sentence's words for comparison: lower case, punctuation as spaces."""
    if sentence.isascii():
        return sentence.encode().lower().translate(_ASCII_PUNCTUATION).decode().split()
    return sentence.lower().translate(_PUNCTUATION).split()


def sentences(text: str, start: int, end: int):
    """(start, end) of the sentences of text[start:end], cut after . ! ? and a space."""
    pos = search = start
    if start > 0 and text[start - 1] in ".!?":  # the text starts inside a run of marks: tried here once
        m = _RUN_END_HERE.match(text, start, end)
        if m is not None:
            yield pos, m.start() + len(m.group().rstrip())
            pos = search = m.end()
    for m in _SENTENCE_END.finditer(text, search, end):
        yield pos, m.start() + len(m.group().rstrip())
        pos = m.end()
    if pos < end:
        yield pos, end


# what may close a question after its "?": emphasis, quotation marks, brackets
_CLOSING = " \t*_\"'”’)]"
# words of placeholder text, as in a layout or typography test page
_PLACEHOLDER = frozenset(
    "lorem ipsum consectetur adipisicing adipiscing eiusmod tempor incididunt veniam nostrud exercitation "
    "ullamco laboris aliquip commodo consequat reprehenderit voluptate cillum fugiat pariatur excepteur "
    "occaecat cupidatat proident officia deserunt mollit laborum".split())


def _question(text: str, start: int, end: int) -> bool:
    """Does the sentence end with a question mark, perhaps inside emphasis ("**Why?**")?"""
    body = text[start:end].rstrip(_CLOSING)
    return body.endswith("?")


_LIST_MARK = lazy_compile(r"[ \t>]*(?:[-*+•–]|\d+[.)])(?:[ \t]|$)")


def _list_item(text: str, start: int) -> bool:
    """Is the block at ``start`` an entry of a list ("- ...", "1. ...", also in Markdown)?"""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_LIST_MARK.match(text, line_start, start + 2))


@register
class RepetitionKind(Kind):
    name = "repetition"
    summary = "A sentence whose wording repeats an earlier sentence of the article."
    params = {
        "threshold": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "default": 0.6,
            "description": "Share of the sentence's word trigrams that one earlier sentence must hold.",
        },
        "min_words": {"type": "integer", "minimum": 3, "default": 8,
                      "description": "Shorter sentences (datelines, set phrases) are not compared."},
        "in_quotes": {"enum": ["skip", "include"], "default": "skip",
                      "description": "A sentence that starts inside a quotation is the speaker's: skip it (default) or compare it too."},
    }
    fields = frozenset({"score", "line", "column"})

    def check(self, doc, context):
        threshold, min_words = self.p["threshold"], self.p["min_words"]
        known: set[int] = set()  # the trigrams of the original sentences so far
        # trigram -> the first original sentence that holds it, brought up to date only when a
        # sentence shares enough trigrams to be a repeat (rare): most articles never need it
        first_seen: dict[int, int] = {}
        pending: list[tuple[frozenset, int]] = []  # originals not yet in ``first_seen``
        seen: list[int] = []  # starts of the original sentences
        for start, end, count, grams in _compared(doc, context, self.p["in_quotes"] == "skip"):
            if count < min_words:
                continue
            shared = grams & known  # set operations in C: most sentences stop here
            if shared and len(shared) >= threshold * len(grams):  # (threshold 0: one shared trigram)
                for original, index in pending:  # each original once, in order: the first owner wins
                    # (``difference`` of a dict looks each trigram up; ``- first_seen.keys()``
                    # walked the whole dict for each original: quadratic)
                    first_seen.update(dict.fromkeys(original.difference(first_seen), index))
                pending.clear()
                owners = {first_seen[g] for g in shared}
                if len(owners) == 1:  # the usual case: all from one earlier sentence
                    best, hits = owners.pop(), len(shared)
                else:
                    best, hits = Counter(first_seen[g] for g in shared).most_common(1)[0]
                if hits >= threshold * len(grams):
                    line, column = doc.position(seen[best])
                    yield Hit(start, end, {"score": hits / len(grams), "line": line, "column": column})
                    continue  # a repeat is not itself an original for later sentences
            known |= grams
            pending.append((grams, len(seen)))
            seen.append(start)


def _compared(doc, context, skip_quotes: bool) -> list[tuple[int, int, int, frozenset]]:
    """(start, end, words, word trigrams as integers) of each sentence of the body that repetition rules
    compare, computed once per article for all of them (repeated-sentence, repeated-passage)."""
    key = ("repetition", skip_quotes)
    if key in context.shared:
        return context.shared[key]
    text = doc.text
    headline = doc.headline
    out = []
    # Each trigram is kept as its hash, an integer: no tuple of three words is kept per
    # trigram (memory, for an article of millions of words), and the set is built in C. Two
    # distinct trigrams of one article sharing a 64-bit hash is vanishingly unlikely, and would
    # only count one shared trigram too many. Equal sentences share one frozenset.
    same: dict[frozenset, frozenset] = {}
    for block in doc.body_blocks:
        if (headline is not None and block.start == headline.start) or _list_item(text, block.start):
            continue  # list entries share their wording by design (names, dates, roles)
        if FIELD_LABEL.match(text, block.start):
            continue  # a field of a structured entry ("**Stage:** ..."): entries share their values
        for start, end in sentences(text, block.start, block.end):
            if (skip_quotes and doc.in_quote(start)) or _question(text, start, end) or doc.is_masked(start, end):
                continue  # quotations; questions (an interview asks each guest the same); markup
            words = _words(text[start:end])
            if len(words) < 3 or _PLACEHOLDER.intersection(words):
                continue  # placeholder text ("lorem ipsum") repeats by design
            if len(words) < 10_000:
                grams = frozenset(map(hash, zip(words, words[1:], words[2:])))
            else:  # a "sentence" of millions of words (no sentence end in 10 MB): no copies of its word list
                later, last = itertools.islice(words, 1, None), itertools.islice(words, 2, None)
                grams = frozenset(map(hash, zip(words, later, last)))
            out.append((start, end, len(words), same.setdefault(grams, grams)))
    context.shared[key] = out
    return out
