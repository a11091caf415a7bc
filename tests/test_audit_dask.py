"""newslint audit --engine dask on real dask.distributed clusters: a LocalCluster, and a
``dask scheduler`` with a ``dask worker`` started as separate processes on 127.0.0.1. The
results must equal the single-machine run on the same files, row for row."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip("distributed")

from newslint.cli import main  # noqa: E402

ARCHIVE = Path(__file__).parent / "fixtures" / "audit" / "archive"


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out"
    result = run("audit", ARCHIVE, "--out", out, "--chunk-size", "2")
    assert result.exit_code == 0, result.output
    return out


def assert_same(dask_out: Path, local_out: Path) -> None:
    for kind in ("findings", "articles"):
        parts = sorted((dask_out / f"{kind}.parquet").iterdir())
        assert [p.name for p in parts] == ["part-0000000000.parquet", "part-0000000002.parquet", "part-0000000004.parquet"]
        rows = [row for part in parts for row in pq.read_table(part).to_pylist()]
        assert rows == pq.read_table(local_out / f"{kind}.parquet").to_pylist()
        # the folder reads as one table too
        assert pq.read_table(dask_out / f"{kind}.parquet").num_rows == len(rows)
    page = (dask_out / "report.html").read_text(encoding="utf-8")
    assert page == (local_out / "report.html").read_text(encoding="utf-8")


def test_local_cluster_gives_the_single_machine_results(local_run, tmp_path):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run("audit", ARCHIVE, "--out", tmp_path / "d", "--chunk-size", "2", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert_same(tmp_path / "d", local_run)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask_command() -> list[str]:
    beside = Path(sys.executable).with_name("dask")
    if beside.exists():
        return [str(beside)]
    if shutil.which("dask"):
        return ["dask"]
    pytest.skip("the 'dask' command (from the dask package) is not installed")


def test_scheduler_and_worker_processes_give_the_single_machine_results(local_run, tmp_path):
    dask = _dask_command()
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = open(tmp_path / "cluster.log", "w")
    scheduler = subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 stdout=logs, stderr=subprocess.STDOUT)
    worker = None
    try:
        worker = subprocess.Popen([*dask, "worker", address, "--nworkers", "1", "--nthreads", "2", "--no-dashboard",
                                   "--local-directory", str(tmp_path / "worker")], stdout=logs, stderr=subprocess.STDOUT)
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=120)
        # the address from the environment, as a cluster's users are usually given it
        env = {"DASK_SCHEDULER_ADDRESS": address}
        result = run("audit", ARCHIVE, "--out", tmp_path / "d", "--chunk-size", "2", "--engine", "dask", env=env)
        assert result.exit_code == 0, result.output
        assert_same(tmp_path / "d", local_run)
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
        for proc in (worker, scheduler):
            if proc is not None:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        logs.close()


def test_unreachable_scheduler_is_one_line(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = run("audit", ARCHIVE, "--out", tmp_path / "d", "--engine", "dask", "--scheduler", address)
    assert result.exit_code == 2
    assert result.output.startswith(f"newslint: error: cannot reach the Dask scheduler at {address}: ")
    assert result.output.count("\n") == 1
