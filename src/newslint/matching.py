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
_FOLD_CHARS = "’‘‐‑‒\u00ad"
_FOLD = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "‒": "-", "\u00ad": "-"})


def fold(text: str) -> str:
    """Lower-case text with typographic apostrophes and hyphens made plain, length unchanged."""
    lowered = text.lower()
    if any(ch in lowered for ch in _FOLD_CHARS):  # rare: translating costs more than looking
        lowered = lowered.translate(_FOLD)
    if len(lowered) == len(text):
        return lowered
    # a few characters (e.g. "İ") lower-case to two: fold those one at a time
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, ch.lower()) for ch in text)).translate(_FOLD)


# Everything but letters, digits and hyphens is a word boundary, folded to a space.
_NON_WORD = re.compile(r"[^\w-]|_")


def _word_fold(text: str) -> str:
    """``fold``, with every character but letters, digits and hyphens made a space, padded with
    a space at each end: a term matches on whole words when " term " is found (or the term with
    a hyphen on either side: "record" in "world-record")."""
    return " " + _NON_WORD.sub(" ", fold(text)) + " "


word_fold = lru_cache(maxsize=4)(_word_fold)  # the article being checked, shared by every rule


def _keys(term: str) -> list[str]:
    core = " ".join(_NON_WORD.sub(" ", fold(term)).split())
    return [left + core + right for left in " -" for right in " -"] if core else []


class Lexicon:
    """Whole-word, case-insensitive matching of many terms in one pass of an Aho-Corasick
    automaton. A hyphen in a term matches a hyphen only ("must-have" is not "must have"); other
    punctuation matches any punctuation or a space ("world's" also finds "world’s")."""

    def __init__(self, terms: list[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        for term in terms:
            for key in _keys(term):
                self.automaton.add_word(key, len(key))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def finditer(self, text: str, start: int = 0, end: int | None = None, cache: bool = True):
        """Yield (start, end) of terms in text[start:end], longest first where they overlap.
        ``cache=False`` for one-off strings, so they do not push the article out of the cache."""
        if self.empty:
            return
        padded = word_fold(text) if cache else _word_fold(text)
        end = len(text) if end is None else end
        # padded[i + 1] is text[i]; a key " term " (or "-term ", ...) ending at padded index e
        # covers the term text[e - length + 1 : e - 1]
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
    """Regular expressions compiled with RE2 (linear time), matched case-insensitively.

    A rule's patterns are joined into one alternation, matched leftmost-longest: one pass over
    the text per rule (each pass through the RE2 wrapper has a fixed cost), and where patterns
    overlap the longest match wins, as it does for word lists. A pattern with a capturing group
    reports the span of its first group, so that context can be required without being flagged:
    ``, (highlighting\b[^.]*)`` flags the clause, not the comma before it.
    """

    def __init__(self, patterns: list[str], case_sensitive: bool = False) -> None:
        options = re2.Options()
        options.case_sensitive = case_sensitive
        options.log_errors = False
        options.longest_match = True
        self.regex = None
        self.groups: list[int] = []  # per pattern with a group: the index of its first group
        offset = 0
        for pattern in patterns:  # compiled one by one first, so an error names its pattern
            try:
                count = re2.compile(pattern, options).groups
                if count:
                    self.groups.append(offset + 1)
                offset += count
            except re2.error as exc:
                detail = exc.args[0] if exc.args else exc
                if isinstance(detail, bytes):  # google-re2 reports its message as bytes
                    detail = detail.decode("utf-8", "replace")
                raise ValueError(f"pattern {pattern!r} is not a valid RE2 regular expression: {detail}") from None
        if patterns:
            self.regex = re2.compile("|".join(f"(?:{p})" for p in patterns), options)

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        if self.regex is None:
            return
        end = len(text) if end is None else end
        groups = self.groups
        for m in self.regex.finditer(text, start, end):
            span = m.span()
            for g in groups:
                if m.start(g) >= 0:
                    span = m.span(g)
                    break
            if span[1] > span[0]:
                yield span
