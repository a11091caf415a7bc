"""The FAQ layer of a Document: its questions-and-answers section, if it has one.

``Faq`` finds the section and its items (``FaqItem``: a question span and its answer span),
written with Q:/A: markers or as question headings under a "FAQ" heading; ``Document.faq_span``,
``faq_items`` and ``in_faq`` read it. The marker patterns also tell the structure layer that a
short "Q: ..." line is not a heading.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .lazyre import lazy_compile
from .spans import Block, Span

if TYPE_CHECKING:
    from .document import Document


def _markers(text: str, blocks: list[Block], pattern, tag: str) -> list[tuple[str, int, Block]]:
    """(tag, end, block) of the pattern's matches in each block, as a search block by block
    finds them, from one search over the stretch the blocks span (a search per block cost more
    than the finding). A match that runs over a block's edge (a marker ending one block, the
    blank line after it) would change what that search sees: then the blocks are searched one
    by one."""
    if not blocks:
        return []
    lo, hi = blocks[0].start, blocks[-1].end
    # a marker opens a line with its letter: when no line in the stretch does, there is none
    # (a search for a line break and the letter is fast; the pattern's "^" is tried at every offset)
    first, after_break = _LINE_LEADS[tag]
    if not ((lo == 0 or text[lo - 1] == "\n") and first.match(text, lo, hi)) and not after_break.search(text, max(lo - 1, 0), hi):
        return []
    starts = [b.start for b in blocks]
    found = []
    for m in pattern.finditer(text, lo, hi):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < blocks[i].end and m.end() <= blocks[i].end:
            found.append((tag, m.end(), blocks[i]))
            continue
        j = bisect.bisect_left(starts, m.end()) - 1  # the last block starting before the match ends
        if j >= 0 and blocks[j].end > m.start():  # across a block's edge
            return [(tag, m.end(), b) for b in blocks for m in pattern.finditer(text, b.start, b.end)]
    return found


@dataclass(frozen=True)
class FaqItem:
    question: Span
    answer: Span | None


_FAQ_HEADING = lazy_compile(
    r"^\W*(faqs?|frequently asked questions|questions and answers|q\s*&\s*a|your questions answered)\b",
    re.I,
)
_Q_MARK = lazy_compile(r"^[ \t]*(?:\*\*)?(Q|Question)\s*[:.)-](?:\*\*)?\s*", re.I | re.M)
_A_MARK = lazy_compile(r"^[ \t]*(?:\*\*)?(A|Answer)\s*[:.)-](?:\*\*)?\s*", re.I | re.M)
#: per marker: how a line holding one starts, at the stretch's start and after a line break
_LINE_LEADS = {
    "Q": (lazy_compile(r"[ \t]*(?:\*\*)?[Qq]"), lazy_compile(r"\n[ \t]*(?:\*\*)?[Qq]")),
    "A": (lazy_compile(r"[ \t]*(?:\*\*)?[Aa]"), lazy_compile(r"\n[ \t]*(?:\*\*)?[Aa]")),
}


class Faq:
    """The FAQ section of a document's blocks, found on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def items(self) -> list[FaqItem]:
        return self._faq[1]

    @cached_property
    def span(self) -> Span | None:
        return self._faq[0]

    def contains(self, offset: int) -> bool:
        faq = self.span
        return faq is not None and faq.start <= offset < faq.end

    @cached_property
    def _faq(self) -> tuple[Span | None, list[FaqItem]]:
        text = self.doc.text
        blocks = self.doc.blocks
        heading_at = next(
            (i for i, b in enumerate(blocks) if b.kind == "heading" and _FAQ_HEADING.match(text[b.start : b.end])),
            None,
        )
        # Q:/A: markers anywhere (inside or without a FAQ heading), one or more per block.
        items: list[FaqItem] = []
        first_q = last_a = None
        markers = _markers(text, blocks, _Q_MARK, "Q") + _markers(text, blocks, _A_MARK, "A")
        markers.sort(key=lambda m: m[1])
        for i, (tag, pos, block) in enumerate(markers):
            if tag != "Q":
                continue
            q_end = _line_end(text, pos, block.end)
            answer = None
            if i + 1 < len(markers) and markers[i + 1][0] == "A":
                a_pos, a_block = markers[i + 1][1], markers[i + 1][2]
                a_end = markers[i + 2][1] if i + 2 < len(markers) and markers[i + 2][2] is a_block else a_block.end
                a_end = _line_start_before(text, a_pos, a_end, a_block.end)
                answer = Span(a_pos, a_end)
                last_a = a_block
            if first_q is None:
                first_q = block
            items.append(FaqItem(Span(pos, q_end), answer))
        if items:
            start = blocks[heading_at].start if heading_at is not None else first_q.start
            end = (last_a or first_q).end
            return Span(start, max(end, items[-1].question.end)), items
        if heading_at is None:
            return None, []
        # Question-heading style: a question (a heading or short paragraph ending in "?"),
        # then answer paragraphs until the next question or a non-question heading.
        end = blocks[heading_at].end
        question = None
        answer_blocks: list[Block] = []
        for b in blocks[heading_at + 1 :]:
            body = text[b.start : b.end].rstrip(" *_#")
            if body.endswith("?") and "\n" not in body.strip():
                if question is not None:
                    items.append(FaqItem(question, _join(answer_blocks)))
                question, answer_blocks = Span(b.start, b.end), []
            elif b.kind == "heading":
                break
            elif question is not None:
                answer_blocks.append(b)
            else:
                break
            end = b.end
        if question is not None:
            items.append(FaqItem(question, _join(answer_blocks)))
        return Span(blocks[heading_at].start, end), items


def _line_end(text: str, pos: int, limit: int) -> int:
    end = text.find("\n", pos, limit)
    end = limit if end < 0 else end
    return len(text[pos:end].rstrip()) + pos


def _line_start_before(text: str, a_pos: int, next_marker: int, limit: int) -> int:
    if next_marker >= limit:
        return len(text[a_pos:limit].rstrip()) + a_pos
    cut = text.rfind("\n", a_pos, next_marker)
    cut = next_marker if cut < 0 else cut
    return len(text[a_pos:cut].rstrip()) + a_pos


def _join(blocks: list[Block]) -> Span | None:
    return Span(blocks[0].start, blocks[-1].end) if blocks else None
