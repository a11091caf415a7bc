"""Sentences without spaCy: the rule of spaCy's sentencizer, on a tokenizer of our own.

spaCy's rule-based sentencizer starts a sentence at the first token that is not punctuation
after a token that is a sentence-final mark ("." "!" "?" and a few others). What counts as a
token decides the rest: spaCy's English tokenizer keeps "Mr." or "U.S." whole (no break) but
splits "said." into "said" and "." (a break). This module tokenizes the same way where it
matters for that rule, in one pass over the text and without importing spaCy (about a second
of start-up):

- text is cut at whitespace into chunks; a run of whitespace other than one space is a token;
- a chunk sheds leading and trailing punctuation one mark at a time (brackets, quotes, "!",
  "?", ",", ";", ":", ellipses), as spaCy's prefixes and suffixes do;
- a final "." is its own token after a lower-case letter, a digit, "%", punctuation or a
  quotation mark, or after two capitals ("BBC."), but not after one capital ("Mr X.", "F.") and
  not in an abbreviation (``ABBREVIATIONS``: "Mr.", "Dr.", "Jan.", "e.g.", "a." ...);
- "." between a lower-case letter and a capital ("ended.Then") is a token of its own.

``bench/splitters.py`` measures how often the two splitters agree on the corpora.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from functools import lru_cache
from typing import TYPE_CHECKING

from .lazyre import lazy_compile

if TYPE_CHECKING:
    from .spans import Block, Span

# Tokens that end a sentence (spaCy's sentencizer's marks that occur in English text).
FINAL = frozenset("!.?‼‽⁇⁈⁉。！？．｡")
# Marks a chunk sheds one at a time from either end (prefixes and suffixes).
_AFFIX = frozenset("!?,;:()[]{}<>\"'“”‘’«»„‚‹›`´_#*&…%=§—–+|~^$£€¥。？！，、；：～·")
_PREFIX_ONLY = frozenset("$£€¥§=+")  # currency and signs before a figure, not after
# Abbreviations that keep their full stop (checked with the exact case), after spaCy's habit.
ABBREVIATIONS = frozenset(
    """Mr. Mrs. Ms. Messrs. Mme. Mlle. Dr. Prof. St. Sr. Jr. Rev. Gen. Gov. Sen. Rep. Lt. Col.
    Capt. Cmdr. Adm. Sgt. Maj. Hon. Supt. Insp. Inc. Ltd. Co. Corp. Bros. Plc. vs. v.
    e.g. E.g. i.e. I.e. a.m. p.m. Ph.D. approx. ca. cf. viz. Jan. Feb. Mar.
    Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md.
    Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nebr. Nev. Okla. Ore. Pa. Tenn. Va. Vt. Wash. Wis.
    Wyo. Mt. Ft. Ave. Blvd. Rd. Univ. Assn. Fig. fig. Vol. vol. pp. op. al. Ed. ed.""".split()
) | frozenset(f"{c}." for c in "abcdefghijklmnopqrstuvwxyzäöü")
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
_QUOTES = "\"'”’“‘«»„`´"
_UNIT_LETTERS = "mgt"  # one-letter units that spaCy cuts off a figure ("300m", "5g")
_CHUNK = lazy_compile(r"\S+")
_FINAL_RUN = lazy_compile("[" + re.escape("".join(sorted(FINAL))) + "]+")
# URLs, e-mail addresses and domain names ("Go.USA.gov") are one token each
_URL = lazy_compile(r"(?i:[a-z][a-z0-9+.-]*://|www\.)\S*\Z|(?:[\w.%+-]+@)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}(?:/\S*)?\Z")


@lru_cache(maxsize=4096)
def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _all_punct(text: str, start: int, end: int) -> bool:
    return all(_is_punct(text[i]) for i in range(start, end))


def _dot_splits(text: str, start: int, end: int) -> bool:
    """Is the "." at text[end - 1] a token of its own, in the piece text[start:end]?"""
    if end - start < 2:
        return False
    before = text[end - 2]
    if before.isalpha() and end - start >= 3 and text[end - 3].isdigit() and before in _UNIT_LETTERS:
        return False  # "£300m.": the unit is a token and "m." an abbreviation, as in spaCy
    if before.islower() or before.isdigit() or before in "%²-+" or before in _AFFIX or _is_punct(before):
        return True
    return before.isupper() and end - start >= 3 and text[end - 3].isupper()


def _ellipsis_start(text: str, start: int, end: int) -> int:
    """Start of a run of two or more full stops ending at ``end``, or ``end`` if there is none."""
    i = end
    while i > start and text[i - 1] == ".":
        i -= 1
    return i if end - i >= 2 else end


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Tokens of the chunk text[start:end] (no whitespace in it), in order."""
    head: list[tuple[int, int]] = []
    tail: list[tuple[int, int]] = []
    a, b = start, end
    while a < b:
        if b - a <= _LONGEST_ABBREVIATION and text[a:b] in ABBREVIATIONS:
            break
        changed = False
        ch = text[a]
        if ch in _AFFIX:
            head.append((a, a + 1))
            a += 1
            changed = True
        elif ch == "." and a + 1 < b and text[a + 1] == ".":  # an ellipsis before a word
            e = a
            while e < b and text[e] == ".":
                e += 1
            head.append((a, e))
            a = e
            changed = True
        if a < b and b - a <= _LONGEST_ABBREVIATION and text[a:b] in ABBREVIATIONS:
            break
        if a < b:
            ch = text[b - 1]
            if ch == ".":
                dots = _ellipsis_start(text, a, b)
                if dots < b and dots > a:
                    tail.append((dots, b))
                    b = dots
                    changed = True
                elif dots == b and _dot_splits(text, a, b):
                    tail.append((b - 1, b))
                    b -= 1
                    changed = True
            elif ch in _AFFIX and ch not in _PREFIX_ONLY and b - 1 > a:
                tail.append((b - 1, b))
                b -= 1
                changed = True
            elif ch in _AFFIX and b - 1 == a:
                tail.append((a, b))
                b = a
                changed = True
        if not changed:
            break
    middle: list[tuple[int, int]] = []
    if a < b:
        if text[a:b] in ABBREVIATIONS or _URL.match(text, a, b):
            middle.append((a, b))
        else:
            pos = a
            # "ended.Then": a full stop between a lower-case letter (or quote) and a capital
            for i in range(a + 1, b - 1):
                if (text[i] == "." and (text[i - 1].islower() or text[i - 1] in _QUOTES)
                        and (text[i + 1].isupper() or text[i + 1] in _QUOTES) and text[pos : i + 1] not in ABBREVIATIONS
                        and "@" not in text[i:b]):  # not in an e-mail address
                    middle.append((pos, i))
                    middle.append((i, i + 1))
                    pos = i + 1
            middle.append((pos, b))
    tokens = head + middle + tail[::-1]
    # a token and the full stop after it that together make an abbreviation are one token
    # ("**Dr." is "*", "*", "Dr."), as spaCy's special cases match across affixes
    for i in range(len(tokens) - 1, 0, -1):
        (pa, pb), (da, db) = tokens[i - 1], tokens[i]
        if pb == da and db - da == 1 and text[da] == "." and text[pa:db] in ABBREVIATIONS:
            tokens[i - 1 : i + 1] = [(pa, db)]
    return tokens


_LONGEST_CHUNK = 10_000


def sentence_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets where a sentence starts in text[start:end] (the first is ``start``)."""
    starts = [start]
    seen_final = False
    pos = start
    # where the runs of sentence-final marks start, found at once: ``after`` is the first one not
    # yet passed, so a word holds one when ``after`` lies before its end (runs, as machine
    # integers: a word holds a mark if it holds a run, and 10 MB of "!" is one run, not 10 million)
    finals = array("q", (m.start() for m in _FINAL_RUN.finditer(text, start, end)))
    count, k = len(finals), 0
    after = finals[0] if finals else end
    for m in _CHUNK.finditer(text, start, end):
        if seen_final and text[pos : m.start()] not in ("", " ") and pos > start:
            # whitespace other than one space is a token of its own, and not punctuation
            starts.append(pos + 1 if text[pos] == " " else pos)
            seen_final = False
        a, b = m.span()
        pos = b
        if after >= b:
            if not seen_final:
                continue  # the common case: a word with no sentence-final mark in it
        else:
            while after < b:
                k += 1
                after = finals[k] if k < count else end
        # a run of 10,000 characters without a space is no word: one token, not split mark by
        # mark (2.6 MB of "!" after a word was 2.6 million tokens: 470 MB and minutes)
        for ta, tb in _tokens(text, a, b) if b - a <= _LONGEST_CHUNK else ((a, b),):
            if tb - ta == 1 and text[ta] in FINAL:
                seen_final = True
            elif seen_final and not _all_punct(text, ta, tb):
                starts.append(ta)
                seen_final = False
    return starts


_OPENING_MARKS = {"“", '"', "„", "«", "‘", "'"}


def split_sentences(text: str, blocks: "list[Block]") -> "list[Span]":
    """Sentence spans of each block, as offsets into ``text``; a sentence never crosses blocks."""
    from .spans import Span

    spans: list[Span] = []
    for block in blocks:
        starts = sentence_starts(text, block.start, block.end)
        bounds = [[s, e] for s, e in zip(starts, starts[1:] + [block.end])]
        for i in range(len(bounds) - 1):
            # an opening quotation mark at the end of the sentence before ('April. “Fuel ...')
            # belongs to the sentence it opens
            tail = text[bounds[i][0] : bounds[i][1]].rstrip()
            if len(tail) >= 2 and tail[-2].isspace() and tail[-1] in _OPENING_MARKS:
                cut = bounds[i][0] + len(tail) - 1
                bounds[i][1], bounds[i + 1][0] = cut, cut
        for s, e in bounds:
            chunk = text[s:e]  # trim whitespace at the edges of a sentence
            s, e = s + len(chunk) - len(chunk.lstrip()), s + len(chunk.rstrip())
            if e > s:
                spans.append(Span(s, e))
    return spans
