"""Checking many documents: worker processes, a time limit, results in order.

``run_batch(groups, check_one, jobs, timeout)`` yields one ``DocumentReport`` per
group, in the order of ``groups`` whatever order the workers finish in, so the
report of a parallel run is the same as a serial one. ``jobs`` forked worker
processes check one document at a time each and stay for the next (a worker is
replaced after ``DOCUMENTS_PER_WORKER``, or sooner when its memory grew past
``MAX_WORKER_GROWTH``). Every worker is forked from one template process, itself
forked before the first document (``_Template``), so all start from the same memory
however much the parent has grown; what any document needs (the solver, the readers,
compiled patterns) is loaded before that fork (``prepare``). A document that hangs
is stopped at its time limit by killing its worker, and a worker that dies (a
crash in a PDF library, memory) loses only its own document; both come back as an
unreadable document with the reason, a fresh worker takes the next document, and
the batch goes on.

Memory stays flat in the number of documents: the list of documents waits in a temporary
file (``SpooledGroups``) and is read as documents enter the window; a document is started only when it
lies within a window of the next one to hand out (``window``), so at most that many
finished reports wait for a slower one ahead of them, and they wait as the bytes their
worker sent (``Pickled``), made into objects only when their turn comes. Within the
window the largest file (bytes on disk) starts first, so a long document does not start
last and leave one worker busy alone at the end.

Forking shares the loaded rules and libraries with the workers at no cost.
Where ``fork`` is not available (Windows, macOS' default), or with ``jobs=1``,
documents are checked one after the other in this process (no time limit).
``budgetlint.dask_batch`` runs the same loop on a Dask cluster.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol

from budgetlint.model import DocumentReport

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# A document's files (one or more): path strings as ``SpooledGroups`` gives them back, or any
# path-like objects
Group = Sequence["str | os.PathLike[str]"]

CheckOne = Callable[[Group], DocumentReport]


class Groups(Protocol):
    """A batch's documents in input order: a list, or ``SpooledGroups``."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Group]: ...


CRASHED = "检查进程意外退出（{detail}），可能是文件触发了读取库的错误或内存不足"


def fork_available() -> bool:
    # multiprocessing is imported only for a batch that forks (one document is checked in place)
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods()


def run_batch(
    groups: Groups,
    check_one: CheckOne,
    jobs: int = 1,
    timeout: float | None = None,
    prepare: Callable[[], None] | None = None,
) -> Iterator[DocumentReport]:
    """``prepare``: called once in this process before workers are forked, to load what any
    worker may need (a library a document imports on demand), so the workers share one copy of
    it and none grows by it in the middle of a batch."""
    if jobs <= 1 or len(groups) <= 1 or not fork_available():
        for group in groups:
            yield check_one(group)
        return
    if prepare is not None:
        prepare()
    yield from run_ordered(groups, _Processes(check_one, jobs, timeout))


def failed(group: Group, reason: str) -> DocumentReport:
    return DocumentReport(path=str(group[0]), paths=[str(p) for p in group], error=reason)


def error_reason(exc: BaseException) -> str:
    return f"检查时出错（{type(exc).__name__}: {exc}）"


def timeout_reason(timeout: float | None) -> str:
    return f"超过单个文件的时间限制（{timeout:g} 秒），已跳过；可用 --timeout 调整"


class Workers(Protocol):
    """Where documents are checked: ``slots`` at a time."""

    slots: int

    def start(self, index: int, group: Group) -> None: ...

    def finished(self) -> Sequence[tuple[int, DocumentReport | Pickled]]:
        """Wait until at least one started document is done (or stopped at its time limit)."""

    def running(self) -> int: ...

    def stop(self) -> None:
        """Leave no work behind (interrupted, or the consumer stopped reading)."""


def run_ordered(groups: Iterable[Group], workers: Workers, window: int | None = None) -> Iterator[DocumentReport]:
    window = window or max(16, 8 * workers.slots)
    # the documents of the window not started yet, with their sizes: only these are held and
    # looked at (``groups`` is read in order, a file is stat'ed when it enters the window)
    ahead: dict[int, tuple[Group, int]] = {}
    coming = iter(groups)
    upcoming = next(coming, None)  # read one ahead, so the loop knows when none is left
    next_in = 0  # the index of ``upcoming``
    done: dict[int, DocumentReport | Pickled] = {}
    next_out = 0
    try:
        while ahead or upcoming is not None or workers.running():
            while workers.running() < workers.slots:
                while upcoming is not None and next_in < next_out + window:
                    ahead[next_in] = (upcoming, _size(upcoming))
                    next_in += 1
                    upcoming = next(coming, None)
                if not ahead:
                    break
                index = max(ahead, key=lambda i: (ahead[i][1], -i))
                group, _ = ahead.pop(index)
                workers.start(index, group)
            for index, report in workers.finished():
                done[index] = report
            while next_out in done:
                report = done.pop(next_out)
                yield report.load() if isinstance(report, Pickled) else report
                next_out += 1
    finally:
        workers.stop()


class Pickled:
    """A checked report as its worker sent it. Reports that wait in the window for a slower
    document ahead of them wait as these bytes, not as the objects they stand for (3.6 times the
    size over the corpus's reports, and spread over the heap: a batch's parent grew with the
    fullest window it had seen, and a long batch fills its window more often than a short one)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    def load(self) -> DocumentReport:
        # bytes our own worker made: a forked process, or a task on the Dask cluster (which
        # moves every result as a pickle itself)
        return pickle.loads(self.data)


def _size(group: Group) -> int:
    total = 0
    for path in group:
        try:
            total += os.stat(path).st_size
        except OSError:
            pass
    return total


# ------------------------------------------------------------ local processes

# A worker checks this many documents, then a fresh one is forked: what a long-lived process
# accumulates (caches, fragmentation) stays bounded in a batch of any length.
DOCUMENTS_PER_WORKER = 100

# A worker whose private memory (its heap: not the pages of shared libraries and fonts it touched,
# which the machine holds once) grew by more than this since it was forked is replaced after its
# document. A document leaves behind freed memory the allocator cannot return while any object
# in the same block still lives: the largest corpus document (171 pages, 106k characters) ~35 MB,
# a 900 KB one ~10 MB, most 0.3-6 MB (measured on the corpus, with the patterns compiled before
# the fork). A worker that checks a large document on top of that peaks that much higher; a fresh
# one forked from the template costs a few milliseconds.
MAX_WORKER_GROWTH = 8 * 2**20


# A document of at least this many bytes on disk starts on a fresh worker. The largest documents
# set a batch's peak (the corpus's 2.7 MB 决算 took a fresh worker from 55 to 118 MB, its 100-300 KB
# documents to 70-85 MB), and one checked on the heap an earlier document left behind (up to
# MAX_WORKER_GROWTH) peaks that much higher: on a fresh worker it peaks as it would alone, however
# many documents the batch holds. One document in twelve of the corpus is this large.
FRESH_WORKER_SIZE = 2**20


def _serve(conn: Connection, check_one: CheckOne) -> None:
    """A worker's loop: check each group the parent sends, answer with its report (and whether
    it retires: see ``MAX_WORKER_GROWTH``), until told to stop."""
    forked_at = private_bytes()  # the template handed back its freed heap before forking
    while True:
        try:
            group = conn.recv()
        except (EOFError, OSError):
            return
        if group is None:
            return
        try:
            answer: tuple[str, Any] = ("ok", pickle.dumps(check_one(group), pickle.HIGHEST_PROTOCOL))
        except BaseException as exc:  # noqa: BLE001 - the parent reports it as this document's error
            answer = ("error", error_reason(exc))
        release_memory()
        now = private_bytes()
        retiring = forked_at is not None and now is not None and now - forked_at > MAX_WORKER_GROWTH
        conn.send((*answer, retiring))
        if retiring:
            return


def private_bytes() -> int | None:
    """This process's resident memory that is not a mapped file's (Linux ``/proc``: resident
    minus shared pages), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as f:
            fields = f.read().split()
        return (int(fields[1]) - int(fields[2])) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def release_memory() -> None:
    """Hand the heap a finished document freed back to the system (glibc ``malloc_trim``), so
    the next document starts from less: in one process checking the 64 corpus documents twice,
    the resident memory after each pass was 132 MB without it and 121 MB with it. Elsewhere a
    no-op."""
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes

            _TRIM = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None  # glibc's malloc_trim once looked up; False where there is none


class _Template:
    """A process forked once, before the first document, that forks every worker of the batch.

    Forked from the parent, a worker would start with all the parent had grown to by then: as it
    gathers reports the parent's heap grows by some 6 MB in the first few hundred documents, and
    each worker forked later carried it (the workers of a 1,000-document batch peaked higher than
    those of a 10-document one for that reason). Forked from this process, which does nothing
    else, every worker starts from the same memory. The template is the workers' parent: it alone
    may wait for them, so it also kills and reaps them when asked (a process id is not reused
    before its parent has waited for it), and their peak memory reaches the batch's parent
    through it."""

    def __init__(self, check_one: CheckOne):
        import multiprocessing as mp  # only a batch that forks needs it

        ctx = mp.get_context("fork")
        self.conn, child_end = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_fork_workers, args=(child_end, check_one), daemon=True)
        self.process.start()
        child_end.close()

    def fork(self) -> tuple[int, Connection]:
        """A new worker: its process id and the parent's end of its connection."""
        from multiprocessing.connection import Connection
        from multiprocessing.reduction import recv_handle

        self.conn.send(("fork", 0))
        pid = self.conn.recv()
        return pid, Connection(recv_handle(self.conn))

    def kill(self, pid: int) -> int | None:
        """Kill the worker (if it still runs) and return how it ended: its exit code, or minus the
        signal that ended it (as ``multiprocessing`` gives it)."""
        try:
            self.conn.send(("kill", pid))
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def reap(self, pid: int) -> None:
        self.conn.send(("reap", pid))

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _fork_workers(conn: Connection, check_one: CheckOne) -> None:
    """The template's loop: fork a worker, kill or reap one, as the parent asks; at the end wait
    for every worker still running (the parent has told them to stop)."""
    import signal
    import socket

    from multiprocessing.connection import Connection
    from multiprocessing.reduction import send_handle

    # Ctrl-C reaches the whole process group: the parent stops the batch and then asks this
    # process to kill and reap its workers, so it must outlive the signal (a worker just ends)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    release_memory()  # what the parent had freed but not returned is not the workers' to carry
    children: set[int] = set()
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            request = None
        if request is None:
            break
        what, pid = request
        if what == "fork":
            parent_end, worker_end = socket.socketpair()
            pid = os.fork()
            if pid == 0:  # the worker
                status = 1
                try:
                    conn.close()
                    parent_end.close()
                    signal.signal(signal.SIGINT, signal.SIG_DFL)
                    _serve(Connection(worker_end.detach()), check_one)
                    status = 0
                finally:
                    os._exit(status)
            worker_end.close()
            children.add(pid)
            conn.send(pid)
            send_handle(conn, parent_end.fileno(), 0)
            parent_end.close()
        elif what in ("kill", "reap"):
            code = None
            if pid in children:
                if what == "kill":
                    os.kill(pid, signal.SIGKILL)  # nothing to a worker that has ended, not yet waited for
                code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
                children.discard(pid)
            if what == "kill":
                conn.send(code)
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


class _Worker:
    """A forked process that checks documents one after another (caches warm after its first)."""

    def __init__(self, template: _Template):
        self.template = template
        self.pid, self.conn = template.fork()
        self.checked = 0
        self.index: int | None = None  # the document being checked, None when idle
        self.group: Group = ()
        self.deadline: float | None = None

    def give(self, index: int, group: Group, timeout: float | None) -> None:
        self.index, self.group = index, group
        self.deadline = time.monotonic() + timeout if timeout else None
        self.conn.send(group)

    def kill(self) -> int | None:
        self.conn.close()
        return self.template.kill(self.pid)

    def retire(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.conn.close()  # a worker that missed the message stops at the closed connection
        self.template.reap(self.pid)


class _Processes:
    """``jobs`` forked worker processes, each checking documents one at a time.

    A worker that hangs past the time limit is killed and one that dies is gone: in both cases
    only its document is lost (reported with the reason) and a fresh worker takes the next one."""

    def __init__(self, check_one: CheckOne, jobs: int, timeout: float | None):
        self.check_one, self.slots, self.timeout = check_one, jobs, timeout
        self._template: _Template | None = None  # forked with the first worker
        self._idle: list[_Worker] = []
        self._busy: list[_Worker] = []

    def _new_worker(self) -> _Worker:
        if self._template is not None:
            try:
                return _Worker(self._template)
            except (EOFError, OSError):  # the template is gone (killed for memory?): a new one
                self._template.stop()
        self._template = _Template(self.check_one)
        return _Worker(self._template)

    def start(self, index: int, group: Group) -> None:
        worker = self._idle.pop() if self._idle else self._new_worker()
        if worker.checked and _size(group) >= FRESH_WORKER_SIZE:
            worker.retire()
            worker = self._new_worker()
        try:
            worker.give(index, group, self.timeout)
        except OSError:  # the idle worker died meanwhile: a fresh one
            worker.kill()
            worker = self._new_worker()
            worker.give(index, group, self.timeout)
        self._busy.append(worker)

    def running(self) -> int:
        return len(self._busy)

    def finished(self) -> list[tuple[int, DocumentReport | Pickled]]:
        from multiprocessing.connection import wait

        deadlines = [w.deadline for w in self._busy if w.deadline is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        # a worker that ends closes its connection: waiting on the connections sees deaths too
        wait([w.conn for w in self._busy], timeout=wait_for)
        out, still = [], []
        for w in self._busy:
            result = self._collect(w)
            if result is None:
                still.append(w)
                continue
            out.append(result)
        self._busy = still
        return out

    def stop(self) -> None:
        for w in self._busy:
            w.kill()
        for w in self._idle:
            w.retire()
        self._busy, self._idle = [], []
        if self._template is not None:
            self._template.stop()
            self._template = None

    def _collect(self, w: _Worker) -> tuple[int, DocumentReport | Pickled] | None:
        """The worker's finished document and its report, or None while it is still being checked."""
        assert w.index is not None
        index, group = w.index, w.group
        if w.conn.poll():
            try:
                status, value, retiring = w.conn.recv()
            except (EOFError, OSError):  # the worker ended without answering
                code = w.kill()
                detail = f"退出码 {code}" if code is not None else "没有返回结果"
                return index, failed(group, CRASHED.format(detail=detail))
            w.index, w.checked = None, w.checked + 1
            if retiring or w.checked >= DOCUMENTS_PER_WORKER:
                w.retire()
            else:
                self._idle.append(w)
            return index, Pickled(value) if status == "ok" else failed(group, value)
        if w.deadline is not None and time.monotonic() >= w.deadline:
            w.kill()
            return index, failed(group, timeout_reason(self.timeout))
        return None


class Spool:
    """Objects parked in a temporary file (made with the first), read back in the order they
    were added, so that memory stays flat in their number. Each iteration reads from the start,
    and two may run at once. Pickle is safe here: the file is our own, written and read by this
    one process."""

    prefix = "budgetlint-spool-"

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self.count = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, item: Any) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix=self.prefix)
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        offset = 0
        for _ in range(self.count):
            assert self._file is not None
            self._file.seek(offset)
            item = pickle.load(self._file)
            offset = self._file.tell()
            yield item

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class ReportSpool(Spool):
    """Checked reports waiting for the checks across documents, which can run only once every
    document of the batch is in the store: until then they wait on disk, not in memory."""

    prefix = "budgetlint-reports-"

    def __iter__(self) -> Iterator[DocumentReport]:
        return super().__iter__()


class SpooledGroups(Spool):
    """A batch's documents (each the paths of its files), in input order: a batch holds none of
    them in memory, whatever their number (as pathlib objects they took ~0.7 KB a file, as
    strings ~0.3 KB). Sized and iterable, like the list it replaces."""

    prefix = "budgetlint-inputs-"

    def __init__(self, groups: Iterable[Group]):
        super().__init__()
        for group in groups:
            self.add([str(path) for path in group])

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (tuple(group) for group in super().__iter__())
