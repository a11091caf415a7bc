"""The command line: wires options to discover -> read -> lint -> report, and sets the exit code."""

from __future__ import annotations

import enum
import signal
import sys

import click

from . import __version__
from .errors import InputError, NewslintError
from .finding import Severity
from .discover import display_path, real_path
from .options import JOBS, walk_options
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
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            _usage_error(exc)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # a subcommand's bad option or argument
            _usage_error(exc)
        except KeyboardInterrupt:  # e.g. while rules load; click would print "Aborted!" and exit 1
            click.echo("newslint: interrupted", err=True)
            sys.exit(ExitCode.INTERRUPTED)


def _usage_error(exc: click.UsageError) -> None:
    """A usage error as one line in newslint's format (not click's usage block), exit 2."""
    import re

    message = " ".join(exc.format_message().split())
    message = message[:1].lower() + message[1:]
    message = re.sub(r"\.? Did you mean (.+?)\?$", r" (did you mean \1?)", message)
    names, ctx = [], exc.ctx
    while ctx is not None and ctx.parent is not None:  # the root is "newslint" however it was run
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    command = " ".join(["newslint", *names])
    _error(f"{message.rstrip('.')} (see '{command} --help')")
    sys.exit(ExitCode.ERROR)


def _names(values) -> tuple[str, ...]:
    """--select/--ignore values: repeatable and comma-separated (``--select hype,headline``)."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def _error(message: str) -> None:
    from .report.escape import visible  # a file name or a value cannot drive the terminal

    click.echo(f"newslint: error: {visible(message)}", err=True)


def _warn(message: str) -> None:
    from .report.escape import visible

    click.echo(f"newslint: warning: {visible(message)}", err=True)


@click.group(cls=NewslintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """Lint news articles for hype, missing quotes, unsupported claims, missing sources and
    redundant FAQs.

    \b
    Usage: newslint [OPTIONS] PATH...      (same as: newslint check ...)
           newslint rules                  list the rules
           newslint explain RULE|CATEGORY  show a rule's (or a category's) documentation
           newslint config [PATH]          show the configuration that applies to PATH
           newslint test-rules DIR         run the examples of the rules in DIR as tests
           newslint server                 run the language server for editors (LSP, stdio)
           newslint audit PATH... --out DIR  audit an archive: tables and an HTML report
    """


def _rule_options(func):
    func = click.option("--rules", "rule_dirs", multiple=True, metavar="DIR", type=click.Path(file_okay=False),
                        help="Add the YAML rules in DIR (repeatable).")(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: text, json, jsonl (one finding per line), sarif (2.1.0), github (Actions annotations).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically) instead of standard output ('-': standard output).")
@click.option("--select", multiple=True, metavar="RULE[,RULE...]",
              help="Run only these rules or categories (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE[,RULE...]", help="Skip these rules or categories (comma-separated, repeatable).")
@_rule_options
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file instead of searching for .newslint.yaml.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when there are reported findings at or above this severity [default: warning, or the configuration's].")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Report only findings at or above this severity, in every format; hidden findings do not fail the run [default: info, or the configuration's].")
@click.option("--stdin-filename", metavar="NAME",
              help="Lint standard input as the file NAME: its format (from the suffix), its configuration, the path shown.")
@walk_options
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record all current findings in this file and exit 0.")
@click.option("--diff", "diff_ref", metavar="REF", help="Report only findings on lines changed since the git revision REF.")
@click.option("--diff-file", type=click.Path(dir_okay=False), help="Report only findings on lines a unified diff in FILE adds.")
@click.option("--report-unused-suppressions", is_flag=True, help="Report newslint-disable comments that suppress nothing.")
@click.option("-j", "--jobs", type=JOBS, default="1", show_default=True,
              help="Lint files in N processes (0 or 'auto': one per CPU this process may use).")
@click.option("--readability", is_flag=True,
              help="Add readability scores (Flesch reading ease and grade, as textstat defines them) to the JSON metrics.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", default=".newslint_cache", show_default=True, type=click.Path(file_okay=False),
              help="Where results are cached, keyed by file content, rules and newslint version.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
def check(paths, output_format, output, select, ignore, rule_dirs, config_file, fail_on, min_severity, stdin_filename,
          walk, baseline, write_baseline,
          diff_ref, diff_file, report_unused_suppressions, jobs, readability, no_cache, cache_dir, color):
    """Lint the articles at PATH... (files, directories, or - for stdin).

    Folders are walked for .txt, .md, .markdown, .mdx, .html and .htm files, skipping hidden files and
    folders, node_modules, and what .gitignore and .ignore files ignore.
    """
    import io
    import os

    ctx = click.get_current_context()
    if stdin_filename is not None:
        if not paths:
            paths = ("-",)
        elif "-" not in paths:
            raise click.UsageError("--stdin-filename names standard input: give '-' as the path, or no path", ctx)
        if not stdin_filename.strip():
            raise click.UsageError("--stdin-filename needs a file name", ctx)
    if not paths:
        raise click.UsageError("no PATH given (use - to read standard input)", ctx)
    if readability and output_format not in ("json", "jsonl", "sarif"):
        raise click.UsageError(
            f"--readability adds metrics to machine output, which --format {output_format} has no place for: "
            "use --format json, jsonl or sarif", ctx)
    select, ignore = _names(select), _names(ignore)

    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        # a file name that is not UTF-8 (os gives it lone surrogates) must not crash the report
        sys.stdout.reconfigure(errors="backslashreplace")

    from .engine import Linter
    from .interrupt import Interrupts
    from .pool import Terminated, cpu_count
    from .run import RunOptions, lint_paths

    options = RunOptions(
        select=select, ignore=ignore, rule_dirs=rule_dirs, config=config_file,
        metrics=output_format == "json" or readability, readability=readability, report_unused=report_unused_suppressions,
        cache_dir=None if no_cache else cache_dir, stdin_filename=stdin_filename,
        walk=walk,
    )
    try:
        # load and check the rules and configuration once, before any file is read
        for target in (output, write_baseline):
            if target:  # a bad target fails now, not after the whole archive has been linted
                _check_target(target, paths)
        linter = Linter(select, ignore, rule_dirs, config_file)
        rules = linter.ruleset(linter.settings(paths[0] if paths[0] != "-" else (stdin_filename or "-"))).order
        filters = []
        changes = None
        if baseline:
            from .baseline import Baseline

            filters.append(Baseline(baseline).filter)
        if diff_ref or diff_file:
            from .diff import ChangedLines

            changes = ChangedLines(diff_ref, diff_file, relint=_relinter(linter, report_unused_suppressions))
            filters.append(changes.filter)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)

    writer = None
    if write_baseline:
        from .baseline import BaselineWriter

        writer = BaselineWriter(write_baseline)
    if output == "-":  # "-o -" is standard output, as for the paths; never a file named "-"
        output = None
    stream = io.StringIO() if output else sys.stdout
    reporter = get_reporter(output_format, stream, color=color if not output else False, rules=rules)
    summary = Summary()
    failed = False
    warned: set[str] = set()
    linted: set[str] = set()  # real paths of the files read: never overwritten by -o or --write-baseline
    interrupts = Interrupts().start()  # stopped in the "finally" below
    try:
        for result in lint_paths(paths, options, jobs=jobs or cpu_count()):
            interrupts.check()  # a Ctrl-C that a finaliser swallowed still stops the run
            if isinstance(result, InputError):
                _error(str(result))
                summary.unreadable += 1
                reporter.unreadable(result.path, str(result))
                continue
            if (output or write_baseline) and result.path != "<stdin>" and not (
                    stdin_filename and result.path == display_path(stdin_filename)):
                linted.add(real_path(result.path))
            if result.unreadable:
                _error(result.unreadable)
                summary.unreadable += 1
                reporter.unreadable(result.path, result.unreadable)
                continue
            for message in result.warnings:
                if message not in warned:  # a skipped configuration file is named once, not per file
                    warned.add(message)
                    _warn(message)
                    reporter.warned(result.path, message)
            if result.excluded:
                summary.excluded += 1
                continue
            for message in result.errors:
                _error(message)
                summary.internal_errors += 1
            if writer is not None:
                writer.add(result)
            for keep in filters:
                result = keep(result)
            lowest = min_severity or result.min_severity
            if lowest:  # hidden in every format, and (as in ruff) not counted by --fail-on
                shown = [f for f in result.findings if f.severity >= Severity.parse(lowest)]
                summary.hidden += len(result.findings) - len(shown)
                result.findings = shown
            threshold = Severity.parse(fail_on or result.fail_on or "warning")
            failed = failed or any(f.severity >= threshold for f in result.findings)
            reporter.file(result)
            summary.add(result)
        interrupts.check()
        reporter.finish(summary)
        if diff_file and changes is not None and not changes.matched and summary.files:
            click.echo(f"newslint: warning: {diff_file}: no file in the diff is one of the files linted (its paths are "
                       "taken relative to the current folder: run newslint where the diff was made)", err=True)
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
    except Terminated as exc:  # SIGTERM or SIGHUP while worker processes ran
        click.echo(f"newslint: terminated by {signal.Signals(exc.signum).name}", err=True)
        sys.exit(128 + exc.signum)
    finally:
        interrupts.stop()
    if summary.unreadable or summary.internal_errors:
        sys.exit(ExitCode.ERROR)
    if writer is not None:
        sys.exit(ExitCode.OK)
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def _relinter(linter, report_unused: bool):
    """Lint a text as the file at a path is linted (its configuration, rules and genre): for
    --diff REF, the file's old version."""

    def relint(path: str, text: str):
        from .document import Document

        settings = linter.settings(path)
        return linter.ruleset(settings).lint_document(Document(text, path, genre=settings.genre), metrics=False,
                                                        report_unused=report_unused)

    return relint


def _check_target(target: str, paths) -> None:
    """Refuse an -o or --write-baseline target that cannot or must not be written: a folder, a
    file in a missing or read-only folder, or one of the articles named or walked."""
    import os

    from .discover import ARTICLE_SUFFIXES

    if os.path.isdir(target):
        raise InputError(target, "is a folder: give the name of a file to write")
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise InputError(target, "cannot write: No such file or directory")
    if not os.access(folder, os.W_OK):
        raise InputError(target, f"cannot write: the folder '{os.path.dirname(target) or '.'}' is not writable")
    real = os.path.realpath(target)
    for path in paths:
        if path == "-":
            continue
        if os.path.realpath(path) == real or (
            os.path.isdir(path) and os.path.isfile(real) and real.lower().endswith(ARTICLE_SUFFIXES)
            and real.startswith(os.path.realpath(path).rstrip(os.sep) + os.sep)
        ):
            raise InputError(target, "is one of the files being linted; newslint will not overwrite it")


@main.command("config")
@click.argument("path", default=".", required=False)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file.")
def show_config(path, config_file):
    """Print the configuration that applies to PATH (a file or folder), after overrides."""
    import os

    import yaml

    from .config import settings_for

    if not os.path.lexists(path):
        _error(f"{path}: no such file or directory")
        sys.exit(ExitCode.ERROR)
    target = os.path.join(path, "article.md") if os.path.isdir(path) else path
    try:
        settings = settings_for(target, config_file)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    for message in settings.warnings:
        _warn(message)
    click.echo(yaml.safe_dump(settings.to_dict(), sort_keys=False, allow_unicode=True).rstrip())


def _config_rules(rule_dirs, config_file):
    """The rules as the current folder's configuration (or --config FILE) has them: its
    rules-dirs loaded, its severity and parameter overrides applied; and the ids it runs."""
    from .engine import Linter
    from .rules import apply_overrides, load_rules

    linter = Linter((), (), rule_dirs, config_file)
    settings = linter.settings("article.md")
    rules = load_rules(tuple(rule_dirs) + settings.rule_dirs)
    if settings.rules:
        rules = apply_overrides(rules, settings.rule_overrides(), settings.source)
    return rules, linter.ruleset(settings).reported


def _config_option(func):
    return click.option("--config", "config_file", type=click.Path(dir_okay=False),
                        help="Use this configuration file instead of the current folder's .newslint.yaml.")(func)


@main.command("rules")
@_rule_options
@_config_option
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="text: one line per rule; markdown: the full documentation page (docs/rules.md).")
def list_rules(rule_dirs, config_file, output_format):
    """List the rules, one line each: id, severity, category, what it flags.

    The configuration that applies in the current folder is used: its rules-dirs add rules and
    its severities apply. A severity in parentheses is a rule that does not run under it (off by
    default, not selected, or ignored).
    """
    try:
        rules, reported = _config_rules(rule_dirs, config_file)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    if output_format == "markdown":
        from .ruledocs import rules_page

        click.echo(rules_page(rules), nl=False)
        return
    width = max(len(r.id) for r in rules)
    for rule in sorted(rules, key=lambda r: (r.category, r.id)):
        severity = str(rule.severity) if rule.id in reported else f"({rule.severity})"
        click.echo(f"{rule.id:<{width}}  {severity:<9}  {rule.category:<20}  {rule.docs['what']}")


@main.command("test-rules")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
def test_rules(folder):
    """Run the examples of the rules in DIR, as the shipped rules' examples run in newslint's
    own tests: each flagged example must give exactly its findings, each passing one none.

    Exit 0 when every example holds, 1 naming each rule and example that does not, 2 when a
    rule file is broken.
    """
    from pathlib import Path

    from .rules import load_rule_file, load_rules, rule_files
    from .ruletests import check_examples

    try:
        ids = {load_rule_file(path).id for path in rule_files(Path(folder))}
        rules = load_rules([folder])
        chosen = sorted((r for r in rules if r.id in ids), key=lambda r: r.id)
        if not chosen:
            raise InputError(folder, "no rule files (.yaml, .yml) in this folder")
        count, failures = check_examples(rules, chosen)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    except RuntimeError as exc:  # a rule that fails on its own example
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    for failure in failures:
        click.echo(str(failure))
    rules_word = f"{len(chosen)} rule{'s' if len(chosen) != 1 else ''}"
    if failures:
        click.echo(f"{len(failures)} of {count} examples of {rules_word} in {folder} do not hold.")
        sys.exit(ExitCode.FINDINGS)
    click.echo(f"All {count} examples of {rules_word} in {folder} hold.")


@main.command()
@click.argument("rule_id", metavar="RULE|CATEGORY")
@_rule_options
@_config_option
def explain(rule_id, rule_dirs, config_file):
    """Show a rule's documentation: what it flags, why, how to fix it, its parameters.

    Severity and parameters are those of the current folder's configuration. Given a category,
    every rule in it is shown.
    """
    from .engine import did_you_mean
    from .ruledocs import explain as explain_rule

    try:
        rules, _ = _config_rules(rule_dirs, config_file)
    except NewslintError as exc:
        _error(str(exc))
        sys.exit(ExitCode.ERROR)
    chosen = [r for r in rules if r.id == rule_id] or sorted((r for r in rules if r.category == rule_id), key=lambda r: r.id)
    if not chosen:
        _error(f"unknown rule or category '{rule_id}'{did_you_mean(rule_id, rules)} (see 'newslint rules')")
        sys.exit(ExitCode.ERROR)
    click.echo("\n\n".join(explain_rule(rule) for rule in chosen))


@main.command("server")
@click.option("--stdio", is_flag=True, help="Talk to the editor over standard input and output (the default).")
@click.option("--tcp", metavar="HOST:PORT", help="Listen on a TCP port instead of stdio (e.g. 127.0.0.1:2087).")
@_rule_options
@_config_option
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Report only findings at or above this severity [default: the configuration's].")
def language_server(stdio, tcp, rule_dirs, config_file, min_severity):
    """Run the language server (LSP) for editors: findings as you type, quick fixes, hover docs.

    It lints the editor's .md, .markdown, .txt and .html buffers with the configuration newslint
    check would use for those files. See the README for editor set-up.
    """
    address = None
    if tcp:
        if stdio:
            raise click.UsageError("--tcp and --stdio exclude each other", click.get_current_context())
        host, _, port = tcp.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise click.UsageError(f"--tcp wants HOST:PORT (e.g. 127.0.0.1:2087), not '{tcp}'", click.get_current_context())
        address = (host.strip("[]"), int(port))
    from . import startup
    from .server import serve

    startup.over()  # a long-lived process: its collector runs from the start
    serve(min_severity=min_severity, rule_dirs=rule_dirs, config=config_file, tcp=address)
def _add_audit() -> None:
    from .audit.command import audit

    main.add_command(audit)


_add_audit()
