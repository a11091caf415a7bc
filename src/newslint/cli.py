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

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # e.g. while rules load; click would print "Aborted!" and exit 1
            click.echo("newslint: interrupted", err=True)
            sys.exit(ExitCode.INTERRUPTED)


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
           newslint config [PATH]          show the configuration that applies to PATH
    """


def _rule_options(func):
    func = click.option("--rules", "rule_dirs", multiple=True, metavar="DIR", type=click.Path(file_okay=False),
                        help="Add the YAML rules in DIR (repeatable).")(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: text, json, jsonl (one finding per line), sarif (2.1.0), github (Actions annotations).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically) instead of standard output.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules or categories (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules or categories (repeatable).")
@_rule_options
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file instead of searching for .newslint.yaml.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when there are findings at or above this severity [default: warning, or the configuration's].")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record all current findings in this file and exit 0.")
@click.option("--diff", "diff_ref", metavar="REF", help="Report only findings on lines changed since the git revision REF.")
@click.option("--diff-file", type=click.Path(dir_okay=False), help="Report only findings on lines a unified diff in FILE adds.")
@click.option("--report-unused-suppressions", is_flag=True, help="Report newslint-disable comments that suppress nothing.")
@click.option("-j", "--jobs", type=click.IntRange(0), default=1, show_default=True, help="Lint files in N processes (0: one per CPU).")
@click.option("--readability", is_flag=True,
              help="Add readability scores (textstat's Flesch reading ease and grade) to the JSON metrics. "
                   "Off by default: loading textstat and its dictionary costs about 1.5 s per run.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", default=".newslint_cache", show_default=True, type=click.Path(file_okay=False),
              help="Where results are cached, keyed by file content, rules and newslint version.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
def check(paths, output_format, output, select, ignore, rule_dirs, config_file, fail_on, baseline, write_baseline,
          diff_ref, diff_file, report_unused_suppressions, jobs, readability, no_cache, cache_dir, color):
    """Lint the articles at PATH... (files, directories, or - for stdin)."""
    import io
    import os

    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        # a file name that is not UTF-8 (os gives it lone surrogates) must not crash the report
        sys.stdout.reconfigure(errors="backslashreplace")

    from .engine import Linter
    from .run import RunOptions, lint_paths

    options = RunOptions(
        select=select, ignore=ignore, rule_dirs=rule_dirs, config=config_file,
        metrics=output_format == "json", readability=readability, report_unused=report_unused_suppressions,
        cache_dir=None if no_cache else cache_dir,
    )
    try:
        # load and check the rules and configuration once, before any file is read
        linter = Linter(select, ignore, rule_dirs, config_file)
        rules = linter.ruleset(linter.settings(paths[0] if paths[0] != "-" else "-")).order
        filters = []
        if baseline:
            from .baseline import Baseline

            filters.append(Baseline(baseline).filter)
        if diff_ref or diff_file:
            from .diff import ChangedLines

            filters.append(ChangedLines(diff_ref, diff_file).filter)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)

    writer = None
    if write_baseline:
        from .baseline import BaselineWriter

        writer = BaselineWriter(write_baseline)
    stream = io.StringIO() if output else sys.stdout
    reporter = get_reporter(output_format, stream, color=color if not output else False, rules=rules)
    summary = Summary()
    failed = False
    linted: set[str] = set()  # real paths of the files read: never overwritten by -o or --write-baseline
    try:
        for result in lint_paths(paths, options, jobs=jobs or os.cpu_count() or 1):
            if isinstance(result, InputError):
                _error(str(result))
                summary.unreadable += 1
                continue
            if result.path != "<stdin>":
                linted.add(os.path.realpath(result.path))
            if result.unreadable:
                _error(result.unreadable)
                summary.unreadable += 1
                continue
            if result.excluded:
                summary.excluded += 1
                continue
            for message in result.warnings:
                click.echo(f"newslint: warning: {message}", err=True)
            for message in result.errors:
                _error(message)
                summary.internal_errors += 1
            if writer is not None:
                writer.add(result)
            for keep in filters:
                result = keep(result)
            reporter.file(result)
            summary.add(result)
            threshold = Severity.parse(fail_on or result.fail_on or "warning")
            failed = failed or any(f.severity >= threshold for f in result.findings)
        reporter.finish(summary)
        for target in (output, write_baseline):
            if target and os.path.realpath(target) in linted:  # -o article.md article.md
                raise InputError(target, "is one of the files being linted; newslint will not overwrite it")
        if output:
            from .writing import write_atomically

            write_atomically(output, stream.getvalue())
        if writer is not None:
            count = writer.write()
            click.echo(f"newslint: wrote {count} finding(s) of {summary.files} file(s) to baseline {write_baseline}", err=True)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, as other command-line tools do
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitCode.FINDINGS if failed else ExitCode.OK)
    except OSError as exc:
        _error(f"{exc.filename or output or '-'}: {exc.strerror or exc}")
        sys.exit(ExitCode.ERROR)
    except KeyboardInterrupt:
        click.echo("newslint: interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    if summary.unreadable or summary.internal_errors:
        sys.exit(ExitCode.ERROR)
    if writer is not None:
        sys.exit(ExitCode.OK)
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.OK)


@main.command("config")
@click.argument("path", default=".", required=False)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file.")
def show_config(path, config_file):
    """Print the configuration that applies to PATH (a file or folder), after overrides."""
    import os

    import yaml

    from .config import settings_for

    target = os.path.join(path, "article.md") if os.path.isdir(path) else path
    try:
        settings = settings_for(target, config_file)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    click.echo(yaml.safe_dump(settings.to_dict(), sort_keys=False, allow_unicode=True).rstrip())


@main.command("rules")
@_rule_options
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="text: one line per rule; markdown: the full documentation page (docs/rules.md).")
def list_rules(rule_dirs, output_format):
    """List the rules, one line each: id, severity, category, what it flags."""
    from .rules import load_rules

    try:
        rules = load_rules(rule_dirs)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    if output_format == "markdown":
        from .ruledocs import rules_page

        click.echo(rules_page(rules), nl=False)
        return
    width = max(len(r.id) for r in rules)
    for rule in sorted(rules, key=lambda r: (r.category, r.id)):
        severity = str(rule.severity) if rule.enabled else f"({rule.severity})"
        click.echo(f"{rule.id:<{width}}  {severity:<7}  {rule.category:<20}  {rule.docs['what']}")


@main.command()
@click.argument("rule_id", metavar="RULE")
@_rule_options
def explain(rule_id, rule_dirs):
    """Show a rule's documentation: what it flags, why, how to fix it, its parameters."""
    from .ruledocs import explain as explain_rule
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
    click.echo(explain_rule(rule))
