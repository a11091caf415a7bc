"""Output formats for editorial pipelines: SARIF 2.1.0, GitHub Actions annotations, JSON Lines,
--output FILE, and one end-to-end run of an article with front matter, a suppression and a
baseline through every format."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newslint.cli import main

REPO = Path(__file__).resolve().parents[1]
# every run adds the test suite's house rule (house-word.yaml): a warning whatever the shipped
# rules' severities, so SLOPPY always has a finding that fails the default gate
HOUSE_RULES = str(REPO / "tests" / "fixtures" / "rules")
# the OASIS schema, vendored unmodified with its notice (tests/data/SARIF-SCHEMA-NOTICE.md)
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"

SLOPPY = """\
# Quay market opens

The ground-breaking market opened on the quay on Saturday, its organisers said.

Experts say the stalls will double trade in the old town.
"""

HOUSE_RULE = """\
kind: lexicon
severity: info
category: house-style
message: "'{match}' is 100% jargon,\\nsaid: the desk"
docs:
  what: Jargon the desk bans.
  why: Readers do not know what it means.
  fix: Say what actually happened.
params:
  terms: [synergy]
examples:
  flagged:
    - text: Synergy came to the pier.
      findings: [Synergy]
  passing:
    - A pier.
"""


pytestmark = pytest.mark.usefixtures("isolated")


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, ["--no-cache", "--rules", HOUSE_RULES, *args], **kwargs)


def write(name: str, text: str) -> str:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(text, encoding="utf-8")
    return name


def sarif_of(*args: str) -> dict:
    result = run("--format", "sarif", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# --- SARIF ---------------------------------------------------------------------------------------


def test_sarif_validates_against_the_published_schema(tmp_path):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    write("news/quay.md", SLOPPY)
    write("news/clean.md", "The market opened on Saturday, its organisers said.\n")
    write("house/jargon.yaml", HOUSE_RULE)
    write("news/with space.txt", "The synergy of the quay.\n")
    logs = [
        sarif_of("news"),
        sarif_of("--rules", "house", "news"),
        sarif_of("--report-unused-suppressions", "news/quay.md"),
        sarif_of("news/clean.md"),  # no results at all
        json.loads(run("--format", "sarif", "news/clean.md", "news/missing.md").stdout),  # an error notification
    ]
    write("news/empty.txt", "")
    logs.append(sarif_of("news/empty.txt", "news/clean.md"))  # a warning notification
    for log in logs:
        errors = sorted(validator_class(schema).iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_warnings_reach_every_machine_format(tmp_path, monkeypatch):
    # a file with nothing to check, and a rule that stops at its limit of hits: on standard
    # error as before, and in the report, so that a CI dashboard shows a truncated check
    from newslint import engine

    monkeypatch.setattr(engine, "MAX_HITS_PER_RULE", 1)
    write("news/empty.txt", "")
    write("news/syn.txt", "The iconic quay.\n\nMore iconic piers.\n")
    empty = "news/empty.txt: file is empty, nothing to check"
    stopped = ("news/syn.txt: more than 1 problems of house-word; it stopped at 1:5 and is not reported after it "
               "(it does not look like an article)")
    args = ("--select", "house-word", "news/empty.txt", "news/syn.txt")
    data = json.loads(run("--format", "json", *args).stdout)
    assert data["warnings"] == [{"path": "news/empty.txt", "message": empty}, {"path": "news/syn.txt", "message": stopped}]
    assert [f["text"] for f in data["files"][1]["findings"]] == ["iconic"]
    lines = [json.loads(line) for line in run("--format", "jsonl", *args).stdout.splitlines()]
    assert [line.get("type", line.get("rule")) for line in lines] == ["warning", "warning", "house-word"]
    assert lines[1] == {"type": "warning", "path": "news/syn.txt", "message": stopped}
    github = run("--format", "github", *args).stdout.splitlines()
    assert github[:2] == ["::warning file=news/empty.txt,title=newslint::" + empty,
                          "::warning file=news/syn.txt,title=newslint::" + stopped]
    log = sarif_of(*args)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True  # warnings are no failure of the run
    assert invocation["toolExecutionNotifications"] == [
        {"level": "warning", "message": {"text": text},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]}
        for uri, text in (("news/empty.txt", empty), ("news/syn.txt", stopped))]
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["house-word"]


def test_sarif_structure_rule_metadata_and_help(tmp_path):
    write("quay.md", SLOPPY)
    log = sarif_of("quay.md")
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = driver["rules"]
    results = sarif_run["results"]
    assert {r["ruleId"] for r in results} == {r["id"] for r in rules}  # one entry per rule used
    for result in results:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
    house = next(r for r in rules if r["id"] == "house-word")
    assert house["shortDescription"]["text"]
    assert house["fullDescription"]["text"]
    assert "Fix:" in house["help"]["text"] and house["help"]["markdown"]
    assert house["defaultConfiguration"]["level"] == "warning"
    assert house["properties"]["category"] == "hype"
    hit = next(r for r in results if r["ruleId"] == "house-word")
    assert hit["level"] == "warning"
    assert hit["message"]["text"].startswith("'ground-breaking' is on the desk's list of banned words")
    location = hit["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "quay.md"
    assert location["region"] == {
        "startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 20,
        "charOffset": SLOPPY.index("ground-breaking"), "charLength": 15,
        "snippet": {"text": "ground-breaking"},
    }


def test_sarif_levels_and_uris(tmp_path):
    write("house/jargon.yaml", HOUSE_RULE)
    write("desk notes/día 1.txt", "The synergy of the quay.\n")
    log = sarif_of("--rules", "house", "--select", "jargon", "desk notes")
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "note"  # severity info
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "note"
    assert result["message"]["text"] == "'synergy' is 100% jargon,\nsaid: the desk"
    # a URI reference: spaces and non-ASCII letters percent-encoded, "/" as separator
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "desk%20notes/d%C3%ADa%201.txt"


# --- GitHub Actions annotations -----------------------------------------------------------------

_ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^:]+)::(.*)$"
)


def test_github_annotations(tmp_path):
    write("quay.md", SLOPPY)
    write(".newslint.yaml", "rules: {weasel-attribution: {severity: warning}}\n")  # a second warning, on line 5
    result = run("--format", "github", "quay.md")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::warning file=quay.md,line=3,col=5,endLine=3,endColumn=20,title=newslint house-word::"
        "'ground-breaking' is on the desk's list of banned words: say what was done, and by whom"
    )
    assert all(_ANNOTATION.match(line) for line in lines), lines
    assert any(line.startswith("::warning file=quay.md,line=5,col=1,endLine=5,endColumn=12,title=newslint weasel-attribution::")
               for line in lines)


def test_github_escaping_of_properties_and_message(tmp_path):
    write("house/jargon.yaml", HOUSE_RULE)
    write("notes, draft: 2.txt", "The synergy of the quay.\n")
    result = run("--rules", "house", "--select", "jargon", "--format", "github", "notes, draft: 2.txt")
    assert result.exit_code == 0  # info is below the default --fail-on level
    assert result.stdout == (
        "::notice file=notes%2C draft%3A 2.txt,line=1,col=5,endLine=1,endColumn=12,title=newslint jargon::"
        "'synergy' is 100%25 jargon,%0Asaid: the desk\n"
    )


def test_github_multi_line_span_has_its_end_line(tmp_path):
    # a second hype word: peacock-word reports only in an article with two or more hype hits
    write("story.md", "# Quay\n\nThe market is\nground-breaking\nand opened today, its organisers said. Its iconic stalls sell fish.\n")
    result = run("--format", "github", "--select", "no-sources", "--select", "peacock-word", "story.md")
    line, second = result.stdout.splitlines()
    assert "line=4,col=1,endLine=4,endColumn=16" in line and "::'ground-breaking'" in line
    assert "line=5,col=44,endLine=5,endColumn=50" in second and "::'iconic'" in second


# --- JSON Lines -----------------------------------------------------------------------------------


def test_jsonl_is_one_object_per_finding_with_its_path(tmp_path):
    write("a/quay.md", SLOPPY)
    write("b/clean.md", "The market opened on Saturday, its organisers said.\n")
    write("c/pier.txt", "The momentous pier reopened, the council said.\n")
    result = run("--format", "jsonl", ".")
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    full = json.loads(run("--format", "json", ".").stdout)
    expected = [(entry["path"], f) for entry in full["files"] for f in entry["findings"]]
    assert len(rows) == len(expected) == full["summary"]["findings"]
    for row, (path, finding) in zip(rows, expected):
        assert row == {"path": path, **finding}
    assert {os.path.normpath(r["path"]) for r in rows} == {os.path.join("a", "quay.md"), os.path.join("c", "pier.txt")}
    assert rows[0]["rule"] == "house-word" and rows[0]["line"] == 3 and rows[0]["text"] == "ground-breaking"


def test_jsonl_of_a_clean_file_is_empty(tmp_path):
    write("clean.md", "The market opened on Saturday, its organisers said.\n")
    result = run("--format", "jsonl", "clean.md")
    assert result.exit_code == 0 and result.stdout == ""


# --- --output -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github"])
def test_output_file_holds_the_report(tmp_path, fmt):
    write("quay.md", SLOPPY)
    shown = run("--format", fmt, "--no-color", "quay.md")
    result = run("--format", fmt, "--output", "report.out", "quay.md")
    assert result.exit_code == shown.exit_code == 1
    assert result.stdout == ""
    assert (tmp_path / "report.out").read_text(encoding="utf-8") == shown.stdout
    assert sorted(os.listdir(tmp_path)) == ["quay.md", "report.out"]  # no temporary files left


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path):
    write("quay.md", SLOPPY)
    write("reports/latest.txt", "old report\n")
    os.symlink(os.path.join("reports", "latest.txt"), "report.txt")
    result = run("--format", "jsonl", "--output", "report.txt", "quay.md")
    assert result.exit_code == 1
    assert os.path.islink("report.txt")
    assert Path("reports/latest.txt").read_text(encoding="utf-8").startswith('{"path": "quay.md"')


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_output_to_a_device_or_pipe_writes_into_it(tmp_path):
    # regression: the atomic rename replaced the node itself, so `--output /dev/null` run as
    # root turned /dev/null into a regular file; a named pipe shows the same without root
    import stat
    import threading

    write("quay.md", SLOPPY)
    os.mkfifo("pipe")
    received = []
    reader = threading.Thread(target=lambda: received.append(Path("pipe").read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = run("--format", "github", "--output", "pipe", "quay.md")
    reader.join(timeout=30)
    assert result.exit_code == 1, result.output
    assert stat.S_ISFIFO(os.stat("pipe").st_mode)
    assert received and received[0].startswith("::warning file=quay.md,line=3,")
    assert sorted(os.listdir(tmp_path)) == ["pipe", "quay.md"]


def test_output_into_a_missing_folder_is_a_one_line_error(tmp_path):
    write("quay.md", SLOPPY)
    result = run("--output", "no/such/dir/report.txt", "quay.md")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "newslint: error:" in result.stderr


# --- end to end ---------------------------------------------------------------------------------

ARTICLE = """\
---
title: Harbour lights switched on
sources:
  - https://www.harbour-trust.example.org/
  - https://www.harbour-trust.example.org/news/2024/harbour-lights
---

# Harbour lights switched on

<!-- newslint-disable-next-line house-word -->
The ground-breaking lamps were switched on at dusk on Friday, the harbour trust said.

The momentous switch-on drew a crowd of about three hundred, the harbour master said.

The lamps run on power from the quay's own meter, the trust's engineer said.
"""

CATEGORIES = ("--select", "hype", "--select", "citation-presence", "--select", "unsupported-claims")


def test_end_to_end_front_matter_suppression_and_baseline_in_every_format(tmp_path):
    write("news/lights.md", ARTICLE)
    # the desk's configuration: weasel attribution is a warning here, whatever the shipped default
    write(".newslint.yaml", "rules: {weasel-attribution: {severity: warning}}\n")
    # 1. today's findings: the home page in the front matter and one banned word (the house
    #    rule); the other banned word is suppressed by the comment above its line
    first = run("--format", "jsonl", *CATEGORIES, "news/lights.md")
    today = [(r["rule"], r["line"], r["column"], r["text"]) for r in map(json.loads, first.stdout.splitlines())]
    assert today == [
        ("homepage-link", 4, 5, "https://www.harbour-trust.example.org/"),
        ("house-word", 13, 5, "momentous"),
    ]
    # 2. record them
    recorded = run(*CATEGORIES, "--write-baseline", "newslint-baseline.json", "news/lights.md")
    assert recorded.exit_code == 0
    # 3. the desk edits the story: a paragraph above, a sloppy sentence at the end
    edited = ARTICLE.replace(
        "# Harbour lights switched on\n",
        "# Harbour lights switched on\n\nFishing boats were moved for the evening, the harbour master said.\n",
    ) + "\nExperts say the lamps will cut energy use, and a trailblazing design keeps glare off the water.\n"
    write("news/lights.md", edited)
    new = [("weasel-attribution", 19, 1, 19, 12, "Experts say"), ("house-word", 19, 50, 19, 62, "trailblazing")]
    common = [*CATEGORIES, "--baseline", "newslint-baseline.json", "news/lights.md"]

    text = run("--no-color", *common)
    assert text.exit_code == 1
    assert [line for line in text.stdout.splitlines() if line.startswith("news/lights.md:")] == [
        "news/lights.md:19:1: warning weasel-attribution 'Experts say' attributes a claim to nobody in particular: name the source",
        "news/lights.md:19:50: warning house-word 'trailblazing' is on the desk's list of banned words: say what was done, and by whom",
    ]
    assert text.stdout.rstrip().endswith("Found 2 problems (2 warnings) in 1 of 1 file.")

    data = json.loads(run("--format", "json", *common).stdout)
    assert data["version"] == 1 and data["summary"]["findings"] == 2
    got = [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["text"]) for f in data["files"][0]["findings"]]
    assert got == new
    for f in data["files"][0]["findings"]:
        assert edited[f["start"] : f["end"]] == f["text"]

    log = json.loads(run("--format", "sarif", *common).stdout)
    results = log["runs"][0]["results"]
    assert [
        (r["ruleId"], *(r["locations"][0]["physicalLocation"]["region"][k] for k in ("startLine", "startColumn", "endLine", "endColumn")),
         r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"])
        for r in results
    ] == new
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} == {"weasel-attribution", "house-word"}

    github = run("--format", "github", *common)
    assert github.exit_code == 1
    assert [
        _ANNOTATION.match(line).group(3, 4, 5, 6, 7) for line in github.stdout.splitlines()
    ] == [(str(a), str(b), str(c), str(d), f"newslint {rule}") for rule, a, b, c, d, _ in new]
    assert all(_ANNOTATION.match(line).group(2) == "news/lights.md" for line in github.stdout.splitlines())

    # 4. with the baseline refreshed, the story is clean again in every format
    run(*CATEGORIES, "--write-baseline", "newslint-baseline.json", "news/lights.md")
    for fmt in ("text", "json", "jsonl", "sarif", "github"):
        assert run("--format", fmt, *common).exit_code == 0, fmt
