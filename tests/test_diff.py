"""--diff REF and --diff-file: report only findings on lines a change adds or edits."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.diff import parse_unified_diff

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ARTICLE = """\
# Pier reopens after repairs

The ground-breaking pier reopened on Monday after a year of work, near the old quay.

The cafe at the end sells tea and cake, by the quay.

A remarkable crowd of about two hundred people came, on the harbour front.
"""


def git(*args: str, cwd=None) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test Desk", "-c", "user.email=desk@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, capture_output=True, text=True, check=True,
    )
    return done.stdout


@pytest.fixture(autouse=True)
def _isolated(isolated, monkeypatch):
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_EXTERNAL_DIFF"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path):
    git("init", "-q", "-b", "main")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "pier.md").write_text(ARTICLE, encoding="utf-8")
    git("add", "news/pier.md")
    git("commit", "-q", "-m", "pier story")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, ["--no-cache", "--select", "hype", *args])


def found(*args: str) -> list[tuple[str, int, str]]:
    result = run("--format", "jsonl", *args)
    assert result.exit_code in (0, 1), result.output
    return [(r["path"].replace("\\", "/"), r["line"], r["text"]) for r in map(json.loads, result.stdout.splitlines())]


def edit_cafe_paragraph(repo):
    path = repo / "news" / "pier.md"
    path.write_text(
        ARTICLE.replace("sells tea and cake, by the quay.", "sells tea and a momentous\ncake, by the quay."),
        encoding="utf-8",
    )


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newslint: error: ")
    return lines[0]


def test_diff_head_reports_only_findings_on_changed_lines(repo):
    assert found("news/pier.md") == [("news/pier.md", 3, "ground-breaking"), ("news/pier.md", 7, "remarkable")]
    edit_cafe_paragraph(repo)
    assert found("news/pier.md") == [
        ("news/pier.md", 3, "ground-breaking"), ("news/pier.md", 5, "momentous"), ("news/pier.md", 8, "remarkable")]
    assert found("--diff", "HEAD", "news/pier.md") == [("news/pier.md", 5, "momentous")]
    assert found("--diff", "HEAD", "news") == [("news/pier.md", 5, "momentous")]


def test_unchanged_files_report_nothing(repo):
    assert found("--diff", "HEAD", "news/pier.md") == []
    result = run("--diff", "HEAD", "news/pier.md")
    assert result.exit_code == 0


def test_a_new_untracked_file_counts_as_wholly_changed(repo):
    edit_cafe_paragraph(repo)
    (repo / "news" / "ferry.txt").write_text(
        "The trailblazing ferry sails at noon, from the harbour.\n\nIts world-class galley opens at nine.\n",
        encoding="utf-8",
    )
    assert found("--diff", "HEAD", "news") == [
        ("news/ferry.txt", 1, "trailblazing"),
        ("news/ferry.txt", 3, "world-class"),
        ("news/pier.md", 5, "momentous"),
    ]


def test_a_staged_new_file_counts_as_wholly_changed(repo):
    (repo / "news" / "ferry.txt").write_text(
        "The trailblazing ferry sails at noon, from the harbour.\n\nIts world-class galley opens at nine.\n",
        encoding="utf-8",
    )
    git("add", "news/ferry.txt")
    assert found("--diff", "HEAD", "news/ferry.txt") == [("news/ferry.txt", 1, "trailblazing"), ("news/ferry.txt", 3, "world-class")]


def test_diff_against_an_older_commit_and_from_a_subfolder(repo, monkeypatch):
    edit_cafe_paragraph(repo)
    git("commit", "-q", "-am", "cafe")
    path = repo / "news" / "pier.md"
    path.write_text(path.read_text() + "\nThe unwavering crew worked through the winter, near the old quay.\n")
    assert found("--diff", "HEAD", "news/pier.md") == [("news/pier.md", 10, "unwavering")]
    assert found("--diff", "HEAD~1", "news/pier.md") == [("news/pier.md", 5, "momentous"), ("news/pier.md", 10, "unwavering")]
    monkeypatch.chdir(repo / "news")
    assert found("--diff", "HEAD~1", "pier.md") == [("pier.md", 5, "momentous"), ("pier.md", 10, "unwavering")]


def test_diff_file_with_a_git_unified_diff(repo):
    edit_cafe_paragraph(repo)
    # git's default diff has three lines of context around the change: context is not "changed"
    (repo / "change.diff").write_text(git("diff"), encoding="utf-8")
    assert found("--diff-file", "change.diff", "news/pier.md") == [("news/pier.md", 5, "momentous")]


def test_diff_file_with_a_hand_written_diff(repo):
    diff = """\
--- a/news/pier.md
+++ b/news/pier.md
@@ -3,3 +3,3 @@
 The ground-breaking pier reopened on Monday after a year of work, near the old quay.
 
-The cafe at the end sells tea and cake, by the quay.
+The cafe at the end sells momentous tea and cake, by the quay.
"""
    (repo / "news" / "pier.md").write_text(
        ARTICLE.replace("sells tea", "sells momentous tea"), encoding="utf-8"
    )
    (repo / "edit.patch").write_text(diff, encoding="utf-8")
    assert found("--diff-file", "edit.patch", "news/pier.md") == [("news/pier.md", 5, "momentous")]
    # files the diff does not mention have no changed lines
    (repo / "other.md").write_text("The trailblazing ferry sails, from the harbour.\n\nIts world-class galley opens at nine.\n",
                                   encoding="utf-8")
    assert [r[2] for r in found("other.md")] == ["trailblazing", "world-class"]
    assert found("--diff-file", "edit.patch", "other.md") == []


def test_parse_unified_diff_counts_only_added_lines(tmp_path):
    diff = """\
diff --git a/a.md b/a.md
--- a/a.md
+++ b/a.md
@@ -1,4 +1,5 @@
 one
-two
+TWO
+two and a half
 three
 four
@@ -10 +11,0 @@
-gone
\\ No newline at end of file
--- /dev/null
+++ b/new.md
@@ -0,0 +1,2 @@
+first
+second
--- a/old.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
"""
    changed = parse_unified_diff(diff, str(tmp_path))
    assert changed == {str(tmp_path / "a.md"): {2, 3}, str(tmp_path / "new.md"): {1, 2}}


def test_a_bad_ref_is_a_one_line_error(repo):
    result = run("--diff", "no-such-branch", "news/pier.md")
    message = one_line_error(result)
    assert "no-such-branch" in message
    assert result.stdout == ""


def test_diff_outside_a_git_repository_is_a_one_line_error(tmp_path, monkeypatch):
    (tmp_path / "pier.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # no repository above tmp_path
    assert "--diff" in one_line_error(run("--diff", "HEAD", "pier.md"))


def test_a_missing_diff_file_is_a_one_line_error(repo):
    message = one_line_error(run("--diff-file", "nope.diff", "news/pier.md"))
    assert "nope.diff" in message


# --- issue 11 item 11: new findings relative to REF, article-level ones included -------------------

QUOTED = """\
# Pier reopens after repairs

The pier on the seafront reopened on Monday after a year of repairs to its deck and railings.
Work began last spring, when storms tore away a section of the walkway near the end of the pier.
The repairs cost four million pounds and were paid for by the council and a heritage grant.
Walkers can use the pier from eight in the morning until dusk, every day of the week.
The cafe at the end will reopen in May with a new menu and seats on the lower deck.
Anglers need a permit from the harbour office, and fishing is allowed only from the lower deck.
The old ticket booth has become a small museum about the history of the pier and the town.
Experts say it is the biggest repair of a pier ever made on this coast, and critics say it is the first of its kind in the world.
It is also the longest pier in the country, with room for a thousand walkers at a time on its deck.
"We are proud of every plank of it and of the people who laid them," said Ann Lee, the council leader.
"""


def test_deleting_the_only_quote_makes_the_article_level_finding_new(repo):
    path = repo / "news" / "pier.md"
    path.write_text(QUOTED, encoding="utf-8")
    git("commit", "-q", "-am", "quoted story")
    rules = ("--select", "no-named-quote")
    assert run("--format", "jsonl", *rules, "news/pier.md").stdout == ""
    path.write_text(QUOTED.rsplit('"We are proud', 1)[0], encoding="utf-8")
    result = run("--format", "jsonl", *rules, "--diff", "HEAD", "news/pier.md")
    # the finding sits on the headline, a line the change did not touch
    # (and the article is shorter by the quote, so its problems per 1,000 words pass the limit too)
    assert [(r["rule"], r["line"], r["text"]) for r in map(json.loads, result.stdout.splitlines())] == [
        ("no-named-quote", 1, "Pier reopens after repairs"), ("problem-density", 1, "Pier reopens after repairs")]
    assert result.exit_code == 0  # no-named-quote is info: it is reported, the default gate passes


def test_findings_that_were_already_there_are_not_new(repo):
    # the same article, moved down by a new paragraph above it: nothing new but the new paragraph
    path = repo / "news" / "pier.md"
    path.write_text(ARTICLE.replace("# Pier reopens after repairs\n", "# Pier reopens after repairs\n\n"
                                    "The trailblazing lamps were lit at dusk, near the old quay.\n"), encoding="utf-8")
    assert found("--diff", "HEAD", "news/pier.md") == [("news/pier.md", 3, "trailblazing")]


def test_diff_file_warns_when_no_path_in_it_is_linted(repo):
    (repo / "other.diff").write_text("--- a/elsewhere/story.md\n+++ b/elsewhere/story.md\n@@ -1 +1 @@\n-a\n+b\n",
                                     encoding="utf-8")
    result = run("--diff-file", "other.diff", "news/pier.md")
    assert result.exit_code == 0
    assert result.stderr == ("newslint: warning: other.diff: no file in the diff is one of the files linted (its paths "
                             "are taken relative to the current folder: run newslint where the diff was made)\n")
    edit_cafe_paragraph(repo)
    (repo / "change.diff").write_text(git("diff"), encoding="utf-8")
    assert run("--diff-file", "change.diff", "news/pier.md").stderr == ""
