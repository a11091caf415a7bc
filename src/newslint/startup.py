"""The garbage collector around a command-line run.

Start-up (the imports, the rules, their compiled patterns) makes objects that live until the
process exits, and Python's cyclic collector would trace them again and again while they are
made and at every later full collection; at exit the interpreter traces them once more. A run
from the command line (``__main__.main``) therefore pauses the collector while it starts, and
``over()`` (called once the first rule set is built, or the first file is done) moves everything
made so far out of the collector's sight with ``gc.freeze()`` and switches it back on, so that
the articles linted after are collected as usual. Forked ``-j`` workers inherit the frozen
objects, whose pages the collector then never writes to. ``exiting()`` freezes once more, so
that the interpreter's last collections skip the run's objects. A cold start is about a sixth
shorter; an embedding program (the tests, an editor's server started in process) never calls
``pause()`` and keeps its collector as it was.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def over() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def exiting() -> None:
    gc.freeze()
