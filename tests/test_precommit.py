"""The pre-commit hook, run by the real pre-commit framework against this checkout.

``pre-commit try-repo`` clones the repository (with uncommitted changes to tracked files),
builds a fresh virtualenv and installs newslint into it from PyPI, so each run takes a minute
or more: these tests are marked ``slow`` (deselect with ``-m "not slow"``), but run by default.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason=f"{REPO} is not a git checkout: pre-commit try-repo needs one"),
]

SLOPPY = """\
# Millbrook Bandstand Ushers In A New Era Of Music

The sleepy village of Millbrook has unveiled its breathtaking, world-class bandstand, a momentous
triumph that stands as a testament to the unwavering spirit of its people. This game-changing
venue is the finest bandstand in the country and will transform village life for generations.

Experts say the cutting-edge design will double visitor numbers, and many believe it is the
most beautiful building ever built in the county. Ticket sales have soared by 300%.
"""

UNSTAGED = """\
# A Trailblazing, Jaw-Dropping Summer Fair

The indomitable organisers have delivered an unparalleled, awe-inspiring fair that is a
testament to the boundless energy of the whole valley.
"""

CLEAN = """\
# Millbrook bandstand reopens after roof repairs

Millbrook's bandstand on the village green reopened on Saturday after a four-month repair of
its timber roof, which was damaged in a storm last winter, the parish council said.

The work cost £48,000, according to the council's [spending report for October](https://millbrook-parish.example.org/finance/2024/october-spending).
Most of the money came from the council's reserves, with £10,000 from a heritage grant.

"We replaced every rafter that had rotted and kept the original iron columns," said
Priya Nair, the carpenter who led the repairs. "The roof should last another fifty years."

The brass band that plays there on Sunday afternoons will return next week, its secretary,
Tom Hale, said. Concerts run until the end of September.

Sources:

- [Parish council minutes, 3 June 2024](https://millbrook-parish.example.org/minutes/2024-06-03)
- [October spending report](https://millbrook-parish.example.org/finance/2024/october-spending)
"""


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_AUTHOR_NAME="Test Desk", GIT_AUTHOR_EMAIL="desk@example.org",
        GIT_COMMITTER_NAME="Test Desk", GIT_COMMITTER_EMAIL="desk@example.org",
        # no system or user git configuration (hooks, templates, signing); pip's is kept
        GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=str(folder / "gitconfig"),
        PRE_COMMIT_HOME=str(folder / "pre-commit-home"), NO_COLOR="1",
    )
    (folder / "gitconfig").write_text("", encoding="utf-8")
    return env


def _git(repo: Path, env, *args: str) -> None:
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"


def _try_repo(repo: Path, env, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail("pre-commit is a test dependency and is not installed: pip install pre-commit")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "newslint", "--color", "never", *args],
        cwd=repo, env=env, capture_output=True, text=True, timeout=1800,
    )


@pytest.fixture
def article_repo():
    # a folder of its own rather than tmp_path: these tests run for minutes, and other pytest
    # sessions on the machine may prune old tmp_path folders meanwhile
    with tempfile.TemporaryDirectory(prefix="newslint-pre-commit-") as folder:
        repo = Path(folder) / "paper"
        repo.mkdir()
        env = _env(Path(folder))
        _git(repo, env, "init", "-q")
        # the desk's house rule (the test suite's house-word.yaml, a warning whatever the shipped
        # rules' severities): SLOPPY and UNSTAGED use its words, so either fails the hook if checked
        (repo / "house-rules").mkdir()
        shutil.copy(REPO / "tests" / "fixtures" / "rules" / "house-word.yaml", repo / "house-rules")
        (repo / ".newslint.yaml").write_text("rules-dirs: [house-rules]\n", encoding="utf-8")
        yield repo, env


def test_hook_fails_on_a_staged_sloppy_article_and_ignores_unstaged_files(article_repo):
    repo, env = article_repo
    (repo / "news").mkdir()
    (repo / "news" / "bandstand.md").write_text(SLOPPY, encoding="utf-8")
    for name in ("fete.md", "gala.md", "show.md"):  # more files than cores: pre-commit would split them
        (repo / "news" / name).write_text(SLOPPY, encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "fair.md").write_text(UNSTAGED, encoding="utf-8")  # present, never staged
    _git(repo, env, "add", "news")

    done = _try_repo(repo, env)  # no --files: pre-commit passes the staged files only
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "- hook id: newslint" in output
    assert "news/bandstand.md:3:" in output
    for rule in ("peacock-word", "ai-boilerplate", "weasel-attribution"):
        assert rule in output, rule
    assert "fair.md" not in output and "Trailblazing" not in output
    # require_serial: one newslint run for the commit, so one summary for the four files
    summaries = [line for line in output.splitlines() if line.startswith("Found ")]
    assert len(summaries) == 1 and summaries[0].endswith(" in 4 of 4 files."), output


def test_hook_passes_on_a_clean_sourced_article(article_repo):
    repo, env = article_repo
    # a sloppy article that is already committed, and one that is not staged, are not checked
    (repo / "old.md").write_text(SLOPPY, encoding="utf-8")
    _git(repo, env, "add", "old.md")
    _git(repo, env, "commit", "-q", "--no-verify", "-m", "archive")
    (repo / "fair.md").write_text(UNSTAGED, encoding="utf-8")
    (repo / "bandstand.md").write_text(CLEAN, encoding="utf-8")
    _git(repo, env, "add", "bandstand.md")

    done = _try_repo(repo, env)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "newslint" in output and "Passed" in output
    assert "Skipped" not in output  # the hook ran, on the staged article

