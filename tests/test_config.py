"""Configuration: .newslint.yaml or [tool.newslint] in pyproject.toml, found by walking up from
each linted file, validated strictly, with per-rule and per-path settings."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from newslint import config
from newslint.cli import main
from newslint.rules import load_rules

PIER = "The mayor opened a stupendous, iconic, ground-breaking pier on Monday, near the old quay.\n"
QUOTED = '"This is a ground-breaking, momentous day for the whole of our town," the mayor said on Monday.\n'
WEASEL = "Experts say the pier will last a century, near the old quay.\n"


pytestmark = pytest.mark.usefixtures("isolated")


def default_severity(rule_id: str) -> str:
    """A shipped rule's own severity, for findings no configuration has touched."""
    return next(str(rule.severity) for rule in load_rules() if rule.id == rule_id)


def run(*args: str):
    return CliRunner().invoke(main, ["--no-cache", *args])


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def report(*args: str) -> dict:
    result = run("--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def hits(*args: str) -> list[tuple[str, str, str]]:
    """(rule, severity, text) of every finding of a run, in order."""
    data = report(*args)
    return [(f["rule"], f["severity"], f["text"]) for entry in data["files"] for f in entry["findings"]]


def error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newslint: error: ")
    return lines[0]


# --- finding the configuration -------------------------------------------------------------------


def test_newslint_yaml_is_found_by_walking_up_from_the_linted_file(tmp_path, monkeypatch):
    write(tmp_path / "paper" / ".newslint.yaml", "ignore: [peacock-word]\n")
    article = write(tmp_path / "paper" / "news" / "2024" / "pier.txt", PIER)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the configuration belongs to the file, not the working directory
    assert [h for h in hits(str(article)) if h[0] == "peacock-word"] == []
    # a file outside that tree does not get it
    outside = write(tmp_path / "other" / "pier.txt", PIER)
    assert ("peacock-word", default_severity("peacock-word"), "iconic") in hits(str(outside))


def test_the_nearest_configuration_wins_and_yml_is_accepted(tmp_path):
    write(tmp_path / ".newslint.yaml", "ignore: [peacock-word]\n")
    write(tmp_path / "sport" / ".newslint.yml", "ignore: [weasel-attribution]\n")
    write(tmp_path / "sport" / "match.txt", PIER + "\n" + WEASEL)
    write(tmp_path / "city" / "pier.txt", PIER + "\n" + WEASEL)
    sport = {h[0] for h in hits("sport/match.txt")}
    city = {h[0] for h in hits("city/pier.txt")}
    assert "peacock-word" in sport and "weasel-attribution" not in sport
    assert "peacock-word" not in city and "weasel-attribution" in city


def test_tool_newslint_in_pyproject_toml(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        """\
        [project]
        name = "the-paper"

        [tool.newslint]
        select = ["hype"]
        ignore = ["ai-boilerplate"]

        [tool.newslint.rules.peacock-word]
        severity = "error"
        allow = ["iconic"]
        """,
    )
    # a second hype word (peacock-word reports only where an article has two or more hype hits)
    # and an ignored ai-boilerplate phrase
    write(tmp_path / "desk" / "pier.txt", PIER + "\nIt was a momentous day that marks a new era for the town.\n\n" + WEASEL)
    assert hits("desk/pier.txt") == [("peacock-word", "error", "ground-breaking"), ("peacock-word", "error", "momentous")]


def test_a_pyproject_without_tool_newslint_is_passed_over(tmp_path):
    write(tmp_path / ".newslint.yaml", "ignore: [peacock-word]\n")
    write(tmp_path / "site" / "pyproject.toml", '[project]\nname = "site"\n')
    write(tmp_path / "site" / "pier.txt", PIER)
    assert [h for h in hits("site/pier.txt") if h[0] == "peacock-word"] == []


def test_an_explicit_config_file_replaces_the_search(tmp_path):
    write(tmp_path / ".newslint.yaml", "ignore: [peacock-word]\n")
    write(tmp_path / "strict.yaml", "select: [peacock-word]\n")
    write(tmp_path / "pier.txt", PIER)
    assert [h[2] for h in hits("--config", "strict.yaml", "pier.txt")] == ["iconic", "ground-breaking"]


# --- what a configuration sets --------------------------------------------------------------------


def test_select_and_ignore_take_rule_ids_and_categories(tmp_path):
    write(tmp_path / "pier.txt", PIER + "\n" + WEASEL)
    write(tmp_path / ".newslint.yaml", "select: [unsupported-claims]\n")
    assert {h[0] for h in hits("pier.txt")} == {"weasel-attribution"}
    config.find_config.cache_clear()
    write(tmp_path / ".newslint.yaml", "select: [hype, weasel-attribution]\nignore: [peacock-word]\n")
    assert {h[0] for h in hits("pier.txt")} == {"weasel-attribution"}


def test_command_line_select_replaces_and_ignore_adds(tmp_path):
    write(tmp_path / ".newslint.yaml", "select: [peacock-word]\nignore: [weasel-attribution]\n")
    write(tmp_path / "pier.txt", PIER + "\n" + WEASEL)
    assert {h[0] for h in hits("--select", "unsupported-claims", "pier.txt")} == set()  # weasel still ignored
    assert {h[0] for h in hits("--select", "hype", "--ignore", "peacock-word", "pier.txt")} == set()


def test_severity_override_changes_findings_and_exit_code(tmp_path):
    write(tmp_path / "pier.txt", PIER)
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    severity: warning\n")
    assert {h[1] for h in hits("--select", "peacock-word", "pier.txt")} == {"warning"}
    result = run("--select", "peacock-word", "--fail-on", "error", "pier.txt")
    assert result.exit_code == 0  # warnings only
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    severity: error\n")
    config.find_config.cache_clear()
    assert {h[1] for h in hits("--select", "peacock-word", "pier.txt")} == {"error"}
    assert run("--select", "peacock-word", "--fail-on", "error", "pier.txt").exit_code == 1


def test_fail_on_in_the_configuration(tmp_path):
    write(tmp_path / "pier.txt", PIER)
    write(tmp_path / ".newslint.yaml", "select: [peacock-word]\nfail-on: error\nrules: {peacock-word: {severity: warning}}\n")
    assert run("pier.txt").exit_code == 0
    assert run("--fail-on", "warning", "pier.txt").exit_code == 1  # the command line wins


def test_params_override_replaces_a_parameter(tmp_path):
    write(tmp_path / "quote.txt", QUOTED)
    assert hits("--select", "peacock-word", "quote.txt") == []  # quoted words are the speaker's
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    params: {in_quotes: include}\n")
    config.find_config.cache_clear()
    assert hits("--select", "peacock-word", "quote.txt") == [  # the severity is untouched
        ("peacock-word", default_severity("peacock-word"), "ground-breaking"),
        ("peacock-word", default_severity("peacock-word"), "momentous"),
    ]


def test_extend_adds_terms_and_allow_adds_exceptions(tmp_path):
    write(tmp_path / "pier.txt", PIER)
    assert [h[2] for h in hits("--select", "peacock-word", "pier.txt")] == ["iconic", "ground-breaking"]
    write(
        tmp_path / ".newslint.yaml",
        """\
        rules:
          peacock-word:
            extend:
              terms: [stupendous]
            allow: [iconic]
        """,
    )
    config.find_config.cache_clear()
    assert [h[2] for h in hits("--select", "peacock-word", "pier.txt")] == ["stupendous", "ground-breaking"]


def test_rules_dirs_are_relative_to_the_configuration(tmp_path, monkeypatch):
    write(
        tmp_path / "paper" / "house-rules" / "headline-slang.yaml",
        """\
        kind: lexicon
        severity: warning
        category: hype
        message: "'{match}' is headline slang"
        docs:
          what: Headline verbs that turn criticism into a fight.
          why: They exaggerate.
          fix: Say what was said.
        params:
          terms: [slams]
        examples:
          flagged:
            - text: The mayor slams the budget.
              findings: [slams]
          passing:
            - The mayor criticised the budget.
        """,
    )
    write(tmp_path / "paper" / ".newslint.yaml", "rules-dirs: [house-rules]\nselect: [headline-slang]\n")
    write(tmp_path / "paper" / "news" / "budget.txt", "The mayor slams the budget, the paper reported.\n")
    monkeypatch.chdir(tmp_path / "paper" / "news")
    assert hits("budget.txt") == [("headline-slang", "warning", "slams")]


def test_exclude_globs_skip_files(tmp_path):
    write(tmp_path / ".newslint.yaml", 'exclude: ["drafts/**", "**/*.draft.md"]\n')
    write(tmp_path / "drafts" / "deep" / "pier.txt", PIER)
    write(tmp_path / "news" / "pier.draft.md", PIER)
    write(tmp_path / "news" / "pier.md", PIER)
    data = report("--select", "peacock-word", ".")
    assert [entry["path"].replace("\\", "/").lstrip("./") for entry in data["files"]] == ["news/pier.md"]
    assert data["summary"]["excluded"] == 2
    text = run("--select", "peacock-word", ".")
    assert "2 files excluded by configuration." in text.stdout


def test_per_path_overrides(tmp_path):
    write(
        tmp_path / ".newslint.yaml",
        """\
        select: [hype, weasel-attribution]
        rules:
          peacock-word: {severity: warning}
          weasel-attribution: {severity: warning}
        overrides:
          - files: ["opinion/**"]
            ignore: [hype]
          - files: ["news/**"]
            rules:
              weasel-attribution: {severity: error}
        """,
    )
    write(tmp_path / "opinion" / "columns" / "pier.txt", PIER + "\n" + WEASEL)
    write(tmp_path / "news" / "pier.txt", PIER + "\n" + WEASEL)
    assert hits("opinion/columns/pier.txt") == [("weasel-attribution", "warning", "Experts say")]
    assert hits("news/pier.txt") == [
        ("peacock-word", "warning", "iconic"),
        ("peacock-word", "warning", "ground-breaking"),
        ("weasel-attribution", "error", "Experts say"),
    ]


# --- newslint config ------------------------------------------------------------------------------


def test_config_command_prints_the_resolved_configuration(tmp_path):
    write(
        tmp_path / ".newslint.yaml",
        """\
        ignore: [unsupported-claims]
        fail-on: error
        rules-dirs: [house]
        rules:
          peacock-word: {severity: error, allow: [iconic]}
        overrides:
          - files: ["opinion/**"]
            ignore: [hype]
        """,
    )
    (tmp_path / "opinion").mkdir()
    (tmp_path / "opinion" / "column.md").write_text("A column.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["config", "opinion/column.md"])
    assert result.exit_code == 0, result.output
    shown = yaml.safe_load(result.stdout)
    assert Path(shown["config"]).resolve() == (tmp_path / ".newslint.yaml").resolve()
    assert shown["select"] == "all"
    assert shown["ignore"] == ["unsupported-claims", "hype"]
    assert shown["fail-on"] == "error"
    assert shown["rules-dirs"] == [str((tmp_path / "house").resolve())]
    assert shown["rules"] == {"peacock-word": {"allow": ["iconic"], "severity": "error"}}
    assert shown["excluded"] is False
    # a folder: the settings a file directly in it would get
    folder = yaml.safe_load(CliRunner().invoke(main, ["config", "."]).stdout)
    assert folder["ignore"] == ["unsupported-claims"]


def test_config_command_without_configuration_shows_defaults(tmp_path, monkeypatch):
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    result = CliRunner().invoke(main, ["config", "--config", str(write(tmp_path / "empty.yaml", "")), str(lonely)])
    assert result.exit_code == 0, result.output
    shown = yaml.safe_load(result.stdout)
    assert shown["select"] == "all" and shown["ignore"] == [] and shown["rules"] == {}


# --- strict validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,line,key",
    [
        ("ignore: [hype]\nsellect: [peacock-word]\n", 2, "sellect"),
        ("rules:\n  peacock-word:\n    severity: error\n    colour: red\n", 4, "rules.peacock-word.colour"),
        ("overrides:\n  - files: ['a/**']\n    ignroe: [hype]\n", 3, "overrides.0.ignroe"),
    ],
)
def test_unknown_keys_are_one_line_errors_naming_file_line_and_key(tmp_path, text, line, key):
    write(tmp_path / ".newslint.yaml", text)
    write(tmp_path / "pier.txt", PIER)
    result = run("pier.txt")
    message = error_line(result)
    assert f".newslint.yaml:{line}: " in message
    assert f"'{key}'" in message
    assert result.stdout == ""  # nothing is linted with a broken configuration


def test_unknown_key_in_pyproject_names_its_line(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.newslint]\nfail_on = "error"\n')
    write(tmp_path / "pier.txt", PIER)
    message = error_line(run("pier.txt"))
    assert "pyproject.toml:5: " in message and "'fail_on'" in message


def test_config_command_reports_unknown_keys_too(tmp_path):
    write(tmp_path / ".newslint.yaml", "exclude: ['x/**']\nsellect: [hype]\n")
    message = error_line(CliRunner().invoke(main, ["config", "."]))
    assert ".newslint.yaml:2: " in message and "'sellect'" in message


@pytest.mark.parametrize(
    "text",
    [
        "rules:\n  peacock-words:\n    severity: error\n",
        "overrides:\n  - files: ['news/**']\n    rules:\n      no-such-rule: {severity: info}\n",
    ],
)
def test_unknown_rule_id_under_rules_is_an_error(tmp_path, text):
    write(tmp_path / ".newslint.yaml", text)
    write(tmp_path / "news" / "pier.txt", PIER)
    message = error_line(run("news/pier.txt"))
    assert ".newslint.yaml" in message
    assert "peacock-words" in message or "no-such-rule" in message


def test_unknown_rule_or_category_in_select_is_an_error(tmp_path):
    write(tmp_path / ".newslint.yaml", "select: [peacock-wurd]\n")
    write(tmp_path / "pier.txt", PIER)
    message = error_line(run("pier.txt"))
    assert ".newslint.yaml" in message and "peacock-wurd" in message


def test_bad_values_and_bad_yaml_are_errors(tmp_path):
    write(tmp_path / "pier.txt", PIER)
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    severity: loud\n")
    assert ".newslint.yaml:3: " in error_line(run("pier.txt"))
    config.find_config.cache_clear()
    write(tmp_path / ".newslint.yaml", "select: [hype\nignore: []\n")
    assert ".newslint.yaml:" in error_line(run("pier.txt"))
    config.find_config.cache_clear()
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    extend: {in_quotes: [x]}\n")
    assert "in_quotes" in error_line(run("pier.txt"))
