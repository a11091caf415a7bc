"""The structure layer of a Document: front matter, blocks and the parts they make up.

``Structure`` parses the front matter (frontmatter.py: YAML, TOML or JSON) and splits the body
into blocks (headings and paragraphs): plain text by blank lines (or by line, for one paragraph
per line), Markdown with markdown.py, HTML with html.py. The front matter's title (a heading)
and summary (kind "summary") are blocks too, at their place in the front matter. Template and
shortcode syntax, inline code, link targets and HTML tags are masked (``is_masked``), so rules see the words but never the markup. On first use it also
finds the headline, the sources section and the prose and body blocks; ``block_at`` and
``block_index`` find the block of an offset. ``markup_for`` tells how a file is parsed.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from array import array
from functools import cached_property
from typing import TYPE_CHECKING

from .faq import _A_MARK, _FAQ_HEADING, _Q_MARK
from .lazyre import lazy_compile
from .spans import Block, Section, Span, Spans

if TYPE_CHECKING:
    from .document import Document

_BREAK = r"(?:\r\n|\r(?!\n)|\n)"  # one line break, whichever convention
# (the run of blank lines never given back: the engine kept a backtracking state per line, 220 MB
# for a million blank lines)
_BLANK_LINES = lazy_compile(rf"{_BREAK}[ \t]*{_BREAK}(?:[ \t]*{_BREAK})*+")
_SOURCES_HEADING = lazy_compile(
    r"^\W*(sources?|references|citations|further reading|bibliography|links|notes and sources)\W*$", re.I
)
_LIST_ITEM = lazy_compile(r"^(?:[-*+•–—]|\d+[.)])\s")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
HTML_SUFFIXES = (".html", ".htm")
# Inline Markdown that is not prose: code spans, link destinations, autolinks, HTML tags.
# Every part is linear: no scan crosses the "<" or "](" where the next attempt starts, a template
# inside a tag is taken whole or not at all (one way to read "{{}}", never exponential), and a
# comment ("<!--" token) is closed by a plain search that stops trying once no "-->" is left.
_MD_INLINE_MASK = lazy_compile(
    r"(`+)[^`]+?\1|\]\(([^)\n\]]*)\)|<[a-z][a-z0-9+.-]*:[^<>\s]*>"
    r"|</?[a-z](?:[^<>\n{]|(?>\{\{.{0,400}?\}\})|\{(?!\{)|\{\{(?!.{0,400}?\}\}))*>|(<!--)",
    re.I | re.S,
)
# Template and shortcode syntax (Hugo shortcodes, Liquid/Jekyll/Eleventy, Jinja/Nunjucks tags,
# output and comments) is not prose. Bounded, so an unclosed tag costs a bounded scan.
_TEMPLATE = lazy_compile(r"\{\{[<%].{0,4000}?[>%]\}\}|\{%.{0,4000}?%\}|\{\{.{0,4000}?\}\}|\{#.{0,4000}?#\}", re.S)
# A Liquid/Nunjucks {% raw %} (or Twig/Nunjucks {% verbatim %}) region shows template code as it is:
# not prose, whatever it holds.
_RAW = lazy_compile(r"\{%-?\s*(raw|verbatim)\s*-?%\}.{0,100000}?\{%-?\s*end\1\s*-?%\}", re.S)
# MDX (.mdx): ES module lines, JSX components (capitalised tags, over several lines too) and
# {expressions} are code; the text between a component's tags is prose.
_MDX = lazy_compile(
    r"^(?:import|export)\s[^\n]*(?:\n[ \t]+[^\n]*)*"
    r"|</?[A-Z][\w.]*(?:\s(?:[^<>{}]|\{[^{}\n]{0,400}\}){0,4000}?)?/?>"
    r"|\{[^{}\n]{0,400}\}",
    re.M,
)
_CODE_SPAN = lazy_compile(r"(`+)[^`]+?\1")
# comment lines (suppressions) are not prose; the repetitions never give back (see _BLANK_LINES)
_ONLY_DIRECTIVES = lazy_compile(r"(?:\s*<!--(?:(?!-->).)*+-->)++", re.S)
_LEADING_COMMENTS = lazy_compile(r"(?:[ \t]*<!--(?:(?!-->).)*+-->[ \t]*(?:\r\n|\r|\n))++", re.S)
_COMMENT = lazy_compile(r"<!--.*?-->", re.S)


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


_CODE_OPEN = lazy_compile(r"<(pre|code)(?=[\s>/])[^<>]*>", re.I)
_CODE_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("pre", "code")}


def code_element_spans(text: str, start: int, code: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of the HTML ``<pre>`` and ``<code>`` elements in text[start:], from the opening tag
    to the end of its closing tag: what they hold is code being shown. An element with no
    closing tag is text, and so is a tag inside the (sorted) ``code`` spans: "`<pre>`" in
    Markdown names the element, it opens none. Each closing tag is found once (a list of them,
    bisected), so thousands of unclosed ``<pre>`` cost linear time."""
    closers = {name: [m.span() for m in close.finditer(text, start)] for name, close in _CODE_CLOSE.items()}
    code_starts = [s for s, _ in code]
    spans, pos = [], start
    for m in _CODE_OPEN.finditer(text, start):
        k = bisect.bisect_right(code_starts, m.start()) - 1
        if m.start() < pos or (k >= 0 and m.start() < code[k][1]):
            continue  # inside the element before, or inside code
        ends = closers[m.group(1).lower()]
        i = bisect.bisect_left(ends, (m.end(), -1))
        if i < len(ends):
            spans.append((m.start(), ends[i][1]))
            pos = ends[i][1]
    return spans


def template_spans(text: str, start: int, end: int) -> Spans:
    """Spans of template tags in text[start:end]: the matches of ``_TEMPLATE``, found in linear
    time (each "{{" with no closer used to cost a 4,000-character scan), as machine integers
    (2.6 MB of "{{}}" is 650,000 tags)."""
    limit = 4000
    closers = {c: _NextAt(text, c, end) for c in (">}}", "%}}", "%}", "}}", "#}")}
    spans = Spans()
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
            spans.add(i, close)
            pos = close


def comments(text: str, start: int, end: int):
    """Spans of the HTML comments in text[start:end], in linear time: the search ends at the last
    "-->", so an unclosed "<!--" never rescans the rest of the text."""
    stop = text.rfind("-->", start, end)
    return [m.span() for m in _COMMENT.finditer(text, start, stop + 3)] if stop >= 0 else []


def inline_mask(text: str, start: int, end: int):
    """Spans of inline Markdown that is not prose in text[start:end] (``_MD_INLINE_MASK``)."""
    if text.find("`", start, end) < 0 and text.find("<", start, end) < 0 and text.find("](", start, end) < 0:
        return  # every form starts with one of these: most paragraphs need no search
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
        self.front_matter_format: str | None = None
        self._fields: dict[str, tuple[int, int]] = {}
        self._parse_front_matter()
        self._masked = Spans()
        self._title: Span | None = None
        #: start offsets of the blocks that are list items ("- ...", "1. ...")
        self.list_items: set[int] = set()
        #: Markdown's code blocks and block quotes ("> ...", callouts such as "> **Note:**" left
        #: out), read from the parse that gives the blocks
        self._markdown_code: list[tuple[int, int]] = []
        self.block_quotes: list[tuple[int, int]] = []
        if doc.markup == "markdown":
            body: list[Block] = self._markdown_blocks()
        elif doc.markup == "html":
            body = self._html_blocks()
        else:
            body = list(self._split_blocks())
        self.blocks: list[Block] = self._front_matter_blocks() + body

    def _parse_front_matter(self) -> None:
        from .frontmatter import parse

        fm = parse(self.text, self.doc.path)
        self.body_start = fm.end  # never prose, even when it does not parse
        self.front_matter = fm.data
        self.front_matter_format = fm.form
        self._fields = fm.fields

    def _front_matter_blocks(self) -> list[Block]:
        """The front matter's title (a heading) and its description, summary or excerpt (kind
        "summary"): text the reader sees, checked as prose where it is written."""
        from .frontmatter import TITLE_KEYS

        blocks = [Block(start, end, "heading" if key in TITLE_KEYS else "summary")
                  for key, (start, end) in self._fields.items()]
        return sorted(blocks, key=lambda b: b.start)

    def _markdown_blocks(self) -> list[Block]:
        """Headings and paragraphs (also inside lists and block quotes) from markdown-it-py.

        Code blocks, HTML blocks and tables are not prose and give no blocks. Inside a block,
        inline code, link destinations, autolinks and HTML tags are masked: rules skip them.
        """
        from .markdown import markdown_block_quotes, markdown_blocks, markdown_code_blocks, parse

        text = self.text
        templates = "{{" in text or "{%" in text
        raw = [m.span() for m in _RAW.finditer(text, self.body_start)] if "{%" in text else []
        self._masked += raw
        parsed = text
        if self.doc.path.lower().endswith(".mdx"):
            # MDX code is blanked (same length, line breaks kept) before markdown-it reads the
            # body, so that a component's lines do not swallow the prose between its tags
            code = [m.span() for m in _MDX.finditer(text, self.body_start)]
            self._masked += code
            parsed = _blank(text, code)
        tokens = parse(parsed, self.body_start)
        blocks = []
        for start, end, kind in markdown_blocks(parsed, self.body_start, tokens):
            if any(s <= start and end <= e for s, e in raw):
                continue  # template code shown as it is
            tags = template_spans(text, start, end) if templates else []
            if tags and not _prose_left(text, start, end, tags):
                continue  # a block of template tags only, such as an image shortcode
            if kind == "paragraph" and _looks_like_heading(text[start:end].strip("*_ ")):
                kind = "heading"  # a short line standing alone, such as "FAQ" or "**Sources**"
            if kind == "item":
                self.list_items.add(start)
            blocks.append(Block(start, end, "paragraph" if kind == "item" else kind))
            self._masked += tags
            self._masked += inline_mask(text, start, end)
        if parsed is not text:  # code blocks and block quotes as the file writes them
            tokens = parse(text, self.body_start)
        self._markdown_code = markdown_code_blocks(text, self.body_start, tokens)
        self.block_quotes = markdown_block_quotes(text, self.body_start, tokens)
        return blocks

    def _html_blocks(self) -> list[Block]:
        from .html import html_blocks

        text = self.text
        blocks, masked, title = html_blocks(text)
        self._masked += masked
        found = [Block(start, end, kind) for start, end, kind in blocks]
        if "{{" in text or "{%" in text:  # a Jekyll or Hugo layout-style page: template tags are markup
            raw = [m.span() for m in _RAW.finditer(text)]
            kept = []
            for b in found:
                tags = template_spans(text, b.start, b.end)
                if any(s <= b.start and b.end <= e for s, e in raw) or (tags and not _prose_left(text, b.start, b.end, tags)):
                    continue
                self._masked += tags
                kept.append(b)
            self._masked += raw
            found = kept
        if title and "title" not in self._fields:
            start, end = title
            chunk = self.text[start:end]
            start, end = start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())
            title = (start, end) if end > start else None
        if title and "title" not in self._fields:
            self._title = Span(*title)  # the headline, checked as prose like a heading
            found = sorted([Block(title[0], title[1], "heading"), *found], key=lambda b: b.start)
        return found

    def _split_blocks(self):
        text = self.text
        pos = self.body_start
        chunks = []
        for match in [*_BLANK_LINES.finditer(text, pos), None]:
            end = match.start() if match else len(text)
            chunk = text[pos:end]
            stripped = chunk.strip()
            if stripped and not _ONLY_DIRECTIVES.fullmatch(stripped):
                start = pos + (len(chunk) - len(chunk.lstrip()))
                chunks.append((start, start + len(stripped)))
            if match:
                pos = match.end()
        if len(chunks) == 1 and _one_paragraph_per_line(text[chunks[0][0] : chunks[0][1]]):
            # no blank line anywhere, and the lines end as paragraphs do (an export, a wire feed)
            start, stop = chunks[0]
            chunks = [(m.start() + start, m.end() + start) for m in _LINE_TEXT.finditer(text[start:stop])]
        for start, stop in chunks:
            lead = _LEADING_COMMENTS.match(text, start, stop)
            if lead:  # comment lines (e.g. suppressions) right above a paragraph
                start = lead.end()
            if _ONLY_DIRECTIVES.fullmatch(text, start, stop):
                continue
            self._masked += comments(text, start, stop)
            yield Block(start, stop, "heading" if _looks_like_heading(text[start:stop]) else "paragraph")

    @cached_property
    def _mask(self) -> tuple[array, array]:
        """The masked spans and the links, merged where they overlap or touch: (starts, ends)."""
        spans = self._masked
        links = sorted((link.start, link.end) for link in self.doc.links)
        found = zip(spans.starts, spans.ends)
        if not all(a <= b for a, b in zip(spans.starts, itertools.islice(spans.starts, 1, None))):
            found = sorted(found)  # (found in several passes: rare)
        starts, ends = array("q"), array("q")
        for start, end in heapq.merge(found, links):
            if starts and start <= ends[-1]:
                if end > ends[-1]:
                    ends[-1] = end
            else:
                starts.append(start)
                ends.append(end)
        self._masked = Spans()  # merged: not needed again
        return starts, ends

    def is_masked(self, start: int, end: int) -> bool:
        """Does text[start:end] overlap markup that is not prose (code, URLs, HTML tags)?"""
        starts, ends = self._mask
        i = bisect.bisect_left(ends, start + 1)
        return i < len(starts) and starts[i] < end

    def unmasked_text(self, start: int, end: int) -> str:
        """text[start:end] with each stretch of masked markup (code, URLs, HTML tags) as a space:
        the gaps between the masks are cut out by slicing the mask arrays, not by a Python step
        per mask (10 MiB of inline code is millions of them)."""
        text = self.text
        starts, ends = self._mask
        i = bisect.bisect_left(ends, start + 1)  # the first mask ending after ``start``
        j = bisect.bisect_left(starts, end, i)  # ... and the first starting at ``end`` or later
        if i >= j:
            return text[start:end]
        # the gaps: before the first mask, between masks (merged, so never empty), after the
        # last; a mask reaching over ``start`` or ``end`` makes its gap an empty slice
        return " ".join(map(text.__getitem__, map(slice, itertools.chain((start,), ends[i:j]),
                                                  itertools.chain(starts[i:j], (end,)))))

    @cached_property
    def headline(self) -> Span | None:
        """The front matter's title (or the HTML <title>), else the first block when it is a
        heading. A site's layout prints the title above the body, so a body that opens with a
        heading, a byline or a template tag does not hide it."""
        if "title" in self._fields:
            return Span(*self._fields["title"])
        if self._title is not None:
            return self._title
        text = self.text
        first = next((b for b in self.blocks if b.kind != "summary"), None)
        if first is not None and first.kind == "heading" and not _FAQ_HEADING.match(text[first.start : first.end]):
            return first
        return None

    @cached_property
    def sources_section(self) -> Section | None:
        """A "Sources" heading (or a "Sources: ..." paragraph) and the entries under it. The
        section ends at the next heading, and also where prose follows its list: once entries
        that are list items have been seen, a paragraph that is not one is prose again; after
        a one-paragraph "Sources: ..." only list items continue it."""
        text = self.text
        section = None
        listed = False
        for b in self.blocks:
            if b.kind == "summary":
                continue
            heading_text = text[b.start : b.end]
            first_line = heading_text.split("\n", 1)[0]
            if section is None:
                if b.kind == "heading" and _SOURCES_HEADING.match(first_line.lstrip("#").strip()):
                    section = Section(b)
                elif _SOURCES_HEADING.match(first_line.split(":", 1)[0] + ":") and ":" in first_line:
                    # "Sources: https://..." on one block, heading and entries together
                    section = Section(None, [b])
                    listed = True
            elif b.kind == "heading":
                break
            else:
                item = self._is_list_item(b)
                if listed and not item:
                    break  # the story goes on after the list
                listed = listed or item
                section.blocks.append(b)
        return section

    def _is_list_item(self, block: Block) -> bool:
        if self.doc.markup == "markdown":
            return block.start in self.list_items
        return bool(_LIST_ITEM.match(self.text[block.start : block.start + 8]))

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

    def next_block_after(self, offset: int) -> Block | None:
        """The first block that starts at or after an offset."""
        i = bisect.bisect_left(self._block_starts, offset)
        return self.blocks[i] if i < len(self.blocks) else None

    @cached_property
    def _block_quote_starts(self) -> list[int]:
        return [start for start, _ in self.block_quotes]

    def in_block_quote(self, offset: int) -> bool:
        quotes = self.block_quotes
        if not quotes:
            return False
        i = bisect.bisect_right(self._block_quote_starts, offset) - 1
        return i >= 0 and offset < quotes[i][1]

    @cached_property
    def _code(self) -> list[tuple[int, int]]:
        """Code blocks, inline code, template tags, raw regions and HTML ``<pre>``/``<code>``
        elements: where a directive comment is an example being shown, not a directive."""
        text = self.text
        spans = list(template_spans(text, self.body_start, len(text)))
        spans += [m.span() for m in _RAW.finditer(text, self.body_start)]
        if self.doc.markup == "markdown":
            spans += self._markdown_code
            spans += [m.span() for m in _CODE_SPAN.finditer(text, self.body_start)]
        if self.doc.markup in ("markdown", "html"):
            spans += code_element_spans(text, self.body_start, sorted(spans))
        return sorted(spans)

    @cached_property
    def _code_starts(self) -> list[int]:
        return [start for start, _ in self._code]

    @cached_property
    def _code_reach(self) -> list[int]:
        """The furthest end of the code spans up to each one (spans may nest or overlap)."""
        reach, furthest = [], -1
        for _, end in self._code:
            furthest = max(furthest, end)
            reach.append(furthest)
        return reach

    def in_code(self, offset: int) -> bool:
        i = bisect.bisect_right(self._code_starts, offset) - 1
        return i >= 0 and offset < self._code_reach[i]

    def prose_block_at(self, offset: int) -> Block | None:
        """The prose block (not the sources list) containing an offset."""
        block = self.block_at(offset)
        return None if block is None or self.in_sources(block.start) else block


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """text with each span's characters replaced by spaces, its line breaks kept."""
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts += [text[pos:start], re.sub(r"[^\r\n]", " ", text[start:end])]
        pos = end
    return "".join(parts) + text[pos:]


def _prose_left(text: str, start: int, end: int, tags: list[tuple[int, int]]) -> bool:
    """Does text[start:end] hold any letter outside the given template tags?"""
    pos = start
    for s, e in tags:
        if any(ch.isalnum() for ch in text[pos:s]):
            return True
        pos = max(pos, e)
    return any(ch.isalnum() for ch in text[pos:end])


_LINE_TEXT = lazy_compile(r"[^\r\n]*\S[^\r\n]*")
_PARAGRAPH_END = lazy_compile(r"[.!?:;\"”’)\]»…]\s*$")


def _one_paragraph_per_line(chunk: str) -> bool:
    """Is a blank-line-free text one paragraph per line (most lines end a sentence), rather
    than prose hard-wrapped at a width (most lines stop mid-sentence)?"""
    lines = [m.group().strip() for m in _LINE_TEXT.finditer(chunk)]
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    if inner and _looks_like_heading(inner[0]) and len(lines) > 2:
        inner = inner[1:]  # a headline line on top
    ends = sum(1 for line in inner if _PARAGRAPH_END.search(line) or _looks_like_heading(line) and len(line.split()) <= 6)
    return ends >= 0.75 * len(inner)


def _looks_like_heading(block: str) -> bool:
    if not block or "\n" in block.strip():  # empty: a paragraph of markup only, such as "_"
        return False
    if block.startswith("#"):
        return True
    if _LIST_ITEM.match(block):
        return False
    words = len(block.split(None, 15))  # at most 16: enough to tell 14 or fewer
    if block.endswith(":") and words <= 6:
        return True
    return words <= 14 and block[-1] not in ".!,;:\"'”’)" and not _Q_MARK.match(block) and not _A_MARK.match(block)
