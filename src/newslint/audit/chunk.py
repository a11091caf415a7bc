"""The one function every audit backend runs: a chunk of articles in, two Arrow tables out.

The local engine calls it in its worker processes, the Dask engine on the cluster's workers;
both only move chunks in and tables out, so the two can never disagree. An article is linted by
``newslint.run.Runner``, the same code ``newslint check`` runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..run import RunOptions, Runner
from . import schema
from .details import as_date, as_list


@dataclass(frozen=True)
class TableRow:
    """An article from a table: its name (path column or FILE:ROW), text and other columns."""

    name: str
    text: str
    fields: tuple = ()


@dataclass
class Chunk:
    #: the position of the chunk's first article in the input; chunks hold consecutive articles
    first: int
    #: a path, an InputError from discovery, or a TableRow
    items: list


@dataclass
class ChunkResult:
    first: int
    findings: object  # pyarrow.Table
    articles: object  # pyarrow.Table
    #: one-line warnings for the user (configuration files skipped), in order, deduplicated
    warnings: list[str] = field(default_factory=list)


def run_options(options: RunOptions) -> RunOptions:
    """The options the audit lints with: the metrics, the article details, no result cache
    (readability only when asked for: it costs more than the rules do)."""
    from dataclasses import replace

    return replace(options, metrics=True, article_details=True, cache_dir=None)


_runners: dict[RunOptions, Runner] = {}


def _runner(options: RunOptions) -> Runner:
    # one Runner per process and options: the rules are loaded and compiled once per worker
    if options not in _runners:
        _runners[options] = Runner(options)
    return _runners[options]


def audit_chunk(chunk: Chunk, options: RunOptions) -> ChunkResult:
    import pyarrow as pa

    runner = _runner(run_options(options))
    findings, articles, warnings = [], [], []
    for item in chunk.items:
        if isinstance(item, InputError):
            _, article = schema.rows(_unreadable(item), {})
            articles.append(article)
            continue
        if isinstance(item, TableRow):
            result = runner.lint_text(item.name, item.text)
        else:
            result = runner.lint_path(item)
        for message in result.warnings:
            if message not in warnings:
                warnings.append(message)
        found, article = schema.rows(result, runner.linter.categories())
        if isinstance(item, TableRow):
            _fill_from_columns(article, dict(item.fields))
        findings.extend(found)
        articles.append(article)
    return ChunkResult(
        chunk.first,
        pa.Table.from_pylist(findings, schema=schema.findings_schema()),
        pa.Table.from_pylist(articles, schema=schema.articles_schema()),
        warnings,
    )


def _unreadable(error: InputError):
    from ..engine import FileResult

    return FileResult(error.path, unreadable=str(error))


def _fill_from_columns(article: dict, fields: dict) -> None:
    """A table's own title, date, author ... columns, for what the text's front matter lacks."""
    from .details import FIELD_KEYS, LIST_FIELDS

    if article["status"] != "ok":
        return
    lowered = {str(k).lower(): v for k, v in fields.items()}
    for name, keys in FIELD_KEYS.items():
        if article.get(name) is not None:
            continue
        value = next((lowered[k] for k in keys if lowered.get(k) not in (None, "")), None)
        if value is None:
            continue
        if name in LIST_FIELDS:
            article[name] = as_list(value)
        elif name == "date":
            article[name] = as_date(value)
        else:
            article[name] = " ".join(str(value).split())[:500]
