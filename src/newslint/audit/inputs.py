"""What an audit reads: article files found as ``newslint check`` finds them, or the rows of a
Parquet or CSV table; cut into chunks of consecutive articles, skipping those already done."""

from __future__ import annotations

import os
from typing import Iterator

from ..errors import InputError
from .chunk import Chunk, TableRow
from .details import FIELD_KEYS

TABLE_SUFFIXES = (".parquet", ".pq", ".csv", ".csv.gz")
#: rows read from a table at a time
BATCH_ROWS = 1024


def file_items(paths, walk) -> Iterator:
    from ..discover import discover

    yield from discover(list(paths), walk)


def item_name(item) -> str:
    if isinstance(item, InputError):
        return item.path
    if isinstance(item, TableRow):
        return item.name
    return item


def chunks(items, done, size: int) -> Iterator[Chunk]:
    """Chunks of at most ``size`` consecutive articles not in ``done``."""
    current: list = []
    first = 0
    for index, item in enumerate(items):
        if item_name(item) in done:
            if current:
                yield Chunk(first, current)
                current = []
            continue
        if not current:
            first = index
        current.append(item)
        if len(current) >= size:
            yield Chunk(first, current)
            current = []
    if current:
        yield Chunk(first, current)


def table_items(path: str, text_column: str, path_column: str | None = None) -> Iterator[TableRow]:
    """The rows of a table as articles: the text column linted, named by the path column (its
    suffix picks the format: .md is Markdown) or FILE:ROW; title, date, author ... columns fill
    what an article's front matter lacks."""
    if not os.path.isfile(path):
        raise InputError(path, "no such table file" if not os.path.exists(path) else "is not a file")
    lower = path.lower()
    if lower.endswith((".parquet", ".pq")):
        batches, names = _parquet_batches(path)
    elif lower.endswith((".csv", ".csv.gz")):
        batches, names = _csv_batches(path)
    else:
        raise InputError(path, "is not a table newslint reads: give a .parquet or .csv file")
    for column in (text_column, path_column):
        if column is not None and column not in names:
            raise InputError(path, f"has no column '{column}' (its columns: {', '.join(names)})")
    keys = {k for keys in FIELD_KEYS.values() for k in keys}
    extra = [n for n in names if n.lower() in keys and n not in (text_column, path_column)]
    return _table_rows(path, batches, text_column, path_column, extra)


def _table_rows(path, batches, text_column, path_column, extra) -> Iterator[TableRow]:
    row = 0
    for batch in batches:
        data = batch.to_pydict()
        for i in range(batch.num_rows):
            row += 1
            text = data[text_column][i]
            name = data[path_column][i] if path_column else None
            yield TableRow(
                str(name) if name not in (None, "") else f"{path}:{row}",
                "" if text is None else str(text),
                tuple((n, data[n][i]) for n in extra if data[n][i] is not None),
            )


def _parquet_batches(path: str):
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own errors for a file that is not Parquet
        raise InputError(path, f"is not a readable Parquet file ({' '.join(str(exc).split())})") from None
    return table.iter_batches(batch_size=BATCH_ROWS), table.schema_arrow.names


def _csv_batches(path: str):
    import csv
    import gzip

    import pyarrow as pa
    import pyarrow.csv as pcsv

    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            names = next(csv.reader(handle), None)
    except (UnicodeDecodeError, OSError, csv.Error) as exc:
        raise InputError(path, f"is not a readable UTF-8 CSV file ({exc})") from None
    if not names:
        raise InputError(path, "is an empty CSV file (no header row)")
    # every column as text: type inference block by block would fail on a mixed column
    reader = pcsv.open_csv(
        path, read_options=pcsv.ReadOptions(block_size=1 << 22),
        parse_options=pcsv.ParseOptions(newlines_in_values=True),
        convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in names}),
    )

    def batches():
        try:
            yield from reader
        except pa.ArrowInvalid as exc:
            raise InputError(path, f"is not a well-formed CSV file ({' '.join(str(exc).split())})") from None

    return batches(), names
