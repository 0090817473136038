"""Corpus throughput of ``check --jobs 2`` against ``--jobs 1`` (issue 11).

Runs ``budgetlint check CORPUS --format json --jobs N`` as a whole process for each
N given (default 1 and 2), prints the wall time, documents per second and the
speed-up, and checks that the JSON reports are identical. The machine must be
otherwise idle for the speed-up to mean anything; say so when quoting it. Each round also
measures the machine's ceiling: a CPU-bound loop alone against two copies at once.
Run: python benchmarks/batch_throughput.py [--jobs 1 2] [--repeat 1] [PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from budgetlint.corpus import CORPUS_DIR


def run(path: Path, jobs: int) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "budgetlint",
                "check",
                str(path),
                "--format",
                "json",
                "--jobs",
                str(jobs),
                "--quiet",
                "-o",
                str(out),
            ],
            check=False,
        )
        return time.perf_counter() - started, json.loads(out.read_text(encoding="utf-8"))


# A CPU-bound loop, no I/O and no memory to speak of: what two processes at once get from the
# machine's two cores (on a VM they may share caches or a physical core with others).
SPIN = "s = 0\nfor i in range(8_000_000):\n    s += i * i % 7"


def spin_ceiling() -> float:
    """The speed-up two CPU-bound processes get here over one: the ceiling for ``--jobs 2``."""
    cmd = [sys.executable, "-c", SPIN]
    started = time.perf_counter()
    subprocess.run(cmd, check=True)
    alone = time.perf_counter() - started
    started = time.perf_counter()
    both = [subprocess.Popen(cmd) for _ in range(2)]
    for proc in both:
        proc.wait()
    return 2 * alone / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", type=Path, default=CORPUS_DIR)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not args.path.exists():
        print(f"{args.path} not found")
        return 0
    # The runs alternate (1, 2, 1, 2, …) and each round also measures the machine's own ceiling:
    # a shared host's speed drifts within minutes, so only runs of one round compare.
    first = args.jobs[0]
    for round_ in range(1, args.repeat + 1):
        results = {}
        for jobs in args.jobs:
            seconds, report = run(args.path, jobs)
            results[jobs] = (seconds, report)
            docs = report["summary"]["documents"]
            print(f"round {round_}, --jobs {jobs}: {seconds:6.1f} s wall, {docs / seconds:.2f} documents/s")
        ceiling = spin_ceiling()
        for jobs, (seconds, report) in results.items():
            if jobs == first:
                continue
            same = "identical report" if report == results[first][1] else "REPORT DIFFERS"
            print(
                f"round {round_}, --jobs {jobs}: ×{results[first][0] / seconds:.2f} against --jobs {first}, {same}; "
                f"two CPU-bound processes at once get ×{ceiling:.2f} on this machine now"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
