"""Property tests: for any Unicode text, linting never raises, spans are exact, line and column
agree with the offsets, JSON output parses, and the result is deterministic."""

import json
import os
import tempfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint.cli import main
from newslint.engine import RuleSet
from newslint.lines import LineIndex
from newslint.rules import load_rules

PATHS = ("x.txt", "x.md")

FRAGMENTS = [
    # line breaks of every convention, blank lines, tabs
    "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "\n\r", "\t", "   ",
    # combining marks, emoji sequences, flags, zero-width and bidi controls
    "e\u0301", "\u0308", "a\u0323\u0302", "👍🏽", "👨‍👩‍👧", "🇬🇧", "\u200d", "\u200b", "\u200f", "\u202e", "\ufeff",
    # right-to-left text
    "مرحبا بالعالم", "قال الوزير", "שלום עולם", "אמר השר",
    # characters whose case mapping changes length, ligatures, soft hyphens, curly apostrophes
    "İstanbul", "ß", "ﬁrst", "ﬀ", "ΐ", "\u00ad", "’", "‘", "‐", "‑",
    # NULs and other control characters
    "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
    # very long words
    "x" * 300, "ground-breaking" * 40, "a" * 2000,
    # quotation marks
    "“", "”", '"', "„", "«", "»", "‹", "›", "'", '"It was a ground-breaking, historic and unprecedented day," ',
    "“We will never stop,” said Mayor Jane Smith. ", "„Ja“, sagte er. ", "«Non», dit-elle. ",
    # Q:/A: lines and FAQ headings
    "Q: ", "A: ", "Q:", "A:", "**Q:** ", "Question: ", "Answer - ", "FAQ", "## FAQ\n", "FAQs\n\n",
    "Frequently asked questions\n\n", "What is it?\n\n", "Q: What happened?\nA: The council voted.\n",
    # sources sections and links
    "Sources:", "## Sources\n", "References\n\n", "Sources: https://example.com\n",
    "https://example.com/news/2024/report", "https://example.com/", "http://x.y/(a)", "www.example.org",
    "example.com", "bbc.co.uk/news", "https://", "http://[::1", "[link](https://x.com/a)", "[a](<b c>)",
    "<https://example.com/a>", "](", "[", "]",
    # Markdown and HTML markup
    "# Headline\n", "## ", "**bold**", "*", "_", "`code`", "``", "```\ncode\n```\n", "~~~", "> quote\n",
    "- item\n", "1. item\n", "* * *\n", "| a | b |\n|---|---|\n", "<div>", "</p>", "<!-- note -->", "<!--",
    "-->", "&amp;", "&#x0;", "\\", "---\n", "---\ntitle: A ground-breaking day\n---\n", "---\ndate: 2020-02-30\n---\n",
    "---\n[1, 2\n---\n",
    # suppressions
    "<!-- newslint-disable-next-line peacock-word -->\n", "<!-- newslint-disable -->", "<!-- newslint-enable -->",
    "<!-- newslint-disable hype, nonsense -->",
    # words the shipped rules look for
    "ground-breaking ", "groundbreaking ", "unwavering ", "a testament to ", "a new era ", "experts say ",
    "many believe ", "the first ", "a record ", "the largest ever ", "50% ", "3.4 million ", "£1.2bn ",
    "because of ", "led to ", "said ", "according to ", "told reporters ", "Mr Smith ", "Dr Jones said. ",
    "arguably ", "perhaps ", "This article was generated. ", "quotes have been removed ",
    # sentence punctuation
    ". ", "! ", "? ", "…", "...", ", ", "; ", ": ", "—", "–", "(", ")",
]

_words = st.sampled_from(FRAGMENTS) | st.text(min_size=1, max_size=12)
targeted = st.lists(_words, max_size=60).map("".join)
# articles: paragraphs of fragments separated by blank lines
structured = st.lists(st.lists(_words, min_size=1, max_size=25).map("".join), max_size=10).map("\n\n".join)
any_text = st.text(max_size=400) | targeted | structured
# what a file may hold and the reader accepts: encodable as UTF-8, no NUL, no leading BOM
file_text = any_text.map(lambda t: t.replace("\x00", "").lstrip("\ufeff")).filter(
    lambda t: t.encode("utf-8", "surrogatepass").decode("utf-8", "ignore") == t
)

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@pytest.fixture(scope="module")
def ruleset():
    return RuleSet(load_rules())


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), 1-based, counted independently of LineIndex: \\r\\n, \\r and \\n end a line."""
    line, line_start, i = 1, 0, 0
    while i < offset:
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            if i + 2 <= offset:
                line, line_start = line + 1, i + 2
            i += 2
        elif text[i] in "\r\n":
            line, line_start = line + 1, i + 1
            i += 1
        else:
            i += 1
    return line, offset - line_start + 1


def check_result(text, path, result):
    assert not result.errors, result.errors
    lines = LineIndex(text)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start : f.end] == f.snippet, f
        data = f.to_dict(lines)
        assert (data["line"], data["column"]) == position(text, f.start), f
        assert (data["end_line"], data["end_column"]) == position(text, f.end), f
        assert data["text"] == f.snippet and data["start"] == f.start and data["end"] == f.end
    return [(f.start, f.end, f.rule, f.severity, f.message, f.snippet) for f in result.findings]


def lint_both_ways(ruleset, text):
    for path in PATHS:
        first = check_result(text, path, ruleset.lint_text(text, path))
        second = check_result(text, path, ruleset.lint_text(text, path))
        assert first == second, path  # deterministic: identical findings in identical order


@SETTINGS
@given(text=any_text)
@example(text="")
@example(text="\r\n\r\r\n\n")
@example(text="\x00")
@example(text="---\ndate: 2020-02-30\n---\nThe ground-breaking plan.\n")
@example(text="“It was ground-breaking,” said Mr Smith.\r\rQ: Why?\rA: Because.\r\rSources:\rhttps://example.com/")
@example(text="Q:\nA:\nQ:\nA:")
@example(text="# FAQ\n\nWhat?\n\n## Sources\n\n- example.com\n")
@example(text="İİİİ ground-breaking ﬁrst record ß")
@example(text="_")  # a Markdown paragraph of markup only (used to raise IndexError)
def test_lint_text_never_fails_and_spans_are_exact(ruleset, text):
    lint_both_ways(ruleset, text)


def test_line_index_agrees_with_independent_count():
    text = "a\r\nb\rc\nd\r\n\r\ne\n\rf\r"
    lines = LineIndex(text)
    for offset in range(len(text) + 1):
        assert lines.position(offset) == position(text, offset), offset


@SETTINGS
@given(text=any_text, data=st.data())
def test_line_index_positions(text, data):
    lines = LineIndex(text)
    for offset in data.draw(st.lists(st.integers(0, len(text)), max_size=20)):
        assert lines.position(offset) == position(text, offset)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=file_text, markdown=st.booleans(), jobs=st.sampled_from(["1", "2"]))
@example(text="Q: a\r\nA: b\r\n", markdown=True, jobs="1")
@example(text="", markdown=False, jobs="1")
def test_json_output_parses_and_matches_the_file(text, markdown, jobs):
    name = "x.md" if markdown else "x.txt"
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        runs = [
            CliRunner().invoke(main, ["--no-cache", "-j", jobs, "--format", "json", path]) for _ in range(2)
        ]
    for result in runs:
        assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
        assert "Traceback" not in result.output
        assert "error" not in result.stderr
    data = json.loads(runs[0].stdout)
    assert data == json.loads(runs[1].stdout)
    (entry,) = data["files"]
    assert "errors" not in entry
    for f in entry["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
        assert (f["line"], f["column"]) == position(text, f["start"])
        assert (f["end_line"], f["end_column"]) == position(text, f["end"])
    assert data["summary"]["findings"] == len(entry["findings"])
