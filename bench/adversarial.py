"""Adversarial-input benchmark (issue 15): each hostile input at two sizes, time ratio and memory.

    python bench/adversarial.py                  # every case at 1x and 4x (a few minutes)
    python bench/adversarial.py --only quote     # cases whose name contains "quote"
    python bench/adversarial.py --size 262144    # the 1x size in bytes (default 250 KB)
    python bench/adversarial.py --markdown       # the table as Markdown (for docs/robustness.md)
    python bench/adversarial.py --limit          # also each case at the 10 MiB size limit

Each case is a small crafted article (or a configuration, a rule, a baseline) that used to take
super-linear time or unbounded memory. It is written to a temporary folder at two sizes and
linted by a fresh ``python -m newslint`` process (``--no-cache``; the output goes to
``/dev/null``); the wall time and the peak RSS of that process (``ru_maxrss`` from
``os.wait4``) are measured. A case passes when the 4x run takes at most 5x the 1x time (with
half a second of slack for start-up noise), when no run uses more than 300 MB or 10 s, and when
no run prints a traceback. The exit status is 1 when any case fails.

All text is generated here; nothing is read from the corpora.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAX_SECONDS = 10.0
MAX_MB = 300.0
MAX_RATIO = 5.0
SLACK = 0.5  # seconds of start-up noise allowed on top of the ratio
LIMIT = 10 * 1024 * 1024  # newslint's article size limit

SENTENCE = "The council met on Monday to discuss the budget for the coming year. "
FAQ = "\n\n## FAQ\n\n**Q: When does the pool open?**\n\nA: The pool opens in May.\n\n"


def repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """``unit`` repeated to about ``size`` characters, between ``head`` and ``tail``."""
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


@dataclass
class Case:
    name: str
    item: str  # the item of issue 15
    suffix: str
    make: object  # size -> text (or, with ``setup``, the article)
    args: tuple = ()
    setup: object = None  # (folder, size) -> extra arguments, for cases needing other files


def _baseline_setup(folder: Path, size: int) -> tuple:
    return ("--baseline", str(folder / "base.json"))


def _rule_setup(folder: Path, size: int) -> tuple:
    rules = folder / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "eq-pattern.yaml").write_text(
        "kind: pattern\nseverity: warning\nmessage: x\n"
        "docs: {what: x, why: x, fix: x}\n"
        "params: {patterns: ['e[a-z ]{999}q']}\n"
        "examples: {flagged: [{text: 'e" + "a" * 999 + "q', findings: ['e" + "a" * 999 + "q']}], passing: [small]}\n",
        encoding="utf-8")
    return ("--rules", str(rules), "--select", "eq-pattern")


def _many_findings(size: int) -> str:
    # one paragraph on one line, a finding every few words (peacock and ai-boilerplate words)
    return repeat("It was a stupendous, iconic, ground-breaking day, a new era. ", size)


CASES = [
    # item 2: super-linear time on small crafted articles
    Case("md-link-open", "2", ".md", lambda n: repeat("](", n, "Text ")),
    Case("md-link-open-txt", "2", ".txt", lambda n: repeat("](", n, "Text ")),
    Case("comment-open", "2", ".md", lambda n: repeat("<!-- ", n, "Text ")),
    Case("comment-open-txt", "2", ".txt", lambda n: repeat("<!-- ", n, "Text ")),
    Case("enable-directive-open", "2", ".txt", lambda n: repeat("<!-- newslint-enable ", n, "Text ")),
    Case("backticks", "2", ".md", lambda n: repeat("`a", n, "Text ")),
    Case("backtick-runs", "2", ".md", lambda n: repeat("``a`", n, "Text ")),
    Case("autolink-open", "2", ".md", lambda n: repeat("<http://a", n, "Text ")),
    Case("div-open", "2", ".md", lambda n: repeat("<div ", n, "Text ")),
    Case("template-open", "2", ".md", lambda n: repeat("{{", n, "Text ")),
    Case("template-in-tag", "2", ".md", lambda n: repeat("<a " + "{{}}" * 40 + " words ", n, "Text ")),
    Case("url-close-parens", "2", ".txt", lambda n: repeat(")", n, "See http://example.com/a")),
    Case("url-many-parens", "2", ".txt", lambda n: repeat("http://example.com/a) ", n, "See ")),
    Case("open-quotes", "2", ".txt", lambda n: repeat("“a ", n, "Text ")),
    Case("open-quotes-straight", "2", ".txt", lambda n: repeat(' "a', n, "Text ")),
    Case("faq-bangs", "2 (issue 14)", ".md", lambda n: repeat("!", n, "# Pool" + FAQ + "A: Yes")),
    Case("html-a-open", "2", ".html", lambda n: repeat("<a ", n, "<p>Text ")),
    Case("html-marked-section", "2", ".html", lambda n: repeat("<![ ", n, "<p>Text ")),
    Case("html-unclosed-value", "2", ".html", lambda n: repeat('<a x="', n, "<p>Text ")),
    Case("html-nested-li", "2", ".html", lambda n: repeat("<li>a ", n, "<ul>")),
    Case("html-nested-p", "2", ".html", lambda n: repeat("<p>a ", n)),
    Case("next-line-blank-lines", "2", ".txt",
         lambda n: "<!-- newslint-disable-next-line -->" * (n // 80) + "\n" * (n // 2) + "A stupendous day.\n"),
    Case("disable-enable-ranges", "2", ".txt",
         lambda n: repeat("<!-- newslint-disable peacock-word -->\nA stupendous, iconic day.\n"
                          "<!-- newslint-enable peacock-word -->\n", n)),
    Case("disable-unmatched-names", "2", ".txt",
         lambda n: repeat("<!-- newslint-disable peacock-word -->\n<!-- newslint-enable hype -->\n", n)),
    # item 3: quadratic time on realistic large content
    Case("quotes-one-block", "3", ".txt",
         lambda n: repeat("“We will rebuild the pier,” the mayor said. ", n)),
    Case("quotes-one-block-unattributed", "3", ".txt",
         lambda n: repeat("“We will rebuild the pier” and then “we will open it” ", n)),
    Case("faq-redundancy", "3 (issue 14)", ".md",
         lambda n: repeat(SENTENCE, n // 2, "# Pool\n\n") + repeat(
             "\n\n**Q: When does the pool open for the coming year?**\n\nA: The council met on Monday.", n // 2,
             "\n\n## FAQ")),
    Case("links-one-block", "3", ".md",
         lambda n: repeat("according to [the agency](https://example.gov/report/2024) ", n, "Figures rose, ")),
    Case("baseline-long-line", "3", ".txt", _many_findings, setup=_baseline_setup),
    Case("text-report-long-line", "3", ".txt", _many_findings, args=("--format", "text")),
    Case("json-report-long-line", "3", ".txt", _many_findings, args=("--format", "json")),
    Case("sarif-report-long-line", "3", ".txt", _many_findings, args=("--format", "sarif")),
    Case("prose-paragraphs", "linear reference", ".txt", lambda n: repeat(SENTENCE + "\n\n", n)),
    # item 16: RE2 program size
    Case("re2-wide-repeat", "16", ".txt", lambda n: repeat("e" + "a" * 50 + " ", n), setup=_rule_setup),
    # item 1: YAML bounds (done before; measured here too)
    Case("front-matter-alias-bomb", "1", ".md", lambda n: (
        "---\na0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
        + "sources: *a9\n---\n" + repeat(SENTENCE, n))),
]


def _write_baseline(folder: Path, article: Path) -> None:
    subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--write-baseline", str(folder / "base.json"),
                    str(article)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder, check=False)


def _sized(case: Case, size: int, max_bytes: int | None) -> str:
    """The case's text at ``size`` characters, made smaller when its UTF-8 form (curly quotation
    marks take three bytes) would pass ``max_bytes``."""
    text = case.make(size)
    while max_bytes is not None and len(text.encode("utf-8")) > max_bytes:
        size = size * max_bytes // len(text.encode("utf-8")) - 64
        text = case.make(size)
    return text


def measure(case: Case, size: int, folder: Path, timeout: float, max_bytes: int | None = None) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    article = folder / f"{case.name}{case.suffix}"
    article.write_text(_sized(case, size, max_bytes), encoding="utf-8")
    extra = case.setup(folder, size) if case.setup else ()
    if case.setup is _baseline_setup:
        _write_baseline(folder, article)
    cmd = [sys.executable, "-m", "newslint", "--no-cache", *case.args, *extra, str(article)]
    started = time.monotonic()
    with open(folder / "stderr", "w+b") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, cwd=folder)
        timed_out = False
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return {
        "bytes": article.stat().st_size,
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,  # user + sys: less noisy than wall time on a shared machine
        "mb": usage.ru_maxrss / 1024,
        "exit": proc.returncode,
        "timed_out": timed_out,
        "traceback": "Traceback" in stderr,
        "stderr": stderr.strip().splitlines()[-1][:150] if stderr.strip() else "",
    }


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run only cases whose name contains this")
    parser.add_argument("--size", type=int, default=250_000, help="the 1x size in bytes")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--limit", action="store_true", help="also run each case at the 10 MiB size limit")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is killed")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.only or args.only in c.name]
    failed = []
    rows = []
    with tempfile.TemporaryDirectory(prefix="newslint-adversarial-") as tmp:
        for case in cases:
            one = measure(case, args.size, Path(tmp) / case.name / "1x", args.timeout)
            four = measure(case, 4 * args.size, Path(tmp) / case.name / "4x", args.timeout)
            runs = [one, four]
            if args.limit:
                runs.append(measure(case, LIMIT - 4096, Path(tmp) / case.name / "limit", args.timeout, LIMIT - 4096))
            ratio = four["seconds"] / one["seconds"] if one["seconds"] else float("inf")
            problems = []
            if four["seconds"] > MAX_RATIO * one["seconds"] + SLACK:
                problems.append(f"ratio {ratio:.1f}")
            for run in runs:
                if run["timed_out"] or run["seconds"] > MAX_SECONDS:
                    problems.append(f"{run['seconds']:.1f} s at {run['bytes']} bytes")
                if run["mb"] > MAX_MB:
                    problems.append(f"{run['mb']:.0f} MB at {run['bytes']} bytes")
                if run["traceback"]:
                    problems.append("traceback: " + run["stderr"])
            if problems:
                failed.append(case.name)
            rows.append((case, runs, ratio, problems))
            if not args.markdown:
                limit = (f"  limit {runs[2]['seconds']:6.2f} s (cpu {runs[2]['cpu']:6.2f} s) {runs[2]['mb']:5.0f} MB"
                         if args.limit else "")
                print(f"{case.name:32} {one['bytes']:>9} B {one['seconds']:6.2f} s {one['mb']:5.0f} MB | "
                      f"{four['bytes']:>9} B {four['seconds']:6.2f} s {four['mb']:5.0f} MB | x{ratio:4.1f} "
                      f"exit {four['exit']}{limit}  {'FAIL ' + '; '.join(problems) if problems else 'ok'}",
                      flush=True)
    if args.markdown:
        print(f"Measured {_dt.date.today().isoformat()} at commit {commit()}, 1x = {args.size:,} bytes "
              f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores).\n")
        head = "| case | item | 1x s | 1x MB | 4x s | 4x MB | ratio | exit |"
        if args.limit:
            head += " 10 MiB s | 10 MiB cpu s | 10 MiB MB |"
        print(head)
        print("|" + "---|" * (head.count("|") - 1))
        for case, runs, ratio, problems in rows:
            cells = [case.name, case.item, f"{runs[0]['seconds']:.2f}", f"{runs[0]['mb']:.0f}",
                     f"{runs[1]['seconds']:.2f}", f"{runs[1]['mb']:.0f}", f"{ratio:.1f}", str(runs[1]["exit"])]
            if args.limit:
                cells += [f"{runs[2]['seconds']:.2f}", f"{runs[2]['cpu']:.2f}", f"{runs[2]['mb']:.0f}"]
            print("| " + " | ".join(cells) + " |" + (" **" + "; ".join(problems) + "**" if problems else ""))
    if failed:
        print(f"adversarial.py: {len(failed)} case(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
