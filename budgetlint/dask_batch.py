"""The same per-document work on a Dask distributed cluster (``check --dask tcp://HOST:PORT``).

Each document is one task: ``check_one(group)`` on a worker, its ``DocumentReport``
sent back pickled to this process, which renders the report exactly as a local run does
(the same order, the same window of at most a few finished reports, waiting as bytes for
a slower one).
As many documents are in flight as the cluster has worker threads.

Failures lose only their document, as locally: an exception in a task, a worker that
dies (Dask retries the task on another worker, then gives up with ``KilledWorker``)
and a document past its time limit (counted from when it was handed out; the task is
cancelled, though a worker thread that hangs stays busy until it returns).

The workers must be able to import budgetlint (the same version) and read the files
at the same paths as this process (a shared folder).
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterable, Iterator

from budgetlint.batch import (
    CRASHED,
    CheckOne,
    Group,
    Pickled,
    error_reason,
    failed,
    run_ordered,
    timeout_reason,
)
from budgetlint.model import DocumentReport

POLL_SECONDS = 0.05


def run_on_dask(
    groups: Iterable[Group], check_one: CheckOne, address: str | object, timeout: float | None = None
) -> Iterator[DocumentReport]:
    """``address``: the scheduler's address, or a ``distributed.Client`` already connected."""
    from distributed import Client

    client = address if isinstance(address, Client) else Client(address, set_as_default=False)
    try:
        yield from run_ordered(groups, _DaskWorkers(client, check_one, timeout))
    finally:
        if client is not address:
            client.close()


def _apply(check_one: CheckOne, group: Group) -> bytes:
    return pickle.dumps(check_one(group), pickle.HIGHEST_PROTOCOL)


class _DaskWorkers:
    def __init__(self, client, check_one: CheckOne, timeout: float | None):
        self.client, self.check_one, self.timeout = client, check_one, timeout
        self.slots = max(1, sum(client.nthreads().values()))
        self._running: dict = {}  # future -> (index, group, deadline)
        # The checker (with its loaded rules, ~200 KB pickled) is sent to every worker once,
        # not with each document.
        self._checker = client.scatter(check_one, broadcast=True, hash=False)

    def start(self, index: int, group: Group) -> None:
        future = self.client.submit(_apply, self._checker, group, pure=False)
        deadline = time.monotonic() + self.timeout if self.timeout else None
        self._running[future] = (index, group, deadline)

    def running(self) -> int:
        return len(self._running)

    def finished(self) -> list[tuple[int, DocumentReport | Pickled]]:
        # Polled: ``distributed.wait`` needs a default client, and this one is not made default so
        # as not to change the caller's. Documents take seconds; a 50 ms poll costs nothing.
        while True:
            out = []
            for future, (index, group, deadline) in list(self._running.items()):
                report = self._collect(future, group, deadline)
                if report is not None:
                    del self._running[future]
                    out.append((index, report))
            if out or not self._running:
                return out
            time.sleep(POLL_SECONDS)

    def stop(self) -> None:
        if self._running:
            self.client.cancel(list(self._running))
        self._running = {}

    def _collect(self, future, group: Group, deadline: float | None) -> DocumentReport | Pickled | None:
        from distributed import KilledWorker

        if future.done():
            exc = future.exception() if future.status == "error" else None
            if exc is None and future.status == "finished":
                return Pickled(future.result())
            if isinstance(exc, KilledWorker):
                return failed(group, CRASHED.format(detail="Dask 工作进程多次退出"))
            return failed(group, error_reason(exc) if exc else CRASHED.format(detail=future.status))
        if deadline is not None and time.monotonic() >= deadline:
            future.cancel()
            return failed(group, timeout_reason(self.timeout))
        return None
