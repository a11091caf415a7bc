"""Turn the paths a user gives into a stream of article files, in a stable order."""

from __future__ import annotations

import os
from typing import Iterator

from .errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def discover(paths: list[str]) -> Iterator[str | InputError]:
    """Yield article paths (and InputErrors for paths that give none), never loading files.

    Directories are walked recursively for .txt, .md, .markdown, .html and .htm files, skipping hidden
    folders (.git and the like) and not following symbolic links to folders, so a link loop
    cannot trap the walk. A file named explicitly is linted whatever its suffix.
    """
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            found = False
            unreadable: list[OSError] = []  # folders the walk could not list are errors, not skipped
            for root, dirs, files in os.walk(path, onerror=unreadable.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                        found = True
                        yield os.path.join(root, name)
                while unreadable:
                    found = True
                    yield _walk_error(unreadable.pop(0), path)
            while unreadable:  # the folder itself could not be listed
                found = True
                yield _walk_error(unreadable.pop(0), path)
            if not found:
                yield InputError(path, f"no articles found ({', '.join(ARTICLE_SUFFIXES)}) in this directory")
        elif os.path.lexists(path) or path:
            yield path


def _walk_error(exc: OSError, fallback: str) -> InputError:
    problem = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
    return InputError(exc.filename or fallback, f"cannot list this directory: {problem}")
