"""The command line, through click's CliRunner: exit codes, text and JSON output, rule selection,
input handling, the rules/explain commands, user rule folders and broken rule files."""

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.rules import load_rules

REPO = Path(__file__).resolve().parents[1]
# the test suite's house rule (house-word.yaml): a warning whatever the shipped rules' severities,
# for tests that need a finding that fails the default gate
HOUSE_RULES = REPO / "tests" / "fixtures" / "rules"
SLOPPY = "examples/sloppy-promo.md"
CLEAN = "examples/clean-report.md"
CATEGORIES = {"hype", "missing-quotes", "unsupported-claims", "citation-presence", "faq-redundancy"}

FINDING_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) "
    r"(?P<rule>[a-z][a-z0-9-]*) (?P<message>\S.*)$"
)
SOURCE_LINE = re.compile(r"^ *(?P<line>\d+) \| (?P<text>.*)$")
CARET_LINE = re.compile(r"^ +\| +(?P<carets>\^+)$")

FINDING_KEYS = {
    "rule": str,
    "severity": str,
    "message": str,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "start": int,
    "end": int,
    "text": str,
}


@pytest.fixture(autouse=True)
def workdir(tmp_path_factory, monkeypatch):
    """Run every command in a scratch folder holding a copy of the examples, so paths are relative
    as in the README and nothing (a result cache, say) is written into the repository."""
    work = tmp_path_factory.mktemp("work")
    shutil.copytree(REPO / "examples", work / "examples")
    monkeypatch.chdir(work)
    return work


@pytest.fixture(scope="module")
def categories():
    return {rule.id: rule.category for rule in load_rules()}


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def error_lines(result):
    return result.stderr.splitlines()


def parse_text(stdout):
    """Split text output into (finding-match, source-line, caret-line) triples and the summary."""
    lines = stdout.splitlines()
    summary = lines.pop()
    assert len(lines) % 3 == 0, stdout
    triples = []
    for i in range(0, len(lines), 3):
        head, source, caret = FINDING_LINE.match(lines[i]), lines[i + 1], lines[i + 2]
        assert head, lines[i]
        assert SOURCE_LINE.match(source), source
        assert CARET_LINE.match(caret), caret
        triples.append((head, source, caret))
    return triples, summary


def summary_line(severities, files, with_findings):
    """The text reporter's last line for findings of these severities."""
    parts = []
    for name in ("error", "warning", "info"):
        n = severities.count(name)
        if n:
            parts.append(f"{n} {name}{'s' if n != 1 and name != 'info' else ''}")
    plural = "s" if len(severities) != 1 else ""
    return (
        f"Found {len(severities)} problem{plural} ({', '.join(parts)}) in {with_findings} of {files} "
        f"file{'s' if files != 1 else ''}."
    )


def sloppy_findings():
    return json.loads(run("--format", "json", SLOPPY).stdout)["files"][0]["findings"]


def offsets_to_position(text, offset):
    """1-based (line, column) in code points, counting \\r\\n, \\r and \\n as line ends."""
    line_start, line = 0, 1
    for m in re.finditer(r"\r\n|\r|\n", text):
        if m.end() > offset:
            break
        line, line_start = line + 1, m.end()
    return line, offset - line_start + 1


def check_json_file_entry(entry, file_text):
    assert isinstance(entry["path"], str)
    assert isinstance(entry["findings"], list)
    assert isinstance(entry["metrics"], dict)
    for finding in entry["findings"]:
        for key, kind in FINDING_KEYS.items():
            assert type(finding[key]) is kind, (key, finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert 0 <= finding["start"] <= finding["end"] <= len(file_text)
        assert finding["text"] == file_text[finding["start"] : finding["end"]]
        assert (finding["line"], finding["column"]) == offsets_to_position(file_text, finding["start"])
        assert (finding["end_line"], finding["end_column"]) == offsets_to_position(file_text, finding["end"])
        assert finding["line"] >= 1 and finding["column"] >= 1


# --- the two examples ---------------------------------------------------------------------------


def test_sloppy_example_exits_1_with_findings_from_every_category(categories):
    result = run(SLOPPY)
    assert result.exit_code == 1
    assert result.stderr == ""
    triples, summary = parse_text(result.stdout)
    found = {categories[head["rule"]] for head, _, _ in triples}
    assert CATEGORIES <= found
    assert summary == summary_line([head["severity"] for head, _, _ in triples], files=1, with_findings=1)


def test_clean_example_has_no_findings_and_exits_0():
    result = run(CLEAN)
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 1 file.\n"
    assert result.stderr == ""


def test_explicit_check_command_is_the_same_as_the_short_form():
    assert run("check", SLOPPY).stdout == run(SLOPPY).stdout


# --- text format ----------------------------------------------------------------------------------


def test_text_format_lines_and_carets_match_the_json_spans():
    text_result = run(SLOPPY)
    data = json.loads(run("--format", "json", SLOPPY).stdout)
    findings = data["files"][0]["findings"]
    triples, _ = parse_text(text_result.stdout)
    assert len(triples) == len(findings) >= 30
    for (head, source, caret), finding in zip(triples, findings):
        assert head["path"] == SLOPPY
        assert int(head["line"]) == finding["line"]
        assert int(head["column"]) == finding["column"]
        assert head["severity"] == finding["severity"]
        assert head["rule"] == finding["rule"]
        assert head["message"] == finding["message"]
        assert SOURCE_LINE.match(source)["line"] == head["line"]
        # the carets sit under exactly the flagged text (every finding here is on one line); a
        # span longer than the window (a whole sentence) is underlined for its first 100 characters
        at = caret.index("^")
        width = len(CARET_LINE.match(caret)["carets"])
        if len(finding["text"]) > 100:
            assert width == 100 and source[at : at + width] == finding["text"][:100]
        else:
            assert source[at : at + width] == finding["text"]


def test_text_format_for_a_peacock_word():
    result = run("--rules", HOUSE_RULES, "-", input="The council unveiled a breathtaking plan for the old pier.\n")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "<stdin>:1:24: warning house-word 'breathtaking' is on the desk's list of banned words: "
        "say what was done, and by whom"
    )
    assert lines[1] == "    1 | The council unveiled a breathtaking plan for the old pier."
    assert lines[2] == "      |                        ^^^^^^^^^^^^"
    assert lines[3] == "Found 1 problem (1 warning) in 1 of 1 file."


# --- JSON format ----------------------------------------------------------------------------------


def test_json_output_follows_the_documented_schema():
    result = run("--format", "json", "--readability", SLOPPY, CLEAN)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert [f["path"] for f in data["files"]] == [SLOPPY, CLEAN]
    for entry in data["files"]:
        check_json_file_entry(entry, Path(entry["path"]).read_text(encoding="utf-8"))
    sloppy, clean = data["files"]
    assert len(sloppy["findings"]) >= 30 and clean["findings"] == []
    for metrics in (sloppy["metrics"], clean["metrics"]):
        for key in ("words", "quotes", "links"):
            assert type(metrics[key]) is int, key
        for key in ("hype_per_1000", "flesch_reading_ease", "flesch_kincaid_grade"):
            assert isinstance(metrics[key], (int, float)), key
    assert sloppy["metrics"]["words"] == 266
    assert sloppy["metrics"]["hype_per_1000"] > 4.0 >= clean["metrics"]["hype_per_1000"]
    assert clean["metrics"]["quotes"] == 3 and clean["metrics"]["links"] == 1
    # new summary fields may be added (README): check the documented ones
    summary = data["summary"]
    severities = [f["severity"] for f in sloppy["findings"]]
    documented = {
        "files": 2,
        "files_with_findings": 1,
        "unreadable": 0,
        "findings": len(severities),
        "by_severity": {name: severities.count(name) for name in ("error", "warning", "info")},
    }
    assert {key: summary[key] for key in documented} == documented


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_json_offsets_are_code_points_and_agree_with_lines(tmp_path, newline):
    # non-ASCII before the findings: columns and offsets count code points, not bytes
    text = newline.join(
        [
            "Café owners in Łódź 🎉 back the plan",
            "",
            "The café owners deemed it a breathtaking plan — a testament to the town.",
            "",
            "Prices at the market rose 12% in a year.",
            "",
        ]
    )
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("utf-8"))
    # unsupported-statistic is off by default: select it with the two rules that are on
    data = json.loads(run("--format", "json", "--select", "peacock-word,ai-boilerplate,unsupported-statistic", path).stdout)
    entry = data["files"][0]
    check_json_file_entry(entry, text)
    got = {(f["rule"], f["text"], f["line"], f["column"]) for f in entry["findings"]}
    assert ("peacock-word", "breathtaking", 3, 29) in got
    assert ("ai-boilerplate", "a testament to", 3, 49) in got
    assert ("unsupported-statistic", "12%", 5, 27) in got


def test_json_offsets_skip_a_utf8_byte_order_mark(tmp_path):
    text = "The council unveiled a breathtaking plan for the iconic old pier.\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    entry = json.loads(run("--format", "json", path).stdout)["files"][0]
    check_json_file_entry(entry, text)
    assert [(f["start"], f["end"], f["column"]) for f in entry["findings"]] == [(23, 35, 24), (49, 55, 50)]


# --- selecting rules and the exit code ----------------------------------------------------------------


def rules_reported(*args):
    data = json.loads(run("--format", "json", *args).stdout)
    return {f["rule"] for entry in data["files"] for f in entry["findings"]}


def test_select_by_rule_id():
    assert rules_reported("--select", "homepage-link", SLOPPY) == {"homepage-link"}


def test_select_by_category_and_repeated():
    got = rules_reported("--select", "hype", "--select", "faq-redundancy", SLOPPY)
    assert got == {"peacock-word", "ai-boilerplate", "hype-density", "faq-redundant-answer"}


def test_select_a_density_rule_runs_the_rules_it_counts_without_reporting_them():
    result = run("--format", "json", "--select", "hype-density", SLOPPY)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("hype-density", 1, 1)]
    assert "21 peacock words and boilerplate phrases in 266 words" in findings[0]["message"]


def test_ignore_by_rule_id_and_by_category(categories):
    all_rules = rules_reported(SLOPPY)
    # a rule that an ignored rule covered (one problem, one finding) may now speak for the span
    covered = {"stock-phrase", "emotive-word"}
    assert rules_reported("--ignore", "peacock-word", SLOPPY) - covered == all_rules - {"peacock-word"} - covered
    no_hype = rules_reported("--ignore", "hype", SLOPPY)
    assert no_hype == {r for r in all_rules if categories[r] != "hype"}
    assert no_hype and not any(categories[r] == "hype" for r in no_hype)


def test_fail_on_error_exits_0_when_only_warnings_remain():
    # quote-meta-text is the only error-level rule that fires on the sloppy example
    remaining = [f["severity"] for f in sloppy_findings() if f["rule"] != "quote-meta-text"]
    assert "error" not in remaining and "warning" in remaining
    result = run("--fail-on", "error", "--ignore", "quote-meta-text", SLOPPY)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == summary_line(remaining, files=1, with_findings=1)
    assert run("--fail-on", "error", SLOPPY).exit_code == 1


def test_info_findings_fail_only_with_fail_on_info():
    text = "Kiosk sales at the stunning, iconic lido hit a record high in the first week.\n"
    result = run("-", input=text)
    assert result.exit_code == 0
    assert any(line.startswith("<stdin>:1:46: info unsupported-claim 'a record high'") for line in result.stdout.splitlines())
    assert run("--fail-on", "info", "-", input=text).exit_code == 1


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_in_select_or_ignore_is_a_one_line_error(option):
    result = run(option, "no-such-rule", CLEAN)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(error_lines(result)) == 1
    assert error_lines(result)[0].startswith("newslint: error: ")
    assert "'no-such-rule'" in result.stderr


# --- input ----------------------------------------------------------------------------------------


def test_dash_reads_standard_input():
    text = "The stunning festival was a testament to the town's indomitable spirit.\n"
    result = run("--rules", HOUSE_RULES, "--format", "json", "-", input=text)
    assert result.exit_code == 1  # the house rule's warning fails the default gate
    entry = json.loads(result.stdout)["files"][0]
    assert entry["path"] == "<stdin>"
    assert [(f["rule"], f["text"]) for f in entry["findings"]] == [
        ("house-word", "stunning"),
        ("ai-boilerplate", "a testament to"),
        ("ai-boilerplate", "indomitable spirit"),  # covers the peacock word inside it
    ]


def test_a_directory_is_walked_for_txt_md_and_markdown_files(tmp_path):
    (tmp_path / "b-notes.txt").write_text("The mayor gave a breathtaking speech.\n", encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "a-story.md").write_text("The iconic pier reopened.\n", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.markdown").write_text("A stunning sunset closed the fair.\n", encoding="utf-8")
    (tmp_path / "sub" / "ignored.rst").write_text("A stunning sunset.\n", encoding="utf-8")
    (tmp_path / "sub" / "ignored.csv").write_text("headline,A stunning sunset\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.md").write_text("A stunning sunset.\n", encoding="utf-8")
    result = run("--rules", HOUSE_RULES, "--format", "json", tmp_path)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    paths = [Path(entry["path"]).relative_to(tmp_path).as_posix() for entry in data["files"]]
    assert sorted(paths) == ["b-notes.txt", "sub/a-story.md", "sub/deeper/c.markdown"]
    snippets = sorted(f["text"] for entry in data["files"] for f in entry["findings"])
    assert snippets == ["breathtaking", "iconic", "stunning"]


def test_missing_path_is_an_error_but_other_files_are_still_linted(tmp_path):
    missing = tmp_path / "not-written-yet.md"
    result = run("--format", "json", missing, SLOPPY, CLEAN)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1
    assert error_lines(result)[0].startswith("newslint: error: ")
    assert str(missing) in result.stderr
    data = json.loads(result.stdout)
    # the missing file is listed with its error, and no findings (issue 11 item 18)
    assert [entry["path"] for entry in data["files"]] == [str(missing), SLOPPY, CLEAN]
    assert data["files"][0]["unreadable"] is True and data["files"][0]["findings"] == []
    assert data["files"][1]["findings"] == sloppy_findings()
    assert data["summary"]["unreadable"] == 1


def test_missing_path_in_text_mode_still_prints_the_other_files_findings(tmp_path):
    missing = tmp_path / "gone.txt"
    result = run(missing, SLOPPY)
    assert result.exit_code == 2
    assert error_lines(result) == [f"newslint: error: {missing}: no such file or directory"]
    severities = [f["severity"] for f in sloppy_findings()]
    assert result.stdout.splitlines()[-1] == summary_line(severities, files=1, with_findings=1)


# --- rules and explain --------------------------------------------------------------------------------


def test_rules_lists_every_rule_once():
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert sorted(listed) == sorted(rule.id for rule in load_rules())
    # each line gives the rule's severity (in brackets when it is off by default) and category,
    # as its file sets them
    rules = {rule.id: rule for rule in load_rules()}
    for line in result.stdout.splitlines():
        rule_id, severity, category = line.split()[:3]
        rule = rules[rule_id]
        shown = str(rule.severity) if rule.enabled else f"({rule.severity})"
        assert [severity, category] == [shown, rule.category], line
    house = run("rules", "--rules", HOUSE_RULES)
    line = next(line for line in house.stdout.splitlines() if line.startswith("house-word "))
    assert line.split()[1:3] == ["warning", "hype"]


def test_explain_prints_what_why_and_fix():
    rule = next(r for r in load_rules() if r.id == "peacock-word")
    result = run("explain", "peacock-word")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("# peacock-word\n")
    headings = ["## What it does", "## Why is this bad?", "## How to fix it"]
    positions = [out.index(h) for h in headings]
    assert positions == sorted(positions)
    for heading, key in zip(headings, ("what", "why", "fix")):
        assert f"{heading}\n{rule.docs[key]}" in out
    assert "## Parameters" in out


def test_explain_an_unknown_rule_exits_2():
    result = run("explain", "no-such-rule")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(error_lines(result)) == 1
    assert "'no-such-rule'" in result.stderr


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"], ["check", "--help"], ["rules", "--help"], ["explain", "--help"]]
)
def test_help_works_for_every_command(args):
    result = run(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage:")
    assert result.stderr == ""


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("newslint, version ")


# --- user rules -------------------------------------------------------------------------------------

JARGON_RULE = """\
kind: lexicon
severity: info
category: house-style
message: "'{match}' is management jargon: say it plainly"
docs:
  what: Management jargon in news copy.
  why: Readers outside the boardroom do not talk like this.
  fix: Say what will actually happen, and to whom.
params:
  terms: [going forward, stakeholders, leverage synergies]
examples:
  flagged:
    - text: Going forward, the trust will consult stakeholders.
      findings: [Going forward, stakeholders]
  passing:
    - From May, the trust will ask patients for their views.
"""


@pytest.fixture
def house_rules(tmp_path):
    folder = tmp_path / "house-rules"
    folder.mkdir()
    (folder / "corporate-jargon.yaml").write_text(JARGON_RULE, encoding="utf-8")
    return folder


def test_user_rule_folder_adds_a_rule_that_fires(house_rules):
    text = "Going forward, the hospital trust will ask stakeholders about parking.\n"
    result = run("--rules", house_rules, "--format", "json", "-", input=text)
    assert result.exit_code == 0  # the rule is info level; the default --fail-on is warning
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["severity"], f["text"], f["column"]) for f in findings] == [
        ("corporate-jargon", "info", "Going forward", 1),
        ("corporate-jargon", "info", "stakeholders", 44),
    ]
    assert findings[0]["message"] == "'Going forward' is management jargon: say it plainly"
    # its category can be selected like a shipped one
    selected = run("--rules", house_rules, "--select", "house-style", "--fail-on", "info", "-", input=text)
    assert selected.exit_code == 1
    assert selected.stdout.count("corporate-jargon") == 2


def test_user_rule_is_listed_and_explained(house_rules):
    listed = run("rules", "--rules", house_rules)
    assert any(line.split()[:3] == ["corporate-jargon", "info", "house-style"] for line in listed.stdout.splitlines())
    explained = run("explain", "corporate-jargon", "--rules", house_rules)
    assert explained.exit_code == 0
    assert "## What it does\nManagement jargon in news copy." in explained.stdout


def test_missing_rule_folder_is_an_error(tmp_path):
    result = run("--rules", tmp_path / "no-such-folder", CLEAN)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1
    assert "no-such-folder" in result.stderr


def _broken(text, old, new):
    assert old in text
    return text.replace(old, new, 1)


def _line_of(text, needle):
    return text[: text.index(needle)].count("\n") + 1


BROKEN_RULES = {
    # name: (file text, text on the line the error must name, field the error must name or None)
    "bad-yaml-syntax": (_broken(JARGON_RULE, "severity: info\n", "severity: info: high\n"), "severity: info: high", None),
    "unknown-field": (_broken(JARGON_RULE, "severity: info\n", "severity: info\npriority: high\n"), "priority:", "priority"),
    "unknown-param": (
        _broken(JARGON_RULE, "  terms: [", "  colour: red\n  terms: ["),
        "colour: red",
        "params.colour",
    ),
    "unknown-kind": (_broken(JARGON_RULE, "kind: lexicon", "kind: glossary"), "kind: glossary", "kind"),
    "bad-severity": (_broken(JARGON_RULE, "severity: info", "severity: severe"), "severity: severe", "severity"),
    "unknown-placeholder": (
        _broken(JARGON_RULE, "'{match}' is management jargon", "'{match}' is {speaker}'s jargon"),
        "message:",
        "message",
    ),
    "python-tag": (
        _broken(JARGON_RULE, "docs:\n", "docs: !!python/object:newslint.rules.Rule\n"),
        "docs: !!python/object",
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN_RULES))
def test_broken_rule_file_is_a_one_line_error_with_file_line_and_field(tmp_path, name):
    text, line_text, field = BROKEN_RULES[name]
    folder = tmp_path / "broken"
    folder.mkdir()
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("--rules", folder, CLEAN)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = error_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"newslint: error: {path}:{_line_of(text, line_text)}: ")
    if field is not None:
        assert f"'{field}'" in lines[0]
    # the same error stops `rules` and `explain`
    assert run("rules", "--rules", folder).exit_code == 2
    assert run("explain", "peacock-word", "--rules", folder).exit_code == 2


def test_python_tag_error_names_the_tag(tmp_path):
    text = BROKEN_RULES["python-tag"][0]
    (tmp_path / "tagged.yaml").write_text(text, encoding="utf-8")
    result = run("--rules", tmp_path, CLEAN)
    assert result.exit_code == 2
    assert "python/object" in result.stderr


def test_python_tag_error_names_the_field(tmp_path):
    text = BROKEN_RULES["python-tag"][0]
    (tmp_path / "tagged.yaml").write_text(text, encoding="utf-8")
    result = run("--rules", tmp_path, CLEAN)
    assert "'docs'" in result.stderr


def test_duplicate_rule_id_across_two_folders(tmp_path):
    first, second = tmp_path / "desk-a", tmp_path / "desk-b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "corporate-jargon.yaml").write_text(JARGON_RULE, encoding="utf-8")
    result = run("--rules", first, "--rules", second, CLEAN)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = error_lines(result)
    assert len(lines) == 1
    assert lines[0].startswith(f"newslint: error: {second / 'corporate-jargon.yaml'}")
    assert "'corporate-jargon'" in lines[0]
    assert str(first / "corporate-jargon.yaml") in lines[0]


def test_user_rule_with_the_id_of_a_shipped_rule_is_a_duplicate(tmp_path):
    (tmp_path / "peacock-word.yaml").write_text(JARGON_RULE, encoding="utf-8")
    result = run("--rules", tmp_path, CLEAN)
    assert result.exit_code == 2
    assert "duplicate rule id 'peacock-word'" in result.stderr


def test_duplicate_rule_id_error_names_line_and_field(tmp_path):
    first, second = tmp_path / "desk-a", tmp_path / "desk-b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "corporate-jargon.yaml").write_text("id: corporate-jargon\n" + JARGON_RULE, encoding="utf-8")
    result = run("--rules", first, "--rules", second, CLEAN)
    assert result.stderr.startswith(f"newslint: error: {second / 'corporate-jargon.yaml'}:1: ")
    assert "'id'" in result.stderr


def test_readability_is_left_out_of_json_metrics_unless_asked():
    data = json.loads(run("--format", "json", CLEAN).stdout)
    metrics = data["files"][0]["metrics"]
    assert "flesch_reading_ease" not in metrics and metrics["words"] > 0
