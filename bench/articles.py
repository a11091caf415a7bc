"""Generated articles for speed and sameness checks: original text, scaled by repetition.

Each shape is one short story about an invented town, made ``scale`` times longer in the way
that stresses one part of newslint:

- ``plain``: paragraphs of plain prose with hype words, claims and exceptions ("record label");
- ``faq``: a body and an FAQ whose answers restate it, both repeated;
- ``quotes``: many attributed and unattributed quotations in long paragraphs;
- ``links``: many Markdown links, home pages and specific pages, and a sources list.

``article(shape, scale)`` returns Markdown text; varied numbers keep the repeats from being
identical strings, so caches keyed by text do not hide the work. Nothing here comes from a
corpus: every sentence was written for this file.
"""

from __future__ import annotations

SHAPES = ("plain", "faq", "quotes", "links")

_PLAIN = (
    "The harbour board of Wrenmouth approved a ground-breaking plan on Tuesday to dredge the "
    "inner channel, the biggest project of its kind in the county. Work will start in spring "
    "{n} and cost about {m} million pounds, according to figures published by the board.\n\n"
    "Many believe the plan will cut waiting times for cargo ships, and experts say it could "
    "bring a record number of visitors. The town's only record label, Saltmarsh Sounds, "
    "welcomed the news, as did the ferry operator, which said sales rose by {k}% last year.\n\n"
    "This is a testament to the unwavering commitment of local people, and it marks a new era "
    "for a coastline that has probably seen its share of slumps. Some critics called the "
    "scheme a disgraceful waste, but the board said it had studied the tides for {k} years.\n\n"
)

_FAQ_BODY = (
    "The Wrenmouth lifeboat station reopened on Saturday after a refit that took {k} months. "
    "The station now has a second launch ramp and a training room for volunteers. "
    "Crews answered {n} calls last year, most of them to small boats caught by the tide.\n\n"
)

_FAQ_ITEM = (
    "Q: When did the lifeboat station reopen?\n\n"
    "A: The Wrenmouth lifeboat station reopened on Saturday after a refit. "
    "Volunteers will hold an open day in June!\n\n"
    "Q: What changed at the station?\n\n"
    "A: It now has a second launch ramp and a training room for volunteers.\n\n"
)

_QUOTES = (
    "\"We have waited a long time for this road to be mended,\" said Ines Marlow, who runs the "
    "bakery on Quay Street. \"The potholes cost us deliveries every winter.\" The council said "
    "repairs would finish by {n}. \"Nobody asked the people who live here what they wanted "
    "from the scheme at all,\" one resident complained, while another added that \"the new "
    "surface is the best thing to happen to the street in {k} years.\" \"It is a good start "
    "for the town,\" said Councillor Rhys Tarrant. \"This will change everything for every "
    "single family on the hill,\" a leaflet promised. "
)

_LINKS = (
    "The figures come from [the port authority](https://port.example.org/reports/{n}/traffic) "
    "and, according to [the county office](https://county.example.gov/), from its own survey. "
    "A summary is at https://news.example.com/wrenmouth/{k}.html and the council's page "
    "[www.wrenmouth.example.org](https://www.wrenmouth.example.org) lists the meetings.\n\n"
)


def _fill(template: str, i: int) -> str:
    return template.format(n=2020 + i % 9, m=3 + i % 17, k=5 + i % 40)


def article(shape: str, scale: int = 1) -> str:
    """A Markdown article of the given shape, its varying part repeated ``scale`` times."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; choose from {', '.join(SHAPES)}")
    title = {"plain": "Harbour Board Backs Channel Plan", "faq": "Lifeboat Station Reopens",
             "quotes": "Quay Street Repairs Begin", "links": "Port Traffic Figures Out"}[shape]
    parts = [f"# {title}\n\n"]
    if shape == "plain":
        parts += [_fill(_PLAIN, i) for i in range(scale)]
    elif shape == "faq":
        parts += [_fill(_FAQ_BODY, i) for i in range(scale)]
        parts.append("## FAQ\n\n")
        parts += [_FAQ_ITEM for _ in range(scale)]
    elif shape == "quotes":
        # paragraphs of ten quotation groups each: long blocks, many quotations per block
        for start in range(0, scale, 10):
            parts.append("".join(_fill(_QUOTES, i) for i in range(start, min(scale, start + 10))).rstrip() + "\n\n")
    else:
        parts += [_fill(_LINKS, i) for i in range(scale)]
        parts.append("## Sources\n\n- [Port authority](https://port.example.org/)\n- county.example.gov\n")
    return "".join(parts)
