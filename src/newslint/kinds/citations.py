"""citations: does the article cite its sources, and are they specific?"""

from __future__ import annotations

import bisect
import re

from ..lazyre import lazy_compile
from ..matching import CueWords
from ..spans import _any_between
from . import Hit, Kind, anchor, register

# Words that offer what follows as the source of a statement, right before a link (or its label).
_SOURCE_CUE = lazy_compile(
    r"(?:according to|sources?\s*:|credits?\s*:|data\s*:|reported (?:by|in|on)|"
    r"(?:data|figures|statistics|numbers|research|report|study|survey|poll|results|findings|estimates?|analysis)"
    r"\s+(?:from|by|published by|released by|compiled by)|published (?:by|on|in)|released by|via|citing|"
    r"cited (?:by|in)|(?:comes?|came|taken|drawn|obtained|sourced|compiled|gathered)\s+from|courtesy of)"
    r"\s*(?:the\s+|an?\s+)?[\[(<\s\W]*$",
    re.I,
)
#: a word that each of _SOURCE_CUE's cues holds
_SOURCE_CUE_WORDS = ("according", "source", "credit", "data", "reported", "from", "by", "published", "released",
                     "via", "citing", "cited", "courtesy")


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
        "context": {
            "enum": ["source", "any"],
            "default": "source",
            "description": "homepage-link: flag a home page only where it is offered as a source (a "
            "sources section or front matter list, or after 'according to', 'source:', 'figures from', "
            "'reported by' and the like), or every home page (any).",
        },
        "claims": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "default": [],
            "description": "homepage-link: rules whose findings are claims with no source; a home page "
            "linked in the same sentence as one of them is offered as its only support, and flagged.",
        },
        "bare_domains": {
            "type": "boolean",
            "default": False,
            "description": "homepage-link: also flag bare domains (example.com) in running prose, "
            "not only in a sources section.",
        },
    }
    required = ("check",)
    fields = frozenset({"url", "entries"})
    depends_param = "claims"

    def check(self, doc, context):
        check = self.p["check"]
        if check == "homepage-link":
            for link in doc.links:
                if link.is_specific:  # also: e-mail addresses, anchors, this site's own pages
                    continue
                listed = doc.in_sources(link.start) or doc.in_front_matter(link.start)
                # a bare domain in running prose ("Amazon.com") is usually a name, not a citation
                if link.bare and not listed and not self.p["bare_domains"]:
                    continue
                # in prose, a home page is a problem only where it is offered as the source
                # ("according to [the agency](https://agency.gov)"); a link on an
                # organisation's name to its site is a reference, not a citation
                if listed or self.p["context"] == "any":
                    yield Hit(link.start, link.end, {"url": link.url})
                elif _cited_beside(doc, link):
                    continue
                elif self._only_support(doc, context, link) or _offered_for_its_content(doc, link, context):
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
            if doc.word_count < self.p["min_words"] or doc.source_links:
                return
            if any(q.attributed for q in doc.quotes):
                return
            if any(doc.source_cue_in(b.start, b.end) for b in doc.body_blocks):
                return
            yield anchor(doc)


    def _only_support(self, doc, context, link) -> bool:
        """Is the home page the only support of a claim: does its sentence hold a claim that the
        ``claims`` rules found unsupported (a home page supports nothing)?"""
        key = ("claim-starts", self.rule_id)
        starts = context.shared.get(key)
        if starts is None:  # once per article: a scan of every claim per link was quadratic
            claims = (h for rule in self.p["claims"] for h in context.hits.get(rule, ()))
            starts = context.shared[key] = sorted(h.start for h in claims)
        block = doc.block_at(link.start)
        if block is None or not _any_between(starts, block.start, block.end):
            return False
        sentence = doc.sentence_at(link.start)
        return sentence is not None and _any_between(starts, sentence.start, sentence.end)


def _cited_beside(doc, link) -> bool:
    """Does the link's sentence also link a specific page of the same site ('according to
    [the institute](https://sight.example.org/), ... ([figures](https://sight.example.org/2024)))'?
    Then the home page names the source and the specific page cites it."""
    sentence = doc.sentence_at(link.start)
    if sentence is None:
        return False
    host = _host(link.url)
    if not host or not doc.specific_link_in(sentence.start, sentence.end):
        return False
    links = doc.links  # in text order: only the sentence's own links are looked at
    for i in range(bisect.bisect_left(links, sentence.start, key=lambda x: x.start), len(links)):
        other = links[i]
        if other.start >= sentence.end:
            return False
        if other.is_specific and _host(other.url) == host:
            return True
    return False


def _label(text: str, link) -> str:
    """The visible text of a Markdown ``[label](url)`` or HTML ``<a href="url">label</a>`` link."""
    if text.startswith("](", link.start - 2):
        opened = text.rfind("[", max(0, link.start - 300), link.start - 2)
        return text[opened + 1 : link.start - 2] if opened >= 0 else ""
    close = text.find(">", link.end, link.end + 300)
    end = text.find("</a>", close, close + 300) if close >= 0 else -1
    return text[close + 1 : end] if end >= 0 else ""


_LABEL_WORDS = lazy_compile(r"[^\W_]+")
_MINOR_WORDS = frozenset("a an and at for in of on the to".split())


def names_its_site(label: str, host: str) -> bool:
    """Does a link's text name the organisation whose home page it is ('[GitHub](https://github.com/)',
    '[USA.gov](http://www.usa.gov)', '[Bureau of Labor Statistics](https://www.bls.gov/)')? Then
    the home page is the right target: the link identifies the organisation."""
    labels = [part for part in host.lower().split(".") if part]
    words = _LABEL_WORDS.findall(label.lower())
    if len(labels) < 2 or not words:
        return False
    names = labels[:-1]  # "afdc.energy.gov" -> afdc, energy; "usa.gov" -> usa
    joined = "".join(words)
    initials = "".join(w[0] for w in words if w not in _MINOR_WORDS)
    return any(name in (joined, initials) or joined == name + labels[-1] for name in names)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        netloc = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    return netloc.removeprefix("www.")


_ATTRIBUTING_CUE = lazy_compile(r"(?:according to|sources?\s*:|credits?\s*:|reported|citing|cited)", re.I)


def _offered_for_its_content(doc, link, context) -> bool:
    """Is the home page offered as the source of a statement (source cue words right before it or
    its label)? A link whose text names the organisation whose home page it is ('data from the
    [Bureau of Labor Statistics](https://www.bls.gov/)') identifies the organisation instead,
    unless it is given as the source in so many words ('according to', 'source:', 'reported by')."""
    cue = source_cue(doc, link, context)
    if cue is None:
        return False
    return bool(_ATTRIBUTING_CUE.match(cue)) or not names_its_site(_label(doc.text, link), _host(link.url))


def source_cue(doc, link, context) -> str | None:
    """The source cue words right before the link (or its label) in its paragraph, or None. The
    cue words are indexed once per article (in ``context``) and the pattern is searched for only
    where one occurs (10 MiB of '<http://a' is two million links to look before)."""
    block = doc.block_at(link.start)
    if block is None:
        return None
    text = doc.text
    begin = link.start
    near = max(block.start, link.start - 399)  # a label further back is not used: never rescan the paragraph
    label = max(text.rfind("[", near, link.start), text.rfind("<a", near, link.start))
    if label >= 0:
        begin = label
    lo = max(block.start, begin - 60)
    cues = context.shared.get("source-cue-words")
    if cues is None:
        cues = context.shared["source-cue-words"] = CueWords(text, (_SOURCE_CUE_WORDS,))
    if not cues.may_match(lo, begin, _SOURCE_CUE_WORDS):
        return None
    found = _SOURCE_CUE.search(text[lo:begin])
    return found.group() if found else None
