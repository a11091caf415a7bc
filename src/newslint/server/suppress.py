"""Where the quick fixes put a ``newslint-disable`` comment, as plain text edits.

Each function returns ``(offset, text)`` insertions into the article. The comments are those
of ``suppressions.py``; they are placed so that the suppression covers the finding:

- a finding on the first line of its paragraph: ``newslint-disable-next-line`` above it;
- one further down the paragraph: ``newslint-disable`` above the paragraph and
  ``newslint-enable`` after it (disable-next-line covers one line only);
- one in the YAML front matter (a ``title`` headline): the same comment as a YAML comment
  (``# <!-- ... -->``), which keeps the front matter valid;
- for the whole file: ``newslint-disable`` at the top (inside the front matter when there is
  one, so that its title is covered too; after an HTML doctype).
"""

from __future__ import annotations

import re

from ..lazyre import lazy_compile

_DOCTYPE = lazy_compile(r"<!doctype[^>]*>[ \t]*(?:\r\n|\r|\n)?", re.I)


def _newline(text: str) -> str:
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def _prefix(positions, offset: int) -> str:
    """The indentation (and block quote markers) of the line holding an offset."""
    start = positions.line_start(offset)
    line = positions.text[start : positions.line_end(offset)]
    return re.match(r"[ \t>]*", line).group(0)


def _front_matter_end(doc) -> int:
    """Where the front matter ends (0 when there is none)."""
    return doc.body_start if doc.text.startswith("---") and doc.body_start > 0 else 0


def disable_paragraph(doc, positions, finding) -> list[tuple[int, str]]:
    """Insertions that make the paragraph (block) holding a finding skip its rule."""
    text, nl, rule = doc.text, _newline(doc.text), finding.rule
    if finding.start < _front_matter_end(doc):
        at = positions.line_start(finding.start)
        return [(at, f"{_prefix(positions, at)}# <!-- newslint-disable-next-line {rule} -->{nl}")]
    block = doc.block_at(finding.start)
    first = positions.line_start(block.start if block is not None else finding.start)
    indent = _prefix(positions, first)
    if block is None or positions.lines.position(finding.start)[0] == positions.lines.position(first)[0]:
        return [(first, f"{indent}<!-- newslint-disable-next-line {rule} -->{nl}")]
    last = positions.line_end(max(block.start, block.end - 1))
    return [(first, f"{indent}<!-- newslint-disable {rule} -->{nl}"), (last, f"{nl}{indent}<!-- newslint-enable {rule} -->")]


def disable_file(doc, rule: str) -> list[tuple[int, str]]:
    """An insertion that makes the whole file skip a rule."""
    text, nl = doc.text, _newline(doc.text)
    if _front_matter_end(doc):
        at = text.find(nl) + len(nl)  # after the opening ---
        return [(at, f"# <!-- newslint-disable {rule} -->{nl}")]
    doctype = _DOCTYPE.match(text)
    if doctype:  # a comment before the doctype would put browsers in quirks mode
        at = doctype.end()
        return [(at, ("" if text[at - 1 : at] in ("\n", "\r") else nl) + f"<!-- newslint-disable {rule} -->{nl}")]
    return [(0, f"<!-- newslint-disable {rule} -->{nl}")]


def replacement(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """The edit that puts a rule's suggestion in place of text[start:end]; deleting a word also
    deletes one space beside it, so that no double space is left."""
    if not new:
        if text[end : end + 1] == " " and (start == 0 or text[start - 1] in " \t\n\r(\"'“‘"):
            end += 1
        elif text[start - 1 : start] == " ":
            start -= 1
    return start, end, new
