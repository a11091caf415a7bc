"""HTML structure from a small linear-time tag scanner, as offsets into the original text.

Paragraph-like elements (p, h1-h6, li, blockquote, figcaption, dt, dd, td, th) give blocks;
script, style, code, pre and template content is never prose. Tags inside a block are masked,
so rules see the words but never the markup; attribute values such as href stay findable as
links.

The scanner reads tags as the standard library's ``html.parser`` does on real pages (names
lowercased, quoted attribute values may hold ">", script and style content is not markup, a
"/>" tag opens nothing), but in one pass: ``html.parser`` rescans the rest of the text for every
unclosed "<a " (quadratic: 60 KB took minutes) and raises on "<![ ". An unclosed tag, comment or
quotation here is text, and the scan goes on after its "<".
"""

from __future__ import annotations

import re
from array import array

from .lazyre import lazy_compile
from .spans import Spans
from .structure import _NextAt

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "dt", "dd", "td", "th", "title"}
_SKIP = {"script", "style", "code", "pre", "template", "noscript", "svg", "math"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track", "param"}
_CDATA = ("script", "style")  # content is text up to the closing tag, as in html.parser
_TAG_NAME = lazy_compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_ATTR_TEXT = lazy_compile(r"[^>\"']*")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        # the open blocks, as three parallel stacks (tag, content start, holds a nested block): a
        # list per entry cost a hundred bytes, and 10 MiB of "<p>a " never closes half a million
        self.stack: list[str] = []
        self.content_starts = array("q")
        self.nested = bytearray()
        self.open_count: dict[str, int] = {}  # tag -> entries of the stack with that tag
        self.skip_depth = 0
        self.blocks: list[tuple[int, int, str]] = []
        self.masked = Spans()
        self.title: tuple[int, int] | None = None

    def feed(self, text: str) -> None:
        """Scan the whole text once, calling the handlers below for tags and comments."""
        end = len(text)
        gt = _NextAt(text, ">", end)
        quote = {q: _NextAt(text, q, end) for q in "\"'"}
        comment_close = _NextAt(text, "-->", end)
        pos = 0
        while True:
            i = text.find("<", pos, end)
            if i < 0 or i + 1 >= end:
                return
            pos = i + 1
            nxt = text[i + 1]
            if text.startswith("<!--", i):
                close = comment_close.at_or_after(i + 4)
                if close >= 0:
                    self.handle_comment(i, close + 3)
                    pos = close + 3
            elif nxt in "!?":  # a declaration (<!DOCTYPE ...>), a marked section or <?...>: not text
                close = gt.at_or_after(i + 2)
                if close >= 0:
                    pos = close + 1
            elif nxt == "/":
                name = _TAG_NAME.match(text, i + 2)
                close = gt.at_or_after(i + 2)
                if close >= 0:
                    if name:
                        self.handle_endtag(name.group().lower(), i, close + 1)
                    pos = close + 1
            elif nxt.isascii() and nxt.isalpha():
                name = _TAG_NAME.match(text, i + 1)
                close = self._tag_end(name.end(), gt, quote)
                if close >= 0:
                    tag = name.group().lower()
                    pos = close + 1
                    if text[close - 1] == "/" and close - 1 >= name.end():
                        self.handle_startendtag(tag, i, close + 1)
                        continue
                    self.handle_starttag(tag, i, close + 1)
                    if tag in _CDATA:
                        m = re.compile(rf"</\s*{tag}\s*>", re.I).search(text, pos)
                        if m is None:
                            return  # the rest is script or style
                        self.handle_endtag(tag, m.start(), m.end())
                        pos = m.end()

    def _tag_end(self, pos: int, gt: _NextAt, quote: dict) -> int:
        """Offset of the ">" ending a start tag whose attributes begin at ``pos``, or -1. A value
        in quotation marks (after "=") may hold ">"; an unclosed one runs to the next ">"."""
        text = self.text
        if gt.at_or_after(pos) < 0:
            return -1
        while True:
            run = _ATTR_TEXT.match(text, pos)
            pos = run.end()
            if pos >= len(text):
                return -1
            ch = text[pos]
            if ch == ">":
                return pos
            if run.group().rstrip().endswith("="):
                close = quote[ch].at_or_after(pos + 1)
                if close < 0:
                    return gt.at_or_after(pos + 1)
                pos = close + 1
            else:
                pos += 1

    def close(self) -> None:
        pass

    def handle_starttag(self, tag, start, end):
        self.masked.add(start, end)
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCKS and not self.skip_depth:
            # the block below holds a nested block (marking only the top is enough: every
            # entry lower down was marked when the one above it was opened)
            if self.stack:
                self.nested[-1] = 1
            self.stack.append(tag)
            self.content_starts.append(end)
            self.nested.append(0)
            self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def handle_startendtag(self, tag, start, end):
        self.masked.add(start, end)

    def handle_endtag(self, tag, start, end):
        self.masked.add(start, end)
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if not self.open_count.get(tag):
            return  # not open: nothing to close (never a scan of the whole stack)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i] == tag:
                name, content_start, nested = tag, self.content_starts[i], self.nested[i]
                for entry in self.stack[i:]:  # each entry is closed once: linear overall
                    self.open_count[entry] -= 1
                del self.stack[i:], self.content_starts[i:], self.nested[i:]
                if not nested:
                    kind = "heading" if name[0] == "h" and name[1:].isdigit() else "paragraph"
                    if name == "title":
                        self.title = (content_start, start)
                    else:
                        self.blocks.append((content_start, start, kind))
                break

    def handle_comment(self, start, end):
        self.masked.add(start, end)


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
