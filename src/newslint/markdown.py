"""Markdown structure from markdown-it-py, as character offsets into the original text.

markdown-it-py gives each block token the range of source lines it came from; the inline
content tells where on its first line the prose starts (after "#", "-", ">" markers).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lazyre import lazy_compile
from .lines import LineIndex

_BLOCK_OPEN = {"paragraph_open": "paragraph", "heading_open": "heading"}
_NOT_PROSE = {"table_open"}


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # Only block tokens are read (their line ranges and their inline token's content), so the
    # inline parse, about two thirds of the time and most of the tokens alive at once, is off
    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


def parse(text: str, body_start: int = 0) -> list:
    """The block tokens of the Markdown body, for the readers below (one parse for all three)."""
    return _parser().parse(text[body_start:])


def markdown_blocks(text: str, body_start: int = 0, tokens: list | None = None):
    """Yield (start, end, kind) for headings, paragraphs and list items of the Markdown body."""
    lines = LineIndex(text)
    first_line = lines.position(body_start)[0] - 1
    tokens = parse(text, body_start) if tokens is None else tokens
    skip_until = -1
    in_list = 0
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        if token.type in _NOT_PROSE and token.map:
            skip_until = token.map[1]
        kind = _BLOCK_OPEN.get(token.type)
        if kind is None or not token.map or token.map[0] < skip_until:
            continue
        inline = tokens[i + 1]
        content_lines = inline.content.split("\n")
        top = first_line + token.map[0]
        start_of_line = lines.starts[top]
        source_line = lines.line_text(top + 1)
        column = source_line.find(content_lines[0]) if content_lines[0] else -1
        start = start_of_line + max(column, 0)
        last = top + len(content_lines) - 1
        last_text = lines.line_text(last + 1)
        if kind == "heading" and token.markup.startswith("#"):
            last_text = last_text.rstrip().rstrip("#")
        end = lines.starts[last] + len(last_text.rstrip())
        if end > start:
            yield start, end, "item" if in_list and kind == "paragraph" else kind


def _line_spans(text: str, body_start: int, maps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of body line ranges (a token's ``map``), the line index built only
    when there is one to convert."""
    if not maps:
        return []
    lines = LineIndex(text)
    first_line = lines.position(body_start)[0] - 1
    size = len(lines.starts)
    return [(lines.starts[first_line + top], lines.starts[first_line + bottom] if first_line + bottom < size else len(text))
            for top, bottom in maps]


def markdown_code_blocks(text: str, body_start: int = 0, tokens: list | None = None) -> list[tuple[int, int]]:
    """(start, end) of the fenced and indented code blocks of the Markdown body."""
    tokens = parse(text, body_start) if tokens is None else tokens
    maps = [tuple(t.map) for t in tokens if t.type in ("fence", "code_block") and t.map]
    return _line_spans(text, body_start, maps)


# a block quote that opens with a label is a callout in the writer's own voice, not a quotation:
# GitHub's alerts ("> [!NOTE]") and "> **Note:**", "> Tip:", "> Editor's note: ..."
_CALLOUT = lazy_compile(r"[ \t>]*(?:\[!\w+\]|[*_]*(?:note|tip|hint|warning|caution|important|update|updated|"
                        r"correction|clarification|disclaimer|editor(?:'|’)?s note|reminder|info)\b[*_]*\s*[:.\-—–]?)",
                        re.I)


def markdown_block_quotes(text: str, body_start: int = 0, tokens: list | None = None) -> list[tuple[int, int]]:
    """(start, end) of the outermost block quotes of the Markdown body ("> ..."), but for
    callouts: a block quote is text the writer quotes, not the writer's own voice."""
    maps = []
    depth = 0
    for token in parse(text, body_start) if tokens is None else tokens:
        if token.type == "blockquote_open":
            depth += 1
            if depth == 1 and token.map:
                maps.append(tuple(token.map))
        elif token.type == "blockquote_close":
            depth -= 1
    return [(start, end) for start, end in _line_spans(text, body_start, maps) if not _CALLOUT.match(text, start, end)]
