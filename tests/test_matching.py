"""The shared matchers: one automaton for every lexicon, RE2 on the article encoded once."""

from __future__ import annotations

from newslint.matching import Lexicon, Patterns, _word_fold

TEXT = "The record label set a world-record. Records fall; the Record Office shut."


def test_lexicons_share_one_scan_and_each_gets_its_own_hits():
    labels = Lexicon(["record", "record label"])
    offices = Lexicon(["record office", "world"])
    assert list(labels.finditer(TEXT)) == [(4, 16), (29, 35), (55, 61)]  # "Records" is another word
    assert list(offices.finditer(TEXT)) == [(23, 28), (55, 68)]
    # the same as each lexicon scanning alone, and within a range as well
    for lexicon in (labels, offices):
        assert list(lexicon.finditer(TEXT)) == list(lexicon.finditer(TEXT, cache=False))
        assert list(lexicon.finditer(TEXT, 5, 61)) == list(lexicon.finditer(TEXT, 5, 61, cache=False))
    assert list(labels.finditer(TEXT, 5, 60)) == [(29, 35)]  # "Record" at 55 would end past 60


def test_a_lexicon_made_after_a_scan_is_found_too():
    first = Lexicon(["label"])
    assert list(first.finditer(TEXT)) == [(11, 16)]
    later = Lexicon(["shut"])  # rebuilds the shared automaton on the next scan
    assert list(later.finditer(TEXT)) == [(69, 73)]
    assert list(first.finditer(TEXT)) == [(11, 16)]
    assert list(Lexicon(["office"]).finditer("No match here.")) == []


def test_the_word_fold_by_table_equals_the_regular_expression():
    import re

    non_word = re.compile(r"[^\w-]|_")
    for text in ("Plain ASCII, with_under-scores!", "£5m for the café’s “new” menu — ½ price", "日本語。テキスト", "emoji 😀 here"):
        from newslint.matching import fold

        assert _word_fold(text) == " " + non_word.sub(" ", fold(text)) + " "


def test_patterns_give_character_offsets_in_text_with_wide_characters():
    patterns = Patterns([r"£\d+m", r"(café)s?"])
    text = "A 😀 emoji, then £15m for the cafés."
    assert [text[s:e] for s, e in patterns.finditer(text)] == ["£15m", "café"]
    assert list(patterns.finditer(text, 20)) == [(29, 33)]
