"""The ``newslint audit`` command (click): wires options to inputs -> engine -> store -> report,
prints progress and one-line messages, sets the exit code. The only printing module of the
audit package, as ``cli.py`` is for the rest."""

from __future__ import annotations

import os
import sys

import click

from ..options import JOBS, walk_options
from ..errors import NewslintError

#: articles per chunk: the unit of work sent to a process or a Dask worker, and of --resume
CHUNK_SIZE = 100


@click.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Write findings.parquet, articles.parquet and report.html into DIR.")
@click.option("--jsonl", is_flag=True, help="Write findings.jsonl and articles.jsonl instead of Parquet.")
@click.option("-j", "--jobs", type=JOBS, default="1", show_default=True,
              help="Audit in N processes (0 or 'auto': one per CPU this process may use).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine (-j); dask: an existing dask.distributed cluster (--scheduler).")
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler, e.g. tcp://HOST:8786 [default: $DASK_SCHEDULER_ADDRESS].")
@click.option("--table", type=click.Path(dir_okay=False), metavar="FILE", help="Audit the rows of a Parquet or CSV table instead of files.")
@click.option("--text-column", default="text", show_default=True, metavar="COL", help="The --table column holding each article's text.")
@click.option("--path-column", metavar="COL", help="The --table column naming each article (its suffix picks the format) [default: FILE:ROW].")
@click.option("--resume", is_flag=True, help="Continue an interrupted audit in DIR where it stopped.")
@click.option("--select", multiple=True, metavar="RULE[,RULE...]", help="Run only these rules or categories (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE[,RULE...]", help="Skip these rules or categories (comma-separated, repeatable).")
@click.option("--rules", "rule_dirs", multiple=True, metavar="DIR", type=click.Path(file_okay=False), help="Add the YAML rules in DIR (repeatable).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file instead of searching for .newslint.yaml.")
@walk_options
@click.option("--readability", is_flag=True,
              help="Fill readability_grade (textstat's Flesch-Kincaid grade). Off by default: it costs more per article than the rules.")
@click.option("--chunk-size", type=click.IntRange(1), default=CHUNK_SIZE, show_default=True,
              help="Articles per unit of work (and of --resume).")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar [default: on a terminal, not in CI].")
def audit(paths, out, jsonl, jobs, engine, scheduler, table, text_column, path_column, resume, select, ignore, rule_dirs,
          config_file, walk, readability, chunk_size, progress):
    """Audit an archive: lint every article at PATH... (or every row of --table) into
    findings and articles tables and a self-contained report.html in DIR.

    The same configuration, rules and exclusions as newslint check. An interrupted audit
    continues with --resume; --engine dask runs it on an existing Dask cluster.
    """
    from .. import startup
    from . import missing

    startup.over()  # a long run, perhaps driving a cluster: its collector runs from the start
    ctx = click.get_current_context()
    lacking = missing(dask=engine == "dask")
    if lacking:
        _fail(f"newslint audit needs {', '.join(lacking)}: pip install 'newslint[audit]'")
    if table and paths:
        raise click.UsageError("give PATH... or --table FILE, not both", ctx)
    if not table and not paths:
        raise click.UsageError("no PATH given (or --table FILE)", ctx)
    if "-" in paths:
        raise click.UsageError("newslint audit reads files, not standard input", ctx)
    if engine == "local" and scheduler:
        raise click.UsageError("--scheduler is for --engine dask", ctx)

    from ..cli import _names
    from ..pool import cpu_count
    from ..run import RunOptions
    from .. import __version__
    from . import schema

    options = RunOptions(
        select=_names(select), ignore=_names(ignore), rule_dirs=tuple(rule_dirs), config=config_file, readability=readability,
        walk=walk,
    )
    manifest = {
        "schema": schema.VERSION, "newslint": __version__, "inputs": list(paths), "table": table,
        "text_column": text_column if table else None, "path_column": path_column, "options": repr(options),
        "chunk_size": chunk_size,
    }
    try:
        _run(out, manifest, options, resume, jsonl, jobs or cpu_count(), engine, scheduler, table, text_column,
             path_column, chunk_size, progress)
    except NewslintError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or out}: {exc.strerror or exc}")


def _run(out, manifest, options, resume, jsonl, jobs, engine, scheduler, table, text_column, path_column, chunk_size, progress):
    from . import inputs
    from .store import Store

    if engine == "dask":
        from .dask_engine import run_dask, scheduler_address

        address = scheduler_address(scheduler)
    if table:  # opened (and its columns checked) before anything is written
        items = inputs.table_items(table, text_column, path_column)
    else:
        items = inputs.file_items(manifest["inputs"], options.walk)
    store = Store(out, manifest, resume)
    if store.complete:
        click.echo(f"newslint: {out}: the audit there is complete; nothing to resume", err=True)
        return
    try:
        _audit(store, items, options, jobs, engine, address if engine == "dask" else None, chunk_size, progress, out, jsonl)
    except NewslintError:
        store.discard_if_empty()  # e.g. the rules do not load: no unfinished audit left behind
        raise


def _audit(store, items, options, jobs, engine, address, chunk_size, progress, out, jsonl):
    from ..interrupt import Interrupts
    from . import inputs

    done = store.done()
    chunks = inputs.chunks(items, done, chunk_size)
    if engine == "dask":
        from .dask_engine import run_dask

        results = run_dask(chunks, options, address)
    else:
        from .local import run_local

        results = run_local(chunks, options, jobs)
    show = progress if progress is not None else sys.stderr.isatty() and not os.environ.get("CI")
    audited, problems, warned = len(done), 0, set()
    try:
        with Interrupts() as interrupts, _progress(show, len(done)) as advance:
            for result in results:
                interrupts.check()  # a Ctrl-C that a finaliser swallowed still stops the audit
                store.write(result)
                audited += result.articles.num_rows
                for message in result.warnings:
                    if message not in warned:
                        warned.add(message)
                        click.echo(f"newslint: warning: {message}", err=True)
                bad = result.articles.filter(_is_problem(result.articles))
                for problem in bad.column("problem").to_pylist():
                    click.echo(f"newslint: error: {problem}", err=True)
                problems += bad.num_rows
                advance(result.articles.num_rows)
            interrupts.check()
    except KeyboardInterrupt:
        click.echo(f"newslint: interrupted; {audited} article(s) are saved in {out}: continue with the same command and --resume",
                   err=True)
        sys.exit(130)
    from .report import write_report

    report = os.path.join(out, "report.html")
    write_report(store, report)
    written = store.finish("jsonl" if jsonl else "folder" if engine == "dask" else "file")
    click.echo(f"newslint: audited {audited} article(s) into {', '.join([*written, report])}", err=True)
    if problems:
        sys.exit(2)


def _is_problem(articles):
    import pyarrow.compute as pc

    return pc.is_in(articles.column("status"), value_set=_problem_statuses())


def _problem_statuses():
    import pyarrow as pa

    return pa.array(["unreadable", "error"])


class _progress:
    """A rich progress bar on standard error, or nothing."""

    def __init__(self, show: bool, done: int) -> None:
        self.show, self.done, self.bar = show, done, None

    def __enter__(self):
        if not self.show:
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(SpinnerColumn(), TextColumn("auditing"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("articles"), TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        task = self.bar.add_task("audit", total=None, completed=self.done)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


def _fail(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)
    sys.exit(2)
