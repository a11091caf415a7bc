"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps).

The whole log is one JSON document: results are collected per file as they arrive (findings
only, not article texts), and written at the end with the rule metadata.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__
from . import FindingReporter, _named_file

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _region(d: dict) -> dict:
    return {
        "startLine": d["line"],
        "startColumn": d["column"],
        "endLine": d["end_line"],
        "endColumn": d["end_column"],
        "charOffset": d["start"],
        "charLength": d["end"] - d["start"],
    }


def _fix(uri: str, d: dict, text: str) -> dict:
    """A SARIF fix: replace the flagged span with a rule's suggestion ("" deletes it)."""
    return {
        "description": {"text": f"Replace '{d['text']}' with '{text}'" if text else f"Delete '{d['text']}'"},
        "artifactChanges": [
            {"artifactLocation": {"uri": uri}, "replacements": [{"deletedRegion": _region(d), "insertedContent": {"text": text}}]}
        ],
    }


class SarifReporter(FindingReporter):
    def __init__(self, stream, color=None, rules=None) -> None:
        super().__init__(stream, color, rules)
        self.results: list[dict] = []
        self.used: dict[str, int] = {}
        self.file_metrics: list[dict] = []
        self.notifications: list[dict] = []

    def unreadable(self, path, message) -> None:
        """A file that could not be read: a tool execution notification of the run's invocation."""
        uri = quote(path.replace("\\", "/"), errors="surrogateescape")
        self.notifications.append({
            "level": "error",
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
        })

    def warned(self, path, message) -> None:
        """A warning (a limit reached, an empty file): a notification of level "warning"."""
        notification = {"level": "warning", "message": {"text": message}}
        named = _named_file(path, message)
        if named is not None:
            uri = quote(named.replace("\\", "/"), errors="surrogateescape")
            notification["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]
        self.notifications.append(notification)

    def metrics(self, path, metrics) -> None:
        self.file_metrics.append({"uri": quote(path.replace("\\", "/"), errors="surrogateescape"), "metrics": metrics})

    def finding(self, path, f, d) -> None:
        if f.rule not in self.used:
            self.used[f.rule] = len(self.used)
        uri = quote(path.replace("\\", "/"), errors="surrogateescape")
        result = {
            "ruleId": f.rule,
            "ruleIndex": self.used[f.rule],
            "level": _LEVEL[d["severity"]],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {**_region(d), "snippet": {"text": d["text"]}},
                    }
                }
            ],
        }
        if f.suggestions:  # the rule's replacements, for a tool (or a person) to choose from
            result["fixes"] = [_fix(uri, d, text) for text in f.suggestions]
        self.results.append(result)

    def _rule(self, rule_id: str) -> dict:
        rule = self.rules.get(rule_id)
        if rule is None:  # e.g. unused-suppression
            return {"id": rule_id, "shortDescription": {"text": rule_id}}
        docs = rule.docs
        help_text = f"{docs['what']}\n\nWhy: {docs['why']}\n\nFix: {docs['fix']}"
        return {
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": docs["what"]},
            "fullDescription": {"text": docs["why"]},
            "help": {"text": help_text, "markdown": f"**{docs['what']}**\n\n{docs['why']}\n\n*Fix:* {docs['fix']}"},
            "defaultConfiguration": {"level": _LEVEL[str(rule.severity)]},
            "properties": {"category": rule.category, "kind": rule.kind.name},
        }

    def finish(self, summary) -> None:
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "newslint",
                            "version": __version__,
                            "informationUri": "https://github.com/newslint/newslint",
                            "rules": [self._rule(rule_id) for rule_id in self.used],
                        }
                    },
                    "invocations": [{
                        "executionSuccessful": not any(n["level"] == "error" for n in self.notifications),
                        "toolExecutionNotifications": self.notifications,
                    }],
                    "columnKind": "unicodeCodePoints",
                    "results": self.results,
                }
            ],
        }
        if self.file_metrics:  # --readability: per-file metrics in the run's property bag
            log["runs"][0]["properties"] = {"metrics": self.file_metrics}
        # written a few thousand pieces at a time: json.dump writes each piece (two million for
        # 20,000 results), json.dumps holds them all
        pieces: list[str] = []
        for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(log):
            pieces.append(piece)
            if len(pieces) == 4096:
                self.stream.write("".join(pieces))
                pieces.clear()
        self.stream.write("".join(pieces) + "\n")
