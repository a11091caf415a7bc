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
        "The ground-breaking pier reopened on Monday, the council said.\n"
        "\n"
        "The momentous pier has a new cafe, the council said.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "hype") == [("peacock-word", 6, "momentous")]


@BOTH
def test_disable_next_line_covers_only_the_next_line_with_text(tmp_path, suffix):
    text = (
        "<!-- newslint-disable-next-line peacock-word -->\n"
        "\n"
        "The ground-breaking pier reopened,\n"
        "and its momentous cafe opened too, the council said.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "hype") == [("peacock-word", 4, "momentous")]


@BOTH
def test_disable_next_line_for_another_rule_does_not_suppress(tmp_path, suffix):
    text = (
        "<!-- newslint-disable-next-line weasel-attribution, ai-boilerplate -->\n"
        "The ground-breaking pier reopened, and experts say its iconic deck will last, the council said.\n"
    )
    found = lint(tmp_path, text, suffix, "--select", "peacock-word", "--select", "weasel-attribution")
    assert found == [("peacock-word", 2, "ground-breaking"), ("peacock-word", 2, "iconic")]


@BOTH
def test_disable_enable_range(tmp_path, suffix):
    text = (
        "The trailblazing ferry sails at noon, the captain said.\n"
        "\n"
        "<!-- newslint-disable peacock-word -->\n"
        "\n"
        "The breathtaking view from the deck, the captain said.\n"
        "\n"
        "An unwavering crew built the boat, the captain said.\n"
        "\n"
        "<!-- newslint-enable peacock-word -->\n"
        "\n"
        "The world-class galley serves tea, the captain said.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "peacock-word") == [
        ("peacock-word", 1, "trailblazing"),
        ("peacock-word", 11, "world-class"),
    ]


@BOTH
def test_disable_without_enable_runs_to_the_end(tmp_path, suffix):
    text = (
        "The trailblazing ferry sails at noon, the captain said.\n"
        "\n"
        "<!-- newslint-disable peacock-word -->\n"
        "The breathtaking view from the deck, the captain said.\n"
        "\n"
        "The world-class galley serves tea, the captain said.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "peacock-word") == [("peacock-word", 1, "trailblazing")]


@BOTH
def test_a_category_name_suppresses_every_rule_in_it(tmp_path, suffix):
    text = (
        "<!-- newslint-disable hype -->\n"
        "The ground-breaking ferry ushers in a new era, and experts say so, the captain said.\n"
        "<!-- newslint-enable hype -->\n"
        "\n"
        "The momentous galley is a testament to the cooks, the captain said.\n"
    )
    found = lint(tmp_path, text, suffix, "--select", "hype", "--select", "weasel-attribution")
    assert ("weasel-attribution", 2, "experts say") in found  # another category is still reported
    assert [f for f in found if f[1] == 2 and f[0] != "weasel-attribution"] == []
    assert ("peacock-word", 5, "momentous") in found and ("ai-boilerplate", 5, "a testament to") in found


@BOTH
def test_a_directive_without_rule_ids_suppresses_every_rule(tmp_path, suffix):
    text = (
        "<!-- newslint-disable-next-line -->\n"
        "The ground-breaking ferry ushers in a new era, and experts say so, the captain said.\n"
        "\n"
        "The momentous galley opened, and many believe it is the best, the captain said.\n"
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
        "Experts say the pier will last, the council said.\n"
    )
    assert lint(tmp_path, text, suffix, "--select", "unsupported-claims", "--select", "hype") == []


@BOTH
def test_prose_between_two_directive_lines_is_still_checked(tmp_path, suffix):
    # regression: in plain text, a paragraph wrapped by disable/enable lines was read as one long
    # comment, so every rule (not only the disabled ones) went silent on it
    text = (
        "<!-- newslint-disable peacock-word -->\n"
        "The ground-breaking ferry is new, and experts say so, the captain said.\n"
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
        "The ground-breaking, iconic ferry sails at noon, the captain said.\n"  # two hype words: reported, so suppressed
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

