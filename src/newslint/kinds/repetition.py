"""repetition: a sentence that repeats an earlier sentence of the same article near word for word.

Sentences are cut at ". ", "! " and "? " (a cheap split, enough to compare wording: the spaCy
sentencizer is not imported on the default path). Each sentence becomes its set of word
trigrams; an inverted index from trigram to the sentences that hold it finds the earlier
sentences sharing wording, so the cost grows with the shared trigrams, not with sentences
squared (a trigram's list is capped, so text repeated many times stays linear). A sentence is a
repetition when most of its trigrams (``threshold``) appear in one earlier sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict

from . import Hit, Kind, register

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
#: Earlier sentences remembered per trigram: enough to find a repeat, bounded for repeated text.
_POSTINGS_CAP = 8


def sentences(text: str, start: int, end: int):
    """(start, end) of the sentences of text[start:end], cut after . ! ? and a space."""
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        yield pos, m.start() + len(m.group().rstrip())
        pos = m.end()
    if pos < end:
        yield pos, end


_LIST_MARK = re.compile(r"[ \t>]*(?:[-*+•–]|\d+[.)])(?:[ \t]|$)")


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
        text = doc.text
        headline = doc.headline
        index: dict[tuple, list[int]] = defaultdict(list)
        seen: list[tuple[int, int]] = []
        skip_quotes = self.p["in_quotes"] == "skip"
        for block in doc.body_blocks:
            if (headline is not None and block.start == headline.start) or _list_item(text, block.start):
                continue  # list entries share their wording by design (names, dates, roles)
            for start, end in sentences(text, block.start, block.end):
                if (skip_quotes and doc.in_quote(start)) or text[end - 1] == "?" or doc.is_masked(start, end):
                    continue  # quotations; questions (an interview asks each guest the same); markup
                words = [w.lower().replace("’", "'") for w in _WORD.findall(text, start, end)]
                if len(words) < self.p["min_words"]:
                    continue
                grams = set(zip(words, words[1:], words[2:]))
                shared: dict[int, int] = defaultdict(int)
                for gram in grams:
                    for earlier in index.get(gram, ()):
                        shared[earlier] += 1
                if shared:
                    best, count = max(shared.items(), key=lambda kv: (kv[1], -kv[0]))
                    score = count / len(grams)
                    if score >= self.p["threshold"]:
                        line, column = doc.position(seen[best][0])
                        yield Hit(start, end, {"score": score, "line": line, "column": column})
                        continue  # a repeat is not itself an original for later sentences
                me = len(seen)
                seen.append((start, end))
                for gram in grams:
                    postings = index[gram]
                    if len(postings) < _POSTINGS_CAP:
                        postings.append(me)
