"""The bad-input matrix (see docs/robustness.md): every input newslint cannot read gives one line
on standard error naming the file and the problem, the other files of the run are still linted,
the exit code is 2 when any input could not be read, and there is never a traceback."""

import codecs
import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import newslint.reading
from newslint.cli import main
from newslint.discover import ARTICLE_SUFFIXES
from newslint.reading import MAX_BYTES

# every run adds the test suite's house rule (tests/fixtures/rules/house-word.yaml): a warning
# whatever the shipped rules' severities, so a linted good file always fails the default gate
HOUSE_RULES = str(Path(__file__).resolve().parent / "fixtures" / "rules")
GOOD = "The council approved the ground-breaking budget on Monday, the mayor said.\n"
GOOD_FINDING = "good.txt:1:26: warning house-word 'ground-breaking'"
NO_ARTICLES = f"no articles found ({', '.join(ARTICLE_SUFFIXES)}) in this directory"


def run(*args, input=None):
    result = CliRunner().invoke(main, ["--no-cache", "--rules", HOUSE_RULES, *args], input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


class Completed:
    def __init__(self, proc):
        self.stdout, self.stderr, self.exit_code = proc.stdout, proc.stderr, proc.returncode
        self.output = proc.stdout + proc.stderr


def run_in_subprocess(*args):
    """For runs that could hang on a regression (worker processes, FIFOs): fail on a timeout instead."""
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "--no-cache", "--rules", HOUSE_RULES, *args],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in proc.stderr
    return Completed(proc)


def stderr_lines(result):
    return result.stderr.splitlines()


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def assert_refused(result, message, exit_code=2):
    """Exactly one error line, the good file still linted, the expected exit code."""
    assert stderr_lines(result) == [message]
    assert GOOD_FINDING in result.stdout
    assert "in 1 of 1 file." in result.stdout
    assert result.exit_code == exit_code


# --- encodings and binary files ------------------------------------------------------------------


def test_binary_file_with_nul_bytes(workdir):
    (workdir / "data.txt").write_bytes(b"Hello\x00world\x00\x01\x02 and more\n")
    result = run("data.txt", "good.txt")
    assert_refused(result, "newslint: error: data.txt: looks binary (NUL byte found), not a text article")


def test_png_renamed_txt(workdir):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    (workdir / "photo.txt").write_bytes(png + bytes(range(256)) * 4)
    result = run("photo.txt", "good.txt")
    assert_refused(result, "newslint: error: photo.txt: looks binary (NUL byte found), not a text article")


@pytest.mark.parametrize(
    "name, data, byte, offset",
    [
        ("latin1.txt", "The café opened in Zürich.\n".encode("latin-1"), 0xE9, 7),
        ("cp1252.txt", "He said “fine” – then left.\n".encode("cp1252"), 0x93, 8),
    ],
)
def test_not_utf8(workdir, name, data, byte, offset):
    (workdir / name).write_bytes(data)
    result = run(name, "good.txt")
    assert_refused(
        result,
        f"newslint: error: {name}: is not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); "
        "convert it to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8",
    )


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_bom(workdir, codec, bom):
    (workdir / "wide.txt").write_bytes(bom + GOOD.encode(codec))
    result = run("wide.txt", "good.txt")
    assert_refused(
        result,
        "newslint: error: wide.txt: is UTF-16 (byte-order mark found); newslint reads UTF-8 only, "
        "convert it with iconv -f UTF-16 -t UTF-8",
    )


def test_utf8_bom_is_accepted_and_offsets_count_after_it(workdir):
    (workdir / "bom.txt").write_bytes(codecs.BOM_UTF8 + GOOD.encode())
    result = run("--format", "json", "bom.txt")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (finding["line"], finding["column"], finding["start"]) == (1, 26, 25)
    assert finding["text"] == "ground-breaking"


def test_binary_on_stdin():
    result = run("-", input=b"\x00\x01\x02binary")
    assert stderr_lines(result) == ["newslint: error: <stdin>: looks binary (NUL byte found), not a text article"]
    assert result.exit_code == 2


# --- empty files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, problem", [(b"", "file is empty"), (b"  \n\t\n\r\n   ", "file is only whitespace")]
)
def test_empty_and_whitespace_only_files_warn_and_do_not_fail(workdir, content, problem):
    (workdir / "blank.txt").write_bytes(content)
    result = run("blank.txt", "good.txt")
    assert stderr_lines(result) == [f"newslint: warning: blank.txt: {problem}, nothing to check"]
    assert GOOD_FINDING in result.stdout
    assert "in 1 of 2 files." in result.stdout
    assert result.exit_code == 1  # the good file's finding; the blank file itself does not fail the run
    alone = run("blank.txt")
    assert alone.exit_code == 0
    assert "No problems found in 1 file." in alone.stdout


# --- sizes --------------------------------------------------------------------------------------------


def test_fifty_megabyte_file_is_refused_unread(workdir):
    paragraph = ("The council approved the budget on Monday, the mayor said. " * 20 + "\n\n").encode()
    with open("huge.txt", "wb") as handle:
        for _ in range(50 * 2**20 // len(paragraph) + 1):
            handle.write(paragraph)
    size = os.path.getsize("huge.txt")
    assert size > 50 * 2**20 > MAX_BYTES
    started = time.monotonic()
    result = run("huge.txt", "good.txt")
    assert time.monotonic() - started < 30
    os.unlink("huge.txt")  # pytest keeps recent tmp folders: do not keep 50 MB in them
    assert_refused(
        result,
        f"newslint: error: huge.txt: is too large ({size} bytes; the limit is {MAX_BYTES} bytes, "
        f"{MAX_BYTES >> 20} MiB): not an article",
    )


def test_size_limit_boundary(workdir, monkeypatch):
    monkeypatch.setattr(newslint.reading, "MAX_BYTES", 200)
    (workdir / "at-limit.txt").write_text(GOOD + "x" * (200 - len(GOOD)), encoding="utf-8")
    (workdir / "over-limit.txt").write_text(GOOD + "x" * (201 - len(GOOD)), encoding="utf-8")
    result = run("at-limit.txt", "over-limit.txt")
    assert stderr_lines(result) == [
        "newslint: error: over-limit.txt: is too large (201 bytes; the limit is 200 bytes, 0 MiB): not an article"
    ]
    assert "at-limit.txt:1:26: warning house-word" in result.stdout
    assert result.exit_code == 2


def test_too_large_on_stdin_is_refused_not_truncated(monkeypatch):
    monkeypatch.setattr(newslint.reading, "MAX_BYTES", 100)
    result = run("-", input=GOOD * 3)
    assert stderr_lines(result) == [
        "newslint: error: <stdin>: is too large (more than 100 bytes; the limit is 100 bytes, 0 MiB): not an article"
    ]
    assert result.exit_code == 2
    assert "house-word" not in result.stdout


def test_one_megabyte_line_is_linted_and_shown_in_a_window(workdir):
    # a finding every hundred words or so: below the limit of hits per rule (engine.MAX_HITS_PER_RULE)
    words = ("the council said its ground-breaking plan was a record first for water "
             + "the pool opens in May and the pier opens in June " * 8).split()
    line = " ".join(words[i % len(words)] for i in range(2**20 // 4))[: 2**20]
    assert len(line) == 2**20
    (workdir / "long.txt").write_text(line + "\n", encoding="utf-8")
    result = run("long.txt", "good.txt")
    assert result.stderr == ""
    assert result.exit_code == 1
    assert "long.txt:1:" in result.stdout and GOOD_FINDING in result.stdout
    assert "long.txt:1:1048" in result.stdout  # findings near the end of the line too
    assert max(len(text) for text in result.stdout.splitlines()) < 400
    assert len(result.stdout) < 2**20 * 20  # windows and carets, never the whole line per finding
    for text in result.stdout.splitlines():
        if text.lstrip().startswith("1 | "):
            assert len(text) <= 8 + 2 + 200 + 2
    # JSON carries the exact spans (an article-level finding spans the whole line there)
    data = json.loads(run("--format", "json", "long.txt").stdout)
    findings = data["files"][0]["findings"]
    assert findings and all(line[f["start"] : f["end"]] == f["text"] for f in findings)


# --- paths that are not article files ----------------------------------------------------------


def test_missing_path():
    result = run("nowhere.txt", "good.txt")
    assert_refused(result, "newslint: error: nowhere.txt: no such file or directory")


def test_directory_with_no_articles(workdir):
    (workdir / "photos").mkdir()
    (workdir / "photos" / "cat.png").write_bytes(b"\x89PNG")
    (workdir / "photos" / ".hidden.txt").write_text(GOOD)
    result = run("photos", "good.txt")
    assert_refused(result, f"newslint: error: photos: {NO_ARTICLES}")


def test_permission_denied_file(workdir):
    locked = workdir / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading (see the next two tests)")
        result = run("locked.txt", "good.txt")
        assert_refused(result, "newslint: error: locked.txt: permission denied")
    finally:
        locked.chmod(0o644)


def _as_nobody():
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only as root: drops to uid 65534")
def test_permission_denied_file_as_unprivileged_user(tmp_path):
    """As root, chmod 000 is ignored: run newslint as 'nobody' so the denial is real."""
    folder = tempfile.mkdtemp(prefix="newslint-perm-")  # pytest's tmp_path is private to root
    try:
        os.chmod(folder, 0o755)
        with open(os.path.join(folder, "good.txt"), "w") as handle:
            handle.write(GOOD)
        locked = os.path.join(folder, "locked.txt")
        with open(locked, "w") as handle:
            handle.write(GOOD)
        os.chmod(locked, 0)
        command = [sys.executable, "-m", "newslint", "--no-cache", "--rules", HOUSE_RULES, "locked.txt", "good.txt"]
        try:
            probe = subprocess.run([sys.executable, "-c", "import newslint"], preexec_fn=_as_nobody, cwd=folder,
                                   capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.skip(f"cannot run as an unprivileged user: {exc}")
        if probe.returncode != 0:
            pytest.skip("newslint's interpreter is not usable by an unprivileged user here")
        proc = subprocess.run(command, preexec_fn=_as_nobody, cwd=folder, capture_output=True, text=True, timeout=120)
        assert proc.stderr.splitlines() == ["newslint: error: locked.txt: permission denied"]
        assert GOOD_FINDING in proc.stdout
        assert proc.returncode == 2
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_permission_denied_file_simulated(workdir, monkeypatch):
    """The same path with the error injected, so it is checked when the tests run as root."""
    (workdir / "locked.txt").write_text(GOOD)
    real_open = os.open  # articles are opened with os.open (non-blocking), then wrapped

    def fake_open(path, *args, **kwargs):
        if os.fspath(path) == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    result = run("locked.txt", "good.txt")
    assert_refused(result, "newslint: error: locked.txt: permission denied")


def test_unlistable_directory_is_an_error_not_skipped(workdir, monkeypatch):
    (workdir / "desk" / "locked").mkdir(parents=True)
    (workdir / "desk" / "locked" / "story.txt").write_text(GOOD)
    (workdir / "desk" / "open.txt").write_text(GOOD)
    real_scandir = os.scandir
    target = os.path.join("desk", "locked")

    def fake_scandir(path="."):
        if os.fspath(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    result = run("desk")
    assert stderr_lines(result) == [f"newslint: error: {target}: cannot list this directory: permission denied"]
    assert os.path.join("desk", "open.txt") + ":1:26: warning house-word" in result.stdout
    assert result.exit_code == 2


def test_file_symlink_loop(workdir):
    os.symlink("loop-b.txt", workdir / "loop-a.txt")
    os.symlink("loop-a.txt", workdir / "loop-b.txt")
    result = run("loop-a.txt", "good.txt")
    assert_refused(result, "newslint: error: loop-a.txt: is a symbolic link loop (too many levels of symbolic links)")


def test_file_symlink_loop_inside_a_folder(workdir):
    (workdir / "desk").mkdir()
    (workdir / "desk" / "story.txt").write_text(GOOD)
    os.symlink("self.txt", workdir / "desk" / "self.txt")
    result = run("desk")
    loop = os.path.join("desk", "self.txt")
    assert stderr_lines(result) == [
        f"newslint: error: {loop}: is a symbolic link loop (too many levels of symbolic links)"
    ]
    assert os.path.join("desk", "story.txt") + ":1:26" in result.stdout
    assert result.exit_code == 2


def test_directory_symlink_cycle(workdir):
    (workdir / "desk" / "a").mkdir(parents=True)
    (workdir / "desk" / "b").mkdir()
    (workdir / "desk" / "a" / "one.txt").write_text(GOOD)
    (workdir / "desk" / "b" / "two.md").write_text(GOOD)
    os.symlink("../b", workdir / "desk" / "a" / "to-b")
    os.symlink("../a", workdir / "desk" / "b" / "to-a")
    os.symlink(".", workdir / "desk" / "self")
    result = run("--format", "json", "desk", "good.txt")
    assert result.exit_code == 1
    assert result.stderr == ""
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [os.path.join("desk", "a", "one.txt"), os.path.join("desk", "b", "two.md"), "good.txt"]


def test_fifo_is_not_read_and_does_not_hang(workdir):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(workdir / "pipe.txt")
    (workdir / "desk").mkdir()
    os.mkfifo(workdir / "desk" / "inbox.md")
    (workdir / "desk" / "story.txt").write_text(GOOD)
    # a subprocess, so that a regression (opening the FIFO) fails on a timeout instead of hanging
    proc = run_in_subprocess("pipe.txt", "desk", "good.txt")
    assert proc.stderr.splitlines() == [
        "newslint: error: pipe.txt: is not a regular file",
        f"newslint: error: {os.path.join('desk', 'inbox.md')}: is not a regular file",
    ]
    assert GOOD_FINDING in proc.stdout and os.path.join("desk", "story.txt") + ":1:26" in proc.stdout
    assert proc.exit_code == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_many_bad_inputs_in_one_run(workdir, jobs):
    """One run, every kind of bad input at once: one line each, in input order, good files linted.
    With -j 2 the errors cross a process boundary (they used to fail to unpickle, and the run hung)."""
    (workdir / "data.txt").write_bytes(b"\x00\x01")
    (workdir / "latin1.txt").write_bytes("café".encode("latin-1"))
    (workdir / "empty.md").write_bytes(b"")
    (workdir / "photos").mkdir()
    os.symlink("loop.txt", workdir / "loop.txt")
    (workdir / "other.md").write_text("# Launch\n\nA ground-breaking launch, she said.\n")
    lint = run if jobs == "1" else run_in_subprocess
    result = lint("-j", jobs, "data.txt", "latin1.txt", "good.txt", "empty.md", "missing.md", "photos", "loop.txt", "other.md")
    assert stderr_lines(result) == [
        "newslint: error: data.txt: looks binary (NUL byte found), not a text article",
        "newslint: error: latin1.txt: is not valid UTF-8 (byte 0xe9 at offset 3); convert it to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8",
        "newslint: warning: empty.md: file is empty, nothing to check",
        "newslint: error: missing.md: no such file or directory",
        f"newslint: error: photos: {NO_ARTICLES}",
        "newslint: error: loop.txt: is a symbolic link loop (too many levels of symbolic links)",
    ]
    assert GOOD_FINDING in result.stdout and "other.md:3:3: warning house-word" in result.stdout
    assert result.exit_code == 2
    data = json.loads(lint("-j", jobs, "--format", "json", "data.txt", "good.txt", "missing.md").stdout)
    # files that could not be read are listed with their errors (issue 11 item 18)
    assert [(f["path"], f.get("unreadable", False)) for f in data["files"]] == [
        ("data.txt", True), ("good.txt", False), ("missing.md", True)]
    assert data["files"][0]["errors"] == ["data.txt: looks binary (NUL byte found), not a text article"]
    assert data["summary"]["unreadable"] == 2


def test_ten_thousand_files(workdir):
    """About 15 s: 10,000 small generated articles in 100 folders, streamed, nothing lost."""
    folder = workdir / "archive"
    for i in range(100):
        (folder / f"{i:03}").mkdir(parents=True)
    for i in range(10_000):
        text = f"Vote {i}\n\nThe council approved budget {i} on Monday, the mayor said.\n"
        if i % 1000 == 7:
            text += "It was a ground-breaking day.\n"
        (folder / f"{i % 100:03}" / f"story-{i:05}.txt").write_text(text)
    started = time.monotonic()
    result = run("archive")
    elapsed = time.monotonic() - started
    assert result.stderr == ""
    assert result.exit_code == 1
    assert result.stdout.count("warning house-word") == 10
    assert result.stdout.splitlines()[-1] == "Found 10 problems (10 warnings) in 10 of 10000 files."
    assert elapsed < 120
    shutil.rmtree(folder)


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github"])
def test_file_name_that_is_not_utf8(workdir, fmt):
    """os gives such a name as lone surrogates: printing it must not crash, whatever the stdout errors."""
    try:
        with open(os.path.join(os.fsencode(workdir), b"caf\xe9.txt"), "wb") as handle:
            handle.write(GOOD.encode())
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    os.unlink("good.txt")
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "--no-cache", "--rules", HOUSE_RULES, "--format", fmt, "."],
        capture_output=True, timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert b"Traceback" not in proc.stderr
    assert proc.stderr == b""
    assert proc.returncode == 1
    # text quotes the name as git does; JSON gives the lone surrogate as an escape; SARIF percent-encodes
    expected = {"text": b'"caf\\351.txt"', "sarif": b"caf%E9.txt"}.get(fmt, b"caf\\udce9.txt")
    assert expected in proc.stdout
    if fmt in ("json", "sarif"):
        json.loads(proc.stdout.decode("utf-8"))
    report = run("--format", fmt, "--output", "report.out", ".")
    assert report.exit_code == 1
    assert "caf" in open("report.out", encoding="utf-8").read()
