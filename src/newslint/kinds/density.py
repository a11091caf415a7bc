"""density: one article-level finding when other rules' hits per 1,000 words pass a threshold."""

from __future__ import annotations

from . import Kind, anchor, distinct_hits, register


@register
class DensityKind(Kind):
    name = "density"
    summary = "Hits of the listed rules per 1,000 words, reported once per article above a threshold."
    params = {
        "counts": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "threshold": {"type": "number", "exclusiveMinimum": 0},
        "min_words": {"type": "integer", "minimum": 0, "default": 100},
        "min_count": {
            "type": "integer",
            "minimum": 1,
            "default": 3,
            "description": "Fewer hits than this never make a finding, however short the article.",
        },
        "metric": {"type": "string", "default": "density_per_1000"},
        "overlaps": {
            "enum": ["each", "once"],
            "default": "each",
            "description": "Hits of two counted rules on the same words: count each, or once (one problem).",
        },
    }
    required = ("counts", "threshold")
    fields = frozenset({"density", "threshold", "count", "words"})
    depends_param = "counts"

    def check(self, doc, context):
        if self.p["overlaps"] == "once":
            count = distinct_hits(context.hits, self.p["counts"])
        else:
            count = sum(len(context.hits.get(rule, ())) for rule in self.p["counts"])
        words = doc.word_count
        density = 1000.0 * count / words if words else 0.0
        context.metrics[self.p["metric"]] = round(density, 2)
        if words >= self.p["min_words"] and count >= self.p["min_count"] and density > self.p["threshold"]:
            hit = anchor(doc)
            hit.fields = {"density": density, "threshold": self.p["threshold"], "count": count, "words": words}
            yield hit
