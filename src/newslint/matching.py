"""Fast, offset-preserving matchers shared by the kinds.

``Lexicon`` finds whole words and phrases with one pass of an Aho-Corasick automaton over
case-folded text; ``Patterns`` runs user regular expressions on RE2, whose matching time is
linear in the input, so no rule file can make the linter hang.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick
import re2

# Same-length substitutions so that offsets in the folded text are offsets in the original.
_FOLD = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "‒": "-", "\u00ad": "-"})


@lru_cache(maxsize=8)
def fold(text: str) -> str:
    """Lower-case text with typographic apostrophes and hyphens made plain, length unchanged."""
    lowered = text.lower().translate(_FOLD)
    if len(lowered) == len(text):
        return lowered
    # a few characters (e.g. "İ") lower-case to two: fold those one at a time
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, ch.lower()) for ch in text)).translate(_FOLD)


_NON_WORD = re.compile(r"[\W_]")


@lru_cache(maxsize=8)
def word_fold(text: str) -> str:
    """``fold`` with every character that is not a letter or digit made a space, padded with a
    space at each end: a term matches on whole words exactly when " term " is found."""
    return " " + _NON_WORD.sub(" ", fold(text)) + " "


def _key(term: str) -> str:
    return " " + " ".join(_NON_WORD.sub(" ", fold(term)).split()) + " "


class Lexicon:
    """Whole-word, case-insensitive matching of many terms in one pass of an Aho-Corasick
    automaton. Punctuation inside a term matches any punctuation or a space: "ground-breaking"
    also finds "ground breaking", "world's" also "world’s"."""

    def __init__(self, terms: list[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        for term in terms:
            key = _key(term)
            if key.strip():
                self.automaton.add_word(key, len(key))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """Yield (start, end) of terms in text[start:end], longest first where they overlap."""
        if self.empty:
            return
        padded = word_fold(text)
        end = len(text) if end is None else end
        # padded[i + 1] is text[i]; a key " term " ending at padded index e covers the term
        # text[e - length + 1 : e - 1]
        hits = sorted(
            ((e - length + 1, e - 1) for e, length in self.automaton.iter(padded, start, min(end + 2, len(padded)))),
            key=lambda h: (h[0], -h[1]),
        )
        last_end = -1
        for begin, stop in hits:
            if begin >= last_end and stop <= end:
                last_end = stop
                yield begin, stop


class Patterns:
    """Regular expressions compiled with RE2 (linear time), matched case-insensitively."""

    def __init__(self, patterns: list[str], case_sensitive: bool = False) -> None:
        options = re2.Options()
        options.case_sensitive = case_sensitive
        options.log_errors = False
        self.regexes = []
        for pattern in patterns:
            try:
                self.regexes.append(re2.compile(pattern, options))
            except re2.error as exc:
                detail = exc.args[0] if exc.args else exc
                if isinstance(detail, bytes):  # google-re2 reports its message as bytes
                    detail = detail.decode("utf-8", "replace")
                raise ValueError(f"pattern {pattern!r} is not a valid RE2 regular expression: {detail}") from None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else end
        hits = []
        for regex in self.regexes:
            for m in regex.finditer(text, start, end):
                if m.end() > m.start():
                    hits.append(m.span())
        hits.sort(key=lambda h: (h[0], -h[1]))
        last_end = -1
        for begin, stop in hits:
            if begin >= last_end:
                last_end = stop
                yield begin, stop
