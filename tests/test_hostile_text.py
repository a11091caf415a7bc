"""Hostile articles (issue 15, items 2, 3 and 7): crafted text that used to take quadratic (or
exponential) time, and control characters that used to reach the terminal.

Time is checked as the issue asks: each crafted text of about 100 KB goes through the layer that
was slow, with a generous budget of ten times what the same layer takes on ordinary text of the
same size (plus half a second), so a quadratic regression (tens of seconds here) fails. Each case
also asserts what the layer finds, so the fast path is the right one.
"""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from newslint import suppressions
from newslint.baseline import BaselineWriter, fingerprints
from newslint.cli import main
from newslint.document import Document
from newslint.finding import Finding, Severity
from newslint.html import html_blocks
from newslint.lines import LineIndex
from newslint.report.escape import quote_path, visible
from newslint.report.text import TextReporter
from newslint.engine import FileResult

pytestmark = pytest.mark.usefixtures("isolated")

SIZE = 40_000
PROSE = "The council met on Monday to discuss the budget, the mayor said. "


def fill(unit: str, head: str = "Text ", size: int = SIZE) -> str:
    return head + unit * (size // len(unit))


def seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def within_budget(hostile, ordinary) -> None:
    """``hostile`` runs in at most 10x the time of ``ordinary`` (the same work on plain text).
    The best of two runs each, so a pause of the (shared) machine does not fail the test."""
    reference = min(seconds(ordinary) for _ in range(2))
    took = seconds(hostile)
    if took > 10 * reference + 1.0:
        took = min(took, seconds(hostile))
    assert took <= 10 * reference + 1.0, f"{took:.2f} s against {reference:.3f} s on ordinary text"


def scales_linearly(work, make, size: int) -> None:
    """``work(make(4 * size))`` takes at most 10x ``work(make(size))`` (linear: 4x; quadratic:
    16x), for work whose cost per character is bounded but large (attribution windows)."""
    small, large = make(size), make(4 * size)
    one = min(seconds(lambda: work(small)) for _ in range(2))
    four = seconds(lambda: work(large))
    if four > 10 * one + 0.5:
        four = min(four, seconds(lambda: work(large)))
    assert four <= 10 * one + 0.5, f"{four:.2f} s at 4x against {one:.3f} s at 1x"


def layers(text: str, path: str):
    doc = Document(text, path)
    return doc, doc.links, doc.quotes, doc.is_masked(0, 1)


# --- item 2: regular expressions and masks -------------------------------------------------------


@pytest.mark.parametrize("unit, path", [
    ("](", "a.md"), ("](", "a.txt"),  # Markdown link regex
    ("<!-- ", "a.md"), ("<!-- ", "a.txt"),  # comment mask
    ("`a", "a.md"), ("``a`", "a.md"),  # code spans
    ("<http://a", "a.md"),  # autolinks
    ("<div ", "a.md"),  # HTML tags in Markdown
    ("{{", "a.md"), ("{%", "a.md"),  # template tags (a 4,000-character scan each)
    (' "a', "a.txt"), ("“a ", "a.txt"),  # opening quotation marks
    (")", "a.txt"),  # a URL followed by many ")"
    ("http://example.com/a) ", "a.txt"),
])
def test_crafted_markup_is_parsed_in_linear_time(unit, path):
    head = "See http://example.com/a" if unit == ")" else "Text "
    within_budget(lambda: layers(fill(unit, head), path),
                  lambda: layers(fill("[A](https://example.com/a) said “yes”. " + PROSE), path))


def test_url_before_many_parentheses_is_found_without_them():
    doc = Document("See http://example.com/a" + ")" * 5000, "a.txt")
    assert [link.url for link in doc.links] == ["http://example.com/a"]
    doc = Document("See (https://en.wikipedia.org/wiki/Pier_(disambiguation)).", "a.txt")
    assert [link.url for link in doc.links] == ["https://en.wikipedia.org/wiki/Pier_(disambiguation)"]


def test_a_template_inside_a_tag_cannot_take_exponential_time():
    # "{{}}" could be read as a template or as four braces: 80 bytes used to hang for minutes
    text = "Text <a " + "{{}}" * 40 + " and more words.\n"
    assert seconds(lambda: layers(text, "a.md")) < 2
    doc = Document('An image <img src="{{< ref "pier.png" >}}"> of the pier.\n', "a.md")
    assert doc.is_masked(doc.text.index("<img"), doc.text.index("<img") + 1)
    assert not doc.is_masked(doc.text.rindex("pier."), doc.text.rindex("pier.") + 4)


def test_unclosed_comments_and_directives_do_not_rescan():
    text = fill("<!-- newslint-enable ")
    within_budget(lambda: suppressions.parse_directives(text),
                  lambda: suppressions.parse_directives(fill("<!-- newslint-enable peacock-word -->\n")))
    assert suppressions.parse_directives(text) == []
    # a closed comment after unclosed ones is still a comment (and a directive)
    directives = suppressions.parse_directives("<!-- <!-- newslint-disable peacock-word -->")
    assert [(d.action, sorted(d.names)) for d in directives] == [("disable", ["peacock-word"])]
    directives = suppressions.parse_directives("<!-- x <!-- newslint-disable peacock-word -->")
    assert [(d.action, sorted(d.names)) for d in directives] == [("disable", ["peacock-word"])]


def finding(text: str, word: str, rule: str = "peacock-word", nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Finding(start, start + len(word), rule, Severity.WARNING, "x", word)


def test_many_disable_next_line_directives_before_many_blank_lines():
    text = "<!-- newslint-disable-next-line -->" * 2000 + "\n" * 50_000 + "A stupendous day.\n"
    lines = LineIndex(text)
    hit = finding(text, "stupendous")
    kept, unused = [], []
    took = seconds(lambda: kept.extend(suppressions.apply(text, [hit], {}, lines)[0]))
    assert kept == []
    assert took < 5  # 2,000 scans of 50,000 blank lines each took minutes


def test_many_disable_enable_ranges_are_matched_by_a_sweep():
    unit = "<!-- newslint-disable peacock-word -->\nA stupendous day.\n<!-- newslint-enable peacock-word -->\nAn iconic day.\n"
    text = unit * 1500
    hits = [finding(text, "stupendous", nth=i) for i in range(1500)] + [finding(text, "iconic", nth=i) for i in range(1500)]
    kept, unused, _unknown = suppressions.apply(text, hits, {}, LineIndex(text))
    assert [f.snippet for f in kept] == ["iconic"] * 1500
    assert unused == []
    # disables naming two rules stay open across enables naming one (each used to rescan them all)
    text = "<!-- newslint-disable peacock-word, hype-density -->\n" * 3000 + "<!-- newslint-enable peacock-word -->\n" * 3000
    assert seconds(lambda: suppressions.apply(text, [], {}, LineIndex(text))) < 5


def test_suppression_ranges_credit_the_first_directive_as_before():
    text = ("<!-- newslint-disable -->\n<!-- newslint-disable peacock-word -->\nA stupendous day.\n"
            "<!-- newslint-enable -->\nAn iconic day.\n")
    kept, unused, _unknown = suppressions.apply(text, [finding(text, "stupendous"), finding(text, "iconic")], {}, LineIndex(text))
    assert [f.snippet for f in kept] == ["iconic"]
    assert [u.snippet for u in unused] == ["<!-- newslint-disable peacock-word -->"]


@pytest.mark.parametrize("unit", ["<a ", "<li>a ", "<p>a ", "<!-- ", "<![ ", "</b ", '<a x="', "<?x "])
def test_crafted_html_is_parsed_in_linear_time(unit):
    within_budget(lambda: html_blocks(fill(unit, "<p>Text ")),
                  lambda: html_blocks(fill("<p>The <a href='x'>council</a> met.</p>\n")))


def test_html_scanner_reads_tags_as_before():
    text = ('<html><head><title>Pier</title><script>if (a < b) { s = "</p>"; }</script></head><body>\n'
            '<!-- <p>hidden</p> -->\n<p>The <a href="https://example.com/a" title="x > y">mayor</a> spoke.</p>\n'
            '<ul><li>One <p>inner</p></li></ul>\n<P>Upper</P><p>Line<br/>break</p></body></html>')
    blocks, masked, title = html_blocks(text)
    assert [text[s:e] for s, e, _ in blocks] == [
        'The <a href="https://example.com/a" title="x > y">mayor</a> spoke.', "inner", "Upper", "Line<br/>break"]
    assert text[title[0]:title[1]] == "Pier"
    assert "<!-- <p>hidden</p> -->" in [text[s:e] for s, e in masked]
    # "<![ " made the standard library's parser raise AssertionError
    broken = "<p>Text <![ x</p><p>Next.</p>"
    assert html_blocks(broken)[0] == [(broken.index("Next."), broken.index("Next.") + 5, "paragraph")]


def test_nested_blocks_keep_only_the_innermost():
    text = "<li>a " * 3000 + "<li>last</li>"
    blocks, _, _ = html_blocks(text)
    assert [text[s:e] for s, e, _ in blocks] == ["last"]


# --- item 3: quotations, baselines and the text report on large content ----------------------------


def test_many_quotations_in_one_paragraph_are_attributed_in_linear_time():
    unit = "“We will rebuild the pier,” the mayor said. "
    scales_linearly(lambda text: Document(text, "a.txt").quotes, lambda n: fill(unit, "", n), SIZE // 2)
    quotes = Document(fill(unit, ""), "a.txt").quotes
    assert len(quotes) == SIZE // len(unit) and all(q.attributed and not q.named for q in quotes)
    quotes = Document("“We will rebuild the pier,” Ms Okafor said. " * 2000, "a.txt").quotes
    assert all(q.attributed and q.named for q in quotes)


def test_a_name_far_along_a_long_paragraph_names_only_the_quotations_within_reach():
    # the names of a paragraph are found once and bisected per quotation; the result must be the
    # one a scan of each quotation's own window gives ("she", "Mr Ito" up to ATTRIBUTION_REACH away)
    from newslint.quotes import ATTRIBUTION_REACH, _NAMED_SPEAKER, _blank_quotes, _names

    unit = "“We will rebuild the pier,” the mayor said. "
    text = unit * 150 + "Then she left. " + unit * 150 + "“Soon,” Mr Ito said. " + unit * 150
    doc = Document(text, "a.txt")
    quotes = doc.quotes
    block = doc.blocks[0]
    expected = []
    for q in quotes:
        window = (text[max(block.start, q.start - ATTRIBUTION_REACH) : q.start] + " "
                  + text[q.end : min(block.end, q.end + ATTRIBUTION_REACH)])
        expected.append(_names(_NAMED_SPEAKER, _blank_quotes(window)))
    assert [q.named for q in quotes] == expected
    assert 0 < sum(expected) < len(expected)  # both kinds occur: the reach matters here


def test_unattributed_quotations_in_one_paragraph():
    unit = "“We will rebuild the pier” and then “we will open it” "
    scales_linearly(lambda text: Document(text, "a.txt").quotes, lambda n: fill(unit, "", n), SIZE // 2)
    assert not any(q.attributed for q in Document(fill(unit, ""), "a.txt").quotes)


def test_unattributed_quotations_in_one_long_line_are_checked_in_linear_time():
    # a search from each quotation to its paragraph's start and end (brackets, a signature line)
    # was quadratic: fast per character, so it shows only at a few hundred KB
    from newslint.engine import RuleSet
    from newslint.rules import load_rules

    rules = RuleSet(load_rules(), select=["unattributed-quote"])
    unit = "“We will rebuild the pier every single year” and then “we will open it to everyone soon” "

    def check(text):
        return rules.lint_document(Document(text, "a.txt"), metrics=False).findings

    scales_linearly(check, lambda n: fill(unit, "", n), 100_000)
    text = ("The plan (“We will rebuild the pier every single year”) was shelved. "
            "“We will open the pier to everyone again next spring”, and then it rained.")
    assert [f.snippet for f in check(text)] == ["“We will open the pier to everyone again next spring”"]


def long_line_result(size: int = SIZE):
    text = fill("It was a stupendous day. ", "", size)
    starts = range(9, len(text), 25)
    findings = [Finding(s, s + 10, "peacock-word", Severity.WARNING, "x", text[s:s + 10]) for s in starts]
    return FileResult("a.txt", text=text, findings=findings)


def test_baseline_fingerprints_fold_and_hash_each_line_once(tmp_path):
    # 16,000 findings on one 400 KB line: hashing the line into every fingerprint was 6 GB of
    # hashing (version 2 baselines); version 3 hashes the line once
    one_line = long_line_result(400_000)
    lines = FileResult("a.txt", text=one_line.text.replace(". ", ".\n"), findings=one_line.findings)
    within_budget(lambda: fingerprints(one_line), lambda: fingerprints(lines))

    def write(result):
        writer = BaselineWriter(str(tmp_path / "base.json"))
        writer.add(result)
        writer.write()

    within_budget(lambda: write(one_line), lambda: write(lines))
    prints = fingerprints(long_line_result(2500))
    assert len(prints) == 100 and len(set(prints)) == 1  # the same rule, text and line: one fingerprint


def test_text_report_copies_only_a_window_of_a_long_line(tmp_path):
    class Sink:
        def write(self, s):
            pass

        def flush(self):
            pass

    result = long_line_result()
    within_budget(lambda: TextReporter(Sink(), color=False).file(result),
                  lambda: TextReporter(Sink(), color=False).file(
                      FileResult("a.txt", text=result.text.replace(". ", ".\n"), findings=result.findings)))


# --- item 7: control characters and odd file names ------------------------------------------------


def test_control_characters_are_escaped_in_text_output(tmp_path):
    (tmp_path / "a.txt").write_text("The \x1b]0;owned\x07 stupendous, iconic pier opened\x1b[2J, a new era.\n",
                                    encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", "a.txt"])
    assert result.exit_code == 0  # peacock-word is info
    assert "\x1b" not in result.output and "\x07" not in result.output
    lines = result.output.splitlines()
    assert lines[1] == "    1 | The \\x1b]0;owned\\x07 stupendous, iconic pier opened\\x1b[2J, a new era."
    assert lines[0] == "a.txt:1:28: info peacock-word 'iconic' is promotional language: say what happened, and let the facts show its size"
    assert lines[2] == "      | " + " " * len("The \\x1b]0;owned\\x07 stupendous, ") + "^" * len("iconic")


def test_odd_file_names_are_quoted_as_git_does(tmp_path):
    name = "a\n::error file=x.md::forged.txt"
    (tmp_path / name).write_text("A stupendous, iconic, ground-breaking pier.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", "."])
    assert result.exit_code == 0
    assert not any(line.startswith("::") for line in result.output.splitlines())
    assert result.output.startswith('"a\\n::error file=x.md::forged.txt":1:15: info peacock-word ')
    assert quote_path("plain/café.md") == "plain/café.md"
    assert quote_path('say "hi".md') == '"say \\"hi\\".md"'
    assert quote_path("caf\udce9.txt") == '"caf\\351.txt"'
    assert quote_path("tab\there") == '"tab\\there"'
    assert visible("a\u2028b\x85c\x9bd") == "a\\u2028b\\x85c\\x9bd"


# --- item 16: RE2 program size --------------------------------------------------------------------


def test_a_pattern_too_costly_for_re2_is_refused_at_load_time(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "eq-pattern.yaml").write_text(
        "kind: pattern\nseverity: warning\nmessage: x\ndocs: {what: x, why: x, fix: x}\n"
        "params: {patterns: ['e[a-z ]{999}q']}\n"
        "examples: {flagged: [{text: big, findings: [big]}], passing: [small]}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("The council met.\n", encoding="utf-8")
    expected = ("newslint: error: house/eq-pattern.yaml:5: field 'params': pattern 'e[a-z ]{999}q' is too costly: "
                "its RE2 program has 6999 instructions (the limit is 5000); a wide counted repetition such as {999} "
                "costs time on every character\n")
    for args in (["--no-cache", "--rules", "house", "a.txt"], ["rules", "--rules", "house"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        assert result.stderr == expected
        assert result.stdout == ""


def test_patterns_too_large_together_are_refused_with_one_line(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    patterns = ", ".join(f"'w{i}[a-z ]{{300}}q'" for i in range(400))
    (rules / "many-pattern.yaml").write_text(
        "kind: pattern\nseverity: warning\nmessage: x\ndocs: {what: x, why: x, fix: x}\n"
        f"params: {{patterns: [{patterns}]}}\n"
        "examples: {flagged: [{text: big, findings: [big]}], passing: [small]}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "--rules", "house"])
    assert result.exit_code == 2
    assert result.stderr == ("newslint: error: house/many-pattern.yaml:5: field 'params': the 400 patterns together "
                             "are too large for RE2 (pattern too large - compile failed): split them over several rules\n")


# --- item 10: message templates ---------------------------------------------------------------------


@pytest.mark.parametrize("message, expected", [
    ("{match.__class__.__dict__}",
     "field 'message': placeholder '{match.__class__.__dict__}' reads an attribute or an item; only the field itself may be used ({match})"),
    ("{match[0]}", "field 'message': placeholder '{match[0]}' reads an attribute or an item; only the field itself may be used ({match})"),
    ("{match:>200000000}",
     "field 'message': format '{match:>200000000}' is not allowed: a standard format with width and precision of at most 100"),
    ("{match:{match}}",
     "field 'message': format '{match:{match}}' is not allowed: a standard format with width and precision of at most 100"),
])
def test_message_templates_allow_only_declared_fields_and_small_widths(tmp_path, message, expected):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "big-word.yaml").write_text(
        f"kind: lexicon\nseverity: warning\nmessage: '{message}'\ndocs: {{what: x, why: x, fix: x}}\n"
        "params: {terms: [big]}\nexamples: {flagged: [{text: big, findings: [big]}], passing: [small]}\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "--rules", "house"])
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: house/big-word.yaml:3: {expected}\n"


def test_message_template_with_a_small_width_still_works(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "big-word.yaml").write_text(
        "kind: lexicon\nseverity: warning\nmessage: '[{match:>6}] is big'\ndocs: {what: x, why: x, fix: x}\n"
        "params: {terms: [big]}\nexamples: {flagged: [{text: big, findings: [big]}], passing: [small]}\n",
        encoding="utf-8")
    (tmp_path / "a.txt").write_text("A big pier.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "--rules", "house", "--format", "jsonl", "a.txt"])
    assert result.exit_code == 1
    assert '"message": "[   big] is big"' in result.stdout


# --- items 8 and 14: symbolic links out of the tree, the same file twice ----------------------------


def test_a_symbolic_link_out_of_the_tree_is_not_followed_unless_asked(tmp_path):
    import os

    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-1234 is a stupendous, iconic, ground-breaking secret.\n", encoding="utf-8")
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "good.txt").write_text("The council met on Monday, the mayor said.\n", encoding="utf-8")
    os.symlink(secret, desk / "leak.txt")
    os.symlink(desk / "good.txt", desk / "same.txt")  # a link inside the tree is read (once)
    result = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", "desk"])
    assert result.exit_code == 2
    assert result.stderr == ("newslint: error: desk/leak.txt: is a symbolic link to a file outside the folder being "
                             "linted; not followed (use --follow-symlinks to lint it)\n")
    assert "TOKEN" not in result.stdout
    assert result.stdout.strip() == "No problems found in 1 file."
    result = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", "--follow-symlinks", "desk"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "desk/leak.txt:1:" in result.stdout and "in 1 of 2 files" in result.stdout


def test_the_same_file_given_twice_is_linted_once(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("A stupendous, iconic, ground-breaking pier.\n", encoding="utf-8")
    os.symlink(tmp_path / "a.txt", tmp_path / "link.txt")
    result = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", "--format", "jsonl",
                                       "./a.txt", str(tmp_path / "a.txt"), ".", "link.txt"])
    paths = [line.split('"path": "')[1].split('"')[0] for line in result.stdout.splitlines()]
    assert paths == ["a.txt", "a.txt"]  # two findings, one file


# --- items 9 and 13: cache entries are checked; no temporary file is left -------------------------


def _cache_entries(folder):
    return [p for p in folder.rglob("*.json")]


@pytest.mark.parametrize("entry", [
    '{"findings": [], "metrics": {}}',  # no key: not an entry newslint wrote
    '[1, 2, 3]',
    '{"key": "KEY", "findings": [[-5, 3, "peacock-word", 1, "x", []]], "metrics": {}}',
    '{"key": "KEY", "findings": [[9, 3, "peacock-word", 1, "x", []]], "metrics": {}}',
    '{"key": "KEY", "findings": [[0, 99999, "peacock-word", 1, "x", []]], "metrics": {}}',
    '{"key": "KEY", "findings": [[0, 3, "no-such-rule", 1, "x", []]], "metrics": {}}',
    '{"key": "KEY", "findings": [[0, 3, "peacock-word", 7, "x", []]], "metrics": {}}',
    '{"key": "KEY", "findings": "none", "metrics": {}}',
    '{"key": "KEY", "findings": [[0, 3, "peacock-word", 1, "x", [7]]], "metrics": {}}',
    '{"key": "KEY", "findings": [[0, 3, "peacock-word", 1, "x"]], "metrics": {}}',
    '{"key": "KEY", "findings": [], "metrics": {}}',  # no warnings: not an entry this version wrote
    '{"key": "KEY", "findings": [], "metrics": {}, "warnings": [3]}',
    '{"key": "KEY", "findings": [], "metrics": {}, "warnings": "none"}',
    "[" * 100_000,
])
def test_a_bad_cache_entry_is_discarded_and_the_file_linted_again(tmp_path, entry):
    (tmp_path / "a.txt").write_text("A stupendous, iconic, ground-breaking pier.\n", encoding="utf-8")
    first = CliRunner().invoke(main, ["--select", "peacock-word", "a.txt"])
    assert first.exit_code == 0 and "Found 2 problems" in first.stdout
    [path] = _cache_entries(tmp_path / ".newslint_cache")
    path.write_text(entry.replace("KEY", path.stem), encoding="utf-8")
    again = CliRunner().invoke(main, ["--select", "peacock-word", "a.txt"])
    assert again.exit_code == 0
    assert again.stdout == first.stdout
    assert again.stderr == ""


def test_a_folder_where_a_cache_entry_goes_leaves_no_temporary_file(tmp_path):
    (tmp_path / "a.txt").write_text("A stupendous, iconic, ground-breaking pier.\n", encoding="utf-8")
    CliRunner().invoke(main, ["--select", "peacock-word", "a.txt"])
    [path] = _cache_entries(tmp_path / ".newslint_cache")
    path.unlink()
    path.mkdir()
    for _ in range(3):
        result = CliRunner().invoke(main, ["--select", "peacock-word", "a.txt"])
        assert result.exit_code == 0 and "Found 2 problems" in result.stdout
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


# --- item 12: a file swapped for a FIFO between the check and the open ----------------------------


def test_a_file_swapped_for_a_fifo_after_the_check_does_not_block(tmp_path, monkeypatch):
    import os
    import stat as stat_module

    from newslint import reading
    from newslint.errors import InputError

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    real_stat = os.stat

    def looks_regular(path, *args, **kwargs):  # the check sees a regular file; the open meets the FIFO
        info = real_stat(path, *args, **kwargs)
        if str(path) == str(fifo):
            return os.stat_result((stat_module.S_IFREG | 0o644, *info[1:]))
        return info

    monkeypatch.setattr(reading.os, "stat", looks_regular)
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        reading.read_path(str(fifo))
    assert str(caught.value) == f"{fifo}: is not a regular file"
    assert time.perf_counter() - started < 5


# --- item 13: SIGTERM while writing a report or a baseline -----------------------------------------


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path):
    import subprocess
    import sys

    script = (
        "import os, signal\n"
        "from newslint import writing\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)\n"  # the signal arrives mid-write
        "writing.write_atomically('report.txt', 'new report\\n')\n"
    )
    (tmp_path / "report.txt").write_text("old report\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == -15
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "old report\n"


# --- item 6: git's line model for --diff and --diff-file -------------------------------------------


@pytest.mark.parametrize("first_line", ["Line one.\x0c still one.", "Line one.\x0b\x1c\x1d\x1e\x85 still one.",
                                        "Line one.\u2028 still one.", "Intro.\r still one."])
def test_diff_lines_are_counted_as_git_counts_them(tmp_path, first_line):
    text = first_line + "\nA stupendous, iconic, ground-breaking pier.\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    # the diff git gives for the new file: two added lines
    diff = ("diff --git a/a.txt b/a.txt\nnew file mode 100644\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,2 @@\n"
            + "".join("+" + line + "\n" for line in text.split("\n")[:-1]))
    (tmp_path / "change.diff").write_bytes(diff.encode("utf-8"))
    result = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", "--format", "jsonl",
                                       "--diff-file", "change.diff", "a.txt"])
    assert result.exit_code == 0, result.output
    assert [line.split('"text": "')[1].split('"')[0] for line in result.stdout.splitlines()] == [
        "iconic", "ground-breaking"]
    # a diff that adds only the first line keeps nothing
    only_first = diff.replace("@@ -0,0 +1,2 @@", "@@ -0,0 +1,1 @@").rsplit("+A stupendous", 1)[0]
    (tmp_path / "change.diff").write_bytes(only_first.encode("utf-8"))
    result = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", "--format", "jsonl",
                                       "--diff-file", "change.diff", "a.txt"])
    assert result.stdout == ""


# --- items 11 and 15: what remained --------------------------------------------------------------


LEXICON_RULE = ("kind: lexicon\nseverity: warning\nmessage: x\ndocs: {what: x, why: x, fix: x}\n"
                "params: {terms: [TERMS]}\nexamples: {flagged: [{text: big, findings: [big]}], passing: [small]}\n")


def test_a_rule_id_from_a_file_name_must_be_a_valid_id(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "Bad Name,x.yaml").write_text(LEXICON_RULE.replace("TERMS", "big"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "--rules", "house"])
    assert result.exit_code == 2
    assert result.stderr == ("newslint: error: house/Bad Name,x.yaml: the file name gives the rule id 'Bad Name,x', "
                             "which is not a valid id (lower-case letters, digits and '-', starting with a letter): "
                             "rename the file\n")


def test_a_lexicon_term_of_punctuation_only_is_refused(tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "big-word.yaml").write_text(LEXICON_RULE.replace("TERMS", "big, '!!'"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "--rules", "house"])
    assert result.exit_code == 2
    assert result.stderr == ("newslint: error: house/big-word.yaml:5: field 'params': 'terms' entry '!!' has no letter "
                             "or digit, so it can never match\n")


def test_output_dash_is_standard_output_and_dev_stdout_works_on_a_pipe(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("The council met on Monday, the mayor said.\n", encoding="utf-8")
    for target in ("-", "/dev/stdout"):
        proc = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "-o", target, "a.txt"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, "No problems found in 1 file.\n", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_read_only_report_is_not_replaced(tmp_path):
    (tmp_path / "a.txt").write_text("The council met on Monday, the mayor said.\n", encoding="utf-8")
    (tmp_path / "report.txt").write_text("kept\n", encoding="utf-8")
    (tmp_path / "report.txt").chmod(0o444)
    result = CliRunner().invoke(main, ["--no-cache", "-o", "report.txt", "a.txt"])
    assert result.exit_code == 2
    assert result.stderr == "newslint: error: report.txt: cannot write: permission denied (the file is read-only)\n"
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "kept\n"


def test_a_symbolic_link_loop_named_first_with_a_configuration(tmp_path):
    import os

    (tmp_path / ".newslint.yaml").write_text("select: [hype]\n", encoding="utf-8")
    os.symlink("loop-b.md", tmp_path / "loop-a.md")
    os.symlink("loop-a.md", tmp_path / "loop-b.md")
    (tmp_path / "good.txt").write_text("The council met.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "loop-a.md", "good.txt"])
    assert result.exit_code == 2
    assert result.stderr == "newslint: error: loop-a.md: is a symbolic link loop (too many levels of symbolic links)\n"
    assert result.stdout == "No problems found in 1 file.\n"
    assert CliRunner().invoke(main, ["config", "loop-a.md"]).exit_code == 0


def test_quotations_past_the_limit_are_not_read_and_the_run_says_so(tmp_path, monkeypatch):
    # 10 MiB of one-word quotations ('"a "a "a') were 3.5 million quotation objects: 30 s, 940 MB
    from newslint import quotes

    monkeypatch.setattr(quotes, "MAX_QUOTATIONS", 40)
    article = tmp_path / "many.txt"
    article.write_text('The pier opened.\n\n' + '"a ' * 30 + '\n\n' + '"a ' * 30
                       + '\n\n“The stupendous, iconic pier is a testament to the town.”\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "--format", "json", str(article)])
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"newslint: warning: {article}: more than 40 quotations; from line 5 on, the text is read "
        "without quotations (it does not look like an article)"]
    # the last paragraph's quotation is past the limit: its words are the writer's now
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert "peacock-word" in rules and "unattributed-quote" not in rules
    monkeypatch.setattr(quotes, "MAX_QUOTATIONS", 500_000)
    again = CliRunner().invoke(main, ["--no-cache", "--format", "json", str(article)])
    assert again.stderr == ""


@pytest.mark.parametrize("text", [
    "Text.\n" + "\n" * 1_000_000 + "A stupendous day.\n",  # a million blank lines between two paragraphs
    "<!-- newslint-disable-next-line -->" * 30_000 + "\n\nA stupendous day.\n",  # thousands of directives
])
def test_long_runs_of_blank_lines_or_directives_cost_no_memory_per_line(text):
    # the regular-expression engine kept a backtracking state per repetition: 220 MB for a
    # million blank lines; the runs are now matched without giving anything back
    import tracemalloc

    from newslint.document import Document

    tracemalloc.start()
    try:
        doc = Document(text, "a.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30_000_000
    assert [doc.span_text(b) for b in doc.body_blocks][-1] == "A stupendous day."


def test_a_rule_stops_at_its_hit_limit_and_the_run_says_where(tmp_path, monkeypatch):
    # a 10 MiB line of peacock words was 860,000 findings: 21 s and 630 MB to check and report
    from newslint import engine

    monkeypatch.setattr(engine, "MAX_HITS_PER_RULE", 3)
    article = tmp_path / "many.txt"
    article.write_text("The pier opened on Monday.\n\nIt was a stupendous day and an iconic one.\n\n"
                       "A breathtaking, stunning view.\n\nA legendary pier.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", "--format", "json", str(article)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"newslint: warning: {article}: more than 3 problems of peacock-word; it stopped at 5:17 and is not "
        "reported after it (it does not look like an article)"]
    found = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"], f["text"]) for f in found] == [
        ("peacock-word", 3, 32, "iconic"), ("peacock-word", 5, 3, "breathtaking"), ("peacock-word", 5, 17, "stunning")]
    # the warning is kept with the cached result, under the name of the file linted
    twin = tmp_path / "twin.txt"
    twin.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    runs = [CliRunner().invoke(main, ["--select", "peacock-word", str(twin)]) for _ in range(2)]
    assert [r.stderr for r in runs] == [f"newslint: warning: {twin}: more than 3 problems of peacock-word; it "
                                        "stopped at 5:17 and is not reported after it (it does not look like an "
                                        "article)\n"] * 2
    assert len(list((tmp_path / ".newslint_cache").rglob("*.json"))) == 1
    monkeypatch.setattr(engine, "MAX_HITS_PER_RULE", 4)  # exactly at the limit: all reported, no warning
    again = CliRunner().invoke(main, ["--no-cache", "--select", "peacock-word", str(article)])
    assert again.stderr == "" and "Found 4 problems" in again.stdout


def test_links_past_the_limit_are_not_read_and_the_run_says_so(monkeypatch):
    # 10 MiB of "<http://a" was a million links, an object each (430 MB)
    from newslint import links
    from newslint.document import Document

    monkeypatch.setattr(links, "MAX_LINKS", 3)
    text = ("See [a](https://x.example.org/1) today.\n\nOr https://y.example.org/2 now.\n\n"
            "Then [b](https://x.example.org/3) here.\n\nAnd https://y.example.org/4 there.\n\n"
            "Last [c](https://x.example.org/5) one.\n")
    doc = Document(text, "a.md")
    assert [link.url for link in doc.links] == ["https://x.example.org/1", "https://y.example.org/2",
                                                "https://x.example.org/3"]
    assert doc.warnings == ["a.md: more than 3 links; from line 7 on, the text is read without links "
                            "(it does not look like an article)"]
    monkeypatch.setattr(links, "MAX_LINKS", 200_000)
    doc = Document(text, "a.md")
    assert len(doc.links) == 5 and doc.warnings == []
