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
    # spaCy refuses texts over 1,000,000 characters because its parser needs ~1 GB per 100k;
    # the rule-based sentencizer does not, and reading.MAX_BYTES already bounds the input.
    nlp.max_length = 1 << 30
    return nlp


def split_sentences(text: str, blocks: "list[Block]") -> "list[Span]":
    """Sentence spans of each block, as offsets into ``text``; a sentence never crosses blocks."""
    from .document import Span

    nlp = blank_english()
    spans: list[Span] = []
    pieces = (text[b.start : b.end] for b in blocks)
    for block, doc in zip(blocks, nlp.pipe(pieces, batch_size=64)):
        bounds = [[block.start + s.start_char, block.start + s.end_char] for s in doc.sents]
        for i in range(len(bounds) - 1):
            # the sentencizer leaves an opening quotation mark at the end of the sentence
            # before ('April. “Fuel ...'): give it to the sentence it opens
            tail = text[bounds[i][0] : bounds[i][1]].rstrip()
            if len(tail) >= 2 and tail[-2].isspace() and tail[-1] in _OPENING_MARKS:
                cut = bounds[i][0] + len(tail) - 1
                bounds[i][1], bounds[i + 1][0] = cut, cut
        for start, end in bounds:
            # trim whitespace spaCy keeps at the edges of a sentence
            chunk = text[start:end]
            start, end = start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())
            if end > start:
                spans.append(Span(start, end))
    return spans


_OPENING_MARKS = {"“", '"', "„", "«", "‘", "'"}
