"""Document structure as character spans: headline, blocks, sentences, quotations and their
attribution, links, FAQ, sources section, front matter and line endings.

Every text here is written for these tests. Spans are checked exactly, by offsets into the text.
"""

import pytest

from newslint.document import Document, Link, url_is_specific
from newslint.engine import RuleSet
from newslint.rules import load_rules

MARKUPS = ["text", "markdown"]


def texts(doc, spans):
    return [doc.text[s.start : s.end] for s in spans]


def span_of(text, needle, start=0):
    """(start, end) of the first occurrence of needle in text at or after start."""
    at = text.index(needle, start)
    return at, at + len(needle)


def quote_table(doc):
    return [(doc.text[q.start : q.end], q.words, q.attributed, q.named) for q in doc.quotes]


def findings(text, path="<text>", select=()):
    result = RuleSet(load_rules(), select=select).lint_document(Document(text, path), metrics=False)
    assert not result.errors, result.errors
    return [(f.rule, f.snippet) for f in result.findings]


# --- headline and blocks ------------------------------------------------------------------------

NIGHT_BUS = """# Night buses return to the ring road

Night buses will run on the ring road again from Friday,
after a gap of two years.

The 41N leaves the station every half hour between midnight and five.
"""


def test_headline_and_paragraph_blocks_in_plain_text():
    doc = Document(NIGHT_BUS)
    assert [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("heading", "# Night buses return to the ring road"),
        ("paragraph", "Night buses will run on the ring road again from Friday,\nafter a gap of two years."),
        ("paragraph", "The 41N leaves the station every half hour between midnight and five."),
    ]
    assert (doc.headline.start, doc.headline.end) == span_of(NIGHT_BUS, "# Night buses return to the ring road")
    assert [doc.text[b.start : b.end] for b in doc.body_blocks] == [
        "Night buses will run on the ring road again from Friday,\nafter a gap of two years.",
        "The 41N leaves the station every half hour between midnight and five.",
    ]


def test_markdown_headline_excludes_the_hash_marker():
    doc = Document(NIGHT_BUS, "buses.md")
    assert doc.markup == "markdown"
    assert (doc.headline.start, doc.headline.end) == span_of(NIGHT_BUS, "Night buses return to the ring road")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph"]


def test_no_headline_when_the_article_starts_with_a_paragraph():
    doc = Document("The 41N night bus leaves the station every half hour between midnight and five.\n")
    assert doc.headline is None
    assert [b.kind for b in doc.blocks] == ["paragraph"]


# --- sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", MARKUPS)
def test_sentences_follow_spacy_and_never_cross_paragraphs(markup):
    text = (
        "Surgery hours change in June\n\n"
        "Dr. Amara Osei will see patients until 7 p.m. on Thursdays. Is the change permanent? "
        "Not yet! Fees rose 3.5% in May\n\n"
        "The practice will review the hours in the autumn.\n"
    )
    doc = Document(text, markup=markup)
    assert texts(doc, doc.sentences) == [
        "Surgery hours change in June",
        "Dr. Amara Osei will see patients until 7 p.m. on Thursdays.",
        "Is the change permanent?",
        "Not yet!",
        "Fees rose 3.5% in May",
        "The practice will review the hours in the autumn.",
    ]
    # sentence_at finds the sentence around an offset, and nothing between paragraphs
    at = text.index("permanent")
    assert doc.text[doc.sentence_at(at).start : doc.sentence_at(at).end] == "Is the change permanent?"
    assert doc.sentence_at(text.index("\n\nThe practice") + 1) is None


@pytest.mark.parametrize("opening", ['"', "“"])
def test_an_opening_quotation_mark_starts_the_next_sentence(opening):
    closing = '"' if opening == '"' else "”"
    text = f"Fares will rise in April. {opening}Fuel has doubled in price,{closing} said Mira Holt."
    doc = Document(text)
    assert texts(doc, doc.sentences) == [
        "Fares will rise in April.",
        f"{opening}Fuel has doubled in price,{closing} said Mira Holt.",
    ]


def test_weasel_words_are_not_excused_by_a_quote_in_the_next_sentence():
    text = (
        "Experts say the new ferry will pay for itself. “We expect it to cover its costs within "
        "twelve years,” said Mira Holt, the operator's finance director."
    )
    assert findings(text, select=["weasel-attribution"]) == [("weasel-attribution", "Experts say")]


# --- quotations -----------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", MARKUPS)
def test_straight_and_curly_quotations_with_speech_verb_before_or_after(markup):
    text = (
        "Harbour dredging to finish by June\n\n"
        '"The channel will be deep enough for the lifeboat by June," said Tom Reyes, the harbour master.\n\n'
        "The harbour master, Tom Reyes, said the dredging “should be finished well before the "
        "summer season starts.”\n\n"
        "According to the lifeboat station, “crews have launched from the beach since March.”\n"
    )
    doc = Document(text, markup=markup)
    q1 = '"The channel will be deep enough for the lifeboat by June,"'
    q2 = "“should be finished well before the summer season starts.”"
    q3 = "“crews have launched from the beach since March.”"
    assert quote_table(doc) == [
        (q1, 11, True, True),
        (q2, 9, True, True),
        (q3, 8, True, False),  # attributed, but to an organisation described, not named
    ]
    assert [(q.start, q.end) for q in doc.quotes] == [span_of(text, q1), span_of(text, q2), span_of(text, q3)]
    inside = text.index("lifeboat by June")
    assert doc.in_quote(inside) and not doc.in_quote(text.index("said Tom Reyes"))


@pytest.mark.parametrize("markup", MARKUPS)
def test_multi_paragraph_quotation_reopened_with_a_quotation_mark(markup):
    text = (
        "Ferry fares to rise in spring\n\n"
        "“We held prices for as long as we could.\n\n"
        "“From April a return to the islands will cost a little more,” she added.\n"
    )
    doc = Document(text, markup=markup)
    start = text.index("“We held")
    end = text.index("more,”") + len("more,”")
    assert [(q.start, q.end, q.words, q.attributed) for q in doc.quotes] == [(start, end, 21, True)]
    # the second paragraph's opening mark is inside the one quotation, not a new one
    assert doc.in_quote(text.index("“From April"))


def test_quotation_left_open_ends_with_its_paragraph_when_the_next_does_not_reopen():
    text = (
        "“We held prices for as long as we could, the operator's chief executive said.\n\n"
        "Fares will rise by 6% from April.\n"
    )
    doc = Document(text)
    first = doc.blocks[0]
    assert [(q.start, q.end) for q in doc.quotes] == [(0, first.end)]
    assert not doc.in_quote(text.index("Fares will rise"))


def test_guillemets_and_german_quotation_marks():
    text = (
        "« Le bateau est notre seule route vers le continent », a déclaré un pêcheur.\n\n"
        "„Wir fahren jeden Tag bei jedem Wetter hinüber“, sagte der Kapitän.\n"
    )
    doc = Document(text)
    assert texts(doc, doc.quotes) == [
        "« Le bateau est notre seule route vers le continent »",
        "„Wir fahren jeden Tag bei jedem Wetter hinüber“",
    ]


@pytest.mark.parametrize("markup", MARKUPS)
def test_short_scare_quotes_are_terms_not_unattributed_quotations(markup):
    text = 'Islanders call the boat the "slow ferry" and the crossing a “lifeline” for the school run.\n'
    doc = Document(text, markup=markup)
    assert quote_table(doc) == [('"slow ferry"', 2, False, False), ("“lifeline”", 1, False, False)]
    path = "scare.md" if markup == "markdown" else "scare.txt"
    assert findings(text, path, select=["missing-quotes"]) == []


def test_quotation_introduced_by_a_colon_in_the_previous_paragraph_is_attributed():
    text = (
        "The mayor told residents at the quay:\n\n"
        '"Nobody wants the ferry to become a luxury for tourists only."\n'
    )
    doc = Document(text)
    assert quote_table(doc) == [('"Nobody wants the ferry to become a luxury for tourists only."', 11, True, False)]
    assert findings(text, select=["unattributed-quote"]) == []


def test_the_same_quotation_without_the_colon_introduction_is_unattributed():
    text = (
        "The mayor walked along the quay on Sunday.\n\n"
        '"Nobody wants the ferry to become a luxury for tourists only."\n'
    )
    doc = Document(text)
    assert quote_table(doc) == [('"Nobody wants the ferry to become a luxury for tourists only."', 11, False, False)]
    assert findings(text, select=["unattributed-quote"]) == [
        ("unattributed-quote", '"Nobody wants the ferry to become a luxury for tourists only."')
    ]


def test_speech_verbs_inside_the_quotation_do_not_attribute_it():
    text = "The campaign group put leaflets through every door. “The council said it would listen, and it never did.”\n"
    doc = Document(text)
    assert [(q.attributed, q.named) for q in doc.quotes] == [(False, False)]


@pytest.mark.parametrize(
    "paragraph",
    [
        '"We expect the array to pay for itself within twelve years," Okafor said.',
        'Okafor said: "We expect the array to pay for itself within twelve years."',
    ],
)
def test_quotation_attributed_to_a_surname_is_named(paragraph):
    doc = Document(paragraph + "\n")
    assert [(q.attributed, q.named) for q in doc.quotes] == [(True, True)]


# --- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", MARKUPS)
def test_links_markdown_bare_url_and_bare_domain(markup):
    text = (
        "Timetables are at https://buses.example.org/timetables/41n. "
        "The operator's site (www.example-buses.com) has fares, and so does example-fares.net/night!\n\n"
        'Read the [council decision](https://council.example.gov.uk/decisions/2024/41n "Decision") '
        "or write to press@example.org.\n"
    )
    doc = Document(text, markup=markup)
    got = [(doc.text[link.start : link.end], link.url, link.is_specific) for link in doc.links]
    assert got == [
        ("https://buses.example.org/timetables/41n", "https://buses.example.org/timetables/41n", True),
        ("www.example-buses.com", "www.example-buses.com", False),
        ("example-fares.net/night", "example-fares.net/night", True),
        (
            "https://council.example.gov.uk/decisions/2024/41n",
            "https://council.example.gov.uk/decisions/2024/41n",
            True,
        ),
    ]
    assert all(isinstance(link, Link) for link in doc.links)
    # trailing sentence punctuation is not part of the URL
    assert text[doc.links[0].end] == "."
    assert text[doc.links[2].end] == "!"


def test_markdown_link_label_that_looks_like_a_domain_is_not_a_second_link():
    text = "The figures are in [example-stats.org](https://example-stats.org/releases/2024/buses).\n"
    doc = Document(text)
    assert [link.url for link in doc.links] == ["https://example-stats.org/releases/2024/buses"]


def test_url_with_balanced_parentheses_is_kept_whole():
    text = "The bird is described at https://en.wikipedia.org/wiki/Kestrel_(bird), with photographs.\n"
    doc = Document(text)
    assert [link.url for link in doc.links] == ["https://en.wikipedia.org/wiki/Kestrel_(bird)"]


@pytest.mark.parametrize(
    "url,specific",
    [
        ("https://www.example.org/", False),
        ("https://www.example.org", False),
        ("www.example.org", False),
        ("example.org", False),
        ("https://example.org/index.html", False),
        ("https://example.org/en/", False),
        ("https://example.org/news/2024/05/ferry-fares", True),
        ("example.org/report.pdf", True),
        ("https://example.org/?article=4512", True),
    ],
)
def test_home_page_versus_specific_page(url, specific):
    assert url_is_specific(url) is specific
    assert Link(0, len(url), url).is_specific is specific


# --- FAQ ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("markup", MARKUPS)
def test_faq_heading_with_q_and_a_pairs(markup):
    text = (
        "Lido reopens after repairs\n\n"
        "The lido on Marsh Lane reopened on Saturday, the council said.\n\n"
        "FAQ\n\n"
        "Q: When is the lido open?\n"
        "A: Every day from seven until eight.\n\n"
        "Q: Is there parking?\n\n"
        "A: No: the car park closed in 2019.\n"
    )
    doc = Document(text, markup=markup)
    assert [(texts(doc, [i.question])[0], texts(doc, [i.answer])[0]) for i in doc.faq_items] == [
        ("When is the lido open?", "Every day from seven until eight."),
        ("Is there parking?", "No: the car park closed in 2019."),
    ]
    assert doc.faq_span.start == text.index("FAQ")
    assert doc.faq_span.end == len(text.rstrip("\n"))
    assert doc.in_faq(text.index("Is there parking")) and not doc.in_faq(text.index("The lido on"))
    # the FAQ is not part of the story's body
    assert [doc.text[b.start : b.end] for b in doc.body_blocks] == [
        "The lido on Marsh Lane reopened on Saturday, the council said."
    ]


def test_frequently_asked_questions_heading_with_question_headings():
    text = (
        "# Lido reopens after a winter of repairs\n\n"
        "The lido on Marsh Lane reopened on Saturday, the council said.\n\n"
        "## Frequently asked questions\n\n"
        "### When is the lido open?\n\n"
        "From seven in the morning until eight at night.\n\n"
        "Early swims are for members only.\n\n"
        "### How much does a swim cost?\n\n"
        "A single swim costs £4.50 for adults.\n\n"
        "## Getting there\n\n"
        "The 12 bus stops at the gate.\n"
    )
    doc = Document(text, "lido.md")
    items = [(texts(doc, [i.question])[0], texts(doc, [i.answer])[0]) for i in doc.faq_items]
    assert items == [
        ("When is the lido open?", "From seven in the morning until eight at night.\n\nEarly swims are for members only."),
        ("How much does a swim cost?", "A single swim costs £4.50 for adults."),
    ]
    # the FAQ ends where a heading that is not a question begins
    assert doc.faq_span.start == text.index("Frequently asked questions")
    assert doc.faq_span.end == text.index("for adults.") + len("for adults.")
    assert not doc.in_faq(text.index("The 12 bus"))


@pytest.mark.parametrize("text", [
    "Pier questions\n\nQ: When does the pier reopen?\nA: In May, the council said.\n\nQ: Who pays?\nA: The council.\n",
    # a marker that ends one block, the blank line after it in the next: searched block by block
    "Pier questions\n\nQ:\n\nQ: When does the pier reopen?\nA: In May.\n",
    "# FAQ\n\nQuestion:\n\n\nA: yes\n\nQ. Why?\n\nA) Because the deck rotted.\n",
])
def test_faq_markers_found_in_one_search_are_those_found_block_by_block(text):
    from newslint import faq

    for path in ("a.txt", "a.md"):
        doc = Document(text, path)
        for pattern, tag in ((faq._Q_MARK, "Q"), (faq._A_MARK, "A")):
            by_block = [(tag, m.end(), b) for b in doc.blocks for m in pattern.finditer(doc.text, b.start, b.end)]
            assert faq._markers(doc.text, doc.blocks, pattern, tag) == by_block
            assert by_block  # every text has markers of both kinds


def test_no_faq_in_an_ordinary_story():
    doc = Document(NIGHT_BUS)
    assert doc.faq_items == [] and doc.faq_span is None


# --- sources section ----------------------------------------------------------------------------


@pytest.mark.parametrize("markup", MARKUPS)
def test_sources_section_under_a_heading(markup):
    text = (
        "Lido reopens after repairs\n\n"
        "The lido on Marsh Lane reopened on Saturday, the council said.\n\n"
        "Sources:\n\n"
        "- Council notice, 12 May: https://council.example.gov.uk/news/lido-reopens\n"
        "- https://www.example-swim.org\n"
    )
    doc = Document(text, markup=markup)
    section = doc.sources_section
    assert doc.text[section.heading.start : section.heading.end] == "Sources:"
    assert section.span.start == text.index("Sources:")
    assert section.span.end == len(text.rstrip("\n"))
    assert doc.in_sources(text.index("Council notice")) and not doc.in_sources(text.index("The lido"))
    # entries are not prose
    assert all(not doc.in_sources(b.start) for b in doc.prose_blocks)
    in_section = [link.url for link in doc.links if doc.in_sources(link.start)]
    assert in_section == ["https://council.example.gov.uk/news/lido-reopens", "https://www.example-swim.org"]


def test_sources_on_one_line():
    text = (
        "The lido on Marsh Lane reopened on Saturday, the council said.\n\n"
        "Sources: https://council.example.gov.uk/news/lido-reopens\n"
    )
    doc = Document(text)
    section = doc.sources_section
    assert section.heading is None
    assert texts(doc, section.blocks) == ["Sources: https://council.example.gov.uk/news/lido-reopens"]


def test_no_sources_section():
    assert Document(NIGHT_BUS).sources_section is None


# --- front matter -------------------------------------------------------------------------------

FRONT = """---
title: A breathtaking, momentous day at the lido
author: Sam Reed
---
Lido reopens after repairs

The lido on Marsh Lane reopened on Saturday after a winter of repairs, the council said.
"""


@pytest.mark.parametrize("path", ["lido.txt", "lido.md"])
def test_front_matter_is_parsed_and_not_linted(path):
    doc = Document(FRONT, path)
    assert doc.front_matter == {"title": "A breathtaking, momentous day at the lido", "author": "Sam Reed"}
    assert doc.body_start == FRONT.index("Lido reopens")
    # the title is the headline, and the one block above the body (the author is data)
    assert texts(doc, [doc.headline]) == ["A breathtaking, momentous day at the lido"]
    assert [b.kind for b in doc.blocks if b.start < doc.body_start] == ["heading"]
    assert texts(doc, doc.blocks[1:2]) == ["Lido reopens after repairs"]
    # its hype words are checked where they are written (two hype words: peacock-word reports
    # only in an article with two or more hype hits)
    assert findings(FRONT, path, select=["peacock-word"]) == [("peacock-word", "breathtaking"), ("peacock-word", "momentous")]


def test_front_matter_after_blank_lines_is_front_matter():
    # Hugo reads front matter that follows blank lines; so does newslint
    text = "\n\n" + FRONT
    doc = Document(text, "lido.md")
    assert doc.front_matter["title"] == "A breathtaking, momentous day at the lido"
    assert doc.body_start == text.index("Lido reopens")
    assert texts(doc, [doc.headline]) == ["A breathtaking, momentous day at the lido"]
    assert findings("\n\n+++\ntitle = 'Lido reopens'\n+++\nThe lido reopened on Saturday, the council said.\n",
                    "lido.md") == []


def test_a_rule_line_that_is_not_front_matter_is_prose():
    text = "The lido reopened.\n\n---\n\nThe café opens next week.\n"
    doc = Document(text)
    assert doc.front_matter == {} and doc.body_start == 0


# --- line endings -------------------------------------------------------------------------------

LINES = (
    "Lido reopens after repairs\n"
    "\n"
    "The lido reopened on Saturday.\n"
    "Its new diving board is four metres high.\n"
    "\n"
    '"We have waited two years for this day," said Ana Ruiz.\n'
)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_and_column_for_every_line_ending(newline):
    text = LINES.replace("\n", newline)
    doc = Document(text)
    assert doc.lines.position(0) == (1, 1)
    assert doc.lines.position(text.index("diving")) == (4, 9)
    assert doc.lines.position(text.index("Ana")) == (6, 47)
    assert doc.position(text.index("Saturday")) == (3, 22)
    assert doc.lines.line_text(4) == "Its new diving board is four metres high."
    # the offset just past the last character of a line is still on that line
    end_of_line_3 = text.index("Saturday.") + len("Saturday.")
    assert doc.lines.position(end_of_line_3) == (3, 31)
    assert texts(doc, doc.quotes) == ['"We have waited two years for this day,"']


@pytest.mark.parametrize("newline", ["\n", "\r"])
def test_paragraphs_keep_their_line_breaks(newline):
    text = LINES.replace("\n", newline)
    doc = Document(text)
    assert texts(doc, doc.blocks)[1] == f"The lido reopened on Saturday.{newline}Its new diving board is four metres high."
    assert len(doc.blocks) == 3


def test_crlf_paragraphs_keep_their_line_breaks():
    text = LINES.replace("\n", "\r\n")
    doc = Document(text)
    assert texts(doc, doc.blocks)[1] == "The lido reopened on Saturday.\r\nIts new diving board is four metres high."
    assert len(doc.blocks) == 3


def test_crlf_and_lf_give_the_same_findings():
    text = "Kiosk sales at the lido rose by 40% in the first week,\naccording to figures from the council.\n"
    assert findings(text) == []
    assert findings(text.replace("\n", "\r\n")) == []


def test_crlf_front_matter_is_skipped():
    text = FRONT.replace("\n", "\r\n")
    doc = Document(text)
    assert doc.front_matter["title"] == "A breathtaking, momentous day at the lido"
    assert doc.body_start == text.index("Lido reopens")
    assert doc.lines.position(text.index("Marsh")) == (7, 13)


def test_lone_cr_front_matter_is_skipped():
    text = FRONT.replace("\n", "\r")
    doc = Document(text)
    assert doc.front_matter["title"] == "A breathtaking, momentous day at the lido"
    assert doc.body_start == text.index("Lido reopens")
    assert texts(doc, [doc.headline]) == ["A breathtaking, momentous day at the lido"]
    assert findings(text, select=["peacock-word"]) == [("peacock-word", "breathtaking"), ("peacock-word", "momentous")]


# --- Markdown markup that is not prose ------------------------------------------------------------


def test_markdown_link_title_is_not_a_quotation():
    text = (
        "The harbour board published its figures on Monday, in the [annual report]"
        '(https://harbour.example.org/reports/2024 "Annual report of the harbour board for 2024").\n'
    )
    doc = Document(text, "figures.md")
    assert doc.quotes == []
    assert findings(text, "figures.md", select=["missing-quotes"]) == []


# --- lookups by bisection (issue 15: one-line paragraphs of megabytes) -----------------------

LOOKUP_TEXT = (
    "The ferry resumed on Tuesday. Its owner blamed the storm.\n"
    "- Timetables are online. Fares are unchanged.\n\n"
    "Ticket sales fell by a third, the port said. “We expect a busy summer,” she added.\n"
)


def test_line_start_is_the_offset_after_the_last_line_break_before_it():
    doc = Document(LOOKUP_TEXT, "a.txt")
    for offset in range(len(LOOKUP_TEXT) + 1):
        assert doc.line_start(offset) == LOOKUP_TEXT.rfind("\n", 0, offset) + 1, offset


@pytest.mark.parametrize("split_all", [False, True])
def test_sentence_at_finds_the_sentence_holding_each_offset(split_all):
    doc = Document(LOOKUP_TEXT, "a.txt")
    if split_all:
        doc.sentences  # sentences_of then slices the article's sentences
    for offset in range(len(LOOKUP_TEXT)):
        block = doc.block_at(offset)
        expected = None
        if block is not None:
            expected = next((s for s in doc.sentences_of(block) if s.start <= offset < s.end), None)
        assert doc.sentence_at(offset) == expected, offset
    assert texts(doc, doc.sentences_of(doc.blocks[-1])) == [
        "Ticket sales fell by a third, the port said.", "“We expect a busy summer,” she added."]


@pytest.mark.parametrize("text", [
    "", "a", "_", "-", "a_b __ - -- a-b ’tis don't _x_ 3_", "naïve café, 1½ cups, x² and ①",
    "soft\u00adhyphen, line\u2028separator", "mixed 中文 and 😀 emoji", "İstanbul's mayor",
])
def test_word_count_is_the_word_pattern_s(text):
    from newslint.spans import _WORD, count_words

    assert count_words(text) == len(_WORD.findall(text))
    assert count_words("x " + text + " y", 2, 2 + len(text)) == len(_WORD.findall(text))


def test_word_count_of_ascii_text_is_the_word_pattern_s_for_every_character():
    # ASCII text takes a bytes table: every character alone, between letters and after a digit
    from newslint.spans import _WORD, count_words

    for code in range(128):
        for text in (chr(code), f"a{chr(code)}b", f"7{chr(code)} x{chr(code)}{chr(code)}y-"):
            assert count_words(text) == len(_WORD.findall(text)), repr(text)


@pytest.mark.parametrize("path, text, words", [
    # a link's address, a bare URL, HTML tags, inline code and a shortcode are markup, not words
    ("a.md", "# Pier\n\nThe pier [reopened](https://example.org/news/pier-reopens-2024) today, see "
             "https://example.org/p-q and <b>read</b> `pier --open now` {{< ref pier >}}.\n", 8),
    ("a.md", "# Pier\n\nThe pier reopened today, see and read.\n", 8),
    # a word that markup cuts in two counts twice, as if the markup were a space
    ("a.md", "# Pier\n\nre<b>open</b>ed\n", 4),
    # a paragraph that is all markup has no words; markup at both ends of a paragraph
    ("a.md", "# Pier\n\n`pier --open --now`\n\n<i>open</i>\n", 2),
    ("a.txt", "Pier\n\nThe pier reopened today (https://example.org/news/pier-reopens-2024).\n", 5),
])
def test_word_count_leaves_markup_out(path, text, words):
    assert Document(text, path).word_count == words


def test_equal_sentences_share_their_trigrams():
    from newslint.engine import Context
    from newslint.kinds.repetition import _compared

    sentence = "The council met on Monday to discuss the budget for the coming year. "
    doc = Document(sentence * 50 + "\n\nA different sentence about the harbour and its new crane.", "a.txt")
    compared = _compared(doc, Context(), True)
    assert len(compared) == 51
    assert len({id(grams) for *_, grams in compared}) == 2
    assert len(compared[0][3]) == 11  # 13 words, 11 trigrams


def test_quotation_cue_prefilters_never_hide_a_match():
    """kinds/quotes.py tries two slow cue patterns only where a cheap word test says they could
    match; on text built from their own words (and near misses), the test never says no where
    the pattern matches."""
    import random

    from newslint.kinds import quotes as kq
    from newslint.matching import CueWords

    pieces = ["for", "example", "examples", "instance", "such", "as", "e.g.", "sample", "template", "something",
              "like", "rather", "than", "instead", "of", "unacceptable", "acceptable", "phrasing", "wording", "you",
              "one", "they", "ask", "say", "tell", "write", "type", "search", "hear", "think", "SUCH AS", "You",
              "ſample", "the", ":", ",", "—", "\n", ".", "  ", "\t", "“", "”", "İnstead", "ınstead", "eXAMPLE", "é"]
    rng = random.Random(11)
    matched = [0, 0]
    for _ in range(20000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        cues = CueWords(text, kq._CUE_GROUPS)
        lo, hi = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        for i, (pattern, groups) in enumerate([(kq._EXAMPLE_CUE, (kq._EXAMPLE_WORDS,)),
                                               (kq._HYPOTHETICAL, kq._HYPOTHETICAL_WORDS)]):
            if pattern.search(text, lo, hi):
                matched[i] += 1
                assert cues.may_match(lo, hi, *groups), (text, lo, hi)
    assert min(matched) > 100  # both patterns were exercised
    # the index is used (it says no) where no cue word occurs, also beside curly quotation marks
    assert not CueWords("“We will,” and “we can”", kq._CUE_GROUPS).may_match(0, 20, kq._EXAMPLE_WORDS)
    assert CueWords("ſample: “x”", kq._CUE_GROUPS).may_match(0, 8, kq._EXAMPLE_WORDS)


def test_the_characters_that_fold_to_ascii_letters_are_all_known():
    import re
    import sys

    from newslint.matching import FOLDS_TO_ASCII

    letter = re.compile("[a-z]", re.I)
    assert {chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))} == FOLDS_TO_ASCII


def test_source_cue_prefilter_never_hides_a_match():
    """homepage-link looks for a source cue ("according to", "data from") before each link only
    where one of the cue's words occurs; on text built from those words, never wrongly."""
    import random

    from newslint.kinds.citations import _SOURCE_CUE, _SOURCE_CUE_WORDS
    from newslint.matching import CueWords

    pieces = ["according", "to", "sources", ":", "credit", "data", "reported", "by", "in", "on", "figures", "from",
              "published", "released", "via", "citing", "cited", "comes", "came", "taken", "courtesy", "of", "the",
              "a", "[", "(", "<", "ſource", "DATA", "From", " ", "\n", "x"]
    rng = random.Random(5)
    matched = 0
    for _ in range(20000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        lo, hi = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        if _SOURCE_CUE.search(text[lo:hi]):
            matched += 1
            assert CueWords(text, (_SOURCE_CUE_WORDS,)).may_match(lo, hi, _SOURCE_CUE_WORDS), text[lo:hi]
    assert matched > 100
    assert not CueWords("<http://a<http://a", (_SOURCE_CUE_WORDS,)).may_match(0, 18, _SOURCE_CUE_WORDS)


@pytest.mark.parametrize("text, attributed", [
    # a speech verb's word inside a name is no speech verb
    ("The plan is the largest in the United States.", False),
    ("The test comes from Consumer Reports and the pier's owners.", False),
    ("The United States said it would send ships.", True),  # the verb, not the name
    # a vague subject stays vague across an auxiliary
    ("Some scholars have suggested that monks built the pier.", False),
    ("Critics had long argued that monks built the pier.", False),
    ("Mr Ito has said that monks built the pier.", True),
    # speech verbs that are nouns here, or "called" naming a thing
    ("The insurer faced 200 claims after the flood.", False),
    ("These reports are wrong about the pier.", False),
    ("The lake is called Loch Ard, and the so-called ferry plan failed.", False),
    ("The council claims the pier will reopen.", True),
    ("Mr Ito called the plan a disaster.", True),
    ("The ferry crosses a small lake called Loch Ard, and an app called Ferryfinder sells tickets.", False),
    ("The minister called Loch Ard a disgrace.", True),  # a speaker, not a thing named
    ("The harbour master called the ferry late.", True),
    # a passive with no one doing it names no source; with its agent after it, it does
    ("The tests are said to be linked to the pier.", False),
    ("It was reported that the pier is old.", False),
    ("The show was described by Ann Lee as dull.", True),
])
def test_what_attributes_a_paragraph(text, attributed):
    doc = Document("Pier history\n\n" + text + "\n", "a.txt")
    block = doc.body_blocks[-1]
    assert doc.attribution_in(block.start, block.end) is attributed


def test_a_title_case_headline_keeps_its_speech_verb():
    doc = Document("# Minister Says Pier Will Reopen\n\nThe pier will reopen in May.\n", "a.md")
    assert doc.attribution_in(doc.headline.start, doc.headline.end)
