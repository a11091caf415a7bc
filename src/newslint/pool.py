"""A process pool for ``-j N``: files in chunks, results in input order, no helper threads.

Each worker is a process with one pipe to the parent. The parent sends it a chunk of files
(their input positions and paths); the worker sends back the chunk's results in one message,
then asks for more by being idle. While it works, the worker writes the position of the file in
hand to a shared integer, so that the parent knows which file was being linted if it dies. The
parent blocks in ``multiprocessing.connection.wait`` on the pipes and the workers' sentinels: no
thread polls, so the parent uses no CPU while the workers lint. Results are yielded in input
order; chunks are handed out only a bounded window ahead of the next result to yield, so memory
stays flat however many files there are.

A worker that dies (killed, taken by the out-of-memory killer) costs the file it was linting
only: that file gets an error naming it and how the worker ended, the rest of its chunk
(including files it had finished but not yet sent) goes to a new worker, and the run goes on.
SIGTERM and SIGHUP to the parent end the workers and raise ``Terminated`` (the CLI exits
quietly with 128 + the signal number); workers ignore Ctrl-C and leave it to the parent, which
ends them the same way.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from typing import Callable, Iterable, Iterator

from .interrupt import blocked_for_fork, unblock_in_worker

CHUNK = 8  # files per message: amortises the pipe's cost, keeps the workers evenly loaded


class Terminated(BaseException):
    """The run was ended by SIGTERM or SIGHUP (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def cpu_count() -> int:
    """CPUs this process may run on (its affinity where the platform tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _worker_main(conn, current, setup, args) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    unblock_in_worker()  # blocked by the parent while it forked this process
    try:
        work = setup(*args)
    except Exception as exc:  # answer every file with the error, for the parent to raise
        def work(item, exc=exc):
            raise exc
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        results = []
        for index, item in chunk:
            current.value = index  # shared memory, no system call: the parent reads it if this process dies
            try:
                results.append((index, True, work(item)))
            except Exception as exc:  # e.g. a configuration error met mid-run: the parent raises it
                results.append((index, False, exc))
        conn.send(results)  # one message per chunk: a wake-up of the parent per chunk, not per file


class _Worker:
    def __init__(self, context, setup, args) -> None:
        self.conn, child = context.Pipe()
        self.current = context.RawValue("q", -1)  # the input position of the file being linted
        self.process = context.Process(target=_worker_main, args=(child, self.current, setup, args), daemon=True)
        with blocked_for_fork():  # a Ctrl-C during the fork goes to the parent, never to a half-made worker
            self.process.start()
        child.close()
        self.pending: deque = deque()  # (index, item) sent and not answered yet, in order

    def send(self, chunk) -> None:
        self.pending.extend(chunk)
        self.conn.send(chunk)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.conn.close()


def _drain(worker: _Worker, done: dict) -> bool:
    """Take every result the worker has sent so far; True when its end of the pipe is closed
    (it exited or was killed: a dead worker's pipe reads as end-of-file once drained)."""
    while worker.pending:
        try:
            if not worker.conn.poll():
                return False
            results = worker.conn.recv()
        except (EOFError, OSError):
            return True
        for index, ok, value in results:
            worker.pending.popleft()
            if not ok:
                raise value
            done[index] = value
    return False


def _split_at_death(worker: _Worker) -> tuple[list, object | None]:
    """A dead worker's unanswered files: those to hand to another worker, and the one it was
    linting when it died (None if it died between files)."""
    unanswered = list(worker.pending)
    worker.pending.clear()
    dying = worker.current.value
    for position, (index, _item) in enumerate(unanswered):
        if index == dying:
            return unanswered[:position] + unanswered[position + 1:], unanswered[position]
    return unanswered, None


def _death(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"killed by {name}" + (" (out of memory?)" if -code == signal.SIGKILL else "")
    return f"exit code {code}"


def imap(setup: Callable, args: tuple, items: Iterable, jobs: int, passthrough: Callable, lost: Callable) -> Iterator:
    """Yield ``work(item)`` for each item, in order, from ``jobs`` worker processes, where
    ``work = setup(*args)`` is made once in each worker. Items for which ``passthrough(item)``
    is true are yielded as they are; an item whose worker died gives ``lost(item, why)``."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    source = iter(enumerate(items))
    done: dict[int, object] = {}
    queue: deque = deque()  # (index, item) to hand out, in order (requeued ones first)
    next_out = 0
    exhausted = False
    window = jobs * CHUNK * 4
    workers: list[_Worker] = []
    previous = {}

    def on_signal(signum, frame):
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            try:
                previous[name] = signal.signal(getattr(signal, name), on_signal)
            except ValueError:  # not the main thread: leave signals alone
                pass

    def fill() -> None:
        nonlocal exhausted
        while not exhausted and len(queue) < CHUNK and (not queue or queue[-1][0] < next_out + window):
            try:
                index, item = next(source)
            except StopIteration:
                exhausted = True
                return
            if passthrough(item):
                done[index] = item
            else:
                queue.append((index, item))

    try:
        while True:
            fill()
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
                fill()
            idle = [w for w in workers if not w.pending]
            while queue and (idle or len(workers) < jobs):
                worker = idle.pop() if idle else None
                if worker is None:
                    worker = _Worker(context, setup, args)
                    workers.append(worker)
                chunk = [queue.popleft() for _ in range(min(CHUNK, len(queue)))]
                try:
                    worker.send(chunk)
                except OSError:  # it died while idle: its chunk goes back, to a new worker
                    queue.extendleft(reversed(worker.pending))
                    worker.pending.clear()
                    worker.conn.close()
                    workers.remove(worker)
                    worker.process.join()
                    continue
                fill()
            busy = [w for w in workers if w.pending]
            if not busy:
                if exhausted and not queue and next_out not in done:
                    return
                continue
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                if _drain(worker, done) and worker.pending:  # the pipe is closed: the worker died
                    worker.process.join()
                    again, dying = _split_at_death(worker)
                    if dying is not None:
                        done[dying[0]] = lost(dying[1], _death(worker.process))
                    queue.extendleft(reversed(again))  # the rest of its chunk (done or not): to another worker
                    worker.conn.close()
                    workers.remove(worker)
    except BaseException:
        for worker in workers:
            worker.stop(kill=True)
        raise
    finally:
        for worker in workers:
            if not worker.conn.closed:
                worker.stop()
        for worker in workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
