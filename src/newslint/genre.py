"""Genre: what kind of piece an article is, so that rules made for hard news do not judge a
column, a how-to or a fixture list by the standards of a wire report.

A genre comes, first found wins, from

1. the configuration (``genre:`` at the top level or in an ``overrides`` entry, per path);
2. the front matter: a ``genre`` key, or ``type`` / ``layout`` / ``categories`` / ``tags`` /
   ``section`` values that name one (``review``, ``opinion``, ``how-to``, ...);
3. the text: a body made of short list lines (fixtures, nominees), a match report (a scoreline
   in the headline, or play-by-play words dense around a score), a narrator who writes "I" and
   "we" (a blog post, a column), or a piece that addresses the reader as "you" (a guide).

Otherwise the article is ``news``. Rules say where they apply with ``genres:`` in their YAML
(default: every genre).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .lazyre import lazy_compile
from .matching import Lexicon

GENRES = ("news", "opinion", "guide", "review", "list", "announcement", "match-report")

#: Front matter values that name a genre (lower case, compared after folding "_" and " " to "-").
FRONT_MATTER_GENRES = {
    "news": "news", "article": "news", "report": "news", "story": "news", "breaking": "news",
    "opinion": "opinion", "column": "opinion", "editorial": "opinion", "comment": "opinion",
    "blog": "opinion", "essay": "opinion", "analysis": "opinion", "letter": "opinion", "letters": "opinion",
    "first-person": "opinion", "commentary": "opinion", "interview": "opinion", "q-and-a": "opinion",
    "how-to": "guide", "howto": "guide", "guide": "guide", "tutorial": "guide", "explainer": "guide",
    "tips": "guide", "advice": "guide", "help": "guide", "documentation": "guide", "docs": "guide",
    "review": "review", "reviews": "review", "film-review": "review", "album-review": "review",
    "list": "list", "listing": "list", "listings": "list", "fixtures": "list", "results": "list",
    "roundup": "list", "round-up": "list", "schedule": "list", "nominations": "list",
    "match-report": "match-report", "match": "match-report", "match-reports": "match-report",
    "live-scores": "match-report", "scores": "match-report",
    "announcement": "announcement", "announcements": "announcement", "press-release": "announcement",
    "event": "announcement", "events": "announcement", "notice": "announcement",
}
_KEYS = ("genre", "type", "layout", "categories", "category", "tags", "section", "kind")

_FIRST_PERSON = (r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|myself|we|we're|we’re|we've|we’ve|our|ours|us|ourselves)\b")
_SECOND_PERSON = (r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself|[Yy]ourselves|[Yy]ou're|[Yy]ou’re|[Yy]ou've|[Yy]ou’ve|[Yy]ou'll|[Yy]ou’ll|YOU|YOUR)\b")
#: Narrator pronouns per 1,000 words (outside quotations) from which the voice is personal.
VOICE_PER_1000 = 5.0
#: ... and at least this many of them: two "we"s in a short piece are a turn of phrase, not a voice.
VOICE_MIN_COUNT = 4
_LIST_LINE_WORDS = 12
# A match report: a scoreline in the headline, or play-by-play words (goals, wickets, sets,
# minutes) dense in a text that gives a score.
_SCORELINE = lazy_compile(r"\b\d{1,3}-\d{1,3}\b")
#: Play-by-play words, found with the rules' lexicons in their one scan of the article (a
#: regular expression of them took a fifth of a default run's time); "the 90th minute" by
#: ``_PLAY_MINUTE`` where the lexicon finds "minute".
_PLAY = Lexicon([
    "scored", "scores", "scoring", "goal", "goals", "striker", "midfielder", "defender", "keeper",
    "goalkeeper", "half-time", "second half", "first half", "penalty", "free-kick", "header",
    "wicket", "wickets", "innings", "tries", "try-line", "conversion", "set point", "match point",
    "break point", "tie-break", "straight sets", "seed", "seeded", "minute left", "minutes left",
    "injury time", "stoppage time", "equaliser", "winner", "lead", "league", "cup", "fixture",
    "kick-off", "quarter-final", "semi-final", "final",
])
_MINUTE = Lexicon(["minute"])
_PLAY_MINUTE = lazy_compile(r"(?<![\w])\d+(?:st|nd|rd|th) $", re.I)
PLAY_PER_1000 = 17.0
#: ... and with no score in figures.
PLAY_ONLY_PER_1000 = 25.0
#: ... and at least this many of them.
PLAY_MIN_COUNT = 6


@lru_cache(maxsize=1)
def _pronoun_patterns():
    from .matching import Patterns

    # one RE2 pass each over the body, through the rules' encoded-text path (the wrapper's own
    # finditer costs microseconds per match): the narrator's "I"/"we", the reader's "you". The
    # two word lists share no word, so two passes find what one alternation of both would.
    return Patterns([_FIRST_PERSON], case_sensitive=True), Patterns([_SECOND_PERSON], case_sensitive=True)


def _pronouns(doc, blocks) -> tuple[list[int], list[int]]:
    """Offsets of first-person and second-person pronouns in the given blocks."""
    text = doc.text
    starts = [b.start for b in blocks]
    lo, hi = blocks[0].start, blocks[-1].end

    def in_blocks(found) -> list[int]:
        offsets = []
        for at, _end in found:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < blocks[i].end:
                offsets.append(at)
        return offsets

    first, second = _pronoun_patterns()
    return in_blocks(first.finditer(text, lo, hi)), in_blocks(second.finditer(text, lo, hi))


def from_front_matter(front_matter: dict) -> str | None:
    for key in _KEYS:
        value = front_matter.get(key)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str):
                genre = FRONT_MATTER_GENRES.get(item.strip().lower().replace("_", "-").replace(" ", "-"))
                if genre:
                    return genre
    return None


def _play_in(text: str, start: int, end: int) -> int:
    """Play-by-play words in text[start:end] ("goal", "half-time", "the 90th minute")."""
    count = sum(1 for at, stop in _PLAY.finditer(text, start, end)
                if text[at - 1 : at] != "_" and text[stop : stop + 1] != "_")
    for at, _stop in _MINUTE.finditer(text, start, end):
        if _PLAY_MINUTE.search(text, max(start, at - 12), at):
            count += 1
    return count


def _play_count(text: str, blocks) -> int:
    """Play-by-play words in the blocks: ``_play_in`` of each block summed, found in one pass
    over the stretch they span (a call per block cost more than the counting). A term that
    runs from one block into the next ("... second" / "half-time ...") would hide a term the
    per-block count sees: then the blocks are counted one by one."""
    starts = [b.start for b in blocks]
    lo, hi = blocks[0].start, blocks[-1].end
    count = 0
    for at, stop in _PLAY.finditer(text, lo, hi):
        i = bisect.bisect_right(starts, at) - 1
        if i < 0 or stop > blocks[i].end:  # not inside one block
            j = bisect.bisect_left(starts, stop) - 1  # the last block that starts before the term ends
            if j >= 0 and blocks[j].end > at:  # ... and it overlaps the term: a term across blocks
                return sum(_play_in(text, b.start, b.end) for b in blocks)
            continue
        if text[at - 1 : at] != "_" and text[stop : stop + 1] != "_":
            count += 1
    for at, stop in _MINUTE.finditer(text, lo, hi):
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and stop <= blocks[i].end and _PLAY_MINUTE.search(text, max(blocks[i].start, at - 12), at):
            count += 1
    return count


def from_text(doc) -> str:
    """The genre the text itself shows: a personal narrator, a guide, a list, else news."""
    headline = doc.headline
    blocks = doc.body_blocks
    # list entries are often short lines that read as headings: count every block but the headline
    entries = [b for b in doc.prose_blocks if headline is None or b.start != headline.start]
    if not entries:
        return "news"
    text = doc.text
    words = doc.word_count or 1
    if len(entries) >= 6:
        # entries, not sentences: short lines that do not end like a sentence
        # (the last character first: most prose blocks end like a sentence and are not split)
        short = sum(1 for b in entries
                    if text[b.end - 1] not in ".!?:\"”" and len(text[b.start : b.end].split()) <= _LIST_LINE_WORDS)
        if short >= 0.6 * len(entries):
            return "list"
    if headline is not None and _SCORELINE.search(doc.span_text(headline)):
        return "match-report"
    play = _play_count(text, blocks) if blocks else 0
    # a score in figures and play-by-play words, or play-by-play words so dense that the score
    # must be in words ("Man Utd stroll to Cup win", "won by two goals"); a sentence that
    # mentions a cup is not a match report. The score is looked for only where the words are
    # dense enough for it to matter (a score has a hyphen: the search, slow on a long
    # paragraph, only where one is).
    if play >= PLAY_MIN_COUNT and 1000.0 * play / words >= PLAY_PER_1000:
        scored = any(text.find("-", b.start, b.end) >= 0 and _SCORELINE.search(text, b.start, b.end) for b in blocks)
        if 1000.0 * play / words >= (PLAY_PER_1000 if scored else PLAY_ONLY_PER_1000):
            return "match-report"
    if not blocks:
        return "news"
    first, second = _pronouns(doc, blocks)
    floor = max(VOICE_MIN_COUNT, VOICE_PER_1000 * words / 1000.0)
    if len(first) < floor and len(second) < floor:
        return "news"  # too few pronouns even counting quotations: quotes need not be paired
    in_quote, in_block_quote = doc.in_quote, doc.in_block_quote
    first = sum(1 for at in first if not in_quote(at) and not in_block_quote(at))
    second = sum(1 for at in second if not in_quote(at) and not in_block_quote(at))
    first_rate, second_rate = 1000.0 * first / words, 1000.0 * second / words
    if first >= second:
        return "opinion" if first >= VOICE_MIN_COUNT and first_rate >= VOICE_PER_1000 else "news"
    return "guide" if second >= VOICE_MIN_COUNT and second_rate >= VOICE_PER_1000 else "news"


def detect(doc) -> str:
    return from_front_matter(doc.front_matter) or from_text(doc)
