"""Fast, offset-preserving matchers shared by the kinds.

``Lexicon`` finds whole words and phrases with an Aho-Corasick automaton over case-folded
text; ``Patterns`` runs user regular expressions on RE2, whose matching time is linear in the
input, so no rule file can make the linter hang.

Per article, the work is shared: every lexicon's keys are in one automaton, so the article is
scanned once for all of them (hits bucketed per lexicon), and the article is encoded to UTF-8
once for all the rules' RE2 patterns.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import threading
import weakref
from array import array
from functools import lru_cache

import ahocorasick
import re2

from .lazyre import lazy_compile

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
_NON_WORD = lazy_compile(r"[^\w-]|_")


# Below this code point the word fold is one ``str.translate`` through a table made by
# ``_NON_WORD`` itself (so the two agree by construction); a text with a character at or above
# it (CJK punctuation, emoji) takes the regular expression.
_TABLE_END = 0x3000
_BEYOND_TABLE = lazy_compile(f"[^\\x00-{chr(_TABLE_END - 1)}]")


def make_non_word_table() -> str:
    return _NON_WORD.sub(" ", "".join(map(chr, range(_TABLE_END))))


@lru_cache(maxsize=1)
def _non_word_table() -> str:
    from .snapshot import table

    return table("NON_WORD") or make_non_word_table()  # made ahead of time for this Python's Unicode data


def _word_fold(text: str) -> str:
    """``fold``, with every character but letters, digits and hyphens made a space, padded with
    a space at each end: a term matches on whole words when " term " is found (or the term with
    a hyphen on either side: "record" in "world-record")."""
    folded = fold(text)
    if folded.isascii() or not _BEYOND_TABLE.search(folded):
        return " " + folded.translate(_non_word_table()) + " "
    return " " + _NON_WORD.sub(" ", folded) + " "


word_fold = lru_cache(maxsize=4)(_word_fold)  # the article being checked, shared by every rule


def _keys(term: str) -> list[str]:
    core = " ".join(_NON_WORD.sub(" ", fold(term)).split())
    return [left + core + right for left in " -" for right in " -"] if core else []


class Lexicon:
    """Whole-word, case-insensitive matching of many terms in one pass of an Aho-Corasick
    automaton. A hyphen in a term matches a hyphen only ("must-have" is not "must have"); other
    punctuation matches any punctuation or a space ("world's" also finds "world’s").

    Every lexicon's keys also go into one automaton shared by all lexicons (``_Shared``): the
    article being checked is scanned once for all of them, not once per rule."""

    def __init__(self, terms: list[str]) -> None:
        self.keys = frozenset(key for term in terms for key in _keys(term))
        self.empty = not self.keys
        self._automaton = None  # built on first use on a one-off string (a headline)
        if not self.empty:
            _SHARED.add(self)

    @property
    def automaton(self):
        if self._automaton is None:
            self._automaton = ahocorasick.Automaton()
            for key in self.keys:
                self._automaton.add_word(key, len(key))
            self._automaton.make_automaton()
        return self._automaton

    def finditer(self, text: str, start: int = 0, end: int | None = None, cache: bool = True):
        """Yield (start, end) of terms in text[start:end], longest first where they overlap.
        ``cache=False`` for one-off strings, so they do not push the article out of the cache."""
        if self.empty:
            return
        end = len(text) if end is None else min(end, len(text))
        if cache:
            hits = _SHARED.hits(self, text)
            i = bisect.bisect_left(hits, (start,))
        else:
            # padded[i + 1] is text[i]; a key " term " (or "-term ", ...) ending at padded index
            # e covers the term text[e - length + 1 : e - 1]
            padded = _word_fold(text)
            hits = sorted(((e - length + 1, e - 1) for e, length in self.automaton.iter(padded, start, end + 2)),
                          key=_longest_first)
            i = 0
        last_end = -1
        for begin, stop in hits[i:] if i else hits:
            if begin > end:
                break
            if begin >= last_end and stop <= end:
                last_end = stop
                yield begin, stop


def _longest_first(hit: tuple[int, int]) -> tuple[int, int]:
    return hit[0], -hit[1]


class _Shared:
    """One Aho-Corasick automaton of the keys of every live Lexicon, and the hits of the last
    text scanned, bucketed per lexicon (sorted by start, longest first).

    The rules of a run are loaded before the first article, so the automaton is built once; a
    Lexicon made later (a rule set loaded for another folder, the language server reloading its
    rules) rebuilds it on the next scan. Lexicons are held weakly: one no longer used costs
    nothing after the next rebuild.

    Threads may share it (a Dask worker runs several tasks at once, each with its own rule set):
    the automaton is built under a lock, and rebuilt when a lexicon asks that it does not hold
    yet (another thread's rule set came after it was built); the last text's hits are kept per
    thread, with the automaton they were found by."""

    def __init__(self) -> None:
        self.members: weakref.WeakSet[Lexicon] = weakref.WeakSet()
        #: (automaton, lexicon -> slot), or None until the next scan builds it
        self.index: tuple | None = None
        self._lock = threading.Lock()
        #: per thread: (text, index, slot -> hits) of the last text scanned
        self._local = threading.local()

    def add(self, lexicon: Lexicon) -> None:
        with self._lock:
            self.members.add(lexicon)
            self.index = None

    def _index_for(self, lexicon: Lexicon) -> tuple:
        index = self.index
        if index is None or lexicon not in index[1]:
            with self._lock:
                index = self.index
                if index is None or lexicon not in index[1]:
                    index = self._build()
        return index

    def _build(self) -> tuple:
        """Build the automaton of every member's keys (the caller holds the lock)."""
        slots_of: dict[str, list[int]] = {}
        slots: weakref.WeakKeyDictionary[Lexicon, int] = weakref.WeakKeyDictionary()
        for slot, lexicon in enumerate(list(self.members)):
            slots[lexicon] = slot
            for key in lexicon.keys:
                slots_of.setdefault(key, []).append(slot)
        automaton = ahocorasick.Automaton()
        for key, where in slots_of.items():
            automaton.add_word(key, (len(key), tuple(where)))
        automaton.make_automaton()
        self.index = automaton, slots
        return self.index

    def hits(self, lexicon: Lexicon, text: str) -> list[tuple[int, int]]:
        index = self._index_for(lexicon)
        last = getattr(self._local, "last", None)
        if last is not None and last[0] is text and last[1] is index:
            buckets = last[2]
        else:
            # padded[i + 1] is text[i]; a key ending at padded index e covers the term
            # text[e - length + 1 : e - 1]
            buckets = {}
            for e, (length, where) in index[0].iter(word_fold(text)):
                hit = (e - length + 1, e - 1)
                for slot in where:
                    bucket = buckets.get(slot)
                    if bucket is None:
                        buckets[slot] = [hit]
                    else:
                        bucket.append(hit)
            for bucket in buckets.values():
                bucket.sort(key=_longest_first)
            self._local.last = (text, index, buckets)
        return buckets.get(index[1][lexicon], [])


_SHARED = _Shared()


def build_shared_automaton() -> None:
    """Build the automaton of every live lexicon now: before worker processes fork, so that they
    share it instead of each building its own."""
    with _SHARED._lock:
        if _SHARED.index is None:
            _SHARED._build()


#: the characters that a case-insensitive pattern matches with an ASCII letter: "İ" and "ı" with
#: "i", "ſ" with "s", the Kelvin sign with "k" (tests/test_document.py finds them all)
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


class CueWords:
    """Where the words that a case-insensitive cue pattern needs occur in a text, found once: the
    pattern is then searched for only where one of its words occurs (the quotation cues of
    kinds/quotes.py before each quotation, the source cues of kinds/citations.py before each
    link: a search tries the pattern at every offset of its window). A text holding a character
    that such a pattern matches with an ASCII letter ("ſ" for "s") gets no index, and every
    search is made."""

    def __init__(self, text: str, groups) -> None:
        self.starts: dict[tuple[str, ...], list[int]] | None = None
        if text.isascii() or FOLDS_TO_ASCII.isdisjoint(text):  # (no "İ" either: its lower case is two characters)
            lowered = text.lower()
            self.starts = {}
            for words in groups:
                found = []
                for word in words:
                    at = lowered.find(word)
                    while at >= 0:
                        found.append(at)
                        at = lowered.find(word, at + 1)
                self.starts[words] = sorted(found)

    def may_match(self, lo: int, hi: int, *needed: tuple[str, ...]) -> bool:
        """Could a pattern needing one word of each group of ``needed`` match in text[lo:hi]?"""
        if self.starts is None:
            return True
        for words in needed:
            starts = self.starts[words]
            i = bisect.bisect_left(starts, lo)
            if i == len(starts) or starts[i] >= hi:
                return False
        return True


#: where a capturing group may start: "(" not opening "(?...", or a named group "(?P<", "(?<"
#: (an escaped "\(" or one in a class may match too: such a pattern is compiled to count)
_MAY_CAPTURE = lazy_compile(r"\((?!\?)|\(\?P?<")


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _group_starts(counts) -> list[int]:
    """For each pattern with capturing groups, the index of its first one in the alternation."""
    starts, offset = [], 0
    for count in counts:
        if count:
            starts.append(offset + 1)
        offset += count
    return starts


class Patterns:
    """Regular expressions compiled with RE2 (linear time), matched case-insensitively.

    A rule's patterns are joined into one alternation, matched leftmost-longest: one pass over
    the text per rule (each pass through the RE2 wrapper has a fixed cost), and where patterns
    overlap the longest match wins, as it does for word lists. A pattern with a capturing group
    reports the span of its first group, so that context can be required without being flagged:
    ``, (highlighting\b[^.]*)`` flags the clause, not the comma before it.
    """

    def __init__(self, patterns: list[str], case_sensitive: bool = False, checked: bool = False) -> None:
        """``checked``: the patterns were validated one by one elsewhere (the shipped rules, by
        the test suite), so they are not compiled alone again here, only the alternation (and,
        to count its groups, each pattern that may hold a capturing one)."""
        options = re2.Options()
        options.case_sensitive = case_sensitive
        options.log_errors = False
        options.longest_match = True
        self.regex = None
        self.groups: list[int] = []  # per pattern with a group: the index of its first group
        if not patterns:
            return
        if checked:
            try:
                self.regex = re2.compile(_alternation(patterns), options)
            except re2.error:
                self.regex = None  # compiled one by one below, to name the pattern at fault
            else:
                self.groups = _group_starts(
                    re2.compile(p, options).groups if _MAY_CAPTURE.search(p) else 0 for p in patterns)
                _PATTERN_SET.add(self)
                return
        counts = []
        for pattern in patterns:  # compiled one by one first, so an error names its pattern
            try:
                alone = re2.compile(pattern, options)
            except re2.error as exc:
                detail = exc.args[0] if exc.args else exc
                if isinstance(detail, bytes):  # google-re2 reports its message as bytes
                    detail = detail.decode("utf-8", "replace")
                raise ValueError(f"pattern {pattern!r} is not a valid RE2 regular expression: {detail}") from None
            counts.append(alone.groups)
        self.groups = _group_starts(counts)
        # one pattern is its own alternation: the program compiled to check it is the one to run
        self.regex = alone if len(patterns) == 1 else re2.compile(_alternation(patterns), options)
        _PATTERN_SET.add(self)

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        if self.regex is None:
            return
        end = len(text) if end is None else end
        groups = self.groups
        raw = getattr(self.regex, "_regexp", None)
        encoded = _encoded(text) if raw is not None else None
        if encoded is None:  # the wrapper's own way (its internals changed, or text not UTF-8)
            for m in self.regex.finditer(text, start, end):
                span = m.span()
                for g in groups:
                    if m.start(g) >= 0:
                        span = m.span(g)
                        break
                if span[1] > span[0]:
                    yield span
            return
        if not _PATTERN_SET.may_match(self, encoded):
            return  # not anywhere in the article, so not in text[start:end] either
        # RE2 itself on the article encoded once, offsets converted by bisection: the wrapper
        # encodes the text again and walks it to convert offsets on every call, for every rule
        yield from encoded.finditer(raw, groups, start, end)


#: the characters that UTF-8 writes in two, three and four bytes
#: (the three-byte class written as a complement: the same characters, a tenth of the compile time)
_WIDER = (re.compile("[\x80-\u07ff]"), re.compile("[^\x00-\u07ff\U00010000-\U0010ffff]"),
          re.compile("[\U00010000-\U0010ffff]"))
_NON_ASCII = lazy_compile("[^\x00-\x7f]")
_ASCII_RUN = lazy_compile("[\x00-\x7f]+")
_WIDTH_DIGIT = "0123"  # extra bytes, written as a digit ...
_DIGIT_VALUE = bytes.maketrans(b"0123", b"\x00\x01\x02\x03")  # ... and read back as a byte


class _Encoded:
    """A text as UTF-8 bytes for RE2, with character and byte offsets converted by bisection
    over its non-ASCII characters (none to convert in an ASCII text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()
        self.data = text.encode("utf-8")
        # machine integers, not lists: a 10 MiB article of curly quotation marks has millions
        self.chars = array("q")  # character offsets of the non-ASCII characters
        self.bytes = array("q")  # their byte offsets
        self.extra = array("q")  # bytes beyond one per character, up to and including each
        if self.ascii:
            return
        # the non-ASCII characters by how many bytes beyond one UTF-8 gives each
        present = [(wider, pattern) for wider, pattern in enumerate(_WIDER, 1) if pattern.search(text)]
        if len(present) == 1:  # one kind only, e.g. curly quotation marks: no merging
            wider, pattern = present[0]
            self.chars = chars = array("q", (m.start() for m in pattern.finditer(text)))
            self.extra = array("q", range(wider, wider * len(chars) + 1, wider))
            self.bytes = array("q", map(operator.add, chars, range(0, wider * len(chars), wider)))
            return
        self.chars = chars = array("q", (m.start() for m in _NON_ASCII.finditer(text)))
        others = _ASCII_RUN.sub("", text)  # the non-ASCII characters, in order
        widths = others.translate({ord(ch): _WIDTH_DIGIT[len(ch.encode("utf-8")) - 1] for ch in set(others)})
        self.extra = extra = array("q", itertools.accumulate(widths.encode("ascii").translate(_DIGIT_VALUE)))
        self.bytes = array("q", map(operator.add, chars, itertools.chain((0,), extra)))  # the extra bytes before each

    def to_byte(self, offset: int) -> int:
        k = bisect.bisect_left(self.chars, offset)
        return offset + (self.extra[k - 1] if k else 0)

    def to_char(self, offset: int) -> int:
        k = bisect.bisect_left(self.bytes, offset)
        return offset - (self.extra[k - 1] if k else 0)

    def finditer(self, raw, groups: list[int], start: int, end: int):
        """(start, end) of each non-empty match of the compiled RE2 ``raw`` in text[start:end]
        (or of its first matching group among ``groups``), as ``re2``'s finditer finds them."""
        size = len(self.text)
        start, end = max(0, min(start, size)), max(0, min(end, size))
        if start > end:
            return
        data, ascii_ = self.data, self.ascii
        pos, stop = (start, end) if ascii_ else (self.to_byte(start), self.to_byte(end))
        match = raw.Match
        while True:
            spans = match(_UNANCHORED, data, pos, stop)
            whole = spans[0]
            if whole[0] < 0:
                return
            span = whole
            for g in groups:
                if spans[g][0] >= 0:
                    span = spans[g]
                    break
            if span[1] > span[0]:
                yield span if ascii_ else (self.to_char(span[0]), self.to_char(span[1]))
            if pos == stop:
                return
            if pos == whole[1]:  # an empty match: step over one character
                lead = data[pos]
                pos += 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
            else:
                pos = whole[1]


_UNANCHORED = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
_recent: list[_Encoded] = []  # the article being checked and a headline: encoded once for every rule


def _encoded(text: str) -> _Encoded | None:
    for done in _recent:
        if done.text is text:
            return done
    if _UNANCHORED is None:
        return None
    try:
        encoded = _Encoded(text)
    except UnicodeEncodeError:  # a lone surrogate: the wrapper reports it as it always has
        return None
    _recent[:] = [encoded, *_recent[:1]]
    return encoded


class _PatternSet:
    """Which rules' patterns can match an article at all, from one RE2::Set scan of it: most
    rules' patterns match nothing in a given article (37,000 of 41,000 scans over the BBC
    corpus), and one scan of them all costs about what two scans of one do.

    The answer is exact or errs towards scanning: a pattern that matches somewhere in
    text[start:end] matches in the whole article too (RE2 reads ``^``, ``$`` and ``\\b`` at a
    range's edges from the article around it). A scan whose DFA ran out of memory reports
    nothing, which the wrapper cannot tell from "no match"; so the set holds one more pattern,
    ``\\z``, that every finished scan matches: without it, the scan failed and every rule scans
    as before. Compiling the set costs milliseconds, so it is built once a run has scanned
    ``WARM_UP`` articles (one article in an editor or a pre-commit hook does not pay for it); a
    text under ``MIN_BYTES`` (a headline) or over ``MAX_BYTES`` is not prefiltered. Threads may
    share it, as ``_Shared``."""

    WARM_UP = 16
    MIN_BYTES = 512  # a headline: a scan per rule costs less than the set's scan
    MAX_BYTES = 256 * 1024
    MEMORY = 64 << 20  # the set's program and DFA cache (RE2's default, 8 MiB, is for one pattern)

    def __init__(self) -> None:
        self.members: weakref.WeakSet[Patterns] = weakref.WeakSet()
        #: (set or None, member -> slot (-1: not in the set), the end sentinel's slot), or None
        self.index: tuple | None = None
        self.scanned = 0  # articles asked about before the set was built
        self._counted: _Encoded | None = None  # the last of them
        self._lock = threading.Lock()
        self._local = threading.local()  # per thread: (encoded article, index, slots matched or None)

    def add(self, patterns: Patterns) -> None:
        with self._lock:
            self.members.add(patterns)
            self.index = None

    def _build(self) -> tuple:
        options = re2.Options()
        options.log_errors = False
        options.max_mem = self.MEMORY
        found = re2.Set.SearchSet(options)
        slots: weakref.WeakKeyDictionary[Patterns, int] = weakref.WeakKeyDictionary()
        for patterns in list(self.members):
            regex = patterns.regex
            source = regex.pattern if regex.options.case_sensitive else f"(?i:{regex.pattern})"
            try:
                slots[patterns] = found.Add(source)
            except re2.error:
                slots[patterns] = -1  # scanned every time
        try:
            end = found.Add(r"\z")
            found.Compile()
        except re2.error:  # too large a program: no prefilter
            found, end = None, -1
        self.index = found, slots, end
        return self.index

    def may_match(self, patterns: Patterns, encoded: _Encoded) -> bool:
        if not self.MIN_BYTES <= len(encoded.data) <= self.MAX_BYTES:
            return True
        index = self.index
        if index is None or patterns not in index[1]:
            with self._lock:
                index = self.index
                if index is None or patterns not in index[1]:
                    if self.scanned < self.WARM_UP:
                        if encoded is not self._counted:
                            self._counted = encoded
                            self.scanned += 1
                        return True
                    index = self._build()
        found, slots, end = index
        slot = slots[patterns]
        if found is None or slot < 0:
            return True
        last = getattr(self._local, "last", None)
        if last is not None and last[0] is encoded and last[1] is index:
            matched = last[2]
        else:
            ids = found.Match(encoded.data) or ()
            matched = frozenset(ids) if end in ids else None  # None: the scan did not finish
            self._local.last = (encoded, index, matched)
        return matched is None or slot in matched


_PATTERN_SET = _PatternSet()
