"""Baselines: record today's findings, then report only new ones.

A finding's fingerprint is its rule, its flagged text and the text of the line it sits on
(whitespace and case folded), not its line number: edits elsewhere in the file and lines
moving up or down leave it unchanged. Identical findings are counted, so a second copy of
the same sentence is new. Paths are stored relative to the baseline file.

Version 2 (written by 0.2) keeps each entry readable in a code review: beside its
fingerprint, the rule, the flagged text and the text of its line (no line number, so still
line-independent)::

    {"version": 3, "tool": "newslint", "files": {"news/pier.md": [
        {"rule": "peacock-word", "text": "ground-breaking", "line": "The ground-breaking pier ...",
         "fingerprint": "3f2a...", "count": 1}]}}

Version 3 (written after the 0.2.0 release) has version 2's layout; its fingerprints take the line as a
digest of its folded text, made once per line, so a long line costs its length once and not
once per finding on it (20,000 findings on one 250 KB line hashed 5 GB). Version 1 baselines
(fingerprint -> count) and version 2 baselines are still read, with their own fingerprints.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter

from .errors import ConfigError
from .lazyre import lazy_compile
from .lines import LineIndex
from .writing import write_atomically

VERSION = 3
_READ_VERSIONS = (1, 2, 3)
_LINE_CHARS = 200  # the line's text kept in an entry, for reading only
# runs of white space but a lone " " (the same result as "\s+" -> " ", with no piece made per word:
# a 10 MiB line of words was a list of 1.7 million strings)
_SPACE = lazy_compile(r"\s{2,}|[^\S ]")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def subtract(result, known: Counter, version: int = VERSION):
    """The result without the findings whose fingerprints ``known`` counts, each used once
    (a baseline, or the findings the REF version of a file already had)."""
    kept = []
    for finding, fp in zip(result.findings, fingerprints(result, version)):
        if known[fp] > 0:
            known[fp] -= 1
        else:
            kept.append(finding)
    result.findings = kept
    return result


def fingerprints(result, version: int = VERSION) -> list[str]:
    return [fp for fp, _, _ in _entries(result, version)]


def _entries(result, version: int = VERSION):
    """(fingerprint, flagged text, line text) of each finding, in order, as baselines of
    ``version`` fingerprint them."""
    lines = LineIndex(result.text)
    cached: dict[int, tuple[str, str]] = {}  # line number -> (its text, its part of a fingerprint)
    for f in result.findings:
        number = lines.position(f.start)[0]
        if number not in cached:
            text = lines.line_text(number)
            folded = _norm(text)
            if version >= 3:  # the line's digest, made once: a fingerprint then costs its snippet only
                folded = _digest(folded)
            cached[number] = (text, folded)
        line, folded = cached[number]
        yield _digest("\0".join((f.rule, _norm(f.snippet), folded)))[:20], f.snippet, line


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _key(path: str, baseline_path: str) -> str:
    if path == "<stdin>":
        return path
    base = os.path.dirname(os.path.abspath(baseline_path))
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


class BaselineWriter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: dict[str, list[dict]] = {}

    def add(self, result) -> None:
        if not result.findings:
            return
        counts: Counter = Counter()
        first: dict[str, dict] = {}
        shown: dict[str, str] = {}  # a line -> its shortened text, made once per line (not per finding)
        for finding, (fp, snippet, line) in zip(result.findings, _entries(result)):
            counts[fp] += 1
            if fp not in first:
                if line not in shown:
                    shown[line] = _short(line.strip())
                first[fp] = {"rule": finding.rule, "text": _short(snippet), "line": shown[line], "fingerprint": fp}
        rows = [{**first[fp], "count": n} for fp, n in counts.items()]
        self.entries[_key(result.path, self.path)] = sorted(rows, key=lambda r: (r["rule"], r["line"], r["text"], r["fingerprint"]))

    def write(self) -> int:
        data = {"version": VERSION, "tool": "newslint", "files": dict(sorted(self.entries.items()))}
        write_atomically(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        return sum(row["count"] for rows in self.entries.values() for row in rows)


def _short(text: str) -> str:
    text = _SPACE.sub(" ", text)
    return text if len(text) <= _LINE_CHARS else text[: _LINE_CHARS - 1] + "…"


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
        if not isinstance(data, dict) or data.get("version") not in _READ_VERSIONS or not isinstance(data.get("files"), dict):
            raise ConfigError(path, f"not a newslint baseline (version {' or '.join(map(str, _READ_VERSIONS))})")
        self.version = data["version"]  # its fingerprints are matched as that version made them
        self.files = {}
        for name, entry in data["files"].items():
            counts = _counts(entry) if data["version"] >= 2 else entry
            if not isinstance(counts, dict) or not all(
                isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in counts.values()
            ):
                from .safeyaml import shorten

                shape = ("list entries with a 'fingerprint' and a 'count' (a whole number above 0)"
                         if data["version"] >= 2 else "map fingerprints to counts (whole numbers above 0)")
                raise ConfigError(path, f"not a newslint baseline: the entry for '{shorten(name)}' must {shape}")
            self.files[name] = counts

    def filter(self, result):
        """The result with findings recorded in the baseline removed."""
        known = Counter(self.files.get(_key(result.path, self.path), {}))
        return subtract(result, known, self.version) if known else result


def _counts(rows):
    """fingerprint -> count of a version 2 or 3 entry list (None when it is not one)."""
    if not isinstance(rows, list):
        return None
    counts: Counter = Counter()
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            return None
        n = row.get("count")
        if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
            return None
        counts[row["fingerprint"]] += n
    return dict(counts)
