"""The audit's per-article figures that ``newslint check`` does not report: every quotation,
the attributed and the named ones, and the front matter fields a standards desk groups by.

Computed from the same Document the rules read (``Runner`` calls this when
``RunOptions.article_details`` is set), so an article is parsed once. Needs no pyarrow.
"""

from __future__ import annotations

import datetime

#: front matter keys read for each field, first found wins (Hugo, Jekyll and Eleventy names)
FIELD_KEYS = {
    "title": ("title",),
    "date": ("date", "published", "pubdate", "publishdate"),
    "authors": ("authors", "author", "byline"),
    "sections": ("section", "sections", "categories", "category"),
    "topics": ("topics", "topic"),
    "tags": ("tags", "tag", "keywords"),
}
LIST_FIELDS = ("authors", "sections", "topics", "tags")


def article_details(doc) -> dict:
    quotes = doc.quotes
    details = {
        "quotes_total": len(quotes),
        "named_quotes": sum(1 for q in quotes if q.named),
    }
    details.update(front_matter_fields(doc.front_matter))
    return details


def front_matter_fields(front: dict) -> dict:
    """title and date as text (a date as YYYY-MM-DD), the list fields as lists of text; a field
    the front matter lacks is None."""
    out: dict = {}
    lowered = {str(k).lower(): v for k, v in front.items()} if isinstance(front, dict) else {}
    for field, keys in FIELD_KEYS.items():
        value = next((lowered[k] for k in keys if lowered.get(k) not in (None, "", [])), None)
        if field in LIST_FIELDS:
            out[field] = as_list(value)
        elif field == "date":
            out[field] = as_date(value)
        else:
            out[field] = None if value is None else _text(value)
    return out


def as_list(value) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        items = [_text(v) for v in value if v not in (None, "")]
    elif isinstance(value, dict):
        items = [_text(v) for v in value.values() if v not in (None, "")]
    else:
        items = [part.strip() for part in _text(value).split(",") if part.strip()]
    return items or None


def as_date(value) -> str | None:
    """YYYY-MM-DD for a date, a datetime or text that starts with one; other text as it is."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = _text(value).strip()
    try:
        return datetime.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text or None


def _text(value) -> str:
    return " ".join(str(value).split())[:500]
