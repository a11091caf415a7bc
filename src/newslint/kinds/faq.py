"""faq: FAQ answers that only restate sentences of the article body.

Each answer sentence is reduced to its content-word stems (spaCy's English stop words removed,
English Snowball stems). Body sentences are found through an inverted index from stem to
sentence, so the cost grows with the number of shared stems, not with answers x sentences.
Body sentences with the same stems are indexed once (the first one), and answers with the same
stems are scored once, so text repeated many times does not grow the lists the index keeps. An
answer sentence is redundant when most of its stems appear in one body sentence (containment
at or above ``threshold``) and almost none are new to the body as a whole (``max_new``).

Neither spaCy nor NLTK is imported (each costs about a second of start-up): the stop words are
read from the list spaCy ships (``spacy/lang/en/stop_words.py``, run on its own), and stems
come from PyStemmer, the Snowball project's own C library for Python, with its English (Porter
2) stemmer: NLTK's stems on all but 5 of the 69,000 distinct words of the development corpora,
and the pure-Python ``snowballstemmer``'s on all 110,000 distinct words of the corpora; it
imports in half a millisecond, where ``snowballstemmer`` loads 29 languages in 10.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache

from . import Hit, Kind, register
from ..lazyre import lazy_compile

_TOKEN = lazy_compile(r"[^\W_][\w'’\-]*", re.U)


def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from spaCy's data file without importing spaCy."""
    import os
    import sys

    # where "import spacy" would find the package, without running it (nor importing runpy and
    # importlib.util, which cost a cold start more than reading the file does)
    for entry in sys.path:
        path = os.path.join(entry or os.curdir, "spacy", "lang", "en", "stop_words.py")
        if os.path.isfile(os.path.join(entry or os.curdir, "spacy", "__init__.py")) and os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                namespace: dict = {"__name__": "spacy.lang.en.stop_words", "__file__": path}
                exec(compile(handle.read(), path, "exec"), namespace)  # a list of words and no imports
            return frozenset(namespace["STOP_WORDS"])
    from spacy.lang.en.stop_words import STOP_WORDS  # another layout: import it after all

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _tools():
    import Stemmer  # PyStemmer

    # stems of the same word come up again and again: PyStemmer remembers them (maxCacheSize)
    english = Stemmer.Stemmer("english")
    english.maxCacheSize = 65536
    return english.stemWord, stop_words()


def content_stems(text: str) -> set[str]:
    stem, stop_words = _tools()
    if "\u0130" in text or "\u03a3" in text:
        # "İ" lower-cases to two characters and "Σ" by its neighbours: word by word, as tokenised
        words = (w.lower().replace("’", "'") for w in _TOKEN.findall(text))
    else:  # the same words, with the text lower-cased once instead of each word
        words = _TOKEN.findall(text.lower().replace("’", "'"))
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
        indexed: set[frozenset[str]] = set()
        for i, sentence in enumerate(body):
            stems = frozenset(content_stems(doc.span_text(sentence)))
            if stems in indexed:
                continue  # a later sentence with the same stems can never be the best match
            indexed.add(stems)
            vocabulary |= stems
            for stem in stems:
                index[stem].append(i)
        scored: dict[frozenset[str], tuple[int, float] | None] = {}
        for sentence in self._answer_sentences(doc, items):
            stems = frozenset(content_stems(doc.span_text(sentence)))
            if stems not in scored:
                scored[stems] = self._score(stems, index, vocabulary)
            match = scored[stems]
            if match is not None:
                best, score = match
                target = body[best]
                line, column = doc.position(target.start)
                yield Hit(
                    sentence.start,
                    sentence.end,
                    {"score": score, "line": line, "column": column, "body": doc.span_text(target)},
                )

    def _score(self, stems, index, vocabulary) -> tuple[int, float] | None:
        """(body sentence, containment) of an answer sentence's best match, if it repeats one."""
        if len(stems) < self.p["min_content_words"]:
            return None
        new = len(stems - vocabulary) / len(stems)
        if new > self.p["max_new"]:
            return None
        shared = Counter(i for stem in stems for i in index.get(stem, ()))
        if not shared:
            return None
        best, count = min(shared.items(), key=lambda kv: (-kv[1], kv[0]))
        score = count / len(stems)
        return (best, score) if score >= self.p["threshold"] else None

    @staticmethod
    def _answer_sentences(doc, items):
        """Sentences of the answers, clipped to the answer (without an "A:" marker), in text
        order. Answers follow each other without overlapping, so each sentence finds the
        answers it overlaps by bisection: sentences + answers, not their product."""
        from ..document import Span

        answers = [item.answer for item in items]
        ends = [a.end for a in answers]
        ordered = all(a.end <= b.start for a, b in zip(answers, answers[1:]))
        for sentence in doc.sentences:
            first = bisect.bisect_right(ends, sentence.start) if ordered else 0
            for k in range(first, len(answers)):  # by index: a slice per sentence was quadratic
                answer = answers[k]
                if ordered and answer.start >= sentence.end:
                    break
                if sentence.start < answer.end and answer.start < sentence.end:
                    yield Span(max(sentence.start, answer.start), min(sentence.end, answer.end))
