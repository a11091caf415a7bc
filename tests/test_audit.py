"""newslint audit on one machine: the tables agree with newslint check, the report is whole and
offline, tables as input, JSON Lines, and resuming after Ctrl-C or a killed process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from newslint.cli import main  # noqa: E402
from signals import sigint_default  # noqa: E402

ARCHIVE = Path(__file__).parent / "fixtures" / "audit" / "archive"
FILES = sorted(str(p) for p in ARCHIVE.rglob("*") if p.is_file())


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def audit(out, *args):
    result = run("audit", *args, "--out", out)
    assert result.exit_code == 0, result.output
    return result


def check_jsonl(*paths):
    result = run("check", "--no-cache", "--format", "jsonl", *paths)
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.output.splitlines()]


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit") / "out"
    audit(out, ARCHIVE, "--readability")
    return out


def test_findings_table_holds_exactly_what_check_reports(audited):
    findings = pq.read_table(audited / "findings.parquet").to_pylist()
    expected = check_jsonl(ARCHIVE)
    assert len(findings) == len(expected) > 20
    keys = ("path", "rule", "severity", "line", "column", "start", "end", "text", "message")
    assert [{k: f[k] for k in keys} for f in findings] == [{k: e[k] for k in keys} for e in expected]
    hype = [f for f in findings if f["rule"] == "peacock-word"]
    assert hype and {f["category"] for f in hype} == {"hype"}
    # every span is the text it points at
    for f in findings:
        text = Path(f["path"]).read_text(encoding="utf-8")
        assert text[f["start"]:f["end"]] == f["text"]


def test_articles_table_one_row_per_file_with_metrics_and_front_matter(audited):
    table = pq.read_table(audited / "articles.parquet")
    assert table.schema.metadata[b"newslint.audit.schema"] == b"1"
    rows = {Path(r["path"]).name: r for r in table.to_pylist()}
    assert [r["path"] for r in table.to_pylist()] == FILES
    check = run("check", "--no-cache", "--format", "json", "--readability", ARCHIVE)
    checked = json.loads(check.output)["files"]
    metrics = {Path(f["path"]).name: f["metrics"] for f in checked}
    counts = {Path(f["path"]).name: len(f["findings"]) for f in checked}
    for name, row in rows.items():
        assert row["status"] == "ok" and row["problem"] is None
        assert row["words"] == metrics[name]["words"]
        assert row["attributed_quotes"] == metrics[name]["quotes"]
        assert row["readability_grade"] == metrics[name]["flesch_kincaid_grade"]
        assert row["hype_per_1000"] == metrics[name]["hype_per_1000"]
    ferry = rows["ferry-timetable.md"]
    assert (ferry["title"], ferry["date"], ferry["authors"], ferry["sections"], ferry["tags"]) == (
        "Island ferry timetable changes from March", "2024-02-12", ["Nadia Orsk"], ["transport"], ["ferries", "islands"])
    assert ferry["quotes"] == 1 and ferry["named_sources"] == 1 and ferry["findings"] == 0
    roof = rows["library-roof.md"]
    assert roof["authors"] == ["Tomas Brill"] and roof["sections"] == ["council", "buildings"] and roof["tags"] is None
    launch = rows["startup-launch.md"]
    # as many as check reports, all info (the rules' own counts move as rules improve)
    assert launch["findings"] == launch["infos"] == counts["startup-launch.md"] >= 10
    assert launch["named_sources"] == 0
    assert launch["unsupported_claims"] == sum(
        1 for f in pq.read_table(audited / "findings.parquet").to_pylist()
        if f["path"].endswith("startup-launch.md") and f["category"] == "unsupported-claims") > 0
    market = rows["market-notes.txt"]
    assert market["title"] is None and market["authors"] is None and market["named_sources"] == 1


def test_report_is_self_contained_with_charts_and_worst_articles(audited):
    page = (audited / "report.html").read_text(encoding="utf-8")
    # nothing to fetch: no script, stylesheet, image or font from elsewhere; only XML namespace names
    assert "<script" not in page and "<link" not in page and "@import" not in page and "<img" not in page
    assert "https://" not in page and page.count("http://") == page.count("http://www.w3.org/")
    for chart in ("distributions", "by-month", "by-authors", "by-sections", "by-tags", "rules"):
        assert f'data-chart="{chart}"><svg' in page
    # a histogram of every metric the articles table holds (its panel titles are SVG text)
    distributions = page[page.index('data-chart="distributions"'):page.index("</figure>", page.index('data-chart="distributions"'))]
    for title in ("words per article", "paragraphs", "findings (any severity)", "warning+ findings per 1,000 words",
                  "hype per 1,000 words", "readability grade (Flesch-Kincaid)", "quotations", "quotations with a speaker or source",
                  "quotations from named speakers", "unsupported claims", "links", "FAQ items"):
        assert f">{title}</text>" in distributions
    worst = page[page.index('id="worst-articles"'):page.index("</table>", page.index('id="worst-articles"'))]
    assert worst.count('<tr class="article">') == 3  # the three articles with findings (50 words or more)
    assert worst.index("startup-launch.md") < worst.index("bakery-award.md") < worst.index("library-roof.md")
    assert "<b>weasel-attribution</b>" in worst  # in each article's list of findings
    assert "peacock-word ×4 · ai-boilerplate ×1 · emotive-word ×1 · unsupported-claim ×1 · weasel-attribution ×1" in worst  # bakery-award


def test_jsonl_gives_the_same_rows(audited, tmp_path):
    audit(tmp_path / "j", ARCHIVE, "--jsonl", "--readability")
    assert not (tmp_path / "j" / "findings.parquet").exists()
    for kind in ("findings", "articles"):
        lines = (tmp_path / "j" / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == pq.read_table(audited / f"{kind}.parquet").to_pylist()


def test_parallel_run_gives_the_same_tables(audited, tmp_path):
    audit(tmp_path / "p", ARCHIVE, "-j", "2", "--chunk-size", "2", "--readability")
    for kind in ("findings", "articles"):
        assert pq.read_table(tmp_path / "p" / f"{kind}.parquet").equals(pq.read_table(audited / f"{kind}.parquet"))


def test_jobs_take_auto_as_check_does(tmp_path):
    audit(tmp_path / "one", ARCHIVE, "--select", "peacock-word")
    audit(tmp_path / "auto", ARCHIVE, "--select", "peacock-word", "-j", "auto", "--chunk-size", "1")
    for kind in ("findings", "articles"):
        assert pq.read_table(tmp_path / "auto" / f"{kind}.parquet").equals(pq.read_table(tmp_path / "one" / f"{kind}.parquet"))
    assert pq.read_table(tmp_path / "one" / "findings.parquet").num_rows > 5
    for args in (["audit", ARCHIVE, "--out", tmp_path / "x"], ["check", "--no-cache", ARCHIVE]):
        result = run(*args, "-j", "many")
        assert result.exit_code == 2
        assert result.stderr == ("newslint: error: invalid value for '-j' / '--jobs': 'many' is not a number of processes "
                                 f"or 'auto' (see 'newslint {args[0]} --help')\n")


def test_merged_files_hold_row_groups_of_bounded_size(audited, tmp_path, monkeypatch):
    from newslint.audit import store

    one_part = pq.read_table(audited / "articles.parquet").take([0, 1]).nbytes  # a part of two articles
    monkeypatch.setattr(store, "ROW_GROUP_BYTES", one_part * 2)
    audit(tmp_path / "m", ARCHIVE, "--chunk-size", "2", "--readability")
    merged = pq.ParquetFile(tmp_path / "m" / "articles.parquet")
    sizes = [merged.metadata.row_group(i).num_rows for i in range(merged.metadata.num_row_groups)]
    assert len(sizes) > 1 and 0 < min(sizes) and max(sizes) <= 4 and sum(sizes) == len(FILES)  # no empty group
    for kind in ("findings", "articles"):
        assert pq.read_table(tmp_path / "m" / f"{kind}.parquet").equals(pq.read_table(audited / f"{kind}.parquet"))


def test_unreadable_file_is_a_row_and_an_error(tmp_path):
    shutil.copytree(ARCHIVE, tmp_path / "a")
    (tmp_path / "a" / "notes.txt").write_bytes(b"caf\xe9 au lait\n")
    result = run("audit", tmp_path / "a", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert f"newslint: error: {tmp_path / 'a' / 'notes.txt'}: is not valid UTF-8" in result.output
    rows = pq.read_table(tmp_path / "o" / "articles.parquet").to_pylist()
    bad = [r for r in rows if r["status"] != "ok"]
    assert len(rows) == len(FILES) + 1 and [r["status"] for r in bad] == ["unreadable"]
    assert "is not valid UTF-8" in bad[0]["problem"]


def test_a_symbolic_link_out_of_the_tree_is_refused_unless_followed_as_check_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "private.md").write_text("The vault code is 4417, a ground-breaking, iconic secret.\n", encoding="utf-8")
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "pier.md").write_text("The pier reopened on Friday after repairs, the harbour master said.\n", encoding="utf-8")
    os.symlink(tmp_path / "private.md", desk / "vault.md")
    os.symlink(desk / "pier.md", desk / "wharf.md")  # a link inside the tree: the same article, once
    refused = ("desk/vault.md: is a symbolic link to a file outside the folder being linted; "
               "not followed (use --follow-symlinks to lint it)")
    result = run("audit", "desk", "--out", "o", "--select", "peacock-word")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"newslint: error: {refused}"
    rows = pq.read_table("o/articles.parquet").to_pylist()
    assert [(r["path"], r["status"], r["problem"]) for r in rows] == [
        ("desk/pier.md", "ok", None), ("desk/vault.md", "unreadable", refused)]
    assert pq.read_table("o/findings.parquet").num_rows == 0
    assert "4417" not in Path("o/report.html").read_text(encoding="utf-8")
    assert run("check", "--no-cache", "--select", "peacock-word", "desk").stderr == f"newslint: error: {refused}\n"

    result = run("audit", "desk", "--out", "followed", "--select", "peacock-word", "--follow-symlinks")
    assert result.exit_code == 0, result.output
    rows = pq.read_table("followed/articles.parquet").to_pylist()
    assert [(r["path"], r["status"]) for r in rows] == [("desk/pier.md", "ok"), ("desk/vault.md", "ok")]
    findings = pq.read_table("followed/findings.parquet").to_pylist()
    assert [(f["path"], f["rule"], f["text"]) for f in findings] == [
        ("desk/vault.md", "peacock-word", "ground-breaking"), ("desk/vault.md", "peacock-word", "iconic")]
    assert findings == [{k: f[k] for k in findings[0]} for f in findings]
    checked = check_jsonl("--select", "peacock-word", "--follow-symlinks", "desk")
    assert [(f["path"], f["start"], f["end"]) for f in checked] == [(f["path"], f["start"], f["end"]) for f in findings]


def test_table_inputs_give_the_same_findings_as_the_files(audited, tmp_path):
    names = [os.path.relpath(p, ARCHIVE) for p in FILES]
    texts = [Path(p).read_text(encoding="utf-8") for p in FILES]
    pq.write_table(pa.table({"name": names, "body": texts, "author": ["Desk"] * len(names)}), tmp_path / "t.parquet")
    import csv

    with open(tmp_path / "t.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "body"])
        writer.writerows(zip(names, texts))
    by_file = [{**r, "path": os.path.relpath(r["path"], ARCHIVE)} for r in pq.read_table(audited / "findings.parquet").to_pylist()]
    for table in ("t.parquet", "t.csv"):
        audit(tmp_path / f"out-{table}", "--table", tmp_path / table, "--text-column", "body", "--path-column", "name")
        assert pq.read_table(tmp_path / f"out-{table}" / "findings.parquet").to_pylist() == by_file
    rows = pq.read_table(tmp_path / "out-t.parquet" / "articles.parquet").to_pylist()
    # the front matter's author wins; the column fills in where there is none
    assert [r["authors"] for r in rows if r["path"].endswith((".txt", "ferry-timetable.md"))] == [["Nadia Orsk"], ["Desk"]]
    audit(tmp_path / "rows", "--table", tmp_path / "t.csv", "--text-column", "body")
    assert pq.read_table(tmp_path / "rows" / "articles.parquet").column("path").to_pylist()[:2] == [
        f"{tmp_path / 't.csv'}:1", f"{tmp_path / 't.csv'}:2"]


def test_table_errors_are_one_line(tmp_path):
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "t.parquet")
    result = run("audit", "--table", tmp_path / "t.parquet", "--text-column", "text", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert result.output == f"newslint: error: {tmp_path / 't.parquet'}: has no column 'text' (its columns: body)\n"
    (tmp_path / "t.json").write_text("{}")
    result = run("audit", "--table", tmp_path / "t.json", "--out", tmp_path / "o2")
    assert result.exit_code == 2 and "is not a table newslint reads: give a .parquet or .csv file" in result.output


def test_usage_errors(tmp_path):
    result = run("audit", "--out", tmp_path / "o")
    assert result.exit_code == 2 and "no PATH given (or --table FILE)" in result.output
    result = run("audit", ARCHIVE, "--out", tmp_path / "o", "--engine", "dask")
    assert result.exit_code == 2
    assert "--engine dask needs the cluster's scheduler: --scheduler tcp://HOST:8786 or DASK_SCHEDULER_ADDRESS" in result.output
    result = run("audit", ARCHIVE, "--out", tmp_path / "o", "--select", "peacok-word")
    assert result.exit_code == 2
    assert result.output == "newslint: error: <command line>: unknown rule or category 'peacok-word' (did you mean 'peacock-word'?) (see 'newslint rules')\n"
    assert not (tmp_path / "o" / ".newslint-audit").exists()  # nothing left to --resume


def test_missing_packages_give_one_line_saying_what_to_install(tmp_path):
    code = "import sys; sys.modules['pyarrow'] = None; from newslint.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code, "audit", str(ARCHIVE), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr == "newslint: error: newslint audit needs pyarrow: pip install 'newslint[audit]'\n"


# --- resume --------------------------------------------------------------------------------------


def _archive(folder: Path, copies: int) -> Path:
    """Many small articles: copies of the fixture archive, each made distinct by a line of its own."""
    for i in range(copies):
        for path in FILES:
            target = folder / f"batch{i:02d}" / Path(path).relative_to(ARCHIVE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(Path(path).read_text(encoding="utf-8") + f"\nThe desk filed copy number {i} of this piece.\n",
                              encoding="utf-8")
    return folder


def _start(archive, out, *args):
    command = [sys.executable, "-m", "newslint", "audit", str(archive), "--out", str(out), "--chunk-size", "3", *args]
    # SIGINT not ignored, even when this test run was started in the background
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=sigint_default)


def _wait_for_parts(out: Path, at_least: int, proc) -> int:
    parts = out / ".newslint-audit"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        done = len(list(parts.glob("*.articles.parquet"))) if parts.is_dir() else 0
        if done >= at_least:
            return done
        time.sleep(0.02)
    raise AssertionError("the audit finished or stalled before it could be interrupted")


def _interrupt_after_parts(out: Path, at_least: int, proc) -> None:
    """Ctrl-C once at least ``at_least`` parts are saved. The audit is stopped (SIGSTOP) while
    the parts are counted and the SIGINT is sent, so it cannot run on to its end in between,
    however loaded the machine: the signal is waiting for it when it continues."""
    parts = out / ".newslint-audit"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        proc.send_signal(signal.SIGSTOP)
        _wait_stopped(proc.pid)
        done = len(list(parts.glob("*.articles.parquet"))) if parts.is_dir() else 0
        if done >= at_least:
            proc.send_signal(signal.SIGINT)
            proc.send_signal(signal.SIGCONT)
            return
        proc.send_signal(signal.SIGCONT)
        time.sleep(0.02)
    raise AssertionError("the audit finished or stalled before it could be interrupted")


def _wait_stopped(pid: int) -> None:
    """Until the process is stopped (a signal is delivered soon after kill() returns, not at once)."""
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + 10
    while stat.exists() and time.monotonic() < deadline:
        if stat.read_text().rsplit(")", 1)[1].split()[0] in ("T", "t", "Z", "X"):
            return
        time.sleep(0.001)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    archive = _archive(folder / "archive", 12)  # 72 articles, 24 chunks
    out = folder / "whole"
    proc = subprocess.run([sys.executable, "-m", "newslint", "audit", str(archive), "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return archive, out


@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_resume_after_a_killed_or_interrupted_run_counts_every_article_once(big, tmp_path, how):
    archive, whole = big
    out = tmp_path / "out"
    proc = _start(archive, out, *(["-j", "2"] if how == "kill" else []))
    if how == "kill":
        _wait_for_parts(out, 3, proc)
        proc.kill()  # SIGKILL: no clean-up at all
        proc.wait()
    else:
        _interrupt_after_parts(out, 3, proc)  # Ctrl-C
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, err
        assert "newslint: interrupted; " in err and "continue with the same command and --resume" in err
    done = len(list((out / ".newslint-audit").glob("*.articles.parquet")))
    assert 3 <= done < 24
    assert not (out / "articles.parquet").exists()
    # without --resume, the unfinished audit is not overwritten
    again = run("audit", archive, "--out", out)
    assert again.exit_code == 2 and "holds an unfinished audit; continue it with --resume" in again.output
    # other options than those it started with are refused
    other = run("audit", archive, "--out", out, "--chunk-size", "3", "--resume", "--select", "hype")
    assert other.exit_code == 2 and "was started with other options" in other.output
    resumed = run("audit", archive, "--out", out, "--chunk-size", "3", "--resume")
    assert resumed.exit_code == 0, resumed.output
    for kind in ("findings", "articles"):
        assert pq.read_table(out / f"{kind}.parquet").to_pylist() == pq.read_table(whole / f"{kind}.parquet").to_pylist()
    assert not (out / ".newslint-audit").exists()
    finished = run("audit", archive, "--out", out, "--chunk-size", "3", "--resume")
    assert finished.exit_code == 0 and "the audit there is complete; nothing to resume" in finished.output


def test_front_matter_fields_as_the_tables_hold_them():
    import datetime

    from newslint.audit.details import front_matter_fields

    fields = front_matter_fields({
        "Title": "  Council   votes on the budget ", "date": datetime.datetime(2023, 5, 7, 9, 30),
        "author": "Ana Reyes", "categories": "politics, council", "tags": ["budget", None, ""], "keywords": ["ignored"],
    })
    assert fields == {"title": "Council votes on the budget", "date": "2023-05-07", "authors": ["Ana Reyes"],
                      "sections": ["politics", "council"], "topics": None, "tags": ["budget"]}
    assert front_matter_fields({"date": "2021-11-30 08:00:00 -0500", "published": "ignored"})["date"] == "2021-11-30"
    assert front_matter_fields({"date": "last spring"})["date"] == "last spring"
    assert front_matter_fields({}) == dict.fromkeys(("title", "date", "authors", "sections", "topics", "tags"))


def test_report_tallies_hold_distinct_values_not_one_entry_per_article():
    np = pytest.importorskip("numpy")
    from newslint.audit.report import Spread

    rng = np.random.default_rng(13)
    words = rng.integers(80, 140, 5000).astype(float)  # 60 distinct values over 5,000 articles
    rates = np.round(rng.exponential(4.0, 5000), 2)
    rates[::7] = np.nan  # not measured for these articles
    for values in (words, rates):
        spread = Spread()
        for part in np.array_split(values, 50):  # one store part at a time
            spread.add(part)
        measured = values[~np.isnan(values)]
        distinct, counts = spread.arrays()
        assert len(distinct) == len(np.unique(measured)) and counts.sum() == len(spread) == len(measured)
        for q in (0, 1, 50, 73.5, 99, 100):
            assert spread.percentile(q) == pytest.approx(np.percentile(measured, q), rel=1e-12)
        assert spread.total() == pytest.approx(measured.sum())
    assert len(Spread().arrays()[0]) == 0 and len(Spread()) == 0


def test_resume_remembers_the_audited_articles_by_digest():
    from newslint.digests import DigestSet

    names = [f"archive/{year}/story-{i:05d}.md" for year in (2023, 2024) for i in range(3000)] + ["caf\udce9.md", "t.csv:17"]
    done = DigestSet(names + names[:10])  # a name met twice is one article
    assert len(done) == len(names) and all(name in done for name in names)
    assert not any(name in done for name in ("archive/2025/story-00001.md", "archive/2023/story-3000.md", "t.csv:18", ""))
    assert "" not in DigestSet([]) and len(DigestSet([])) == 0


def test_no_progress_bar_in_ci_and_when_not_a_terminal(tmp_path):
    env = {**os.environ, "CI": "true"}
    proc = subprocess.run([sys.executable, "-m", "newslint", "audit", str(ARCHIVE), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0
    assert proc.stderr == (f"newslint: audited 6 article(s) into {tmp_path / 'o' / 'findings.parquet'}, "
                           f"{tmp_path / 'o' / 'articles.parquet'}, {tmp_path / 'o' / 'report.html'}\n")
