"""Where an audit keeps its results while it runs, and how it finishes them.

Each finished chunk is two Parquet files in ``DIR/.newslint-audit/``: ``F.findings.parquet`` and
then ``F.articles.parquet`` (F: the chunk's first position in the input), each written to a
temporary name and renamed, so a killed process leaves whole parts only. An article is done
when its row is in an articles part; a findings part without its articles part is from a chunk
that did not finish and is removed on ``--resume``, so no article is counted twice or lost.
When every chunk is done, the parts become the outputs (one file each, a folder of parts for a
cluster run, or JSON Lines) and the folder of parts is removed.
"""

from __future__ import annotations

import json
import os
import shutil

from ..errors import NewslintError
from . import schema

PARTS = ".newslint-audit"
OUTPUTS = ("findings", "articles")


class AuditError(NewslintError):
    """An audit cannot start or finish (a folder in the way, a resume that does not match)."""


class Store:
    def __init__(self, out: str, manifest: dict, resume: bool) -> None:
        self.out = out
        self.parts = os.path.join(out, PARTS)
        self.complete = False
        if os.path.exists(out) and not os.path.isdir(out):
            raise AuditError(f"{out}: is a file, not a folder for the audit's results")
        started = os.path.isdir(self.parts)
        if started and not resume:
            raise AuditError(f"{out}: holds an unfinished audit; continue it with --resume, or remove the folder")
        if resume and not started:
            if any(os.path.exists(self._output(kind, ext)) for kind in OUTPUTS for ext in (".parquet", ".jsonl")):
                self.complete = True  # finished before: nothing to resume
                return
        os.makedirs(self.parts, exist_ok=True)
        manifest_path = os.path.join(self.parts, "audit.json")
        if started:
            with open(manifest_path, encoding="utf-8") as handle:
                before = json.load(handle)
            if before != manifest:
                changed = sorted(k for k in set(before) | set(manifest) if before.get(k) != manifest.get(k))
                raise AuditError(f"{out}: the unfinished audit there was started with other {', '.join(changed)}; "
                                 "resume it with the same inputs and options, or remove the folder")
            self._clean()
        else:
            _write_json(manifest_path, manifest)

    def discard_if_empty(self) -> None:
        """Remove the parts folder of an audit that has not finished a chunk yet."""
        if os.path.isdir(self.parts) and not self.part_files("articles"):
            shutil.rmtree(self.parts)

    def _output(self, kind: str, ext: str) -> str:
        return os.path.join(self.out, kind + ext)

    def _clean(self) -> None:
        """Remove temporary files and findings parts whose chunk did not finish."""
        names = set(os.listdir(self.parts))
        for name in names:
            if name.endswith(".tmp") or (name.endswith(".findings.parquet")
                                         and name.replace(".findings.", ".articles.") not in names):
                os.unlink(os.path.join(self.parts, name))

    def part_files(self, kind: str) -> list[str]:
        suffix = f".{kind}.parquet"
        names = sorted(n for n in os.listdir(self.parts) if n.endswith(suffix))
        if kind == "findings":  # only those of finished chunks
            finished = {n[: -len(suffix)] for n in os.listdir(self.parts) if n.endswith(".articles.parquet")}
            names = [n for n in names if n[: -len(suffix)] in finished]
        return [os.path.join(self.parts, n) for n in names]

    def done(self):
        """The paths (or table row names) of the articles already audited, as a DigestSet:
        8 bytes an article, so resuming a long audit does not hold its names."""
        import pyarrow.parquet as pq

        from ..digests import DigestSet

        def names():
            for path in self.part_files("articles"):
                yield from pq.read_table(path, columns=["path"]).column("path").to_pylist()

        return DigestSet(names())

    def write(self, result) -> None:
        stem = os.path.join(self.parts, f"{result.first:010d}")
        _write_parquet(stem + ".findings.parquet", result.findings)
        _write_parquet(stem + ".articles.parquet", result.articles)  # last: the chunk is done

    def tables(self, kind: str, columns=None):
        """The parts of one table, in input order, one pyarrow Table at a time."""
        import pyarrow.parquet as pq

        for path in self.part_files(kind):
            yield pq.read_table(path, columns=columns)

    def finish(self, layout: str) -> list[str]:
        """Turn the parts into the outputs: ``file`` (one Parquet file per table), ``folder``
        (a folder of Parquet parts per table) or ``jsonl``. Returns the paths written."""
        written = []
        for kind in OUTPUTS:
            target = self._output(kind, ".jsonl" if layout == "jsonl" else ".parquet")
            tmp = os.path.join(self.out, f".{kind}.tmp")
            _remove(tmp)
            if layout == "jsonl":
                _write_jsonl(tmp, self.tables(kind))
            elif layout == "folder":
                os.makedirs(tmp)
                for path in self.part_files(kind):
                    shutil.copyfile(path, os.path.join(tmp, "part-" + os.path.basename(path).split(".")[0] + ".parquet"))
            else:
                _merge_parquet(tmp, self.tables(kind), schema.findings_schema() if kind == "findings" else schema.articles_schema())
            for ext in (".parquet", ".jsonl"):  # the outputs of an earlier audit in this folder
                _remove(self._output(kind, ext))
            os.replace(tmp, target)
            written.append(target)
        shutil.rmtree(self.parts)
        self.complete = True
        return written


#: a merged file's row groups: small parts are joined up to this many rows or this much
#: Arrow memory, whichever comes first. A row group is held whole until it is written, so the
#: bytes bound what the merge holds (about 12,000 articles' rows, 13,000 findings'), however
#: large the archive
ROW_GROUP_ROWS = 65536
ROW_GROUP_BYTES = 4 << 20


def _merge_parquet(path: str, tables, table_schema) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pending, rows, size, written = [], 0, 0, False
    with pq.ParquetWriter(path, table_schema) as writer:
        for table in tables:
            pending.append(table)
            rows += table.num_rows
            size += table.nbytes
            if rows >= ROW_GROUP_ROWS or size >= ROW_GROUP_BYTES:
                writer.write_table(pa.concat_tables(pending), row_group_size=ROW_GROUP_ROWS)
                pending, rows, size, written = [], 0, 0, True
        if pending or not written:  # the rest; or an empty table, so the file has its schema
            writer.write_table(pa.concat_tables(pending) if pending else table_schema.empty_table())


def _write_jsonl(path: str, tables) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for table in tables:
            for batch in table.to_batches(max_chunksize=4096):
                for row in batch.to_pylist():
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_parquet(path: str, table) -> None:
    import pyarrow.parquet as pq

    tmp = path + ".tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def _write_json(path: str, data) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    os.replace(tmp, path)


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)
