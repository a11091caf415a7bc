#!/usr/bin/env python
"""Accuracy of newslint's checks against third-party corpora.

    python bench/accuracy.py [TASK...] [--analyse] [--markdown] [--json FILE] [--workers N] [--src]

Tasks (all by default): editorial, bbc, weasel, ptc, babe, npov, clickbait, site. ``site`` lints a
real Hugo site (digitalgov-news, every post as it is in the repository, front matter and
shortcodes included) with the default rules and reports findings per 1,000 words and the share
of posts with a warning+ finding (the default gate). ``editorial`` is
the editor-judged development set of ``bench/devset.py`` (precision of judged findings, the gate
share, recall of an editor's marks on machine-written news). Each measures one or more
checks against a target and the run ends with one table (PASS/FAIL per target). The corpora are
read at run time from ``../shared/corpora`` beside the repository (override with the
``NEWSLINT_CORPORA`` environment variable); they are third-party texts and are never copied into
the repository. A corpus that is absent is skipped with a message.

Only newslint's public API is used: ``load_rules``, ``RuleSet`` and ``Document`` (via
``RuleSet.lint_document``, which is ``lint_text`` with the parsed Document kept, so that word
counts and quotations need not be parsed twice). By default the installed newslint is measured;
``--src`` measures the working tree (``src/`` and ``rules/``) without re-installing.

See docs/accuracy.md for the method behind each figure.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import csv
import json
import math
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TASKS = ("editorial", "bbc", "weasel", "ptc", "babe", "npov", "clickbait", "site")


def corpora_root() -> Path:
    env = os.environ.get("NEWSLINT_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


# --- results table ------------------------------------------------------------------------------


@dataclass
class Row:
    task: str
    check: str
    corpus: str
    counts: str
    result: str
    target: str
    status: str  # PASS, FAIL, INFO or SKIP
    figures: dict = field(default_factory=dict)


def verdict(ok: bool | None) -> str:
    return "INFO" if ok is None else ("PASS" if ok else "FAIL")


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def f3(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return p, r, f


def auroc(positives: list[float], negatives: list[float]) -> float | None:
    """Area under the ROC curve as the Mann-Whitney U statistic / (n_pos * n_neg), ties half."""
    if not positives or not negatives:
        return None
    neg = Counter(negatives)
    values = sorted(neg)
    below: dict[float, int] = {}
    running = 0
    for v in values:
        below[v] = running
        running += neg[v]
    u = 0.0
    for s, n in Counter(positives).items():
        i = bisect.bisect_left(values, s)
        less = below[values[i]] if i < len(values) else running
        ties = neg.get(s, 0)
        u += n * (less + 0.5 * ties)
    return u / (len(positives) * len(negatives))


def print_table(rows: list[Row], markdown: bool) -> None:
    header = ["task", "check", "corpus", "counts", "result", "target", "status"]
    data = [[r.task, r.check, r.corpus, r.counts, r.result, r.target, r.status] for r in rows]
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for d in data:
            print("| " + " | ".join(c.replace("|", "\\|") for c in d) + " |")
        return
    widths = [max(len(h), *(len(d[i]) for d in data)) if data else len(h) for i, h in enumerate(header)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print(line)
    print("-" * len(line))
    for d in data:
        print("  ".join(c.ljust(w) for c, w in zip(d, widths)))


def print_ranked(title: str, counter: Counter, limit: int, extra=None) -> None:
    print(f"\n{title}")
    if not counter:
        print("  (none)")
    for i, (key, n) in enumerate(counter.most_common(limit), 1):
        tail = f"  {extra(key)}" if extra else ""
        print(f"  {i:3d}. {n:6d}  {key}{tail}")


# --- newslint access (in the main process and in workers) ---------------------------------------

_RULESET = None


def _init_worker(select: list[str], use_src: bool) -> None:
    global _RULESET
    if use_src and str(REPO / "src") not in sys.path:
        sys.path.insert(0, str(REPO / "src"))
    from newslint.engine import RuleSet
    from newslint.rules import load_rules

    _RULESET = RuleSet(load_rules(), select=select)


def _findings(result) -> list[tuple]:
    return [(f.rule, int(f.severity), f.start, f.end, f.snippet) for f in result.findings]


_SPEECH_MARK = re.compile(r'["“”]')
_BLANK = re.compile(r"\n[ \t]*\n")


def speech_spans(text: str) -> list[tuple[int, int]]:
    """Direct speech by a rule of thumb independent of newslint's quote pairing (for analysis
    only): a double quotation mark after a space or at a paragraph start, followed by a letter,
    opens speech (and keeps it open if it already is, as in a quotation that runs over several
    paragraphs or sentences); any other mark closes it. Speech ends with its paragraph."""
    spans = []
    pos = 0
    for block in [*_BLANK.split(text)]:
        start = text.find(block, pos) if block else pos
        pos = start + len(block)
        open_at = -1
        for m in _SPEECH_MARK.finditer(block):
            i = m.start()
            before = block[i - 1] if i else " "
            after = block[i + 1] if i + 1 < len(block) else " "
            opener = m.group() != "”" and (before.isspace() or before in "([—-") and not after.isspace()
            if opener:
                if open_at < 0:
                    open_at = i
            elif open_at >= 0:
                spans.append((start + open_at, start + i + 1))
                open_at = -1
        if open_at >= 0:
            spans.append((start + open_at, start + len(block)))
    return spans


def _quote_diagnosis(doc, finding, rule) -> str | None:
    """Why a quotation rule fired (analysis only)."""
    check = rule.kind.p.get("check")
    if check == "unattributed":
        snippet = finding.snippet
        if re.match(r'^["“]\s', snippet) or re.search(r'\s["”]$', snippet) or re.match(r'^"[.,;:!?]', snippet):
            return "mis-paired marks: the span runs from a closing mark to the next opening mark"
        block = doc.block_at(finding.start)
        before = [q for q in doc.quotes if q.end <= finding.start]
        if before and before[-1].attributed and block is not None:
            prev = doc.block_at(before[-1].start)
            idx = doc.block_index(block)
            if prev is not None and doc.block_index(prev) >= idx - 1:
                return "continues the attributed quotation just before it (same or previous paragraph)"
        return "other"
    if check == "no-named-quote":
        quotes = [q for q in doc.quotes if q.words >= rule.kind.p.get("min_quote_words", 5)]
        if not quotes:
            said = any(doc.attribution_in(blk.start, blk.end) for blk in doc.body_blocks)
            return ("no quotation of 5+ words; reported speech ('said', 'according to') present" if said
                    else "no quotation of 5+ words and no reported speech")
        if not any(q.attributed for q in quotes):
            return "quotations, none attributed"
        return "attributed quotations, no named speaker found"
    return None


def _lint_article(item: tuple[str, str]) -> dict:
    """An article: findings plus what the BBC figures need from its Document."""
    from newslint.document import Document

    path, text = item
    doc = Document(text, path)
    result = _RULESET.lint_document(doc, metrics=False)
    attributed = any(q.attributed and q.words >= 5 for q in doc.quotes)
    speech = speech_spans(text)
    in_speech = [any(s <= f.start < e for s, e in speech) for f in result.findings]
    diagnosis = [_quote_diagnosis(doc, f, _RULESET.rules[f.rule]) for f in result.findings]
    return {"path": path, "words": doc.word_count, "attributed_quote": attributed,
            "findings": _findings(result), "in_speech": in_speech, "diagnosis": diagnosis,
            "errors": result.errors}


def _lint_post(item: tuple[str, str]) -> dict:
    """A post of a site, linted as newslint lints the file (its suffix picks the markup)."""
    from newslint.document import Document

    path, text = item
    doc = Document(text, path)
    result = _RULESET.lint_document(doc, metrics=False)
    return {"path": path, "words": doc.word_count, "findings": [(f.rule, int(f.severity)) for f in result.findings],
            "errors": result.errors}


def _lint_plain(item: tuple[str, str]) -> dict:
    key, text = item
    result = _RULESET.lint_text(text, key, metrics=False)
    return {"key": key, "findings": _findings(result), "errors": result.errors}


class Linter:
    """Runs one rule selection over many texts, in a small process pool when asked to."""

    def __init__(self, select: list[str], workers: int, use_src: bool) -> None:
        self.select, self.workers, self.use_src = select, workers, use_src

    def map(self, func, items: list, chunksize: int = 32) -> list:
        if self.workers <= 1 or len(items) < 200:
            _init_worker(self.select, self.use_src)
            return [func(item) for item in items]
        import multiprocessing as mp

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.select, self.use_src)) as pool:
            return pool.map(func, items, chunksize=chunksize)


def report_errors(task: str, results: list[dict]) -> int:
    errors = [e for r in results for e in r["errors"]]
    for e in errors[:5]:
        print(f"[{task}] newslint error: {e}", file=sys.stderr)
    if len(errors) > 5:
        print(f"[{task}] ... and {len(errors) - 5} more newslint errors", file=sys.stderr)
    return len(errors)


# --- rule groups, read from the rule files so that new rules are picked up ------------------------


class RuleInfo:
    def __init__(self, rules) -> None:
        self.rules = {r.id: r for r in rules}
        self.category = {r.id: r.category for r in rules}
        self.kind = {r.id: r.kind.name for r in rules}
        self.check = {r.id: r.kind.p.get("check") for r in rules}
        hype = self.in_category("hype")
        #: hype rules that flag words and phrases (not the article-level density rule)
        self.hype_span = [i for i in hype if self.kind[i] != "density"]
        self.hype_density = [i for i in hype if self.kind[i] == "density"]
        #: loaded-language rules that flag words and phrases (emotive, contemptuous words)
        self.loaded_span = [i for i in self.in_category("loaded-language") if self.kind[i] != "density"]
        #: name-calling rules (labels for people and groups)
        self.label_span = [i for i in self.in_category("name-calling") if self.kind[i] != "density"]
        #: hype and loaded language: what PTC's Loaded_Language and Exaggeration spans measure
        self.loaded_hype_span = sorted(set(self.hype_span) | set(self.loaded_span))
        #: every word-level rule about slanted wording (babe, npov, and PTC for information)
        self.slant_span = sorted(set(self.hype_span) | set(self.loaded_span) | set(self.label_span))
        self.uncertainty = self._uncertainty()

    def in_category(self, category: str) -> list[str]:
        return sorted(i for i, c in self.category.items() if c == category)

    def _uncertainty(self) -> list[str]:
        """Rules whose finding makes a sentence 'uncertain' for the weasel task: the
        unsupported-claims rules of warning level or above (weasel attributions, unsupported
        superlatives), plus every rule whose id or category mentions hedges or weasels."""
        from newslint.finding import Severity

        chosen = {i for i in self.in_category("unsupported-claims") if self.rules[i].severity >= Severity.WARNING}
        chosen |= {i for i, c in self.category.items() if re.search(r"hedg|weasel", i + " " + c)}
        return sorted(chosen)

    def article_level(self, rule_id: str) -> bool:
        return self.kind.get(rule_id) == "density" or self.check.get(rule_id) in {
            "no-sources", "no-named-quote", "unspecific-sources"}


def term_of(info: RuleInfo, rule: str, snippet: str) -> str:
    if info.article_level(rule):
        return "<article>"
    if info.kind.get(rule) == "quotes":
        return "<quotation>"
    term = " ".join(snippet.lower().replace("’", "'").split())
    return term if len(term) <= 60 else term[:57] + "..."


# --- task: bbc --------------------------------------------------------------------------------------


def task_bbc(root: Path, info: RuleInfo, opts) -> list[Row]:
    from newslint.finding import Severity

    base = root / "bbc-news-2225"
    files = sorted(base.glob("*/*.txt"))
    if not files:
        return [skip_row("bbc", base)]
    items, not_utf8 = [], []
    for p in files:
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
            not_utf8.append(p.relative_to(base).as_posix())
        items.append((p.relative_to(base).as_posix(), text))
    t0 = time.time()
    results = Linter([], opts.workers, opts.src).map(_lint_article, items, chunksize=16)
    n_err = report_errors("bbc", results)
    print(f"[bbc] linted {len(results)} articles in {time.time() - t0:.1f}s "
          f"({len(not_utf8)} not UTF-8, read as Latin-1: {', '.join(not_utf8) or '-'})", file=sys.stderr)

    words = sum(r["words"] for r in results)
    n = len(results)
    per_k = lambda c: 1000.0 * c / words if words else 0.0  # noqa: E731
    warn = [f for r in results for f in r["findings"] if f[1] >= Severity.WARNING]
    hype = [f for r in results for f in r["findings"] if f[0] in info.hype_span]
    dens = sum(1 for r in results if any(f[0] in info.hype_density for f in r["findings"]))
    mq_rules = set(info.in_category("missing-quotes"))
    quoted = [r for r in results if r["attributed_quote"]]
    mq = sum(1 for r in quoted if any(f[0] in mq_rules for f in r["findings"]))
    nos_rules = [i for i in info.rules if info.check.get(i) == "no-sources"]
    nos = sum(1 for r in results if any(f[0] in nos_rules for f in r["findings"]))

    rule_counts = Counter(f[0] for r in results for f in r["findings"])
    rule_articles = Counter(rid for r in results for rid in {f[0] for f in r["findings"]})
    per_rule = {
        rid: {"severity": str(info.rules[rid].severity), "findings": rule_counts.get(rid, 0),
              "per_1000_words": round(per_k(rule_counts.get(rid, 0)), 3),
              "articles": rule_articles.get(rid, 0)}
        for rid in sorted(info.rules)
    }
    corpus = f"BBC {n} art., {words:,} words"
    rows = [
        Row("bbc", "all findings >= warning per 1,000 words", corpus, f"{len(warn)} findings",
            f"{per_k(len(warn)):.2f}", "<= 1.0", verdict(per_k(len(warn)) <= 1.0),
            {"findings": len(warn), "words": words, "per_1000": per_k(len(warn))}),
        Row("bbc", f"hype hits ({' + '.join(info.hype_span)}) per 1,000 words", corpus, f"{len(hype)} hits",
            f"{per_k(len(hype)):.2f}", "<= 0.3", verdict(per_k(len(hype)) <= 0.3),
            {"hits": len(hype), "per_1000": per_k(len(hype))}),
        Row("bbc", "articles with a hype-density finding", corpus, f"{dens}/{n}",
            pct(dens / n), "<= 1%", verdict(dens / n <= 0.01), {"articles": dens, "share": dens / n}),
        Row("bbc", "missing-quotes finding on articles with an attributed quotation", corpus,
            f"{mq}/{len(quoted)}", pct(mq / len(quoted) if quoted else None), "<= 2%",
            verdict(mq / len(quoted) <= 0.02 if quoted else None),
            {"articles": mq, "with_attributed_quote": len(quoted), "share": mq / len(quoted) if quoted else None}),
        Row("bbc", "articles with a no-sources finding", corpus, f"{nos}/{n}", pct(nos / n), "<= 3%",
            verdict(nos / n <= 0.03), {"articles": nos, "share": nos / n}),
    ]
    loaded = sorted(set(info.loaded_span) | set(info.label_span))
    if loaded:
        hits = sum(1 for r in results for f in r["findings"] if f[0] in loaded)
        rows.insert(2, Row("bbc", f"loaded-language and name-calling hits ({' + '.join(loaded)}) per 1,000 words",
                           corpus, f"{hits} hits", f"{per_k(hits):.2f}", "-", "INFO",
                           {"hits": hits, "per_1000": per_k(hits), "rules": loaded}))
    rows[0].figures.update({"not_utf8": not_utf8, "newslint_errors": n_err, "per_rule": per_rule})

    print(f"\nBBC: findings per rule (all severities; {n} articles, {words:,} words)\n")
    if opts.markdown:
        print("| rule | severity | findings | per 1,000 words | articles |\n|---|---|---:|---:|---:|")
        for rid, d in per_rule.items():
            print(f"| {rid} | {d['severity']} | {d['findings']} | {d['per_1000_words']:.3f} | {d['articles']} |")
    else:
        print(f"  {'rule':28s} {'severity':8s} {'findings':>8s} {'/1k words':>9s} {'articles':>8s}")
        for rid, d in per_rule.items():
            print(f"  {rid:28s} {d['severity']:8s} {d['findings']:8d} {d['per_1000_words']:9.3f} {d['articles']:8d}")

    if opts.analyse:
        offending = Counter(f"{f[0]}: {term_of(info, f[0], f[4])}" for f in warn)
        print_ranked("BBC analysis: top 30 terms in findings >= warning (rule: term)", offending, 30)
        for rid in sorted({f[0] for f in warn}):
            if info.article_level(rid):
                continue
            c = Counter(term_of(info, rid, f[4]) for f in warn if f[0] == rid)
            print_ranked(f"BBC analysis: {rid}, top terms ({sum(c.values())} findings)", c, 15)
        # hype and claim findings inside speech that newslint's quote pairing did not see
        span_rules = [rid for rid in info.rules if not info.article_level(rid) and info.kind[rid] in ("lexicon", "claims")]
        print("\nBBC analysis: findings that a rule of thumb places inside direct speech (newslint skips quoted text)")
        for rid in span_rules:
            hits = [sp for r in results for f, sp in zip(r["findings"], r["in_speech"]) if f[0] == rid]
            if hits:
                print(f"  {rid:28s} {sum(hits):5d} of {len(hits):5d} findings ({pct(sum(hits) / len(hits))})")
        # quotation rules: why they fire
        for rid in sorted(mq_rules | {i for i in info.rules if info.kind[i] == "quotes"}):
            why = Counter(d for r in results for f, d in zip(r["findings"], r["diagnosis"]) if f[0] == rid and d)
            if why:
                print_ranked(f"BBC analysis: {rid}, causes", why, 5)
        arts = Counter(rid for r in quoted for rid in {f[0] for f in r["findings"] if f[0] in mq_rules})
        print_ranked("BBC analysis: articles with an attributed quotation that get a missing-quotes finding, by rule",
                     arts, 10)
        # no-sources: which plain attribution words the flagged articles do contain
        cues = ["report", "reports", "reported", "reporting", "announced", "revealed", "showed", "show",
                "figures", "data", "according", "estimates", "expected", "statement", "told", "confirmed",
                "official", "officials", "spokesman", "spokeswoman", "sources", "website", "magazine",
                "newspaper", "survey", "study", "research", "poll", "published", "says", "said", "quoted"]
        nos_arts = [r for r in results if any(f[0] in nos_rules for f in r["findings"])]
        texts = dict(items)
        have = Counter()
        for r in nos_arts:
            words_in = set(re.findall(r"[a-z]+", texts[r["path"]].lower()))
            have.update(c for c in cues if c in words_in)
        print_ranked(f"BBC analysis: candidate attribution words present in the {len(nos_arts)} no-sources articles",
                     have, 20)
        print(f"  e.g. {', '.join(r['path'] for r in nos_arts[:12])}")
        # hype by topic, and what drives hype-density
        print("\nBBC analysis: hype hits per 1,000 words by topic")
        for topic in sorted({r["path"].split("/")[0] for r in results}):
            rs = [r for r in results if r["path"].startswith(topic + "/")]
            w = sum(r["words"] for r in rs)
            h = sum(1 for r in rs for f in r["findings"] if f[0] in info.hype_span)
            d = sum(1 for r in rs if any(f[0] in info.hype_density for f in r["findings"]))
            print(f"  {topic:14s} {1000 * h / w:5.2f}  ({h} hits, {w:,} words; density findings {d}/{len(rs)})")
        dens_terms = Counter(term_of(info, f[0], f[4]) for r in results
                             if any(f[0] in info.hype_density for f in r["findings"])
                             for f in r["findings"] if f[0] in info.hype_span)
        print_ranked("BBC analysis: hype terms in the articles with a hype-density finding", dens_terms, 20)
        # what a density limit (and a minimum number of hits) would flag on this corpus
        per_art = [(sum(1 for f in r["findings"] if f[0] in info.hype_span), r["words"]) for r in results
                   if r["words"] >= 100]
        print("\nBBC analysis: articles of 100+ words a hype-density limit would flag")
        for limit in (4, 6, 8, 10, 12):
            row = [f"limit {limit:2d}/1k:"]
            for min_hits in (1, 2, 3):
                k = sum(1 for h, w in per_art if h >= min_hits and 1000 * h / w > limit)
                row.append(f"min {min_hits} hits {k:3d} ({pct(k / len(results))})")
            print("  " + "   ".join(row))
        short = [r["words"] for r in results if any(f[0] in info.hype_density for f in r["findings"])]
        if short:
            print(f"  those articles: median {sorted(short)[len(short) // 2]} words; "
                  f"{sum(1 for r in results if any(f[0] in info.hype_density for f in r['findings']) and sum(1 for f in r['findings'] if f[0] in info.hype_span) <= 2)} "
                  f"of {len(short)} are flagged on 2 hits or fewer")
    return rows


# --- task: weasel -----------------------------------------------------------------------------------

_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}


def detokenise(text: str) -> str:
    """Undo Penn Treebank tokenisation well enough for a linter to read the sentence."""
    s = " ".join(text.split())
    for token, char in _PTB_BRACKETS.items():
        s = s.replace(token, char)
    s = re.sub(r"``\s*", '"', s)                      # opening double quote
    s = re.sub(r"\s*''", '"', s)                      # closing double quote
    s = re.sub(r"(^|\s)`\s*", r"\1'", s)              # opening single quote
    s = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", s)       # no space before closing punctuation
    s = re.sub(r"([(\[{])\s+", r"\1", s)              # nor after opening brackets
    s = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s, flags=re.I)
    s = re.sub(r"([$£€#])\s+(?=\d)", r"\1", s)
    # text between a pair of double quotes: no space just inside the marks
    parts = s.split('"')
    for i in range(1, len(parts), 2):
        parts[i] = parts[i].lstrip()
        if i < len(parts) - 1:
            parts[i] = parts[i].rstrip()
    return '"'.join(parts).strip()


_WORDS = re.compile(r"[a-z][a-z'-]*")


def grams(text: str) -> set[str]:
    words = _WORDS.findall(text.lower().replace("’", "'"))
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


def task_weasel(root: Path, info: RuleInfo, opts) -> list[Row]:
    path = root / "wikiweasel-conll2010" / "train.csv"
    if not path.is_file():
        return [skip_row("weasel", path)]
    with path.open(encoding="utf-8", newline="") as fh:
        data = [(detokenise(r["text"]), r["label"].strip() == "1") for r in csv.DictReader(fh)]
    dropped = sum(1 for t, _ in data if not t)
    data = [(t, y) for t, y in data if t]
    if dropped:
        print(f"[weasel] {dropped} empty rows skipped", file=sys.stderr)
    select = sorted(set(info.in_category("unsupported-claims")) | set(info.uncertainty))
    predictors = info.uncertainty
    t0 = time.time()
    results = Linter(select, opts.workers, opts.src).map(_lint_plain, [(str(i), t) for i, (t, _) in enumerate(data)])
    report_errors("weasel", results)
    print(f"[weasel] linted {len(results)} sentences in {time.time() - t0:.1f}s", file=sys.stderr)
    fired = [{f[0] for f in r["findings"]} for r in results]
    gold = [y for _, y in data]

    def score(rules: set[str]):
        tp = sum(1 for f, y in zip(fired, gold) if y and f & rules)
        fp = sum(1 for f, y in zip(fired, gold) if not y and f & rules)
        fn = sum(1 for f, y in zip(fired, gold) if y and not f & rules)
        return tp, fp, fn, prf(tp, fp, fn)

    tp, fp, fn, (p, r, f) = score(set(predictors))
    n_unc = sum(gold)
    rows = [Row("weasel", f"'uncertain' = any of {', '.join(predictors)}",
                f"WikiWeasel train {len(gold)} sent. ({n_unc} uncertain)", f"TP {tp} FP {fp} FN {fn}",
                f"P {f3(p)} R {f3(r)} F1 {f3(f)}", "F1 >= 0.65",
                verdict(f is not None and f >= 0.65),
                {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f, "rules": predictors})]
    whole = set(info.in_category("unsupported-claims")) | set(predictors)
    if whole != set(predictors):
        tp2, fp2, fn2, (p2, r2, f2) = score(whole)
        rows.append(Row("weasel", "'uncertain' = any unsupported-claims rule (all severities)",
                        "WikiWeasel train", f"TP {tp2} FP {fp2} FN {fn2}",
                        f"P {f3(p2)} R {f3(r2)} F1 {f3(f2)}", "-", "INFO",
                        {"tp": tp2, "fp": fp2, "fn": fn2, "precision": p2, "recall": r2, "f1": f2}))
    print("\nWikiWeasel: contribution of each rule (sentences flagged; precision for 'uncertain')")
    per_rule = {}
    for rid in select:
        a, b, _, (pp, rr, _) = score({rid})
        only = sum(1 for fs, y in zip(fired, gold) if y and fs & set(predictors) == {rid})
        per_rule[rid] = {"uncertain_flagged": a, "certain_flagged": b, "precision": pp, "recall": rr,
                         "only_rule_on_tp": only}
        print(f"  {rid:28s} uncertain {a:5d}  certain {b:5d}  P {f3(pp)}  R {f3(rr)}  sole cause of TP {only}")
    rows[0].figures["per_rule"] = per_rule
    held = weasel_unseen_sample(root, data, predictors, opts, fp / (len(gold) - n_unc) if len(gold) > n_unc else None)
    if held is not None:
        rows.append(held)
    if getattr(opts, "ceiling", False):
        rows.append(weasel_ceiling(data))

    if opts.analyse:
        fp_terms = Counter(f"{x[0]}: {term_of(info, x[0], x[4])}" for res, y in zip(results, gold) if not y
                           for x in res["findings"] if x[0] in predictors)
        tp_terms = Counter(f"{x[0]}: {term_of(info, x[0], x[4])}" for res, y in zip(results, gold) if y
                           for x in res["findings"] if x[0] in predictors)
        print_ranked("WikiWeasel analysis: top false-positive terms (findings on certain sentences)", fp_terms, 30)
        print_ranked("WikiWeasel analysis: top true-positive terms", tp_terms, 30)
        # recall analysis: words and bigrams over-represented in the uncertain sentences we miss
        missed = [grams(t) for (t, y), fs in zip(data, fired) if y and not fs & set(predictors)]
        certain = [grams(t) for t, y in data if not y]
        uncertain_all = [grams(t) for t, y in data if y]
        df_m, df_c, df_u = Counter(), Counter(), Counter()
        for g in missed:
            df_m.update(g)
        for g in certain:
            df_c.update(g)
        for g in uncertain_all:
            df_u.update(g)
        nm, nc = max(len(missed), 1), max(len(certain), 1)
        cand = []
        for term, m in df_m.items():
            if m < 5:
                continue
            lift = ((m + 0.5) / nm) / ((df_c[term] + 0.5) / nc)
            if lift < 2.0:
                continue
            cue_p = df_u[term] / (df_u[term] + df_c[term])
            cand.append((m * math.log(lift), term, m, df_c[term], cue_p, lift))
        cand.sort(reverse=True)
        print(f"\nWikiWeasel analysis: top 40 words/bigrams over-represented in the {len(missed)} missed "
              f"uncertain sentences vs {len(certain)} certain ones")
        print(f"  {'term':24s} {'missed':>6s} {'certain':>7s} {'lift':>6s} {'cue P':>6s}")
        for _, term, m, c, cue_p, lift in cand[:40]:
            print(f"  {term:24s} {m:6d} {c:7d} {lift:6.1f} {cue_p:6.2f}")
        what_if = weasel_what_if(data, [bool(fs & set(predictors)) for fs in fired], root)
        rows[0].figures["what_if"] = what_if
        rows[0].figures["missed_cues"] = [
            {"term": t, "missed": m, "certain": c, "lift": round(lf, 2), "cue_precision": round(cp, 3)}
            for _, t, m, c, cp, lf in cand[:40]]
        rows[0].figures["false_positive_terms"] = fp_terms.most_common(30)
    return rows


def weasel_ceiling(data) -> Row:
    """What a supervised bag-of-words classifier reaches when it is trained on WikiWeasel itself:
    logistic regression on word unigrams and bigrams, 5-fold cross-validated, the best threshold
    chosen afterwards (an upper bound for a lexicon, which has no weights and no training).
    Analysis only: nothing trained here is shipped (the corpus carries no licence to train on),
    and it needs scikit-learn, which newslint does not depend on."""
    try:
        import numpy as np
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError:
        return Row("weasel", "ceiling: bag-of-words classifier trained on the set (--ceiling)", "WikiWeasel train",
                   "-", "skipped: pip install scikit-learn", "-", "SKIP", {})
    texts = [t for t, _ in data]
    gold = np.array([y for _, y in data])
    matrix = CountVectorizer(ngram_range=(1, 2), min_df=2, binary=True).fit_transform(texts)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    model = LogisticRegression(C=0.3, max_iter=2000, class_weight="balanced")
    score = cross_val_predict(model, matrix, gold, cv=folds, method="predict_proba")[:, 1]
    best, threshold = max((f1_score(gold, score >= t), t) for t in np.arange(0.2, 0.81, 0.025))
    return Row("weasel", "ceiling: bag-of-words classifier trained on the set, 5-fold cross-validated (--ceiling)",
               "WikiWeasel train", f"threshold {threshold:.3f} chosen on the folds' predictions",
               f"F1 {f3(best)}", "-", "INFO", {"f1": best, "threshold": float(threshold)})


def _sentence_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def weasel_unseen_sample(root: Path, data, predictors: list[str], opts, train_fp_rate) -> Row | None:
    """A check on sentences the rules were not tuned on: the rows of the small balanced WikiWeasel
    sample (clips/pattern) that are not in train.csv (matched on their letters and digits).
    The sample is balanced, so its precision is not comparable with train's; recall and the
    share of certain sentences flagged are."""
    path = root / "wikiweasel-conll2010" / "pattern-sample" / "uncertainty-conll2010.csv"
    if not path.is_file():
        return None
    import html

    seen = {_sentence_key(t) for t, _ in data}
    sample = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for r in csv.reader(fh):
            if len(r) == 2 and r[1].strip():
                text = html.unescape(r[1]).strip()
                if _sentence_key(text) not in seen:
                    sample.append((text, r[0].strip() == "-1"))
    results = Linter(predictors, opts.workers, opts.src).map(_lint_plain, [(str(i), t) for i, (t, _) in enumerate(sample)])
    fired = [bool({f[0] for f in r["findings"]} & set(predictors)) for r in results]
    gold = [y for _, y in sample]
    tp = sum(1 for f, y in zip(fired, gold) if f and y)
    fp = sum(1 for f, y in zip(fired, gold) if f and not y)
    n_unc = sum(gold)
    n_cert = len(gold) - n_unc
    r = tp / n_unc if n_unc else None
    fpr = fp / n_cert if n_cert else None
    return Row("weasel", "the same predictor on pattern-sample sentences not in train (untuned)",
               f"WikiWeasel sample {len(sample)} sent. ({n_unc} uncertain)", f"TP {tp} FP {fp}",
               f"R {f3(r)}; certain flagged {pct(fpr)} (train {pct(train_fp_rate)})", "-", "INFO",
               {"sentences": len(sample), "uncertain": n_unc, "tp": tp, "fp": fp, "recall": r,
                "certain_flagged": fpr, "train_certain_flagged": train_fp_rate})


# Our own candidate cue words for a hedge / vague-attribution rule, used only by the what-if
# analysis below (not by newslint).
CANDIDATE_CUES = [
    "may", "might", "could", "possibly", "probably", "likely", "perhaps", "apparently", "allegedly",
    "reportedly", "supposedly", "seemingly", "presumably", "arguably", "purportedly", "rumoured",
    "rumored", "suggest", "suggests", "suggested", "believed", "thought to", "considered", "regarded",
    "claimed", "claim that", "claims that", "said to", "seems", "appears", "appear to", "tend to",
    "often", "usually", "generally", "widely", "commonly", "some", "many", "several", "others",
    "various", "certain", "numerous", "critics", "some people", "many people", "by some", "by many",
    "in some", "in many", "some of", "many of", "while others", "some have", "possible", "potentially",
    "speculated", "suspected", "one of the most", "one of the best", "most notable", "notably",
    "famous", "well known", "well-known", "popular", "important", "significant",
]


_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def _ngrams(text: str, n_max: int = 4) -> list[str]:
    tokens = _TOKEN.findall(text.lower().replace("’", "'"))
    return [" ".join(tokens[i:i + n]) for n in range(1, n_max + 1) for i in range(len(tokens) - n + 1)]


def weasel_what_if(data, predicted, root: Path, min_precision: float = 0.65) -> list[dict]:
    """Greedy what-if: starting from what the rules flag now, add the candidate cue (matched as
    whole words anywhere in the sentence, quotes included) that raises F1 most while precision
    stays at or above the target, step by step. BBC/1k is the cue's rate per 1,000 words of BBC
    news: what a rule firing on it would cost in false alarms there."""
    gold = [y for _, y in data]
    cues = set(CANDIDATE_CUES)
    hits: dict[str, set[int]] = defaultdict(set)
    for i, (t, _) in enumerate(data):
        for g in set(_ngrams(t)) & cues:
            hits[g].add(i)
    bbc_rate: dict[str, float] = {}
    bbc = sorted((root / "bbc-news-2225").glob("*/*.txt"))
    if bbc:
        counts, words = Counter(), 0
        for p in bbc:
            text = p.read_bytes().decode("utf-8", "replace")
            counts.update(g for g in _ngrams(text) if g in cues)
            words += len(_TOKEN.findall(text.lower()))
        bbc_rate = {c: 1000 * counts[c] / words for c in cues}
    unc = {i for i, y in enumerate(gold) if y}
    cur = {i for i, p in enumerate(predicted) if p}

    def f1(flagged):
        tp = len(flagged & unc)
        return prf(tp, len(flagged) - tp, len(unc) - tp)

    nan = float("nan")
    print("\nWikiWeasel analysis: each candidate cue alone (sentences containing it)")
    print(f"  {'cue':18s} {'uncert.':>7s} {'certain':>7s} {'cue P':>6s} {'BBC/1k':>7s}")
    for cue in sorted(CANDIDATE_CUES, key=lambda c: (-len(hits[c] & unc), c)):
        u, c = len(hits[cue] & unc), len(hits[cue] - unc)
        print(f"  {cue:18s} {u:7d} {c:7d} {u / (u + c) if u + c else 0:6.2f} {bbc_rate.get(cue, nan):7.2f}")
    steps = []
    p, r, f = f1(cur)
    print(f"\nWikiWeasel analysis: greedy what-if, adding cues to the current rules while precision stays "
          f">= {min_precision} (now P {f3(p)} R {f3(r)} F1 {f3(f)})")
    remaining = set(CANDIDATE_CUES)
    while remaining:
        scored = [(f1(cur | hits[c]), c) for c in remaining]
        scored = [(m, c) for m, c in scored if (m[0] or 0) >= min_precision and (m[2] or 0) > (f or 0)]
        if not scored:
            break
        (p, r, f), best = max(scored, key=lambda mc: (mc[0][2], mc[1]))
        cur |= hits[best]
        remaining.discard(best)
        steps.append({"cue": best, "precision": p, "recall": r, "f1": f, "bbc_per_1000": bbc_rate.get(best)})
        print(f"  + {best:18s} P {f3(p)} R {f3(r)} F1 {f3(f)}   BBC/1k {bbc_rate.get(best, nan):.2f}")
    return steps


# --- task: ptc --------------------------------------------------------------------------------------

PTC_LABELS = {"Loaded_Language", "Exaggeration,Minimisation"}
PTC_NAME_CALLING = "Name_Calling,Labeling"  # what name-calling rules aim at (information only)


def overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


def task_ptc(root: Path, info: RuleInfo, opts) -> list[Row]:
    base = root / "ptc-semeval2020-task11"
    labels = base / "train-task2-TC.labels"
    arts = base / "train-articles"
    if not labels.is_file() or not arts.is_dir():
        return [skip_row("ptc", base)]
    gold: dict[str, list[tuple[int, int]]] = defaultdict(list)
    gold_label: dict[str, list[tuple[int, int]]] = defaultdict(list)  # Name_Calling,Labeling
    gold_nc: dict[str, list[tuple[int, int]]] = defaultdict(list)  # all three techniques
    with labels.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4 and parts[1] in PTC_LABELS | {PTC_NAME_CALLING}:
                span = (int(parts[2]), int(parts[3]))
                gold_nc[parts[0]].append(span)
                (gold if parts[1] in PTC_LABELS else gold_label)[parts[0]].append(span)
    items = []
    for p in sorted(arts.glob("article*.txt")):
        # offsets count characters of the file exactly as it is (a BOM included): no newline or
        # BOM translation
        with p.open(encoding="utf-8", newline="") as fh:
            items.append((p.stem[len("article"):], fh.read()))
    rules = info.slant_span
    results = Linter(rules, opts.workers, opts.src).map(_lint_plain, items, chunksize=8)
    report_errors("ptc", results)
    texts = dict(items)

    def measure(group: list[str], gold_spans: dict, analyse: bool = False):
        tp = fp = covered = n_gold = 0
        fp_terms, tp_terms, missed = Counter(), Counter(), Counter()
        for res in results:
            spans = gold_spans.get(res["key"], [])
            mine = [f for f in res["findings"] if f[0] in group]
            found = [(f[2], f[3]) for f in mine]
            hits, misses = score_findings(info, mine, spans, tp_terms, fp_terms)
            tp, fp = tp + hits, fp + misses
            for s in spans:
                n_gold += 1
                if overlaps(s, found):
                    covered += 1
                elif analyse:
                    words = texts[res["key"]][s[0]:s[1]].lower().split()
                    if len(words) <= 3:
                        missed[" ".join(words).strip(".,;:!?\"'“”‘’()")] += 1
        p = tp / (tp + fp) if tp + fp else None
        r = covered / n_gold if n_gold else None
        figures = {"findings": tp + fp, "correct": tp, "precision": p, "gold_spans": n_gold, "gold_hit": covered,
                   "recall": r, "rules": group}
        return figures, (fp_terms, tp_terms, missed)

    corpus = f"PTC train {len(items)} art."
    counts = lambda d: f"{d['findings']} findings, {d['correct']} on gold; {d['gold_hit']}/{d['gold_spans']} gold hit"  # noqa: E731
    target = info.loaded_hype_span
    main, (fp_terms, tp_terms, missed) = measure(target, gold, opts.analyse)
    rows = [Row("ptc", f"hype + loaded-language spans ({' + '.join(target)}) vs Loaded_Language + Exaggeration",
                corpus, counts(main), f"P {f3(main['precision'])} R {f3(main['recall'])}", "P >= 0.5",
                verdict(main["precision"] is not None and main["precision"] >= 0.5), main)]
    for name, group in (("hype", info.hype_span), ("loaded-language", info.loaded_span)):
        if group and group != target:
            d, _ = measure(group, gold)
            rows.append(Row("ptc", f"{name} spans only ({' + '.join(group)}) vs Loaded_Language + Exaggeration",
                            corpus, counts(d), f"P {f3(d['precision'])} R {f3(d['recall'])}", "-", "INFO", d))
    if info.label_span:
        d, _ = measure(info.label_span, gold_label)
        rows.append(Row("ptc", f"name-calling spans ({' + '.join(info.label_span)}) vs Name_Calling,Labeling",
                        corpus, counts(d), f"P {f3(d['precision'])} R {f3(d['recall'])}", "-", "INFO", d))
        d, _ = measure(info.label_span, gold)
        rows.append(Row("ptc", "name-calling spans vs Loaded_Language + Exaggeration (not its technique)",
                        corpus, counts(d), f"P {f3(d['precision'])} R {f3(d['recall'])}", "-", "INFO", d))
    d, _ = measure(rules, gold_nc)
    rows.append(Row("ptc", "all slant spans vs Loaded_Language + Exaggeration + Name_Calling,Labeling", corpus,
                    counts(d), f"P {f3(d['precision'])} R {f3(d['recall'])}", "-", "INFO", d))
    if opts.analyse:
        print_ranked("PTC analysis: hype + loaded-language findings outside gold spans (term)", fp_terms, 25)
        print_ranked("PTC analysis: hype + loaded-language findings on gold spans (term)", tp_terms, 25)
        print_ranked("PTC analysis: most frequent missed gold spans of 1-3 words (lower-cased)", missed, 40)
    return rows


# --- task: babe -------------------------------------------------------------------------------------


def task_babe(root: Path, info: RuleInfo, opts) -> list[Row]:
    path = root / "babe-news-bias" / "final_labels_SG2.csv"
    if not path.is_file():
        return [skip_row("babe", path)]
    rows_in = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            try:
                words = ast.literal_eval(r["biased_words"] or "[]")
            except (ValueError, SyntaxError):
                words = []
            rows_in.append((r["text"], [w for w in words if isinstance(w, str) and w.strip()], r["label_bias"]))
    rules = info.slant_span
    results = Linter(rules, opts.workers, opts.src).map(_lint_plain, [(str(i), t) for i, (t, _, _) in enumerate(rows_in)])
    report_errors("babe", results)
    located = []
    for text, words, _ in rows_in:
        spans: dict[str, list[tuple[int, int]]] = {}
        for w in words:
            pat = re.compile(r"(?<!\w)" + re.escape(w.strip()) + r"(?!\w)", re.I)
            spans[w] = [m.span() for m in pat.finditer(text)]
        located.append(spans)

    def measure(group: list[str]):
        tp = fp = hit = n_words = 0
        fp_terms, tp_terms, missed = Counter(), Counter(), Counter()
        biased_sent = flagged_sent = 0
        for (text, words, label), spans, res in zip(rows_in, located, results):
            all_spans = [s for v in spans.values() for s in v]
            mine = [f for f in res["findings"] if f[0] in group]
            found = [(f[2], f[3]) for f in mine]
            if mine:
                flagged_sent += 1
                biased_sent += label == "Biased"
            hits, misses = score_findings(info, mine, all_spans, tp_terms, fp_terms)
            tp, fp = tp + hits, fp + misses
            for w in words:
                n_words += 1
                if any(overlaps(s, found) for s in spans[w]):
                    hit += 1
                else:
                    missed[w.lower().strip()] += 1
        p = tp / (tp + fp) if tp + fp else None
        r = hit / n_words if n_words else None
        figures = {"findings": tp + fp, "correct": tp, "precision": p, "biased_words": n_words, "found": hit,
                   "recall": r, "flagged_sentences": flagged_sent, "flagged_sentences_biased": biased_sent,
                   "rules": group}
        return figures, (fp_terms, tp_terms, missed)

    corpus = f"BABE SG2 {len(rows_in)} sent."
    counts = lambda d: f"{d['findings']} findings, {d['correct']} on biased words; {d['found']}/{d['biased_words']} words hit"  # noqa: E731
    main, (fp_terms, tp_terms, missed) = measure(rules)
    out = [Row("babe", f"slant spans ({' + '.join(rules)}) on annotated biased words", corpus, counts(main),
               f"P {f3(main['precision'])} R {f3(main['recall'])}", "P >= 0.5",
               verdict(main["precision"] is not None and main["precision"] >= 0.5), main)]
    for name, group in (("hype", info.hype_span), ("loaded-language", info.loaded_span),
                        ("name-calling", info.label_span)):
        if group and group != rules:
            d, _ = measure(group)
            out.append(Row("babe", f"{name} spans only ({' + '.join(group)}) on annotated biased words", corpus,
                           counts(d), f"P {f3(d['precision'])} R {f3(d['recall'])}", "-", "INFO", d))
    if main["flagged_sentences"]:
        share = main["flagged_sentences_biased"] / main["flagged_sentences"]
        n_biased = sum(1 for _, _, label in rows_in if label == "Biased")
        out.append(Row("babe", "sentences with a slant finding that are labelled Biased", corpus,
                       f"{main['flagged_sentences_biased']}/{main['flagged_sentences']} (base rate {pct(n_biased / len(rows_in))})",
                       pct(share), "-", "INFO", {"share": share, "base_rate": n_biased / len(rows_in)}))
    if opts.analyse:
        print_ranked("BABE analysis: slant findings not on a biased word (term)", fp_terms, 25)
        print_ranked("BABE analysis: slant findings on a biased word (term)", tp_terms, 25)
        print_ranked("BABE analysis: most frequent missed biased words", missed, 40)
    return out


# --- task: npov -------------------------------------------------------------------------------------

NPOV_FILES = {
    "biased": "statements_biased.txt",
    "featured": "statements_neutral_featured.txt",
    "cw-hard": "statements_neutral_cw-hard.txt",
    "type-balanced": "statements_neutral_type_balanced.txt",
}


def task_npov(root: Path, info: RuleInfo, opts) -> list[Row]:
    base = root / "wiki-npov-hube2019"
    if not (base / NPOV_FILES["biased"]).is_file():
        return [skip_row("npov", base)]
    sets: dict[str, list[str]] = {}
    for name, fname in NPOV_FILES.items():
        p = base / fname
        if p.is_file():
            lines = p.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
            sets[name] = [line.strip() for line in lines if line.strip()]
    hype = info.slant_span  # hype + loaded-language word rules
    claims = info.uncertainty
    select = sorted(set(hype) | set(claims))
    items = [(f"{name}:{i}", t) for name, lines in sets.items() for i, t in enumerate(lines)]
    results = Linter(select, opts.workers, opts.src).map(_lint_plain, items)
    report_errors("npov", results)
    hype_score: dict[str, list[int]] = defaultdict(list)
    both_score: dict[str, list[int]] = defaultdict(list)
    terms: dict[str, Counter] = defaultdict(Counter)
    for res in results:
        name = res["key"].split(":", 1)[0]
        hype_score[name].append(sum(1 for f in res["findings"] if f[0] in hype))
        both_score[name].append(sum(1 for f in res["findings"] if f[0] in select))
        for f in res["findings"]:
            if f[0] in hype:
                terms[name][term_of(info, f[0], f[4])] += 1
    rows = []
    pos = hype_score["biased"]
    flagged = lambda xs: sum(1 for x in xs if x > 0) / len(xs)  # noqa: E731
    for name in ("featured", "cw-hard", "type-balanced"):
        if name not in sets:
            continue
        a = auroc(pos, hype_score[name])
        target = name == "featured"
        rows.append(Row("npov", f"AUROC, slant ({' + '.join(hype)}) hits per sentence: biased vs neutral {name}",
                        f"Hube NPOV {len(pos)} biased / {len(hype_score[name])} {name}",
                        f"flagged {pct(flagged(pos))} vs {pct(flagged(hype_score[name]))}",
                        f3(a), ">= 0.70" if target else "-", verdict(a is not None and a >= 0.70) if target else "INFO",
                        {"auroc": a, "flagged_biased": flagged(pos), "flagged_neutral": flagged(hype_score[name]),
                         "rules": hype}))
    for name in ("type-balanced", "cw-hard"):
        if name in sets:
            nb = sum(1 for x in pos if x > 0)
            nn = sum(1 for x in hype_score[name] if x > 0)
            prec = nb / (nb + nn) if nb + nn else None
            rows.append(Row("npov", f"sentences with a slant hit that are biased: biased vs {name}",
                            f"Hube NPOV {len(pos)} biased / {len(hype_score[name])} {name}",
                            f"{nb} biased, {nn} neutral flagged", f"P {f3(prec)} R {f3(nb / len(pos))}", "-", "INFO",
                            {"precision": prec, "recall": nb / len(pos), "flagged_biased": nb, "flagged_neutral": nn}))
    if "featured" in sets:
        a2 = auroc(both_score["biased"], both_score["featured"])
        rows.append(Row("npov", f"AUROC, slant + {', '.join(claims)} hits: biased vs featured",
                        "Hube NPOV", f"flagged {pct(flagged(both_score['biased']))} vs {pct(flagged(both_score['featured']))}",
                        f3(a2), "-", "INFO", {"auroc": a2}))
    if opts.analyse:
        for name in sets:
            print_ranked(f"NPOV analysis: slant terms in {name} ({len(sets[name])} sentences)", terms[name], 20)
    return rows


# --- task: clickbait --------------------------------------------------------------------------------


def task_clickbait(root: Path, info: RuleInfo, opts) -> list[Row]:
    headline_rules = info.in_category("headline")
    if not headline_rules:
        print("[clickbait] skipped: no rule has category 'headline'", file=sys.stderr)
        return [Row("clickbait", "headline rules vs clickbait headlines", "-", "-", "no rule with category 'headline'",
                    "-", "SKIP")]
    base = root / "clickbait-headlines-chakraborty2016"
    files = {True: base / "clickbait_data.txt", False: base / "non_clickbait_data.txt"}
    if not all(p.is_file() for p in files.values()):
        return [skip_row("clickbait", base)]
    data = []
    for label, p in files.items():
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                data.append((line.strip(), label))
    results = Linter(headline_rules, opts.workers, opts.src).map(_lint_plain, [(str(i), t) for i, (t, _) in enumerate(data)])
    report_errors("clickbait", results)
    pred = [any(f[0] in headline_rules for f in r["findings"]) for r in results]
    gold = [y for _, y in data]
    tp = sum(1 for a, b in zip(pred, gold) if a and b)
    fp = sum(1 for a, b in zip(pred, gold) if a and not b)
    fn = sum(1 for a, b in zip(pred, gold) if b and not a)
    p, r, f = prf(tp, fp, fn)
    return [Row("clickbait", f"headlines flagged by {', '.join(headline_rules)}",
                f"Chakraborty {sum(gold)} clickbait / {len(gold) - sum(gold)} news", f"TP {tp} FP {fp} FN {fn}",
                f"P {f3(p)} R {f3(r)} F1 {f3(f)}", "-", "INFO",
                {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f})]


def score_findings(info, findings, gold, tp_terms, fp_terms) -> tuple[int, int]:
    """(true, false) positives of span findings against gold spans, counting each by term."""
    tp = fp = 0
    for f in findings:
        term = term_of(info, f[0], f[4])
        if overlaps((f[2], f[3]), gold):
            tp += 1
            tp_terms[term] += 1
        else:
            fp += 1
            fp_terms[term] += 1
    return tp, fp


def skip_row(task: str, where: Path) -> Row:
    print(f"[{task}] skipped: corpus not found at {where}", file=sys.stderr)
    return Row(task, "-", str(where.name), "-", "corpus absent", "-", "SKIP")




# --- task: editorial (the editor-judged development set, bench/devset.py) ----------------------------


def task_editorial(root: Path, info: RuleInfo, opts) -> list[Row]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import devset

    if not all((root / c).is_dir() for c in devset.CORPORA):
        return [skip_row("editorial", root)]
    m = devset.measure(opts)
    rows: list[Row] = []
    for level, name, target in (("warning+", "precision at warning+", 0.80), ("info", "precision at info", 0.60)):
        for corpus in ("all", "bbc-news-2225", "digitalgov-news", "llm-news-xsum-dev"):
            p = m[level][corpus]
            judged = f"{p['judged']} judged" + (f", {p['unjudged']} unjudged" if p["unjudged"] else "")
            checked = corpus in ("bbc-news-2225", "digitalgov-news") if level == "warning+" else corpus == "all"
            rows.append(Row("editorial", name, corpus, judged, f3(p["precision"]),
                            f">= {target:.2f}" if checked else "-",
                            verdict(p["precision"] is not None and p["precision"] >= target) if checked else "INFO"))
    for corpus, limit in (("bbc-news-2225", 0.05), ("digitalgov-news", 0.20)):
        g = m["gate"][corpus]
        rows.append(Row("editorial", "articles with a warning+ finding", corpus, f"{g['failing']}/{g['articles']}",
                        pct(g["share"]), f"<= {pct(limit)}", verdict(g["share"] <= limit)))
    human = m["gate"]["llm-news-xsum-dev"]
    rows.append(Row("editorial", "warning+ findings per human text", "llm-news-xsum-dev (human side)",
                    f"{human['articles']} texts", f"{human['warnings_per_text']:.3f}", "<= 0.100",
                    verdict(human["warnings_per_text"] <= 0.1)))
    for level in ("info+", "warning+"):
        r = m[f"recall_{level}"]
        checked = level == "info+"
        rows.append(Row("editorial", f"recall of editor's marks, findings at {level}", "llm-news-xsum-dev (machine side)",
                        f"{r['marks']} marks, {r['texts']} texts", f3(r["recall"]), ">= 0.60" if checked else "-",
                        verdict(r["recall"] >= 0.6) if checked else "INFO"))
        for cat, (caught, n) in r["per_category"].items():
            checked_cat = checked and cat in ("hype", "boilerplate", "vague-attribution", "unsupported-claim", "repetition")
            rows.append(Row("editorial", f"  recall: {cat} ({level})", "", f"{caught}/{n}", f3(caught / n if n else None),
                            ">= 0.50" if checked_cat else "-",
                            verdict(n and caught / n >= 0.5) if checked_cat else "INFO"))
        if checked:  # each rule on the machine texts: how often its span is one an editor marked
            for rule, (n, on, only) in r["per_rule"].items():
                rows.append(Row("editorial", f"  rule {rule} on the marked texts", "llm-news-xsum-dev (machine side)",
                                f"{on}/{n} findings on a mark; {only} marks only it reaches", f3(on / n if n else None),
                                "-", "INFO"))
    severities = {rid: int(r.severity) for rid, r in info.rules.items()}
    for level in ("warning+", "info"):
        for rule, (yes, n, pop) in sorted(m[level]["all"]["per_rule"].items()):
            p = yes / n if n else None
            follows = severities.get(rule, 0) < 2 or (p is not None and p >= 0.8)
            rows.append(Row("editorial", f"  rule {rule} ({level})", "all three", f"{yes}/{n} yes of {pop}",
                            f3(p), "warning only at >= 0.80", "PASS" if follows else "FAIL"))
    return rows


def task_site(root: Path, info: RuleInfo, opts) -> list[Row]:
    """A whole static site, as its authors would lint it: findings per 1,000 words and the share
    of posts that fail the default gate (a warning or error)."""
    folder = root / "digitalgov-news" / "posts"
    if not folder.is_dir():
        return [skip_row("site", folder)]
    items = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in (".md", ".markdown", ".mdx", ".html", ".htm", ".txt") and path.is_file():
            try:
                items.append((str(path.relative_to(folder)), path.read_text(encoding="utf-8-sig")))
            except UnicodeDecodeError:
                continue
    results = Linter([], opts.workers, opts.src).map(_lint_post, items, chunksize=16)
    report_errors("site", results)
    words = sum(r["words"] for r in results)
    findings = [f for r in results for f in r["findings"]]
    warned = sum(1 for r in results if any(sev >= 2 for _, sev in r["findings"]))
    flagged = sum(1 for r in results if r["findings"])
    per_k = 1000 * len(findings) / words if words else 0.0
    warn_per_k = 1000 * sum(1 for _, sev in findings if sev >= 2) / words if words else 0.0
    corpus = "digitalgov-news (Hugo)"
    rows = [
        Row("site", "findings per 1,000 words (all severities)", corpus, f"{len(findings)} in {words} words",
            f"{per_k:.2f}", "-", "INFO", {"findings": len(findings), "words": words, "per_1000": per_k}),
        Row("site", "warning+ findings per 1,000 words", corpus, f"{len(results)} posts", f"{warn_per_k:.3f}", "-", "INFO"),
        Row("site", "posts with a warning+ finding", corpus, f"{warned}/{len(results)}",
            pct(warned / len(results) if results else None), "<= 20.0%",
            verdict(bool(results) and warned / len(results) <= 0.20)),
        Row("site", "posts with any finding", corpus, f"{flagged}/{len(results)}",
            pct(flagged / len(results) if results else None), "-", "INFO"),
    ]
    for rule, n in Counter(rule for rule, _ in findings).most_common():
        rows.append(Row("site", f"  rule {rule}", corpus, f"{n} findings", f"{1000 * n / words:.2f} per 1,000 words",
                        "-", "INFO"))
    return rows


RUNNERS = {"editorial": task_editorial, "bbc": task_bbc, "weasel": task_weasel, "ptc": task_ptc, "babe": task_babe,
           "npov": task_npov, "clickbait": task_clickbait, "site": task_site}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tasks", nargs="*", metavar="TASK", help=f"any of {', '.join(TASKS)} (default: all)")
    ap.add_argument("--analyse", "--analyze", action="store_true", help="print error analyses for tuning")
    ap.add_argument("--ceiling", action="store_true",
                    help="weasel: also cross-validate a bag-of-words classifier trained on the set (needs scikit-learn)")
    ap.add_argument("--markdown", action="store_true", help="print the final table in Markdown")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2; 1 = none)")
    ap.add_argument("--src", action="store_true", help="measure the working tree (src/, rules/), not the installed newslint")
    opts = ap.parse_args(argv)
    unknown = [t for t in opts.tasks if t not in TASKS]
    if unknown:
        ap.error(f"unknown task(s) {', '.join(unknown)}; choose from {', '.join(TASKS)}")
    tasks = opts.tasks or list(TASKS)
    if opts.src:
        sys.path.insert(0, str(REPO / "src"))
    import newslint
    from newslint.rules import load_rules

    info = RuleInfo(load_rules())
    root = corpora_root()
    print(f"newslint {getattr(newslint, '__version__', '?')} from {Path(newslint.__file__).parent}; "
          f"{len(info.rules)} rules; corpora at {root}", file=sys.stderr)
    if not root.is_dir():
        print(f"corpora folder not found: {root} (set NEWSLINT_CORPORA)", file=sys.stderr)
    rows: list[Row] = []
    started = time.time()
    for task in tasks:
        t0 = time.time()
        rows.extend(RUNNERS[task](root, info, opts))
        print(f"[{task}] done in {time.time() - t0:.1f}s", file=sys.stderr)
    print()
    print_table(rows, opts.markdown)
    failed = sum(1 for r in rows if r.status == "FAIL")
    print(f"\n{sum(1 for r in rows if r.status == 'PASS')} passed, {failed} failed "
          f"({time.time() - started:.0f}s)")
    if opts.json:
        payload = {"newslint_version": getattr(newslint, "__version__", None),
                   "date": time.strftime("%Y-%m-%d", time.gmtime()), "tasks": tasks,
                   "rows": [asdict(r) for r in rows]}
        Path(opts.json).write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
