"""What a change adds: with ``--diff REF``, the findings that are new since the revision REF; with
``--diff-file``, the findings on lines a unified diff adds.

``--diff REF`` lints the REF version of each changed file with the same rules and subtracts its
findings by fingerprint (the baseline's: rule, flagged text, the line's text), so article-level
findings count too: deleting a story's only quotation makes its no-named-quote finding new,
though the headline it points at did not change. A file new since REF is wholly new.
"""

from __future__ import annotations

import os
import subprocess

from .errors import ConfigError
from .lazyre import lazy_compile

_HUNK = lazy_compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def parse_unified_diff(diff: str, root: str) -> dict[str, set[int]]:
    """Map absolute paths to the set of new-side line numbers a unified diff adds or changes."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    new_line = new_left = old_left = 0  # position and lines left in the current hunk
    # git's line model: a diff's lines end at "\n" only (str.splitlines would also split at
    # "\x0c", "\x0b", "\x1c"-"\x1e", "\x85", U+2028/U+2029 and a lone "\r" inside a line)
    for line in diff.split("\n"):
        if new_left > 0 or old_left > 0:
            # inside a hunk: only "+" lines are changed; " " lines are context
            if line.startswith("+"):
                if current is not None:
                    current.add(new_line)
                new_line, new_left = new_line + 1, new_left - 1
            elif line.startswith("-"):
                old_left -= 1
            elif not line.startswith("\\"):  # "\ No newline at end of file"
                new_line, new_left, old_left = new_line + 1, new_left - 1, old_left - 1
        elif line.startswith("+++ "):
            name = line[4:].split("\t")[0].rstrip("\r")  # a diff saved with CRLF line ends
            if name == "/dev/null":
                current = None
                continue
            if name.startswith("b/"):
                name = name[2:]
            current = changed.setdefault(os.path.normpath(os.path.join(root, name)), set())
        elif current is not None:
            m = _HUNK.match(line)
            if m:
                old_left = int(m.group(2) or 1)
                new_line, new_left = int(m.group(3)), int(m.group(4) or 1)
    return changed


class ChangedLines:
    """Lines changed since a git revision (files new since it count as wholly changed)."""

    def __init__(self, ref: str | None = None, diff_file: str | None = None, relint=None) -> None:
        self.ref = ref
        #: lints a text as the file at a path would be linted (FileResult); None: changed lines only
        self.relint = relint
        #: did any file of the diff turn out to be one of the linted files?
        self.matched = False
        if diff_file is not None:
            try:
                with open(diff_file, encoding="utf-8", newline="") as handle:  # no newline translation
                    text = handle.read()
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(diff_file, f"cannot read diff: {exc}") from None
            self.root = os.getcwd()
            self.changed = parse_unified_diff(text, self.root)
            self.ref = None
            return
        self.root = self._git("rev-parse", "--show-toplevel").strip()
        self._git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        text = self._git("diff", "--unified=0", "--no-color", "--no-ext-diff", "--relative=", ref, "--")
        self.changed = parse_unified_diff(text, self.root)

    def _git(self, *args: str) -> str:
        try:
            done = subprocess.run(["git", *args], capture_output=True, check=False)
        except FileNotFoundError:
            raise ConfigError("--diff", "git is not installed") from None
        if done.returncode != 0:
            stderr = done.stderr.decode("utf-8", "replace").strip()
            problem = stderr.splitlines()[-1] if stderr else f"git {args[0]} failed"
            raise ConfigError("--diff", f"{self.ref}: {problem}")
        # bytes, decoded without newline translation: a lone "\r" stays inside its line
        return done.stdout.decode("utf-8", "surrogateescape")

    def lines_for(self, path: str) -> set[int] | None:
        """Changed line numbers of a file; None means every line counts as changed."""
        full = os.path.normpath(os.path.abspath(path))
        if full in self.changed:
            self.matched = True
            return self.changed[full]
        if self.ref is None:
            return set()
        rel = os.path.relpath(full, self.root).replace(os.sep, "/")
        known = subprocess.run(["git", "cat-file", "-e", f"{self.ref}:{rel}"], capture_output=True, check=False)
        return set() if known.returncode == 0 else None

    def old_text(self, path: str) -> str | None:
        """The file's text at REF (None when it cannot be read as UTF-8 text)."""
        rel = os.path.relpath(os.path.normpath(os.path.abspath(path)), self.root).replace(os.sep, "/")
        done = subprocess.run(["git", "show", f"{self.ref}:{rel}"], capture_output=True, check=False)
        if done.returncode != 0:
            return None
        try:
            return done.stdout.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None

    def filter(self, result):
        if result.path == "<stdin>":
            return result
        changed = self.lines_for(result.path)
        if changed is None:
            return result
        if self.ref is not None and self.relint is not None:
            if os.path.normpath(os.path.abspath(result.path)) not in self.changed:
                result.findings = []  # unchanged since REF: nothing is new (a deletion is a change)
                return result
            old = self.old_text(result.path)
            if old is None:
                return result
            from collections import Counter

            from .baseline import fingerprints, subtract

            return subtract(result, Counter(fingerprints(self.relint(result.path, old))))
        from .lines import LineIndex

        lines = LineIndex(result.text, git=True)  # the hunks count lines as git does
        kept = []
        for f in result.findings:
            first, last = lines.position(f.start)[0], lines.position(f.end)[0]
            if any(n in changed for n in range(first, last + 1)):
                kept.append(f)
        result.findings = kept
        return result
