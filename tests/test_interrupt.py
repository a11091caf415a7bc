"""Ctrl-C always ends a run with 130, even when Python drops the KeyboardInterrupt.

Python raises KeyboardInterrupt at the next bytecode the main thread runs; inside a finaliser
(``__del__``, a generator closed by the garbage collector) it is printed as "Exception ignored"
and dropped. These tests make that happen on purpose, deterministically: the signal is raised
from inside a ``__del__``.
"""

from __future__ import annotations

import signal

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.interrupt import Interrupts
from signals import python_sigint

@pytest.fixture(autouse=True)
def _python_handles_sigint():
    with python_sigint():  # also when the test run inherited SIGINT ignored
        yield


pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "raise_signal"), reason="needs signal.raise_signal"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


class _SwallowsCtrlC:
    """An object whose finaliser receives a Ctrl-C: Python drops the KeyboardInterrupt."""

    def __del__(self):
        signal.raise_signal(signal.SIGINT)
        self.after = True  # a bytecode after the signal, where the handler runs


def _ctrl_c_in_a_finaliser() -> None:
    _SwallowsCtrlC()  # dropped at once: its __del__ runs here


def test_a_dropped_ctrl_c_is_still_counted_and_raised_by_check():
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with Interrupts() as interrupts:
        _ctrl_c_in_a_finaliser()  # no exception reaches this frame
        assert interrupts.count == 1
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_an_ignored_sigint_stays_ignored():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as for a job a script started with "&"
    try:
        with Interrupts() as interrupts:
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            signal.raise_signal(signal.SIGINT)
            interrupts.check()  # nothing came
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_check_stops_with_130_when_a_finaliser_drops_the_ctrl_c(tmp_path, monkeypatch):
    from newslint.report.text import TextReporter

    for i in range(3):
        (tmp_path / f"story-{i}.txt").write_text(f"The council met on Tuesday to discuss item {i}.\n")
    shown = []
    original = TextReporter.file

    def file(self, result):
        original(self, result)
        shown.append(result.path)
        _ctrl_c_in_a_finaliser()  # Ctrl-C after the first file, lost by Python

    monkeypatch.setattr(TextReporter, "file", file)
    result = CliRunner().invoke(main, ["--no-cache", "-j", "1", str(tmp_path)])
    assert result.exit_code == 130, result.output
    assert result.stderr.splitlines()[-1] == "newslint: interrupted"
    assert len(shown) == 1  # the second file was never reported
