"""The Document: one article parsed once, as character spans shared by every rule.

Everything here is a (start, end) character offset into ``Document.text``, the text exactly as
read (after a UTF-8 byte-order mark). Costly layers (sentences from spaCy, word counts) are
computed on first use only, so a run whose rules do not need them never pays for them.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

import yaml

from .lines import LineIndex
from .matching import fold


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Block(Span):
    """A paragraph or heading: a run of non-blank lines."""

    kind: str  # "heading" or "paragraph"


@dataclass(frozen=True)
class Quote(Span):
    """A direct quotation, from its opening mark to its closing mark (inclusive)."""

    words: int
    attributed: bool = False
    named: bool = False


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class FaqItem:
    question: Span
    answer: Span | None


@dataclass
class Section:
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def span(self) -> Span:
        first = self.heading or self.blocks[0]
        last = self.blocks[-1] if self.blocks else first
        return Span(first.start, last.end)


# --- patterns ---------------------------------------------------------------------------------

_BREAK = r"(?:\r\n|\r(?!\n)|\n)"  # one line break, whichever convention
_BLANK_LINES = re.compile(rf"{_BREAK}[ \t]*{_BREAK}(?:[ \t]*{_BREAK})*")
_FRONT_MATTER = re.compile(rf"\A---[ \t]*{_BREAK}(.*?){_BREAK}---[ \t]*(?:{_BREAK}|\Z)", re.S)
_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")
_FAQ_HEADING = re.compile(
    r"^\W*(faqs?|frequently asked questions|questions and answers|q\s*&\s*a|your questions answered)\b",
    re.I,
)
_SOURCES_HEADING = re.compile(
    r"^\W*(sources?|references|citations|further reading|bibliography|links|notes and sources)\W*$", re.I
)
_Q_MARK = re.compile(r"^[ \t]*(?:\*\*)?(Q|Question)\s*[:.)-](?:\*\*)?\s*", re.I | re.M)
_A_MARK = re.compile(r"^[ \t]*(?:\*\*)?(A|Answer)\s*[:.)-](?:\*\*)?\s*", re.I | re.M)
_MD_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\[\]\"'“”]+", re.I)
_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|gov|edu|int|info|news|io|co\.uk|org\.uk|gov\.uk|ac\.uk)(?:/[^\s<>()\[\]\"'“”]*)?(?![\w@])",
    re.I,
)
_LIST_ITEM = re.compile(r"^(?:[-*+•–—]|\d+[.)])\s")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
#: Front matter keys whose URLs count as the article's sources.
SOURCE_KEYS = {"source", "sources", "links", "references", "citations", "source_url", "source_urls", "via"}
# Inline Markdown that is not prose: code spans, link destinations, autolinks, HTML tags.
_MD_INLINE_MASK = re.compile(r"(`+)[^`]+?\1|\]\(([^)\n]*)\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|</?[a-z][^>\n]*>|<!--.*?-->", re.I | re.S)
# Template and shortcode syntax (Hugo shortcodes, Liquid/Jekyll/Eleventy, Jinja/Nunjucks tags,
# output and comments) is not prose. Bounded, so an unclosed tag costs a bounded scan.
_TEMPLATE = re.compile(r"\{\{[<%].{0,4000}?[>%]\}\}|\{%.{0,4000}?%\}|\{\{.{0,4000}?\}\}|\{#.{0,4000}?#\}", re.S)
_ONLY_DIRECTIVES = re.compile(r"(?:\s*<!--(?:(?!-->).)*-->)+", re.S)  # comment lines (suppressions) are not prose
_LEADING_COMMENTS = re.compile(r"(?:[ \t]*<!--(?:(?!-->).)*-->[ \t]*(?:\r\n|\r|\n))+", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TLD_CUES = (".com", ".org", ".net", ".gov", ".edu", ".int", ".info", ".news", ".io", ".uk")
_TRAILING_PUNCT = ".,;:!?'\"”’)]}"

# Quotation marks: openers and the closer each one expects.
_OPEN_CLOSE = {"“": "”", '"': '"', "„": "“”", "«": "»"}
_CLOSERS = {"”", "»"}
_QUOTE_MARKS = re.compile("[“”\"„«»]")

#: Words that attribute what follows or precedes them to a speaker or a document.
SPEECH_TERMS = (
    "said says say saying told tells tell added adds explained explains stated states wrote writes "
    "asked asks insisted insists warned warns argued argues claimed claims noted notes announced "
    "announces declared declares replied replies responded commented comments continued concluded "
    "admitted admits acknowledged recalled suggested suggests urged urges confirmed confirms "
    "described describes called calls quoted tweeted posted predicted predicts revealed reveals "
    "complained joked remarked observed stressed stresses emphasised emphasized believes thinks "
    "feels reckons hopes conceded interview remarks remarked asking praises praised reported reports "
    "spokesman spokeswoman spokesperson"
).split() + ["according to", "pointed out", "went on", "in a statement", "told reporters"]
# Sourcing in running text besides speech verbs: "a report by", "data from", "figures published".
_SOURCE_CUE_TERMS = [
    f"{first} {second}"
    for firsts, seconds in (
        ("reported reports published estimated estimates found figures data statistics",
         "by from show showed released published"),
        ("report study survey statement paper analysis poll census filing ruling judgment figures data",
         "by from published released for found finds show shows showed suggest suggests said says"),
    )
    for first in firsts.split()
    for second in seconds.split()
] + [f"press release {second}" for second in ("by", "from", "published", "released", "said", "says")]
_NAMED_SPEAKER = re.compile(
    r"(?<![.!?]\s)(?<!^)\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady|Rev|Gen|Col|Capt|Sgt|Judge|President|"
    r"Minister|Senator|Chancellor|Governor|Mayor|Chief)\b|(?<=[a-z,;] )[A-Z][a-z]+|\b(?:he|she|they|I|we)\b"
)


# Vague subjects right before a speech verb: weasel attribution, not a source.
# Vague subjects right before a speech verb ("experts say", "it is said"): weasel attribution,
# not a source. Checked on the last words before the verb, one of them may stand between.
_VAGUE_WORDS = frozenset(
    "expert experts some many most people critics observers commentators sources insiders scientists "
    "researchers studies research others everyone".split()
)
_VAGUE_PAIRS = frozenset({("it", "is"), ("it", "was"), ("has", "been"), ("is", "widely"), ("are", "widely")})


def _vague_subject(before: str) -> bool:
    words = before.lower().replace(",", " ").split()[-3:]
    if not words:
        return False
    if words[-1] in _VAGUE_WORDS or (len(words) >= 2 and words[-2] in _VAGUE_WORDS):
        return True
    pairs = list(zip(words, words[1:]))
    return bool(pairs) and (pairs[-1] in _VAGUE_PAIRS or (len(pairs) >= 2 and pairs[-2] in _VAGUE_PAIRS))
# A named source near a speech verb: "Mr Ito", "Michael Moran", "said Acme", "the Treasury".
_NAMED_SOURCE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady)\b\.? ?[A-Z]|\b[A-Z][a-z]+ [A-Z][a-z]+|(?<=[a-z,;] )[A-Z][\w&-]+"
)


def markup_for(path: str) -> str:
    """How a file is parsed, from its name: "markdown", "html" or "text"."""
    lower = path.lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return "text"


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


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
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        # keep a closing parenthesis that belongs to the URL, as in Wikipedia links
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


class Document:
    """An article: text plus the structure every rule reads."""

    def __init__(self, text: str, path: str = "<text>", markup: str | None = None, genre: str | None = None) -> None:
        self.text = text
        self.path = path
        #: set by the configuration for this path; else found from the front matter or the text
        self._genre = genre
        #: "markdown" or "text"; by default from the file name (.md, .markdown are Markdown)
        self.markup = markup or markup_for(path)
        self.front_matter: dict = {}
        self.body_start = 0
        self._parse_front_matter()
        self._masked: list[tuple[int, int]] = []
        self._block_sentences: dict[int, list[Span]] = {}
        self._title: Span | None = None
        if self.markup == "markdown":
            self.blocks: list[Block] = list(self._markdown_blocks())
        elif self.markup == "html":
            self.blocks = self._html_blocks()
        else:
            self.blocks = list(self._split_blocks())

    # --- structure ----------------------------------------------------------------------------

    def _parse_front_matter(self) -> None:
        match = _FRONT_MATTER.match(self.text)
        if not match:
            return
        try:
            data = yaml.safe_load(match.group(1))
        except (yaml.YAMLError, ValueError, TypeError, RecursionError):  # e.g. "date: 2020-02-30"
            data = None
        self.body_start = match.end()  # never prose, even when it is not a YAML mapping
        if isinstance(data, dict):
            self.front_matter = data

    def _markdown_blocks(self):
        """Headings and paragraphs (also inside lists and block quotes) from markdown-it-py.

        Code blocks, HTML blocks and tables are not prose and give no blocks. Inside a block,
        inline code, link destinations, autolinks and HTML tags are masked: rules skip them.
        """
        from .markdown import markdown_blocks

        text = self.text
        templates = "{{" in text or "{%" in text
        for start, end, kind in markdown_blocks(text, self.body_start):
            tags = [m.span() for m in _TEMPLATE.finditer(text, start, end)] if templates else []
            if tags and not _prose_left(text, start, end, tags):
                continue  # a block of template tags only, such as an image shortcode
            if kind == "paragraph" and _looks_like_heading(text[start:end].strip("*_ ")):
                kind = "heading"  # a short line standing alone, such as "FAQ" or "**Sources**"
            yield Block(start, end, "paragraph" if kind == "item" else kind)
            self._masked += tags
            for m in _MD_INLINE_MASK.finditer(text, start, end):
                self._masked.append(m.span(2) if m.group(2) is not None else m.span())

    def _html_blocks(self) -> list[Block]:
        from .html import html_blocks

        blocks, masked, title = html_blocks(self.text)
        self._masked += masked
        if title:
            self._title = Span(*title)
        return [Block(start, end, kind) for start, end, kind in blocks]

    def _split_blocks(self):
        text = self.text
        pos = self.body_start
        for match in [*_BLANK_LINES.finditer(text, pos), None]:
            end = match.start() if match else len(text)
            chunk = text[pos:end]
            stripped = chunk.strip()
            if stripped and not _ONLY_DIRECTIVES.fullmatch(stripped):
                start = pos + (len(chunk) - len(chunk.lstrip()))
                stop = start + len(stripped)
                lead = _LEADING_COMMENTS.match(text, start, stop)
                if lead:  # comment lines (e.g. suppressions) right above a paragraph
                    start = lead.end()
                for m in _COMMENT.finditer(text, start, stop):
                    self._masked.append(m.span())
                stripped = text[start:stop]
                yield Block(start, stop, "heading" if _looks_like_heading(stripped) else "paragraph")
            if match:
                pos = match.end()

    @cached_property
    def _mask(self) -> tuple[list[int], list[int]]:
        spans = sorted(self._masked + [(link.start, link.end) for link in self.links])
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [m[0] for m in merged], [m[1] for m in merged]

    def is_masked(self, start: int, end: int) -> bool:
        """Does text[start:end] overlap markup that is not prose (code, URLs, HTML tags)?"""
        starts, ends = self._mask
        i = bisect.bisect_left(ends, start + 1)
        return i < len(starts) and starts[i] < end

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @cached_property
    def headline(self) -> Span | None:
        """The first block when it is a heading, else the front matter's title value."""
        if self.blocks:
            first = self.blocks[0]
            if first.kind == "heading" and not _FAQ_HEADING.match(self.span_text(first)):
                return first
        if self._title is not None:
            return self._title
        title = self.front_matter.get("title")
        if isinstance(title, str) and title.strip():
            match = re.search(r"^title:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", self.text[: self.body_start], re.M)
            if match and match.group(1):
                return Span(*match.span(1))
        return None

    @cached_property
    def faq_items(self) -> list[FaqItem]:
        return self._faq[1]

    @cached_property
    def faq_span(self) -> Span | None:
        return self._faq[0]

    @cached_property
    def _faq(self) -> tuple[Span | None, list[FaqItem]]:
        text = self.text
        blocks = self.blocks
        heading_at = next(
            (i for i, b in enumerate(blocks) if b.kind == "heading" and _FAQ_HEADING.match(text[b.start : b.end])),
            None,
        )
        # Q:/A: markers anywhere (inside or without a FAQ heading), one or more per block.
        items: list[FaqItem] = []
        first_q = last_a = None
        markers = []
        for b in blocks:
            for m in _Q_MARK.finditer(text, b.start, b.end):
                markers.append(("Q", m.end(), b))
            for m in _A_MARK.finditer(text, b.start, b.end):
                markers.append(("A", m.end(), b))
        markers.sort(key=lambda m: m[1])
        for i, (tag, pos, block) in enumerate(markers):
            if tag != "Q":
                continue
            q_end = _line_end(text, pos, block.end)
            answer = None
            if i + 1 < len(markers) and markers[i + 1][0] == "A":
                a_pos, a_block = markers[i + 1][1], markers[i + 1][2]
                a_end = markers[i + 2][1] if i + 2 < len(markers) and markers[i + 2][2] is a_block else a_block.end
                a_end = _line_start_before(text, a_pos, a_end, a_block.end)
                answer = Span(a_pos, a_end)
                last_a = a_block
            if first_q is None:
                first_q = block
            items.append(FaqItem(Span(pos, q_end), answer))
        if items:
            start = blocks[heading_at].start if heading_at is not None else first_q.start
            end = (last_a or first_q).end
            return Span(start, max(end, items[-1].question.end)), items
        if heading_at is None:
            return None, []
        # Question-heading style: a question (a heading or short paragraph ending in "?"),
        # then answer paragraphs until the next question or a non-question heading.
        end = blocks[heading_at].end
        question = None
        answer_blocks: list[Block] = []
        for b in blocks[heading_at + 1 :]:
            body = text[b.start : b.end].rstrip(" *_#")
            if body.endswith("?") and "\n" not in body.strip():
                if question is not None:
                    items.append(FaqItem(question, _join(answer_blocks)))
                question, answer_blocks = Span(b.start, b.end), []
            elif b.kind == "heading":
                break
            elif question is not None:
                answer_blocks.append(b)
            else:
                break
            end = b.end
        if question is not None:
            items.append(FaqItem(question, _join(answer_blocks)))
        return Span(blocks[heading_at].start, end), items

    @cached_property
    def sources_section(self) -> Section | None:
        text = self.text
        section = None
        for b in self.blocks:
            heading_text = text[b.start : b.end]
            first_line = heading_text.split("\n", 1)[0]
            if section is None:
                if b.kind == "heading" and _SOURCES_HEADING.match(first_line.lstrip("#").strip()):
                    section = Section(b)
                elif _SOURCES_HEADING.match(first_line.split(":", 1)[0] + ":") and ":" in first_line:
                    # "Sources: https://..." on one block, heading and entries together
                    section = Section(None, [b])
            elif b.kind == "heading":
                break
            else:
                section.blocks.append(b)
        return section

    def in_faq(self, offset: int) -> bool:
        faq = self.faq_span
        return faq is not None and faq.start <= offset < faq.end

    def in_sources(self, offset: int) -> bool:
        section = self.sources_section
        if section is None:
            return False
        span = section.span
        return span.start <= offset < span.end

    @cached_property
    def prose_blocks(self) -> list[Block]:
        """Blocks written as prose (not the sources list)."""
        return [b for b in self.blocks if not self.in_sources(b.start)]

    @cached_property
    def body_blocks(self) -> list[Block]:
        """Paragraphs of the story itself: prose outside the headline, FAQ and sources."""
        return [b for b in self.prose_blocks if b.kind == "paragraph" and not self.in_faq(b.start)]

    @cached_property
    def genre(self) -> str:
        """What kind of piece this is: news, opinion, guide, review, list or announcement
        (see ``genre.py``)."""
        from .genre import detect

        return self._genre or detect(self)

    # --- words and sentences -----------------------------------------------------------------

    @cached_property
    def word_count(self) -> int:
        text = self.text
        return sum(len(_WORD.findall(text, b.start, b.end)) for b in self.prose_blocks)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of every prose block (spaCy's sentencizer), in text order."""
        from .nlp import split_sentences

        return split_sentences(self.text, self.prose_blocks)

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence containing an offset. Only that paragraph is split (spaCy is costly)."""
        block = self.block_at(offset)
        if block is None:
            return None
        if "sentences" in self.__dict__:
            sentences = [s for s in self.sentences if block.start <= s.start < block.end]
        else:
            sentences = self._block_sentences.get(block.start)
            if sentences is None:
                from .nlp import split_sentences

                sentences = self._block_sentences[block.start] = split_sentences(self.text, [block])
        for sentence in sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def block_index(self, block: Block) -> int:
        return bisect.bisect_left(self._block_starts, block.start)

    # --- links --------------------------------------------------------------------------------

    @cached_property
    def links(self) -> list[Link]:
        text = self.text
        found: dict[int, Link] = {}
        taken: list[tuple[int, int]] = []  # spans already claimed by a link (sorted per pass)
        lowered = fold(text)
        for pattern, cues in ((_MD_LINK, ("](",)), (_URL, ("http", "www.")), (_DOMAIN, _TLD_CUES)):
            if not any(cue in lowered for cue in cues):
                continue  # a cheap test first: most articles have no links at all
            taken.sort()
            starts = [t[0] for t in taken]
            new = []
            for m in pattern.finditer(text, self.body_start):
                block = self.block_at(m.start())
                if block is None or m.end() > block.end:
                    continue  # not prose: code, HTML, front matter
                if pattern is _MD_LINK:
                    # the label of [label](url) is not a second link
                    label = text.rfind("[", block.start, m.start())
                    new.append((m.start() if label < 0 else label, m.end()))
                    start, end = m.span(1)
                else:
                    start, end = m.start(), _strip_url(text, m.start(), m.end())
                    i = bisect.bisect_right(starts, start) - 1
                    if end <= start or (i >= 0 and start < taken[i][1]):
                        continue
                    new.append((start, end))
                found[start] = Link(start, end, text[start:end], bare=pattern is _DOMAIN)
            taken += new
        for start, end in self._front_matter_sources():
            found[start] = Link(start, end, text[start:end])
        return [found[k] for k in sorted(found)]

    def _front_matter_sources(self):
        """Spans of URLs listed under source-like keys of the front matter."""
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

        for key, value in self.front_matter.items():
            if str(key).lower() in SOURCE_KEYS:
                collect(value)
        pos = 0
        for value in values:
            for m in _URL.finditer(value):
                at = self.text.find(m.group(), pos, self.body_start)
                if at >= 0:
                    end = _strip_url(self.text, at, at + len(m.group()))
                    yield at, end
                    pos = end

    # --- quotations ---------------------------------------------------------------------------

    @cached_property
    def quotes(self) -> list[Quote]:
        """Direct quotations, with multi-paragraph quotes joined and attribution decided."""
        raw = _find_quotes(self.text, self.prose_blocks, self.is_masked)
        raw_starts = [start for start, _ in raw]

        def quoted(offset: int) -> bool:
            i = bisect.bisect_right(raw_starts, offset) - 1
            return i >= 0 and offset < raw[i][1]

        quotes = [self._attribute(start, end, quoted) for start, end in raw]
        # A quotation that follows an attributed one in the same or the next paragraph, with
        # no attribution of its own, continues the same speaker ('"...," she said. "..."').
        for i in range(1, len(quotes)):
            previous, quote = quotes[i - 1], quotes[i]
            if not quote.attributed and previous.attributed and self._adjacent_blocks(previous.end - 1, quote.start):
                quotes[i] = dataclasses.replace(quote, attributed=True, named=previous.named)
        return quotes

    def _adjacent_blocks(self, a: int, b: int) -> bool:
        first, second = self.block_at(a), self.block_at(b)
        if first is None or second is None:
            return False
        return self.block_index(second) - self.block_index(first) <= 1

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self.quotes[i].end

    def _attribute(self, start: int, end: int, quoted) -> Quote:
        text = self.text
        words = len(_WORD.findall(text, start, end))
        block = self.block_at(start)
        if block is None:
            return Quote(start, end, words)
        # The attribution window: the paragraph(s) the quotation sits in, outside quotations,
        # plus the previous paragraph when it introduces the quote with ":".
        last = self.block_at(max(end - 1, start)) or block
        ranges = [(block.start, start), (end, last.end)]
        index = self.block_index(block)
        if index > 0:
            previous = self.blocks[index - 1]
            if text[previous.start : previous.end].rstrip().endswith(":"):
                ranges.append((previous.start, previous.end))
        spans = self._speech_spans
        starts = self._speech_span_starts
        verbs = [
            (s, e)
            for lo, hi in ranges
            for s, e in spans[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
            if e <= hi and not quoted(s)
        ]
        if not verbs:
            return Quote(start, end, words)
        window = _blank_quotes(" ".join(text[lo:hi] for lo, hi in sorted(ranges)))
        named = bool(_NAMED_SPEAKER.search(window)) or any(_name_next_to(text, s, e) for s, e in verbs)
        return Quote(start, end, words, True, named)

    @cached_property
    def _speech_spans(self) -> list[tuple[int, int]]:
        """Spans of every speech verb ("said", "according to") in the body."""
        return list(_speech_lexicon().finditer(self.text, self.body_start))

    @cached_property
    def _speech_span_starts(self) -> list[int]:
        return [start for start, _ in self._speech_spans]

    @cached_property
    def _speech_at(self) -> list[int]:
        """Offsets of speech verbs that name a source: "experts say" and "it is said" do not."""
        text = self.text
        return [start for start in self._speech_span_starts if not _vague_subject(text[max(0, start - 40) : start])]

    @cached_property
    def _source_cue_at(self) -> list[int]:
        return [start for start, _ in _source_cue_lexicon().finditer(self.text, self.body_start)]

    @cached_property
    def _link_at(self) -> list[int]:
        return [link.start for link in self.source_links]

    @cached_property
    def source_links(self) -> list[Link]:
        """Links that can stand behind a claim (not e-mail addresses or same-page anchors)."""
        return [link for link in self.links if link.is_source]

    def in_front_matter(self, offset: int) -> bool:
        return offset < self.body_start

    def attribution_in(self, start: int, end: int) -> bool:
        """Does text[start:end] attribute something to a source (a speech verb, "according to")?"""
        return _any_between(self._speech_at, start, end)

    def source_cue_in(self, start: int, end: int) -> bool:
        """Attribution, or a reference to a report, study or data set, in text[start:end]."""
        return self.attribution_in(start, end) or _any_between(self._source_cue_at, start, end)

    @cached_property
    def has_named_reported_speech(self) -> bool:
        """Does the body report what a named person or organisation said ("Mr Ito said ...")?"""
        text = self.text
        for offset in self._speech_at:
            block = self.block_at(offset)
            if block is None or block.kind != "paragraph" or self.in_faq(offset):
                continue
            window = _blank_quotes(text[max(block.start, offset - 80) : min(block.end, offset + 80)])
            if _NAMED_SOURCE.search(window):
                return True
        return False

    @cached_property
    def _attributed_quote_at(self) -> list[int]:
        return [q.start for q in self.quotes if q.attributed]

    def attributed_quote_in(self, start: int, end: int) -> bool:
        return _any_between(self._attributed_quote_at, start, end)

    def link_in(self, start: int, end: int) -> bool:
        return _any_between(self._link_at, start, end)

    def prose_block_at(self, offset: int) -> Block | None:
        """The prose block (not the sources list) containing an offset."""
        block = self.block_at(offset)
        return None if block is None or self.in_sources(block.start) else block

    # --- convenience ----------------------------------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)


def _prose_left(text: str, start: int, end: int, tags: list[tuple[int, int]]) -> bool:
    """Does text[start:end] hold any letter outside the given template tags?"""
    pos = start
    for s, e in tags:
        if any(ch.isalnum() for ch in text[pos:s]):
            return True
        pos = e
    return any(ch.isalnum() for ch in text[pos:end])


def _looks_like_heading(block: str) -> bool:
    if not block or "\n" in block.strip():  # empty: a paragraph of markup only, such as "_"
        return False
    if block.startswith("#"):
        return True
    if _LIST_ITEM.match(block):
        return False
    words = len(block.split())
    if block.endswith(":") and words <= 6:
        return True
    return words <= 14 and block[-1] not in ".!,;:\"'”’)" and not _Q_MARK.match(block) and not _A_MARK.match(block)


def _line_end(text: str, pos: int, limit: int) -> int:
    end = text.find("\n", pos, limit)
    end = limit if end < 0 else end
    return len(text[pos:end].rstrip()) + pos


def _line_start_before(text: str, a_pos: int, next_marker: int, limit: int) -> int:
    if next_marker >= limit:
        return len(text[a_pos:limit].rstrip()) + a_pos
    cut = text.rfind("\n", a_pos, next_marker)
    cut = next_marker if cut < 0 else cut
    return len(text[a_pos:cut].rstrip()) + a_pos


def _join(blocks: list[Block]) -> Span | None:
    return Span(blocks[0].start, blocks[-1].end) if blocks else None


@lru_cache(maxsize=1)
def _speech_lexicon():
    from .matching import Lexicon

    return Lexicon(SPEECH_TERMS)


@lru_cache(maxsize=1)
def _source_cue_lexicon():
    from .matching import Lexicon

    return Lexicon(_SOURCE_CUE_TERMS)


_VERBS_BEFORE_NAMES = frozenset({"said", "says", "told", "added", "asked", "wrote", "according to"})


def _name_next_to(window: str, start: int, end: int) -> bool:
    """A capitalised name right before a speech verb ('"...," Okafor said') or right after
    one of the verbs that put the speaker after them ('said Okafor', 'according to the BBC')."""
    before = window[max(0, start - 60) : start].rstrip().rstrip(",").split()[-1:]
    if before and before[0][:1].isupper() and not any(mark in before[0] for mark in "\"“”"):
        return True
    if window[start:end].lower() in _VERBS_BEFORE_NAMES:
        after = window[end : end + 60].split()[:2]
        return bool(after) and (after[0][:1].isupper() or (len(after) == 2 and after[0].islower() and after[1][:1].isupper()))
    return False


def _any_between(offsets: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


def _blank_quotes(window: str) -> str:
    return re.sub(r"“[^”]*”|\"[^\"]*\"", " ", window)


def _find_quotes(text: str, blocks: list[Block], masked) -> list[tuple[int, int]]:
    """Pair quotation marks block by block.

    A quotation left open at the end of a paragraph continues when the next paragraph opens
    with a quotation mark (the convention for multi-paragraph quotes); otherwise it ends with
    its paragraph. Single quotation marks are not treated as quotations, because apostrophes
    make them ambiguous; British headline quotes in single marks are not speech attribution.
    """
    found: list[tuple[int, int]] = []
    open_at = -1
    expect = ""
    for index, block in enumerate(blocks):
        for mark in _QUOTE_MARKS.finditer(text, block.start, block.end):
            i, ch = mark.start(), mark.group()
            if masked(i, i + 1):
                continue  # inside code, a URL or a link title
            if open_at < 0:
                if ch in _OPEN_CLOSE:
                    open_at, expect = i, _OPEN_CLOSE[ch]
            elif i == block.start and ch in _OPEN_CLOSE:
                pass  # a continued multi-paragraph quotation re-opens here
            elif ch == '"' and expect == '"' and text[i - 1].isspace() and text[i + 1 : i + 2].isalnum():
                # an unclosed quotation followed by a new one ('... yet. "We want'): the mark
                # opens the next quotation, the running one ends before it
                found.append((open_at, len(text[:i].rstrip())))
                open_at = i
            elif ch in expect or (ch in _CLOSERS and expect != '"'):
                found.append((open_at, i + 1))
                open_at = -1
        if open_at >= 0:
            nxt = blocks[index + 1] if index + 1 < len(blocks) else None
            if nxt is None or text[nxt.start] not in _OPEN_CLOSE:
                found.append((open_at, block.end))
                open_at = -1
    return found
