"""Ctrl-C that a run cannot lose.

Python turns SIGINT into ``KeyboardInterrupt`` at the next bytecode the main thread runs. When
that bytecode belongs to a finaliser (a generator closed by the garbage collector, a ``__del__``,
a weak reference's callback), the exception is printed as "Exception ignored in ..." and dropped,
and the run goes on to finish as if nothing had happened (exit 0 or 1 instead of 130).

``Interrupts`` also counts every SIGINT: a loop calls ``check()`` between files, which raises
``KeyboardInterrupt`` again if one was dropped, so a Ctrl-C always ends the run with 130.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class Interrupts:
    """A SIGINT handler that counts as well as raises, for the length of a ``with`` block.

    It replaces only Python's default handler: where SIGINT is ignored (a job started in the
    background by a non-interactive shell) or handled by the embedding program, it stays so."""

    def __init__(self) -> None:
        self.count = 0
        self._previous = None

    def start(self) -> "Interrupts":
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        self.count += 1
        raise KeyboardInterrupt

    def check(self) -> None:
        """Raise KeyboardInterrupt if a Ctrl-C came (even one a finaliser swallowed)."""
        if self.count:
            raise KeyboardInterrupt

    def stop(self, *exc) -> None:
        """Put the previous handler back."""
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    __enter__, __exit__ = start, stop


@contextmanager
def blocked_for_fork():
    """Block SIGINT, SIGTERM and SIGHUP in this thread while a worker process is started, so
    that a signal arriving during the fork is not taken by a child that has not yet set its
    own handlers (it would die with a traceback, or run the parent's clean-up as its own). The
    parent receives such a signal once they are unblocked; the child inherits the mask and calls
    ``unblock_in_worker`` after setting its handlers. A no-op where there is no sigmask."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if hasattr(signal, "pthread_sigmask") else None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def unblock_in_worker() -> None:
    """In a worker started under ``blocked_for_fork``: unblock the signals once its handlers
    are set (a SIGINT sent to the whole group during the fork is then ignored, as it should)."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}
