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


# --- the RE2::Set prefilter: which rules' patterns can match an article at all -----------------


@pytest.fixture
def pattern_set(monkeypatch):
    """The shared set, built at once (no warm-up), rebuilt for the test's patterns."""
    from newslint import matching

    monkeypatch.setattr(matching._PATTERN_SET, "scanned", matching._PatternSet.WARM_UP)
    monkeypatch.setattr(matching._PATTERN_SET, "index", None)
    monkeypatch.setattr(matching._PATTERN_SET, "MIN_BYTES", 0)  # short texts are prefiltered too
    return matching._PATTERN_SET


ARTICLES = [
    "Sales rose 12% in March, the firm said. It was the best month since 2019.",
    "THE FERRY WAS LATE AGAIN. Nobody said why.",
    "Café owners on the quay said the works were “overdue”; the ferry left at 9.",
    "",
]


def _spans(patterns, text, start=0, end=None):
    return list(patterns.finditer(text, start, end))


def test_patterns_find_the_same_with_and_without_the_set(pattern_set, monkeypatch):
    cases = [Patterns([r"\d+%", r"since \d{4}"]), Patterns([r"\bferry\b"]), Patterns([r"^the"]),
             Patterns([r"(?-i:THE) (\w+)"]), Patterns([r"said\.$"], case_sensitive=True), Patterns(["nowhere at all"])]
    with_set = [[_spans(p, text, *where) for where in ((0, None), (4, 40), (30, None))] for p in cases for text in ARTICLES]
    assert pattern_set.index is not None and pattern_set.index[0] is not None  # the set was used
    monkeypatch.setattr(pattern_set, "MAX_BYTES", -1)  # every scan made, as before the set
    without = [[_spans(p, text, *where) for where in ((0, None), (4, 40), (30, None))] for p in cases for text in ARTICLES]
    assert with_set == without
    assert _spans(cases[0], ARTICLES[0]) == [(11, 14), (62, 72)]
    assert _spans(cases[2], ARTICLES[0], 4) == []  # "^" is the article's start, not the range's
    assert _spans(cases[3], ARTICLES[1]) == [(4, 9)]
    assert _spans(cases[4], ARTICLES[1]) == []  # case-sensitive: "said why." does not end "said."
    assert _spans(cases[4], ARTICLES[0].replace(". It", ".\nIt")) == []  # "$" is the article's end only


def test_headlines_and_very_long_texts_are_scanned_rule_by_rule(pattern_set, monkeypatch):
    monkeypatch.setattr(pattern_set, "MIN_BYTES", 512)
    figures = Patterns([r"\d+%"])
    assert _spans(figures, "Sales up 12%") == [(9, 12)]
    assert getattr(pattern_set._local, "last", None) is None or pattern_set._local.last[0].text != "Sales up 12%"
    long_text = "Sales rose. " * 60 + "Costs fell 4%."
    assert _spans(figures, long_text) == [(len(long_text) - 3, len(long_text) - 1)]
    assert pattern_set._local.last[0].text is long_text  # an article's length: the set scanned it


def test_a_scan_that_does_not_finish_makes_every_pattern_scan(pattern_set, monkeypatch):
    figures = Patterns([r"\d+%"])
    assert _spans(figures, ARTICLES[0]) == [(11, 14)]
    found = pattern_set.index[0]
    # RE2 reports nothing when its DFA runs out of memory: the end sentinel is missing too
    monkeypatch.setattr(type(found), "Match", lambda self, data: None)
    text = "Prices fell 3% in April."
    assert _spans(figures, text) == [(12, 14)]


def test_patterns_made_after_the_set_was_built_are_added_to_it(pattern_set):
    first = Patterns([r"\bquay\b"])
    assert _spans(first, ARTICLES[2]) == [(19, 23)]
    built = pattern_set.index
    later = Patterns([r"\bworks\b"])  # a rule set loaded later (another folder, a server reload)
    assert _spans(later, ARTICLES[2]) == [(33, 38)]
    assert pattern_set.index is not built and later in pattern_set.index[1]
    assert _spans(first, ARTICLES[2]) == [(19, 23)]


def test_the_set_is_built_only_once_a_run_has_scanned_several_articles(monkeypatch):
    from newslint import matching

    monkeypatch.setattr(matching._PATTERN_SET, "scanned", 0)
    monkeypatch.setattr(matching._PATTERN_SET, "index", None)
    monkeypatch.setattr(matching._PATTERN_SET, "MIN_BYTES", 0)
    figures = Patterns([r"\d+"])
    for n in range(matching._PatternSet.WARM_UP - 1):
        text = f"Article {n} of the run."
        assert _spans(figures, text) == [(8, 8 + len(str(n)))]
        assert _spans(figures, text) == [(8, 8 + len(str(n)))]  # a second rule, the same article
        assert matching._PATTERN_SET.index is None  # one article at a time does not pay for it
    last = "Article 99."  # the run's sixteenth article: its second scan builds the set
    assert _spans(figures, last) == [(8, 10)]
    assert _spans(figures, last) == [(8, 10)]
    assert matching._PATTERN_SET.index is not None
