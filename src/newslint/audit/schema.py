"""The audit's two tables, version 1: one row per finding, one row per article.

The schemas are pyarrow schemas; the same columns are the keys of each JSON Lines record
(``--jsonl``). Every file records ``newslint.audit.schema`` (this version) and the newslint
version in its metadata. Columns are only ever added within a version; a renamed, removed or
retyped column is a new version. README ("Archive audit") documents every column.
"""

from __future__ import annotations

from .. import __version__

VERSION = 1

#: (name, pyarrow type name, description): the findings table
FINDING_COLUMNS = (
    ("path", "string", "the article, as reported by newslint check"),
    ("rule", "string", "rule id"),
    ("category", "string", "the rule's category"),
    ("severity", "string", "info, warning or error"),
    ("line", "int32", "1-based line of the start"),
    ("column", "int32", "1-based column of the start, in characters"),
    ("start", "int64", "character offset of the start in the text"),
    ("end", "int64", "character offset of the end"),
    ("text", "string", "the flagged span, text[start:end]"),
    ("message", "string", "the finding's message"),
)

#: the articles table; list columns hold text lists
ARTICLE_COLUMNS = (
    ("path", "string", "the article"),
    ("status", "string", "ok, empty, excluded (by the configuration), unreadable or error (a rule failed)"),
    ("problem", "string", "why the article is not ok, one line; null when ok"),
    ("words", "int32", "words of the body"),
    ("paragraphs", "int32", "paragraphs of the body"),
    ("quotes", "int32", "direct quotations"),
    ("attributed_quotes", "int32", "quotations with a speaker or a source"),
    ("named_sources", "int32", "quotations attributed to a named speaker"),
    ("links", "int32", "links in the prose and the front matter's sources"),
    ("findings", "int32", "findings of every severity"),
    ("errors", "int32", "findings of severity error"),
    ("warnings", "int32", "findings of severity warning"),
    ("infos", "int32", "findings of severity info"),
    ("warnings_per_1000", "float64", "findings of severity warning or error per 1,000 words"),
    ("hype_per_1000", "float64", "peacock words and boilerplate per 1,000 words (the hype-density metric)"),
    ("unsupported_claims", "int32", "findings of the unsupported-claims category"),
    ("faq_items", "int32", "question-and-answer pairs of the FAQ section"),
    ("faq_redundant", "int32", "FAQ answers that only repeat the body (faq-redundant-answer)"),
    ("readability_grade", "float64", "Flesch-Kincaid grade of the body (textstat); null without --readability"),
    ("title", "string", "front matter title"),
    ("date", "string", "front matter date, YYYY-MM-DD when it is a date"),
    ("authors", "list<string>", "front matter authors (author, authors, byline)"),
    ("sections", "list<string>", "front matter section or categories"),
    ("topics", "list<string>", "front matter topics"),
    ("tags", "list<string>", "front matter tags (tags, keywords)"),
)

SEVERITY_COLUMNS = {"error": "errors", "warning": "warnings", "info": "infos"}


def _type(pa, name: str):
    if name.startswith("list<"):
        return pa.list_(_type(pa, name[5:-1]))
    return getattr(pa, name)()


def _schema(columns):
    import pyarrow as pa

    metadata = {"newslint.audit.schema": str(VERSION), "newslint.version": __version__}
    return pa.schema([pa.field(name, _type(pa, kind)) for name, kind, _ in columns], metadata=metadata)


def findings_schema():
    return _schema(FINDING_COLUMNS)


def articles_schema():
    return _schema(ARTICLE_COLUMNS)


def rows(result, categories: dict[str, str]) -> tuple[list[dict], dict]:
    """A lint result as its finding rows and its article row (plain dicts of the columns)."""
    from ..lines import LineIndex

    article = dict.fromkeys(name for name, _, _ in ARTICLE_COLUMNS)
    article["path"] = result.path
    if result.unreadable:
        article.update(status="unreadable", problem=result.unreadable)
        return [], article
    if result.excluded:
        article.update(status="excluded", problem="excluded by the configuration's exclude")
        return [], article
    if result.errors and not result.metrics:  # the file failed as a whole (an internal error)
        article.update(status="error", problem=result.errors[0])
        return [], article
    if not result.findings and not result.metrics:
        article.update(status="empty", problem=result.warnings[0] if result.warnings else "nothing to check")
        return [], article
    lines = LineIndex(result.text)
    findings = []
    for f in result.findings:
        line, column = lines.position(f.start)
        findings.append({
            "path": result.path, "rule": f.rule, "category": categories.get(f.rule), "severity": str(f.severity),
            "line": line, "column": column, "start": f.start, "end": f.end, "text": f.snippet, "message": f.message,
        })
    m = result.metrics
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        counts[str(f.severity)] += 1
    words = m.get("words") or 0
    serious = counts["error"] + counts["warning"]
    article.update(
        status="error" if result.errors else "ok",
        problem=result.errors[0] if result.errors else None,
        words=words, paragraphs=m.get("paragraphs"), quotes=m.get("quotes_total"), attributed_quotes=m.get("quotes"),
        named_sources=m.get("named_quotes"), links=m.get("links"), findings=len(result.findings),
        errors=counts["error"], warnings=counts["warning"], infos=counts["info"],
        warnings_per_1000=round(serious * 1000 / words, 2) if words else None,
        hype_per_1000=m.get("hype_per_1000"),
        unsupported_claims=sum(1 for f in result.findings if categories.get(f.rule) == "unsupported-claims"),
        faq_items=m.get("faq_items"),
        faq_redundant=sum(1 for f in result.findings if f.rule == "faq-redundant-answer"),
        readability_grade=m.get("flesch_kincaid_grade"),
        **{k: m.get(k) for k in ("title", "date", "authors", "sections", "topics", "tags")},
    )
    return findings, article
