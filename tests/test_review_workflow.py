"""The review workflow of a site's authors (issue 11, items 11, 12, 18, 19): unreadable files in
machine output, readable baselines and output targets checked first, --diff subtracting what
the old version already had, test-rules for a rule folder, configuration errors with lines."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newslint.cli import main

REPO = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"

pytestmark = pytest.mark.usefixtures("isolated")

CLEAN = "The pier reopened on Monday after repairs, the council said.\n"


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, ["--no-cache", *args], **kwargs)


def write(name: str, text: str | bytes) -> str:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return name


# --- 18. files that could not be read, in machine output ----------------------------------------------

BAD_PROBLEM = "is not valid UTF-8 (byte 0xe9 at offset 7); convert it to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8"


def unreadable_site():
    write("news/a.md", CLEAN)
    write("news/b.txt", b"Caf\xc3\xa9 s\xe9 opens.\n")


def test_unreadable_files_are_listed_in_json_with_their_errors():
    unreadable_site()
    result = run("--format", "json", "news")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    entries = {entry["path"]: entry for entry in data["files"]}
    assert entries["news/b.txt"] == {"path": "news/b.txt", "findings": [], "metrics": {}, "unreadable": True,
                                     "errors": [f"news/b.txt: {BAD_PROBLEM}"]}
    assert "errors" not in entries["news/a.md"]
    assert data["summary"]["unreadable"] == 1
    # a missing file named on the command line too
    missing = json.loads(run("--format", "json", "gone.md").stdout)
    assert missing["files"] == [{"path": "gone.md", "findings": [], "metrics": {}, "unreadable": True,
                                 "errors": ["gone.md: no such file or directory"]}]


def test_unreadable_files_are_sarif_tool_execution_notifications():
    unreadable_site()
    log = json.loads(run("--format", "sarif", "news").stdout)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [{
        "level": "error",
        "message": {"text": f"news/b.txt: {BAD_PROBLEM}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "news/b.txt"}}}],
    }]
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    clean = json.loads(run("--format", "sarif", "news/a.md").stdout)
    assert clean["runs"][0]["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_unreadable_files_are_github_error_annotations():
    unreadable_site()
    result = run("--format", "github", "news")
    assert result.stdout.splitlines() == [
        f"::error file=news/b.txt,title=newslint::news/b.txt: {BAD_PROBLEM}"]
    assert result.exit_code == 2


# --- 12. -o and --write-baseline targets are checked before linting ---------------------------------


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
@pytest.mark.parametrize(
    "target,problem",
    [
        ("no/such/report.json", "no/such/report.json: cannot write: No such file or directory"),
        ("news/a.md", "news/a.md: is one of the files being linted; newslint will not overwrite it"),
        ("news/old.md", "news/old.md: is one of the files being linted; newslint will not overwrite it"),
    ],
)
def test_bad_targets_are_refused_before_any_file_is_linted(option, target, problem):
    write("news/a.md", CLEAN)
    write("news/old.md", CLEAN)
    Path("reports").mkdir()
    named = ["news/a.md"] if target == "news/a.md" else ["news"]
    result = run("--format", "json", option, target, *named)
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {problem}\n"
    assert result.stdout == ""  # nothing was linted or reported
    assert Path("news/a.md").read_text(encoding="utf-8") == CLEAN


# --- 19. newslint test-rules DIR; configuration errors name their line ------------------------------------

HOUSE = """\
kind: lexicon
severity: warning
category: house-style
message: "'{match}' is slang in our house style"
docs:
  what: Slang the desk does not print.
  why: It reads as flippant.
  fix: Say it plainly.
params:
  terms: [kerfuffle, gobsmacked]
examples:
  flagged:
    - text: The council was gobsmacked by the kerfuffle.
      findings: [gobsmacked, kerfuffle]
  passing:
    - The council was surprised by the row.
"""


def test_test_rules_passes_when_every_example_holds():
    write("house/house-slang.yaml", HOUSE)
    result = CliRunner().invoke(main, ["test-rules", "house"])
    assert (result.stdout, result.exit_code) == ("All 2 examples of 1 rule in house hold.\n", 0)


def test_test_rules_names_the_rule_and_example_that_does_not_hold():
    broken = HOUSE.replace("findings: [gobsmacked, kerfuffle]", "findings: [gobsmacked]").replace(
        "    - The council was surprised by the row.", "    - The council was surprised by the row.\n    - A kerfuffle at the pier.")
    write("house/house-slang.yaml", broken)
    result = CliRunner().invoke(main, ["test-rules", "house"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "house/house-slang.yaml: rule 'house-slang', flagged example 1: the findings differ "
        "(expected ['gobsmacked'], found ['gobsmacked', 'kerfuffle'])",
        "house/house-slang.yaml: rule 'house-slang', passing example 2: a passing example is flagged "
        "(expected [], found ['kerfuffle'])",
        "2 of 3 examples of 1 rule in house do not hold.",
    ]


def test_test_rules_on_a_broken_or_missing_folder_is_one_line():
    write("house/house-slang.yaml", HOUSE.replace("kind: lexicon", "kind: lexicn"))
    broken = CliRunner().invoke(main, ["test-rules", "house"])
    assert broken.exit_code == 2 and broken.stderr.startswith("newslint: error: house/house-slang.yaml:1: ")
    Path("empty").mkdir()
    empty = CliRunner().invoke(main, ["test-rules", "empty"])
    assert (empty.stderr, empty.exit_code) == ("newslint: error: empty: no rule files (.yaml, .yml) in this folder\n", 2)
    missing = CliRunner().invoke(main, ["test-rules", "nowhere"])
    assert (missing.stderr, missing.exit_code) == ("newslint: error: nowhere: rule folder not found\n", 2)


@pytest.mark.parametrize(
    "config,message",
    [
        ("select: [hype]\nrules:\n  peacok-word: {severity: error}\n",
         ":3: field 'rules.peacok-word': no such rule (did you mean 'peacock-word'?) (see 'newslint rules')"),
        ("select:\n  - hype\n  - hipe\n", ":3: unknown rule or category 'hipe' (did you mean 'hype'?) (see 'newslint rules')"),
        ("overrides:\n  - files: ['*.md']\n    ignore: [hyp]\n",
         ":3: unknown rule or category 'hyp' (did you mean 'hype'?) (see 'newslint rules')"),
        ("rules:\n  peacock-word:\n    params:\n      termz: [epic]\n",
         ":4: unknown field 'rules.peacock-word.params.termz' (allowed here: exception_patterns, exceptions, in_quotes, names, negation, part, patterns, reported_speech, terms)"),
    ],
)
def test_configuration_errors_name_their_line(config, message):
    write(".newslint.yaml", config)
    write("a.md", CLEAN)
    result = run("a.md")
    assert result.exit_code == 2
    assert result.stderr == f"newslint: error: {Path.cwd() / '.newslint.yaml'}{message}\n"


def test_a_pyproject_error_names_its_line():
    write("pyproject.toml", '[tool.newslint]\nselect = ["hype"]\n\n[tool.newslint.rules.peacok-word]\nseverity = "error"\n')
    write("a.md", CLEAN)
    result = run("a.md")
    assert result.stderr == (f"newslint: error: {Path.cwd() / 'pyproject.toml'}:4: field 'rules.peacok-word': no such rule "
                             "(did you mean 'peacock-word'?) (see 'newslint rules')\n")
