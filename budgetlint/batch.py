"""Checking many documents: one worker process per document, a time limit, results in order.

``run_batch(groups, check_one, jobs, timeout)`` yields one ``DocumentReport`` per
group, in the order of ``groups`` whatever order the workers finish in, so the
report of a parallel run is the same as a serial one. Each document is checked
in its own forked process, at most ``jobs`` at a time: a document that hangs is
stopped at its time limit, and a worker that dies (a crash in a PDF library,
memory) loses only its own document; both come back as an unreadable
document with the reason, and the batch goes on.

Forking shares the loaded rules and libraries with the workers at no cost.
Where ``fork`` is not available (Windows, macOS' default), or with ``jobs=1``,
documents are checked one after the other in this process (no time limit).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from budgetlint.model import DocumentReport

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

CheckOne = Callable[[list[Path]], DocumentReport]


def fork_available() -> bool:
    import multiprocessing as mp  # here: one document is checked without it (start-up)

    return "fork" in mp.get_all_start_methods()


def run_batch(groups: list[list[Path]], check_one: CheckOne, jobs: int = 1,
              timeout: float | None = None) -> Iterator[DocumentReport]:
    if jobs <= 1 or len(groups) <= 1 or not fork_available():
        for group in groups:
            yield check_one(group)
        return
    yield from _parallel(groups, check_one, jobs, timeout)


def _child(conn: Connection, check_one: CheckOne, group: list[Path]) -> None:
    try:
        conn.send(("ok", check_one(group)))
    except BaseException as exc:  # noqa: BLE001 - the parent reports it as this document's error
        conn.send(("error", f"检查时出错（{type(exc).__name__}: {exc}）"))
    finally:
        conn.close()


class _Running:
    def __init__(self, index: int, group: list[Path], check_one: CheckOne, timeout: float | None):
        self.index, self.group = index, group
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        self.conn, child_end = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_child, args=(child_end, check_one, group), daemon=True)
        self.process.start()
        child_end.close()
        self.deadline = time.monotonic() + timeout if timeout else None


def _size(group: list[Path]) -> int:
    total = 0
    for path in group:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


def _failed(group: list[Path], reason: str) -> DocumentReport:
    return DocumentReport(path=str(group[0]), paths=[str(p) for p in group], error=reason)


def _parallel(groups: list[list[Path]], check_one: CheckOne, jobs: int,
              timeout: float | None) -> Iterator[DocumentReport]:
    # Largest first (by bytes on disk): a long document started last would leave one
    # worker busy alone at the end. The output order is the input order all the same.
    pending = deque(sorted(enumerate(groups), key=lambda item: -_size(item[1])))
    running: list[_Running] = []
    done: dict[int, DocumentReport] = {}
    next_out = 0
    try:
        while pending or running:
            while pending and len(running) < jobs:
                index, group = pending.popleft()
                running.append(_Running(index, group, check_one, timeout))
            deadlines = [r.deadline for r in running if r.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            from multiprocessing.connection import wait

            wait([r.conn for r in running] + [r.process.sentinel for r in running], timeout=wait_for)
            still = []
            for r in running:
                report = _collect(r, timeout)
                if report is None:
                    still.append(r)
                else:
                    done[r.index] = report
            running = still
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for r in running:  # interrupted (Ctrl-C, the consumer stopped): leave no workers behind
            r.process.kill()
            r.process.join()


def _collect(r: _Running, timeout: float | None) -> DocumentReport | None:
    """The finished document's report, or None while it is still being checked."""
    if r.conn.poll():
        try:
            status, value = r.conn.recv()
        except (EOFError, OSError):
            status, value = "error", "检查进程意外退出，没有返回结果"
        r.process.join()
        r.conn.close()
        return value if status == "ok" else _failed(r.group, value)
    if not r.process.is_alive():
        r.process.join()
        r.conn.close()
        return _failed(r.group, f"检查进程意外退出（退出码 {r.process.exitcode}），可能是文件触发了读取库的错误或内存不足")
    if r.deadline is not None and time.monotonic() >= r.deadline:
        r.process.kill()
        r.process.join()
        r.conn.close()
        return _failed(r.group, f"超过单个文件的时间限制（{timeout:g} 秒），已跳过；可用 --timeout 调整")
    return None
