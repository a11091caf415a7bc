"""Scale benchmark of ``newslint audit``: articles per second and peak memory on a synthetic archive.

    python bench/audit.py                        # 10,000 and 100,000 articles: an hour or more on 2 CPUs
    python bench/audit.py --articles 10000       # one size
    python bench/audit.py --articles 100000 --only audit-j2   # one configuration (e.g. the memory run)
    python bench/audit.py --markdown             # the table as Markdown (for docs/performance.md)
    python bench/audit.py --articles 100000 --only audit-j2 --select peacock-word   # a quicker memory run
    nice -n 10 python bench/audit.py --articles 10000 --markdown   # on a machine shared with others

The archive is built at run time in a temporary folder, removed afterwards, never committed: each
article is Markdown with front matter (a title, a date, an author, topics) and 4 to 12 paragraphs
drawn at random (seeded) from ``bbc-news-2225`` and ``digitalgov-news`` under ``../shared/corpora``
(``NEWSLINT_CORPORA`` overrides the folder). Titles, authors and topics are taken from the
digitalgov front matter; dates are spread over 2015-2024.

For each size it measures, as whole processes (start-up, rules, reading, linting, writing):

- ``check-j1`` / ``check-j2``: ``newslint check --format jsonl --no-cache`` (the baseline);
- ``audit-j1`` / ``audit-j2``: ``newslint audit --out DIR`` (tables and report.html);
- ``audit-dask``: ``newslint audit --engine dask`` on a ``LocalCluster`` of 2 single-threaded
  worker processes started by this script.

Peak memory is ``ru_maxrss`` from ``os.wait4`` (the largest of the process and the workers it
waited for); for Dask, the client's and the largest worker's (``getrusage`` in each worker).
While each run goes, ``/proc`` is sampled every second: the main process's resident set at a
quarter, half, three quarters of the run and its peak, and the peak of the proportional set
size (PSS) of the process and its children together, so growth with the archive shows within a
run and between sizes. CPU is user + system time; for Dask, the client's plus what the workers
spent during the run. The load average is printed before and after each run: on a shared
machine, CPU time is the steadier figure. When ``audit-j2`` and ``audit-dask`` both ran, their
tables are compared row for row.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONFIGS = ("check-j1", "audit-j1", "check-j2", "audit-j2", "audit-dask")
TARGET_RATIO = 1.3
TARGET_MB = 300


def corpora_root() -> Path:
    env = os.environ.get("NEWSLINT_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if len(p.split()) >= 12 and not p.lstrip().startswith(("{{", "<", "#", "|", "!"))]


def load_material(root: Path):
    import yaml

    paragraphs, titles, authors, topics = [], [], set(), set()
    for path in sorted((root / "bbc-news-2225").rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        paragraphs.extend(_paragraphs(text.split("\n", 1)[-1]))
    for path in sorted((root / "digitalgov-news").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            head, _, body = text[3:].partition("\n---")
            try:
                front = yaml.safe_load(head) or {}
            except yaml.YAMLError:
                front = {}
            if isinstance(front, dict):
                if isinstance(front.get("title"), str):
                    titles.append(" ".join(front["title"].split()))
                authors.update(a for a in front.get("authors") or () if isinstance(a, str))
                topics.update(t for t in front.get("topics") or () if isinstance(t, str))
            text = body
        paragraphs.extend(_paragraphs(text))
    return paragraphs, titles, sorted(authors), sorted(topics)


def build_archive(folder: Path, count: int, material, seed: int = 13) -> None:
    paragraphs, titles, authors, topics = material
    rng = random.Random(seed)
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        title = rng.choice(titles).replace("'", "’")
        body = "\n\n".join(rng.sample(paragraphs, rng.randint(4, 12)))
        front = (f"---\ntitle: '{title}'\ndate: {2015 + rng.randrange(10)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}\n"
                 f"authors:\n  - {rng.choice(authors)}\ntopics:\n  - {rng.choice(topics)}\n  - {rng.choice(topics)}\n---\n\n")
        (sub / f"article-{i:06d}.md").write_text(front + f"# {title}\n\n{body}\n", encoding="utf-8")


class Sampler(threading.Thread):
    """Samples a process's resident set, and the PSS of it and its children, once a second."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop, self.series, self.tree_peak, self.main_cpu = pid, threading.Event(), [], 0.0, 0.0

    def run(self) -> None:
        start = time.perf_counter()
        while not self.stop.wait(1.0):
            rss = _status_kb(self.pid, "VmRSS")
            if rss is None:
                return
            self.series.append((time.perf_counter() - start, rss / 1024))
            self.main_cpu = _own_cpu_s(self.pid) or self.main_cpu
            tree = [self.pid, *_children(self.pid)]
            self.tree_peak = max(self.tree_peak, sum(_pss_kb(p) for p in tree) / 1024)

    def figures(self) -> dict:
        self.stop.set()
        self.join()
        if not self.series:
            return {}
        end = self.series[-1][0]
        at = {f"rss_at_{q}": next((mb for t, mb in self.series if t >= end * q / 100), self.series[-1][1]) for q in (25, 50, 75)}
        return {**at, "main_rss_peak": max(mb for _, mb in self.series), "tree_pss_peak": self.tree_peak,
                "main_cpu": self.main_cpu}


def _own_cpu_s(pid: int) -> float | None:
    """User + system time of the process itself, not its children (the serial part of a -j run),
    as of the last sample: up to a second short at the end."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _status_kb(pid: int, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            return next((int(line.split()[1]) for line in handle if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    # the command name (field 2) may hold spaces: the fields after its ")" are plain
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(cmd: list[str], cwd: Path, out: Path | None = None) -> dict:
    before = load()
    start = time.perf_counter()
    with open(out or os.devnull, "w") as stdout:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True)
        sampler = Sampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    sampled = sampler.figures()
    err = proc.stderr.read()
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"audit.py: {' '.join(cmd)} exited {code}: {err[-600:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, **sampled,
            "load_before": before, "load_after": load()}


def newslint() -> str:
    beside = Path(sys.executable).parent / "newslint"
    return str(beside) if beside.exists() else "newslint"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(config: str, archive: Path, work: Path, extra: list[str]) -> dict:
    tool = newslint()
    out = work / config
    shutil.rmtree(out, ignore_errors=True)
    if config.startswith("check"):
        return run([tool, "check", *extra, "--format", "jsonl", "--no-cache", "-j", config[-1], str(archive)], work, work / f"{config}.jsonl")
    if config != "audit-dask":
        return run([tool, "audit", *extra, str(archive), "--out", str(out), "-j", config[-1]], work)
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster.scheduler_address) as client:
            before = sum(client.run(_cpu_s).values())
            result = run([tool, "audit", *extra, str(archive), "--out", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address], work)
            result["client_cpu"] = result["cpu"]
            result["cpu"] += sum(client.run(_cpu_s).values()) - before  # the workers' share of the run
            result["worker_rss_mb"] = max(client.run(_peak_rss_mb).values())
    return result


def same_tables(work: Path) -> str:
    """Do the local (-j 2) and the Dask audits hold the same rows? Compared in a canonical order:
    the Dask engine's parts come in the order they finished."""
    import pyarrow.parquet as pq

    verdicts = []
    for kind, keys in (("findings", ["path", "start", "end", "rule"]), ("articles", ["path"])):
        local = pq.read_table(work / "audit-j2" / f"{kind}.parquet")
        dask = pq.read_table(work / "audit-dask" / f"{kind}.parquet").select(local.column_names)
        order = [(k, "ascending") for k in keys]
        equal = local.sort_by(order).equals(dask.cast(local.schema).sort_by(order))
        verdicts.append(f"{kind}: {local.num_rows:,} rows {'identical' if equal else 'DIFFER'}")
    return "; ".join(verdicts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, action="append", help="archive size (repeatable) [10000 and 100000]")
    parser.add_argument("--only", action="append", choices=CONFIGS, help="run only these configurations (repeatable)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--select", help="lint with only these rules (passed to check and audit): a quicker memory run")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    sizes = args.articles or [10000, 100000]
    configs = args.only or list(CONFIGS)
    root = corpora_root()
    if not (root / "bbc-news-2225").is_dir() or not (root / "digitalgov-news").is_dir():
        sys.exit(f"audit.py: the corpora are not in {root} (set NEWSLINT_CORPORA)")
    material = load_material(root)
    figures, comparisons = [], []
    started_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="newslint-audit-bench-") as tmp:
        for size in sizes:
            archive = Path(tmp) / f"archive-{size}"
            started = time.perf_counter()
            build_archive(archive, size, material)
            print(f"built {size:,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            for config in configs:
                result = measure(config, archive, Path(tmp), ["--select", args.select] if args.select else [])
                result.update(articles=size, config=config, per_s=size / result["wall"], cpu_ms=1000 * result["cpu"] / size)
                figures.append(result)
                print(json.dumps(result), file=sys.stderr)
            if {"audit-j2", "audit-dask"} <= set(configs):
                verdict = same_tables(Path(tmp))
                comparisons.append(f"{size:,} articles, audit-j2 against audit-dask: {verdict}")
                print(comparisons[-1], file=sys.stderr)
            shutil.rmtree(archive)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    print(f"{started_at}; {os.cpu_count()} CPUs; nice {os.nice(0)}; command: {' '.join(sys.argv)}")
    print_table(figures, args.markdown)
    for line in comparisons:
        print(line)


def print_table(figures: list[dict], markdown: bool) -> None:
    by = {(f["articles"], f["config"]): f for f in figures}
    head = ["articles", "run", "articles/s", "CPU ms/article", "wall s", "peak RSS MB", "main RSS MB at 1/4, 1/2, 3/4, peak",
            "PSS of all MB", "main process CPU s", "load before -> after", "vs check (same -j)"]
    rows = []
    for f in figures:
        base = by.get((f["articles"], "check-j" + ("2" if f["config"] in ("audit-j2", "audit-dask") else "1")))
        ratio = ""
        if base and f["config"].startswith("audit"):
            ratio = f"{base['per_s'] / f['per_s']:.2f}x wall"
            ratio += f", {f['cpu_ms'] / base['cpu_ms']:.2f}x CPU"
        rss = f"{f['rss_mb']:.0f}" + (f" (worker {f['worker_rss_mb']:.0f})" if "worker_rss_mb" in f else "")
        cpu = f"{f['cpu_ms']:.1f}" + (f" (client {1000 * f['client_cpu'] / f['articles']:.1f})" if "client_cpu" in f else "")
        series = ", ".join(f"{f[k]:.0f}" for k in ("rss_at_25", "rss_at_50", "rss_at_75", "main_rss_peak") if k in f)
        pss = f"{f['tree_pss_peak']:.0f}" if "tree_pss_peak" in f else ""
        own = f"{f['main_cpu']:.0f}" if "main_cpu" in f else ""
        rows.append([f"{f['articles']:,}", f["config"], f"{f['per_s']:.1f}", cpu, f"{f['wall']:.0f}", rss, series, pss, own,
                     f"{f['load_before']} -> {f['load_after']}", ratio])
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        for row in [head, *rows]:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    print(f"\ntargets: audit within {TARGET_RATIO}x of check per article; peak RSS under {TARGET_MB} MB at 100,000 articles")


if __name__ == "__main__":
    main()
