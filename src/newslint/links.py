"""The links layer of a Document: every URL in its prose and its front matter's sources.

``Link`` is a URL span with its kind (``link_kind``: web, site, mail, anchor) and whether it
names a page below a home page (``url_is_specific``). ``Links`` finds them on first use
(Markdown link targets, autolinks, bare URLs and bare domains inside blocks, plus URLs under
source-like front matter keys); ``Document.links``, ``source_links`` and ``link_in`` read it.
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .lazyre import lazy_compile
from .matching import fold
from .spans import Span, _any_between

if TYPE_CHECKING:
    from .document import Document


@dataclass(frozen=True, slots=True)
class Link(Span):
    """A URL in the text (Markdown link target, autolink, bare URL or bare domain)."""

    url: str
    #: written as a bare domain ("example.com"), not as a link or a full URL
    bare: bool = False

    @property
    def kind(self) -> str:
        """What the link points to: "web" (another site), "site" (a page of this site: a relative
        link or a template reference such as Hugo's ``{{< ref >}}``), "mail" (mailto:, tel:) or
        "anchor" (a place on this page, ``#contents``)."""
        return link_kind(self.url)

    @property
    def is_source(self) -> bool:
        """Can the link stand behind a claim? Web pages and this site's own pages can; an e-mail
        address, a phone number or an anchor on the same page cannot."""
        return self.kind in ("web", "site")

    @property
    def is_specific(self) -> bool:
        """True when the URL points below a site's home page (an article, a document)."""
        return self.kind != "web" or url_is_specific(self.url)


# A destination never holds "]": the scan from one "](" stops at the next (linear time on "](](](").
_MD_LINK = lazy_compile(r"\]\(\s*<?([^\s)>\]]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_OPEN_BRACKET = lazy_compile(r"\[")
_URL = lazy_compile(r"\b(?:https?://|www\.)[^\s<>\[\]\"'“”]+", re.I)
_DOMAIN = lazy_compile(
    r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|gov|edu|int|info|news|io|co\.uk|org\.uk|gov\.uk|ac\.uk)(?:/[^\s<>()\[\]\"'“”]*)?(?![\w@])",
    re.I,
)
#: Front matter keys whose URLs count as the article's sources.
SOURCE_KEYS = {"source", "sources", "links", "references", "citations", "source_url", "source_urls", "via"}
# a domain's ending, looked for in the folded text before the domain pattern is searched
# (one search: most articles have no links at all)
_TLD_CUE = lazy_compile(r"\.(?:com|org|net|gov|edu|int|info|news|io|uk)")
_TRAILING_PUNCT = ".,;:!?'\"”’)]}"

_SCHEME = lazy_compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def link_kind(url: str) -> str:
    """"web", "site", "mail" or "anchor" for a link target (see ``Link.kind``)."""
    lowered = url.lower()
    if lowered.startswith(("mailto:", "tel:", "sms:", "callto:")):
        return "mail"
    if lowered.startswith("#"):
        return "anchor"
    if lowered.startswith(("{{", "{%")):
        return "site"
    if lowered.startswith(("http://", "https://", "//", "www.")):
        return "web"
    if _SCHEME.match(url):
        return "web" if "." in url.split(":", 1)[1] else "mail"  # ftp://host.org, not "javascript:"
    if _DOMAIN.match(url):
        return "web"  # a bare domain ("example.com/page")
    return "site"  # a relative link: "/about/", "../reports/2024.pdf"


def url_is_specific(url: str) -> bool:
    """A URL is specific when it names a page below the site root, not just a home page."""
    from urllib.parse import urlsplit  # on first use: an article without links never needs it

    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    path = parts.path.strip("/")
    if path.lower() in {"", "index.html", "index.htm", "index.php", "home", "en", "en-us", "en-gb"}:
        return bool(parts.query and "=" in parts.query)
    return True


def _strip_url(text: str, start: int, end: int) -> int:
    opened = closed = -1  # parentheses in text[start:end], counted once (when first needed)
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        # keep a closing parenthesis that belongs to the URL, as in Wikipedia links
        if text[end - 1] == ")":
            if opened < 0:
                opened, closed = text.count("(", start, end), text.count(")", start, end)
            if opened >= closed:
                break
            closed -= 1
        end -= 1
    return end


#: Links read per article. A long page links a few thousand times; 10 MiB of "<http://a" is a
#: million links, an object each (430 MB). Past the limit, the rest of the text is read without
#: links, and the run warns that it was.
MAX_LINKS = 200_000


class Links:
    """The links of a document, found on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def links(self) -> list[Link]:
        doc = self.doc
        text = doc.text
        found: dict[int, Link] = {}
        stop = len(text)  # where the limit was reached (links past it are not read)
        latest: list[int] = []  # minus the start of each link: the last is dropped first past the limit
        taken: list[tuple[int, int]] = []  # spans already claimed by a link (sorted per pass)
        lowered = fold(text)
        brackets: list[int] | None = None  # offsets of "[", for the label of [label](url)
        cues = ("](" in lowered, "http" in lowered or "www." in lowered, _TLD_CUE.search(lowered) is not None)
        for pattern, cue in zip((_MD_LINK, _URL, _DOMAIN), cues):
            if not cue:
                continue  # a cheap test first: most articles have no links at all
            taken.sort()
            starts = [t[0] for t in taken]
            new = []
            for m in pattern.finditer(text, doc.body_start):
                if m.start() >= stop:
                    break  # past the limit
                block = doc.block_at(m.start())
                if block is None or m.end() > block.end:
                    continue  # not prose: code, HTML, front matter
                if pattern is _MD_LINK:
                    # the label of [label](url) is not a second link
                    if brackets is None:
                        brackets = [b.start() for b in _OPEN_BRACKET.finditer(text)]
                    b = bisect.bisect_left(brackets, m.start()) - 1
                    label = brackets[b] if b >= 0 and brackets[b] >= block.start else -1
                    new.append((m.start() if label < 0 else label, m.end()))
                    start, end = m.span(1)
                else:
                    start, end = m.start(), _strip_url(text, m.start(), m.end())
                    i = bisect.bisect_right(starts, start) - 1
                    if end <= start or (i >= 0 and start < taken[i][1]):
                        continue
                    new.append((start, end))
                if start not in found:
                    heapq.heappush(latest, -start)
                found[start] = Link(start, end, text[start:end], bare=pattern is _DOMAIN)
                if len(found) > MAX_LINKS:  # the last link found goes, and the text past it is not read
                    stop = -heapq.heappop(latest)
                    del found[stop]
            taken += new
        if stop < len(text):
            line = text.count("\n", 0, stop) + 1
            doc.warnings.append(f"{doc.path}: more than {MAX_LINKS:,} links; from line {line} on, the text is read "
                                "without links (it does not look like an article)")
        for start, end in self._front_matter_sources():
            found[start] = Link(start, end, text[start:end])
        return [found[k] for k in sorted(found)]

    def _front_matter_sources(self):
        """Spans of URLs listed under source-like keys of the front matter."""
        doc = self.doc
        values: list[str] = []

        def collect(value) -> None:
            if isinstance(value, str):
                values.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    collect(item)
            elif isinstance(value, list):
                for item in value:
                    collect(item)

        for key, value in doc.front_matter.items():
            if str(key).lower() in SOURCE_KEYS:
                collect(value)
        pos = 0
        for value in values:
            for m in _URL.finditer(value):
                at = doc.text.find(m.group(), pos, doc.body_start)
                if at >= 0:
                    end = _strip_url(doc.text, at, at + len(m.group()))
                    yield at, end
                    pos = end

    @cached_property
    def source_links(self) -> list[Link]:
        """Links that can stand behind a claim (not e-mail addresses or same-page anchors)."""
        return [link for link in self.links if link.is_source]

    @cached_property
    def _link_at(self) -> list[int]:
        return [link.start for link in self.source_links]

    def link_in(self, start: int, end: int) -> bool:
        return _any_between(self._link_at, start, end)

    @cached_property
    def _specific_link_at(self) -> list[int]:
        return [link.start for link in self.source_links if link.is_specific]

    def specific_link_in(self, start: int, end: int) -> bool:
        """A link to a page below a home page (an article, a report) in text[start:end]?"""
        return _any_between(self._specific_link_at, start, end)
