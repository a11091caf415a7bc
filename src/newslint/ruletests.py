"""Rule examples as tests: every ``flagged`` example must give exactly its listed findings, in
order and where their text is, and every ``passing`` example none.

The test suite runs the shipped rules' examples through ``check_examples``, and ``newslint
test-rules DIR`` runs a desk's own rule folder through the same function, so a house rule is
tested exactly as a shipped one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import RuleSet


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    path: str
    #: "flagged" or "passing", and the example's index in that list
    kind: str
    index: int
    expected: list[str]
    found: list[str]
    problem: str

    def __str__(self) -> str:
        return (f"{self.path}: rule '{self.rule}', {self.kind} example {self.index + 1}: {self.problem} "
                f"(expected {self.expected}, found {self.found})")


def example_findings(rules, rule, text: str):
    """The findings of one rule on an example text, with every rule it reads loaded."""
    result = RuleSet(rules, select=[rule.id]).lint_text(text, metrics=False)
    if result.errors:
        raise RuntimeError("; ".join(result.errors))
    return [f for f in result.findings if f.rule == rule.id]


def check_flagged(rules, rule, index: int) -> ExampleFailure | None:
    example = rule.examples["flagged"][index]
    text, expected = example["text"], list(example["findings"])
    findings = example_findings(rules, rule, text)
    found = [f.snippet for f in findings]

    def failure(problem: str) -> ExampleFailure:
        return ExampleFailure(rule.id, rule.path, "flagged", index, expected, found, problem)

    if found != expected:
        return failure("the findings differ")
    position = 0  # spans are exact: each finding sits where its text is, in order of appearance
    for finding in findings:
        if text[finding.start : finding.end] != finding.snippet or finding.start != text.find(finding.snippet, position):
            return failure(f"'{finding.snippet}' is not found where its text first appears")
        position = finding.start
    return None


def check_passing(rules, rule, index: int) -> ExampleFailure | None:
    found = [f.snippet for f in example_findings(rules, rule, rule.examples["passing"][index])]
    if found:
        return ExampleFailure(rule.id, rule.path, "passing", index, [], found, "a passing example is flagged")
    return None


def check_examples(rules, chosen) -> tuple[int, list[ExampleFailure]]:
    """(examples run, failures) for the chosen rules, each run with all of ``rules`` loaded."""
    failures, count = [], 0
    for rule in chosen:
        for index in range(len(rule.examples["flagged"])):
            count += 1
            failure = check_flagged(rules, rule, index)
            if failure:
                failures.append(failure)
        for index in range(len(rule.examples["passing"])):
            count += 1
            failure = check_passing(rules, rule, index)
            if failure:
                failures.append(failure)
    return count, failures
