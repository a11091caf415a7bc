"""Markdown input: prose is checked, markup is not, and positions point into the original file.

YAML front matter is never linted as prose; its ``title`` anchors article-level findings and
the URLs of its ``sources:`` list count as the article's citations.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newslint.cli import main


@pytest.fixture(autouse=True)
def _isolated(isolated):
    # article-level citation checks start at a word count; keep these short articles above it
    (isolated / ".newslint.yaml").write_text("rules:\n  no-sources:\n    params: {min_words: 50}\n")


def run(*args: str):
    return CliRunner().invoke(main, ["--no-cache", *args])


def findings(path, *options: str) -> list[dict]:
    """The findings for one file (jsonl), each checked against the file's own text."""
    result = run("--format", "jsonl", *options, str(path))
    assert result.exit_code in (0, 1), result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    text = open(path, encoding="utf-8-sig", newline="").read()
    lines = text.splitlines(keepends=True)
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        # line and column point at the same character as the offset
        line = lines[row["line"] - 1]
        assert line[row["column"] - 1 :].startswith(row["text"].split("\n")[0])
    return rows


def at(rows, rule=None):
    return [(r["rule"], r["line"], r["column"], r["text"]) for r in rows if rule is None or r["rule"] == rule]


def write(path, text: str):
    path.write_text(text, encoding="utf-8", newline="")
    return path


# --- prose is checked, markup is not -------------------------------------------------------------

MARKUP = """\
# The trailblazing tram returns

- The first car is plain, the depot manager said.
- The second car is **unwavering** in the rain, in the rain.

> Riders called it a breathtaking ride, on the hill.

Inline code: `a ground-breaking variable` is not prose, in the depot.

See [the world-class timetable](https://trams.example.org/momentous-plan/2024) for times.

Autolink: <https://trams.example.org/jaw-dropping/route-map> in a sentence.

Inline <abbr title="indomitable">HTML tags</abbr> keep their attributes out of the prose.

```text
A fenced block with a game-changing, cutting-edge quote.
```

    An indented code block about a mind-blowing tram.

<div class="note">
An HTML block: an awe-inspiring depot.
</div>

<!-- an HTML comment: a must-see tram -->

| stop | note |
| --- | --- |
| Quay | an unparalleled view |
"""


def test_prose_in_headings_lists_quotes_and_link_text_is_checked(tmp_path):
    rows = findings(write(tmp_path / "tram.md", MARKUP), "--select", "peacock-word")
    assert at(rows) == [
        ("peacock-word", 1, 7, "trailblazing"),
        ("peacock-word", 4, 23, "unwavering"),
        # line 6 is a block quote: prose, but quoted, so not the writer's hype (test_site_markup.py)
        ("peacock-word", 10, 10, "world-class"),  # a link's text is prose; its URL is not
    ]
    from newslint.document import Document

    doc = Document(MARKUP, "tram.md")
    quoted = [b for b in doc.body_blocks if doc.in_block_quote(b.start)]
    assert [doc.span_text(b) for b in quoted] == ["Riders called it a breathtaking ride, on the hill."]


@pytest.mark.parametrize(
    "word",
    ["ground-breaking", "momentous", "jaw-dropping", "indomitable", "game-changing", "cutting-edge",
     "mind-blowing", "awe-inspiring", "must-see", "unparalleled"],
)
def test_code_urls_html_comments_and_tables_are_not_linted(tmp_path, word):
    rows = findings(write(tmp_path / "tram.md", MARKUP), "--select", "peacock-word")
    assert word not in [r["text"].lower() for r in rows]


def test_markdown_is_recognised_by_suffix_and_plain_text_is_not_masked(tmp_path):
    # two hype words: peacock-word reports only in an article with two or more hype hits
    body = "The depot uses `a ground-breaking, iconic crane`, in the yard.\n"
    assert at(findings(write(tmp_path / "a.markdown", body), "--select", "peacock-word")) == []
    # in a .txt file backticks are ordinary characters: the words between them are prose
    assert at(findings(write(tmp_path / "a.txt", body), "--select", "peacock-word")) == [
        ("peacock-word", 1, 19, "ground-breaking"),
        ("peacock-word", 1, 36, "iconic"),
    ]


def test_positions_count_from_the_original_file_with_front_matter_and_crlf(tmp_path):
    text = (
        "---\r\n"
        "title: Quay works finish\r\n"
        "author: Desk\r\n"
        "---\r\n"
        "\r\n"
        "Work on the quay ended on Friday, the harbour master said.\r\n"
        "\r\n"
        "* The new steps are *state-of-the-art* and world-class, in the rain.\r\n"
    )
    path = write(tmp_path / "quay.md", text)
    rows = findings(path, "--select", "peacock-word")
    assert at(rows) == [("peacock-word", 8, 22, "state-of-the-art"), ("peacock-word", 8, 44, "world-class")]
    assert rows[0]["end_line"] == 8 and rows[0]["end_column"] == 38
    assert rows[1]["end_line"] == 8 and rows[1]["end_column"] == 55


def test_a_byte_order_mark_is_skipped_and_columns_stay_right(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff# Quay\n\nThe steps are state-of-the-art and world-class, in the rain.\n".encode("utf-8"))
    rows = findings(path, "--select", "peacock-word")
    assert at(rows) == [("peacock-word", 3, 15, "state-of-the-art"), ("peacock-word", 3, 36, "world-class")]
    assert rows[0]["start"] == len("# Quay\n\nThe steps are ")
    assert rows[1]["start"] == len("# Quay\n\nThe steps are state-of-the-art and ")


# --- front matter ------------------------------------------------------------------------------

STORY = """\
The island ferry will run four times a day from November instead of six, with the first
crossing leaving the harbour at seven in the morning and the last at six in the evening.
Fares stay the same, and season tickets bought before the change remain valid until March.
The cafe on the upper deck will close for the winter and reopen at Easter with a new menu.
Cars must be booked a day ahead on weekdays, and two days ahead at weekends and on holidays.
Cyclists can still turn up without a booking, and bicycles travel free as they did before.
The harbour car park will be resurfaced in December, so drivers should allow extra time.
"""
# two unsourced claims: a story that asserts things and quotes nobody (no-named-quote, no-sources)
CLAIMS = "Experts say it is the biggest timetable change ever made on the island.\n"
STORY += CLAIMS


def test_front_matter_is_never_linted_as_prose_but_its_title_and_summary_are(tmp_path):
    """Tags, dates and source lists are data; the title and summary are what the reader sees
    (issue 11 item 7): they are checked as prose, with findings at their lines."""
    fields = (
        "tags: [breathtaking, unwavering, momentous, world-class]\n"
        "sources:\n"
        "  - https://ferries.example.org/notices/2024/winter-timetable\n"
    )
    data_only = "---\ntitle: Winter ferry timetable\n" + fields + "---\n\n" + STORY.replace(CLAIMS, "")
    assert at(findings(write(tmp_path / "data.md", data_only))) == []
    text = (
        "---\n"
        "title: A ground-breaking, momentous ferry timetable\n"
        "summary: Experts say this world-class change ushers in a new era.\n"
        + fields + "---\n\n" + STORY.replace(CLAIMS, "")
    )
    assert at(findings(write(tmp_path / "ferry.md", text), "--select", "hype,weasel-attribution")) == [
        ("hype-density", 2, 8, "A ground-breaking, momentous ferry timetable"),
        ("peacock-word", 2, 10, "ground-breaking"),
        ("peacock-word", 2, 27, "momentous"),
        ("weasel-attribution", 3, 10, "Experts say"),
        ("peacock-word", 3, 27, "world-class"),
        ("ai-boilerplate", 3, 46, "ushers in"),
        ("ai-boilerplate", 3, 56, "a new era"),
    ]


def test_front_matter_that_is_not_a_yaml_mapping_is_still_not_prose(tmp_path):
    # "title: ...: ..." is invalid YAML (an unquoted colon); the block is front matter all the same
    text = "---\ntitle: The ground-breaking, momentous ferry: what changes\n---\n\nThe ferry sails twice a day, all year.\n"
    assert at(findings(write(tmp_path / "ferry.md", text), "--select", "hype")) == []


def test_front_matter_title_anchors_article_level_findings(tmp_path):
    text = '---\ndate: 2024-10-01\ntitle: "Ferry timetable changes for the winter"\n---\n\n' + STORY
    rows = findings(write(tmp_path / "ferry.md", text), "--select", "no-sources")
    assert at(rows) == [("no-sources", 3, 9, "Ferry timetable changes for the winter")]


def test_the_front_matter_title_is_the_headline_even_below_a_body_heading(tmp_path):
    """A site's layout prints the title above the body: the body's own first heading is a
    heading, not the headline (issue 11 item 6)."""
    text = "---\ntitle: Winter ferries\n---\n\n# Fewer ferries this winter\n\n" + STORY
    rows = findings(write(tmp_path / "ferry.md", text), "--select", "no-sources")
    assert at(rows) == [("no-sources", 2, 8, "Winter ferries")]


def test_a_sources_list_in_front_matter_counts_as_citations(tmp_path):
    text = (
        "---\n"
        "title: Ferry timetable changes for the winter\n"
        "sources:\n"
        "  - https://ferries.example.org/notices/2024/winter-timetable\n"
        "---\n\n" + STORY
    )
    assert at(findings(write(tmp_path / "ferry.md", text), "--select", "citation-presence")) == []
    # the same article without the list names no source
    bare = "---\ntitle: Ferry timetable changes for the winter\n---\n\n" + STORY
    assert [r["rule"] for r in findings(write(tmp_path / "bare.md", bare), "--select", "citation-presence")] == [
        "no-sources"
    ]


def test_a_home_page_in_front_matter_sources_is_reported_where_it_is_written(tmp_path):
    text = (
        "---\n"
        "title: Ferry timetable changes for the winter\n"
        "sources:\n"
        "  - https://ferries.example.org/notices/2024/winter-timetable\n"
        "  -   https://www.island-council.example.org/\n"
        "---\n\n" + STORY
    )
    rows = findings(write(tmp_path / "ferry.md", text), "--select", "citation-presence")
    assert at(rows) == [("homepage-link", 5, 7, "https://www.island-council.example.org/")]
    assert (rows[0]["end_line"], rows[0]["end_column"]) == (5, 7 + len("https://www.island-council.example.org/"))


def test_front_matter_home_page_in_text_output(tmp_path):
    text = "---\ntitle: Ferries\nsources: [https://www.island-council.example.org]\n---\n\n" + STORY
    write(tmp_path / "ferry.md", text)
    # the home page link is a warning here, whatever the shipped default, so it fails the default gate
    (tmp_path / ".newslint.yaml").write_text(
        "rules:\n  no-sources:\n    params: {min_words: 50}\n  homepage-link: {severity: warning}\n"
    )
    result = run("--select", "homepage-link", "ferry.md")
    assert result.exit_code == 1
    assert result.stdout.startswith("ferry.md:3:11: warning homepage-link 'https://www.island-council.example.org'")
