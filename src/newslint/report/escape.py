"""Text output never carries a control character: an article or a file name cannot drive the
terminal (clear the screen, set the window title, write the clipboard through OSC 52) or forge a
GitHub workflow command ("::error file=...::") on a line of its own.

``visible`` escapes control characters in messages and source lines (ESC becomes ``\\x1b``);
``quote_path`` quotes an odd file name as git does (``"a\\nb.md"``, a byte that is not UTF-8 as
``\\351``), leaving ordinary names, including non-ASCII ones, as they are.
"""

from __future__ import annotations

from ..lazyre import lazy_compile


# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators
_CONTROL = lazy_compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_GIT_NAMED = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r",
              '"': '\\"', "\\": "\\\\"}
_NEEDS_QUOTE = lazy_compile('[\x00-\x1f\x7f"\\\\\udc80-\udcff]')


def _escape_char(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u2028``)."""
    return _CONTROL.sub(lambda m: _escape_char(m.group()), text) if _CONTROL.search(text) else text


def escaped_width(text: str) -> int:
    """The width ``visible(text)`` takes, for lining up a caret under escaped text."""
    return len(visible(text))


def quote_path(path: str) -> str:
    """A file name as git prints it: quoted in C style when it holds a control character, a
    quotation mark, a backslash or a byte that is not UTF-8 (which os gives as a lone surrogate)."""
    if not _NEEDS_QUOTE.search(path):
        return visible(path)
    out = []
    for ch in path:
        if ch in _GIT_NAMED:
            out.append(_GIT_NAMED[ch])
        elif "\udc80" <= ch <= "\udcff":
            out.append(f"\\{ord(ch) - 0xdc00:03o}")
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append(f"\\{ord(ch):03o}")
        else:
            out.append(visible(ch))
    return '"' + "".join(out) + '"'
