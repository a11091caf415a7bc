"""HTML structure from the standard library's HTML parser, as offsets into the original text.

Paragraph-like elements (p, h1-h6, li, blockquote, figcaption, dt, dd, td, th) give blocks;
script, style, code, pre and template content is never prose. Tags inside a block are masked,
so rules see the words but never the markup; attribute values such as href stay findable as
links.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .lines import LineIndex

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "dt", "dd", "td", "th", "title"}
_SKIP = {"script", "style", "code", "pre", "template", "noscript", "svg", "math"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track", "param"}


class _Parser(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = LineIndex(text)
        self.stack: list[list] = []  # [tag, content_start, has_nested_block]
        self.skip_depth = 0
        self.blocks: list[tuple[int, int, str]] = []
        self.masked: list[tuple[int, int]] = []
        self.title: tuple[int, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines.starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        self.masked.append((start, end))
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCKS and not self.skip_depth:
            for entry in self.stack:
                entry[2] = True
            self.stack.append([tag, end, False])

    def handle_startendtag(self, tag, attrs):
        start = self._offset()
        self.masked.append((start, start + len(self.get_starttag_text() or "")))

    def handle_endtag(self, tag):
        start = self._offset()
        self.masked.append((start, start + len(f"</{tag}>")))
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                name, content_start, nested = self.stack[i]
                del self.stack[i:]
                if not nested:
                    kind = "heading" if name[0] == "h" and name[1:].isdigit() else "paragraph"
                    if name == "title":
                        self.title = (content_start, start)
                    else:
                        self.blocks.append((content_start, start, kind))
                break

    def handle_comment(self, data):
        start = self._offset()
        self.masked.append((start, start + len(data) + 7))


def html_blocks(text: str):
    """(blocks, masked spans, title span) of an HTML document."""
    parser = _Parser(text)
    parser.feed(text)
    parser.close()
    blocks = []
    for start, end, kind in sorted(parser.blocks):
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        stop = start + len(chunk.rstrip())
        if stop > start + lead:
            blocks.append((start + lead, stop, kind))
    return blocks, parser.masked, parser.title
