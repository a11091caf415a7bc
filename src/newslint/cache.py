"""A content-hash result cache, like ruff's ``.ruff_cache``.

An entry is keyed by the article's text, its markup, the rule set's fingerprint (rules,
parameters, severities, selection, newslint version) and the options that change results, so
a hit can only return what linting would. Entries are small JSON files written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile

from . import __version__
from .engine import FileResult
from .finding import Finding, Severity


def _code_stamp() -> str:
    """Size and mtime of newslint's own modules: an edited checkout never reads stale entries."""
    root = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("|".join(sorted(parts)).encode()).hexdigest()


class ResultCache:
    def __init__(self, directory: str) -> None:
        self.root = directory
        self.directory = os.path.join(directory, __version__)
        self.stamp = _code_stamp()

    def key(self, text: str, markup: str, fingerprint: str, options) -> str:
        digest = hashlib.sha256()
        for part in (self.stamp, fingerprint, markup, str(options.metrics), str(options.readability), str(options.report_unused), text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key + ".json")

    def get(self, key: str, path: str, text: str) -> FileResult | None:
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return None
        findings = [
            Finding(start, end, rule, Severity(severity), message, text[start:end], tuple(suggestions))
            for start, end, rule, severity, message, *suggestions in data["findings"]
        ]
        return FileResult(path, text, findings, data["metrics"])

    def put(self, key: str, result: FileResult) -> None:
        data = {
            "findings": [[f.start, f.end, f.rule, int(f.severity), f.message, *f.suggestions] for f in result.findings],
            "metrics": result.metrics,
        }
        target = self._path(key)
        try:
            if not os.path.isdir(self.root):
                os.makedirs(self.root, exist_ok=True)
                with open(os.path.join(self.root, ".gitignore"), "w", encoding="utf-8") as handle:
                    handle.write("# created by newslint\n*\n")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written only costs speed
