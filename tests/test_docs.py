"""Documentation stays true: the rules page is generated from the rule files, and every
command has help and appears in README."""

from pathlib import Path

from click.testing import CliRunner

from newslint.cli import main
from newslint.ruledocs import rules_page
from newslint.rules import load_rules

REPO = Path(__file__).resolve().parents[1]


def test_rules_page_is_generated_from_the_rule_files():
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_page(load_rules()), "regenerate: newslint rules --format markdown > docs/rules.md"


def test_rules_page_documents_every_rule_in_four_parts():
    page = rules_page(load_rules())
    for rule in load_rules():
        section = page.split(f"\n## {rule.id}\n", 1)[1].split("\n## ", 1)[0]
        for part in ("### What it does", "### Why is this bad?", "### How to fix it", "### Parameters"):
            assert part in section, (rule.id, part)


def test_every_command_has_help_and_is_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and command.help.strip(), name
        assert f"newslint {name}" in readme or (name == "check" and "newslint check" in readme), name


def test_readme_user_rule_example_loads_and_its_examples_hold():
    import re

    from newslint.engine import RuleSet
    from newslint.rules import parse_rule

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n# my-rules/([\w-]+)\.yaml\n(.*?)```", readme, re.S)
    assert match, "README's user-rule example is missing"
    rule = parse_rule(match.group(2), "README.md", default_id=match.group(1))
    ruleset = RuleSet(load_rules() + [rule], select=[rule.id])
    for example in rule.examples["flagged"]:
        found = [f.snippet for f in ruleset.lint_text(example["text"], metrics=False).findings]
        assert found == example["findings"]
    for text in rule.examples["passing"]:
        assert ruleset.lint_text(text, metrics=False).findings == []
