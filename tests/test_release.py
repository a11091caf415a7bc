"""The release the documentation names exists: the version, the CHANGELOG entry, the pre-commit
`rev` and install lines of the README agree, and the hook runs once per commit."""

import re
from pathlib import Path

import yaml

import newslint

REPO = Path(__file__).resolve().parents[1]


def test_the_changelog_opens_with_this_version():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\d+\.\d+\.\d+)$", changelog, re.M)
    assert versions[0] == newslint.__version__


def test_the_readme_names_this_release():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(?:rev: |@)v(\d+\.\d+\.\d+)", readme))
    assert named == {newslint.__version__}


def test_the_pre_commit_hook_runs_once_per_commit():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # pre-commit splits the files over one process per CPU unless the hook is serial: each
    # process would print its own summary
    assert hook["id"] == "newslint" and hook["require_serial"] is True
