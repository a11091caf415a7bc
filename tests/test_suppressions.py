"""Inline suppressions: HTML comments, in Markdown and (the same comment on its own line) in
plain text: disable-next-line, disable/enable ranges, by rule id, by category, or for all rules."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newslint.cli import main


pytestmark = pytest.mark.usefixtures("isolated")


def run(*args: str):
    return CliRunner().invoke(main, ["--no-cache", *args])


def lint(tmp_path, text: str, suffix: str, *options: str) -> list[tuple[str, int, str]]:
    path = tmp_path / f"article{suffix}"
    path.write_text(text, encoding="utf-8")
    result = run("--format", "jsonl", *options, path.name)
    assert result.exit_code in (0, 1), result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return [(r["rule"], r["line"], r["text"]) for r in rows]


BOTH = pytest.mark.parametrize("suffix", [".md", ".txt"])


@BOTH
def test_disable_next_line_for_one_rule(tmp_path, suffix):
    text = (
        "# Pier reopens\n"
        "\n"
        "<!-- newslint-disable-next-line peacock-word -->\n"
        "The ground-breaking pier reopened on Monday, near the old quay.\n"
        "\n"
        "The momentous pier has a new cafe, near the old quay.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "hype") == [("peacock-word", 6, "momentous")]


@BOTH
def test_disable_next_line_covers_the_next_paragraph_with_text(tmp_path, suffix):
    """A hard-wrapped paragraph is one block: the directive covers all of its lines (issue 11
    item 10), and nothing after it."""
    text = (
        "<!-- newslint-disable-next-line peacock-word -->\n"
        "\n"
        "The ground-breaking pier reopened,\n"
        "and its momentous cafe opened too, near the old quay.\n"
        "\n"
        "The iconic bandstand opens next week, near the old quay.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "hype") == [("peacock-word", 6, "iconic")]


@BOTH
def test_disable_next_line_for_another_rule_does_not_suppress(tmp_path, suffix):
    text = (
        "<!-- newslint-disable-next-line weasel-attribution, ai-boilerplate -->\n"
        "The ground-breaking pier reopened, and experts say its iconic deck will last, near the old quay.\n"
    )
    found = lint(tmp_path, text, suffix, "--select", "peacock-word", "--select", "weasel-attribution")
    assert found == [("peacock-word", 2, "ground-breaking"), ("peacock-word", 2, "iconic")]


@BOTH
def test_disable_enable_range(tmp_path, suffix):
    text = (
        "The trailblazing ferry sails at noon, from the harbour.\n"
        "\n"
        "<!-- newslint-disable peacock-word -->\n"
        "\n"
        "The breathtaking view from the deck, from the harbour.\n"
        "\n"
        "An unwavering crew built the boat, from the harbour.\n"
        "\n"
        "<!-- newslint-enable peacock-word -->\n"
        "\n"
        "The world-class galley serves tea, from the harbour.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "peacock-word") == [
        ("peacock-word", 1, "trailblazing"),
        ("peacock-word", 11, "world-class"),
    ]


@BOTH
def test_disable_without_enable_runs_to_the_end(tmp_path, suffix):
    text = (
        "The trailblazing ferry sails at noon, from the harbour.\n"
        "\n"
        "<!-- newslint-disable peacock-word -->\n"
        "The breathtaking view from the deck, from the harbour.\n"
        "\n"
        "The world-class galley serves tea, from the harbour.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "peacock-word") == [("peacock-word", 1, "trailblazing")]


@BOTH
def test_a_category_name_suppresses_every_rule_in_it(tmp_path, suffix):
    text = (
        "<!-- newslint-disable hype -->\n"
        "The ground-breaking ferry ushers in a new era, and experts say so, from the harbour.\n"
        "<!-- newslint-enable hype -->\n"
        "\n"
        "The momentous galley is a testament to the cooks, from the harbour.\n"
    )
    found = lint(tmp_path, text, suffix, "--select", "hype", "--select", "weasel-attribution")
    assert ("weasel-attribution", 2, "experts say") in found  # another category is still reported
    assert [f for f in found if f[1] == 2 and f[0] != "weasel-attribution"] == []
    assert ("peacock-word", 5, "momentous") in found and ("ai-boilerplate", 5, "a testament to") in found


@BOTH
def test_a_directive_without_rule_ids_suppresses_every_rule(tmp_path, suffix):
    text = (
        "<!-- newslint-disable-next-line -->\n"
        "The ground-breaking ferry ushers in a new era, and experts say so, from the harbour.\n"
        "\n"
        "The momentous galley opened, and many believe it is the best, from the harbour.\n"
    )
    found = lint(tmp_path, text, suffix, "--select", "hype", "--select", "unsupported-claims")
    assert found and all(line == 4 for _, line, _ in found)
    assert ("peacock-word", 4, "momentous") in found


@BOTH
def test_directive_lines_are_not_prose(tmp_path, suffix):
    # the comment itself holds words that would otherwise be flagged (two hype words: peacock-word
    # reports only in an article with two or more hype hits)
    text = (
        "<!-- newslint-disable-next-line weasel-attribution -- the ground-breaking, momentous study's own wording -->\n"
        "Experts say the pier will last, near the old quay.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "unsupported-claims", "--select", "hype") == []


@BOTH
def test_prose_between_two_directive_lines_is_still_checked(tmp_path, suffix):
    # regression: in plain text, a paragraph wrapped by disable/enable lines was read as one long
    # comment, so every rule (not only the disabled ones) went silent on it
    text = (
        "<!-- newslint-disable peacock-word -->\n"
        "The ground-breaking ferry is new, and experts say so, from the harbour.\n"
        "<!-- newslint-enable peacock-word -->\n"
    )
    found = lint(tmp_path, text, suffix, "--select", "peacock-word", "--select", "weasel-attribution")
    assert found == [("weasel-attribution", 2, "experts say")]


@BOTH
def test_unused_suppressions_are_reported_at_the_directive(tmp_path, suffix):
    text = (
        "# Ferry timetable\n"
        "\n"
        "<!-- newslint-disable-next-line peacock-word -->\n"
        "The ground-breaking, iconic ferry sails at noon, from the harbour.\n"  # two hype words: reported, so suppressed
        "\n"
        "<!-- newslint-disable-next-line weasel-attribution -->\n"
        "The ferry sails at noon, the captain said.\n"
        "\n"
        "<!-- newslint-disable ai-boilerplate -->\n"
        "The cafe opens at nine, the captain said.\n"
        "<!-- newslint-enable ai-boilerplate -->\n"
    )
    path = tmp_path / f"article{suffix}"
    path.write_text(text, encoding="utf-8")
    assert lint(tmp_path, text, suffix, "--select", "hype", "--select", "weasel-attribution") == []
    result = run("--format", "jsonl", "--select", "hype", "--select", "weasel-attribution",
                 "--report-unused-suppressions", path.name)
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["rule"], r["line"], r["column"], r["end_line"]) for r in rows] == [
        ("unused-suppression", 6, 1, 6),
        ("unused-suppression", 9, 1, 9),
    ]
    assert rows[0]["text"] == "<!-- newslint-disable-next-line weasel-attribution -->"
    assert rows[0]["end_column"] == len(rows[0]["text"]) + 1
    assert text[rows[1]["start"] : rows[1]["end"]] == "<!-- newslint-disable ai-boilerplate -->"
    assert "suppresses no finding" in rows[0]["message"]
    # and in the text format, under its own rule id
    shown = run("--select", "hype", "--report-unused-suppressions", path.name)
    assert f"{path.name}:6:1: warning unused-suppression " in shown.stdout



# --- issue 11 items 8-10: file-wide suppressions, inert examples, unknown names, next block ---------

STORY = """The winter ferry timetable starts on Monday, and the first boat will leave the north quay at six.
Boats will sail every ninety minutes until eight in the evening, two fewer crossings than in summer.
The last boat on Fridays and Saturdays will leave at ten, so that late workers can still get home.
Cars must be booked a day ahead on weekdays, and two days ahead at weekends and on holidays.
Cyclists can still turn up without a booking, and bicycles travel free as they did before.
Season tickets bought before the change stay valid until March, and fares do not change.
The cafe on the upper deck will close for the winter and open again at Easter with a new menu.
The car park by the south quay will be resurfaced in December, so drivers should allow more time.
A shuttle bus will run from the station to the quay for every sailing while the work goes on.
Experts say it is the biggest timetable change ever made on the island, and critics say it is the first of its kind in the world.
"""  # a news story of more than 150 words that quotes nobody, with unsourced claims: no-named-quote


def article(body: str, front: str = "") -> str:
    return (f"---\ntitle: Ferry timetable changes\n{front}---\n\n" if front is not None else "") + body


@pytest.mark.parametrize(
    "text",
    [
        article(STORY + "\n<!-- newslint-disable-file no-named-quote -->\n"),
        article("<!-- newslint-disable-file missing-quotes -->\n\n" + STORY),
        article(STORY, "newslint:\n  disable: [no-named-quote]\n"),
        article(STORY, "newslint: {disable: missing-quotes}\n"),
    ],
)
def test_article_level_findings_are_suppressed_file_wide(tmp_path, text):
    assert lint(tmp_path, article(STORY), ".md", "--select", "no-named-quote") == [
        ("no-named-quote", 2, "Ferry timetable changes")]
    assert lint(tmp_path, text, ".md", "--select", "no-named-quote") == []


def test_an_unknown_name_in_a_directive_is_a_warning_with_did_you_mean(tmp_path):
    text = "<!-- newslint-disable-next-line peacok-word -->\nThe iconic pier reopened, near the old quay.\n"
    result = run("--select", "hype", (tmp_path / "a.md").name) if (tmp_path / "a.md").write_text(text) else None
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "a.md:1:1: warning unknown-suppression unknown rule or category 'peacok-word' in "
        "newslint-disable-next-line (did you mean 'peacock-word'?)")
    front = article(STORY, "newslint: {disable: [no-named-qoute]}\n")
    assert lint(tmp_path, front, ".md", "--select", "peacock-word") == [
        ("unknown-suppression", 3, "disable: [no-named-qoute]}")]


CODE_SAMPLES = [
    "```html\n<!-- newslint-disable -->\n```\n",
    "    <!-- newslint-disable -->\n",
    "Write `<!-- newslint-disable -->` above the paragraph.\n",
    '{{< highlight html >}}{{ "<!-- newslint-disable -->" }}{{< /highlight >}}\n',
]


@pytest.mark.parametrize("sample", CODE_SAMPLES)
def test_a_directive_shown_in_code_or_a_template_tag_is_inert(tmp_path, sample):
    text = "# How to silence newslint\n\n" + sample + "\nThe iconic pier reopened, near the old quay.\n"
    assert lint(tmp_path, text, ".md", "--select", "peacock-word") == [("peacock-word", text.count("\n") - 0, "iconic")]


HTML_CODE_SAMPLES = [
    "<pre>\n<!-- newslint-disable -->\n</pre>\n",
    '<pre class="example"><code><!-- newslint-disable peacock-word --></code></PRE>\n',
    "<p>Put <code>&lt;!-- x --&gt;<!-- newslint-disable --></code> above the paragraph.</p>\n",
]


@pytest.mark.parametrize("suffix", [".md", ".html"])
@pytest.mark.parametrize("sample", HTML_CODE_SAMPLES)
def test_a_directive_inside_html_pre_or_code_is_inert(tmp_path, sample, suffix):
    story = "The iconic pier reopened, near the old quay."
    if suffix == ".html":
        text = "<h1>How to silence newslint</h1>\n\n" + sample + f"\n<p>{story}</p>\n"
    else:  # in Markdown the element is raw HTML between Markdown paragraphs
        text = "# How to silence newslint\n\n" + sample + f"\n{story}\n"
    assert lint(tmp_path, text, suffix, "--select", "peacock-word") == [("peacock-word", text.count("\n"), "iconic")]
    # the same directive outside the element still works
    live = text.replace("<pre>", "").replace("</pre>", "").replace('<pre class="example">', "").replace(
        "</PRE>", "").replace("<code>", "").replace("</code>", "")
    assert lint(tmp_path, live, suffix, "--select", "peacock-word") == []


def test_a_pre_tag_named_in_inline_code_or_left_unclosed_opens_no_code(tmp_path):
    text = ("Wrap samples in `<pre>`, and close it with `</pre>` later.\n\n<pre>never closed\n\n"
            "<!-- newslint-disable-next-line peacock-word -->\nThe iconic pier reopened, the council said.\n")
    assert lint(tmp_path, text, ".md", "--select", "peacock-word") == []


@pytest.mark.parametrize(
    "block",
    [
        "> The iconic pier reopened,\n> the council said.\n",
        "- The iconic pier reopened,\n  the council said.\n",
    ],
)
def test_disable_next_line_covers_a_block_quote_or_a_list_item(tmp_path, block):
    text = "<!-- newslint-disable-next-line peacock-word -->\n" + block.replace("council", "iconic council")
    assert lint(tmp_path, text, ".md", "--select", "peacock-word") == []
