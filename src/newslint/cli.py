"""The command line: wires options to discover -> read -> lint -> report, and sets the exit code."""

from __future__ import annotations

import enum
import sys

import click

from . import __version__
from .errors import InputError, NewslintError
from .finding import Severity
from .report import FORMATS, Summary, get_reporter


class ExitCode(enum.IntEnum):
    OK = 0  # nothing at or above the --fail-on level
    FINDINGS = 1  # findings at or above the --fail-on level
    ERROR = 2  # usage, configuration or input error
    INTERRUPTED = 130  # Ctrl-C


class NewslintGroup(click.Group):
    """``newslint PATH...`` runs ``check``; ``newslint rules`` and ``explain`` are commands."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _error(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)


@click.group(cls=NewslintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """Lint news articles for hype, missing quotes, unsupported claims, missing sources and
    redundant FAQs.

    \b
    Usage: newslint [OPTIONS] PATH...      (same as: newslint check ...)
           newslint rules                  list the rules
           newslint explain RULE           show a rule's documentation
    """


def _rule_options(func):
    func = click.option("--rules", "rule_dirs", multiple=True, metavar="DIR", type=click.Path(file_okay=False),
                        help="Add the YAML rules in DIR (repeatable).")(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules or categories (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules or categories (repeatable).")
@_rule_options
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True,
              help="Exit 1 when there are findings at or above this severity.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
def check(paths, output_format, select, ignore, rule_dirs, fail_on, color):
    """Lint the articles at PATH... (files, directories, or - for stdin)."""
    from .document import Document
    from .discover import discover
    from .engine import FileResult, RuleSet
    from .reading import read_path
    from .rules import load_rules

    try:
        ruleset = RuleSet(load_rules(rule_dirs), select=select, ignore=ignore)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)

    threshold = Severity.parse(fail_on)
    reporter = get_reporter(output_format, sys.stdout, color=color)
    summary = Summary()
    failed = False
    try:
        for item in discover(list(paths)):
            if isinstance(item, InputError):
                _error(str(item))
                summary.unreadable += 1
                continue
            try:
                text = read_path(item)
            except InputError as exc:
                _error(str(exc))
                summary.unreadable += 1
                continue
            path = "<stdin>" if item == "-" else item
            if not text.strip():
                click.echo(f"newslint: warning: {path}: file is empty, nothing to check", err=True)
                result = FileResult(path, text)
            else:
                result = ruleset.lint_document(Document(text, path), metrics=output_format == "json")
            for message in result.errors:
                _error(message)
            reporter.file(result)
            summary.add(result)
            failed = failed or any(f.severity >= threshold for f in result.findings)
        reporter.finish(summary)
    except KeyboardInterrupt:
        click.echo("newslint: interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    if summary.unreadable:
        sys.exit(ExitCode.ERROR)
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.OK)


@main.command("rules")
@_rule_options
def list_rules(rule_dirs):
    """List the rules, one line each: id, severity, category, what it flags."""
    from .rules import load_rules

    try:
        rules = load_rules(rule_dirs)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    width = max(len(r.id) for r in rules)
    for rule in sorted(rules, key=lambda r: (r.category, r.id)):
        click.echo(f"{rule.id:<{width}}  {str(rule.severity):<7}  {rule.category:<20}  {rule.docs['what']}")


@main.command()
@click.argument("rule_id", metavar="RULE")
@_rule_options
def explain(rule_id, rule_dirs):
    """Show a rule's documentation: what it flags, why, how to fix it, its parameters."""
    import yaml

    from .rules import load_rules

    try:
        rules = {r.id: r for r in load_rules(rule_dirs)}
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    rule = rules.get(rule_id)
    if rule is None:
        _error(f"unknown rule '{rule_id}' (see 'newslint rules')")
        sys.exit(ExitCode.ERROR)
    click.echo(explain_text(rule, yaml))


def explain_text(rule, yaml) -> str:
    docs = rule.docs
    parts = [
        f"# {rule.id}",
        f"severity: {rule.severity}   category: {rule.category}   kind: {rule.kind.name}   file: {rule.path}",
        "",
        "## What it does",
        docs["what"],
        "",
        "## Why is this bad?",
        docs["why"],
        "",
        "## How to fix it",
        docs["fix"],
    ]
    if "example" in docs:
        parts += ["", "## Example", docs["example"]]
    if "use_instead" in docs:
        parts += ["", "## Use instead", docs["use_instead"]]
    params = {k: v for k, v in rule.kind.p.items() if not (isinstance(v, list) and len(v) > 12)}
    long_lists = {k: len(v) for k, v in rule.kind.p.items() if isinstance(v, list) and len(v) > 12}
    parts += ["", "## Parameters", yaml.safe_dump(params, sort_keys=True, allow_unicode=True).rstrip()]
    parts += [f"{k}: {n} entries (see {rule.path})" for k, n in long_lists.items()]
    return "\n".join(parts)
