"""The quotes layer of a Document: direct quotations and who they, and other claims, come from.

``Quotes`` pairs quotation marks block by block (``_find_quotes``) and decides for each
``Quote`` whether a speech verb attributes it, and to a named speaker. It also answers where
the body attributes or sources anything: ``attribution_in`` (a speech verb from
``SPEECH_TERMS`` with a subject that is not vague), ``source_cue_in`` (that, or "a report by",
"data from"), ``attributed_quote_in`` and ``has_named_reported_speech``. Every part is
computed on first use: a run whose rules read no quotations never pairs them.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .lazyre import lazy_compile
from .matching import Lexicon
from .spans import Block, Span, _any_between, count_words

if TYPE_CHECKING:
    from .document import Document


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """A direct quotation, from its opening mark to its closing mark (inclusive)."""

    words: int
    attributed: bool = False
    named: bool = False


# Quotation marks: openers and the closer each one expects.
_OPEN_CLOSE = {"“": "”", '"': '"', "„": "“”", "«": "»"}
_CLOSERS = {"”", "»"}
# a mark, or an entity for one; a lone "&" matches too and is passed over: the pattern starts
# with a character class, which Python's engine skips ahead to (an alternation is tried at every
# offset, three times slower)
_QUOTE_MARKS = lazy_compile("[“”\"„«»&](?:(?<=&)(?:#822[01]|[lr]dquo);)?")
# Curly quotation marks written as HTML entities, as in posts imported from WordPress.
_ENTITIES = {"&#8220;": "“", "&ldquo;": "“", "&#8221;": "”", "&rdquo;": "”"}
#: Any HTML character entity ("&#8217;", "&amp;"): not a word of a quotation.
HTML_ENTITY = lazy_compile(r"&#?\w+;")
# Where a straight mark that opens no quotation can stand: right after a word or punctuation
# and before a space or the end of the paragraph ('... fight," says Mr Major'), it closes one.
_OPENS_AFTER = frozenset(" \t\n([{—–-/*_>")

#: How far (in characters) from a quotation its attribution is looked for, on each side, within
#: its paragraph: beyond any paragraph of the development corpora (at most about 3,100), and a
#: bound on the work per quotation.
ATTRIBUTION_REACH = 4000
#: Quotations read per article. A novel of 10 MiB holds about a hundred thousand; an article of
#: one-word quotations ('"a "a "a ...') millions, each an object with its attribution decided:
#: 10 MiB of them took 30 s and 940 MB. Past the limit, the rest of the text is read without
#: quotations, and the run warns that it was.
MAX_QUOTATIONS = 500_000
# What may stand between the start of a paragraph and a quotation that opens it.
_ONLY_MARKUP = lazy_compile(r"[ \t*_>-]*")
_ONLY_SPACE_MARKUP = lazy_compile(r"[ \t\n>*_]*")

#: Words that attribute what follows or precedes them to a speaker or a document.
SPEECH_TERMS = (
    "said says say saying told tells tell added adds explained explains stated states wrote writes "
    "asked asks insisted insists warned warns argued argues claimed claims noted notes announced "
    "announces declared declares replied replies responded commented comments continued concluded "
    "admitted admits acknowledged recalled suggested suggests urged urges confirmed confirms "
    "described describes called calls quoted tweeted posted predicted predicts revealed reveals "
    "spoke speaking thanked "
    "complained joked remarked observed stressed stresses emphasised emphasized believes thinks "
    "feels reckons hopes conceded interview remarks remarked asking praises praised reported reports "
    "spokesman spokeswoman spokesperson "
    # attribution verbs of news copy besides "said": who accused, vowed or branded something
    "accused accuses accusing declaring specified specifies trumpeted trumpeting vowed vows vowing "
    "pledged pledges promised promises demanded demands hailed hails condemned condemns "
    "criticised criticized criticises criticizes branded brands dubbed labelled labeled insisting "
    "arguing claiming adding explaining noting describing telling stating writing telling urging"
).split() + ["according to", "pointed out", "points out", "pointing out", "went on", "in a statement",
             "told reporters", "called for", "calls for"]
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
_NAMED_SPEAKER = lazy_compile(
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


#: Auxiliaries between a subject and its speech verb ("some scholars have suggested", "critics
#: had long argued"): passed over to find the subject.
_AUXILIARIES = frozenset("have has had would will may might could can do does did also long once still".split())


def _after_name(text: str, at: int) -> bool:
    """Does a capitalised word stand right before ``at``, in the same sentence ("United" in
    "the United States")?"""
    before = text[max(0, at - 40) : at]
    if not before.endswith(" "):
        return False
    word = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
    return word[:1].isupper() and word[-1:].isalpha()


#: Speech verbs that are also plural nouns ("insurance claims", "the reports", "phone calls"),
#: and the words that make them nouns when they stand right before them.
_NOUN_FORMS = frozenset("claims reports notes comments calls states replies statements".split())
_NOUN_BEFORE = frozenset(
    "the a an these those this that his her their its our your my such many some several any no all both "
    "few more most other".split())
#: "called" naming something ("a lake is called", "so-called", "also called"), not speech.
_NAMING_BEFORE = frozenset("is was are were be been being also often sometimes commonly now formerly".split())


def _not_a_speech_verb(text: str, start: int, end: int) -> bool:
    """Is the speech verb's word at text[start:end] a noun ("the claims") or "called" naming a
    thing ("is called", "so-called")?"""
    word = text[start:end].lower()
    if word not in _NOUN_FORMS and word != "called":
        return False
    before = text[max(0, start - 20) : start]
    if word == "called" and before.endswith("so-"):
        return True
    previous = before.rsplit(None, 1)[-1].lower() if before.strip() and before[-1:].isspace() else ""
    if word == "called":
        return previous in _NAMING_BEFORE or _noun_called_name(text, start, end)
    return previous in _NOUN_BEFORE or previous[:1].isdigit()


# indefinite: "a lake called Loch Ard" names a new thing; "the minister called Loch Ard a
# disgrace" is a known speaker calling something
_DETERMINERS = frozenset("a an another".split())
_NOT_NOUNS = frozenset("it he she they we who which that and or but also then later once".split())


def _noun_called_name(text: str, start: int, end: int) -> bool:
    """Is "called" naming a thing, a common noun then a name ("a lake called Loch Ard", "an
    app called Ferryfinder")? A speaker calls something ("the minister called the plan ...",
    "Mr Ito called it ..."): a lower-case word after "called", a name or "the" before it."""
    after = text[end : end + 2].lstrip(" \t")
    if not after[:1].isupper():
        return False
    words = text[max(0, start - 40) : start].split()[-3:]
    if len(words) < 2 or not words[-1].isalpha() or not words[-1].islower() or words[-1] in _NOT_NOUNS:
        return False
    # "a lake called", "a small lake called": a determiner one or two words before the noun
    return words[-2].lower() in _DETERMINERS or (len(words) == 3 and words[-3].lower() in _DETERMINERS
                                                  and words[-2].isalpha() and words[-2].islower())


_BE = frozenset("is are was were be been being".split())
_BY_AGENT = lazy_compile(r"[ \t]+(?:[\w'’-]+[ \t]+){0,2}?by\b", re.I)


def _agentless_passive(text: str, start: int, end: int) -> bool:
    """Is the speech verb a passive with no one doing it ("are said to be", "was reported")?
    With its agent after it ("was described by Charles Spencer as") it names a source."""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in _BE and not _BY_AGENT.match(text, end, end + 40)


def _in_paragraph(doc, at: int) -> bool:
    block = doc.block_at(at)
    return block is not None and block.kind == "paragraph"


def _vague_subject(before: str) -> bool:
    words = before.lower().replace(",", " ").split()[-5:]
    while len(words) > 1 and words[-1] in _AUXILIARIES:
        words.pop()
    words = words[-3:]
    if not words:
        return False
    if words[-1] in _VAGUE_WORDS or (len(words) >= 2 and words[-2] in _VAGUE_WORDS):
        return True
    pairs = list(zip(words, words[1:]))
    return bool(pairs) and (pairs[-1] in _VAGUE_PAIRS or (len(pairs) >= 2 and pairs[-2] in _VAGUE_PAIRS))
# A named source near a speech verb: "Mr Ito", "Michael Moran", "said Acme", "the Treasury".
#: Capitalised words that are not names of people or organisations: days, months, nationalities
#: and regions, and words capitalised at the start of a clause or in titles.
NOT_NAMES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Christmas Easter British English Scottish Welsh Irish "
    "Northern Southern Eastern Western North South East West American European African Asian Chinese "
    "Japanese Indian French German Italian Spanish Russian Australian Canadian Arab Muslim Christian "
    "Jewish Catholic Protestant Labour Tory Tories Conservative Democrat Democrats Republican Republicans "
    "The This That These Those There Their They It Its He She We I But And Or So Yet If When While "
    "However Meanwhile Also Last Next New".split()
)


def _bare(word: str) -> str:
    """A word without surrounding punctuation or a possessive: "Friday's," -> "Friday"."""
    word = word.strip(".,;:!?()[]")
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _names(pattern: re.Pattern, window: str) -> bool:
    """Does the window hold a name by ``pattern`` that is not a day, a month, a nationality?"""
    return any(m.group().split()[0] not in NOT_NAMES for m in pattern.finditer(window))


_NAMED_SOURCE = lazy_compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady)\b\.? ?[A-Z]|\b[A-Z][a-z]+ [A-Z][a-z]+|(?<=[a-z,;] )[A-Z][\w&-]+"
)


#: who a quotation shortcode credits: ``cite="..."``, ``author='...'``, ``attribution=...``
_TAG_CREDIT = lazy_compile(r"""\b(?:cite|author|attribution|source|speaker|by)\s*=\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”)""")


# Reporting verbs of indirect speech and thought, and who may stand before or after them.
_REPORTING = lazy_compile(
    r"\b(?:said|says|told|tells|added|adds|explained|explains|argued|argues|insisted|insists|warned|warns|"
    r"stated|wrote|writes|believes|believed|thinks|thought|reckons|noted|acknowledged|admitted|"
    r"maintained|maintains|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underlines|"
    r"[Aa]ccording to)\b(?! by\b)")
_REPORTER_BEFORE = lazy_compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady)\b\.? ?[A-Z][\w'’-]*|\b(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)|"
    r"\b[Tt]he\s+(?:company|firm|group|bank|government|ministry|department|agency|council|club|police|court|"
    r"report|study|survey|statement|spokesman|spokeswoman|spokesperson|chairman|chief executive)|"
    r"(?<![.!?]\s)(?<!^)\b[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+)*)(?:,[^,]{1,60},)?\s+(?:also\s+|has\s+|had\s+|have\s+|then\s+)?$")
_ROLES = (r"(?:chairman|chairwoman|chair|chief executive|spokesman|spokeswoman|spokesperson|director|president|"
          r"minister|secretary|manager|head|leader|founder|owner|coach|captain|lawyer|mayor|governor)\b")
_REPORTER_AFTER = lazy_compile(
    r"\s*(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Lord|Lady)\b|(?:the\s+)?[A-Z][\w&'’-]+|he\b|she\b|they\b|"
    r"(?:the|its|their|his|her)\s+" + _ROLES + ")")


# A sentence that opens with its speaker's name ("Moloney said ...", "Laura Diaz also said ...").
_OPENING_NAME = lazy_compile(r"[\s\"“'*_(]*([A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3}\s+(?:also\s+|then\s+|has\s+|had\s+)?")
#: Groups named at the head of a sentence ("Officials said", "Residents believe"): no one in particular.
_GROUPS = frozenset(
    "officials analysts residents critics experts observers sources witnesses police people campaigners "
    "scientists researchers economists commentators insiders reports studies many some others fans users "
    "staff workers locals parents teachers doctors".split())


def _opening_name(before: str) -> bool:
    m = _OPENING_NAME.fullmatch(before)
    return m is not None and m.group(1) not in NOT_NAMES and m.group(1).lower() not in _GROUPS


class Quotes:
    """Quotations and attribution of a document, computed on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._colon_blocks: dict[int, bool] = {}
        self._verb_table: tuple[list[int], list[int]] | None = None
        self._name_spans: dict[int, tuple[list[int], list[int]]] = {}
        self._newlines: dict[int, int] = {}
        self._leads: dict[int, tuple[bool, bool]] = {}

    @cached_property
    def quotes(self) -> list[Quote]:
        """Direct quotations, with multi-paragraph quotes joined and attribution decided."""
        doc = self.doc
        raw = _find_quotes(doc.text, doc.prose_blocks, doc.is_masked, MAX_QUOTATIONS + 1)
        if len(raw) > MAX_QUOTATIONS:
            line = doc.text.count("\n", 0, raw[MAX_QUOTATIONS][0]) + 1
            del raw[MAX_QUOTATIONS:]
            doc.warnings.append(f"{doc.path}: more than {MAX_QUOTATIONS:,} quotations; from line {line} on, "
                                "the text is read without quotations (it does not look like an article)")
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
        doc = self.doc
        first, second = doc.block_at(a), doc.block_at(b)
        if first is None or second is None:
            return False
        return doc.block_index(second) - doc.block_index(first) <= 1

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self.quotes[i].end

    def _attribute(self, start: int, end: int, quoted) -> Quote:
        doc = self.doc
        text = doc.text
        span = text[start:end]
        words = count_words(HTML_ENTITY.sub(" ", span) if "&" in span else span)
        block = doc.block_at(start)
        if block is None:
            return Quote(start, end, words)
        # The attribution window: the paragraph(s) the quotation sits in, outside quotations,
        # plus the previous paragraph when it introduces the quote with ":". Each side reaches
        # at most ATTRIBUTION_REACH characters from the quotation, so a paragraph of thousands
        # of quotations costs linear time (each used to rescan its whole paragraph).
        last = block if end <= block.end else doc.block_at(end - 1) or block
        near = max(block.start, start - ATTRIBUTION_REACH)
        ranges = [(near, start), (end, min(last.end, end + ATTRIBUTION_REACH))]
        index = doc.block_index(block)
        if index > 0 and self._ends_with_colon(index - 1):
            previous = doc.blocks[index - 1]
            ranges.append((max(previous.start, previous.end - ATTRIBUTION_REACH), previous.end))
        usable, named_verbs = self._verb_counts(quoted)
        verbs = named_verb = 0  # speech verbs (outside quotations) in the window; those next to a name
        if usable[-1]:  # any in the article at all
            for lo, hi in ranges:
                first, stop = self._verbs_within(lo, hi)
                verbs += usable[stop] - usable[first]
                named_verb += named_verbs[stop] - named_verbs[first]
        if not verbs:
            # a speaker label: 'Sir Alex Ferguson: "It was ..."', '**Ann Lee:** "..."',
            # '"..." — **Ann Lee**' (interviews, testimonials, match reports)
            if _label_before(text, near, start) or _LABEL_AFTER.match(text, end, last.end):
                return Quote(start, end, words, True, True)
            # a block quotation signed in the next block ('> "..."' then '> — Susan Goltsman')
            after_last = doc.block_index(last) + 1
            nxt = doc.blocks[after_last] if after_last < len(doc.blocks) else None
            if nxt is not None and _ONLY_SPACE_MARKUP.fullmatch(text, end, last.end) and _SIGNATURE.match(text, nxt.start, nxt.end):
                return Quote(start, end, words, True, True)
            # ... or signed on the last line of its own block, a testimonial's '> — Ana Ruiz'
            sign = self._last_newline(last) + 1
            if sign > end and _SIGNATURE.match(text, sign, last.end) and len(text[sign:last.end].split()) <= 8:
                return Quote(start, end, words, True, True)
            # a paragraph that opens with the quotation, after a paragraph that reports a named
            # speaker ("Mr Gates said the firm would grow." then '"We are hiring," ...'): the
            # speaker goes on
            opens_block = _ONLY_MARKUP.fullmatch(text, block.start, start) is not None
            if index > 0 and opens_block and self._names_a_speaker(doc.blocks[index - 1], quoted):
                return Quote(start, end, words, True, True)
            # an interview answer under a bold label ('**LA:** My team had been "stalking" ...')
            # or a quotation that a clause naming its speaker introduces with a colon
            # ('For Henry Reichhold, this is progress: "..."')
            field_label, profile_lead = self._block_leads(index)
            if field_label or self._introduced_by_name(near, start):
                return Quote(start, end, words, True, True)
            # a profile paragraph that opens with its subject's name in bold ('**Alec Park**, who
            # runs the census apps, ... "We want an app that is quick."'): the quotations are theirs
            if profile_lead:
                return Quote(start, end, words, True, True)
            # a paragraph that introduces the quotation with ":" and links where it is from ('From
            # the [official announcement](...):' then '> "..."'): words quoted from a document
            if index > 0 and self._ends_with_colon(index - 1):
                previous = doc.blocks[index - 1]
                if doc.link_in(previous.start, previous.end):
                    return Quote(start, end, words, True, False)
            # an interview's answer under the question ("## 4. Any plans for an app?" then '"No, ..."')
            if (index > 0 and doc.blocks[index - 1].kind == "heading" and opens_block
                    and text[doc.blocks[index - 1].start : doc.blocks[index - 1].end].rstrip(" *_#").endswith("?")):
                return Quote(start, end, words, True, False)
            # words quoted from a document: cited by page ('"..." (p. 15)'), quoted from a linked
            # page in the same sentence ('[defined](https://...) as "..."'), or introduced as a
            # motto, a title or a definition
            if (_PAGE_CITE.match(text, end) or self._link_cites(near, start) or _link_text(text, start, end)
                    or (self._quote_cues
                        and any(not quoted(s) for lo, hi in ranges for s, _ in self._quote_cues_in(lo, hi)))):
                return Quote(start, end, words, True, False)
            return Quote(start, end, words)
        if named_verb:
            return Quote(start, end, words, True, True)
        if len(ranges) > 2 or last is not block:
            # a window over two paragraphs: judged on its own text (rare, and bounded by the reach)
            window = _blank_quotes(" ".join(text[lo:hi] for lo, hi in sorted(ranges)))
            return Quote(start, end, words, True, _names(_NAMED_SPEAKER, window))
        starts, ends = self._speaker_names(index)
        named = any(_any_within(starts, ends, lo, hi) for lo, hi in ranges)
        return Quote(start, end, words, True, named)

    def _block_leads(self, index: int) -> tuple[bool, bool]:
        """Does block ``index`` open with a bold field label ('**LA:**'), with a bold name and a
        comma (a profile)? Once per block, not once per quotation in it."""
        cache = self._leads
        if index not in cache:
            start = self.doc.blocks[index].start
            text = self.doc.text
            cache[index] = (FIELD_LABEL.match(text, start) is not None, _PROFILE_LEAD.match(text, start) is not None)
        return cache[index]

    def _last_newline(self, block) -> int:
        """Offset of the last line break inside ``block`` (-1: none), found once per block: a
        search from each quotation to its block's end was quadratic in a one-line paragraph."""
        cache = self._newlines
        if block.start not in cache:
            cache[block.start] = self.doc.text.rfind("\n", block.start, block.end)
        return cache[block.start]

    def _speaker_names(self, index: int) -> tuple[list[int], list[int]]:
        """Starts and ends of the names ("Mr", "Okafor", "she") that block ``index`` holds outside
        its quotations, found once per block: a quotation's window is then a bisection, not a
        scan of up to 2 x ATTRIBUTION_REACH characters per quotation."""
        cache = self._name_spans
        if index not in cache:
            block = self.doc.blocks[index]
            cache[index] = _name_spans(self.doc.text, block.start, block.end)
        return cache[index]

    def _verbs_within(self, lo: int, hi: int) -> tuple[int, int]:
        """Indexes [first, stop) of the speech verbs lying within text[lo:hi]. The verbs do not
        overlap, so their ends are sorted as their starts are."""
        first = bisect.bisect_left(self._speech_span_starts, lo)
        stop = min(bisect.bisect_left(self._speech_span_starts, hi), bisect.bisect_right(self._speech_span_ends, hi))
        return first, max(first, stop)

    @cached_property
    def _speech_span_ends(self) -> list[int]:
        return [end for _, end in self._speech_spans]

    def _verb_counts(self, quoted) -> tuple[list[int], list[int]]:
        """Running counts over the speech verbs: of those outside quotations, and of those that
        also stand next to a name ("Okafor said", "said Okafor"). Each verb is judged once, not
        once per quotation near it."""
        if self._verb_table is None:
            text = self.doc.text
            usable, named = [0], [0]
            for s, e in self._speech_spans:
                ok = not quoted(s)
                usable.append(usable[-1] + ok)
                named.append(named[-1] + (ok and _name_next_to(text, s, e)))
            self._verb_table = (usable, named)
        return self._verb_table

    def _introduced_by_name(self, block_start: int, start: int) -> bool:
        """Is the quotation at ``start`` introduced by a colon ending a clause that names someone?"""
        text = self.doc.text
        colon, lo = start, max(block_start, start - 3)
        while colon > lo and text[colon - 1] in " \t*_":
            colon -= 1
        colon -= 1
        if colon < block_start or text[colon] != ":":
            return False
        clause = _blank_quotes(text[self._clause_start(block_start, colon) : colon])
        return _names(_NAMED_SOURCE, clause) or _label_before(text, block_start, colon + 1)

    @cached_property
    def _clause_ends(self) -> list[int]:
        """Offsets of every ". " and "? " in the text, found once."""
        return [m.start() for m in _CLAUSE_END.finditer(self.doc.text)]

    def _clause_start(self, lo: int, hi: int) -> int:
        """Where the sentence holding text[hi] starts, not before ``lo``: at the last ". " or
        "? " that lies within text[lo:hi] (a search back from each quotation was a tenth of the
        time of a paragraph of quotations with no sentence end)."""
        ends = self._clause_ends
        i = bisect.bisect_right(ends, hi - 2) - 1
        return ends[i] if i >= 0 and ends[i] >= lo else lo

    def _link_cites(self, lo: int, start: int) -> bool:
        """Does a link earlier in the quotation's sentence (not before ``lo``) cite the page the
        words come from?"""
        return self.doc.link_in(self._clause_start(lo, start), start)

    def _ends_with_colon(self, index: int) -> bool:
        """Does block ``index`` end with ":" (introducing what follows)? Once per block."""
        cache = self._colon_blocks
        if index not in cache:
            block = self.doc.blocks[index]
            cache[index] = self.doc.text[block.start : block.end].rstrip().endswith(":")
        return cache[index]

    def _names_a_speaker(self, block, quoted) -> bool:
        """Does a paragraph (outside its quotations) report what a named speaker said?"""
        if block.kind != "paragraph":
            return False
        text = self.doc.text
        starts = self._speech_span_starts
        for s, e in self._speech_spans[bisect.bisect_left(starts, block.start) : bisect.bisect_left(starts, block.end)]:
            if e <= block.end and not quoted(s) and not _vague_subject(text[max(block.start, s - 40) : s]):
                if _name_next_to(text, s, e) or _names(_NAMED_SOURCE, _blank_quotes(text[max(block.start, s - 80) : s])):
                    return True
        # no speech verb, but the paragraph ends on a named person, who the quotation then
        # speaks for ("On this subject, Morris appears almost evangelical." then '"I was ..."')
        end = len(text[block.start : block.end].rstrip()) + block.start
        return _names(_NAMED_SOURCE, _blank_quotes(text[self._clause_start(block.start, end - 1) : end]))

    @cached_property
    def _quote_cues(self) -> list[tuple[int, int]]:
        """Spans of every quote cue ("titled", "put it") in the body, found once."""
        return list(_QUOTE_CUE_LEXICON.finditer(self.doc.text, self.doc.body_start))

    @cached_property
    def _quote_cue_starts(self) -> list[int]:
        return [start for start, _ in self._quote_cues]

    def _quote_cues_in(self, lo: int, hi: int):
        """The quote cues that lie within text[lo:hi]."""
        cues = self._quote_cues
        for i in range(bisect.bisect_left(self._quote_cue_starts, lo), len(cues)):
            start, end = cues[i]
            if start >= hi:
                return
            if end <= hi:
                yield start, end

    @cached_property
    def _speech_spans(self) -> list[tuple[int, int]]:
        """Spans of every speech verb ("said", "according to") in the body, but for a verb's
        word inside a name ("the United States", "Consumer Reports"): capitalised after a
        capitalised word, mid-sentence, in a paragraph (a headline's title case is not a name)."""
        doc = self.doc
        text = doc.text
        return [(s, e) for s, e in _SPEECH_LEXICON.finditer(text, doc.body_start)
                if not (text[s].isupper() and _after_name(text, s) and _in_paragraph(doc, s))
                and not _not_a_speech_verb(text, s, e)]

    @cached_property
    def _speech_span_starts(self) -> list[int]:
        return [start for start, _ in self._speech_spans]

    def _front_matter_cues(self, lexicon) -> list[int]:
        """Starts of a lexicon's terms in the front matter's title and summary (which are prose,
        and may give their own source: "..., says the ONS")."""
        doc = self.doc
        return [start for b in doc.prose_blocks if b.start < doc.body_start
                for start, _ in lexicon.finditer(doc.text, b.start, b.end)]

    @cached_property
    def _speech_at(self) -> list[int]:
        """Offsets of speech verbs that name a source: "experts say" and "it is said" do not."""
        text = self.doc.text
        body = [s for s, e in self._speech_spans if not _agentless_passive(text, s, e)]
        starts = self._front_matter_cues(_SPEECH_LEXICON) + body
        return [start for start in starts if not _vague_subject(text[max(0, start - 40) : start])]

    @cached_property
    def _source_cue_at(self) -> list[int]:
        lexicon = _SOURCE_CUE_LEXICON
        return self._front_matter_cues(lexicon) + [
            start for start, _ in lexicon.finditer(self.doc.text, self.doc.body_start)]

    def attribution_in(self, start: int, end: int) -> bool:
        """Does text[start:end] attribute something to a source (a speech verb, "according to")?"""
        return _any_between(self._speech_at, start, end)

    def source_cue_in(self, start: int, end: int) -> bool:
        """Attribution, or a reference to a report, study or data set, in text[start:end]."""
        return self.attribution_in(start, end) or _any_between(self._source_cue_at, start, end)

    @cached_property
    def quote_tag_names_source(self) -> bool:
        """Does a quotation shortcode or template tag say who is quoted, by name
        (``{{< quote-block text="..." cite="Captain Ana Ruiz" >}}``)? Its text is markup to
        newslint, but the story does quote a named source."""
        from .structure import template_spans

        doc = self.doc
        text = doc.text
        if "{{" not in text and "{%" not in text:
            return False
        for start, end in template_spans(text, doc.body_start, len(text)):
            if "quot" not in text[start : min(end, start + 40)].lower():  # the tag's name: quote, blockquote, ...
                continue
            for m in _TAG_CREDIT.finditer(text, start, end):
                if _names(_NAMED_SOURCE, next(g for g in m.groups() if g is not None)):
                    return True
        return False

    @cached_property
    def has_named_reported_speech(self) -> bool:
        """Does the body report what a named person or organisation said ("Mr Ito said ...")?"""
        doc = self.doc
        text = doc.text
        for offset in self._speech_at:
            block = doc.block_at(offset)
            if block is None or block.kind != "paragraph" or doc.in_faq(offset):
                continue
            window = _blank_quotes(text[max(block.start, offset - 80) : min(block.end, offset + 80)])
            if _names(_NAMED_SOURCE, window):
                return True
        return False

    def reports_named_speech(self, start: int, end: int) -> bool:
        """Does text[start:end] (a sentence) report what a named source said or thinks: a
        reporting verb next to a name or a personal pronoun ("Mr Ito said", "said Acme", "she
        believes", "according to the Treasury")? A vague subject ("experts say") is no source."""
        text = self.doc.text
        for m in _REPORTING.finditer(text, start, end):
            before = text[max(start, m.start() - 40) : m.start()]
            if _vague_subject(before):
                continue
            after = text[m.end() : min(end, m.end() + 40)]
            if _REPORTER_BEFORE.search(before) or _REPORTER_AFTER.match(after) or _opening_name(before):
                return True
        return False

    @cached_property
    def _attributed_quote_at(self) -> list[int]:
        return [q.start for q in self.quotes if q.attributed]

    def attributed_quote_in(self, start: int, end: int) -> bool:
        return _any_between(self._attributed_quote_at, start, end)


# made at import (cheap: the keys only), so the automaton all lexicons share has them from the start
_SPEECH_LEXICON = Lexicon(SPEECH_TERMS)


#: Words that tell where a quotation comes from when it is not speech: a motto, a title, a
#: definition, a sign, a quotation of a famous person ("a quote attributed to Jefferson").
QUOTE_CUE_TERMS = (
    "shares shared recalls recounted recounts wondered wonders reads titled entitled motto slogan "
    "tagline mantra defined defines definition concludes cites cited coined coins applauds applauded advertised "
    "cautions cautioned define feedback testimonial testimonials"
).split() + ["put it", "puts it", "attributed to", "quote by", "quote from", "quotes include", "quoting", "to quote",
             "words of", "talks about", "heard from"]


_QUOTE_CUE_LEXICON = Lexicon(QUOTE_CUE_TERMS)


_SOURCE_CUE_LEXICON = Lexicon(_SOURCE_CUE_TERMS)


# A name standing as a label right before a quotation (at the start of its paragraph), or a dash
# and a name right after it. Names: capitalised words, "Sir Alex Ferguson", "Dr Ann Lee".
_LABEL_BEFORE = lazy_compile(
    r"^[ \t>*_-]*(?:\*\*|__)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|of)){0,5}(?:\*\*|__)?"
    r"\s*(?::|—|–)\s*(?:\*\*|__)?\s*$",
    re.M,
)
#: a bold label that opens a line ("**LA:**", "**Stage:** ...", "**Ann Lee**:"): an interview's speaker or a field
FIELD_LABEL = lazy_compile(r"[ \t>]*(?:\*\*|__)[^*_\n]{1,40}?(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:)")
_SIGNATURE = lazy_compile(r"[ \t>]*(?:—|–|-{1,2}|~|&#821[12];|&[mn]dash;)[ \t]*(?:\*\*|__|_|\*)?[A-Z]")
_PAGE_CITE = lazy_compile(r"[ \t]*[,.]?[ \t]*\((?:p|pp|page|pages)\.?[ \t]*\d", re.I)
_LABEL_AFTER = lazy_compile(r"\s*(?:[,.]\s*)?(?:—|–|-{1,2}|&#821[12];|&[mn]dash;)\s*(?:\*\*|__|_|\*|\[)?(?:via\s+\w|[A-Z])[\w.'’-]*")
#: a paragraph that opens with a person's name in bold and a comma: a profile of that person
_PROFILE_LEAD = lazy_compile(r"[ \t>]*(?:\*\*|__)[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]*){1,3}(?:\*\*|__),")


_VERBS_BEFORE_NAMES = frozenset({"said", "says", "told", "added", "asked", "wrote", "according to"})


def _name_next_to(window: str, start: int, end: int) -> bool:
    """A capitalised name right before a speech verb ('"...," Okafor said') or right after
    one of the verbs that put the speaker after them ('said Okafor', 'according to the BBC')."""
    before = window[max(0, start - 60) : start].rstrip().rstrip(",").split()[-1:]
    if (before and before[0][:1].isupper() and not any(mark in before[0] for mark in "\"“”")
            and _bare(before[0]) not in NOT_NAMES):
        return True
    if window[start:end].lower() in _VERBS_BEFORE_NAMES:
        after = window[end : end + 60].split()[:2]
        name = after[0] if after and after[0][:1].isupper() else (
            after[1] if len(after) == 2 and after[0].islower() and after[1][:1].isupper() else None)
        return name is not None and _bare(name) not in NOT_NAMES
    return False


def _label_before(text: str, lo: int, hi: int) -> bool:
    """``_LABEL_BEFORE.search(text, lo, hi)``, tried only where a line starts (the only places
    its "^" matches) instead of at every offset."""
    if lo == 0 or text[lo - 1] == "\n":
        line = lo
    else:
        newline = text.find("\n", lo, hi)
        if newline < 0:
            return False
        line = newline + 1
    while True:
        if _LABEL_BEFORE.match(text, line, hi):
            return True
        newline = text.find("\n", line, hi)
        if newline < 0:
            return False
        line = newline + 1


_CLAUSE_END = lazy_compile(r"[.?] ")


def _link_text(text: str, start: int, end: int) -> bool:
    """Is the quotation the whole text of a link ('[“Ten tips for ...”](https://...)'), the
    title of the page it links to?"""
    before = text[max(0, start - 3) : start].rstrip("*_")
    after = text[end : end + 5].lstrip("*_")
    return before.endswith("[") and after.startswith("](")


_QUOTED = lazy_compile(r"“[^”]*”|\"[^\"]*\"")


def _blank_quotes(window: str) -> str:
    return _QUOTED.sub(" ", window)


def _name_spans(text: str, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Spans (as sorted starts and ends in ``text``) of the ``_NAMED_SPEAKER`` names in text[lo:hi]
    with its quotations blanked, as ``_names`` reads a window: each quotation becomes one space."""
    pieces: list[str] = []
    blank_at: list[int] = []  # offsets in the blanked text where each kept piece starts
    origin: list[int] = []  # ... and where that piece starts in ``text``
    at = lo
    length = 0
    for quoted in _QUOTED.finditer(text, lo, hi):
        blank_at.append(length)
        origin.append(at)
        pieces.append(text[at : quoted.start()])
        pieces.append(" ")
        length += quoted.start() - at + 1
        at = quoted.end()
    blank_at.append(length)
    origin.append(at)
    pieces.append(text[at:hi])
    blanked = "".join(pieces)

    def back(offset: int) -> int:  # a blanked offset inside a kept piece, in ``text``
        i = bisect.bisect_right(blank_at, offset) - 1
        return origin[i] + offset - blank_at[i]

    starts, ends = [], []
    for m in _NAMED_SPEAKER.finditer(blanked):
        if m.group().split()[0] not in NOT_NAMES:
            starts.append(back(m.start()))
            ends.append(back(m.end() - 1) + 1)
    return starts, ends


def _any_within(starts: list[int], ends: list[int], lo: int, hi: int) -> bool:
    """Does a span of (non-overlapping, sorted) ``starts``/``ends`` lie within [lo, hi)?"""
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi and ends[i] <= hi


def _find_quotes(text: str, blocks: list[Block], masked, limit: int | None = None) -> list[tuple[int, int]]:
    """Pair quotation marks block by block (the first ``limit`` quotations, if given).

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
            if limit is not None and len(found) >= limit:
                return found[:limit]
            i, after = mark.span()
            if after - i == 1 and text[i] == "&":
                continue  # an ampersand, not an entity
            ch = _ENTITIES.get(mark.group(), mark.group())
            if masked(i, i + 1):
                continue  # inside code, a URL or a link title
            if open_at < 0:
                if ch == '"' and i > block.start and text[i - 1] not in _OPENS_AFTER and (
                        after == block.end or text[after].isspace()):
                    continue  # a closing mark whose quotation opened in an earlier paragraph
                if ch in _OPEN_CLOSE:
                    open_at, expect = i, _OPEN_CLOSE[ch]
            elif i == block.start and ch in _OPEN_CLOSE:
                pass  # a continued multi-paragraph quotation re-opens here
            elif ch == '"' and expect == '"' and text[i - 1].isspace() and text[after : after + 1].isalnum():
                # an unclosed quotation followed by a new one ('... yet. "We want'): the mark
                # opens the next quotation, the running one ends before it
                stop = i
                while stop > open_at and text[stop - 1].isspace():
                    stop -= 1
                found.append((open_at, stop))
                open_at = i
            elif ch == "“" and expect == "”" and (after == block.end or not text[after].isalnum()):
                found.append((open_at, after))  # a closing quotation mark typed as an opening one
                open_at = -1
            elif ch in expect or (ch in _CLOSERS and expect != '"'):
                found.append((open_at, after))
                open_at = -1
        if open_at >= 0:
            nxt = blocks[index + 1] if index + 1 < len(blocks) else None
            if nxt is None or not (text[nxt.start] in _OPEN_CLOSE or text.startswith(("&#8220;", "&ldquo;"), nxt.start)):
                found.append((open_at, block.end))
                open_at = -1
    return found if limit is None else found[:limit]
