"""citations: does the article cite its sources, and are they specific?"""

from __future__ import annotations

from . import Hit, Kind, anchor, register


@register
class CitationsKind(Kind):
    name = "citations"
    summary = "Articles that name no source, links to bare home pages, sources sections with no specific entry."
    params = {
        "check": {
            "enum": ["no-sources", "homepage-link", "unspecific-sources"],
            "description": "no-sources: no link and no named attribution anywhere; homepage-link: each "
            "link to a site's home page; unspecific-sources: a sources section none of whose entries "
            "points to a specific page.",
        },
        "min_words": {"type": "integer", "minimum": 0, "default": 100},
        "bare_domains": {
            "type": "boolean",
            "default": False,
            "description": "homepage-link: also flag bare domains (example.com) in running prose, "
            "not only in a sources section.",
        },
    }
    required = ("check",)
    fields = frozenset({"url", "entries"})

    def check(self, doc, context):
        check = self.p["check"]
        if check == "homepage-link":
            for link in doc.links:
                # a bare domain in running prose ("Amazon.com") is usually a name, not a citation
                if link.bare and not doc.in_sources(link.start) and not self.p["bare_domains"]:
                    continue
                if not link.is_specific:
                    yield Hit(link.start, link.end, {"url": link.url})
        elif check == "unspecific-sources":
            section = doc.sources_section
            if section is None or not section.blocks:
                return
            span = section.span
            links = [link for link in doc.links if span.start <= link.start < span.end]
            if not any(link.is_specific for link in links):
                target = section.heading or section.blocks[0]
                yield Hit(target.start, target.end, {"entries": len(links)})
        else:
            if doc.word_count < self.p["min_words"] or doc.links:
                return
            if any(q.attributed for q in doc.quotes):
                return
            if any(doc.source_cue_in(b.start, b.end) for b in doc.body_blocks):
                return
            yield anchor(doc)
