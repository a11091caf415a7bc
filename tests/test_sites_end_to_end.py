"""End to end (issue 11 item 24): a small Jekyll-style site and a small Hugo-style site, written
for newslint, linted as their authors would lint them (`newslint .` at the site's root), with
the exact findings pinned: front matter in YAML, TOML and JSON, shortcodes and template tags,
mailto, tel and anchor links, speaker labels, a sources list with prose after it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main

pytestmark = pytest.mark.usefixtures("isolated")

JEKYLL = {
    "_config.yml": "title: Harbour Gazette\nbaseurl: /gazette\n",
    ".gitignore": "_site/\n.jekyll-cache/\n",
    "_site/2024/03/04/pier-reopens.html": "<p>A ground-breaking, momentous build output.</p>\n",
    "_posts/2024-03-04-pier-reopens.md": """\
---
layout: post
title: "Pier reopens after a winter of repairs"
description: >-
  A momentous, ground-breaking day for the seafront
  as the pier opens again.
tags: [pier, unwavering, world-class]
---

{% include figure.html image="pier.jpg" caption="The pier from the beach on a grey morning" %}

The pier on the seafront reopened on Monday after repairs to its deck, the council said.
See the [opening times]({{ site.baseurl }}/visiting/) or jump to the [map](#map).

**Ann Lee:** "We rebuilt every plank that the storms had broken last winter."

Questions go to [the harbour desk](mailto:harbour@council.example.gov).

{% raw %}
Write "{{ page.title }}" in a layout, and "this is template code shown as an example".
{% endraw %}

Sources:

- [Council notice, 4 March 2024](https://council.example.gov/notices/2024/pier-reopens)

Experts say the pier will double the number of visitors this summer.
""",
    "_posts/2024-03-11-cafe.md": """\
---
layout: post
title: Cafe opens on the pier
newslint:
  disable: [hype]
---

The cafe at the end of the pier opens on Saturday, its owner, Tom Reed, said.
Its world-class, breathtaking view of the bay is the owner's own description.
""",
}

HUGO = {
    "config.toml": 'baseURL = "https://ferries.example.org/"\ntitle = "Island Ferries"\n',
    "content/news/2024/winter-timetable.md": """\
+++
title = "Winter timetable starts on Monday"
summary = "World-class crews and an unwavering winter timetable"
date = 2024-10-28
+++

{{< figure src="ferry.jpg" caption="The morning ferry leaving the north quay in the fog" >}}

The winter timetable starts on Monday, the ferry operator said.
Read the [full timetable]({{< ref "timetable.md" >}}) or [call the office](tel:+15550100).

{{< note >}}
The cafe on the upper deck, with its breathtaking view, is closed for the winter.
{{< /note >}}

{{% notice warning %}}
Sailings may be cancelled at short notice in a storm.
{{% /notice %}}

> "The new timetable is much easier to read than the old one ever was."
> — Ana Ruiz, a commuter
""",
    "content/news/2024/lamps.md": """\
{
  "title": "New lamps on the quay",
  "description": "A game-changing and trailblazing set of lamps",
  "tags": ["quay", "breathtaking", "momentous"]
}

Twelve new lamps were switched on along the quay on Friday, the harbour master said.
""",
}


def build(files: dict[str, str]) -> None:
    for name, text in files.items():
        path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def findings(*args: str) -> list[tuple]:
    result = CliRunner().invoke(main, ["--no-cache", "--format", "jsonl", *args])
    assert result.exit_code in (0, 1), result.output
    assert result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    for row in rows:  # every span is exact, in the file as written
        text = Path(row["path"]).read_text(encoding="utf-8")
        assert text[row["start"] : row["end"]] == row["text"]
    return [(r["path"], r["line"], r["column"], r["rule"], r["text"]) for r in rows]


def test_a_jekyll_site():
    build(JEKYLL)
    post = "_posts/2024-03-04-pier-reopens.md"
    assert findings(".") == [
        # the description is prose, at its lines in the front matter; tags are data
        (post, 5, 5, "peacock-word", "momentous"),
        (post, 5, 16, "peacock-word", "ground-breaking"),
        # after the sources list, the story goes on and is checked
        (post, 27, 1, "weasel-attribution", "Experts say"),
    ]


def test_a_hugo_site():
    build(HUGO)
    assert findings(".") == [
        ("content/news/2024/lamps.md", 3, 21, "peacock-word", "game-changing"),
        ("content/news/2024/lamps.md", 3, 39, "peacock-word", "trailblazing"),
        ("content/news/2024/winter-timetable.md", 3, 12, "peacock-word", "World-class"),
        ("content/news/2024/winter-timetable.md", 3, 37, "peacock-word", "unwavering"),
        # the text of a paired shortcode is prose
        ("content/news/2024/winter-timetable.md", 13, 38, "peacock-word", "breathtaking"),
    ]
