"""faq: FAQ answers that only restate sentences of the article body.

Each answer sentence is reduced to its content-word stems (spaCy's English stop words removed,
Snowball stems from NLTK). Body sentences are found through an inverted index from stem to
sentence, so the cost grows with the number of shared stems, not with answers x sentences. An
answer sentence is redundant when most of its stems appear in one body sentence (containment
at or above ``threshold``) and almost none are new to the body as a whole (``max_new``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from . import Hit, Kind, register

_TOKEN = re.compile(r"[^\W_][\w'’\-]*", re.U)


@lru_cache(maxsize=1)
def _tools():
    from nltk.stem.snowball import SnowballStemmer
    from spacy.lang.en.stop_words import STOP_WORDS

    # stems of the same word come up again and again: remember them
    return lru_cache(maxsize=65536)(SnowballStemmer("english").stem), STOP_WORDS


def content_stems(text: str) -> set[str]:
    stem, stop_words = _tools()
    words = (w.lower().replace("’", "'") for w in _TOKEN.findall(text))
    return {stem(w) for w in words if w not in stop_words and len(w) > 1}


@register
class FaqKind(Kind):
    name = "faq"
    summary = "FAQ answers whose content words repeat a body sentence and add nothing new."
    params = {
        "threshold": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5},
        "max_new": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "default": 0.25,
            "description": "Largest share of an answer's content words that may be absent from the body.",
        },
        "min_content_words": {"type": "integer", "minimum": 1, "default": 4},
    }
    fields = frozenset({"score", "line", "column", "body"})

    def check(self, doc, context):
        items = [item for item in doc.faq_items if item.answer is not None]
        if not items:
            return
        faq = doc.faq_span
        body = [s for s in doc.sentences if not (faq.start <= s.start < faq.end) and not doc.in_sources(s.start)]
        headline = doc.headline
        if headline is not None:
            body = [s for s in body if not (headline.start <= s.start < headline.end)]
        index: dict[str, list[int]] = defaultdict(list)
        vocabulary: set[str] = set()
        for i, sentence in enumerate(body):
            stems = content_stems(doc.span_text(sentence))
            vocabulary |= stems
            for stem in stems:
                index[stem].append(i)
        for sentence in self._answer_sentences(doc, items):
            stems = content_stems(doc.span_text(sentence))
            if len(stems) < self.p["min_content_words"]:
                continue
            new = len(stems - vocabulary) / len(stems)
            if new > self.p["max_new"]:
                continue
            shared = Counter(i for stem in stems for i in index.get(stem, ()))
            if not shared:
                continue
            best, count = min(shared.items(), key=lambda kv: (-kv[1], kv[0]))
            score = count / len(stems)
            if score >= self.p["threshold"]:
                target = body[best]
                line, column = doc.position(target.start)
                yield Hit(
                    sentence.start,
                    sentence.end,
                    {"score": score, "line": line, "column": column, "body": doc.span_text(target)},
                )

    @staticmethod
    def _answer_sentences(doc, items):
        """Sentences of the answers, clipped to the answer (without an "A:" marker)."""
        from ..document import Span

        for sentence in doc.sentences:
            for item in items:
                answer = item.answer
                if sentence.start < answer.end and answer.start < sentence.end:
                    yield Span(max(sentence.start, answer.start), min(sentence.end, answer.end))
