"""Baselines: record today's findings, then report only new ones.

A finding's fingerprint is its rule, its flagged text and the text of the line it sits on
(whitespace and case folded), not its line number: edits elsewhere in the file and lines
moving up or down leave it unchanged. Identical findings are counted, so a second copy of
the same sentence is new. Paths are stored relative to the baseline file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter

from .errors import ConfigError
from .lines import LineIndex
from .writing import write_atomically

VERSION = 1
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def fingerprints(result) -> list[str]:
    lines = LineIndex(result.text)
    prints = []
    normed: dict[int, str] = {}  # line number -> its folded text, once per line (not per finding)
    for f in result.findings:
        number = lines.position(f.start)[0]
        line = normed.get(number)
        if line is None:
            line = normed[number] = _norm(lines.line_text(number))
        blob = "\0".join((f.rule, _norm(f.snippet), line))
        prints.append(hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:20])
    return prints


def _key(path: str, baseline_path: str) -> str:
    if path == "<stdin>":
        return path
    base = os.path.dirname(os.path.abspath(baseline_path))
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


class BaselineWriter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: dict[str, dict[str, int]] = {}

    def add(self, result) -> None:
        if result.findings:
            counts = Counter(fingerprints(result))
            self.entries[_key(result.path, self.path)] = dict(sorted(counts.items()))

    def write(self) -> int:
        data = {"version": VERSION, "tool": "newslint", "files": dict(sorted(self.entries.items()))}
        write_atomically(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
        return sum(sum(c.values()) for c in self.entries.values())


class Baseline:
    def __init__(self, path: str) -> None:
        self.path = path
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            raise ConfigError(path, "baseline file not found (create it with --write-baseline)") from None
        except (OSError, ValueError) as exc:
            raise ConfigError(path, f"cannot read baseline: {exc}") from None
        except RecursionError:  # "[[[[..." a hundred thousand deep
            raise ConfigError(path, "cannot read baseline: nested too deeply") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
            raise ConfigError(path, f"not a newslint baseline (version {VERSION})")
        for name, counts in data["files"].items():
            if not isinstance(counts, dict) or not all(
                isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in counts.values()
            ):
                from .safeyaml import shorten

                raise ConfigError(path, f"not a newslint baseline: the entry for '{shorten(name)}' must map "
                                        "fingerprints to counts (whole numbers above 0)")
        self.files = data["files"]

    def filter(self, result):
        """The result with findings recorded in the baseline removed."""
        known = Counter(self.files.get(_key(result.path, self.path), {}))
        if not known:
            return result
        kept = []
        for finding, fp in zip(result.findings, fingerprints(result)):
            if known[fp] > 0:
                known[fp] -= 1
            else:
                kept.append(finding)
        result.findings = kept
        return result
