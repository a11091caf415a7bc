"""The bundled example articles: the sloppy promotional piece trips every category of check, the
clean, sourced report trips nothing.

Each expected finding below was checked by reading the article: it is a real problem, at the
span given.
"""

from pathlib import Path

import pytest

from newslint.document import Document
from newslint.engine import RuleSet
from newslint.reading import read_path
from newslint.rules import load_rules

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HEADLINE = "Harbourside Solar Array Ushers In A New Era For Kestrel Bay"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def lint_example(rules, name):
    path = EXAMPLES / name
    text = read_path(str(path))
    result = RuleSet(rules).lint_document(Document(text, str(path)), metrics=True)
    assert not result.errors, result.errors
    for f in result.findings:
        assert text[f.start : f.end] == f.snippet
    return result


def test_sloppy_promo(rules):
    result = lint_example(rules, "sloppy-promo.md")
    assert sorted({f.rule for f in result.findings}) == [
        "ai-boilerplate",  # "Ushers In", "a testament to", "sets the stage for", ...
        "faq-redundant-answer",  # both FAQ answers restate the first paragraph
        "homepage-link",  # the council home page and a bare domain in the sources
        "hype-density",  # 21 hype hits in 266 words
        "no-named-quote",  # its one quotation is invented and has no speaker
        "peacock-word",  # "ground-breaking", "iconic", "unwavering", ...
        "quote-meta-text",  # "While the original article featured direct quotes ..."
        "unattributed-quote",  # "The array marks a historic turning point ..."
        "unsourced-statement",  # "The array produced a record amount ...": a story this dense with hype cites nothing
        "unspecific-sources",  # nothing in "Sources:" points to a specific page
        "unsupported-claim",  # "the biggest ... in the world", "a record amount": no source
        "weasel-attribution",  # "Experts say", "many believe"
    ]
    categories = {r.id: r.category for r in rules}
    assert {categories[f.rule] for f in result.findings} == {
        "hype",
        "missing-quotes",
        "unsupported-claims",
        "citation-presence",
        "faq-redundancy",
    }
    # every sentence of the story's paragraphs that cites nothing, in a story this dense with hype
    # (the FAQ, the sources list and the headline are not the story's paragraphs)
    unsourced = [f.snippet for f in result.findings if f.rule == "unsourced-statement"]
    assert [s[:30] for s in unsourced] == [
        "The sleepy town of Kestrel Bay", "The iconic array, moored in th", "Experts say the project could ",
        "The array produced a record am", "The unwavering commitment of t", "This breathtaking feat of engi",
        "While the original article fea", "As we look to the future, the ",
    ]
    # the other findings, in order, with the exact text each one marks
    assert [(f.rule, f.snippet) for f in result.findings if f.rule != "unsourced-statement"] == [
        ("hype-density", HEADLINE),
        ("no-named-quote", HEADLINE),
        ("ai-boilerplate", "Ushers In"),
        ("ai-boilerplate", "A New Era"),
        ("ai-boilerplate", "a journey of"),
        ("peacock-word", "ground-breaking"),
        ("peacock-word", "momentous"),
        ("ai-boilerplate", "cements its"),
        ("ai-boilerplate", "at the forefront of"),
        ("peacock-word", "iconic"),
        ("unsupported-claim", "the biggest floating solar farm in the world"),
        ("weasel-attribution", "Experts say"),
        ("weasel-attribution", "many believe"),
        ("ai-boilerplate", "inspire future generations"),
        ("unsupported-claim", "a record amount"),
        ("peacock-word", "unwavering"),
        ("peacock-word", "cutting-edge"),
        ("peacock-word", "breathtaking"),
        ("ai-boilerplate", "a testament to"),
        ("ai-boilerplate", "the power of collaboration"),
        ("ai-boilerplate", "serves as a reminder"),
        ("ai-boilerplate", "the boundless potential"),  # covers the peacock word inside it
        (
            "faq-redundant-answer",
            "The Kestrel Bay solar array is a floating solar farm moored in the old harbour of the town.",
        ),
        ("faq-redundant-answer", "The floating solar array is moored in the old harbour at Kestrel Bay."),
        ("quote-meta-text", "the original article featured direct quotes"),
        ("quote-meta-text", "we can provide a descriptive sentence"),
        (
            "unattributed-quote",
            '"The array marks a historic turning point for our whole coastline and our children\'s future."',
        ),
        ("ai-boilerplate", "As we look to the future"),
        ("ai-boilerplate", "sets the stage for"),
        ("ai-boilerplate", "a new chapter"),
        ("ai-boilerplate", "pushing the boundaries"),
        ("unspecific-sources", "Sources:"),
        ("homepage-link", "https://www.kestrelbay-council.example.org/"),
        ("homepage-link", "energy-news-daily.com"),
    ]
    severities = [str(f.severity) for f in result.findings]
    assert (severities.count("error"), severities.count("warning"), severities.count("info")) == (2, 2, 38)
    assert result.metrics["words"] == 266
    assert result.metrics["hype_per_1000"] == pytest.approx(1000 * 21 / 266, abs=0.01)


def test_clean_report(rules):
    result = lint_example(rules, "clean-report.md")
    assert result.findings == []
    assert result.metrics["quotes"] == 3
    assert result.metrics["links"] == 1
    assert result.metrics["hype_per_1000"] == 0.0
