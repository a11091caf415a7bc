"""Character offsets <-> protocol positions: the one place that counts code units.

newslint's spans are code point offsets into the text. The Language Server Protocol counts a
column in the code units of the encoding agreed at initialisation: UTF-16 unless the client
offers another (``general.positionEncodings``), so a character outside the Basic Multilingual
Plane (most emoji) is two units in UTF-16 and four in UTF-8. Lines end at ``\\n``, ``\\r\\n`` or
a lone ``\\r``, as in the protocol and in ``lines.LineIndex``.
"""

from __future__ import annotations

from ..lines import LineIndex


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)  # utf-16: a surrogate pair each


class PositionMap:
    """Positions in one text, in one encoding ("utf-16", "utf-8" or "utf-32")."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
        self.lines = LineIndex(text)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of a code point offset."""
        line, column = self.lines.position(offset)
        start = self.lines.starts[line - 1]
        return line - 1, _units(self.text[start : start + column - 1], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code point offset of a 0-based (line, character); past the end of a line is its end."""
        starts = self.lines.starts
        if line < 0:
            return 0
        if line >= len(starts):
            return len(self.text)
        text = self.lines.line_text(line + 1)
        if self.encoding == "utf-32" or text.isascii():
            return starts[line] + min(max(character, 0), len(text))
        count = 0
        for index, ch in enumerate(text):
            if count >= character:
                return starts[line] + index
            count += _units(ch, self.encoding)
        return starts[line] + len(text)

    def line_start(self, offset: int) -> int:
        """The offset of the start of the line holding an offset."""
        line, _ = self.lines.position(offset)
        return self.lines.starts[line - 1]

    def line_end(self, offset: int) -> int:
        """The offset just past the text of the line holding an offset (before its line break)."""
        line, _ = self.lines.position(offset)
        return self.lines.starts[line - 1] + len(self.lines.line_text(line))
