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


def lint(text, select=(), rules=None):
    """Findings of the shipped rules (optionally only some) on a text, as (rule, snippet) pairs."""
    result = RuleSet(rules or load_rules(), select=select).lint_text(text, metrics=False)
    assert not result.errors, result.errors
    return [(f.rule, f.snippet) for f in result.findings]
