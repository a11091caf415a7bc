"""The Dask engine: the same chunks, mapped with ``dask.bag`` to the same ``audit_chunk`` on the
workers of an existing dask.distributed cluster. Nothing here schedules or talks to workers
itself: Dask does. The results come back to this process as Arrow tables, which the store
writes as Parquet parts, so the workers need no shared place to write to (they do need to read
the articles: the same paths on a shared file system, or the rows of a table, which travel with
their chunk). Chunks are sent a window at a time, so memory stays flat however long the input.
"""

from __future__ import annotations

import itertools
import os

from .chunk import audit_chunk
from .store import AuditError

ADDRESS_VARIABLE = "DASK_SCHEDULER_ADDRESS"


def scheduler_address(given: str | None) -> str:
    address = given or os.environ.get(ADDRESS_VARIABLE)
    if not address:
        raise AuditError(f"--engine dask needs the cluster's scheduler: --scheduler tcp://HOST:8786 or {ADDRESS_VARIABLE}")
    return address


def _chunk_results(partition, options):
    return [audit_chunk(chunk, options) for chunk in partition]


def _worker_version() -> str:
    from .. import __version__

    return __version__


def run_dask(chunks, options, address: str, timeout: float = 30):
    """Yield a ChunkResult per chunk, in the order they finish."""
    import dask.bag as db
    from distributed import Client, as_completed

    from .. import __version__

    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise AuditError(f"cannot reach the Dask scheduler at {address}: {_one_line(exc)}") from None
    try:
        try:
            versions = client.run(_worker_version)
        except Exception as exc:  # e.g. a worker without newslint: the function cannot be unpickled there
            raise AuditError(f"the Dask workers at {address} cannot run newslint ({_one_line(exc)}): "
                             "install the same newslint, with its audit extra, on every worker") from None
        if not versions:
            raise AuditError(f"the Dask cluster at {address} has no workers")
        other = {w: v for w, v in versions.items() if v != __version__}
        if other:
            worker, version = next(iter(other.items()))
            raise AuditError(f"Dask worker {worker} runs newslint {version}, this is {__version__}: install the same version on every worker")
        threads = sum(client.nthreads().values()) or 1
        window = 2 * threads
        chunks = iter(chunks)
        running = as_completed()

        def submit(count: int) -> None:
            batch = list(itertools.islice(chunks, count))
            if batch:
                bag = db.from_sequence(batch, npartitions=len(batch)).map_partitions(_chunk_results, options)
                running.update(client.compute(bag.to_delayed()))

        submit(2 * window)
        for future in running:
            try:
                results = future.result()
            except Exception as exc:  # a worker died or the task failed: the finished chunks are kept
                raise AuditError(f"a chunk failed on the Dask cluster at {address} ({_one_line(exc)}); "
                                 "the finished chunks are saved: continue with --resume") from None
            future.release()
            yield from results
            if running.count() < window:
                submit(window)
    finally:
        client.close()


def _one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:300]
