"""The everyday command-line workflow of a site's authors (issue 11, items 13-17 and 20):
--stdin-filename, ignore files and exclusion globs, --min-severity, rules/explain under the
configuration, --readability in every format, one-line usage errors, the paths printed."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from newslint.cli import main

REPO = Path(__file__).resolve().parents[1]
HOUSE_RULES = REPO / "tests" / "fixtures" / "rules"  # house-word: a warning for "ground-breaking"

BANNED = "A ground-breaking launch, she said.\n"  # one house-word warning at 1:3
# an info (peacock-word, "unwavering") and a warning (house-word, "ground-breaking")
MIXED = "The unwavering council met. A ground-breaking launch followed today.\n"
INFO = "mix.txt:1:5: info peacock-word 'unwavering' is promotional language: say what happened, and let the facts show its size"
WARNING = "mix.txt:1:31: warning house-word 'ground-breaking' is on the desk's list of banned words: say what was done, and by whom"


@pytest.fixture(autouse=True)
def workdir(isolated):
    return isolated


def run(*args, input=None):
    return CliRunner().invoke(main, ["--no-cache", *map(str, args)] if args and args[0] not in ("rules", "explain", "config") else list(map(str, args)), input=input)


def lint(*args, input=None):
    """newslint with the house rule, so that "ground-breaking" is a warning."""
    return CliRunner().invoke(main, ["--no-cache", "--rules", str(HOUSE_RULES), *map(str, args)], input=input)


def heads(stdout):
    """The first line of each finding (path:line:col: severity rule message)."""
    return [line for line in stdout.splitlines() if line and not line.startswith(" ") and not line.startswith(("Found", "No problems"))]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- 13. --stdin-filename -------------------------------------------------------------------------

CODE_SAMPLE = "# Launch\n\nA ground-breaking launch, she said. The `ground-breaking` code sample.\n"


def test_stdin_filename_picks_the_format_and_is_the_path_shown():
    as_markdown = lint("--stdin-filename", "posts/launch.md", "-", input=CODE_SAMPLE)
    assert heads(as_markdown.stdout) == [
        "posts/launch.md:3:3: warning house-word 'ground-breaking' is on the desk's list of banned words: say what was done, and by whom"
    ]
    assert as_markdown.exit_code == 1
    # as plain text, the inline code is prose: two findings; and with no PATH, stdin is read
    as_text = lint("--stdin-filename", "posts/launch.txt", input=CODE_SAMPLE)
    assert [h.split(": ")[0] for h in heads(as_text.stdout)] == ["posts/launch.txt:3:3", "posts/launch.txt:3:42"]
    # without it, standard input is plain text named <stdin>
    plain = lint("-", input=CODE_SAMPLE)
    assert [h.split(": ")[0] for h in heads(plain.stdout)] == ["<stdin>:3:3", "<stdin>:3:42"]


def test_stdin_filename_picks_the_configuration_of_that_file(workdir):
    write(workdir / "opinion" / ".newslint.yaml", "ignore: [hype]\n")
    result = lint("--stdin-filename", "opinion/column.md", "-", input=BANNED)
    assert result.stdout == "No problems found in 1 file.\n"
    assert result.exit_code == 0
    news = lint("--stdin-filename", "news/story.md", "-", input=BANNED)
    assert news.exit_code == 1 and heads(news.stdout)[0].startswith("news/story.md:1:3: warning house-word")
    # an exclude in that configuration applies as it would to the file itself (e.g. an editor's save hook)
    write(workdir / "drafts" / ".newslint.yaml", 'exclude: ["*.md"]\n')
    excluded = lint("--stdin-filename", "drafts/idea.md", input=BANNED)
    assert excluded.stdout == "1 file excluded by configuration.\nNo problems found in 0 files.\n"


def test_stdin_is_read_with_jobs_too(workdir):
    """Worker processes have no standard input: it used to be linted as an empty file under -j 2."""
    proc = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--rules", str(HOUSE_RULES), "-j", "2",
                           "--stdin-filename", "post.md"], input=BANNED, capture_output=True, text=True, timeout=120)
    assert proc.stderr == ""
    assert heads(proc.stdout) == [
        "post.md:1:3: warning house-word 'ground-breaking' is on the desk's list of banned words: say what was done, and by whom"]
    assert proc.returncode == 1


def test_stdin_filename_needs_standard_input(workdir):
    write(workdir / "a.md", BANNED)
    result = lint("--stdin-filename", "a.md", "a.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "newslint: error: --stdin-filename names standard input: give '-' as the path, or no path "
        "(see 'newslint check --help')\n"
    )
    assert result.stdout == ""


# --- 14. ignore files and exclusion globs ----------------------------------------------------------


def site(workdir):
    """A small Jekyll-like site: what .gitignore and .ignore leave is posts/a.md, posts/keep.tmp.md."""
    write(workdir / ".gitignore", "_site/\n*.tmp.md\n!keep.tmp.md\nnode_modules/\n")
    write(workdir / "posts" / "a.md", BANNED)
    write(workdir / "posts" / "b.tmp.md", BANNED)
    write(workdir / "posts" / "keep.tmp.md", BANNED)
    write(workdir / "posts" / "vendor" / ".gitignore", "*\n")  # a nested file ignores its folder
    write(workdir / "posts" / "vendor" / "lib.md", BANNED)
    write(workdir / "_site" / "index.html", "<p>" + BANNED + "</p>")
    write(workdir / ".ignore", "posts/private/\n")
    write(workdir / "posts" / "private" / "memo.md", BANNED)
    write(workdir / ".github" / "pull_request_template.md", BANNED)  # hidden: skipped by default
    write(workdir / "node_modules" / "pkg" / "README.md", BANNED)


def linted(result):
    return [entry["path"] for entry in json.loads(result.stdout)["files"]]


def test_walking_a_folder_honours_gitignore_and_ignore(workdir):
    site(workdir)
    result = lint("--format", "json", ".")
    assert result.stderr == ""
    assert linted(result) == ["posts/a.md", "posts/keep.tmp.md"]
    everything = lint("--format", "json", "--no-respect-gitignore", ".")
    assert linted(everything) == ["_site/index.html", "posts/a.md", "posts/b.tmp.md", "posts/keep.tmp.md",
                                  "posts/private/memo.md", "posts/vendor/lib.md"]


def test_a_folder_is_walked_in_path_order_one_folder_listing_at_a_time(workdir, monkeypatch):
    import os

    from newslint.discover import discover

    for name in ("a.md", "b/c.md", "b/d/e.txt", "b.md", "b-side.md", "c/f.md", "c/g/h.md", "d.md"):
        write(workdir / "desk" / name, "The ferry left at noon, the harbour office said.\n")
    listed = []
    real_scandir = os.scandir

    def scandir(path):
        listed.append(os.path.relpath(path, workdir))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    walk = discover(["desk"])
    # sorted by path, a subfolder's files in its place (as ``ls -R | sort``)
    assert next(walk) == "desk/a.md" and listed == ["desk"]  # nothing below is listed yet
    assert next(walk) == "desk/b/c.md" and listed == ["desk", "desk/b"]
    assert next(walk) == "desk/b/d/e.txt" and listed == ["desk", "desk/b", "desk/b/d"]
    assert list(walk) == ["desk/b-side.md", "desk/b.md", "desk/c/f.md", "desk/c/g/h.md", "desk/d.md"]
    assert listed == ["desk", "desk/b", "desk/b/d", "desk/c", "desk/c/g"]
    # a file inside the folder given again, or through a link, is still yielded once
    os.symlink(workdir / "desk" / "a.md", workdir / "desk" / "c" / "a-link.md")
    assert list(discover(["desk/b.md", "desk", str(workdir / "desk" / "a.md")])) == [
        "desk/b.md", "desk/a.md", "desk/b/c.md", "desk/b/d/e.txt", "desk/b-side.md", "desk/c/f.md", "desk/c/g/h.md",
        "desk/d.md"]


def test_ignore_files_above_the_folder_apply_up_to_the_repository_root(workdir):
    site(workdir)
    (workdir / ".git").mkdir()
    write(workdir / ".git" / "info" / "exclude", "a.md\n")
    assert linted(lint("--format", "json", "posts")) == ["posts/keep.tmp.md"]
    # outside a repository, only the ignore files at and below the folder walked count
    (workdir / ".git" / "info" / "exclude").unlink()
    (workdir / ".git" / "info").rmdir()
    (workdir / ".git").rmdir()
    assert linted(lint("--format", "json", "posts")) == ["posts/a.md", "posts/b.tmp.md", "posts/keep.tmp.md",
                                                          "posts/private/memo.md"]


def test_a_file_named_on_the_command_line_is_linted_even_if_ignored(workdir):
    site(workdir)
    assert linted(lint("--format", "json", "posts/b.tmp.md", "_site/index.html")) == ["posts/b.tmp.md", "_site/index.html"]


def test_exclude_and_extend_exclude(workdir):
    site(workdir)
    # --extend-exclude adds to the defaults (hidden folders, node_modules stay skipped)
    assert linted(lint("--format", "json", "--extend-exclude", "keep.*", ".")) == ["posts/a.md"]
    # --exclude replaces them: the hidden .github folder is walked now
    assert linted(lint("--format", "json", "--exclude", "posts/", ".")) == [".github/pull_request_template.md"]
    # the globs apply to files named on the command line too (pre-commit passes every file by name)
    result = lint("--format", "json", "--extend-exclude", "posts/**", "posts/a.md", "posts/keep.tmp.md")
    assert linted(result) == []
    assert result.exit_code == 0
    # a pattern with a slash is anchored at the current folder, one without matches at any depth
    assert linted(lint("--format", "json", "--extend-exclude", "/a.md", ".")) == ["posts/a.md", "posts/keep.tmp.md"]
    assert linted(lint("--format", "json", "--extend-exclude", "a.md", ".")) == ["posts/keep.tmp.md"]


def test_a_folder_named_on_the_command_line_is_walked_even_if_hidden(workdir):
    site(workdir)
    assert linted(lint("--format", "json", ".github")) == [".github/pull_request_template.md"]


def test_a_folder_with_only_ignored_articles_has_none(workdir):
    write(workdir / "build" / ".gitignore", "*.html\n")
    write(workdir / "build" / "index.html", "<p>" + BANNED + "</p>")
    result = lint("build")
    assert result.stderr == "newslint: error: build: no articles found (.txt, .md, .markdown, .mdx, .html, .htm) in this directory\n"
    assert result.exit_code == 2


# --- 15. --min-severity ------------------------------------------------------------------------------


def test_min_severity_hides_findings_below_it_in_text(workdir):
    write(workdir / "mix.txt", MIXED)
    assert heads(lint("mix.txt").stdout) == [INFO, WARNING]
    result = lint("--min-severity", "warning", "mix.txt")
    assert heads(result.stdout) == [WARNING]
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 warning) in 1 of 1 file (1 below the minimum severity not shown)."
    assert result.exit_code == 1


def test_findings_hidden_by_min_severity_do_not_fail_the_run(workdir):
    """As in ruff: what is not reported does not fail the run; --fail-on counts the findings shown."""
    write(workdir / "mix.txt", MIXED)
    hidden = lint("--min-severity", "error", "mix.txt")
    assert hidden.stdout == "No problems found in 1 file (2 below the minimum severity not shown).\n"
    assert hidden.exit_code == 0
    # the warning is shown, so the default gate (warning) fails on it
    assert lint("--min-severity", "warning", "mix.txt").exit_code == 1
    # the info is hidden: --fail-on info fails only on the warning that is shown
    assert lint("--min-severity", "warning", "--fail-on", "info", "mix.txt").exit_code == 1
    write(workdir / "info.txt", "The unwavering council met on Monday.\n")
    assert lint("--fail-on", "info", "info.txt").exit_code == 1
    assert lint("--min-severity", "warning", "--fail-on", "info", "info.txt").exit_code == 0
    # and --min-severity never makes a gate stricter
    assert lint("--min-severity", "info", "--fail-on", "error", "mix.txt").exit_code == 0
    # the configuration's min-severity too
    write(workdir / ".newslint.yaml", "min-severity: error\n")
    from newslint import config

    config.find_config.cache_clear()  # the configuration is read once per folder and run
    assert lint("mix.txt").exit_code == 0


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github"])
def test_min_severity_applies_to_every_format(workdir, fmt):
    write(workdir / "mix.txt", MIXED)
    out = lint("--format", fmt, "--min-severity", "warning", "mix.txt").stdout
    if fmt == "json":
        data = json.loads(out)
        assert [f["rule"] for f in data["files"][0]["findings"]] == ["house-word"]
        assert data["summary"]["by_severity"] == {"error": 0, "warning": 1, "info": 0}
        assert data["summary"]["hidden"] == 1
    elif fmt == "jsonl":
        assert [json.loads(line)["rule"] for line in out.splitlines()] == ["house-word"]
    elif fmt == "sarif":
        assert [r["ruleId"] for r in json.loads(out)["runs"][0]["results"]] == ["house-word"]
    else:
        assert [line.split(" ")[0] for line in out.splitlines()] == ["::warning"]


def test_min_severity_in_the_configuration(workdir):
    write(workdir / "mix.txt", MIXED)
    write(workdir / ".newslint.yaml", "min-severity: warning\n")
    assert heads(lint("mix.txt").stdout) == [WARNING]
    # the command line wins
    assert heads(lint("--min-severity", "info", "mix.txt").stdout) == [INFO, WARNING]
    shown = yaml.safe_load(CliRunner().invoke(main, ["config", "mix.txt"]).stdout)
    assert shown["min-severity"] == "warning"
    write(workdir / ".newslint.yaml", "min-severity: notice\n")
    from newslint import config

    config.find_config.cache_clear()  # the configuration is read once per folder and run
    bad = lint("mix.txt")
    assert bad.exit_code == 2
    assert bad.stderr.startswith(f"newslint: error: {workdir / '.newslint.yaml'}:1: field 'min-severity': 'notice' is not one of")


def test_min_severity_does_not_shrink_a_written_baseline(workdir):
    write(workdir / "mix.txt", MIXED)
    lint("--min-severity", "error", "--write-baseline", "baseline.json", "mix.txt")
    # both findings are recorded: showing the info later reveals nothing new
    assert lint("--baseline", "baseline.json", "mix.txt").stdout == "No problems found in 1 file.\n"


# --- 16. rules and explain under the configuration; names -------------------------------------------


def rules_line(stdout, rule_id):
    return next(line for line in stdout.splitlines() if line.split()[0] == rule_id).split()[:3]


def test_rules_applies_the_configuration(workdir):
    shutil_copy(HOUSE_RULES / "house-word.yaml", workdir / "house" / "house-word.yaml")
    write(workdir / ".newslint.yaml",
          "rules-dirs: [house]\nignore: [weasel-attribution]\nrules:\n  peacock-word: {severity: error}\n")
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0, result.output
    assert rules_line(result.stdout, "house-word") == ["house-word", "warning", "hype"]
    assert rules_line(result.stdout, "peacock-word") == ["peacock-word", "error", "hype"]
    assert rules_line(result.stdout, "weasel-attribution")[1].startswith("(")  # does not run here
    # --config FILE uses that file instead
    write(workdir / "plain.yaml", "select: [headline]\n")
    other = CliRunner().invoke(main, ["rules", "--config", "plain.yaml"])
    assert rules_line(other.stdout, "peacock-word") == ["peacock-word", "(info)", "hype"]
    assert "house-word" not in other.stdout


def shutil_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())


def test_explain_applies_the_configuration(workdir):
    write(workdir / ".newslint.yaml", "rules:\n  no-sources: {severity: warning, params: {min_words: 150}}\n")
    result = CliRunner().invoke(main, ["explain", "no-sources"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2].startswith("severity: warning   category: citation-presence")
    assert "min_words: 150" in result.stdout.splitlines()
    default = CliRunner().invoke(main, ["explain", "no-sources", "--config", str(write(workdir / "empty.yaml", ""))])
    assert "min_words: 150" not in default.stdout.splitlines()


def test_explain_a_category_shows_each_of_its_rules():
    from newslint.rules import load_rules

    result = CliRunner().invoke(main, ["explain", "citation-presence"])
    assert result.exit_code == 0, result.output
    titles = [line[2:] for line in result.stdout.splitlines() if line.startswith("# ")]
    expected = sorted(r.id for r in load_rules() if r.category == "citation-presence")
    assert titles == expected and len(expected) > 1


def test_unknown_names_get_did_you_mean():
    explain = CliRunner().invoke(main, ["explain", "peacok-word"])
    assert explain.exit_code == 2
    assert explain.stderr == "newslint: error: unknown rule or category 'peacok-word' (did you mean 'peacock-word'?) (see 'newslint rules')\n"
    select = run("--select", "hyp", "-", input=BANNED)
    assert select.exit_code == 2
    assert select.stderr == "newslint: error: <command line>: unknown rule or category 'hyp' (did you mean 'hype'?) (see 'newslint rules')\n"
    nothing_close = CliRunner().invoke(main, ["explain", "zzzz"])
    assert nothing_close.stderr == "newslint: error: unknown rule or category 'zzzz' (see 'newslint rules')\n"
    # a mistyped rule id under the configuration's rules:
    (Path.cwd() / ".newslint.yaml").write_text("rules:\n  peacock-words: {severity: error}\n", encoding="utf-8")
    from newslint import config

    config.find_config.cache_clear()  # the configuration is read once per folder and run
    config_key = run("-", input=BANNED)
    assert config_key.exit_code == 2
    assert config_key.stderr == (f"newslint: error: {Path.cwd() / '.newslint.yaml'}:2: field 'rules.peacock-words': no such rule "
                                 "(did you mean 'peacock-word'?) (see 'newslint rules')\n")


def test_select_and_ignore_take_comma_separated_lists(workdir):
    write(workdir / "mix.txt", MIXED)
    assert heads(lint("--select", "peacock-word,house-word", "mix.txt").stdout) == [INFO, WARNING]
    # house-word not selected: peacock-word reports "ground-breaking" too
    assert [h.split(" ")[:3] for h in heads(lint("--select", "peacock-word, headline", "mix.txt").stdout)] == [
        ["mix.txt:1:5:", "info", "peacock-word"], ["mix.txt:1:31:", "info", "peacock-word"]]
    assert heads(lint("--ignore", "peacock-word,house-word", "mix.txt").stdout) == []
    assert heads(lint("--ignore", "peacock-word", "--ignore", "house-word", "mix.txt").stdout) == []


# --- 17. --readability in every format, config MISSING, usage errors ---------------------------------


def test_readability_metrics_in_jsonl_and_sarif(workdir):
    write(workdir / "mix.txt", MIXED)
    lines = [json.loads(line) for line in lint("--format", "jsonl", "--readability", "mix.txt").stdout.splitlines()]
    assert [line.get("type", line.get("rule")) for line in lines] == ["metrics", "peacock-word", "house-word"]
    assert lines[0]["path"] == "mix.txt" and set(lines[0]["metrics"]) >= {"words", "flesch_reading_ease", "flesch_kincaid_grade"}
    # without --readability, jsonl stays one finding per line
    assert [json.loads(line)["rule"] for line in lint("--format", "jsonl", "mix.txt").stdout.splitlines()] == ["peacock-word", "house-word"]
    run_ = json.loads(lint("--format", "sarif", "--readability", "mix.txt").stdout)["runs"][0]
    assert [m["uri"] for m in run_["properties"]["metrics"]] == ["mix.txt"]
    assert run_["properties"]["metrics"][0]["metrics"]["words"] == 9
    assert "properties" not in json.loads(lint("--format", "sarif", "mix.txt").stdout)["runs"][0]
    data = json.loads(lint("--format", "json", "--readability", "mix.txt").stdout)
    assert "flesch_reading_ease" in data["files"][0]["metrics"]


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_readability_without_a_place_for_metrics_is_a_usage_error(workdir, fmt):
    write(workdir / "mix.txt", MIXED)
    result = lint("--format", fmt, "--readability", "mix.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"newslint: error: --readability adds metrics to machine output, which --format {fmt} has no place for: "
        "use --format json, jsonl or sarif (see 'newslint check --help')\n"
    )


def test_config_of_a_missing_path_is_an_error():
    result = CliRunner().invoke(main, ["config", "opinion/colum.md"])
    assert result.exit_code == 2
    assert result.stderr == "newslint: error: opinion/colum.md: no such file or directory\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["--fomat", "json", "a.md"], "no such option '--fomat' (did you mean '--format'?) (see 'newslint check --help')"),
        (["--format", "xml", "a.md"],
         "invalid value for '--format': 'xml' is not one of 'text', 'json', 'jsonl', 'sarif', 'github' (see 'newslint check --help')"),
        ([], "no PATH given (use - to read standard input) (see 'newslint check --help')"),
        (["-j", "-1", "a.md"], "invalid value for '-j' / '--jobs': -1 is not in the range x>=0 (see 'newslint check --help')"),
        (["explain"], "missing argument 'RULE|CATEGORY' (see 'newslint explain --help')"),
        (["rules", "--format", "html"], "invalid value for '--format': 'html' is not one of 'text', 'markdown' (see 'newslint rules --help')"),
    ],
)
def test_usage_errors_are_one_line(args, message):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"newslint: error: {message}\n"


def test_usage_error_from_the_installed_command(workdir):
    proc = subprocess.run([sys.executable, "-m", "newslint", "--min-severity", "notice", "a.md"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == ("newslint: error: invalid value for '--min-severity': 'notice' is not one of 'error', 'warning', 'info' "
                           "(see 'newslint check --help')\n")


# --- 20. paths as given or relative, sorted ---------------------------------------------------------


def test_paths_have_no_dot_slash_and_a_folder_is_sorted(workdir):
    for name in ["z.md", "b/c.md", "a.md", "b/a/d.txt", "B.md"]:
        write(workdir / "desk" / name, BANNED)
    result = lint("--format", "json", ".")
    assert linted(result) == ["desk/B.md", "desk/a.md", "desk/b/a/d.txt", "desk/b/c.md", "desk/z.md"]
    text = lint("./desk/z.md", ".//desk/a.md", "desk/")
    assert [h.split(":")[0] for h in heads(text.stdout)] == [
        "desk/z.md", "desk/a.md", "desk/B.md", "desk/b/a/d.txt", "desk/b/c.md"
    ]  # in the order given, each file once, a folder's files sorted
    absolute = lint(str(workdir / "desk" / "a.md"))
    assert heads(absolute.stdout)[0].startswith(f"{workdir / 'desk' / 'a.md'}:1:3: warning")  # as given


def test_new_options_are_in_the_help_and_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    usage = readme.split("## Usage", 1)[1].split("\n## ", 1)[0]
    help_text = " ".join(CliRunner().invoke(main, ["check", "--help"]).stdout.split())
    for option in ("--stdin-filename", "--exclude", "--extend-exclude", "--no-respect-gitignore", "--min-severity"):
        assert option in help_text, option
        assert option in usage, option
    assert "min-severity:" in readme.split("### Configuration file", 1)[1]
