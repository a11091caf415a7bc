"""Lint paths: read each file, pick its configuration, run its rule set, keep the result.

This is the library side of ``newslint check``: it never prints; the CLI reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document, markup_for
from .engine import FileResult, Linter
from .errors import InputError, NewslintError
from .discover import WalkOptions, display_path
from .reading import read_path


@dataclass(frozen=True)
class RunOptions:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()
    config: str | None = None
    metrics: bool = False
    readability: bool = False
    report_unused: bool = False
    cache_dir: str | None = None
    #: add the audit's per-article figures (quotations, named sources, front matter fields)
    article_details: bool = False
    #: the name standard input is linted as: its format, configuration and the path shown
    stdin_filename: str | None = None
    #: how folders are walked (ignore files, exclusion globs)
    walk: WalkOptions = field(default_factory=WalkOptions)


class Runner:
    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.linter = Linter(options.select, options.ignore, options.rule_dirs, options.config)
        self.cache = None
        if options.cache_dir:
            from .cache import ResultCache

            self.cache = ResultCache(options.cache_dir)

    def lint_path(self, path: str) -> FileResult:
        """Lint one file. An unreadable file gives a result with ``unreadable`` set."""
        name = path
        if path == "-":
            name = display_path(self.options.stdin_filename) if self.options.stdin_filename else "-"
        shown = "<stdin>" if name == "-" else name
        try:
            text = read_path(path)
        except InputError as exc:
            if path == "-" and name != "-":
                exc = InputError(f"{name} (standard input)", exc.problem)
            return FileResult(shown, unreadable=str(exc))
        return self.lint_text(name, text, shown)

    def lint_text(self, path: str, text: str, shown: str | None = None) -> FileResult:
        """Lint a text as the file ``path`` is linted (its configuration, its format): a file
        read from disk, standard input, or an editor's unsaved buffer (the language server).
        A broken configuration raises its ConfigError; other problems cost this text only."""
        shown = path if shown is None else shown
        try:
            return self._lint_text(path, shown, text)
        except InputError as exc:  # refused while parsing (e.g. a front matter alias bomb)
            return FileResult(shown, unreadable=str(exc))
        except NewslintError:
            raise
        except Exception as exc:  # a bug must cost this file only, reported as one line, never a traceback
            problem = " ".join(str(exc).split())
            return FileResult(shown, text, errors=[f"{shown}: internal error: {type(exc).__name__}: {problem}"])

    def _lint_text(self, path: str, shown: str, text: str) -> FileResult:
        settings = self.linter.settings(path)
        result = self._lint_with(settings, path, shown, text)
        if settings.warnings:  # configuration files skipped on the way (the CLI prints each once)
            result.warnings = [*settings.warnings, *result.warnings]
        return result

    def _lint_with(self, settings, path: str, shown: str, text: str) -> FileResult:
        if settings.excluded:
            return FileResult(shown, excluded=True)
        ruleset = self.linter.ruleset(settings)
        if not text.strip():
            return FileResult(shown, text, warnings=[f"{shown}: file is {'empty' if not text else 'only whitespace'}, nothing to check"])
        key = None
        if self.cache is not None:
            # the key needs only the text and its markup: a hit never parses the article
            key = self.cache.key(text, f"{markup_for(shown)}|{settings.genre or ''}", ruleset.fingerprint, self.options)
            cached = self.cache.get(key, shown, text, ruleset.reported | {"unused-suppression"})
            if cached is not None:
                cached.fail_on = settings.fail_on
                cached.min_severity = settings.min_severity
                return cached
        doc = Document(text, shown, genre=settings.genre)
        result = ruleset.lint_document(
            doc, metrics=self.options.metrics, report_unused=self.options.report_unused, readability=self.options.readability,
        )
        if self.options.article_details:
            from .audit.details import article_details

            result.metrics.update(article_details(doc))
        if key is not None and not result.errors:
            self.cache.put(key, result)
        result.fail_on = settings.fail_on
        result.min_severity = settings.min_severity
        return result


def _worker(options: RunOptions, runner: Runner | None = None):
    """What a worker process runs per file: the parent's runner when forked (rules loaded once,
    shared copy-on-write), else a new one."""
    return (runner or Runner(options)).lint_path


def _lost(path: str, why: str) -> FileResult:
    return FileResult(path, unreadable=f"{path}: the worker process linting it died ({why}); the file was not checked")


def lint_paths(paths, options: RunOptions, jobs: int = 1):
    """Yield a FileResult (or an InputError from discovery) per article, in input order.

    With ``jobs`` > 1, files are linted in worker processes (pool.py); results still come back
    in input order, so the output is the same whatever the number of jobs.
    """
    import os

    from . import pool
    from .discover import discover

    items = discover(list(paths), options.walk)
    if jobs <= 1 or "-" in paths:  # worker processes get no standard input: read it here
        runner = Runner(options)
        for item in items:
            yield item if isinstance(item, InputError) else runner.lint_path(item)
        return
    runner = None
    if hasattr(os, "fork"):
        runner = Runner(options)  # forked workers inherit its loaded rule sets
        from .matching import build_shared_automaton

        build_shared_automaton()  # ... and the lexicons' automaton (the command line loaded the rules)
        if options.metrics and options.readability:
            from .readability import preload

            preload()  # read the pronouncing dictionary once; forked workers share it
    yield from pool.imap(_worker, (options, runner), items, jobs,
                         passthrough=lambda item: isinstance(item, InputError), lost=_lost)
