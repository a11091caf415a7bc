#!/usr/bin/env python
"""Record every finding and metric newslint gives on a set of texts, and compare two records.

    python bench/findings.py record OUT.jsonl [--src] [--corpora] [--workers N]
    python bench/findings.py compare BEFORE.jsonl AFTER.jsonl

A record holds, for each text, the findings of the default rules and of every rule (opt-in
ones too) as (rule, start, end, message), and the metrics. The texts are the examples/ folder,
the generated articles of ``bench/articles.py`` at scales 1, 3 and 10, and with ``--corpora``
the BBC, digitalgov and llm-news-xsum-dev corpora (both sides), read from ``../shared/corpora``
at run time (``NEWSLINT_CORPORA`` to override). Record at the merge base, record after a
change, and compare: a speed change must leave the two records equal.

``--src`` lints with the ``src/`` of this checkout instead of the installed newslint.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from articles import SHAPES, article  # noqa: E402
from devset import CORPORA, corpora_root, machine_texts, read_corpus  # noqa: E402


def texts(with_corpora: bool) -> list[tuple[str, str, str]]:
    """(key, text, path newslint sees) of every text recorded."""
    out = [(f"examples/{p.name}", p.read_text(encoding="utf-8"), f"examples/{p.name}")
           for p in sorted((REPO / "examples").iterdir()) if p.is_file()]
    out += [(f"generated/{shape}-{scale}x.md", article(shape, scale), f"{shape}-{scale}x.md")
            for shape in SHAPES for scale in (1, 3, 10)]
    if with_corpora:
        root = corpora_root()
        for corpus in CORPORA:
            out += [(f"{corpus}/{key}", text, path) for key, text, path in read_corpus(root, corpus)]
        out += [(f"llm-news-xsum-dev/{name}#sampled/{i}", text, f"{name}.sampled.{i}.txt")
                for (name, i), text in sorted(machine_texts(root).items())]
    return out


_SETS = None


def _init(use_src: bool) -> None:
    global _SETS
    if use_src:
        sys.path.insert(0, str(REPO / "src"))
    from newslint.engine import RuleSet
    from newslint.rules import load_rules

    rules = load_rules()
    _SETS = {"default": RuleSet(rules), "all": RuleSet(rules, select=[r.id for r in rules])}


def _lint(item):
    key, text, path = item
    from newslint.document import Document

    record = {"key": key}
    for name, ruleset in _SETS.items():
        result = ruleset.lint_document(Document(text, path), metrics=name == "default", readability=False)
        record[name] = [[f.rule, f.start, f.end, f.message] for f in result.findings]
        if result.errors:
            record[f"{name}_errors"] = result.errors
        if name == "default":
            record["metrics"] = result.metrics
    return record


def record(opts) -> int:
    items = texts(opts.corpora)
    if opts.workers <= 1:
        _init(opts.src)
        records = map(_lint, items)
    else:
        import multiprocessing as mp

        pool = mp.get_context("fork").Pool(opts.workers, initializer=_init, initargs=(opts.src,))
        records = pool.imap(_lint, items, chunksize=16)
    with open(opts.out, "w", encoding="utf-8") as out:
        for rec in records:
            out.write(json.dumps(rec, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"recorded {len(items)} texts in {opts.out}", file=sys.stderr)
    return 0


def _load(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {rec["key"]: rec for rec in map(json.loads, handle)}


def compare(opts) -> int:
    before, after = _load(opts.before), _load(opts.after)
    changed = 0
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        changed += 1
        if a is None or b is None:
            print(f"{key}: only in {'after' if a is None else 'before'}")
            continue
        for field in sorted(a.keys() | b.keys()):
            if a.get(field) == b.get(field):
                continue
            if field in ("default", "all"):
                old = {tuple(f) for f in a.get(field, [])}
                new = {tuple(f) for f in b.get(field, [])}
                for f in sorted(old - new):
                    print(f"{key}: [{field}] lost   {f}")
                for f in sorted(new - old):
                    print(f"{key}: [{field}] gained {f}")
                if old == new:
                    print(f"{key}: [{field}] same findings, different order")
            else:
                print(f"{key}: {field}: {a.get(field)} -> {b.get(field)}")
    print(f"{len(before)} texts before, {len(after)} after, {changed} differ", file=sys.stderr)
    return 1 if changed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("out")
    rec.add_argument("--src", action="store_true")
    rec.add_argument("--corpora", action="store_true")
    rec.add_argument("--workers", type=int, default=1)
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("before")
    cmp_.add_argument("after")
    opts = parser.parse_args(argv)
    return record(opts) if opts.command == "record" else compare(opts)


if __name__ == "__main__":
    sys.exit(main())
