"""Every rule's YAML examples are tests: flagged texts give exactly the listed spans, passing
texts give nothing."""

import pytest

from newslint.engine import RuleSet
from newslint.rules import load_rules

RULES = load_rules()
FLAGGED = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples["flagged"])]
PASSING = [(r, i, text) for r in RULES for i, text in enumerate(r.examples["passing"])]


def _findings(rule, text):
    result = RuleSet(RULES, select=[rule.id]).lint_text(text, metrics=False)
    assert not result.errors
    return [f for f in result.findings if f.rule == rule.id]


@pytest.mark.parametrize("rule,index,example", FLAGGED, ids=[f"{r.id}-{i}" for r, i, _ in FLAGGED])
def test_flagged_example(rule, index, example):
    findings = _findings(rule, example["text"])
    assert [f.snippet for f in findings] == example["findings"]
    # spans are exact: each finding sits where its text is, in order of appearance
    position = 0
    for finding in findings:
        assert example["text"][finding.start : finding.end] == finding.snippet
        assert finding.start == example["text"].index(finding.snippet, position)
        position = finding.start


@pytest.mark.parametrize("rule,index,text", PASSING, ids=[f"{r.id}-{i}" for r, i, _ in PASSING])
def test_passing_example(rule, index, text):
    assert _findings(rule, text) == []


def test_every_rule_has_examples_both_ways_and_docs():
    assert len(RULES) >= 10
    for rule in RULES:
        assert rule.examples["flagged"] and rule.examples["passing"], rule.id
        assert all(rule.docs[k].strip() for k in ("what", "why", "fix")), rule.id


def test_every_category_of_the_brief_is_shipped():
    categories = {r.category for r in RULES}
    assert {"hype", "missing-quotes", "unsupported-claims", "citation-presence", "faq-redundancy"} <= categories


def test_shipped_rules_pass_the_schema():
    """Shipped rules skip schema validation at run time (a start-up cost); it happens here."""
    from newslint.rules import load_rule_file, rule_files, shipped_rules_dir

    paths = rule_files(shipped_rules_dir())
    assert len(paths) == len(RULES)
    for path in paths:
        assert load_rule_file(path, validate=True).id == path.stem
