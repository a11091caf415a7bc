"""The shared matchers: one automaton for every lexicon, RE2 on the article encoded once."""

from __future__ import annotations

import pytest

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


def test_rule_sets_made_and_used_in_several_threads_at_once_give_the_same_findings():
    # a Dask worker runs several tasks at once, each loading its own rule set: the automaton all
    # lexicons share must take each new lexicon, and no thread may read another's hits
    import threading

    from newslint.engine import RuleSet
    from newslint.rules import load_rules

    texts = [
        "Experts say the ground-breaking pier is the longest in the world. Critics argue it leaks.",
        "The iconic ferry ushers in a new era, and many believe it will change the island.",
        "The council said the bridge would open in May after three years of work.",
    ]

    def run():
        ruleset = RuleSet(load_rules())
        return [[(f.rule, f.start, f.end) for f in ruleset.lint_text(t, "x.txt", metrics=False).findings] for t in texts]

    expected = run()
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(run())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    import sys

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, so that they interleave
    try:
        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len(results) == 30 and all(r == expected for r in results)


def test_a_lexicon_missing_from_the_shared_automaton_makes_it_rebuild():
    # the state a race leaves: one thread built the automaton from the members it saw, while
    # another added a lexicon; asking for the new lexicon's hits must rebuild, not fail
    from newslint.matching import Lexicon, _Shared

    shared = _Shared()
    first = Lexicon([])  # an empty lexicon joins no automaton; fill it by hand
    first.keys, first.empty = frozenset({" pier "}), False
    shared.add(first)
    text = "The pier and the ferry."
    assert shared.hits(first, text) == [(4, 8)]
    stale = shared.index
    second = Lexicon([])
    second.keys, second.empty = frozenset({" ferry "}), False
    shared.add(second)
    shared.index = stale  # built before "second" was added
    assert shared.hits(second, text) == [(17, 22)]
    assert shared.hits(first, text) == [(4, 8)]


CHECKED_CASES = [
    ["a new era", "stupendous"],  # no groups
    [r", (highlighting\b[^.]*)", "plain"],  # a group in the first pattern
    ["plain", r"(?P<word>harbou?r) master", r"(?:ferry|boat)s? (late)"],  # named and plain groups
    [r"\(pier\)", r"[(]boat[)]", r"\\\(x"],  # escaped and bracketed parentheses: no group
    ["(?i)MAYOR said"],  # one pattern, a flag group
]


@pytest.mark.parametrize("patterns", CHECKED_CASES)
def test_patterns_checked_elsewhere_match_as_patterns_checked_here(patterns):
    # the shipped rules' patterns are compiled alone only by the test suite; at run time only
    # the alternation (and each pattern that may hold a group, to count its groups) is compiled
    text = ("In a new era, (pier) and [(]boat[)] (x, stupendous. The harbour master, highlighting the "
            "tide. Ferries late again. The MAYOR said so, plainly.")
    checked, here = Patterns(patterns, checked=True), Patterns(patterns)
    assert checked.groups == here.groups
    assert list(checked.finditer(text)) == list(here.finditer(text))


def test_the_shipped_rules_patterns_give_the_same_groups_either_way():
    from newslint.rules import load_rules

    lists = [r.kind.p[name] for r in load_rules() for name in ("patterns", "exception_patterns")
             if r.kind.p.get(name)]
    assert len(lists) > 10
    for patterns in lists:
        assert Patterns(patterns, checked=True).groups == Patterns(patterns).groups, patterns


def test_patterns_not_checked_elsewhere_are_checked_one_by_one():
    # joined, "a)|(?:b" would be a valid alternation: alone it is not a pattern
    with pytest.raises(ValueError, match=r"pattern 'a\)\|\(\?:b' is not a valid RE2 regular expression"):
        Patterns(["x", "a)|(?:b"])
    assert Patterns(["x", "a)|(?:b"], checked=True).regex is not None  # trusted as checked
