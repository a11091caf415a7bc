"""Nothing is lost: newslint never writes to the files it lints; the files it does write (baselines,
--output reports) are replaced atomically, so a failure or an interruption mid-write leaves the old
file whole and no temporary file behind; -j gives the same findings as one process; Ctrl-C stops
a run promptly with exit code 130."""

import codecs
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import newslint.writing
from newslint.cli import main
from newslint.writing import write_atomically
from signals import sigint_default

REPO = Path(__file__).resolve().parents[1]
PAST = 1_500_000_000_000_000_000  # 2017, in ns: a run that touched a file would move its mtime

SENTENCES = [
    "The council approved the ground-breaking budget on Monday.",
    "Experts say the scheme is the biggest in the world.",
    '"We have waited a long time for this," said Mayor Jane Okafor.',
    "Sales rose by 40% in the first week.",
    "The new bridge was opened because of a record demand.",
    "Residents can read the full report at https://example.gov/reports/2024/bridge.",
    "Many believe the project marks a new era for the town.",
    "The plan costs £3.2m, according to figures published by the council.",
]


def article(i: int) -> str:
    """A small, varied generated article: headline, paragraphs, sometimes a FAQ and sources."""
    body = [SENTENCES[(i * 7 + k * 3) % len(SENTENCES)] for k in range(2 + i % 5)]
    parts = [f"Story number {i} from the town hall", " ".join(body[: len(body) // 2 + 1]), " ".join(body[len(body) // 2 :])]
    if i % 4 == 0:
        parts += ["FAQ", "Q: What was approved?", f"A: {body[0]}"]
    if i % 3 == 0:
        parts += ["Sources:", "https://example.gov/" + ("minutes/2024" if i % 2 else "")]
    return "\n\n".join(parts) + "\n"


@pytest.fixture
def articles(tmp_path, monkeypatch):
    """A folder of articles in several encodings of line ends, with old mtimes, and a snapshot."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "articles"
    (folder / "desk").mkdir(parents=True)
    shutil.copy(REPO / "examples" / "sloppy-promo.md", folder / "sloppy.md")
    shutil.copy(REPO / "examples" / "clean-report.md", folder / "clean.md")
    (folder / "crlf.txt").write_bytes(article(1).replace("\n", "\r\n").encode())
    (folder / "cr.txt").write_bytes(article(2).replace("\n", "\r").encode())
    (folder / "bom.md").write_bytes(codecs.BOM_UTF8 + article(3).encode())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    for i in range(4, 10):
        (folder / "desk" / f"story-{i}.md").write_text(article(i))
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(PAST, PAST))
    return folder


def snapshot(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    } | {"<listing>": sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))}


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


MODES = [
    ["--format", "text"],
    ["--format", "json"],
    ["--format", "jsonl"],
    ["--format", "sarif"],
    ["--format", "github"],
    ["--output", "report.txt"],
    ["--format", "json", "--output", "report.json"],
    ["--write-baseline", "baseline.json"],
    ["--write-baseline", "baseline.json", "-j", "2"],
    ["-j", "2"],
    ["-j", "2", "--format", "json"],
    ["--report-unused-suppressions"],
    ["--select", "hype", "--fail-on", "error"],
]


@pytest.mark.parametrize("mode", MODES, ids=lambda m: " ".join(m))
@pytest.mark.parametrize("cache", ["--no-cache", "--cache-dir=.cache"])
def test_linted_files_are_never_written(articles, mode, cache):
    before = snapshot(articles)
    result = run(cache, *mode, "articles", str(articles / "sloppy.md"))
    assert result.exit_code == 2  # latin1.txt cannot be read
    assert snapshot(articles) == before
    again = run(cache, *mode, "articles")  # the cache (if any) is read now: still nothing written
    assert again.exit_code == 2
    assert snapshot(articles) == before


def test_baseline_run_does_not_write_articles(articles):
    before = snapshot(articles)
    written = run("--no-cache", "--write-baseline", "baseline.json", "articles")
    assert written.exit_code == 2  # latin1.txt cannot be read
    assert json.loads(Path("baseline.json").read_text())["files"]
    result = run("--no-cache", "--baseline", "baseline.json", "articles")
    assert "Found" not in result.stdout and "No problems found" in result.stdout
    assert snapshot(articles) == before


def test_stdin_is_linted_without_writing_anything(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # the test suite's house rule: a warning whatever the shipped rules' severities
    house_rules = str(REPO / "tests" / "fixtures" / "rules")
    result = run("--no-cache", "--rules", house_rules, "-", input="The ground-breaking plan.\n")
    assert result.exit_code == 1
    assert os.listdir(tmp_path) == []


def test_output_and_baseline_must_not_be_a_linted_file(articles):
    before = snapshot(articles)
    for option in ("--output", "--write-baseline"):
        result = run("--no-cache", option, "articles/clean.md", "articles")
        assert result.stderr.splitlines()[-1] == (
            "newslint: error: articles/clean.md: is one of the files being linted; newslint will not overwrite it"
        )
        assert result.exit_code == 2
    os.symlink(articles / "clean.md", "link-to-clean.md")
    result = run("--no-cache", "--output", "link-to-clean.md", "articles/clean.md")
    assert result.stderr.splitlines() == [
        "newslint: error: link-to-clean.md: is one of the files being linted; newslint will not overwrite it"
    ]
    assert snapshot(articles) == before


# --- atomic writes ---------------------------------------------------------------------------------------


def leftovers(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp") or name.startswith(".newslint-"))


@pytest.mark.parametrize("option, target", [("--write-baseline", "baseline.json"), ("--output", "report.txt")])
def test_failed_rename_leaves_the_old_file_whole(articles, monkeypatch, option, target):
    Path(target).write_text("OLD CONTENT\n")
    calls = []

    def failing_replace(src, dst, *args, **kwargs):
        calls.append((src, dst))
        raise OSError(5, "simulated I/O error")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = run("--no-cache", option, target, "articles/sloppy.md")
    assert calls and os.path.basename(calls[0][0]).startswith(".newslint-")  # it was written beside the target
    assert result.stderr.splitlines()[-1] == f"newslint: error: {target}: cannot write: simulated I/O error"
    assert result.exit_code == 2
    assert Path(target).read_text() == "OLD CONTENT\n"
    assert leftovers(".") == []


@pytest.mark.parametrize("option, target", [("--write-baseline", "baseline.json"), ("--output", "report.txt")])
def test_interrupt_mid_write_leaves_the_old_file_whole(articles, monkeypatch, option, target):
    """Ctrl-C while the new content is being flushed: exit 130, the old file intact, no temp file."""
    Path(target).write_text("OLD CONTENT\n")

    def interrupted_fsync(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    result = run("--no-cache", option, target, "articles/sloppy.md")
    assert result.stderr.splitlines()[-1] == "newslint: interrupted"
    assert result.exit_code == 130
    assert Path(target).read_text() == "OLD CONTENT\n"
    assert leftovers(".") == []


def test_write_fails_half_way(tmp_path, monkeypatch):
    """The disk fills up half-way through writing: the old file is whole, no temp file remains."""
    target = tmp_path / "baseline.json"
    target.write_text('{"version": 1, "files": {}}\n')
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text):
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(newslint.writing.os, "fdopen", lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k)))
    with pytest.raises(OSError) as info:
        write_atomically(str(target), "x" * 100_000)
    assert info.value.filename == str(target)
    assert info.value.strerror == "cannot write: No space left on device"
    assert target.read_text() == '{"version": 1, "files": {}}\n'
    assert leftovers(tmp_path) == []


def test_successful_write_replaces_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old")
    write_atomically(str(target), "new ✓\n")
    assert target.read_text(encoding="utf-8") == "new ✓\n"
    assert leftovers(tmp_path) == []


def test_unwritable_output_folder_is_one_line(articles):
    result = run("--no-cache", "--output", "no-such-folder/report.txt", "articles/sloppy.md")
    assert result.stderr.splitlines() == [
        "newslint: error: no-such-folder/report.txt: cannot write: No such file or directory"
    ]
    assert result.exit_code == 2


# --- parallel runs ------------------------------------------------------------------------------------


def test_same_findings_with_one_and_two_jobs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "many"
    for i in range(50):
        sub = folder / f"d{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"story-{i:02}.{'md' if i % 2 else 'txt'}").write_text(article(i))
    (folder / "d0" / "broken.txt").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    outputs = {}
    for jobs in ("1", "2"):
        for fmt in ("json", "text"):
            result = run("--no-cache", "-j", jobs, "--format", fmt, "many")
            assert result.exit_code == 2
            outputs[jobs, fmt] = (result.stdout, result.stderr)
    assert outputs["1", "json"] == outputs["2", "json"]
    assert outputs["1", "text"] == outputs["2", "text"]
    data = json.loads(outputs["1", "json"][0])
    # the unreadable file is listed too, with its error (issue 11 item 18)
    assert len(data["files"]) == 51 and data["summary"]["unreadable"] == 1
    assert [f["path"] for f in data["files"] if f.get("unreadable")] == ["many/d0/broken.txt"]
    assert data["summary"]["findings"] > 50  # the generated articles do trip the rules


# --- Ctrl-C -------------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_promptly_with_130(tmp_path, jobs):
    folder = tmp_path / "big"
    folder.mkdir()
    sloppy = (REPO / "examples" / "sloppy-promo.md").read_text()
    for i in range(1500):
        (folder / f"story-{i:04}.md").write_text(sloppy + f"\nStory {i}.\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newslint", "--no-cache", "-j", jobs, str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=sigint_default,  # not ignored, even when this test run was started in the background
    )
    try:
        first = proc.stdout.readline()  # linting is under way
        assert first.startswith(str(folder)), first
        drain = threading.Thread(target=proc.stdout.read, daemon=True)  # keep the pipe from filling
        drain.start()
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        sent = time.monotonic()
        proc.wait(timeout=30)
        elapsed = time.monotonic() - sent
        stderr = proc.stderr.read()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, stderr
    assert elapsed < 10
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1] == "newslint: interrupted"
    # no worker is left behind
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_ctrl_c_while_rules_load_is_130_not_click_abort(tmp_path, monkeypatch):
    """Before linting starts (rules loading), click would print "Aborted!" and exit 1."""
    import newslint.engine

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(newslint.engine.Linter, "ruleset", interrupted)
    (tmp_path / "a.txt").write_text("Hello.\n")
    result = CliRunner().invoke(main, ["--no-cache", str(tmp_path / "a.txt")])
    assert result.exit_code == 130
    assert result.stderr.splitlines() == ["newslint: interrupted"]
    assert "Aborted" not in result.output
