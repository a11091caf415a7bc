"""Start-up work that a cold start skips must not change what a run does: the shipped rules'
snapshot, module patterns compiled on first use, the collector paused while newslint starts."""

from __future__ import annotations

import gc
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import newslint
from newslint import snapshot, startup
from newslint.lazyre import LazyPattern, lazy_compile
from newslint.rules import load_rule_file, shipped_rules_dir

RULE = """\
kind: lexicon
severity: info
category: hype
message: "'{match}' is hype"
docs: {what: w, why: y, fix: f}
examples: {flagged: [], passing: []}
params:
  terms: [game-changing]
"""


def test_the_shipped_snapshot_is_current():
    """Regenerate with ``python -m newslint.snapshot`` after editing a shipped rule."""
    directory = shipped_rules_dir()
    assert snapshot.load(directory) == snapshot.build(directory)["rules"], "run: python -m newslint.snapshot"


def test_a_current_snapshot_entry_is_used_instead_of_the_yaml(tmp_path):
    path = tmp_path / "hype-term.yaml"
    path.write_text(RULE, encoding="utf-8")
    entry = snapshot.build(tmp_path)["rules"]["hype-term.yaml"]
    entry["data"]["message"] = "'{match}' (from the snapshot)"
    rule = load_rule_file(path, validate=False, parsed=entry)
    assert rule.message == "'{match}' (from the snapshot)"


def test_a_stale_snapshot_entry_falls_back_to_the_yaml(tmp_path):
    path = tmp_path / "hype-term.yaml"
    path.write_text(RULE, encoding="utf-8")
    entry = snapshot.build(tmp_path)["rules"]["hype-term.yaml"]
    entry["data"]["message"] = "'{match}' (from the snapshot)"
    path.write_text(RULE.replace("is hype", "is hype, edited"), encoding="utf-8")  # the file changed since
    rule = load_rule_file(path, validate=False, parsed=entry)
    assert rule.message == "'{match}' is hype, edited"


def test_a_broken_snapshot_file_is_no_snapshot(tmp_path):
    (tmp_path / snapshot.NAME).write_text("{not json", encoding="utf-8")
    assert snapshot.load(tmp_path) == {}
    (tmp_path / snapshot.NAME).write_text(json.dumps({"format": 999, "rules": {}}), encoding="utf-8")
    assert snapshot.load(tmp_path) == {}


def _lazy_patterns():
    for info in pkgutil.walk_packages(newslint.__path__, "newslint."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern):
                yield f"{info.name}.{name}", value


def test_every_module_pattern_compiles():
    """A pattern compiled on first use would show a mistake only when an article reaches it."""
    found = list(_lazy_patterns())
    assert len(found) > 80
    for name, pattern in found:
        try:
            assert pattern.compiled.pattern == pattern._source[0], name
        except Exception as exc:  # noqa: BLE001 - name the pattern
            pytest.fail(f"{name}: {exc}")


def test_a_lazy_pattern_copies_and_pickles():
    import copy
    import pickle

    lazy = lazy_compile(r"pier\b")
    assert copy.copy(lazy).search("the pier").span() == (4, 8)
    assert pickle.loads(pickle.dumps(lazy)).search("a pier").span() == (2, 6)
    assert not hasattr(lazy, "__missing_special__")


def test_a_lazy_pattern_behaves_as_the_compiled_one():
    lazy = lazy_compile(r"(\w+)@(\w+)", 0)
    text = "write to ann@example or bob@example"
    assert [m.groups() for m in lazy.finditer(text)] == [("ann", "example"), ("bob", "example")]
    assert lazy.sub(r"\1", text) == "write to ann or bob"
    assert lazy.search(text).span() == (9, 20)
    assert lazy.groups == 2 and lazy.pattern == r"(\w+)@(\w+)"


def test_the_collector_is_back_on_once_the_rules_are_built():
    from newslint.config import settings_for
    from newslint.engine import Linter

    was_enabled = gc.isenabled()
    try:
        gc.enable()
        startup.pause()
        assert not gc.isenabled()
        Linter().ruleset(settings_for(str(Path.cwd() / "article.txt"), None))
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        (gc.enable if was_enabled else gc.disable)()


def test_pause_leaves_a_collector_that_was_off_alone():
    was_enabled = gc.isenabled()
    try:
        gc.disable()
        startup.pause()
        startup.over()
        assert not gc.isenabled()  # an embedding program switched it off: it stays off
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_the_command_runs_and_exits_as_before(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nThe launch was a game-changing moment, a testament to the team.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--format", "json", str(article)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # info findings only: below the default --fail-on
    rules = sorted({f["rule"] for f in json.loads(done.stdout)["files"][0]["findings"]})
    assert "ai-boilerplate" in rules


def test_the_character_tables_made_ahead_of_time_are_current():
    """Regenerate with ``python -m newslint.snapshot`` (the Python of the tests' Unicode data)."""
    import unicodedata

    from newslint import _tables
    from newslint.matching import make_non_word_table
    from newslint.spans import make_count_table

    if _tables.UNIDATA_VERSION != unicodedata.unidata_version:
        pytest.skip(f"tables made for Unicode {_tables.UNIDATA_VERSION}; this Python builds its own")
    assert _tables.NON_WORD == make_non_word_table(), "run: python -m newslint.snapshot"
    assert _tables.COUNT == make_count_table(), "run: python -m newslint.snapshot"


def test_another_unicode_version_builds_its_own_tables(monkeypatch):
    from newslint import _tables

    monkeypatch.setattr(_tables, "UNIDATA_VERSION", "1.0.0")
    assert snapshot.table("COUNT") is None and snapshot.table("NON_WORD") is None
