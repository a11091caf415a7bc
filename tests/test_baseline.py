"""Baselines: --write-baseline records today's findings, --baseline reports only new ones.

Fingerprints hang on the rule, the flagged text and the text of its line, not on line numbers,
so moving text up or down and editing other paragraphs does not make old findings new."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main

ARTICLE = """\
# Pier reopens after repairs

The ground-breaking pier reopened on Monday after a year of work, the council said.

The cafe at the end sells tea and cake, its owner said.

A momentous crowd of about two hundred people came, the harbour master said.
"""


pytestmark = pytest.mark.usefixtures("isolated")

# the findings baselined here come from the test suite's house rule (house-word.yaml): a warning
# whatever the shipped rules' severities, so a new finding always fails the default gate
HOUSE_RULE = ["--rules", str(Path(__file__).resolve().parent / "fixtures" / "rules"), "--select", "house-word"]


def run(*args: str):
    return CliRunner().invoke(main, ["--no-cache", *HOUSE_RULE, *args])


def found(*args: str) -> list[tuple[int, str]]:
    result = run("--format", "jsonl", *args)
    assert result.exit_code in (0, 1), result.output
    return [(row["line"], row["text"]) for row in map(json.loads, result.stdout.splitlines())]


def write(name: str, text: str) -> str:
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(text)
    return name


@pytest.fixture
def baselined(tmp_path):
    write("pier.md", ARTICLE)
    result = run("--write-baseline", "baseline.json", "pier.md")
    assert result.exit_code == 0, result.output  # recording findings is a success
    assert "wrote 2 finding(s) of 1 file(s) to baseline baseline.json" in result.stderr
    return tmp_path / "baseline.json"


def test_write_then_use_a_baseline(baselined):
    assert found("pier.md") == [(3, "ground-breaking"), (7, "momentous")]
    result = run("--baseline", "baseline.json", "pier.md")
    assert result.exit_code == 0
    assert "No problems found in 1 file." in result.stdout
    write("pier.md", ARTICLE + "\nThe trailblazing lamps were lit at dusk, the council said.\n")
    assert found("--baseline", "baseline.json", "pier.md") == [(9, "trailblazing")]
    assert run("--baseline", "baseline.json", "pier.md").exit_code == 1


def test_baseline_file_format(baselined):
    data = json.loads(baselined.read_text(encoding="utf-8"))
    assert data["version"] == 3 and data["tool"] == "newslint"
    assert list(data["files"]) == ["pier.md"]
    # each entry can be read in a code review: rule, flagged text, the line's text (no line number)
    rows = data["files"]["pier.md"]
    assert [{k: v for k, v in row.items() if k != "fingerprint"} for row in rows] == [
        {"rule": "house-word", "text": "momentous",
         "line": "A momentous crowd of about two hundred people came, the harbour master said.", "count": 1},
        {"rule": "house-word", "text": "ground-breaking",
         "line": "The ground-breaking pier reopened on Monday after a year of work, the council said.", "count": 1},
    ]
    assert all(len(row["fingerprint"]) == 20 for row in rows)
    # the same findings give the same bytes: a baseline diffs cleanly under version control
    before = baselined.read_bytes()
    run("--write-baseline", "baseline.json", "pier.md")
    assert baselined.read_bytes() == before


def test_a_version_1_baseline_is_still_read(baselined):
    from newslint.baseline import _norm
    import hashlib

    def fp(snippet, line):
        return hashlib.sha256("\0".join(("house-word", _norm(snippet), _norm(line))).encode()).hexdigest()[:20]

    old = {"version": 1, "tool": "newslint", "files": {"pier.md": {
        fp("ground-breaking", "The ground-breaking pier reopened on Monday after a year of work, the council said."): 1}}}
    write("old.json", json.dumps(old))
    assert found("--baseline", "old.json", "pier.md") == [(7, "momentous")]


def test_a_version_2_baseline_is_still_read_with_its_own_fingerprints(baselined):
    from newslint.baseline import _norm
    import hashlib

    line = "The ground-breaking pier reopened on Monday after a year of work, the council said."
    v2 = hashlib.sha256("\0".join(("house-word", "ground-breaking", _norm(line))).encode()).hexdigest()[:20]
    old = {"version": 2, "tool": "newslint", "files": {"pier.md": [
        {"rule": "house-word", "text": "ground-breaking", "line": line, "fingerprint": v2, "count": 1}]}}
    write("old.json", json.dumps(old))
    assert found("--baseline", "old.json", "pier.md") == [(7, "momentous")]
    # version 3 fingerprints the line by its digest: the same finding, another fingerprint
    v3 = hashlib.sha256("\0".join(("house-word", "ground-breaking", hashlib.sha256(
        _norm(line).encode()).hexdigest())).encode()).hexdigest()[:20]
    rows = json.loads(baselined.read_text(encoding="utf-8"))["files"]["pier.md"]
    assert v3 in [row["fingerprint"] for row in rows] and v2 not in [row["fingerprint"] for row in rows]


def test_fingerprints_survive_inserted_lines_and_edits_elsewhere(baselined):
    edited = ARTICLE.replace(
        "# Pier reopens after repairs\n",
        "# Pier reopens after repairs\n\n*Updated at 6pm with opening times.*\n\nThe pier opens at nine.\n",
    ).replace("sells tea and cake, its owner said.", "sells tea, cake and hot soup all year round, its owner said.")
    write("pier.md", edited)
    assert found("pier.md") == [(7, "ground-breaking"), (11, "momentous")]  # the lines moved
    assert found("--baseline", "baseline.json", "pier.md") == []


def test_whitespace_and_case_changes_on_the_line_are_not_new(baselined):
    write("pier.md", ARTICLE.replace("The ground-breaking pier", "   THE ground-breaking  pier") + "   \n")
    assert found("--baseline", "baseline.json", "pier.md") == []


def test_editing_the_flagged_line_itself_makes_its_finding_new(baselined):
    write("pier.md", ARTICLE.replace("on Monday", "on Tuesday"))
    assert found("--baseline", "baseline.json", "pier.md") == [(3, "ground-breaking")]


def test_a_duplicated_offending_sentence_counts_as_new(baselined):
    line = "The ground-breaking pier reopened on Monday after a year of work, the council said.\n"
    write("pier.md", ARTICLE + "\n" + line)
    assert found("--baseline", "baseline.json", "pier.md") == [(9, "ground-breaking")]


def test_new_files_report_everything_and_paths_are_relative_to_the_baseline(baselined, tmp_path, monkeypatch):
    write("ferry.md", "The trailblazing ferry sails at noon, the captain said.\n")
    assert found("--baseline", "baseline.json", "pier.md", "ferry.md") == [(1, "trailblazing")]
    # the same article reached by another relative path still matches its entry
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert found("--baseline", "../baseline.json", "../pier.md") == []
    assert found("--baseline", str(tmp_path / "baseline.json"), str(tmp_path / "pier.md")) == []


@pytest.mark.parametrize(
    "content,problem",
    [
        (None, "baseline file not found"),
        ("{not json", "cannot read baseline"),
        ('{"version": 99, "files": {}}', "not a newslint baseline"),
        ("[1, 2, 3]", "not a newslint baseline"),
        ("", "cannot read baseline"),
    ],
)
def test_a_missing_or_broken_baseline_is_a_one_line_error(tmp_path, content, problem):
    write("pier.md", ARTICLE)
    if content is not None:
        write("baseline.json", content)
    result = run("--baseline", "baseline.json", "pier.md")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newslint: error: baseline.json: ")
    assert problem in lines[0]
    assert result.stdout == ""  # nothing was linted


def test_the_baseline_is_written_atomically(baselined, tmp_path):
    # nothing but the article and the baseline is left in the folder: no temporary files
    assert sorted(os.listdir(tmp_path)) == ["baseline.json", "pier.md"]
    # a baseline someone can read, like any other file the user creates (not mkstemp's 0600)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(baselined.stat().st_mode) == 0o666 & ~umask


def test_a_failed_write_leaves_the_old_baseline_whole(baselined, tmp_path, monkeypatch):
    before = baselined.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device", dst)

    monkeypatch.setattr("newslint.writing.os.replace", broken_replace)
    write("pier.md", ARTICLE + "\nThe trailblazing lamps were lit at dusk, the council said.\n")
    result = run("--write-baseline", "baseline.json", "pier.md")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert baselined.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["baseline.json", "pier.md"]


def test_baseline_with_no_findings_and_stdin(tmp_path):
    write("clean.md", "The pier reopened on Monday, the council said.\n")
    result = run("--write-baseline", "baseline.json", "clean.md")
    assert result.exit_code == 0
    assert json.loads((tmp_path / "baseline.json").read_text())["files"] == {}
    # standard input has a key of its own
    result = CliRunner().invoke(
        main, ["--no-cache", *HOUSE_RULE, "--write-baseline", "stdin.json", "-"],
        input="The momentous pier reopened, the council said.\n",
    )
    assert result.exit_code == 0
    assert list(json.loads((tmp_path / "stdin.json").read_text())["files"]) == ["<stdin>"]
    again = CliRunner().invoke(
        main, ["--no-cache", *HOUSE_RULE, "--baseline", "stdin.json", "--format", "jsonl", "-"],
        input="The momentous pier reopened, the council said.\n",
    )
    assert again.exit_code == 0 and again.stdout == ""
