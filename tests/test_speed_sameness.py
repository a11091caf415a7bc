"""Speed work must not change results: findings pinned on the examples and generated articles,
the same output whatever ``-j``, a dead worker reported, and the sentence splitter that
replaced spaCy's on text a user could write."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint import kinds
from newslint.cli import main
from newslint.engine import RuleSet
from newslint.kinds import Hit, Kind, register
from newslint.sentences import split_sentences
from newslint.spans import Block

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "findings.jsonl"
sys.path.insert(0, str(REPO / "bench"))

import articles  # noqa: E402  (bench/articles.py: generated articles of original text)
import findings  # noqa: E402  (bench/findings.py: records findings and metrics)


def test_findings_match_the_golden_record():
    """Every finding (default and opt-in rules) and metric on examples/ and the generated
    articles, as recorded before the speed work. Regenerate deliberately only, with
    ``python bench/findings.py record tests/golden/findings.jsonl --src``."""
    findings._init(use_src=False)
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    actual = [json.loads(json.dumps(findings._lint(item), sort_keys=True)) for item in findings.texts(False)]
    assert [r["key"] for r in actual] == [r["key"] for r in expected]
    for got, want in zip(actual, expected):
        assert got == want, got["key"]
    assert sum(len(r["default"]) for r in expected) > 100  # the record is not empty


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for shape in articles.SHAPES:
        for scale in (1, 4):
            (folder / f"{shape}-{scale}.md").write_text(articles.article(shape, scale), encoding="utf-8")
    for example in (REPO / "examples").iterdir():
        (folder / example.name).write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.txt").write_bytes(b"caf\xe9\n")  # unreadable: an error in the same place
    return folder


def _newslint(*args, cwd):
    return subprocess.run([sys.executable, "-m", "newslint", "--no-cache", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_give_the_same_output_in_the_same_order(tmp_path, fmt):
    folder = _folder(tmp_path)
    one = _newslint("-j", "1", "--format", fmt, "articles", cwd=tmp_path)
    for jobs in ("2", "0", "auto"):
        many = _newslint("-j", jobs, "--format", fmt, "articles", cwd=tmp_path)
        assert (many.stdout, many.stderr, many.returncode) == (one.stdout, one.stderr, one.returncode), jobs
    assert one.returncode == 2  # findings, and the file that is not UTF-8
    assert "articles/notes.txt: is not valid UTF-8" in one.stderr
    if fmt == "json":
        files = json.loads(one.stdout)["files"]
        paths = [f["path"] for f in files]
        # every file is listed, the unreadable one too (with "unreadable": true)
        assert paths == sorted(paths) and len(paths) == len(list(folder.iterdir()))
        assert [f["path"] for f in files if f.get("unreadable")] == ["articles/notes.txt"]


def test_bad_jobs_value_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["--no-cache", "-j", "lots", "x.md"])
    assert result.exit_code == 2
    assert "'lots' is not a number of processes or 'auto'" in result.output


@pytest.fixture
def killing_kind(monkeypatch):
    """A test-only kind whose process dies (SIGKILL, as the out-of-memory killer does) on an
    article that says SELF-DESTRUCT."""
    monkeypatch.setattr(kinds, "REGISTRY", dict(kinds.load_kinds()))

    @register
    class KillingKind(Kind):
        name = "killing"
        summary = "Kills its own process on articles that say SELF-DESTRUCT (tests only)."

        def check(self, doc, context):
            if "SELF-DESTRUCT" in doc.text:
                os.kill(os.getpid(), signal.SIGKILL)
            start = doc.text.find("foo")
            if start >= 0:
                yield Hit(start, start + 3)

    return KillingKind


def _run_with_killers(tmp_path, monkeypatch, count: int, killers: tuple[str, ...]):
    """Lint ``count`` articles with -j 2 and the killing rule; the ``killers`` kill their worker."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "killer.yaml").write_text(
        "kind: killing\nseverity: warning\nmessage: \"'{match}' is foo\"\n"
        "docs: {what: Foo., why: Foo., fix: Bar.}\n"
        "examples: {flagged: [{text: The foo plan., findings: [foo]}], passing: [The bar plan.]}\n", encoding="utf-8")
    names = [f"{i:02d}.txt" for i in range(count)]
    for name in names:
        (tmp_path / name).write_text("The foo budget was approved on Monday.\n", encoding="utf-8")
    for killer in killers:
        (tmp_path / killer).write_text("The foo budget will SELF-DESTRUCT.\n", encoding="utf-8")
    return names, CliRunner().invoke(main, ["--no-cache", "-j", "2", "--rules", "my-rules", "--select", "killer", *names])


def test_dead_worker_is_an_error_naming_its_file(tmp_path, monkeypatch, killing_kind):
    names, result = _run_with_killers(tmp_path, monkeypatch, 20, ("07.txt",))
    assert "Traceback" not in result.output
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "newslint: error: 07.txt: the worker process linting it died (killed by SIGKILL (out of memory?)); the file was not checked"
    ]
    for name in names:  # every other file is still linted, in order
        if name != "07.txt":
            assert f"{name}:1:5: warning killer 'foo' is foo" in result.stdout
    lines = [line.split(":")[0] for line in result.stdout.splitlines() if "killer" in line]
    assert lines == [n for n in names if n != "07.txt"]


def test_two_deaths_in_one_chunk_cost_their_two_files_only(tmp_path, monkeypatch, killing_kind):
    # A worker sends a chunk's results in one message, so a death loses finished files too: they
    # are linted again by another worker, which here also dies, on the second killer.
    names, result = _run_with_killers(tmp_path, monkeypatch, 12, ("02.txt", "05.txt"))
    assert "Traceback" not in result.output
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"newslint: error: {killer}: the worker process linting it died (killed by SIGKILL (out of memory?)); the file was not checked"
        for killer in ("02.txt", "05.txt")
    ]
    lines = [line.split(":")[0] for line in result.stdout.splitlines() if "killer" in line]
    assert lines == [n for n in names if n not in ("02.txt", "05.txt")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_ends_workers_without_a_traceback(tmp_path, signum):
    folder = tmp_path / "big"
    folder.mkdir()
    text = articles.article("plain", 200)
    for i in range(60):
        (folder / f"{i:03d}.md").write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "--no-cache", "-j", "2", "big"], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    children: list[int] = []
    deadline = time.monotonic() + 120
    while not children and proc.poll() is None and time.monotonic() < deadline:
        try:
            with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as handle:
                children = [int(c) for c in handle.read().split()]
        except OSError:
            pytest.skip("no /proc children list on this system")
        time.sleep(0.05)
    assert children, "no worker process started"
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert "Traceback" not in stderr
    assert stderr.strip() == f"newslint: terminated by {signal.Signals(signum).name}"
    for child in children:  # the workers are gone too
        assert not Path(f"/proc/{child}").exists() or "zombie" in Path(f"/proc/{child}/status").read_text().lower()


# --- the sentence splitter -----------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, [Block(0, len(text), "paragraph")])]


@pytest.mark.parametrize("text, expected", [
    ("The ferry left at noon. It came back late!", ["The ferry left at noon.", "It came back late!"]),
    ("Mr. Okafor and Dr. Lind met on Jan. 4 in St. Ives. They agreed.",
     ["Mr. Okafor and Dr. Lind met on Jan. 4 in St. Ives.", "They agreed."]),
    ("The U.S. team won. The BBC. reported it.", ["The U.S. team won.", "The BBC.", "reported it."]),
    ("Votes went to Mary J. Okafor on Friday. Then came rain.", ["Votes went to Mary J. Okafor on Friday.", "Then came rain."]),
    ("Was it worth it? Nobody knows... Perhaps.", ["Was it worth it?", "Nobody knows... Perhaps."]),
    ('"Why now?" she asked. "Because," he said.', ['"Why now?"', "she asked.", '"Because," he said.']),
    ("The deal cost £300m. The board approved it.", ["The deal cost £300m. The board approved it."]),
    ("The deal cost £300bn. The board approved it.", ["The deal cost £300bn.", "The board approved it."]),
    ("It ended.Then it began. See Go.Harbour.gov for more.", ["It ended.", "Then it began.", "See Go.Harbour.gov for more."]),
    ("Wow!!! That was fast?! Yes.", ["Wow!!!", "That was fast?!", "Yes."]),
    ("He said: 'No.' Then he left (quickly.) Fine.", ["He said: 'No.'", "Then he left (quickly.)", "Fine."]),
    ("The port opened in April. “Fuel is cheaper now,” said Ana.", ["The port opened in April.", "“Fuel is cheaper now,” said Ana."]),
    ("One line.\nNext line starts here.", ["One line.", "Next line starts here."]),
    ("Write to ana.lind@harbour.example.org. We reply.", ["Write to ana.lind@harbour.example.org.", "We reply."]),
])
def test_sentence_splitter(text, expected):
    assert sentences(text) == expected


def test_sentence_splitter_keeps_offsets_within_blocks():
    text = "First block. Two sentences.\n\nSecond block, one sentence."
    spans = split_sentences(text, [Block(0, 27, "paragraph"), Block(29, len(text), "paragraph")])
    assert [(s.start, s.end) for s in spans] == [(0, 12), (13, 27), (29, len(text))]


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _faq_article(repeats: int, bangs: int = 0) -> str:
    return articles.article("faq", repeats) + "!" * bangs + "\n"


def test_faq_with_a_run_of_exclamation_marks_is_linear(ruleset):
    """Issue 15, item 2 (a generous budget, 10x the linear time): spaCy's tokenizer took
    quadratic time on a FAQ article followed by 20,000 '!'."""
    small = _seconds(lambda: ruleset.lint_text(_faq_article(1, 5_000), "a.md"))
    large = _seconds(lambda: ruleset.lint_text(_faq_article(1, 20_000), "a.md"))
    assert large < 10 * 4 * max(small, 0.02)
    result = ruleset.lint_text(_faq_article(1, 20_000), "a.md")
    assert [f.rule for f in result.findings].count("faq-redundant-answer") == 2


def test_a_run_of_marks_costs_repeated_sentence_linear_time(ruleset):
    """Issue 15, item 2: repeated-sentence's sentence ends were tried from every mark of a run of
    '!' with no space after it, each try scanning the rest of the run (a 250 KB run took
    minutes). The budget is 10x the time of a run of letters as long."""
    from newslint.kinds.repetition import sentences

    letters = _seconds(lambda: list(sentences("Yes" + "a" * 20_000, 0, 20_003)))
    marks = _seconds(lambda: list(sentences("Yes" + "!" * 20_000, 0, 20_003)))
    assert marks < 10 * max(letters, 0.01)
    article = "# Pool\n\nThe pool opens in May. It is free!" + "!" * 20_000 + " Bring a towel.\n"
    assert _seconds(lambda: ruleset.lint_text(article, "a.md")) < 10 * max(_seconds(
        lambda: ruleset.lint_text(article.replace("!", "a"), "a.md")), 0.05)
    assert list(sentences("Stop!!! Go. Now", 0, 15)) == [(0, 7), (8, 11), (12, 15)]


def test_a_million_marks_after_a_word_are_split_in_linear_time_and_memory():
    """Issue 15: 2.6 MB of '!' after a word was 2.6 million tokens for the sentence splitter
    (470 MB, minutes); a run without a space past 10,000 characters is one token now."""
    import tracemalloc

    from newslint.sentences import sentence_starts

    text = "Yes" + "!" * 1_000_000 + " Go on."
    letters = _seconds(lambda: sentence_starts(text.replace("!", "s"), 0, len(text)))
    tracemalloc.start()
    try:
        took = _seconds(lambda: sentence_starts(text, 0, len(text)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert took < 10 * max(letters, 0.05)
    assert peak < 20_000_000  # bytes: nothing per mark
    assert sentence_starts("Yes!!! Go on.", 0, 13) == [0, 7]


def test_faq_redundancy_is_linear_in_repeated_text(ruleset):
    """Issue 15, item 3 (a generous budget, 10x the linear time): answers x body sentences."""
    ruleset.lint_text(_faq_article(2), "warm.md")
    small = _seconds(lambda: ruleset.lint_text(_faq_article(100), "a.md"))
    large = _seconds(lambda: ruleset.lint_text(_faq_article(400), "a.md"))
    assert large < 10 * 4 * max(small, 0.02)
    redundant = [f for f in ruleset.lint_text(_faq_article(400), "a.md").findings if f.rule == "faq-redundant-answer"]
    assert len(redundant) == 2 * 400  # every repeated answer still points at the first body sentence
    assert {f.message for f in redundant} == {f.message for f in redundant[:2]}


def _distinct_sentences_then_a_repeat(n: int) -> str:
    body = " ".join(f"Crew {i} painted hull {i * 7} of ferry {i * 13} on day {i * 3} before storm {i * 11} hit."
                    for i in range(n))
    return f"# Yard\n\n{body}\n\nCrew 0 painted hull 0 of ferry 0 on day 0 before storm 0 hit.\n"


def test_one_repeat_after_many_distinct_sentences_costs_linear_time(rules):
    """A repeat found after thousands of distinct sentences indexes the earlier trigrams once (a
    difference against the whole index per sentence made it quadratic: 1.1 s on a 50,000-word
    article). The budget is 3x the linear time: quadratic would be 100x for 10x the sentences."""
    import gc

    ruleset = RuleSet(rules, select=["repeated-sentence", "repeated-passage"])
    small, large = _distinct_sentences_then_a_repeat(1_000), _distinct_sentences_then_a_repeat(10_000)
    ruleset.lint_text(small, "warm.md")
    gc.collect()
    gc.disable()  # a collection of the whole suite's objects in one run and not the other is no measure
    try:
        small_time = min(_seconds(lambda: ruleset.lint_text(small, "a.md")) for _ in range(3))
        large_time = min(_seconds(lambda: ruleset.lint_text(large, "a.md")) for _ in range(2))
    finally:
        gc.enable()
    assert large_time < 30 * max(small_time, 0.01)
    found = [(f.rule, f.start, f.message) for f in ruleset.lint_text(large, "a.md").findings]
    last = large.rindex("Crew 0")  # the last paragraph repeats the first sentence, at line 3, column 1
    assert found == [("repeated-passage", last, "this sentence repeats the one at line 3, column 1 word for word "
                                                 "(100% of its wording): cut one of them")]


def test_stop_words_are_spacys():
    from spacy.lang.en.stop_words import STOP_WORDS

    from newslint.kinds.faq import stop_words

    assert stop_words() == frozenset(STOP_WORDS)


def test_default_run_on_a_faq_article_imports_no_nlp_library(tmp_path):
    """Sentences, stop words and stems for the FAQ check come without spaCy or NLTK."""
    (tmp_path / "story.md").write_text(articles.article("faq", 2), encoding="utf-8")
    script = (
        "import sys\nfrom newslint.cli import main\n"
        "try:\n    main(['--no-cache', 'story.md'])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('IMPORTED ' + ','.join(m for m in ('spacy', 'nltk', 'textstat', 'thinc') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.stderr.strip().splitlines()[-1] == "IMPORTED"
    assert proc.stdout.count("faq-redundant-answer") == 4
