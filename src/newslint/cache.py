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

    def get(self, key: str, path: str, text: str, known_rules=None) -> FileResult | None:
        """The cached result, or None when there is none or the entry is not one newslint wrote
        for this key and text (wrong shape, offsets outside the text, an unknown rule): such an
        entry is ignored and the file linted again. A cache is trusted no further than that: a
        well-formed entry with no findings hides the file's findings, so a cache must never come
        from someone who may not also change the rules (see docs/robustness.md)."""
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError, RecursionError):
            return None
        findings = _findings(data, key, text, known_rules)
        if findings is None:
            return None
        # the warnings were stored without the file's name: another file may have the same text
        return FileResult(path, text, findings, data["metrics"], warnings=[f"{path}: {w}" for w in data["warnings"]])

    def put(self, key: str, result: FileResult) -> None:
        data = {
            "key": key,
            "findings": [[f.start, f.end, f.rule, int(f.severity), f.message, list(f.suggestions)]
                         for f in result.findings],
            "metrics": result.metrics,
            "warnings": [w[len(result.path) + 2:] for w in result.warnings if w.startswith(result.path + ": ")],
        }
        target = self._path(key)
        try:
            if not os.path.isdir(self.root):
                os.makedirs(self.root, exist_ok=True)
                with open(os.path.join(self.root, ".gitignore"), "w", encoding="utf-8") as handle:
                    handle.write("# created by newslint\n*\n")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
        except OSError:
            return  # a cache that cannot be written only costs speed
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data))
            os.replace(tmp, target)
        except OSError:  # e.g. a folder where the entry should be: never leave the temporary file
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _findings(data, key: str, text: str, known_rules) -> list[Finding] | None:
    """The findings of a cache entry, or None when it is not a valid entry for ``key``."""
    if not isinstance(data, dict) or set(data) != {"key", "findings", "metrics", "warnings"} or data["key"] != key:
        return None
    if not isinstance(data["findings"], list) or not isinstance(data["metrics"], dict):
        return None
    if not (isinstance(data["warnings"], list) and all(isinstance(w, str) for w in data["warnings"])):
        return None
    findings = []
    for item in data["findings"]:
        if not (isinstance(item, list) and len(item) == 6):
            return None
        start, end, rule, severity, message, suggestions = item
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(text)):
            return None
        if not (isinstance(rule, str) and (known_rules is None or rule in known_rules)):
            return None
        if type(severity) is not int or severity not in {int(s) for s in Severity} or not isinstance(message, str):
            return None
        if not (isinstance(suggestions, list) and all(isinstance(x, str) for x in suggestions)):
            return None
        findings.append(Finding(start, end, rule, Severity(severity), message, text[start:end], tuple(suggestions)))
    return findings
