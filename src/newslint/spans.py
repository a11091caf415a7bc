"""Spans: the (start, end) character offsets every layer of a Document is made of.

``Span``, ``Block`` (a paragraph or heading) and ``Section`` (a heading and the blocks under
it) are shared by the structure, links, quotes and FAQ layers; so are the word pattern and
``_any_between``, the sorted-offsets lookup behind ``attribution_in``, ``link_in`` and the like.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from .lazyre import lazy_compile


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
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


_WORD = lazy_compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")

# ``_WORD``'s matches in a text are its runs of word characters, apostrophes and hyphens that
# hold a letter or digit: counted by one ``str.translate`` (letters and digits kept, "_", "'"
# and "’" made "-", anything else a space), dropping the hyphens and splitting, through a table
# made by ``_WORD``'s own classes for texts below U+3000 (so the two agree by construction); the
# regular expression counts a text with a character beyond.
_COUNT_END = 0x3000
_BEYOND_COUNT = lazy_compile(f"[^\\x00-{chr(_COUNT_END - 1)}]")


def make_count_table() -> str:
    joined = re.sub(r"[^\w'’\-]", " ", "".join(map(chr, range(_COUNT_END))))  # neither letter nor joiner
    return joined.translate({ord("_"): "-", ord("'"): "-", ord("’"): "-"})  # joiners; letters stay


@lru_cache(maxsize=1)
def _count_table() -> str:
    from .snapshot import table

    return table("COUNT") or make_count_table()  # made ahead of time for this Python's Unicode data


@lru_cache(maxsize=1)
def _ascii_count_table() -> bytes:
    """The count table's first 128 entries as a ``bytes.translate`` table: a table lookup per
    byte for ASCII text, several times faster than ``str.translate``."""
    return bytes.maketrans(bytes(range(128)), _count_table()[:128].encode("ascii"))


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """How many words (``_WORD`` matches) text[start:end] holds."""
    part = text[start:end]
    if part.isascii():
        return len(part.encode("ascii").translate(_ascii_count_table()).replace(b"-", b"").split())
    if _BEYOND_COUNT.search(part):
        return len(_WORD.findall(part))
    return len(part.translate(_count_table()).replace("-", "").split())


def _any_between(offsets: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


class Spans:
    """Spans collected as two machine-integer arrays (``+=`` an iterable of (start, end), or
    ``add``): 10 MiB of inline code or of HTML tags is millions of masked spans, and a tuple
    each cost over 100 bytes."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")

    def add(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def __iadd__(self, spans):
        if isinstance(spans, Spans):
            self.starts.extend(spans.starts)
            self.ends.extend(spans.ends)
            return self
        for start, end in spans:
            self.starts.append(start)
            self.ends.append(end)
        return self

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self):
        return zip(self.starts, self.ends)
