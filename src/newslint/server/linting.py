"""Linting editor buffers with the CLI's pipeline: configuration discovery, rules, engine and
the severity filter are the ones ``newslint check`` uses (``run.Runner.lint_text``).

Everything here runs on the server's one lint thread, so the caches below (configuration per
folder, rule sets per configuration) are never shared between threads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..engine import FileResult
from ..errors import ConfigError
from ..finding import Finding, Severity
from ..lazyre import lazy_compile
from ..reading import MAX_BYTES

#: the files whose change can change findings: configuration files and rule files
CONFIG_NAMES = (".newslint.yaml", ".newslint.yml", "pyproject.toml")
SUFFIX_FOR_LANGUAGE = {"markdown": ".md", "plaintext": ".txt", "html": ".html", "text": ".txt"}
LINTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
_SURROGATE = lazy_compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ClientSettings:
    """What the editor may set: like the command line's options, they win over the configuration."""

    min_severity: str | None = None
    rule_dirs: tuple[str, ...] = ()
    config: str | None = None

    @classmethod
    def parse(cls, data, base: str) -> tuple["ClientSettings", list[str]]:
        """Settings from an editor's ``newslint`` section, and the problems found in it (a
        bad value is reported and ignored, never fatal). Relative folders are relative to
        ``base`` (the workspace folder)."""
        if not isinstance(data, dict):
            return cls(), ([] if data is None else [f"settings: expected an object, got {type(data).__name__}"])
        problems = []
        known = {"minSeverity", "rulesDirs", "config"}
        problems += [f"settings: unknown key '{key}' (known: {', '.join(sorted(known))})" for key in data if key not in known]
        minimum = data.get("minSeverity")
        if minimum is not None and minimum not in ("error", "warning", "info"):
            problems.append(f"settings: minSeverity must be error, warning or info, not {minimum!r}")
            minimum = None
        dirs = data.get("rulesDirs") or []
        if not isinstance(dirs, list) or not all(isinstance(d, str) and d for d in dirs):
            problems.append("settings: rulesDirs must be a list of folder names")
            dirs = []
        config = data.get("config") or None
        if config is not None and not isinstance(config, str):
            problems.append("settings: config must be a file name")
            config = None
        return cls(
            min_severity=minimum,
            rule_dirs=tuple(os.path.join(base, os.path.expanduser(d)) for d in dirs),
            config=os.path.join(base, os.path.expanduser(config)) if config else None,
        ), problems

    def merged(self, other: "ClientSettings") -> "ClientSettings":
        """These settings (the command line's) with the editor's on top."""
        return ClientSettings(
            min_severity=other.min_severity or self.min_severity,
            rule_dirs=self.rule_dirs + other.rule_dirs,
            config=other.config or self.config,
        )


@dataclass
class Outcome:
    """One lint of one version of a buffer."""

    path: str
    version: int | None
    text: str
    findings: list[Finding] = field(default_factory=list)
    result: FileResult | None = None
    #: a broken configuration or rule file: nothing could be checked
    config_error: ConfigError | None = None
    #: the file could not be checked at all (e.g. a refused front matter)
    unreadable: str | None = None
    #: rule id -> Rule, as this file's configuration has them (for links, docs, fixes)
    rules: dict = field(default_factory=dict)
    #: the configuration file that applies (None: the defaults)
    config_source: str | None = None
    #: the server's configuration generation this lint was made under
    generation: int = 0


class BufferLinter:
    """Lints buffer texts as ``newslint check`` lints files, with the editor's settings."""

    def __init__(self, settings: ClientSettings) -> None:
        from ..run import RunOptions, Runner

        self.settings = settings
        # no result cache: the server never writes files of its own
        options = RunOptions(rule_dirs=settings.rule_dirs, config=settings.config, metrics=True, cache_dir=None)
        self.runner = Runner(options)

    @staticmethod
    def forget_configuration() -> None:
        """Read configuration files again on the next lint (one changed on disk)."""
        from ..config import find_config

        find_config.cache_clear()

    def lint(self, path: str, text: str, version: int | None) -> Outcome:
        outcome = Outcome(path, version, text)
        if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            outcome.unreadable = f"{path}: is too large (more than {MAX_BYTES >> 20} MiB): not an article"
            return outcome
        if not text.isascii() and _SURROGATE.search(text):
            # JSON can carry lone surrogates, which no file newslint reads can hold: U+FFFD in
            # their place keeps every offset, and every UTF-8 and UTF-16 length, the same
            text = _SURROGATE.sub("\ufffd", text)
        try:
            linter = self.runner.linter
            file_settings = linter.settings(path)
            outcome.config_source = file_settings.source
            outcome.rules = linter.ruleset(file_settings).rules
            result = self.runner.lint_text(path, text)
        except ConfigError as exc:
            outcome.config_error = exc
            return outcome
        outcome.result = result
        if result.unreadable:
            outcome.unreadable = result.unreadable
            return outcome
        lowest = self.settings.min_severity or result.min_severity
        findings = result.findings
        if lowest:
            findings = [f for f in findings if f.severity >= Severity.parse(lowest)]
        outcome.findings = findings
        return outcome
