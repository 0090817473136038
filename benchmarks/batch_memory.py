"""Peak memory of a batch against its number of documents (issue 11): flat, not growing.

Checks a folder of N documents, ``--jobs 2 --format json -o FILE`` (the report streamed to its
file), for each N given (default 10 and 1,000), and prints the peak resident memory (max RSS)
of the parent process and of the largest worker. The documents are the given files repeated
(symbolic links in a temporary folder, each under its own name); by default the text exports in
examples/. They cycle from the largest file down, so every set, the smallest included, holds the
largest documents: a worker's peak is set by the heaviest document it checks, and a 10-document
set of the lightest files would make any larger batch look as if it grew.

Each run is a fresh process that runs ``budgetlint check`` and then reads its own
``resource.getrusage``: RUSAGE_SELF for the parent (which gathers and writes the report), and
RUSAGE_CHILDREN for the workers (the largest of the forked processes; a forked worker counts the
pages it shares with the parent too). The kernel's peak resident size also counts the pages of
shared libraries and fonts a worker has touched, which the machine holds once for all processes
and which depend on which documents a worker happened to get (the solver's code, for one: ~8 MB).
So the workers' private memory (``RssAnon``: heap and stacks, what each worker costs on its own)
is also sampled every 20 ms from /proc while the batch runs, and its peak printed (Linux only).
The parent's peak is set by other documents than a worker's: by the reports it receives and
the checks across documents it runs at the end, not by the largest files. A set holding every
file once (``--docs`` equal to the number of files: 73 for the corpus) meets every document the
larger batch does, so the larger batch against it shows growth with the number of documents
alone; every run is compared with the largest.
Run: python benchmarks/batch_memory.py [--docs 10 1000] [--jobs 2] [FILE_OR_FOLDER ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE_SECONDS = 0.02

ROOT = Path(__file__).resolve().parents[1]

MEASURE = """
import json, resource, runpy, sys
sys.argv = ["budgetlint", *json.loads(sys.argv[1])]
try:
    runpy.run_module("budgetlint", run_name="__main__")
except SystemExit:
    pass
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"parent_kb": self_kb, "worker_kb": children_kb}), file=sys.stderr)
"""


def sources(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in (".txt", ".pdf") and p.is_file())
        else:
            found.append(path)
    # largest first (ties by name): see the module docstring
    return sorted(found, key=lambda p: (-p.stat().st_size, str(p)))


def measure(files: list[Path], docs: int, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for i in range(docs):
            source = files[i % len(files)]
            (folder / f"{i:05d}-{source.name}").symlink_to(source.resolve())
        out = Path(tmp) / "report.json"
        args = ["check", str(folder), "--format", "json", "--jobs", str(jobs), "--quiet", "-o", str(out)]
        started = time.perf_counter()
        with tempfile.TemporaryFile("w+") as err:
            proc = subprocess.Popen(
                [sys.executable, "-c", MEASURE, json.dumps(args)], stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT
            )
            private = 0
            while proc.poll() is None:
                private = max([private, *(_rss_anon(pid) for pid in _descendants(proc.pid))])
                time.sleep(SAMPLE_SECONDS)
            seconds = time.perf_counter() - started
            err.seek(0)
            usage = json.loads(err.read().strip().splitlines()[-1])
        usage["worker_private_kb"] = private
        summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
        return {
            **usage,
            "seconds": seconds,
            "documents": summary["documents"],
            "findings": summary["findings"],
            "report_mb": out.stat().st_size / 1e6,
        }


def _descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (its workers, and the template that forks them)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as fh:
                children = [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
        found += children
        todo += children
    return found


def _rss_anon(pid: int) -> int:
    """A process's private resident memory in KiB (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "examples"])
    parser.add_argument("--docs", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    files = sources(args.paths)
    if not files:
        print("no documents found")
        return 0
    results = {}
    for docs in args.docs:
        r = measure(files, docs, args.jobs)
        results[docs] = r
        print(
            f"{r['documents']:5d} documents: parent peak {r['parent_kb'] / 1024:6.1f} MB, "
            f"largest worker peak {r['worker_kb'] / 1024:6.1f} MB (private {r['worker_private_kb'] / 1024:5.1f} MB), "
            f"{r['seconds']:6.1f} s, "
            f"{r['findings']} findings, report {r['report_mb']:.1f} MB",
            flush=True,
        )
    large = results[max(results)]
    for docs in sorted(results)[:-1]:
        small = results[docs]
        against = f"{max(results)} vs {docs} documents" + (" (each file once)" if docs == len(files) else "")
        for key, what in (
            ("parent_kb", "parent peak"),
            ("worker_kb", "largest worker peak"),
            ("worker_private_kb", "largest worker private peak"),
        ):
            print(
                f"{what} {against}: {(large[key] - small[key]) / 1024:+.1f} MB ({large[key] / max(small[key], 1):.2f}×)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
