"""The Document: one article parsed once, as character spans shared by every rule.

Everything here is a (start, end) character offset into ``Document.text``, the text exactly as
read (after a UTF-8 byte-order mark). Costly layers (sentences, word counts) are
computed on first use only, so a run whose rules do not need them never pays for them.

A Document composes one layer per module, each reading the others through the Document:

- structure.py: front matter, blocks, the mask of markup, headline, sources section;
- links.py: links in the prose and the front matter's source URLs;
- quotes.py: quotations and attribution (speech verbs, named speakers, source cues);
- faq.py: the FAQ section and its items.

Words, sentences and the genre are kept here. The Document's attributes and methods are the
one interface rules use; the names below are re-exported so that they import from here too.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from operator import attrgetter

from .faq import Faq, FaqItem
from .lines import LineIndex
from .links import SOURCE_KEYS, Link, Links, link_kind, url_is_specific
from .quotes import SPEECH_TERMS, Quote, Quotes
from .spans import Block, Section, Span, count_words
from .structure import HTML_SUFFIXES, MARKDOWN_SUFFIXES, Structure, markup_for

_start = attrgetter("start")

__all__ = [
    "Document", "Span", "Block", "Section", "Quote", "Link", "FaqItem", "markup_for", "link_kind",
    "url_is_specific", "MARKDOWN_SUFFIXES", "HTML_SUFFIXES", "SOURCE_KEYS", "SPEECH_TERMS",
]


class Document:
    """An article: text plus the structure every rule reads."""

    def __init__(self, text: str, path: str = "<text>", markup: str | None = None, genre: str | None = None) -> None:
        self.text = text
        self.path = path
        #: set by the configuration for this path; else found from the front matter or the text
        self._genre = genre
        #: "markdown" or "text"; by default from the file name (.md, .markdown are Markdown)
        self.markup = markup or markup_for(path)
        self._block_sentences: dict[int, list[Span]] = {}
        self._reported: dict[int, bool] = {}  # sentence start -> reports named speech
        #: what a layer could not read in full (e.g. more quotations than it reads), for the run to warn
        self.warnings: list[str] = []
        # The layers. Only the structure is parsed now; the others compute on first use.
        self._structure = structure = Structure(self)
        self._links = Links(self)
        self._quotes = Quotes(self)
        self._faq = Faq(self)
        self.front_matter: dict = structure.front_matter
        self.body_start: int = structure.body_start
        self.blocks: list[Block] = structure.blocks

    # --- structure (structure.py) -------------------------------------------------------------

    def is_masked(self, start: int, end: int) -> bool:
        """Does text[start:end] overlap markup that is not prose (code, URLs, HTML tags)?"""
        return self._structure.is_masked(start, end)

    @cached_property
    def headline(self) -> Span | None:
        """The first block when it is a heading, else the front matter's title value."""
        return self._structure.headline

    @cached_property
    def sources_section(self) -> Section | None:
        return self._structure.sources_section

    def in_sources(self, offset: int) -> bool:
        return self._structure.in_sources(offset)

    @cached_property
    def prose_blocks(self) -> list[Block]:
        """Blocks written as prose (not the sources list)."""
        return self._structure.prose_blocks

    @cached_property
    def prose_block_starts(self) -> list[int]:
        """Start offsets of ``prose_blocks``, for bisection."""
        return [b.start for b in self.prose_blocks]

    @cached_property
    def body_blocks(self) -> list[Block]:
        """Paragraphs of the story itself: prose outside the headline, FAQ and sources."""
        return self._structure.body_blocks

    def block_at(self, offset: int) -> Block | None:
        return self._structure.block_at(offset)

    def block_index(self, block: Block) -> int:
        return self._structure.block_index(block)

    def prose_block_at(self, offset: int) -> Block | None:
        """The prose block (not the sources list) containing an offset."""
        return self._structure.prose_block_at(offset)

    def next_block_after(self, offset: int) -> Block | None:
        """The first block that starts at or after an offset."""
        return self._structure.next_block_after(offset)

    def in_code(self, offset: int) -> bool:
        """Is the offset inside code: a code block, inline code, a template tag or raw region?"""
        return self._structure.in_code(offset)

    def in_front_matter(self, offset: int) -> bool:
        return offset < self.body_start

    @cached_property
    def prose_start(self) -> int:
        """Where prose may begin: the body, or the front matter's title or summary above it."""
        return min(self.body_start, self.blocks[0].start) if self.blocks else self.body_start

    # --- genre (genre.py) ---------------------------------------------------------------------

    @cached_property
    def genre(self) -> str:
        """What kind of piece this is: news, opinion, guide, review, list or announcement
        (see ``genre.py``)."""
        from .genre import detect

        return self._genre or detect(self)

    # --- FAQ (faq.py) -------------------------------------------------------------------------

    @cached_property
    def faq_items(self) -> list[FaqItem]:
        return self._faq.items

    @cached_property
    def faq_span(self) -> Span | None:
        return self._faq.span

    def in_faq(self, offset: int) -> bool:
        return self._faq.contains(offset)

    # --- links (links.py) ---------------------------------------------------------------------

    @cached_property
    def links(self) -> list[Link]:
        return self._links.links

    @cached_property
    def source_links(self) -> list[Link]:
        """Links that can stand behind a claim (not e-mail addresses or same-page anchors)."""
        return self._links.source_links

    def link_in(self, start: int, end: int) -> bool:
        return self._links.link_in(start, end)

    def specific_link_in(self, start: int, end: int) -> bool:
        return self._links.specific_link_in(start, end)

    # --- quotations and attribution (quotes.py) -----------------------------------------------

    @cached_property
    def quotes(self) -> list[Quote]:
        """Direct quotations, with multi-paragraph quotes joined and attribution decided."""
        return self._quotes.quotes

    def in_quote(self, offset: int) -> bool:
        return self._quotes.in_quote(offset)

    def in_block_quote(self, offset: int) -> bool:
        """Is the offset inside a Markdown block quote ("> ..."), text the writer quotes (an
        excerpt of a report, a reader's letter)? Callouts ("> **Note:** ...") are not."""
        return self._structure.in_block_quote(offset)

    @property
    def has_block_quotes(self) -> bool:
        return bool(self._structure.block_quotes)

    def attribution_in(self, start: int, end: int) -> bool:
        """Does text[start:end] attribute something to a source (a speech verb, "according to")?"""
        return self._quotes.attribution_in(start, end)

    def in_reported_speech(self, offset: int) -> bool:
        """Is the offset in a sentence that reports what someone said ("Mr Ito said the plan was
        bold")? Its words are the speaker's, as in a quotation."""
        sentence = self.sentence_at(offset)
        if sentence is None:
            return False
        known = self._reported.get(sentence.start)
        if known is None:  # once per sentence, not once per word asked about in it
            known = self._reported[sentence.start] = self._quotes.reports_named_speech(sentence.start, sentence.end)
        return known

    def source_cue_in(self, start: int, end: int) -> bool:
        """Attribution, or a reference to a report, study or data set, in text[start:end]."""
        return self._quotes.source_cue_in(start, end)

    def attributed_quote_in(self, start: int, end: int) -> bool:
        return self._quotes.attributed_quote_in(start, end)

    @property
    def quote_tag_names_source(self) -> bool:
        """Does a quotation shortcode name who it quotes (``cite="Ana Ruiz"``)?"""
        return self._quotes.quote_tag_names_source

    @cached_property
    def has_named_reported_speech(self) -> bool:
        """Does the body report what a named person or organisation said ("Mr Ito said ...")?"""
        return self._quotes.has_named_reported_speech

    # --- words and sentences ------------------------------------------------------------------

    @cached_property
    def word_count(self) -> int:
        """Words of the prose, markup left out: a link's address, an HTML tag, code or a template
        tag is not words of the article (a post of many links counted each address's parts)."""
        unmasked_text = self._structure.unmasked_text
        return sum(count_words(unmasked_text(b.start, b.end)) for b in self.prose_blocks)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences of every prose block (the rule of spaCy's sentencizer, sentences.py), in
        text order."""
        from .sentences import split_sentences

        return split_sentences(self.text, self.prose_blocks)

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence containing an offset. Only that paragraph is split, unless all are."""
        block = self.block_at(offset)
        if block is None:
            return None
        sentences = self.sentences_of(block)
        # sentences are in text order and do not overlap: a bisection, not a scan of the block's
        # sentences per question (quadratic in a paragraph of thousands of them)
        i = bisect.bisect_right(sentences, offset, key=_start) - 1
        if i >= 0 and sentences[i].start <= offset < sentences[i].end:
            return sentences[i]
        return None

    def sentences_of(self, block: Block) -> list[Span]:
        """The sentences of one block, split once."""
        sentences = self._block_sentences.get(block.start)
        if sentences is None:
            if "sentences" in self.__dict__:
                every = self.sentences
                lo = bisect.bisect_left(every, block.start, key=_start)
                hi = bisect.bisect_left(every, block.end, key=_start)
                sentences = every[lo:hi]
            else:
                from .sentences import split_sentences

                sentences = split_sentences(self.text, [block])
            self._block_sentences[block.start] = sentences
        return sentences

    @cached_property
    def _newlines(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    def line_start(self, offset: int) -> int:
        """Offset of the start of the line holding text[offset] (after the last "\\n" before it),
        found by bisection: a search back from each sentence or quotation to its line's start
        was quadratic in a one-line paragraph."""
        newlines = self._newlines
        i = bisect.bisect_left(newlines, offset)
        return newlines[i - 1] + 1 if i else 0

    # --- convenience --------------------------------------------------------------------------

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)
