"""The structure layer of a Document: front matter, blocks and the parts they make up.

``Structure`` parses the front matter (YAML between "---" lines) and splits the body into
blocks (headings and paragraphs): plain text by blank lines, Markdown with markdown.py, HTML
with html.py. Template and shortcode syntax, inline code, link targets and HTML tags are
masked (``is_masked``), so rules see the words but never the markup. On first use it also
finds the headline, the sources section and the prose and body blocks; ``block_at`` and
``block_index`` find the block of an offset. ``markup_for`` tells how a file is parsed.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import TYPE_CHECKING

import yaml

from . import safeyaml
from .errors import InputError
from .faq import _A_MARK, _FAQ_HEADING, _Q_MARK
from .spans import Block, Section, Span

if TYPE_CHECKING:
    from .document import Document

_BREAK = r"(?:\r\n|\r(?!\n)|\n)"  # one line break, whichever convention
_BLANK_LINES = re.compile(rf"{_BREAK}[ \t]*{_BREAK}(?:[ \t]*{_BREAK})*")
_FRONT_MATTER = re.compile(rf"\A---[ \t]*{_BREAK}(.*?){_BREAK}---[ \t]*(?:{_BREAK}|\Z)", re.S)
_SOURCES_HEADING = re.compile(
    r"^\W*(sources?|references|citations|further reading|bibliography|links|notes and sources)\W*$", re.I
)
_LIST_ITEM = re.compile(r"^(?:[-*+•–—]|\d+[.)])\s")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
# Inline Markdown that is not prose: code spans, link destinations, autolinks, HTML tags.
# Every part is linear: no scan crosses the "<" or "](" where the next attempt starts, a template
# inside a tag is taken whole or not at all (one way to read "{{}}", never exponential), and a
# comment ("<!--" token) is closed by a plain search that stops trying once no "-->" is left.
_MD_INLINE_MASK = re.compile(
    r"(`+)[^`]+?\1|\]\(([^)\n\]]*)\)|<[a-z][a-z0-9+.-]*:[^<>\s]*>"
    r"|</?[a-z](?:[^<>\n{]|(?>\{\{.{0,400}?\}\})|\{(?!\{)|\{\{(?!.{0,400}?\}\}))*>|(<!--)",
    re.I | re.S,
)
# Template and shortcode syntax (Hugo shortcodes, Liquid/Jekyll/Eleventy, Jinja/Nunjucks tags,
# output and comments) is not prose. Bounded, so an unclosed tag costs a bounded scan.
_TEMPLATE = re.compile(r"\{\{[<%].{0,4000}?[>%]\}\}|\{%.{0,4000}?%\}|\{\{.{0,4000}?\}\}|\{#.{0,4000}?#\}", re.S)
_ONLY_DIRECTIVES = re.compile(r"(?:\s*<!--(?:(?!-->).)*-->)+", re.S)  # comment lines (suppressions) are not prose
_LEADING_COMMENTS = re.compile(r"(?:[ \t]*<!--(?:(?!-->).)*-->[ \t]*(?:\r\n|\r|\n))+", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


class _NextAt:
    """The next offset of a string at or after a point, for points that only grow: each search
    starts where the last one left off, so all lookups together scan the text once."""

    def __init__(self, text: str, needle: str, end: int) -> None:
        self.text, self.needle, self.end = text, needle, end
        self.found = -2  # not searched yet

    def at_or_after(self, point: int) -> int:
        if self.found == -1 or self.found >= point:
            return self.found
        self.found = self.text.find(self.needle, point, self.end)
        return self.found


def template_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of template tags in text[start:end]: the matches of ``_TEMPLATE``, found in linear
    time (each "{{" with no closer used to cost a 4,000-character scan)."""
    limit = 4000
    closers = {c: _NextAt(text, c, end) for c in (">}}", "%}}", "%}", "}}", "#}")}
    spans = []
    pos = start
    while True:
        i = text.find("{", pos, end)
        if i < 0 or i + 1 >= end:
            return spans
        second = text[i + 1]
        close = -1
        if second == "{":
            if i + 2 < end and text[i + 2] in "<%":  # {{< shortcode >}}, {{% shortcode %}}
                ends = [j for j in (closers[">}}"].at_or_after(i + 3), closers["%}}"].at_or_after(i + 3))
                        if 0 <= j <= i + 3 + limit]
                if ends:
                    close = min(ends) + 3
            if close < 0:
                j = closers["}}"].at_or_after(i + 2)
                close = j + 2 if 0 <= j <= i + 2 + limit else -1
        elif second in "%#":
            j = closers[second + "}"].at_or_after(i + 2)
            close = j + 2 if 0 <= j <= i + 2 + limit else -1
        if close < 0:
            pos = i + 1
        else:
            spans.append((i, close))
            pos = close


def comments(text: str, start: int, end: int):
    """Spans of the HTML comments in text[start:end], in linear time: the search ends at the last
    "-->", so an unclosed "<!--" never rescans the rest of the text."""
    stop = text.rfind("-->", start, end)
    return [m.span() for m in _COMMENT.finditer(text, start, stop + 3)] if stop >= 0 else []


def inline_mask(text: str, start: int, end: int):
    """Spans of inline Markdown that is not prose in text[start:end] (``_MD_INLINE_MASK``)."""
    pos = start
    no_close = False  # no "-->" is left after pos
    while True:
        m = _MD_INLINE_MASK.search(text, pos, end)
        if m is None:
            return
        if m.group(3) is None:
            yield m.span(2) if m.group(2) is not None else m.span()
            pos = m.end()
            continue
        close = -1 if no_close else text.find("-->", m.end(), end)
        if close < 0:  # an unclosed comment: not markup; go on after its "<"
            no_close = True
            pos = m.start() + 1
        else:
            yield m.start(), close + 3
            pos = close + 3


def markup_for(path: str) -> str:
    """How a file is parsed, from its name: "markdown", "html" or "text"."""
    lower = path.lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return "text"


class Structure:
    """Front matter and blocks, parsed when the document is made; the rest on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.front_matter: dict = {}
        self.body_start = 0
        self._parse_front_matter()
        self._masked: list[tuple[int, int]] = []
        self._title: Span | None = None
        if doc.markup == "markdown":
            self.blocks: list[Block] = list(self._markdown_blocks())
        elif doc.markup == "html":
            self.blocks = self._html_blocks()
        else:
            self.blocks = list(self._split_blocks())

    def _parse_front_matter(self) -> None:
        match = _FRONT_MATTER.match(self.text)
        if not match:
            return
        try:  # libyaml where available; aliases, size and nesting bounded (safeyaml.py)
            data = safeyaml.load(match.group(1))
        except safeyaml.LimitError as exc:  # an alias bomb is not front matter to skip quietly
            line = self.text.count("\n", 0, match.start(1)) + exc.problem_mark.line + 1
            raise InputError(self.doc.path, f"front matter refused (line {line}): {exc.problem}") from None
        except (yaml.YAMLError, ValueError, TypeError, RecursionError):  # e.g. "date: 2020-02-30"
            data = None
        self.body_start = match.end()  # never prose, even when it is not a YAML mapping
        if isinstance(data, dict):
            self.front_matter = data

    def _markdown_blocks(self):
        """Headings and paragraphs (also inside lists and block quotes) from markdown-it-py.

        Code blocks, HTML blocks and tables are not prose and give no blocks. Inside a block,
        inline code, link destinations, autolinks and HTML tags are masked: rules skip them.
        """
        from .markdown import markdown_blocks

        text = self.text
        templates = "{{" in text or "{%" in text
        for start, end, kind in markdown_blocks(text, self.body_start):
            tags = template_spans(text, start, end) if templates else []
            if tags and not _prose_left(text, start, end, tags):
                continue  # a block of template tags only, such as an image shortcode
            if kind == "paragraph" and _looks_like_heading(text[start:end].strip("*_ ")):
                kind = "heading"  # a short line standing alone, such as "FAQ" or "**Sources**"
            yield Block(start, end, "paragraph" if kind == "item" else kind)
            self._masked += tags
            self._masked += inline_mask(text, start, end)

    def _html_blocks(self) -> list[Block]:
        from .html import html_blocks

        blocks, masked, title = html_blocks(self.text)
        self._masked += masked
        if title:
            self._title = Span(*title)
        return [Block(start, end, kind) for start, end, kind in blocks]

    def _split_blocks(self):
        text = self.text
        pos = self.body_start
        for match in [*_BLANK_LINES.finditer(text, pos), None]:
            end = match.start() if match else len(text)
            chunk = text[pos:end]
            stripped = chunk.strip()
            if stripped and not _ONLY_DIRECTIVES.fullmatch(stripped):
                start = pos + (len(chunk) - len(chunk.lstrip()))
                stop = start + len(stripped)
                lead = _LEADING_COMMENTS.match(text, start, stop)
                if lead:  # comment lines (e.g. suppressions) right above a paragraph
                    start = lead.end()
                self._masked += comments(text, start, stop)
                stripped = text[start:stop]
                yield Block(start, stop, "heading" if _looks_like_heading(stripped) else "paragraph")
            if match:
                pos = match.end()

    @cached_property
    def _mask(self) -> tuple[list[int], list[int]]:
        spans = sorted(self._masked + [(link.start, link.end) for link in self.doc.links])
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [m[0] for m in merged], [m[1] for m in merged]

    def is_masked(self, start: int, end: int) -> bool:
        """Does text[start:end] overlap markup that is not prose (code, URLs, HTML tags)?"""
        starts, ends = self._mask
        i = bisect.bisect_left(ends, start + 1)
        return i < len(starts) and starts[i] < end

    @cached_property
    def headline(self) -> Span | None:
        """The first block when it is a heading, else the front matter's title value."""
        text = self.text
        if self.blocks:
            first = self.blocks[0]
            if first.kind == "heading" and not _FAQ_HEADING.match(text[first.start : first.end]):
                return first
        if self._title is not None:
            return self._title
        title = self.front_matter.get("title")
        if isinstance(title, str) and title.strip():
            match = re.search(r"^title:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", text[: self.body_start], re.M)
            if match and match.group(1):
                return Span(*match.span(1))
        return None

    @cached_property
    def sources_section(self) -> Section | None:
        text = self.text
        section = None
        for b in self.blocks:
            heading_text = text[b.start : b.end]
            first_line = heading_text.split("\n", 1)[0]
            if section is None:
                if b.kind == "heading" and _SOURCES_HEADING.match(first_line.lstrip("#").strip()):
                    section = Section(b)
                elif _SOURCES_HEADING.match(first_line.split(":", 1)[0] + ":") and ":" in first_line:
                    # "Sources: https://..." on one block, heading and entries together
                    section = Section(None, [b])
            elif b.kind == "heading":
                break
            else:
                section.blocks.append(b)
        return section

    def in_sources(self, offset: int) -> bool:
        section = self.sources_section
        if section is None:
            return False
        span = section.span
        return span.start <= offset < span.end

    @cached_property
    def prose_blocks(self) -> list[Block]:
        """Blocks written as prose (not the sources list)."""
        return [b for b in self.blocks if not self.in_sources(b.start)]

    @cached_property
    def body_blocks(self) -> list[Block]:
        """Paragraphs of the story itself: prose outside the headline, FAQ and sources."""
        in_faq = self.doc.in_faq
        return [b for b in self.prose_blocks if b.kind == "paragraph" and not in_faq(b.start)]

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def block_index(self, block: Block) -> int:
        return bisect.bisect_left(self._block_starts, block.start)

    def prose_block_at(self, offset: int) -> Block | None:
        """The prose block (not the sources list) containing an offset."""
        block = self.block_at(offset)
        return None if block is None or self.in_sources(block.start) else block


def _prose_left(text: str, start: int, end: int, tags: list[tuple[int, int]]) -> bool:
    """Does text[start:end] hold any letter outside the given template tags?"""
    pos = start
    for s, e in tags:
        if any(ch.isalnum() for ch in text[pos:s]):
            return True
        pos = e
    return any(ch.isalnum() for ch in text[pos:end])


def _looks_like_heading(block: str) -> bool:
    if not block or "\n" in block.strip():  # empty: a paragraph of markup only, such as "_"
        return False
    if block.startswith("#"):
        return True
    if _LIST_ITEM.match(block):
        return False
    words = len(block.split())
    if block.endswith(":") and words <= 6:
        return True
    return words <= 14 and block[-1] not in ".!,;:\"'”’)" and not _Q_MARK.match(block) and not _A_MARK.match(block)
