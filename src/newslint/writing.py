"""Files newslint writes (baselines, reports) are written atomically: a temporary file in the
same folder, then a rename, so an interrupted run leaves the old file whole."""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading


class _Terminated(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def write_atomically(path: str, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename. SIGTERM (and
    SIGHUP) while writing removes the temporary file first, then ends the process as the signal
    would have."""
    handled = (signal.SIGTERM, getattr(signal, "SIGHUP", None))
    previous = {}
    if threading.current_thread() is threading.main_thread():
        def terminate(signum, frame):
            raise _Terminated(signum)

        for signum in filter(None, handled):
            previous[signum] = signal.signal(signum, terminate)
    try:
        _write(path, content)
    except _Terminated as exc:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous = {}
        os.kill(os.getpid(), exc.signum)  # the temporary file is gone: now end as asked
        raise SystemExit(128 + exc.signum) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _write(path: str, content: str) -> None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            # /dev/null, /dev/stdout (also on a pipe: opened by the name given, never resolved to
            # "/proc/N/fd/pipe:[...]"), a named pipe: write into it; renaming over it would replace
            # the device itself (as root, /dev/null would become a regular file)
            with open(path, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(content)
            return
    except FileNotFoundError:
        pass
    if os.path.islink(path):
        path = os.path.realpath(path)  # replace the link's target, and keep the link
    if os.path.exists(path) and (not os.access(path, os.W_OK) or not os.stat(path).st_mode & 0o222):
        # a rename would replace a file its owner made read-only: refuse, as open() would
        raise OSError(13, "cannot write: permission denied (the file is read-only)", path)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".newslint-", suffix=".tmp")
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write: {exc.strerror or exc}", path) from None
    try:
        # mkstemp makes the file private (0600): give it the permissions the old file had,
        # or those a plain open() would give (0666 less the umask)
        try:
            mode = os.stat(path).st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        # backslashreplace: a file name that is not UTF-8 (a lone surrogate) must not fail the write
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):  # name the file the user asked for, not the temporary one
            raise OSError(exc.errno, f"cannot write: {exc.strerror or exc}", path) from None
        raise
