"""Files newslint writes (baselines, reports) are written atomically: a temporary file in the
same folder, then a rename, so an interrupted run leaves the old file whole."""

from __future__ import annotations

import os
import tempfile


def write_atomically(path: str, content: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".newslint-", suffix=".tmp")
    try:
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
