"""Files newslint writes (baselines, reports) are written atomically: a temporary file in the
same folder, then a rename, so an interrupted run leaves the old file whole."""

from __future__ import annotations

import os
import tempfile


def write_atomically(path: str, content: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".newslint-", suffix=".tmp")
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
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
