"""Time `check` on the five examples with every rule: loading rules, reading+recognising, running rules.

Run: python benchmarks/bench_check.py [--repeat N]
Prints figures; asserts nothing (no timed unit tests).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from budgetlint.checker import check_document, load_rules
    from budgetlint.pipeline import load_document

    t0 = time.perf_counter()
    rules = load_rules()
    t_rules = time.perf_counter() - t0
    files = sorted((ROOT / "examples").glob("*.txt"))
    t0 = time.perf_counter()
    docs = [load_document(f) for f in files]
    t_load = time.perf_counter() - t0

    per_doc: dict[str, list[float]] = {f.name: [] for f in files}
    totals = []
    findings = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        findings = 0
        for f, d in zip(files, docs):
            s = time.perf_counter()
            report = check_document(d, rules)
            per_doc[f.name].append(time.perf_counter() - s)
            findings += len(report.findings)
        totals.append(time.perf_counter() - start)

    print(f"rules: {len(rules)} loaded and compiled in {t_rules * 1000:.0f} ms")
    print(f"read + recognise {len(files)} examples: {t_load * 1000:.0f} ms")
    print(
        f"check (all rules) {len(files)} examples, {args.repeat} runs: "
        f"median {statistics.median(totals) * 1000:.0f} ms, min {min(totals) * 1000:.0f} ms; {findings} findings"
    )
    for name, ts in per_doc.items():
        print(f"  {name}: median {statistics.median(ts) * 1000:.1f} ms")
    print(f"end to end (rules + read + check): {(t_rules + t_load + statistics.median(totals)) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
