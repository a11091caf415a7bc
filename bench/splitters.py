#!/usr/bin/env python
"""Compare newslint's sentence splitter (sentences.py) with spaCy's sentencizer (nlp.py).

    python bench/splitters.py [--src] [--show N] [--corpus NAME ...]

Both split the prose blocks of every article of the corpora (read at run time from
``../shared/corpora``, ``NEWSLINT_CORPORA`` to override) and of the generated articles. The
report gives, per corpus, the blocks split identically, the sentence boundaries found by both,
by spaCy only and by newslint only, and (with ``--show``) examples of the disagreements.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from findings import texts  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", action="store_true", help="use src/ of this checkout")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N disagreements")
    parser.add_argument("--only", metavar="PREFIX", default="", help="only texts whose key starts so (e.g. digitalgov-news)")
    opts = parser.parse_args(argv)
    if opts.src:
        sys.path.insert(0, str(REPO / "src"))
    from newslint import nlp, sentences
    from newslint.document import Document

    counts: dict[str, Counter] = {}
    shown = 0
    seconds = Counter()
    for key, text, path in texts(True):
        if not key.startswith(opts.only):
            continue
        corpus = key.split("/", 1)[0]
        c = counts.setdefault(corpus, Counter())
        blocks = Document(text, path).prose_blocks
        t0 = time.perf_counter()
        ours = sentences.split_sentences(text, blocks)
        t1 = time.perf_counter()
        theirs = nlp.split_sentences(text, blocks)
        seconds["newslint"] += t1 - t0
        seconds["spacy"] += time.perf_counter() - t1
        a = {(s.start, s.end) for s in ours}
        b = {(s.start, s.end) for s in theirs}
        c["texts"] += 1
        c["sentences (spaCy)"] += len(b)
        c["same sentences"] += len(a & b)
        c["texts split the same"] += a == b
        ends_a, ends_b = {e for _, e in a}, {e for _, e in b}
        c["boundaries both"] += len(ends_a & ends_b)
        c["spaCy only"] += len(ends_b - ends_a)
        c["newslint only"] += len(ends_a - ends_b)
        for end in sorted(ends_a ^ ends_b):
            if shown >= opts.show:
                break
            shown += 1
            who = "spaCy only" if end in ends_b else "newslint only"
            print(f"{key} @{end} [{who}]: ...{text[max(0, end - 50):end]!r} | {text[end:end + 30]!r}")
    total = Counter()
    for corpus, c in counts.items():
        total.update(c)
        print(f"{corpus}: " + ", ".join(f"{k} {v:,}" for k, v in c.items()))
    print("all: " + ", ".join(f"{k} {v:,}" for k, v in total.items()))
    share = total["same sentences"] / max(1, total["sentences (spaCy)"])
    print(f"sentences identical: {share:.2%}; texts split identically: {total['texts split the same'] / total['texts']:.2%}")
    print(f"splitting time: newslint {seconds['newslint']:.2f} s, spaCy {seconds['spacy']:.2f} s (after its import)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
