"""Spans: the (start, end) character offsets every layer of a Document is made of.

``Span``, ``Block`` (a paragraph or heading) and ``Section`` (a heading and the blocks under
it) are shared by the structure, links, quotes and FAQ layers; so are the word pattern and
``_any_between``, the sorted-offsets lookup behind ``attribution_in``, ``link_in`` and the like.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Block(Span):
    """A paragraph or heading: a run of non-blank lines."""

    kind: str  # "heading" or "paragraph"


@dataclass
class Section:
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def span(self) -> Span:
        first = self.heading or self.blocks[0]
        last = self.blocks[-1] if self.blocks else first
        return Span(first.start, last.end)


_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")


def _any_between(offsets: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end
