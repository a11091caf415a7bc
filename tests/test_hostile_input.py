"""Hostile and huge input (issue 15): YAML alias bombs and deep nesting everywhere newslint reads
YAML or TOML, list parameters in configuration, duplicate keys, configuration files newslint
cannot or should not read. Each case has its exact message; where time is the point, the run is
a subprocess with a timeout and a generous budget (a regression hangs or runs out of memory)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from newslint import config, safeyaml
from newslint.cli import main
from newslint.document import Document
from newslint.engine import Linter
from newslint.errors import InputError

pytestmark = pytest.mark.usefixtures("isolated")

PIER = "The mayor opened a stupendous, iconic, ground-breaking pier on Monday, near the old quay.\n"
GOOD = "The council met on Monday, the mayor said.\n"
# peacock-word reports only in an article with two hype hits: "a new era" (ai-boilerplate) is the second
PIER_ERA = PIER + "It marks a new era for the town.\n"
BUDGET = 5.0  # seconds: a bomb is refused in a fraction of a second; unbounded, it takes minutes


def run(*args: str):
    """A newslint command line; a check (no subcommand) runs without the result cache."""
    if args[0] not in ("config", "rules"):
        args = ("--no-cache", *args)
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def run_timed(*args: str, cwd: Path):
    """A run in a subprocess: (completed process, seconds). A hang fails on the timeout."""
    started = time.monotonic()
    if args[0] not in ("config", "rules"):
        args = ("--no-cache", *args)
    proc = subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd, stdin=subprocess.DEVNULL)
    assert "Traceback" not in proc.stderr
    return proc, time.monotonic() - started


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def hits(*args: str) -> list[tuple[str, str]]:
    result = run("--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(f["rule"], f["text"]) for entry in json.loads(result.stdout)["files"] for f in entry["findings"]]


def error_line(result) -> str:
    stderr = result.stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


RULE_HEAD = ("kind: lexicon\nseverity: warning\nmessage: x\ndocs: {what: x, why: x, fix: x}\n"
             "examples: {flagged: [{text: big, findings: [big]}], passing: [small]}\n")


def bomb(indent: str = "", levels: int = 9, width: int = 9, leaf: str = '"https://example.com/x"') -> str:
    """Nine levels of nine aliases: 387 million values once expanded, in about 400 bytes."""
    lines = [f"{indent}a0: &a0 [{leaf}]"]
    lines += [f"{indent}a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


# --- 1. alias bombs -----------------------------------------------------------------------------


def test_front_matter_alias_bomb_is_refused_fast_and_the_other_files_are_linted(tmp_path):
    text = "---\n" + bomb() + "sources: *a8\n---\n\nThe council met on Monday, the mayor said.\n"
    assert len(text) < 600
    write(tmp_path / "bomb.md", text)
    write(tmp_path / "good.txt", GOOD)
    proc, seconds = run_timed("--select", "peacock-word", "bomb.md", "good.txt", cwd=tmp_path)
    assert proc.stderr.splitlines() == [
        "newslint: error: bomb.md: front matter refused (line 7): too many values once aliases are expanded (more than 100,000)"
    ]
    assert proc.returncode == 2
    assert "1 of 1 file" in proc.stdout or "No problems found in 1 file" in proc.stdout, proc.stdout
    assert seconds < BUDGET


def test_front_matter_recursive_alias_and_deep_nesting_are_refused():
    with pytest.raises(InputError) as caught:
        Document("---\ntitle: x\nsources: &a [*a]\n---\nText.\n", "loop.md")
    assert str(caught.value) == "loop.md: front matter refused (line 3): an alias refers to a value that contains it (a recursive alias)"
    with pytest.raises(InputError) as caught:
        Document("---\ntags: " + "[" * 150 + "]" * 150 + "\n---\nText.\n", "deep.md")
    assert str(caught.value) == "deep.md: front matter refused (line 2): nested too deeply (more than 100 levels)"


def test_front_matter_with_a_few_aliases_is_read_as_before():
    doc = Document("---\ntags: &t [council, pier]\nkeywords: *t\ndate: 2024-05-06\n---\nThe council met.\n", "a.md")
    assert doc.front_matter["keywords"] == ["council", "pier"]
    assert str(doc.front_matter["date"]) == "2024-05-06"
    # a front matter that is not valid YAML is still skipped quietly, as before
    assert Document("---\ndate: 2020-02-30\n---\nText.\n", "b.md").front_matter == {}
    assert Document("---\ntitle: [unclosed\n---\nText.\n", "c.md").front_matter == {}


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
def test_yaml_is_parsed_with_libyaml():
    assert issubclass(safeyaml.BoundedLoader, yaml.CSafeLoader)


def test_expanded_size_is_counted_not_the_text():
    # 1 + 9 * (1 + 9 * 2) values in a few bytes: fine below the limit, refused above it
    assert len(safeyaml.load(bomb(levels=3))["a2"]) == 9
    with pytest.raises(safeyaml.LimitError, match=r"more than 100,000"):
        safeyaml.load(bomb(levels=7))  # 9**6 values
    with pytest.raises(safeyaml.LimitError, match=r"more than 100,000"):
        safeyaml.load("[" + ", ".join(["x"] * 100_001) + "]")  # no alias at all: too many values too


def test_nesting_is_counted_through_aliases():
    ten = "[" * 10 + "]" * 10
    text = f"a0: &a0 {ten}\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 95))
    with pytest.raises(safeyaml.LimitError, match=r"nested too deeply once aliases are expanded \(more than 100 levels\)"):
        safeyaml.load(text)


def test_configuration_alias_bomb_is_refused_fast_also_by_newslint_config(tmp_path):
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    params:\n" + bomb("      ", leaf="x")
          + "      terms: *a8\n")
    write(tmp_path / "good.txt", GOOD)
    message = (f"newslint: error: {tmp_path}/.newslint.yaml:9: YAML refused: "
               "too many values once aliases are expanded (more than 100,000)")
    for args in (["good.txt"], ["config", "good.txt"]):
        proc, seconds = run_timed(*args, cwd=tmp_path)
        assert (proc.stderr.splitlines(), proc.returncode, proc.stdout) == ([message], 2, "")
        assert seconds < BUDGET


def test_rule_file_alias_bomb_is_refused_fast(tmp_path):
    write(tmp_path / "house" / "big-word.yaml", RULE_HEAD + bomb(leaf="x")
          + "params: {terms: *a8}\n")
    write(tmp_path / "good.txt", GOOD)
    for args in (["--rules", "house", "good.txt"], ["rules", "--rules", "house"]):
        proc, seconds = run_timed(*args, cwd=tmp_path)
        assert proc.stderr.splitlines() == [
            "newslint: error: house/big-word.yaml:11: YAML refused: too many values once aliases are expanded (more than 100,000)"
        ]
        assert proc.returncode == 2
        assert seconds < BUDGET


def test_configuration_with_a_few_aliases_works_and_newslint_config_expands_them(tmp_path):
    write(tmp_path / ".newslint.yaml", """\
        rules:
          peacock-word: {allow: &ok [iconic, stupendous]}
          loaded-word: {allow: *ok}
        """)
    write(tmp_path / "pier.txt", PIER_ERA)
    assert hits("--select", "peacock-word", "pier.txt") == [("peacock-word", "ground-breaking")]
    result = run("config", "pier.txt")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["rules"] == {
        "loaded-word": {"allow": ["iconic", "stupendous"]}, "peacock-word": {"allow": ["iconic", "stupendous"]}
    }


def test_error_messages_never_print_a_whole_value(tmp_path):
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    params:\n      terms: " + "x" * 5000 + "\n")
    write(tmp_path / "good.txt", GOOD)
    result = run("good.txt")
    assert result.exit_code == 2
    assert error_line(result) == (f"newslint: error: {tmp_path}/.newslint.yaml:4: field 'rules.peacock-word.params.terms': "
                                  f"'{'x' * 17}...{'x' * 18}' is not of type 'array'")
    mapping = ", ".join(f"k{i}: [{i}]" for i in range(3000))
    write(tmp_path / "house" / "big-word.yaml", RULE_HEAD + f"params: {{terms: {{{mapping}}}}}\n")
    result = run("rules", "--rules", "house")
    assert (error_line(result), result.exit_code) == (
        "newslint: error: house/big-word.yaml:6: field 'params.terms': "
        "{'k0': [0], 'k1': [1], 'k10': [10], 'k100': [100], ...} is not of type 'array'", 2)


# --- duplicate keys -----------------------------------------------------------------------------


def test_duplicate_keys_in_configuration_are_refused(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / ".newslint.yaml", "select: [hype]\nignore: [peacock-word]\nselect: [peacock-word]\n")
    result = run("good.txt")
    assert (error_line(result), result.exit_code) == (
        f"newslint: error: {tmp_path}/.newslint.yaml:3: invalid YAML: duplicate key 'select' (first given on line 1)", 2)
    config.find_config.cache_clear()
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    severity: info\n    severity: error\n")
    result = run("good.txt")
    assert error_line(result) == (
        f"newslint: error: {tmp_path}/.newslint.yaml:4: invalid YAML: duplicate key 'severity' (first given on line 3)")


def test_duplicate_keys_in_a_rule_file_are_refused(tmp_path):
    write(tmp_path / "house" / "big-word.yaml", RULE_HEAD + "params: {terms: [big]}\nseverity: error\n")
    result = run("rules", "--rules", "house")
    assert (error_line(result), result.exit_code) == (
        "newslint: error: house/big-word.yaml:7: invalid YAML: duplicate key 'severity' (first given on line 2)", 2)


def test_merge_keys_are_not_duplicates(tmp_path):
    write(tmp_path / ".newslint.yaml", """\
        rules:
          peacock-word: &strict {severity: error}
          loaded-word: {<<: *strict, severity: info}
        """)
    write(tmp_path / "good.txt", GOOD)
    result = run("config", "good.txt")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["rules"] == {"loaded-word": {"severity": "info"}, "peacock-word": {"severity": "error"}}


# --- 5. list parameters ---------------------------------------------------------------------------


def rule_params(tmp_path: Path, rule_id: str) -> dict:
    linter = Linter()
    ruleset = linter.ruleset(linter.settings(str(tmp_path / "good.txt")))
    return ruleset.rules[rule_id].kind.p


def test_list_parameters_replace_the_rules_lists_in_yaml(tmp_path):
    write(tmp_path / "pier.txt", PIER_ERA)
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    params: {terms: [stupendous], exceptions: [a stupendous]}\n")
    assert hits("--select", "peacock-word", "pier.txt") == []  # "a stupendous" is an exception now
    config.find_config.cache_clear()
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    params: {terms: [stupendous], exceptions: []}\n")
    assert hits("--select", "peacock-word", "pier.txt") == [("peacock-word", "stupendous")]
    config.find_config.cache_clear()
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    params: {terms: [], patterns: ['\\bic\\w+c\\b']}\n")
    assert hits("--select", "peacock-word", "pier.txt") == [("peacock-word", "iconic")]


def test_list_parameters_counts_and_supported_by(tmp_path):
    write(tmp_path / ".newslint.yaml", """\
        rules:
          hype-density: {params: {counts: [peacock-word]}}
          weasel-attribution: {params: {supported_by: [link, quote]}}
        """)
    assert rule_params(tmp_path, "hype-density")["counts"] == ["peacock-word"]
    assert rule_params(tmp_path, "weasel-attribution")["supported_by"] == ["link", "quote"]


def test_list_parameters_in_pyproject_toml(tmp_path):
    write(tmp_path / "pier.txt", PIER)
    write(tmp_path / "pyproject.toml", """\
        [tool.newslint.rules.peacock-word]
        params = {terms = ["stupendous", "iconic"], exceptions = []}

        [tool.newslint.rules.hype-density.params]
        counts = ["peacock-word"]
        """)
    assert hits("--select", "peacock-word", "pier.txt") == [("peacock-word", "stupendous"), ("peacock-word", "iconic")]
    assert rule_params(tmp_path, "hype-density")["counts"] == ["peacock-word"]


def test_a_wrong_list_parameter_is_still_refused(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    params: {terms: [[stupendous]]}\n")
    result = run("good.txt")
    assert error_line(result) == (f"newslint: error: {tmp_path}/.newslint.yaml:3: "
                                  "field 'rules.peacock-word.params.terms.0': ['stupendous'] is not of type 'string'")


def test_frozen_configuration_thaws_to_the_same_data():
    data = {"params": {"pairs": [["x", 1], ["y", 2]], "nested": {"b": [1, {"c": []}]}, "empty": {}}, "allow": []}
    frozen = config._freeze(data)
    hash(frozen)
    assert config._plain(frozen) == data
    assert config._plain(config._freeze([["a", 1]])) == [["a", 1]]  # a list of pairs stays a list


# --- 11 and 15: configuration files -----------------------------------------------------------------


def test_pyproject_whose_tool_is_not_a_table_is_not_newslints(tmp_path):
    write(tmp_path / "pyproject.toml", "tool = 5\n")
    write(tmp_path / "pier.txt", PIER)
    assert hits("--select", "peacock-word", "pier.txt") == [("peacock-word", "iconic"), ("peacock-word", "ground-breaking")]
    config.find_config.cache_clear()
    write(tmp_path / "pyproject.toml", "[tool]\nnewslint = 5\n")
    result = run("pier.txt")
    assert (error_line(result), result.exit_code) == (
        f"newslint: error: {tmp_path}/pyproject.toml: field '(top level)': 5 is not of type 'object'", 2)


def test_deep_nesting_under_params_is_refused(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "pyproject.toml", "[tool.newslint.rules.peacock-word]\nparams = {terms = " + "[" * 600 + "]" * 600 + "}\n")
    result = run("good.txt")
    assert (error_line(result), result.exit_code) == (
        f"newslint: error: {tmp_path}/pyproject.toml: TOML refused: nested too deeply", 2)
    config.find_config.cache_clear()
    write(tmp_path / "pyproject.toml", "[tool.newslint.rules.peacock-word]\nparams = {terms = " + "[" * 150 + "]" * 150 + "}\n")
    result = run("good.txt")
    assert error_line(result) == (f"newslint: error: {tmp_path}/pyproject.toml: "
                                  "TOML refused: [tool.newslint] is nested too deeply (more than 100 levels)")
    (tmp_path / "pyproject.toml").unlink()
    config.find_config.cache_clear()
    write(tmp_path / ".newslint.yaml", "rules:\n  peacock-word:\n    params:\n      terms: " + "[" * 600 + "]" * 600 + "\n")
    result = run("good.txt")
    assert error_line(result) == (f"newslint: error: {tmp_path}/.newslint.yaml:4: "
                                  "YAML refused: nested too deeply (more than 100 levels)")


def test_an_unrelated_broken_pyproject_above_is_skipped_with_one_warning(tmp_path):
    write(tmp_path / "pyproject.toml", "[project\nname = 'other'\n")
    write(tmp_path / "desk" / "pier.txt", PIER)
    write(tmp_path / "desk" / "good.txt", GOOD)
    result = run("--select", "peacock-word", "desk/pier.txt", "desk/good.txt")
    assert result.stderr.splitlines() == [
        f"newslint: warning: {tmp_path}/pyproject.toml: invalid TOML: Expected ']' at the end of a table declaration "
        "(at line 1, column 9); skipped (it has no [tool.newslint] table)"
    ]
    assert result.exit_code == 0  # peacock-word is info: findings, but below the default gate
    assert "Found 2 problems" in result.stdout


def test_a_broken_pyproject_that_configures_newslint_stops_the_run(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.newslint]\nselect = [\n")
    write(tmp_path / "good.txt", GOOD)
    result = run("good.txt")
    assert result.exit_code == 2
    assert error_line(result).startswith(f"newslint: error: {tmp_path}/pyproject.toml:")
    assert "invalid TOML" in error_line(result)


def test_configuration_that_is_not_a_regular_file_or_too_large(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    started = time.monotonic()
    result = run("--config", "/dev/zero", "good.txt")
    assert (error_line(result), result.exit_code) == ("newslint: error: /dev/zero: cannot read configuration: not a regular file", 2)
    assert time.monotonic() - started < BUDGET
    write(tmp_path / "big.yaml", "# " + "x" * (1 << 20) + "\n")
    result = run("--config", "big.yaml", "good.txt")
    assert error_line(result) == "newslint: error: big.yaml: cannot read configuration: larger than 1 MiB"


def test_a_folder_above_that_cannot_be_searched_is_skipped(tmp_path, monkeypatch):
    write(tmp_path / ".newslint.yaml", "select: [peacock-word]\n")
    write(tmp_path / "locked" / "desk" / "pier.txt", PIER)
    locked = tmp_path / "locked"
    real_is_file = Path.is_file

    def is_file(self):  # as for a folder without search permission (chmod has no effect as root)
        if self.parent == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    result = run("--format", "json", "locked/desk/pier.txt")
    assert (result.stderr, result.exit_code) == ("", 0)
    found = {f["rule"] for entry in json.loads(result.stdout)["files"] for f in entry["findings"]}
    assert found == {"peacock-word"}  # the configuration above the locked folder still applies


def test_newslint_config_names_a_skipped_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", "[project\n")
    write(tmp_path / "desk" / ".newslint.yaml", "select: [hype]\n")
    write(tmp_path / "desk" / "good.txt", GOOD)
    result = run("config", "desk/good.txt")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["select"] == ["hype"]  # found below the broken file: no warning
    assert result.stderr == ""
    write(tmp_path / "good.txt", GOOD)
    result = run("config", "good.txt")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["config"] is None
    assert result.stderr.splitlines() == [
        f"newslint: warning: {tmp_path}/pyproject.toml: invalid TOML: Expected ']' at the end of a table declaration "
        "(at line 1, column 9); skipped (it has no [tool.newslint] table)"
    ]


def test_keys_that_are_numbers_or_long_strings(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    cases = [
        ("1: a\nfoo: b\n", f":1: unknown field '1' (allowed here: {', '.join(sorted(config.CONFIG_SCHEMA['properties']))})"),
        ("rules:\n  peacock-word:\n    params: {1: a, foo: b}\n",
         ":3: unknown field 'rules.peacock-word.params.1' (allowed here: exception_patterns, exceptions, in_quotes, names, negation, part, patterns, reported_speech, terms)"),
        ("rules:\n  2: {}\n", ":2: field 'rules.2': no such rule (see 'newslint rules')"),
        (f"rules:\n  ? {'r' * 3000}\n  : {{}}\n", f":2: field 'rules.{'r' * 57}...': no such rule (see 'newslint rules')"),
        (f"select: [{'r' * 3000}]\n", f":1: unknown rule or category '{'r' * 57}...' (see 'newslint rules')"),
    ]
    for text, message in cases:
        config.find_config.cache_clear()
        write(tmp_path / ".newslint.yaml", text)
        result = run("good.txt")
        assert (error_line(result), result.exit_code) == (f"newslint: error: {tmp_path}/.newslint.yaml{message}", 2)


@pytest.mark.parametrize("files, message", [
    ({"good.txt": 5}, "not a newslint baseline: the entry for 'good.txt' must map fingerprints to counts (whole numbers above 0)"),
    ({"good.txt": {"ab12": "1"}}, "not a newslint baseline: the entry for 'good.txt' must map fingerprints to counts (whole numbers above 0)"),
    ({"good.txt": {"ab12": True}}, "not a newslint baseline: the entry for 'good.txt' must map fingerprints to counts (whole numbers above 0)"),
    ({"good.txt": {"ab12": -1}}, "not a newslint baseline: the entry for 'good.txt' must map fingerprints to counts (whole numbers above 0)"),
    (None, "cannot read baseline: nested too deeply"),
])
def test_baseline_of_the_wrong_shape(tmp_path, files, message):
    write(tmp_path / "good.txt", GOOD)
    if files is None:
        (tmp_path / "base.json").write_text("[" * 100_000 + "]" * 100_000)
    else:
        (tmp_path / "base.json").write_text(json.dumps({"version": 1, "tool": "newslint", "files": files}))
    result = run("--baseline", "base.json", "good.txt")
    assert (error_line(result), result.exit_code) == (f"newslint: error: base.json: {message}", 2)


def test_one_long_string_aliased_many_times_is_refused_fast(tmp_path):
    text = "---\nnote: &s " + "x" * 200_000 + "\nsources: [" + ", ".join(["*s"] * 60) + "]\n---\n\nThe council met.\n"
    write(tmp_path / "long.md", text)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        Document(text, "long.md")
    assert str(caught.value) == ("long.md: front matter refused (line 3): "
                                 "too much text once aliases are expanded (more than 10,485,760 characters)")
    assert time.monotonic() - started < BUDGET
    # the same string listed a few times is fine
    assert len(Document(text.replace(", ".join(["*s"] * 60), "*s, *s"), "ok.md").front_matter["sources"]) == 2


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_configuration_that_is_a_fifo_does_not_hang(tmp_path):
    import os

    write(tmp_path / "good.txt", GOOD)
    os.mkfifo(tmp_path / "fifo.yaml")
    proc, seconds = run_timed("--config", "fifo.yaml", "good.txt", cwd=tmp_path)
    assert (proc.stderr.splitlines(), proc.returncode) == (
        ["newslint: error: fifo.yaml: cannot read configuration: not a regular file"], 2)
    assert seconds < BUDGET
