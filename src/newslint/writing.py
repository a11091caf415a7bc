"""Files newslint writes (baselines, reports) are written atomically: a temporary file in the
same folder, then a rename, so an interrupted run leaves the old file whole."""

from __future__ import annotations

import os
import stat
import tempfile


def write_atomically(path: str, content: str) -> None:
    if os.path.islink(path):
        path = os.path.realpath(path)  # replace the link's target, and keep the link
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            # /dev/null, /dev/stdout, a named pipe: write into it; renaming over it would replace
            # the device itself (as root, /dev/null would become a regular file)
            with open(path, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(content)
            return
    except FileNotFoundError:
        pass
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
