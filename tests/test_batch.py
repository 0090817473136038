"""Batches: parallel output equals serial output; a hanging or dying document loses only itself."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.batch import _Processes, fork_available, run_batch, run_ordered
from budgetlint.cli import main
from budgetlint.errors import InputError
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
    assert "意外退出" in by_name["dies"].error and "退出码 9" in by_name["dies"].error  # how it ended
    assert "ValueError" in by_name["raises"].error and "坏数据" in by_name["raises"].error


def _pid(group):
    return DocumentReport(path=str(group[0]), department=str(os.getpid()))


@needs_fork
def test_workers_stay_for_the_next_document_and_are_replaced_after_a_while(monkeypatch):
    import budgetlint.batch

    groups = [[Path(f"d{n}")] for n in range(12)]
    pids = {r.department for r in run_batch(groups, _pid, jobs=2)}
    assert 1 <= len(pids) <= 2 and str(os.getpid()) not in pids  # two workers checked all twelve
    monkeypatch.setattr(budgetlint.batch, "DOCUMENTS_PER_WORKER", 3)
    reports = list(run_batch(groups, _pid, jobs=2))
    assert [r.path for r in reports] == [f"d{n}" for n in range(12)]
    assert len({r.department for r in reports}) >= 4  # no worker checked more than three


_KEPT: list[bytearray] = []


def _pid_keeping_memory(group):
    """Like ``_pid``; a document named "heavy" leaves 24 MB behind in its worker."""
    if group[0].name == "heavy":
        _KEPT.append(bytearray(24 * 2**20))
        _KEPT[-1][::4096] = b"x" * len(_KEPT[-1][::4096])  # touched: resident, not just reserved
    return _pid(group)


@needs_fork
def test_a_worker_that_grew_past_its_memory_budget_is_replaced(monkeypatch):
    import budgetlint.batch

    if budgetlint.batch.private_bytes() is None:
        pytest.skip("resident memory is not readable here")
    monkeypatch.setattr(budgetlint.batch, "MAX_WORKER_GROWTH", 16 * 2**20)
    names = ["a", "heavy", "b", "c"]
    # one forked worker at a time, so the documents go to it in order
    reports = list(run_ordered([[Path(n)] for n in names], _Processes(_pid_keeping_memory, 1, None)))
    assert [r.path for r in reports] == names
    pid = {r.path: r.department for r in reports}
    assert pid["a"] == pid["heavy"] != pid["b"] == pid["c"]  # replaced after "heavy" only


def _memory_at_start(group):
    """The worker's private memory when it got its document."""
    import budgetlint.batch

    return DocumentReport(path=str(group[0]), department=str(budgetlint.batch.private_bytes()))


@needs_fork
def test_a_worker_forked_late_does_not_carry_what_the_parent_grew_by(monkeypatch):
    import budgetlint.batch

    if budgetlint.batch.private_bytes() is None:
        pytest.skip("private memory is not readable here")
    monkeypatch.setattr(budgetlint.batch, "DOCUMENTS_PER_WORKER", 1)  # a fresh worker for each
    grown = bytearray()

    def parent_grows(reports):
        for report in reports:
            if not grown:  # the parent gathers its first report and grows by 48 MB
                grown.extend(b"x" * (48 * 2**20))
            yield report

    reports = list(parent_grows(run_ordered([[Path("a")], [Path("b")]], _Processes(_memory_at_start, 1, None))))
    first, later = (int(r.department) for r in reports)
    assert later - first < 24 * 2**20  # forked from the template, not from the grown parent


@needs_fork
def test_a_large_document_starts_on_a_fresh_worker(tmp_path):
    import budgetlint.batch

    files = {"a": 10, "b": 10, "large": budgetlint.batch.FRESH_WORKER_SIZE, "c": 10}
    for name, size in files.items():
        with open(tmp_path / name, "wb") as f:
            f.truncate(size)
    # one forked worker, and a window of one document, so the documents go to it in input order
    reports = list(run_ordered([[tmp_path / n] for n in files], _Processes(_pid, 1, None), window=1))
    pid = {Path(r.path).name: r.department for r in reports}
    assert pid["a"] == pid["b"] != pid["large"] == pid["c"]  # fresh for the large one, kept after it


@needs_fork
def test_a_batch_goes_on_when_the_process_that_forks_its_workers_is_gone(monkeypatch):
    import signal

    import budgetlint.batch

    monkeypatch.setattr(budgetlint.batch, "DOCUMENTS_PER_WORKER", 1)  # a fork for every document
    workers = _Processes(_pid, 1, None)
    names = ["a", "b", "c"]

    def template_killed_after_first(reports):
        for report in reports:
            if report.path == "a":
                os.kill(workers._template.process.pid, signal.SIGKILL)
                workers._template.process.join()
            yield report

    reports = list(template_killed_after_first(run_ordered([[Path(n)] for n in names], workers, window=1)))
    assert [r.path for r in reports] == names and all(r.error is None for r in reports)


@needs_fork
def test_after_a_crash_and_a_hang_fresh_workers_check_the_rest():
    names = ["dies", "slow", *(f"d{n}" for n in range(6))]
    reports = list(run_batch([[Path(n)] for n in names], _report, jobs=2, timeout=2))
    assert [r.path for r in reports] == names
    assert "意外退出" in reports[0].error and "时间限制" in reports[1].error
    assert all(r.error is None and r.department == r.path for r in reports[2:])


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


def _examples_reports():
    from budgetlint.engine import check_document, load_rules
    from budgetlint.pipeline import discover, load_document

    rules = load_rules()
    return [check_document(load_document(g), rules) for g in discover([EXAMPLES])]


def test_json_written_document_by_document_is_the_in_memory_report_byte_for_byte():
    from budgetlint.report.json_report import JsonWriter, render_json, report_schema

    jsonschema = pytest.importorskip("jsonschema")
    reports = _examples_reports()
    reports.append(DocumentReport(path="坏.pdf", error="无法读取"))
    run = {"fail_on": "error"}
    for subset in (reports, reports[:1], []):
        pieces: list[str] = []
        writer = JsonWriter(pieces.append, run)
        for r in subset:
            writer.add(r)
        writer.close()
        assert len(pieces) == len(subset) + 2  # a head, one piece per document, a tail: nothing held back
        assert "".join(pieces) == render_json(subset, run=run)
        jsonschema.validate(json.loads("".join(pieces)), report_schema())


def test_json_lines_has_one_line_per_document_then_the_summary():
    from budgetlint.report.json_report import build_report, render_jsonl

    reports = _examples_reports()
    lines = [json.loads(line) for line in render_jsonl(reports).splitlines()]
    whole = build_report(reports)
    assert lines[:-1] == whole["documents"]
    assert lines[-1]["summary"] == whole["summary"] and lines[-1]["schema_version"] == whole["schema_version"]


class _Scripted:
    """Workers that finish every document at once except the first, which waits for the others:
    the loop must not start documents beyond its window while it waits."""

    slots = 2

    def __init__(self):
        self.running_now: list[int] = []
        self.started: list[int] = []
        self.waiting_max = 0

    def start(self, index, group):
        self.running_now.append(index)
        self.started.append(index)

    def running(self):
        return len(self.running_now)

    def finished(self):
        others = [i for i in self.running_now if i != 0]
        done = others or self.running_now
        self.running_now = [i for i in self.running_now if i not in done]
        return [(i, DocumentReport(path=str(i))) for i in done]

    def stop(self):
        self.running_now = []


def test_a_slow_first_document_holds_back_at_most_a_window_of_results(monkeypatch):
    import budgetlint.batch
    from budgetlint.batch import run_ordered

    sized: list[str] = []
    monkeypatch.setattr(budgetlint.batch, "_size", lambda group: sized.append(str(group[0])) or 0)
    workers = _Scripted()
    groups = [[Path(f"/nonexistent/{i}")] for i in range(100)]
    out = run_ordered(groups, workers, window=10)
    first = next(out)
    assert first.path == "0"
    # while document 0 ran, only documents 1..9 of its window were started (9 results waited),
    # and only their files were looked at (not every file of the batch before the first starts)
    assert sorted(workers.started) == list(range(10))
    assert sized == [f"/nonexistent/{i}" for i in range(10)]
    assert [r.path for r in out] == [str(i) for i in range(1, 100)]
    assert sorted(workers.started) == list(range(100))


@needs_fork
def test_reports_waiting_behind_a_slower_document_wait_as_bytes():
    from budgetlint.batch import Pickled

    workers = _Processes(_report, 2, None)
    held = []

    class Watching:
        slots = workers.slots
        start, running, stop = workers.start, workers.running, workers.stop

        def finished(self):
            done = workers.finished()
            held.extend(value for _, value in done)
            return done

    names = ["late", "a", "b", "c"]
    reports = list(run_ordered([[Path(n)] for n in names], Watching()))
    # "late" ran while a, b and c finished: their reports waited for it as the worker's bytes
    assert held and all(isinstance(value, Pickled) for value in held)
    assert [(r.path, r.department) for r in reports] == [(n, n) for n in names]
    assert all(isinstance(r, DocumentReport) for r in reports)


def _crash_or_hang(real_load):
    def load(group, *args, **kwargs):
        if group[0].name.startswith("dies"):
            os._exit(9)
        if group[0].name.startswith("hangs"):
            time.sleep(120)
        return real_load(group, *args, **kwargs)

    return load


@needs_fork
def test_a_crashing_and_a_hanging_document_lose_only_themselves_in_a_streamed_report(tmp_path, monkeypatch):
    import budgetlint.cli
    import budgetlint.pipeline

    for name in ("dies.txt", "hangs.txt"):
        (tmp_path / name).write_text((EXAMPLES / "2024-laocheng-zwfw-budget.txt").read_text("utf-8"), "utf-8")
    expected = CliRunner().invoke(main, ["check", str(EXAMPLES), "--format", "json", "--jobs", "1"])
    monkeypatch.setattr(budgetlint.cli, "load_document", _crash_or_hang(budgetlint.pipeline.load_document))
    out = tmp_path / "r.json"
    started = time.monotonic()
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(EXAMPLES),
            str(tmp_path / "dies.txt"),
            str(tmp_path / "hangs.txt"),
            "--format",
            "json",
            "--jobs",
            "2",
            "--timeout",
            "5",
            "-o",
            str(out),
        ],
    )
    assert time.monotonic() - started < 100
    assert result.exit_code == 2, result.output
    report = json.loads(out.read_text("utf-8"))
    docs = report["documents"]
    assert "意外退出" in docs[-2]["error"] and "时间限制" in docs[-1]["error"]
    assert docs[:-2] == json.loads(expected.output)["documents"]
    assert report["summary"]["unreadable"] == 2 and report["summary"]["documents"] == len(docs)


@needs_fork
@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_parallel_streamed_output_is_the_serial_one(fmt, tmp_path):
    args = ["check", str(EXAMPLES), "--format", fmt]
    serial = CliRunner().invoke(main, [*args, "--jobs", "1"])
    parallel = CliRunner().invoke(main, [*args, "--jobs", "2"])
    assert serial.output == parallel.output and serial.exit_code == parallel.exit_code
    to_file = CliRunner().invoke(main, [*args, "--jobs", "2", "-o", str(tmp_path / "out")])
    assert to_file.exit_code == serial.exit_code
    assert (tmp_path / "out").read_text("utf-8").rstrip("\n") == serial.output.rstrip("\n")


def test_the_dask_path_reports_exactly_what_the_local_run_does():
    distributed = pytest.importorskip("distributed")
    args = ["check", str(EXAMPLES), "--format", "json"]
    local = CliRunner().invoke(main, [*args, "--jobs", "1"])
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        remote = CliRunner().invoke(main, [*args, "--dask", cluster.scheduler_address])
        alias = CliRunner().invoke(main, [*args, "--scheduler", cluster.scheduler_address, "--format", "text"])
    assert remote.exit_code == local.exit_code, remote.output
    assert remote.output == local.output
    assert alias.output == CliRunner().invoke(main, [*args, "--jobs", "1", "--format", "text"]).output


def _dask_report(group):
    name = group[0].name
    if name == "raises":
        raise ValueError("坏数据")
    if name == "slow":
        time.sleep(3)
    return DocumentReport(path=str(group[0]), department=name)


def test_on_dask_a_failing_or_late_document_loses_only_itself(monkeypatch):
    distributed = pytest.importorskip("distributed")
    from budgetlint import dask_batch
    from budgetlint.batch import Pickled
    from budgetlint.dask_batch import run_on_dask

    held = []
    finished = dask_batch._DaskWorkers.finished

    def watched(self):
        done = finished(self)
        held.extend(value for _, value in done)
        return done

    monkeypatch.setattr(dask_batch._DaskWorkers, "finished", watched)
    names = ["a", "raises", "slow", "b"]
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        reports = list(run_on_dask([[Path(n)] for n in names], _dask_report, client, timeout=1))
    assert [r.path for r in reports] == names
    assert reports[0].department == "a" and reports[3].department == "b"
    assert "ValueError" in reports[1].error and "坏数据" in reports[1].error
    assert "时间限制" in reports[2].error
    # the checked ones came back as bytes, as from a local worker; the failures are made here
    assert sum(isinstance(value, Pickled) for value in held) == 2


def test_a_batch_keeps_no_document_after_writing_it(tmp_path, monkeypatch):
    """Peak memory of a streamed run (JSON to a file) does not grow with the number of documents:
    each report is written and dropped. Checked in this process (--jobs 1) with tracemalloc."""
    import copy
    import gc
    import pickle
    import tracemalloc

    import budgetlint.cli
    import budgetlint.pipeline
    import budgetlint.store.record
    from budgetlint.checker import check_document, load_rules

    real = check_document(budgetlint.pipeline.load_document([EXAMPLES / "2024-laocheng-zwfw-budget.txt"]), load_rules())
    # eight copies of its findings (~33 KB pickled): a report kept would stand far above what the
    # batch itself holds per document, its list of input files (~0.3 KB a file, ~1.6 KB while the
    # folder is walked)
    real.findings = [copy.deepcopy(f) for _ in range(8) for f in real.findings]
    blob = pickle.dumps(real)  # a fresh copy per document, as a worker's report arrives
    monkeypatch.setattr(budgetlint.cli, "load_document", lambda group, **_: group)
    monkeypatch.setattr(budgetlint.cli, "not_a_disclosure", lambda doc: None)
    monkeypatch.setattr(
        budgetlint.cli,
        "check_document",
        lambda group, rules, index: pickle.loads(blob).model_copy(update={"path": str(group[0])}),
    )
    monkeypatch.setattr(budgetlint.cli, "DocIndex", lambda doc: None)
    # what the store keeps of a document: nothing here (these are no documents), but the reports
    # still take the way of a batch with checks across documents (parked on disk, not in memory)
    monkeypatch.setattr(budgetlint.store.record, "record_for_document", lambda doc, index: None)

    def peak(documents: int) -> int:
        folder = tmp_path / str(documents)
        folder.mkdir()
        for i in range(documents):
            (folder / f"{i:04d}.txt").write_text("x", "utf-8")
        out = tmp_path / f"{documents}.json"
        gc.collect()
        tracemalloc.start()
        result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--jobs", "1", "-o", str(out)])
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result.exit_code == 1, result.output
        assert json.loads(out.read_text("utf-8"))["summary"]["documents"] == documents
        return top

    per_report = len(blob)
    small, large = peak(10), peak(150)
    # 140 more reports kept would add 140 × (at least their pickled size); allow a tenth of that
    # (with --format sarif, which must keep them, the difference is ~38 MB against 0.25 MB allowed)
    assert large - small < 14 * per_report, (small, large, per_report)


def test_a_batch_holds_none_of_its_input_files_in_memory(tmp_path, monkeypatch):
    """What a batch holds per input file for its whole run, measured at its first document: a
    1,010-file folder against a 10-file one. The list of documents waits in a temporary file
    (``batch.SpooledGroups``); held as path strings it took ~310 bytes a file here, as pathlib
    objects ~700."""
    import gc
    import tracemalloc

    import budgetlint.cli

    held: list[int] = []

    def first_document(group, **_):
        if not held:
            held.append(tracemalloc.get_traced_memory()[0])
        raise InputError(str(group[0]), "not read here")

    monkeypatch.setattr(budgetlint.cli, "load_document", first_document)

    def at_first_document(files: int, name: str) -> int:
        folder = tmp_path / name
        folder.mkdir()
        for i in range(files):
            (folder / f"{i:04d}-一个部门的公开文件.txt").write_text("x", "utf-8")
        held.clear()
        gc.collect()
        tracemalloc.start()
        start = tracemalloc.get_traced_memory()[0]
        result = CliRunner().invoke(
            main, ["check", str(folder), "--format", "jsonl", "--jobs", "1", "-o", str(tmp_path / f"{name}.jsonl")]
        )
        tracemalloc.stop()
        assert result.exit_code == 2, result.output
        return held[0] - start

    at_first_document(10, "warm-up")  # what any first run loads once (rules, patterns, writers)
    per_file = (at_first_document(1010, "large") - at_first_document(10, "small")) / 1000
    assert per_file < 50, per_file


@needs_fork
def test_the_parent_makes_no_pathlib_object_of_each_document_it_receives(tmp_path, monkeypatch):
    """pathlib interns every part of a path it parses: a parent that made a ``Path`` of each
    received document's name (to find it in the store, to name it in a finding) churned the
    interpreter's table of interned strings, and each time the table was rebuilt larger the old
    one stayed behind in the heap (+0.9 MB in one step around the 650th document of a batch).
    Recorded here in the parent only, from its first received report to the end of the run."""
    import sys

    import budgetlint.cli

    for i in range(4):
        (tmp_path / f"路径标记-{i}.txt").symlink_to(EXAMPLES / "2024-laocheng-zwfw-budget.txt")
    receiving = []
    interned: list[str] = []
    real_intern = sys.intern

    def recording_intern(s):
        if receiving and "路径标记" in s:
            interned.append(s)
        return real_intern(s)

    monkeypatch.setattr(sys, "intern", recording_intern)
    real_run_batch = budgetlint.cli.run_batch

    def noting_the_first_report(*args, **kwargs):
        for report in real_run_batch(*args, **kwargs):
            receiving.append(os.getpid())
            yield report

    monkeypatch.setattr(budgetlint.cli, "run_batch", noting_the_first_report)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--jobs", "2", "--format", "json", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert receiving and set(receiving) == {os.getpid()}  # the reports reached this process
    assert len(json.loads(out.read_text("utf-8"))["documents"]) == 4
    assert interned == []


@needs_fork
def test_what_any_worker_may_need_is_loaded_once_here_before_forking():
    # (the check command passes the diagnosis's solver import: ~40 MB each worker would
    # otherwise add to itself on its first failing table)
    loaded: list[int] = []
    groups = [[Path(f"d{n}")] for n in range(4)]
    reports = list(run_batch(groups, _pid, jobs=2, prepare=lambda: loaded.append(os.getpid())))
    assert loaded == [os.getpid()]
    assert str(os.getpid()) not in {r.department for r in reports}  # the workers checked them
    list(run_batch(groups[:1], _pid, jobs=2, prepare=lambda: loaded.append(-1)))
    assert loaded == [os.getpid()]  # one document is checked in place: nothing to share


@needs_fork
def test_the_check_command_loads_the_solver_before_forking(tmp_path, monkeypatch):
    import budgetlint.diagnose.localise as localise

    loaded: list[int] = []
    monkeypatch.setattr(localise, "load_solver", lambda: loaded.append(os.getpid()))
    result = CliRunner().invoke(main, ["check", str(EXAMPLES), "--jobs", "2", "--format", "json", "--quiet"])
    assert result.exit_code in (0, 1), result.output
    assert loaded == [os.getpid()]


def test_spooled_groups_read_back_in_order_as_often_as_asked():
    from budgetlint.batch import SpooledGroups

    odd = os.fsdecode(b"/data/\xff\xfe-undecodable.pdf")  # a name that is not UTF-8 (surrogateescape)
    groups = [
        [Path("/data/某局_2024_ys_text.pdf"), Path("/data/某局_2024_ys_tables.pdf")],
        [Path("/data/b.txt")],
        [odd],
    ]
    spooled = SpooledGroups(groups)
    expected = [("/data/某局_2024_ys_text.pdf", "/data/某局_2024_ys_tables.pdf"), ("/data/b.txt",), (odd,)]
    assert len(spooled) == 3 and bool(spooled)
    assert list(spooled) == expected
    # two readings at once (one started before the other) each see every document in order
    first, second = iter(spooled), iter(spooled)
    assert next(first) == expected[0]
    assert list(second) == expected
    assert list(first) == expected[1:]
    assert not SpooledGroups([]) and list(SpooledGroups([])) == []
    spooled.close()
