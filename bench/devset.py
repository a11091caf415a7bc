#!/usr/bin/env python
"""The editor-judged development set: precision of findings as an editor judges them, and
recall of an editor's own marks on machine-written news.

    python bench/devset.py measure [--src] [--workers N] [--json FILE]
    python bench/devset.py pending [--src] --out DIR [--batch 60]   # findings to judge
    python bench/devset.py merge DIR                                # judges' verdicts -> annotations

Annotations live in ``bench/annotations/`` as offsets only (never the third-party text, which is
read at run time from ``../shared/corpora``):

- ``precision.jsonl``: one verdict per judged finding: corpus, file, rule, start, end, sha1 of the
  span, verdict (``yes``: a demanding wire-service editor would circle it; ``no``: not), reason.
- ``recall/*.jsonl``: an editor's marks on machine-written texts of ``llm-news-xsum-dev``, made
  without looking at newslint's output: file, index, start, end, category, sha1, reason.

**Sampling.** Every finding of the default rules on the three corpora (BBC, digitalgov, the
human side of llm-news-xsum-dev) gets a key: a hash of a fixed seed and the finding's identity
(corpus, file, rule, offsets). Within each stratum (corpus x rule) the findings with the lowest
keys form the sample, ``PER_STRATUM`` of them. The sample is random, and stable: when a rule
changes, findings that stay keep their key and verdict, and only the findings a change brings
into the sample need judging (``pending``). Precision per rule and corpus is the share of ``yes``
among judged sampled findings; overall precision weights each stratum by its population, so a
rare rule's sample does not stand for more findings than it has.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO / "bench" / "annotations"
PRECISION_FILE = ANNOTATIONS / "precision.jsonl"
RECALL_DIR = ANNOTATIONS / "recall"
SEED = "newslint-devset-1"
PER_STRATUM = 14
CORPORA = ("bbc-news-2225", "digitalgov-news", "llm-news-xsum-dev")
LLM_FILES = ("xsum_gpt-4.dev.json", "xsum_gpt-3.5-turbo.dev.json")
WARNING, INFO = 2, 1  # newslint.finding.Severity values, kept here to avoid an import at load


def corpora_root() -> Path:
    env = os.environ.get("NEWSLINT_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


def sha10(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# --- texts ------------------------------------------------------------------------------------


def read_corpus(root: Path, corpus: str) -> list[tuple[str, str, str]]:
    """(file key, text, path given to newslint) of every article of a corpus, in a fixed order.
    For llm-news-xsum-dev: the human side (``original``) only; see ``machine_texts``."""
    base = root / corpus
    out = []
    if corpus == "bbc-news-2225":
        for path in sorted(base.glob("*/*.txt")):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")  # sport/199.txt (see SOURCE.md)
            key = path.relative_to(base).as_posix()
            out.append((key, text, key))
    elif corpus == "digitalgov-news":
        for path in sorted((base / "posts").rglob("*.md")):
            key = path.relative_to(base).as_posix()
            out.append((key, path.read_text(encoding="utf-8"), key))
    elif corpus == "llm-news-xsum-dev":
        for name in LLM_FILES:
            data = json.loads((base / name).read_text(encoding="utf-8"))
            for i, text in enumerate(data["original"]):
                key = f"{name}#original/{i}"
                out.append((key, text, f"{name}.original.{i}.txt"))
    return out


def machine_texts(root: Path) -> dict[tuple[str, int], str]:
    base = root / "llm-news-xsum-dev"
    out = {}
    for name in LLM_FILES:
        data = json.loads((base / name).read_text(encoding="utf-8"))
        for i, text in enumerate(data["sampled"]):
            out[(name, i)] = text
    return out


# --- linting ------------------------------------------------------------------------------------

_RULESET = None


def _init(use_src: bool) -> None:
    global _RULESET
    if use_src and str(REPO / "src") not in sys.path:
        sys.path.insert(0, str(REPO / "src"))
    from newslint.engine import RuleSet
    from newslint.rules import load_rules

    _RULESET = RuleSet(load_rules())


def _lint(item: tuple[str, str, str]) -> tuple[str, list[tuple]]:
    key, text, path = item
    result = _RULESET.lint_text(text, path, metrics=False)
    return key, [(f.rule, int(f.severity), f.start, f.end, f.message) for f in result.findings]


def lint_all(items: list[tuple[str, str, str]], workers: int, use_src: bool) -> dict[str, list[tuple]]:
    if workers <= 1:
        _init(use_src)
        return dict(map(_lint, items))
    import multiprocessing as mp

    with mp.get_context("fork").Pool(workers, initializer=_init, initargs=(use_src,)) as pool:
        return dict(pool.map(_lint, items, chunksize=16))


def rule_info(use_src: bool) -> dict[str, dict]:
    if use_src and str(REPO / "src") not in sys.path:
        sys.path.insert(0, str(REPO / "src"))
    from newslint.rules import load_rules

    info = {}
    for r in load_rules():
        check = r.kind.p.get("check")
        article = r.kind.name == "density" or check in {"no-sources", "no-named-quote", "unspecific-sources"}
        info[r.id] = {"category": r.category, "severity": int(r.severity), "article": article}
    return info


# --- sampling -----------------------------------------------------------------------------------


def sample_key(corpus: str, key: str, rule: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{SEED}|{corpus}|{key}|{rule}|{start}|{end}".encode()).hexdigest()


def sample(findings: dict[str, dict[str, list[tuple]]]) -> tuple[dict, Counter]:
    """The sampled findings per stratum (corpus, rule) and the population of each stratum."""
    strata: dict[tuple[str, str], list] = defaultdict(list)
    for corpus, by_key in findings.items():
        for key, found in by_key.items():
            for rule, severity, start, end, message in found:
                strata[(corpus, rule)].append((sample_key(corpus, key, rule, start, end), key, rule, severity, start, end, message))
    population = Counter({s: len(v) for s, v in strata.items()})
    chosen = {s: sorted(v)[:PER_STRATUM] for s, v in strata.items()}
    return chosen, population


def load_verdicts() -> dict[tuple, dict]:
    verdicts = {}
    if PRECISION_FILE.exists():
        for line in PRECISION_FILE.read_text(encoding="utf-8").splitlines():
            if line.strip():
                v = json.loads(line)
                verdicts[(v["corpus"], v["file"], v["rule"], v["start"], v["end"])] = v
    return verdicts


# --- measuring ----------------------------------------------------------------------------------


def wilson(yes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return (0.0, 1.0)
    p = yes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def precision(chosen, population, verdicts, texts, keep) -> dict:
    """Stratified precision over the strata that ``keep(corpus, rule, severity)`` accepts."""
    total = weighted = 0.0
    judged = unjudged = stale = 0
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # yes, judged, population
    for (corpus, rule), items in chosen.items():
        items = [it for it in items if keep(corpus, rule, it[3])]
        if not items:
            continue
        yes = n = 0
        for _, key, _, _, start, end, _ in items:
            v = verdicts.get((corpus, key, rule, start, end))
            if v is None:
                unjudged += 1
                continue
            if v.get("sha1") and v["sha1"] != sha10(texts[corpus][key][start:end]):
                stale += 1
                continue
            n += 1
            yes += v["verdict"] == "yes"
        judged += n
        pop = population[(corpus, rule)]
        per_rule[rule][0] += yes
        per_rule[rule][1] += n
        per_rule[rule][2] += pop
        if n:
            total += pop
            weighted += pop * yes / n
    return {"precision": weighted / total if total else None, "judged": judged, "unjudged": unjudged,
            "stale": stale, "per_rule": dict(per_rule)}


def load_marks() -> list[dict]:
    marks = []
    for path in sorted(RECALL_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                marks.append(json.loads(line))
    return marks


def recall(root: Path, workers: int, use_src: bool, min_severity: int) -> dict:
    texts = machine_texts(root)
    marks = load_marks()
    wanted = sorted({(m["file"], m["index"]) for m in marks})
    items = [(f"{name}#sampled/{i}", texts[(name, i)], f"{name}.sampled.{i}.txt") for name, i in wanted]
    found = lint_all(items, workers, use_src)
    article_level = {r for r, i in rule_info(use_src).items() if i["article"]}
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    # per rule: span findings on the marked texts, how many overlap a mark, marks only it reaches
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    good: dict[str, list[dict]] = defaultdict(list)
    bad = 0
    for m in marks:
        if m["category"] == "none":
            continue
        text = texts[(m["file"], m["index"])]
        if sha10(text[m["start"] : m["end"]]) != m["sha1"]:
            bad += 1
            continue
        good[f"{m['file']}#sampled/{m['index']}"].append(m)
        hits = found[f"{m['file']}#sampled/{m['index']}"]
        # article-level findings are anchored at the headline or first paragraph: they mark no span
        by = {rule for rule, sev, s, e, _ in hits
              if s < m["end"] and m["start"] < e and sev >= min_severity and rule not in article_level}
        per_cat[m["category"]][0] += bool(by)
        per_cat[m["category"]][1] += 1
        if len(by) == 1:
            per_rule[next(iter(by))][2] += 1
    for key, hits in found.items():
        for rule, sev, s, e, _ in hits:
            if sev >= min_severity and rule not in article_level:
                per_rule[rule][0] += 1
                per_rule[rule][1] += any(s < m["end"] and m["start"] < e for m in good[key])
    caught = sum(c for c, _ in per_cat.values())
    total = sum(n for _, n in per_cat.values())
    return {"recall": caught / total if total else None, "marks": total, "texts": len(wanted),
            "bad_offsets": bad, "per_category": {k: tuple(v) for k, v in sorted(per_cat.items())},
            "per_rule": {k: tuple(v) for k, v in sorted(per_rule.items())}}


def lint_corpora(opts) -> tuple[Path, dict, dict, dict]:
    """(corpora root, rule info, texts by corpus and file, findings by corpus and file)."""
    root = corpora_root()
    info = rule_info(opts.src)
    texts, findings = {}, {}
    for corpus in CORPORA:
        items = read_corpus(root, corpus)
        texts[corpus] = {key: text for key, text, _ in items}
        findings[corpus] = lint_all(items, opts.workers, opts.src)
    return root, info, texts, findings


def measure(opts) -> dict:
    root, info, texts, findings = lint_corpora(opts)
    chosen, population = sample(findings)
    verdicts = load_verdicts()
    out: dict = {}
    for level, name in ((WARNING, "warning+"), (INFO, "info")):
        sel = (lambda lv: (lambda c, r, sev: sev >= lv))(level) if level == WARNING else (lambda c, r, sev: sev == INFO)
        out[name] = {"all": precision(chosen, population, verdicts, texts, sel)}
        for corpus in CORPORA:
            out[name][corpus] = precision(chosen, population, verdicts, texts,
                                          (lambda cc, s: (lambda c, r, sev: c == cc and s(c, r, sev)))(corpus, sel))
    for corpus in CORPORA:
        by_key = findings[corpus]
        failing = sum(any(sev >= WARNING for _, sev, *_ in f) for f in by_key.values())
        warn = sum(sum(sev >= WARNING for _, sev, *_ in f) for f in by_key.values())
        out.setdefault("gate", {})[corpus] = {"articles": len(by_key), "failing": failing,
                                              "share": failing / len(by_key) if by_key else None,
                                              "warnings_per_text": warn / len(by_key) if by_key else None}
    out["recall_warning+"] = recall(root, opts.workers, opts.src, WARNING)
    out["recall_info+"] = recall(root, opts.workers, opts.src, INFO)
    out["rule_info"] = info
    return out


def print_measure(m: dict) -> None:
    for level in ("warning+", "info"):
        print(f"\nPrecision at {level} (stratified, judged findings)")
        for corpus, p in m[level].items():
            pr = "n/a" if p["precision"] is None else f"{p['precision']:.3f}"
            print(f"  {corpus:20} P {pr}  judged {p['judged']}  unjudged {p['unjudged']}  stale {p['stale']}")
        print("  per rule (all corpora): yes/judged of population")
        for rule, (yes, n, pop) in sorted(m[level]["all"]["per_rule"].items()):
            lo, hi = wilson(yes, n)
            print(f"    {rule:28} {yes:3}/{n:<3} of {pop:5}  P {yes / n if n else float('nan'):.2f}  [{lo:.2f}, {hi:.2f}]")
    print("\nGate: share of articles with a warning+ finding")
    for corpus, g in m["gate"].items():
        print(f"  {corpus:20} {g['failing']}/{g['articles']} = {100 * g['share']:.1f}%  warning+ per text {g['warnings_per_text']:.3f}")
    for name in ("recall_warning+", "recall_info+"):
        r = m[name]
        print(f"\nRecall of the editor's marks ({name[7:]}): {r['recall']:.3f} of {r['marks']} marks on {r['texts']} texts"
              f" (bad offsets {r['bad_offsets']})")
        for cat, (c, n) in r["per_category"].items():
            print(f"  {cat:20} {c:3}/{n:<3} = {c / n:.2f}")
        print("  per rule: findings on a mark / findings on the marked texts; marks no other rule reaches")
        for rule, (n, on, only) in r["per_rule"].items():
            print(f"    {rule:28} {on:4}/{n:<4} = {on / n:.2f}  only {only}")


# --- judging ------------------------------------------------------------------------------------


def _context(text: str, start: int, end: int, article: bool, limit_words: int = 900) -> str:
    """The article with the span marked; long articles cut to the paragraphs around the span."""
    marked = text[:start] + "⟦" + text[start:end] + "⟧" + text[end:]
    if article or len(marked.split()) <= limit_words:
        words = marked.split(" ")
        return marked if len(marked.split()) <= limit_words * 2 else " ".join(words[: limit_words * 2]) + " [...]"
    paras = marked.split("\n\n")
    at = next(i for i, p in enumerate(paras) if "⟦" in p)
    head = paras[0]
    lo, hi = max(1, at - 3), at + 4
    return head + "\n\n[...]\n\n" + "\n\n".join(paras[lo:hi]) + "\n\n[...]"


def pending(opts) -> int:
    root, info, texts, findings = lint_corpora(opts)
    chosen, _ = sample(findings)
    verdicts = load_verdicts()
    todo = []
    for (corpus, rule), items in sorted(chosen.items()):
        for skey, key, _, severity, start, end, message in items:
            v = verdicts.get((corpus, key, rule, start, end))
            if v is None or (v.get("sha1") and v["sha1"] != sha10(texts[corpus][key][start:end])):
                todo.append((skey, corpus, key, rule, start, end, message))
    todo.sort()  # by sample key: batches mix rules and corpora at random
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    for b in range(0, len(todo), opts.batch):
        batch = todo[b : b + opts.batch]
        ids, lines = {}, []
        for n, (_, corpus, key, rule, start, end, message) in enumerate(batch, 1):
            item_id = f"{b // opts.batch:02d}-{n:03d}"
            text = texts[corpus][key]
            ids[item_id] = {"corpus": corpus, "file": key, "rule": rule, "start": start, "end": end,
                            "sha1": sha10(text[start:end])}
            scope = "the whole article" if info[rule]["article"] else "the span marked ⟦like this⟧"
            lines += [f"## Item {item_id}", f"Source: {corpus} ({'agency blog/news site' if corpus == 'digitalgov-news' else 'news article'})",
                      f"The linter says about {scope}: {message}", "", "```text", _context(text, start, end, info[rule]["article"]), "```", ""]
        (out / f"batch-{b // opts.batch:02d}.md").write_text("\n".join(lines), encoding="utf-8")
        (out / f"batch-{b // opts.batch:02d}.ids.json").write_text(json.dumps(ids, indent=1), encoding="utf-8")
    print(f"{len(todo)} findings to judge, in {math.ceil(len(todo) / opts.batch)} batches under {out}")
    return 0


def merge(opts) -> int:
    src = Path(opts.dir)
    verdicts = load_verdicts()
    added = 0
    for ids_file in sorted(src.glob("batch-*.ids.json")):
        ids = json.loads(ids_file.read_text(encoding="utf-8"))
        vfile = ids_file.with_name(ids_file.name.replace(".ids.json", ".verdicts.jsonl"))
        if not vfile.exists():
            print(f"{vfile}: no verdicts yet", file=sys.stderr)
            continue
        for line in vfile.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            v = json.loads(line)
            item = ids.get(v["id"])
            if item is None or v.get("verdict") not in ("yes", "no"):
                print(f"{vfile}: bad line {line[:80]}", file=sys.stderr)
                continue
            record = {**item, "verdict": v["verdict"], "reason": " ".join(str(v.get("reason", "")).split())[:160]}
            verdicts[(item["corpus"], item["file"], item["rule"], item["start"], item["end"])] = record
            added += 1
    ANNOTATIONS.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(v, ensure_ascii=False) for _, v in sorted(verdicts.items())]
    PRECISION_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"merged {added} verdicts; {len(verdicts)} in {PRECISION_FILE.relative_to(REPO)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("measure", "pending"):
        p = sub.add_parser(name)
        p.add_argument("--src", action="store_true", help="measure the working tree (src/, rules/)")
        p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
        if name == "pending":
            p.add_argument("--out", required=True)
            p.add_argument("--batch", type=int, default=60)
        else:
            p.add_argument("--json")
    p = sub.add_parser("merge")
    p.add_argument("dir")
    opts = parser.parse_args(argv)
    if opts.command == "merge":
        return merge(opts)
    if opts.command == "pending":
        return pending(opts)
    m = measure(opts)
    print_measure(m)
    if opts.json:
        Path(opts.json).write_text(json.dumps(m, indent=1, default=list), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
