"""Static-site articles (issue 11, items 1-7): front matter in YAML, TOML and JSON; the title and
summary checked as prose where they are written; the sources list ending where prose goes on;
plain text with one paragraph per line; template syntax and MDX components that are not prose.

Findings are compared as (rule, line, column, flagged text), on text written for newslint.
"""

import dataclasses

import pytest

from newslint.document import Document
from newslint.engine import RuleSet
from newslint.rules import load_rules

RULES = load_rules()
# Two claim rules report only in an article that also shows hype or vague attribution (their
# ``pattern``, tested in test_judgement.py); here they are run without it, so that a fixture
# of one sentence tests what counts as a claim and as its support.
GATED = {"unsupported-claim", "unsupported-causal-claim"}
UNGATED = [dataclasses.replace(r, pattern=None) if r.id in GATED else r for r in RULES]


def lint(text, select, path="post.md"):
    doc = Document(text, path)
    result = RuleSet(UNGATED, select=select).lint_document(doc, metrics=False)
    assert not result.errors, result.errors
    for f in result.findings:
        assert text[f.start : f.end] == f.snippet
    return [(f.rule, *doc.position(f.start), f.snippet) for f in result.findings]


def blocks(doc):
    return [(doc.text[b.start : b.end], b.kind) for b in doc.blocks]


BODY = "The pier reopened on Monday after a winter of repairs, the council said.\n"


# --- 6. front matter: YAML folded titles, TOML, JSON; the title is the headline ---------------------


@pytest.mark.parametrize(
    "front,title",
    [
        ('---\ntitle: "Pier reopens after repairs"\n---\n', "Pier reopens after repairs"),
        ("---\ntitle: >-\n  Pier reopens\n  after repairs\ntags: [pier]\n---\n", "Pier reopens\n  after repairs"),
        ("---\ntitle: |\n  Pier reopens after repairs\n---\n", "Pier reopens after repairs"),
        ('+++\ntitle = "Pier reopens after repairs"\ndate = 2024-03-04\n+++\n', "Pier reopens after repairs"),
        ("+++\ntitle = '''\nPier reopens after repairs'''\n+++\n", "Pier reopens after repairs"),
        ('{\n  "title": "Pier reopens after repairs",\n  "tags": ["pier", "harbour"]\n}\n', "Pier reopens after repairs"),
    ],
)
def test_front_matter_forms_give_the_title_as_headline_and_are_never_body(front, title):
    text = front + "\n# Repairs finished\n\n" + BODY
    doc = Document(text, "post.md")
    assert doc.front_matter["title"].split() == title.split()
    assert doc.span_text(doc.headline) == title
    assert doc.body_start == len(front)
    # the title is a heading block; the body's own heading comes next, and nothing else of the
    # front matter is a block
    assert blocks(doc) == [(title, "heading"), ("Repairs finished", "heading"), (BODY.strip(), "paragraph")]


def test_toml_and_json_front_matter_are_not_linted_as_prose():
    toml = '+++\ntags = ["ground-breaking", "momentous", "world-class"]\nauthor = "Experts say"\n+++\n\n' + BODY
    json_fm = '{\n  "tags": ["ground-breaking", "momentous"],\n  "note": "\\"a campaign of fear against staff\\""\n}\n\n' + BODY
    for text in (toml, json_fm):
        assert lint(text, ["hype", "weasel-attribution", "unattributed-quote"]) == []


def test_a_body_that_opens_with_a_brace_is_not_json_front_matter():
    text = "{\nnot json at all, just a stray brace in a plain file\n}\n\n" + BODY
    doc = Document(text, "post.md")
    assert doc.body_start == 0 and doc.front_matter == {}


def test_the_html_title_is_the_headline_before_the_first_heading():
    text = "<html><head><title>Pier reopens after repairs</title></head>\n<body><h1>News</h1><p>" + BODY + "</p></body></html>\n"
    doc = Document(text, "post.html")
    assert doc.span_text(doc.headline) == "Pier reopens after repairs"


def test_the_title_is_the_headline_when_the_body_opens_with_a_byline_or_a_template_tag():
    for opening in ("By Ann Lee, harbour reporter", '{% include byline.html author="ann" %}'):
        text = "---\ntitle: Pier reopens after repairs\n---\n\n" + opening + "\n\n" + BODY
        doc = Document(text, "post.md")
        assert doc.span_text(doc.headline) == "Pier reopens after repairs"


# --- 7. the headline and summary are prose, with findings at their front matter lines ----------------


def test_headline_and_summary_are_checked_for_hype_clickbait_and_claims():
    text = (
        "---\n"
        "layout: post\n"
        "title: You won't believe what happened to our pier\n"
        "description: >\n"
        "  A momentous, ground-breaking day: the pier is now\n"
        "  the longest pier in the country.\n"
        "---\n\nWalkers can use the pier from dawn to dusk.\n"
    )
    assert lint(text, ["clickbait-headline", "peacock-word", "unsupported-claim"]) == [
        ("clickbait-headline", 3, 8, "You won't believe"),
        ("peacock-word", 5, 5, "momentous"),
        ("peacock-word", 5, 16, "ground-breaking"),
        ("unsupported-claim", 6, 3, "the longest pier in the country"),
    ]


@pytest.mark.parametrize("key", ["summary", "excerpt", "description"])
def test_each_summary_key_is_prose(key):
    text = f"---\ntitle: Pier reopens\n{key}: 'A momentous and ground-breaking reopening'\n---\n\n" + BODY
    assert lint(text, ["peacock-word"]) == [("peacock-word", 3, len(key) + 6, "momentous"),
                                            ("peacock-word", 3, len(key) + 20, "ground-breaking")]


def test_a_summary_is_not_a_body_paragraph():
    text = "---\ntitle: Pier reopens\nsummary: The pier reopened on Monday.\n---\n\n" + BODY
    doc = Document(text, "post.md")
    assert [doc.span_text(b) for b in doc.body_blocks] == [BODY.strip()]


# --- 4. prose after a sources list is checked again ----------------------------------------------------

SOURCED = """# Pier reopens

The pier reopened on Monday after repairs, the council said.

Sources:

- [Council notice, 4 March](https://council.example.gov/notices/2024/pier)
- [Repair contract](https://council.example.gov/contracts/2023/pier-repairs)

Experts say the ground-breaking and momentous pier will double visitor numbers.
"""


@pytest.mark.parametrize("path", ["post.md", "post.txt"])
def test_prose_after_a_sources_list_is_checked(path):
    doc = Document(SOURCED, path)
    section = doc.sources_section
    assert doc.text[section.span.start : section.span.end].startswith("Sources:")
    assert doc.text[section.span.start : section.span.end].endswith("pier-repairs)")
    found = lint(SOURCED, ["weasel-attribution", "peacock-word"], path)
    assert found == [("weasel-attribution", 10, 1, "Experts say"), ("peacock-word", 10, 17, "ground-breaking"),
                     ("peacock-word", 10, 37, "momentous")]


def test_entries_of_a_sources_section_that_are_paragraphs_stay_in_it():
    text = ("# Pier reopens\n\nThe pier reopened on Monday, the council said.\n\n## Sources\n\n"
            "Council notice, 4 March 2024.\n\nRepair contract, signed in 2023.\n")
    doc = Document(text, "post.md")
    assert len(doc.sources_section.blocks) == 2


def test_a_one_line_sources_paragraph_ends_where_prose_goes_on():
    text = ("The pier reopened on Monday, the council said.\n\nSource: https://council.example.gov/notices/pier\n\n"
            "Experts say the ground-breaking and momentous pier will double visitor numbers.\n")
    assert [f[0] for f in lint(text, ["weasel-attribution", "peacock-word"], "post.txt")] == [
        "weasel-attribution", "peacock-word", "peacock-word"]


# --- 5. plain text with one paragraph per line --------------------------------------------------------

WIRE = (
    "Pier reopens after winter repairs\n"
    "The pier reopened on Monday after repairs, the harbour board said.\n"
    "Walkers can use it from dawn to dusk.\n"
    "It is the longest pier in the country.\n"
)
WRAPPED = (
    "The pier reopened on Monday after repairs, the harbour\n"
    "board said. Walkers can use it from dawn to dusk, and\n"
    "it is the longest pier in the country, with a cafe at\n"
    "the far end.\n"
)


def test_one_paragraph_per_line_is_split_by_line():
    doc = Document(WIRE, "wire.txt")
    assert [kind for _, kind in blocks(doc)] == ["heading", "paragraph", "paragraph", "paragraph"]
    # a paragraph-scoped rule sees the claim's own paragraph, which names no source
    assert lint(WIRE, ["unsupported-claim"], "wire.txt") == [("unsupported-claim", 4, 7, "the longest pier in the country")]


def test_hard_wrapped_prose_stays_one_paragraph():
    doc = Document(WRAPPED, "wrapped.txt")
    assert blocks(doc) == [(WRAPPED.strip(), "paragraph")]
    assert lint(WRAPPED, ["unsupported-claim"], "wrapped.txt") == []


def test_blank_lines_still_separate_paragraphs_of_one_sentence_lines():
    text = WIRE.replace("dusk.\n", "dusk.\n\n")
    assert [kind for _, kind in blocks(Document(text, "wire.txt"))] == ["paragraph", "paragraph"]


# --- 1. template syntax, raw blocks and MDX are not prose ----------------------------------------------

TEMPLATED = """---
title: Pier reopens
---

{% raw %}
Write "{{ page.title }}" in the layout, and "this sentence is only an example of template code".
{% endraw %}

{{% note %}}
The ground-breaking and momentous pier is open again.
{{% /note %}}

{# a Jinja comment: "nobody said this, it is a note to the desk" #}
{{ page.date | date: "%B %-d, %Y" }}

The pier reopened on Monday, the council said.
"""


def test_raw_regions_and_template_tags_are_masked_and_paired_shortcodes_keep_their_prose():
    doc = Document(TEMPLATED, "post.md")
    assert [text for text, _ in blocks(doc)] == [
        "Pier reopens", "{{% note %}}\nThe ground-breaking and momentous pier is open again.\n{{% /note %}}",
        "The pier reopened on Monday, the council said."]
    assert lint(TEMPLATED, ["unattributed-quote", "peacock-word"]) == [
        ("peacock-word", 10, 5, "ground-breaking"), ("peacock-word", 10, 25, "momentous")]


MDX = """---
title: Pier reopens
---
import Figure from "../components/Figure"
export const meta = { section: "news" }

<Figure src="pier.png" caption="A ground-breaking and momentous pier on a bright morning" />

<Figure
  src="pier-at-dusk.png"
  caption="The pier at dusk is a world-class and momentous sight for everyone"
/>

The pier reopened on Monday, the council said. It has {lamps.length} lamps.

<Callout type="note">
The ground-breaking pier is a momentous sight.
</Callout>
"""


def test_mdx_components_imports_and_expressions_are_code_and_the_text_inside_a_component_is_prose():
    doc = Document(MDX, "post.mdx")
    assert doc.markup == "markdown"
    assert [text for text, _ in blocks(doc)] == [
        "Pier reopens", "The pier reopened on Monday, the council said. It has {lamps.length} lamps.",
        "The ground-breaking pier is a momentous sight."]
    assert lint(MDX, ["unattributed-quote", "peacock-word"], "post.mdx") == [
        ("peacock-word", 17, 5, "ground-breaking"), ("peacock-word", 17, 31, "momentous")]


def test_mdx_files_are_found_when_walking_a_folder(tmp_path, monkeypatch):
    from newslint.discover import WalkOptions, discover

    (tmp_path / "post.mdx").write_text(MDX, encoding="utf-8")
    (tmp_path / "post.jsx").write_text("export default 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert list(discover(["."], WalkOptions())) == ["post.mdx"]


# --- 3. speaker labels and signatures in Markdown ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"The harbour will reopen in the summer, weather allowing." - **Tom Reed**\n',
        '"The harbour will reopen in the summer, weather allowing." -- Tom Reed, harbour master\n',
        '**Tom Reed:** "The harbour will reopen in the summer, weather allowing."\n',
        '> "The new timetable is much easier to read than the old one."\n> — Ana Ruiz\n',
        '> The new timetable is "much easier to read than the old one was for all of us" at last.\n> -- Ana Ruiz, commuter\n',
    ],
)
def test_speaker_labels_and_testimonial_signatures_attribute(text):
    assert lint(text, ["unattributed-quote"]) == []


def test_a_quotation_with_no_label_or_signature_is_still_reported():
    text = 'The new timetable is "much easier to read than the old one was for all of us" at last.\nIt runs from May.\n'
    assert lint(text, ["unattributed-quote"]) == [
        ("unattributed-quote", 1, 22, '"much easier to read than the old one was for all of us"')]


# --- 2. a home page offered as the only support of a claim ---------------------------------------------


def test_a_home_page_that_is_the_only_support_of_a_claim_is_flagged():
    claim = "The new pier is the longest in the world ([Pierworks](https://pierworks.example.com/)).\n"
    assert lint(claim, ["homepage-link"]) == [("homepage-link", 1, 55, "https://pierworks.example.com/")]
    # the same link on a sentence that claims nothing is a reference to the firm, not a citation
    plain = "The new pier was built by [Pierworks](https://pierworks.example.com/), a firm from Hull.\n"
    assert lint(plain, ["homepage-link"]) == []
    # and a claim with a specific source beside the home page is supported
    sourced = claim.replace(").\n", "), according to its [survey](https://pierworks.example.com/reports/2024).\n")
    assert lint(sourced, ["homepage-link"]) == []


def test_template_tags_in_an_html_page_are_markup():
    text = ("---\nlayout: page\ntitle: Pier reopens\n---\n"
            '<p>{% include figure.html caption="A long caption that would read like a quotation here" %}</p>\n'
            "<p>The pier reopened on {{ page.date | date: '%A' }}, the council said.</p>\n")
    doc = Document(text, "pier.html")
    assert [doc.span_text(b) for b in doc.blocks] == ["Pier reopens", "The pier reopened on {{ page.date | date: '%A' }}, the council said."]
    assert lint(text, ["unattributed-quote"], "pier.html") == []


def test_a_quotation_in_the_summary_is_not_judged_for_attribution():
    # a teaser quotes the story, which names the speaker; hype in it is still checked
    text = ('---\ntitle: Pier reopens\nsummary: \'"We rebuilt every plank the storms broke," and the momentous, '
            "ground-breaking pier is open.'\n---\n\n"
            '"We rebuilt every plank the storms broke," said Ann Lee, the council leader.\n')
    assert lint(text, ["unattributed-quote", "peacock-word"]) == [
        ("peacock-word", 3, 62, "momentous"), ("peacock-word", 3, 73, "ground-breaking")]
    # the same words with no speaker in the body are still reported
    body = text.replace('"We rebuilt every plank the storms broke," said Ann Lee, the council leader.',
                        'The pier is open. "We rebuilt every plank that the storms broke last winter."')
    assert [f[0] for f in lint(body, ["unattributed-quote"])] == ["unattributed-quote"]


# --- item 7: the claims rules read the headline and the summary as the paragraph before the lead ---

CLAIMS = ["unsupported-claim", "unsupported-causal-claim", "weasel-attribution"]
LEAD = "The pier reopened on Monday after a winter of repairs.\n\nIt has forty new lamps.\n"


def test_a_headline_claim_with_no_source_in_it_or_the_lead_is_reported_at_the_title():
    text = "---\ntitle: Town pier is the longest in the world\n---\n\n" + LEAD
    assert lint(text, CLAIMS) == [("unsupported-claim", 2, 21, "the longest in the world")]
    doc = Document(text, "post.md")
    result = RuleSet(UNGATED, select=CLAIMS).lint_document(doc, metrics=False)
    assert result.findings[0].message.endswith("nothing in this headline or the first paragraph gives one")


@pytest.mark.parametrize("lead", [
    "The pier is the longest in the world, according to the Pier Society.\n\nIt has forty new lamps.\n",
    "The pier reopened on Monday, its owners said.\n\nIt has forty new lamps.\n",
])
def test_a_headline_claim_is_supported_by_the_lead_as_a_lead_claim_by_the_next_paragraph(lead):
    text = "---\ntitle: Town pier is the longest in the world\n---\n\n" + lead
    assert lint(text, CLAIMS) == []


def test_support_in_the_second_paragraph_does_not_reach_the_headline():
    # the headline stands before the lead, so the paragraph after the lead is out of its reach
    text = ("---\ntitle: Town pier is the longest in the world\n---\n\n"
            "The pier reopened on Monday after a winter of repairs.\n\nIt has forty lamps, its owners said.\n")
    assert lint(text, CLAIMS) == [("unsupported-claim", 2, 21, "the longest in the world")]


def test_a_headline_may_give_its_own_source():
    text = "---\ntitle: Town pier is the longest in the world, says the Pier Society\n---\n\n" + LEAD
    assert lint(text, CLAIMS) == []


def test_summary_claims_are_checked_against_the_summary_and_the_lead():
    text = ("---\ntitle: Pier reopens\nsummary: Visitor numbers hit a record high, driven by the new lamps.\n---\n\n"
            + LEAD)
    assert lint(text, CLAIMS) == [("unsupported-claim", 3, 30, "a record high"),
                                  ("unsupported-causal-claim", 3, 45, "driven by")]
    sourced = text.replace("It has forty", "Visitor figures from the council show it has forty")
    assert lint(sourced, CLAIMS) == [("unsupported-claim", 3, 30, "a record high"),
                                     ("unsupported-causal-claim", 3, 45, "driven by")]  # not the lead
    sourced = text.replace("after a winter of repairs.", "after repairs, figures from the council show.")
    assert lint(sourced, CLAIMS) == []


def test_a_markdown_or_html_headline_is_checked_but_a_subheading_is_not():
    text = "# Experts say the pier is the longest in the world\n\n" + LEAD + "\n## The longest in the world\n"
    assert lint(text, CLAIMS) == [("weasel-attribution", 1, 3, "Experts say"),
                                  ("unsupported-claim", 1, 27, "the longest in the world")]
    html = ("<html><head><title>Town pier is the longest in the world</title></head><body>"
            "<p>The pier reopened on Monday.</p></body></html>")
    assert lint(html, CLAIMS, "pier.html") == [("unsupported-claim", 1, 33, "the longest in the world")]


# --- block quotes: text the writer quotes is not the writer's voice --------------------------------

EXCERPT = (
    "The trial found that the robots could carry supplies, the programme's report said on Monday.\n\n"
    "An excerpt from the newspaper's account of the trial:\n\n"
    "> The difficulty, scientists say, is that the machines are slow. Many experts believe they are a\n"
    "> game-changing step for field hospitals.\n\n"
)


def test_writers_voice_rules_skip_a_block_quote():
    assert lint(EXCERPT, ["weasel-attribution", "peacock-word", "unsourced-statement"]) == []


def test_the_same_words_outside_a_block_quote_are_the_writers():
    text = EXCERPT.replace("> ", "")
    assert lint(text, ["weasel-attribution", "peacock-word"]) == [
        ("weasel-attribution", 5, 17, "scientists say"),
        ("weasel-attribution", 5, 64, "Many experts"),
        ("peacock-word", 6, 1, "game-changing"),
    ]


@pytest.mark.parametrize("callout", ["> **Note:** The game-changing dashboard updates hourly.\n",
                                     "> [!TIP]\n> The game-changing dashboard updates hourly.\n",
                                     "> Editor's note: the game-changing dashboard updates hourly.\n"])
def test_a_callout_in_a_block_quote_is_the_writers_own_voice(callout):
    found = lint(BODY + "\n" + callout, ["peacock-word"])
    assert [(rule, snippet) for rule, _, _, snippet in found] == [("peacock-word", "game-changing")]


def test_a_block_quote_in_plain_text_is_not_markdown():
    text = "The pier reopened on Monday, the council said.\n\n> The game-changing pier is open.\n"
    assert lint(text, ["peacock-word"], path="post.txt") == [("peacock-word", 3, 7, "game-changing")]


def test_first_person_in_a_block_quote_is_not_the_narrator():
    from newslint.document import Document

    testimonial = ("> I was sceptical at first, but I use the ferry app every day now and my children use it\n"
                   "> too. We would not go back, and I tell my friends about it.\n")
    report = ("The harbour board released its ferry app in March, and 4,000 people downloaded it in the first "
              "month, the board said in its quarterly report.\n\nOne of the first users wrote to the board:\n\n")
    assert Document(report + testimonial, "post.md").genre == "news"
    assert Document(report + testimonial.replace("> ", ""), "post.md").genre == "opinion"
