"""Hover text: a flagged span's rule documentation; on the headline, the article's metrics."""

from __future__ import annotations

from ..ruledocs import rule_url


def rule_markdown(rule) -> str:
    """A rule's docs in ruff's parts, as Markdown: what, why, how to fix, an example."""
    docs = rule.docs
    parts = [f"**newslint: {rule.id}** ({rule.severity}, {rule.category})", "", docs["what"].strip(), "",
             f"*Why:* {docs['why'].strip()}", "", f"*Fix:* {docs['fix'].strip()}"]
    if "example" in docs:
        parts += ["", f"*Example:* {docs['example'].strip()}"]
    if "use_instead" in docs:
        parts += ["", f"*Use instead:* {docs['use_instead'].strip()}"]
    parts += ["", f"[Rule documentation]({rule_url(rule)})"]
    return "\n".join(parts)


def metrics_markdown(doc, metrics: dict) -> str:
    """The headline's hover: the article's size, hype density, quotations and links."""
    quotes = doc.quotes
    attributed = sum(1 for q in quotes if q.attributed)
    hype = metrics.get("hype_per_1000")
    rows = [
        ("words", f"{doc.word_count:,}"),
        ("hype per 1,000 words", "n/a" if hype is None else f"{hype:g}"),
        ("quotations", str(len(quotes))),
        ("attributed quotations", str(attributed)),
        ("links", str(len(doc.links))),
    ]
    return "\n".join(["**newslint: this article**", "", "| metric | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)])


def plain(markdown: str) -> str:
    """The same text for a client that shows only plain text."""
    import re

    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1: \2", markdown)
    text = re.sub(r"^\|---\|---\|\n", "", text, flags=re.M)
    text = re.sub(r"^\| (.*?) \| (.*?) \|$", r"\1: \2", text, flags=re.M)
    return text.replace("**", "").replace("*", "")
