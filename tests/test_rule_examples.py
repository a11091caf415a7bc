"""Every rule's YAML examples are tests: flagged texts give exactly the listed spans, passing
texts give nothing."""

import pytest

from newslint.rules import load_rules
from newslint.ruletests import check_flagged, check_passing

RULES = load_rules()
FLAGGED = [(r, i, ex) for r in RULES for i, ex in enumerate(r.examples["flagged"])]
PASSING = [(r, i, text) for r in RULES for i, text in enumerate(r.examples["passing"])]


# the same checks as `newslint test-rules DIR` runs on a desk's own rules (ruletests.py)


@pytest.mark.parametrize("rule,index,example", FLAGGED, ids=[f"{r.id}-{i}" for r, i, _ in FLAGGED])
def test_flagged_example(rule, index, example):
    failure = check_flagged(RULES, rule, index)
    assert failure is None, str(failure)


@pytest.mark.parametrize("rule,index,text", PASSING, ids=[f"{r.id}-{i}" for r, i, _ in PASSING])
def test_passing_example(rule, index, text):
    failure = check_passing(RULES, rule, index)
    assert failure is None, str(failure)


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


USE_INSTEAD = [r for r in RULES if "use_instead" in r.docs]


@pytest.mark.parametrize("rule", USE_INSTEAD, ids=[r.id for r in USE_INSTEAD])
@pytest.mark.parametrize("path", ["example.md", "example.txt"])
def test_the_documented_use_instead_text_passes_every_default_rule(rule, path):
    """What a rule's documentation recommends must not be flagged by newslint itself (issue 11
    item 21): every rule that runs by default, not only the rule it documents."""
    from newslint.engine import RuleSet

    text = rule.docs["use_instead"]
    result = RuleSet(RULES).lint_text(text, path, metrics=False)
    assert not result.errors
    assert [(f.rule, f.snippet) for f in result.findings] == []


def test_most_rules_document_what_to_write_instead():
    # the article-level rules (densities, no-sources, FAQ and sources sections) have no one-line
    # rewrite; every rule that flags a phrase in a sentence has one
    assert {r.id for r in RULES} - {r.id for r in USE_INSTEAD} == {
        "faq-redundant-answer", "hype-density", "no-sources", "problem-density", "quote-meta-text", "unspecific-sources"}
