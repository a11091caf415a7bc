"""Rule documentation in ruff's four parts, for ``newslint explain`` and docs/rules.md."""

from __future__ import annotations

import os

import yaml

_LONG = 12  # list parameters longer than this are summarised, not printed
#: the published rules page (docs/rules.md); each rule is a section whose anchor is its id
RULES_PAGE = "https://github.com/newslint/newslint/blob/main/docs/rules.md"


def rule_url(rule) -> str:
    """Where a rule is documented: its section of the rules page for a shipped rule, its own
    YAML file for a rule from a user's folder (which the rules page does not have)."""
    from pathlib import Path

    from .rules import shipped_rules_dir

    path = Path(rule.path).resolve()
    if path.parent == shipped_rules_dir().resolve():
        return f"{RULES_PAGE}#{rule.id}"
    return path.as_uri()


def _scope_lines(rule) -> list[str]:
    """Where and when a rule reports: off by default, genres, a pattern it needs, rules it covers."""
    lines = []
    if not rule.enabled:
        lines.append("Off by default: runs only when selected (`--select " + rule.id + "` or its category).")
    if rule.genres:
        lines.append(f"Applies to: {', '.join(rule.genres)} (see the genre section of the README).")
    if rule.pattern:
        density = rule.pattern.get("per_1000_words")
        lines.append(f"Reported only where {', '.join(rule.pattern['rules'])} have {rule.pattern['at_least']} "
                     "or more hits in the article" + (f", more than {density:g} per 1,000 words" if density else "")
                     + " (overlapping hits count once).")
    if rule.covers:
        lines.append(f"Covers: {', '.join(rule.covers)} (their findings on the same words are not reported).")
    return lines + [""] if lines else []


def explain(rule, level: int = 1, show_path: bool = True) -> str:
    """Markdown documentation of one rule: what it does, why, how to fix it, its parameters."""
    h = "#" * level
    docs = rule.docs
    where = f"   file: {rule.path}" if show_path else f"   file: rules/{os.path.basename(rule.path)}"
    parts = [
        f"{h} {rule.id}",
        "",
        f"severity: {rule.severity}   category: {rule.category}   kind: {rule.kind.name}{where}",
        "",
        *_scope_lines(rule),
        f"{h}# What it does",
        docs["what"].strip(),
        "",
        f"{h}# Why is this bad?",
        docs["why"].strip(),
        "",
        f"{h}# How to fix it",
        docs["fix"].strip(),
    ]
    if "example" in docs:
        parts += ["", f"{h}# Example", "", f"> {docs['example'].strip()}"]
    if "use_instead" in docs:
        parts += ["", f"{h}# Use instead", "", f"> {docs['use_instead'].strip()}"]
    if rule.suggestions:
        parts += ["", f"{h}# Suggested replacements", "",
                  "Offered as quick fixes in editors, and as `suggestions` (JSON) and `fixes` (SARIF); never applied unasked.", ""]
        parts += [f"- {phrase}: " + ", ".join(f"'{r}'" if r else "(delete it)" for r in replace)
                  for phrase, replace in rule.suggestions.items()]
    params = {k: v for k, v in rule.kind.p.items() if not (isinstance(v, list) and len(v) > _LONG)}
    long_lists = {k: len(v) for k, v in rule.kind.p.items() if isinstance(v, list) and len(v) > _LONG}
    parts += ["", f"{h}# Parameters", "", "```yaml", yaml.safe_dump(params, sort_keys=True, allow_unicode=True).rstrip()]
    parts += [f"# {k}: {n} entries, listed in the rule file" for k, n in long_lists.items()]
    parts += ["```"]
    return "\n".join(parts)


def rules_page(rules) -> str:
    """docs/rules.md: every shipped rule, grouped by category (regenerate with
    ``newslint rules --format markdown > docs/rules.md``)."""
    ordered = sorted(rules, key=lambda r: (r.category, r.id))
    lines = [
        "# newslint rules",
        "",
        "Generated from the rule files by `newslint rules --format markdown`; do not edit by hand.",
        "",
        "| rule | severity | category | what it flags |",
        "|---|---|---|---|",
    ]
    lines += [f"| [{r.id}](#{r.id}) | {r.severity}{'' if r.enabled else ' (off by default)'} | {r.category} | "
              f"{r.docs['what'].strip()} |" for r in ordered]
    for rule in ordered:
        lines += ["", explain(rule, level=2, show_path=False)]
    return "\n".join(lines) + "\n"
