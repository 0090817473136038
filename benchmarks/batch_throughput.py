"""Corpus throughput of ``check --jobs 2`` against ``--jobs 1`` (issue 11).

Runs ``budgetlint check CORPUS --format json --jobs N`` as a whole process for each
N given (default 1 and 2), prints the wall time, documents per second and the
speed-up, and checks that the JSON reports are identical. The machine must be
otherwise idle for the speed-up to mean anything; say so when quoting it.
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", type=Path, default=CORPUS_DIR)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not args.path.exists():
        print(f"{args.path} not found")
        return 0
    results = {}
    for jobs in args.jobs:
        times = []
        for _ in range(args.repeat):
            seconds, report = run(args.path, jobs)
            times.append(seconds)
        results[jobs] = (min(times), report)
        docs = report["summary"]["documents"]
        print(f"--jobs {jobs}: {min(times):6.1f} s wall (best of {args.repeat}), {docs / min(times):.2f} documents/s")
    base = results[args.jobs[0]]
    for jobs, (seconds, report) in results.items():
        same = "identical report" if report == base[1] else "REPORT DIFFERS"
        print(f"--jobs {jobs}: ×{base[0] / seconds:.2f} against --jobs {args.jobs[0]}, {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
