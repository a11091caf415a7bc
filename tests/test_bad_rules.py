"""Bad rule files and configuration (see docs/robustness.md): each is one line naming the file, the
line and the field, exit code 2, no traceback, nothing executed; user regexes run on RE2 and cannot
hang; a rule kind that raises costs only that rule on that file."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint import kinds
from newslint.cli import main
from newslint.kinds import Hit, Kind, register
from newslint.rules import shipped_rules_dir

# the test suite's house rule (house-word.yaml): a warning whatever the shipped rules' severities,
# for tests that need the other rules' findings to be reported beside a broken one
HOUSE_RULES = str(Path(__file__).resolve().parent / "fixtures" / "rules")
ARTICLE = "The council approved the ground-breaking budget on Monday, the mayor said.\n"
DOCS = "docs: {what: Foo words., why: Foo is vague., fix: Say what you mean.}\n"
EXAMPLES = """\
examples:
  flagged:
    - text: The foo budget.
      findings: [foo]
  passing: [The budget.]
"""


def rule_text(kind="lexicon", params="params: {terms: [foo]}\n", message='"\'{match}\' is foo"', extra=""):
    return f"kind: {kind}\nseverity: warning\nmessage: {message}\n{DOCS}{params}{extra}{EXAMPLES}"


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "my-rules").mkdir()
    return tmp_path


def write_rule(name, text, folder="my-rules"):
    path = Path(folder) / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(main, ["--no-cache", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def assert_config_error(message, *args):
    result = run("--rules", "my-rules", *args, "article.txt")
    assert result.stderr.splitlines() == [f"newslint: error: {message}"]
    assert result.stdout == ""  # nothing is linted with a broken rule set
    assert result.exit_code == 2
    for command in (["rules", "--rules", "my-rules"], ["explain", "foo-word", "--rules", "my-rules"]):
        other = run(*command)
        assert other.stderr.splitlines() == [f"newslint: error: {message}"]
        assert other.exit_code == 2
    return result


def test_a_valid_user_rule_works():
    write_rule("foo-word", rule_text())
    (Path("foo.txt")).write_text("The foo budget passed.\n")
    result = run("--rules", "my-rules", "foo.txt")
    assert "foo.txt:1:5: warning foo-word 'foo' is foo" in result.stdout
    assert result.exit_code == 1


# --- YAML and schema -------------------------------------------------------------------------------


def test_yaml_syntax_error():
    write_rule("foo-word", rule_text(params="params: {terms: [foo]\n"))
    assert_config_error("my-rules/foo-word.yaml:6: invalid YAML: did not find expected ',' or '}'")


def test_yaml_tab_indentation():
    write_rule("foo-word", rule_text(params="params:\n\tterms: [foo]\n"))
    result = run("--rules", "my-rules", "article.txt")
    assert result.stderr.splitlines() == [
        "newslint: error: my-rules/foo-word.yaml:6: invalid YAML: found character that cannot start any token"
    ]
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "text, message",
    [
        (rule_text().replace("severity: warning", "severity: 3"),
         "my-rules/foo-word.yaml:2: field 'severity': 3 is not one of ['error', 'warning', 'info']"),
        (rule_text().replace("severity: warning", "severity: fatal"),
         "my-rules/foo-word.yaml:2: field 'severity': 'fatal' is not one of ['error', 'warning', 'info']"),
        (rule_text(message="[not, a, string]"),
         "my-rules/foo-word.yaml:3: field 'message': ['not', 'a', 'string'] is not of type 'string'"),
        (rule_text(params="params: {terms: foo}\n"),
         "my-rules/foo-word.yaml:5: field 'params.terms': 'foo' is not of type 'array'"),
        (rule_text(params="params: {terms: [foo], in_quotes: sometimes}\n"),
         "my-rules/foo-word.yaml:5: field 'params.in_quotes': 'sometimes' is not one of ['skip', 'include', 'only']"),
        (rule_text(params="params: [foo]\n"),
         "my-rules/foo-word.yaml:5: field 'params': ['foo'] is not of type 'object'"),
        (rule_text(kind="pattern", params="params: {patterns: [foo], case_sensitive: maybe}\n"),
         "my-rules/foo-word.yaml:5: field 'params.case_sensitive': 'maybe' is not of type 'boolean'"),
        (rule_text(extra="pattern: {rules: [foo-word], at_least: 2, per_1000_words: 0}\n"),
         "my-rules/foo-word.yaml:6: field 'pattern.per_1000_words': 0 is less than or equal to the minimum of 0"),
        ("- just\n- a list\n", "my-rules/foo-word.yaml:1: a rule file must be a YAML mapping"),
        ("", "my-rules/foo-word.yaml:1: a rule file must be a YAML mapping"),
    ],
)
def test_wrong_types(text, message):
    write_rule("foo-word", text)
    assert_config_error(message)


def test_missing_required_field():
    write_rule("foo-word", rule_text().replace("severity: warning\n", ""))
    assert_config_error("my-rules/foo-word.yaml:1: field '(top level)': 'severity' is a required property")


def test_unknown_kind():
    write_rule("foo-word", rule_text(kind="lexicn"))
    known = ", ".join(sorted(kinds.load_kinds()))
    assert_config_error(f"my-rules/foo-word.yaml:1: field 'kind': unknown kind 'lexicn' (known: {known})")


def test_unknown_field():
    write_rule("foo-word", rule_text(extra="colour: red\n"))
    assert_config_error(
        "my-rules/foo-word.yaml:6: unknown field 'colour' "
        "(allowed here: category, covers, docs, enabled, examples, genres, id, kind, message, params, pattern, severity, suggestions)"
    )


def test_unknown_parameter():
    write_rule("foo-word", rule_text(params="params:\n  terms: [foo]\n  trems: [bar]\n"))
    result = run("--rules", "my-rules", "article.txt")
    (line,) = result.stderr.splitlines()
    assert line.startswith("newslint: error: my-rules/foo-word.yaml:7: unknown field 'params.trems' (allowed here: ")
    assert result.exit_code == 2


def test_id_must_match_file_name():
    write_rule("foo-word", "id: bar-word\n" + rule_text())
    assert_config_error("my-rules/foo-word.yaml:1: field 'id': 'bar-word' must match the file name 'foo-word'")


def test_duplicate_rule_id_with_a_shipped_rule():
    write_rule("peacock-word", "id: peacock-word\n" + rule_text())
    shipped = shipped_rules_dir() / "peacock-word.yaml"
    result = run("--rules", "my-rules", "article.txt")
    assert result.stderr.splitlines() == [
        f"newslint: error: my-rules/peacock-word.yaml:1: field 'id': duplicate rule id 'peacock-word' "
        f"(also defined in {shipped})"
    ]
    assert result.exit_code == 2


def test_duplicate_rule_id_across_user_folders():
    write_rule("foo-word", rule_text())
    write_rule("foo-word", rule_text(), folder="more-rules")
    result = run("--rules", "my-rules", "--rules", "more-rules", "article.txt")
    assert result.stderr.splitlines() == [
        "newslint: error: more-rules/foo-word.yaml:1: field 'id': duplicate rule id 'foo-word' "
        "(also defined in my-rules/foo-word.yaml)"
    ]
    assert result.exit_code == 2


def test_rule_folder_not_found():
    result = run("--rules", "no-such-folder", "article.txt")
    assert result.stderr.splitlines() == ["newslint: error: no-such-folder: rule folder not found"]
    assert result.exit_code == 2


def test_rule_file_not_utf8():
    Path("my-rules/foo-word.yaml").write_bytes(rule_text().replace("Foo words.", "Caf\xe9 words.").encode("latin-1"))
    result = run("--rules", "my-rules", "article.txt")
    (line,) = result.stderr.splitlines()
    assert line.startswith("newslint: error: my-rules/foo-word.yaml: cannot read rule file: 'utf-8' codec can't decode")
    assert result.exit_code == 2


# --- message templates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message, problem",
    [
        ('"{match} is {colour}"', "unknown placeholder '{colour}' (this kind offers: match)"),
        ('"{0} is foo"', "unknown placeholder '{0}' (this kind offers: match)"),
        ('"{match is foo"', "not a valid template: expected '}' before end of string"),
        ('"match} is foo"', "not a valid template: Single '}' encountered in format string"),
        ('"{match!x} is foo"', "unknown conversion '!x' (use !s, !r or !a)"),
    ],
)
def test_bad_message_template(message, problem):
    write_rule("foo-word", rule_text(message=message))
    assert_config_error(f"my-rules/foo-word.yaml:3: field 'message': {problem}")


def test_message_template_failing_at_run_time_costs_only_that_rule():
    """A format spec that suits no flagged text ({match:d}) is only found when a finding is made."""
    write_rule("foo-word", rule_text(message='"{match:d} is foo"'))
    Path("foo.txt").write_text("The foo and ground-breaking budget.\n")
    result = run("--rules", "my-rules", "--rules", HOUSE_RULES, "foo.txt", "article.txt")
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        "newslint: error: foo.txt: internal error in rule 'foo-word': ValueError: Unknown format code 'd'"
    )
    assert "foo.txt:1:13: warning house-word" in result.stdout
    assert "article.txt:1:26: warning house-word" in result.stdout
    assert result.exit_code == 2


# --- YAML tags: nothing is executed -------------------------------------------------------------------


@pytest.mark.parametrize(
    "tagged",
    [
        "kind: !!python/object/apply:os.system ['touch PWNED']\n",
        "kind: !!python/object/new:os.system [touch PWNED]\n",
        "kind: !!python/name:os.system\n",
    ],
)
def test_python_tags_are_refused_and_nothing_runs(workdir, tagged):
    write_rule("foo-word", rule_text().replace("kind: lexicon\n", tagged))
    result = run("--rules", "my-rules", "article.txt")
    (line,) = result.stderr.splitlines()
    assert line.startswith("newslint: error: my-rules/foo-word.yaml:1: invalid YAML: ")
    assert "could not determine a constructor for the tag 'tag:yaml.org,2002:python/" in line
    assert result.exit_code == 2
    assert not (workdir / "PWNED").exists()


def test_python_tag_in_configuration_is_refused(workdir):
    (workdir / ".newslint.yaml").write_text("fail-on: !!python/object/apply:os.system ['touch PWNED']\n")
    result = run("article.txt")
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"newslint: error: {workdir / '.newslint.yaml'}:1: invalid YAML: ")
    assert result.exit_code == 2
    assert not (workdir / "PWNED").exists()


@pytest.mark.parametrize(
    "config, problem",
    [
        ("select: [hype\n", ":2: invalid YAML: did not find expected ',' or ']'"),
        ("colour: red\n", ":1: unknown field 'colour' (allowed here: "),
        ("select: hype\n", ":1: field 'select': 'hype' is not of type 'array'"),
        ("select: [no-such-rule]\n", ":1: unknown rule or category 'no-such-rule' (did you mean 'no-sources'?) (see 'newslint rules')"),
        ("rules: {no-such-rule: {severity: error}}\n", ":1: field 'rules.no-such-rule': no such rule (did you mean 'no-sources'?) (see 'newslint rules')"),
    ],
)
def test_bad_configuration(workdir, config, problem):
    (workdir / ".newslint.yaml").write_text(config)
    result = run("article.txt")
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"newslint: error: {workdir / '.newslint.yaml'}{problem}")
    assert result.stdout == ""
    assert result.exit_code == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_configuration_in_a_subfolder_found_mid_run(workdir, jobs):
    """A broken config met only when a later file is reached stops the run cleanly (also with -j)."""
    (workdir / "desk").mkdir()
    (workdir / "desk" / ".newslint.yaml").write_text("colour: red\n")
    (workdir / "desk" / "story.txt").write_text(ARTICLE)
    if jobs == "1":
        result = run("-j", jobs, "article.txt", "desk")
        stderr, exit_code = result.stderr, result.exit_code
    else:  # the error crosses a process boundary (it used to fail to unpickle, and the run hung)
        proc = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "-j", jobs, "article.txt", "desk"],
                              capture_output=True, text=True, timeout=120)
        stderr, exit_code = proc.stderr, proc.returncode
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1].startswith(
        f"newslint: error: {workdir / 'desk' / '.newslint.yaml'}:1: unknown field 'colour'"
    )
    assert exit_code == 2


# --- regular expressions ---------------------------------------------------------------------------


def test_catastrophic_regex_finishes_promptly(workdir):
    write_rule("aaa", rule_text(kind="pattern", params="params: {patterns: ['(a+)+$', '(a|aa)+b']}\n"))
    (workdir / "aaa.txt").write_text("a" * 100_000 + "!\n")
    started = time.monotonic()
    result = run("--rules", "my-rules", "--select", "aaa", "aaa.txt")
    assert time.monotonic() - started < 10
    assert result.stderr == ""
    assert result.exit_code == 0
    assert "No problems found in 1 file." in result.stdout


def test_catastrophic_regex_that_matches(workdir):
    write_rule("aaa", rule_text(kind="pattern", params="params: {patterns: ['(a+)+$']}\n"))
    (workdir / "aaa.txt").write_text("Intro.\n\n" + "a" * 100_000)  # "$": the end of the text
    started = time.monotonic()
    result = run("--rules", "my-rules", "--select", "aaa", "--format", "json", "aaa.txt")
    assert time.monotonic() - started < 10
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (finding["line"], finding["column"], finding["end"] - finding["start"]) == (3, 1, 100_000)


@pytest.mark.parametrize(
    "pattern, detail",
    [
        ("'(unclosed'", "missing ): (unclosed"),
        ("'a{2,1}'", "invalid repetition size: {2,1}"),
        # backreferences and lookarounds are Python regex features RE2 does not have
        ("'(a)\\1'", "invalid escape sequence: \\1"),
        ("'(?<=x)a'", "invalid perl operator: (?<="),
    ],
)
def test_invalid_regex_is_a_config_error(pattern, detail):
    write_rule("foo-word", rule_text(kind="pattern", params=f"params: {{patterns: [{pattern}]}}\n"))
    shown = pattern.strip("'").replace("\\\\", "\\")
    assert_config_error(
        f"my-rules/foo-word.yaml:5: field 'params': pattern {shown!r} is not a valid RE2 regular expression: {detail}"
    )


# --- a rule kind that raises ---------------------------------------------------------------------------


@pytest.fixture
def exploding_kind(monkeypatch):
    """A test-only kind, registered for this test only: it raises on articles that say KABOOM."""
    monkeypatch.setattr(kinds, "REGISTRY", dict(kinds.load_kinds()))

    @register
    class ExplodingKind(Kind):
        name = "exploding"
        summary = "Flags 'foo'; raises on articles that say KABOOM (tests only)."
        params = {"terms": {"type": "array", "items": {"type": "string"}, "default": ["foo"]}}

        def check(self, doc, context):
            if "KABOOM" in doc.text:
                raise RuntimeError("kaboom:\nthis rule\tblew up")
            start = doc.text.find("foo")
            if start >= 0:
                yield Hit(start, start + 3)

    yield ExplodingKind
    assert "exploding" in kinds.REGISTRY


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_rule_kind_that_raises(workdir, exploding_kind, jobs):
    write_rule("boom-rule", rule_text(kind="exploding", params=""))
    (workdir / "a-bad.txt").write_text("The ground-breaking KABOOM plan.\n")
    (workdir / "b-fine.txt").write_text("The foo budget was ground-breaking.\n")
    result = run("-j", jobs, "--rules", "my-rules", "--rules", HOUSE_RULES, "a-bad.txt", "b-fine.txt", "article.txt")
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        "newslint: error: a-bad.txt: internal error in rule 'boom-rule': RuntimeError: kaboom: this rule blew up ("
    )
    assert line.endswith(f"({Path(__file__).name}:{exploding_kind.check.__code__.co_firstlineno + 2})")
    # the other rules' findings on the same file, and every other file, are still reported
    assert "a-bad.txt:1:5: warning house-word 'ground-breaking'" in result.stdout
    assert "b-fine.txt:1:5: warning boom-rule 'foo' is foo" in result.stdout
    assert "b-fine.txt:1:20: warning house-word" in result.stdout
    assert "article.txt:1:26: warning house-word" in result.stdout
    assert result.exit_code == 2


def test_rule_kind_that_raises_in_json(workdir, exploding_kind):
    write_rule("boom-rule", rule_text(kind="exploding", params=""))
    # two hype words a file: peacock-word reports only in an article with two or more hype hits
    (workdir / "a-bad.txt").write_text("The ground-breaking KABOOM plan for the iconic pier.\n")
    (workdir / "b-good.txt").write_text("The council approved the ground-breaking budget for the iconic pier, the mayor said.\n")
    result = run("--format", "json", "--rules", "my-rules", "a-bad.txt", "b-good.txt")
    data = json.loads(result.stdout)
    bad, good = data["files"]
    assert bad["errors"][0].startswith("a-bad.txt: internal error in rule 'boom-rule': RuntimeError: kaboom")
    assert [(f["rule"], f["text"]) for f in bad["findings"]] == [("peacock-word", "ground-breaking"), ("peacock-word", "iconic")]
    assert "errors" not in good and [(f["rule"], f["text"]) for f in good["findings"]] == [
        ("peacock-word", "ground-breaking"), ("peacock-word", "iconic")]
    assert result.exit_code == 2


def test_registering_a_kind_early_does_not_hide_the_built_in_kinds():
    """load_kinds() used to import the built-in kinds only while the registry was empty, so a kind
    registered before the first load hid them all. A fresh interpreter shows it."""
    code = (
        "from newslint.kinds import Kind, register, load_kinds\n"
        "@register\n"
        "class EarlyKind(Kind):\n"
        "    name = 'early'\n"
        "    summary = 'test'\n"
        "print(' '.join(sorted(load_kinds())))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert {"early", "lexicon", "pattern", "quotes", "claims", "citations", "faq", "density"} <= set(proc.stdout.split())


def test_shipped_rules_are_untouched_by_the_test_kind():
    assert "exploding" not in kinds.load_kinds()
    assert os.path.isdir(shipped_rules_dir())
