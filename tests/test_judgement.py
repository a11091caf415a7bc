"""Editorial judgement: each recurring cause of false alarms found by editors judging findings on
real copy (bench/annotations/precision.jsonl), pinned with original text written for newslint,
next to the real finding the rule must still make.

Findings are compared exactly, as (rule id, flagged text) pairs in text order.
"""

import pytest

from newslint.document import Document
from newslint.engine import RuleSet
from newslint.rules import load_rules

RULES = load_rules()


def lint(text, select, path="story.md"):
    result = RuleSet(RULES, select=select).lint_text(text, path, metrics=False)
    assert not result.errors, result.errors
    for f in result.findings:
        assert text[f.start : f.end] == f.snippet
    return [(f.rule, f.snippet) for f in result.findings]


# --- template and shortcode syntax is markup, not prose --------------------------------------------

POST = """---
title: Ferry timetable goes online
---

{{< legacy-img src="2024/ferry-deck.jpg" alt="Passengers on the upper deck of the morning ferry" >}}

The island council has put the winter ferry timetable online, the harbour master, Ian Gray, said.
See the [timetable page]({{< ref "ferry-timetable.md" >}}) for the sailings.

{% image "assets/quay.png" "The quay at low tide on a grey morning" %}
"""


def test_shortcodes_and_template_tags_are_not_quotations():
    assert lint(POST, ["unattributed-quote"]) == []
    assert lint(POST.replace("{{< legacy-img", '"Passengers are asked to arrive early for every sailing," {{< legacy-img'),
                ["unattributed-quote"]) == [("unattributed-quote", '"Passengers are asked to arrive early for every sailing,"')]


def test_a_block_of_template_tags_is_not_a_paragraph_or_the_headline():
    doc = Document(POST, "post.md")
    assert [doc.text[b.start : b.end][:14] for b in doc.blocks] == ["The island cou"]
    assert doc.span_text(doc.headline) == "Ferry timetable goes online"


def test_paired_shortcode_keeps_its_inner_prose():
    text = "{{< note >}}\nThe ground-breaking timetable replaces the paper one.\n{{< /note >}}\n"
    assert lint(text, ["peacock-word"]) == [("peacock-word", "ground-breaking")]


# --- home pages: a problem only where they are offered as the source -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Questions go to [the ferry desk](mailto:ferries@island.example.gov) or [call us](tel:+15550100).",
        "Jump to the [contents](#contents) or read [our earlier post](/news/2023/ferries/).",
        "The timetable was built with [Harbourline](https://harbourline.example.com/), a small open-source project.",
        "Sign up for [Island Alerts](https://alerts.island.example.gov) to hear about delays.",
    ],
)
def test_links_that_are_not_offered_as_sources_are_not_homepage_links(text):
    assert lint(text, ["homepage-link"]) == []


@pytest.mark.parametrize(
    "text,url",
    [
        ("Crossings fell by a third, according to [the ferry operator](https://harbourline.example.com/).",
         "https://harbourline.example.com/"),
        ("Crossings fell by a third (source: https://www.island.example.gov).", "https://www.island.example.gov"),
        ("The figures come from the [statistics office](https://stats.example.gov.uk/).", "https://stats.example.gov.uk/"),
    ],
)
def test_a_home_page_offered_as_the_source_is_still_flagged(text, url):
    assert lint(text, ["homepage-link"]) == [("homepage-link", url)]


def test_context_any_flags_every_home_page():
    from dataclasses import replace

    rules = [r for r in RULES if r.id == "homepage-link"]
    kind = rules[0].kind
    kind_any = type(kind)(kind.rule_id, {**kind.p, "context": "any"})
    rule = replace(rules[0], kind=kind_any)
    text = "Sign up for [Island Alerts](https://alerts.island.example.gov) to hear about delays."
    found = RuleSet([rule]).lint_text(text, "a.md", metrics=False).findings
    assert [f.snippet for f in found] == ["https://alerts.island.example.gov"]


def test_an_email_address_or_an_anchor_is_not_a_source():
    story = "# Harbour to close for repairs\n\n" + (
        "The harbour will close for repairs next month and ferries will sail from the north quay instead. " * 14)
    contact = story + "Write to [the desk](mailto:desk@island.example.gov) or see [below](#times)."
    linked = story + "The [notice](https://island.example.gov/notices/2024/harbour-repairs) gives the dates."
    assert lint(contact, ["no-sources"]) == [("no-sources", "Harbour to close for repairs")]
    assert lint(linked, ["no-sources"]) == []
