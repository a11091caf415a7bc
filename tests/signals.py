"""Ctrl-C in tests, as a terminal delivers it, whatever disposition the test run inherited.

A test suite started in the background without job control (``pytest &`` in a script, nohup,
some CI runners) has SIGINT ignored, and every process it starts inherits that: the Ctrl-C a
test sends would never reach newslint, which would finish its run with 0 or 1 instead of 130.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager


def sigint_default() -> None:
    """``preexec_fn`` for subprocess: the child starts with SIGINT at its default disposition
    (Python then installs its own handler, as in a program started from a terminal)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def python_sigint():
    """In this process: SIGINT raises KeyboardInterrupt (Python's handler), then as it was."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
