from pathlib import Path

import pytest

from newslint.engine import RuleSet
from newslint.rules import load_rules

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def ruleset(rules):
    return RuleSet(rules)


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Run in an empty folder, with no configuration remembered from another test."""
    from newslint import config

    monkeypatch.chdir(tmp_path)
    config.find_config.cache_clear()
    yield tmp_path
    config.find_config.cache_clear()
