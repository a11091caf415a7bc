"""Map character offsets to 1-based line and column numbers."""

from __future__ import annotations

import bisect
import itertools
from array import array

from .lazyre import lazy_compile

# A line ends at \r\n, a lone \r or \n (the three conventions a file may use).
_LINE_BREAK = lazy_compile(r"\r\n|\r|\n")
# git's line model: only "\n" ends a line (a lone "\r", "\x0c" or U+2028 does not), as in diffs
_GIT_LINE_BREAK = lazy_compile(r"\n")


class LineIndex:
    """Line starts of a text, for offset -> (line, column) lookups."""

    def __init__(self, text: str, git: bool = False) -> None:
        """``git=True``: lines as git counts them (for matching findings to diff hunks)."""
        self.text = text
        # machine integers: a million blank lines were a million int objects (36 MB)
        breaks = (_GIT_LINE_BREAK if git else _LINE_BREAK).finditer(text)
        self.starts = array("q", itertools.chain((0,), (m.end() for m in breaks)))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end) offsets of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        if line < len(self.starts):
            end = self.starts[line]
            end -= 2 if self.text.startswith("\r\n", end - 2) and end - 2 >= start else 1
        else:
            end = len(self.text)
        return start, end

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
