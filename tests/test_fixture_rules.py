"""The test suite's own rule folder (tests/fixtures/rules): workflow and robustness tests pass it
with --rules when they need a finding that fails the default gate, whatever severities the shipped
rules have. These checks keep it what those tests take it to be."""

from pathlib import Path

import pytest

from newslint.engine import RuleSet
from newslint.finding import Severity
from newslint.rules import load_rule_file, load_rules, rule_files

FIXTURE_RULES = Path(__file__).resolve().parent / "fixtures" / "rules"
RULES = load_rules([str(FIXTURE_RULES)])
HOUSE = next(rule for rule in RULES if rule.id == "house-word")


def test_the_folder_passes_the_schema_and_adds_to_the_shipped_rules():
    paths = rule_files(FIXTURE_RULES)
    assert [p.name for p in paths] == ["house-word.yaml"]
    for path in paths:
        assert load_rule_file(path, validate=True).id == path.stem
    assert {r.id for r in RULES} == {r.id for r in load_rules()} | {"house-word"}


def test_house_word_is_a_warning_that_fails_the_default_gate():
    assert HOUSE.severity == Severity.WARNING and HOUSE.enabled and HOUSE.genres is None


@pytest.mark.parametrize("index", range(len(HOUSE.examples["flagged"])))
def test_flagged_examples(index):
    example = HOUSE.examples["flagged"][index]
    findings = RuleSet(RULES, select=["house-word"]).lint_text(example["text"], metrics=False).findings
    assert [f.snippet for f in findings] == example["findings"]


@pytest.mark.parametrize("index", range(len(HOUSE.examples["passing"])))
def test_passing_examples(index):
    assert RuleSet(RULES, select=["house-word"]).lint_text(HOUSE.examples["passing"][index], metrics=False).findings == []


def test_one_finding_per_word_beside_the_shipped_rules():
    """It covers peacock-word: with every rule running, each of its words is one finding, its own."""
    text = "The council approved the ground-breaking budget on Monday, the mayor said.\n"
    findings = RuleSet(RULES).lint_text(text, metrics=False).findings
    assert [(f.rule, f.severity, f.snippet) for f in findings] == [("house-word", Severity.WARNING, "ground-breaking")]
