"""Batches: parallel output equals serial output; a hanging or dying document loses only itself."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.batch import fork_available, run_batch
from budgetlint.cli import main
from budgetlint.model import DocumentReport

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
needs_fork = pytest.mark.skipif(not fork_available(), reason="parallel batches need fork")


def _report(group):
    name = group[0].name
    if name == "slow":
        time.sleep(60)
    if name == "dies":
        os._exit(9)
    if name == "raises":
        raise ValueError("坏数据")
    if name == "late":
        time.sleep(0.5)  # finishes after the ones queued behind it
    return DocumentReport(path=str(group[0]), department=name)


@needs_fork
def test_results_come_in_input_order_and_failures_lose_only_their_document():
    names = ["late", "a", "slow", "dies", "raises", "b"]
    started = time.monotonic()
    reports = list(run_batch([[Path(n)] for n in names], _report, jobs=3, timeout=2))
    assert time.monotonic() - started < 30  # the hanging document was stopped, not waited for
    assert [r.path for r in reports] == names
    by_name = {r.path: r for r in reports}
    assert by_name["late"].department == "late" and by_name["b"].department == "b"
    assert "时间限制" in by_name["slow"].error
    assert "意外退出" in by_name["dies"].error
    assert "ValueError" in by_name["raises"].error and "坏数据" in by_name["raises"].error


def test_serial_run_checks_in_this_process():
    reports = list(run_batch([[Path("a")], [Path("b")]], _report, jobs=1))
    assert [r.department for r in reports] == ["a", "b"]


@needs_fork
def test_parallel_check_reports_exactly_what_a_serial_one_does(tmp_path):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"not a pdf")
    args = ["check", str(EXAMPLES), str(bad), "--format", "json", "--timeout", "300"]
    serial = CliRunner().invoke(main, [*args, "--jobs", "1"])
    parallel = CliRunner().invoke(main, [*args, "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 2  # an unreadable file outranks findings
    assert json.loads(serial.output) == json.loads(parallel.output)
    docs = json.loads(parallel.output)["documents"]
    assert len(docs) == 6 and sum(1 for d in docs if "error" in d) == 1
