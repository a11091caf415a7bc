"""report.html: one self-contained page a standards desk reads in a browser, offline.

Charts are drawn by matplotlib as SVG and inlined in the page, so the file needs no script, no
stylesheet or font from elsewhere and no network: it opens from a disk or an e-mail attachment
and prints as it shows. (SVG rather than PNG: the charts stay sharp when zoomed, and their text
is text.) Everything is computed from the store's parts one table at a time, into tallies whose size does not grow
with the number of articles: each metric's distinct values (counts, rounded rates) with how many
articles have each, the totals per author, topic and month, and the worst articles so far.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter, defaultdict

#: the worst articles shown, ranked by warning+ findings per 1,000 words
WORST = 20
#: shorter articles are not ranked: one finding in 40 words is not the archive's worst piece
WORST_MIN_WORDS = 50
#: values shown per breakdown (the most frequent)
TOP_VALUES = 15
SPAN_CHARS = 40
#: findings listed under each of the worst articles, the most severe first
FINDINGS_SHOWN = 5
MESSAGE_CHARS = 140

#: every number column of the articles table but the per-severity counts (findings and the
#: warning+ rate stand for them), as a grid of DISTRIBUTION_COLUMNS histograms
DISTRIBUTIONS = (
    ("words", "words per article"),
    ("paragraphs", "paragraphs"),
    ("findings", "findings (any severity)"),
    ("warnings_per_1000", "warning+ findings per 1,000 words"),
    ("hype_per_1000", "hype per 1,000 words"),
    ("readability_grade", "readability grade (Flesch-Kincaid)"),
    ("quotes", "quotations"),
    ("attributed_quotes", "quotations with a speaker or source"),
    ("named_sources", "quotations from named speakers"),
    ("unsupported_claims", "unsupported claims"),
    ("links", "links"),
    ("faq_items", "FAQ items"),
)
DISTRIBUTION_COLUMNS = 4
BREAKDOWNS = (("authors", "author"), ("sections", "section or category"), ("topics", "topic"), ("tags", "tag"))
NUMBERS = ("words", "paragraphs", "findings", "errors", "warnings", "infos", "warnings_per_1000", "hype_per_1000", "quotes",
           "attributed_quotes", "named_sources", "links", "unsupported_claims", "faq_items", "faq_redundant",
           "readability_grade")


def write_report(store, path: str) -> None:
    from ..writing import write_atomically

    write_atomically(path, render(store))


def render(store) -> str:
    data = _articles(store)
    rules, worst_findings = _findings(store, {p for p, _ in data["worst"]})
    parts = [_head(), "<h1>newslint audit</h1>", _totals(data), _worst(data, worst_findings)]
    parts.append(_section("Distributions", "Each metric over the audited articles.", [_distributions(data)]))
    breakdowns = [_breakdown(data, field, label) for field, label in BREAKDOWNS if data["groups"][field]]
    if data["months"]:
        breakdowns.insert(0, _by_month(data))
    parts.append(_section("Breakdowns", "By the front matter fields the articles have."
                          if breakdowns else "No article has an author, section, topic, tag or date in its front matter.", breakdowns))
    parts.append(_rules(rules, data["ok"]))
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


# --- data ----------------------------------------------------------------------------------------


class Spread:
    """One metric over the audited articles, as its distinct values and how many articles have
    each: exact totals, medians, percentiles and histograms in memory bounded by the number of
    distinct values (the metrics are counts or rounded rates), not by the number of articles."""

    def __init__(self) -> None:
        self._counts: Counter = Counter()

    def add(self, values) -> None:
        import numpy as np

        values = values[~np.isnan(values)]
        if len(values):
            distinct, counts = np.unique(values, return_counts=True)
            self._counts.update(dict(zip(distinct.tolist(), counts.tolist())))

    def arrays(self):
        """(sorted distinct values, articles with each) as numpy arrays."""
        import numpy as np

        keys = sorted(self._counts)
        return np.array(keys, dtype=float), np.array([self._counts[k] for k in keys], dtype=np.int64)

    def __len__(self) -> int:
        return sum(self._counts.values())

    def total(self) -> float:
        return sum(v * n for v, n in self._counts.items())

    def percentile(self, q: float) -> float:
        """As ``numpy.percentile(values, q)`` (linear interpolation) over the articles' values."""
        import numpy as np

        values, counts = self.arrays()
        ends = np.cumsum(counts)
        h = (ends[-1] - 1) * q / 100
        low = int(np.floor(h))

        def nth(k: int) -> float:  # the k-th smallest article value, 0-based
            return values[int(np.searchsorted(ends, k, side="right"))]

        a = nth(low)
        return a if h == low else a + (h - low) * (nth(min(low + 1, ends[-1] - 1)) - a)


def _articles(store) -> dict:
    import pyarrow as pa
    import pyarrow.compute as pc

    spreads = {name: Spread() for name in NUMBERS}
    statuses: Counter = Counter()
    flagged = quoting = 0  # articles with a warning or an error; quoting a named source
    groups = {field: defaultdict(lambda: [0, 0.0, 0, 0.0]) for field, _ in BREAKDOWNS}
    months = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    ranked: list[tuple] = []
    columns = ["path", "status", "title", "date", *NUMBERS, *(f for f, _ in BREAKDOWNS)]
    for table in store.tables("articles", columns=columns):
        statuses.update(table.column("status").to_pylist())
        table = table.filter(pc.equal(table.column("status"), "ok"))
        numbers = {}
        for name in NUMBERS:  # nulls (no words, no readability) become NaN
            numbers[name] = table.column(name).cast(pa.float64()).to_numpy(zero_copy_only=False)
            spreads[name].add(numbers[name])
        flagged += int(((numbers["errors"] + numbers["warnings"]) > 0).sum())
        quoting += int((numbers["named_sources"] > 0).sum())
        for row in table.select(["path", "title", "date", "words", "findings", "errors", "warnings", "warnings_per_1000",
                                 "hype_per_1000", "named_sources", *(f for f, _ in BREAKDOWNS)]).to_pylist():
            per = row["warnings_per_1000"] or 0.0
            every = row["findings"] * 1000 / row["words"] if row["words"] else 0.0
            named = 1 if row["named_sources"] else 0
            for field, _ in BREAKDOWNS:
                for value in set(row[field] or ()):
                    g = groups[field][value]
                    g[0] += 1
                    g[1] += every
                    g[2] += named
                    g[3] += row["hype_per_1000"] or 0.0
            if row["date"] and len(row["date"]) >= 7 and row["date"][4] == "-":
                m = months[row["date"][:7]]
                m[0] += 1
                m[1] += every
                m[2] += row["hype_per_1000"] or 0.0
                m[3] += row["named_sources"] or 0
            serious = row["errors"] + row["warnings"]
            if row["findings"] and (row["words"] or 0) >= WORST_MIN_WORDS:
                ranked.append((per, round(every, 2), row["path"], row["title"] or "", row["words"], serious, row["findings"]))
                if len(ranked) > 4 * WORST:
                    ranked.sort(key=_rank)
                    del ranked[WORST:]
    ranked.sort(key=_rank)
    return {
        "spreads": spreads, "ok": statuses["ok"], "statuses": statuses, "flagged": flagged, "quoting": quoting,
        "groups": groups, "months": dict(sorted(months.items())), "worst": [(r[2], r) for r in ranked[:WORST]],
    }


def _rank(r):
    # warning+ findings per 1,000 words, then findings of any severity per 1,000 words
    return (-r[0], -r[1], r[2])


def _findings(store, worst: set[str]):
    """Per rule: findings, articles with one, severity, category; and the worst articles' findings."""
    per_rule: dict[str, list] = {}
    chosen: dict[str, list] = defaultdict(list)
    for table in store.tables("findings"):
        seen: set[tuple[str, str]] = set()
        for row in table.select(["path", "rule", "category", "severity"]).to_pylist():
            entry = per_rule.setdefault(row["rule"], [0, 0, row["category"], row["severity"]])
            entry[0] += 1
            if (row["path"], row["rule"]) not in seen:  # an article's findings are all in one part
                seen.add((row["path"], row["rule"]))
                entry[1] += 1
        if worst:
            import pyarrow.compute as pc
            import pyarrow as pa

            mask = pc.is_in(table.column("path"), value_set=pa.array(sorted(worst)))
            for row in table.filter(mask).to_pylist():
                chosen[row["path"]].append(row)
    return per_rule, chosen


# --- charts --------------------------------------------------------------------------------------


def _figure(width: float, height: float):
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "newslint", "font.size": 9,
                                "axes.spines.top": False, "axes.spines.right": False})
    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig, name: str, caption: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)  # the Dublin Core block: nothing a reader sees
    return (f'<figure class="chart" data-chart="{html.escape(name)}">{svg}'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


COLOR = "#3b6ea8"
ACCENT = "#c8553d"


def _distributions(data) -> str:
    import numpy as np

    rows = -(-len(DISTRIBUTIONS) // DISTRIBUTION_COLUMNS)
    fig = _figure(11, 2.6 * rows)
    axes = fig.subplots(rows, DISTRIBUTION_COLUMNS)
    for ax, (name, label) in zip(axes.flat, DISTRIBUTIONS):
        spread = data["spreads"][name]
        if len(spread):
            values, counts = spread.arrays()
            top = spread.percentile(99) if len(spread) > 20 else values.max()
            ax.hist(np.clip(values, None, top), bins=30 if top > 30 else max(int(top) + 1, 5), weights=counts, color=COLOR)
            ax.axvline(spread.percentile(50), color=ACCENT, linewidth=1.2)
        else:
            ax.text(0.5, 0.5, "not measured" + (" (--readability)" if name == "readability_grade" else ""),
                    ha="center", va="center", transform=ax.transAxes, color="#888")
        ax.set_title(label, fontsize=9)
        ax.set_ylabel("articles")
    fig.suptitle("distribution of each metric (red line: median; the top 1% folded into the last bar)", fontsize=9)
    return _svg(fig, "distributions", "How the audited articles spread on each metric.")


def _breakdown(data, field: str, label: str) -> str:
    groups = data["groups"][field]
    top = sorted(groups.items(), key=lambda kv: (-kv[1][0], kv[0]))[:TOP_VALUES][::-1]
    names = [_short(k, 30) for k, _ in top]
    fig = _figure(11, 0.28 * len(top) + 1.2)
    ax1, ax2, ax3 = fig.subplots(1, 3, sharey=True)
    ax1.barh(names, [g[0] for _, g in top], color=COLOR)
    ax1.set_title("articles")
    ax2.barh(names, [g[1] / g[0] for _, g in top], color=ACCENT)
    ax2.set_title("findings per 1,000 words (mean)")
    ax3.barh(names, [100 * g[2] / g[0] for _, g in top], color="#5a9e6f")
    ax3.set_title("% of articles quoting a named source")
    fig.suptitle(f"by {label} (the {len(top)} most frequent of {len(groups)})", fontsize=9)
    return _svg(fig, f"by-{field}", f"Articles, findings and sourcing by {label}.")


def _by_month(data) -> str:
    months = data["months"]
    keys = list(months)
    fig = _figure(11, 3.2)
    ax1, ax2, ax3 = fig.subplots(1, 3)
    x = range(len(keys))
    ax1.bar(x, [m[0] for m in months.values()], color=COLOR)
    ax1.set_title("articles per month")
    ax2.plot(x, [m[1] / m[0] for m in months.values()], color=ACCENT, label="findings per 1,000 words")
    ax2.plot(x, [m[2] / m[0] for m in months.values()], color="#8a6fb0", label="hype per 1,000 words")
    ax2.legend(fontsize=7, frameon=False)
    ax2.set_title("findings (monthly mean)")
    ax3.plot(x, [m[3] / m[0] for m in months.values()], color="#5a9e6f")
    ax3.set_title("named-source quotations per article")
    step = max(1, len(keys) // 8)
    for ax in (ax1, ax2, ax3):
        ax.set_xticks(list(x)[::step], keys[::step], rotation=45, ha="right", fontsize=7)
    fig.suptitle(f"by month of the front matter date ({keys[0]} to {keys[-1]})", fontsize=9)
    return _svg(fig, "by-month", "Output, findings and sourcing month by month.")


def _rule_chart(rules) -> str:
    order = sorted(rules.items(), key=lambda kv: (kv[1][0], kv[0]))
    fig = _figure(11, 0.25 * len(order) + 1)
    ax = fig.subplots()
    ax.barh([r for r, _ in order], [v[0] for _, v in order], color=COLOR)
    ax.set_xlabel("findings")
    return _svg(fig, "rules", "Findings per rule.")


# --- HTML ----------------------------------------------------------------------------------------


def _head() -> str:
    from .. import __version__

    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="newslint {__version__}">
<title>newslint audit</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }}
main {{ max-width: 1120px; margin: 0 auto; padding: 1em 1.5em 3em; }}
h1 {{ font-size: 1.6em; margin: .3em 0; }} h2 {{ margin-top: 1.8em; border-bottom: 1px solid #ddd; }}
table {{ border-collapse: collapse; width: 100%; background: #fff; }}
th, td {{ text-align: left; padding: .25em .6em; border-bottom: 1px solid #eee; vertical-align: top; }}
td.n, th.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
figure.chart {{ margin: 1em 0; background: #fff; padding: .5em; }}
figure.chart svg {{ width: 100%; height: auto; display: block; }}
figcaption {{ color: #666; font-size: .9em; }}
ul.findings {{ margin: .2em 0 .6em; padding-left: 1.2em; font-size: .9em; color: #444; }}
div.rules {{ font-size: .9em; color: #444; }} details summary {{ cursor: pointer; color: #3b6ea8; font-size: .9em; }}
code {{ background: #f0f0f0; padding: 0 .2em; }}
.totals td {{ width: 50%; }}
</style></head><body><main>"""


def _section(title: str, intro: str, body: list[str], anchor: str | None = None) -> str:
    anchor = anchor or title.lower().replace(" ", "-")
    return f'<section id="{anchor}"><h2>{html.escape(title)}</h2><p>{html.escape(intro)}</p>' + "\n".join(body) + "</section>"


def _totals(data) -> str:
    v, ok = data["spreads"], data["ok"]

    def total(name):
        return int(v[name].total()) if ok else 0
    serious, named = data["flagged"], data["quoting"]
    rows = [
        ("articles audited", f"{ok:,}"),
        *((f"articles {status}", f"{count:,}") for status, count in sorted(data["statuses"].items()) if status != "ok"),
        ("words", f"{total('words'):,}"),
        ("findings", f"{total('findings'):,} ({total('errors'):,} errors, {total('warnings'):,} warnings, {total('infos'):,} info)"),
        ("articles with a warning or an error", f"{serious:,} ({_percent(serious, ok)})"),
        ("articles quoting a named source", f"{named:,} ({_percent(named, ok)})"),
        ("median hype per 1,000 words", _median(v["hype_per_1000"])),
        ("median readability grade", _median(v["readability_grade"], "not measured (--readability)")),
        ("unsupported claims", f"{total('unsupported_claims'):,}"),
        ("FAQ answers that repeat the body", f"{total('faq_redundant'):,} of {total('faq_items'):,} FAQ items"),
    ]
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(val)}</td></tr>" for k, val in rows)
    return _section("Totals", "", [f'<table class="totals">{body}</table>'])


def _worst(data, findings) -> str:
    if not data["worst"]:
        return _section("Worst articles", f"No article of {WORST_MIN_WORDS} words or more has a finding.", [], "worst")
    rows = []
    for rank, (path, (per, every, _, title, words, serious, count)) in enumerate(data["worst"], 1):
        ordered = sorted(findings.get(path, ()), key=lambda f: (-_SEVERITY[f["severity"]], f["start"], f["rule"]))
        items = "".join(
            f"<li>{f['line']}:{f['column']} <b>{html.escape(f['rule'])}</b> ({html.escape(f['severity'])}) "
            f"<code>{html.escape(_short(f['text'], SPAN_CHARS))}</code> {html.escape(_short(_short_quotes(f['message']), MESSAGE_CHARS))}</li>"
            for f in ordered[:FINDINGS_SHOWN]
        )
        if len(ordered) > FINDINGS_SHOWN:
            items += f"<li>... and {len(ordered) - FINDINGS_SHOWN} more</li>"
        counts = Counter(f["rule"] for f in ordered)
        summary = " · ".join(f"{html.escape(rule)} ×{n}" for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append(
            f'<tr class="article"><td class="n">{rank}</td><td><b>{html.escape(path)}</b><br>{html.escape(_short(title, 90))}'
            f'<div class="rules">{summary}</div><details><summary>the findings</summary><ul class="findings">{items}</ul></details>'
            f'</td><td class="n">{words:,}</td><td class="n">{serious}</td>'
            f'<td class="n">{per:.1f}</td><td class="n">{count}</td><td class="n">{every:.1f}</td></tr>'
        )
    table = ('<table id="worst-articles"><thead><tr><th class="n">#</th><th>article and its findings</th>'
             '<th class="n">words</th><th class="n">warning+</th><th class="n">warning+ per 1,000 words</th>'
             '<th class="n">findings</th><th class="n">findings per 1,000 words</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>")
    return _section("Worst articles", f"The {len(rows)} articles of {WORST_MIN_WORDS} words or more with the most warning "
                    "and error findings per 1,000 words, then the most findings of any severity per 1,000 words.", [table], "worst")


_SEVERITY = {"error": 3, "warning": 2, "info": 1}


def _rules(rules, ok: int) -> str:
    if not rules:
        return _section("Rules", "No rule found anything.", [])
    rows = "".join(
        f"<tr><td>{html.escape(rule)}</td><td>{html.escape(v[2] or '')}</td><td>{html.escape(v[3])}</td>"
        f'<td class="n">{v[0]:,}</td><td class="n">{v[1]:,}</td><td class="n">{_percent(v[1], ok)}</td></tr>'
        for rule, v in sorted(rules.items(), key=lambda kv: (-kv[1][0], kv[0]))
    )
    table = ('<table id="rules-table"><thead><tr><th>rule</th><th>category</th><th>severity</th><th class="n">findings</th>'
             '<th class="n">articles</th><th class="n">share of articles</th></tr></thead><tbody>' + rows + "</tbody></table>")
    return _section("Rules", "Each rule's findings, and the share of audited articles with at least one.", [_rule_chart(rules), table])


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _median(spread: Spread, missing: str = "-") -> str:
    return f"{spread.percentile(50):.1f}" if len(spread) else missing


def _short_quotes(message: str) -> str:
    """A message with the article text it quotes cut to SPAN_CHARS: the report lists findings,
    it does not reprint the archive."""
    return re.sub(r"'([^']{%d,})'" % (SPAN_CHARS + 1), lambda m: "'" + _short(m.group(1), SPAN_CHARS) + "'", message)


def _short(text, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
