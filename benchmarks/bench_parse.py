"""Parse time per example, in-process, median of N runs, split by stage.

Columns: read (text reader), recognise (recogniser without placement),
placement (budgetlint.recognise.placement, another module), facts (flatten),
total. Usage: python benchmarks/bench_parse.py [N] [files...]
Target: well under 50 ms per 40 KB text example.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import budgetlint.recognise as recognise_pkg
from budgetlint.facts import flatten
from budgetlint.pipeline import read_files

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [
    "examples/2024-laocheng-zwfw-budget.txt",
    "examples/2024-yanjin-zwfw-budget.txt",
    "examples/2025-luolong-zwfw-budget.txt",
    "examples/2023-luolong-zfb-budget.txt",
]

_placement_time = 0.0
_real_placements = recognise_pkg._placements


def _timed_placements(table):
    global _placement_time
    start = time.perf_counter()
    try:
        return _real_placements(table)
    finally:
        _placement_time += time.perf_counter() - start


recognise_pkg._placements = _timed_placements


def once(path: Path) -> tuple[float, float, float, float, int, int]:
    global _placement_time
    _placement_time = 0.0
    t0 = time.perf_counter()
    raws = read_files([path])
    t1 = time.perf_counter()
    doc = recognise_pkg.recognise_all(raws)
    t2 = time.perf_counter()
    facts = flatten(doc)
    t3 = time.perf_counter()
    placement = _placement_time
    return t1 - t0, (t2 - t1) - placement, placement, t3 - t2, len(doc.tables), len(facts)


def main(argv: list[str]) -> None:
    runs = int(argv[0]) if argv and argv[0].isdigit() else 20
    files = [a for a in argv if not a.isdigit()] or DEFAULT
    print(f"median of {runs} runs, milliseconds")
    print(
        f"{'file':34} {'KB':>5} {'read':>6} {'recog':>6} {'place':>7} {'facts':>6} {'total':>7} {'own':>6} {'tables':>6} {'facts':>6}"
    )
    for name in files:
        path = (ROOT / name) if not Path(name).is_absolute() else Path(name)
        once(path)  # warm-up: imports, vocabularies
        samples = [once(path) for _ in range(runs)]
        med = [statistics.median(s[i] for s in samples) * 1000 for i in range(4)]
        total = statistics.median(sum(s[:4]) for s in samples) * 1000
        own = statistics.median(s[0] + s[1] + s[3] for s in samples) * 1000
        ntables, nfacts = samples[-1][4], samples[-1][5]
        size = path.stat().st_size / 1024
        print(
            f"{path.name:34} {size:5.1f} {med[0]:6.1f} {med[1]:6.1f} {med[2]:7.1f} {med[3]:6.1f} {total:7.1f} {own:6.1f} {ntables:6d} {nfacts:6d}"
        )
    print("own = read + recognise + facts (without placement)")


if __name__ == "__main__":
    main(sys.argv[1:])
