"""spaCy, loaded on first use only: importing it costs most of a second.

newslint needs no model download: sentences come from a blank English pipeline with spaCy's
rule-based sentencizer, which ships inside spaCy itself.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Block, Span


@lru_cache(maxsize=1)
def blank_english():
    from spacy.lang.en import English

    nlp = English()
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str, blocks: "list[Block]") -> "list[Span]":
    """Sentence spans of each block, as offsets into ``text``; a sentence never crosses blocks."""
    from .document import Span

    nlp = blank_english()
    spans: list[Span] = []
    pieces = (text[b.start : b.end] for b in blocks)
    for block, doc in zip(blocks, nlp.pipe(pieces, batch_size=64)):
        for sent in doc.sents:
            # trim whitespace spaCy keeps at the edges of a sentence
            chunk = sent.text
            lead = len(chunk) - len(chunk.lstrip())
            start = block.start + sent.start_char + lead
            end = block.start + sent.start_char + len(chunk.rstrip())
            if end > start:
                spans.append(Span(start, end))
    return spans
