"""The local engine: chunks audited in this process (``-j 1``) or in a pool of processes, the
results handed back in input order. At most a few chunks are in flight, so memory stays flat."""

from __future__ import annotations

import os
from collections import deque

from .chunk import audit_chunk, run_options, _runner


def _init_worker(options) -> None:
    import signal

    from ..interrupt import unblock_in_worker

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    unblock_in_worker()  # blocked by the parent while it forked this process
    _runner(run_options(options))


def run_local(chunks, options, jobs: int = 1):
    """Yield a ChunkResult per chunk, in input order."""
    if options.readability:
        from ..readability import preload

        preload()  # read the pronouncing dictionary once; forked workers share it
    _runner(run_options(options))  # rules loaded (and checked) before any file is read
    if jobs <= 1:
        for chunk in chunks:
            yield audit_chunk(chunk, options)
        return
    import multiprocessing

    from ..interrupt import blocked_for_fork

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with blocked_for_fork():  # its helper threads keep the mask: every worker is forked with it
        pool = context.Pool(jobs, initializer=_init_worker, initargs=(options,))
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(pool.apply_async(audit_chunk, (chunk, options)))
            while len(pending) > 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
