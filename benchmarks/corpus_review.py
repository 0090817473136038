"""The corpus against the hand review, and how many applicable rules were evaluated.

Runs ``budgetlint check`` on ../shared/corpus/real (or reads a JSON report given with
--report), matches every error and warning to tests/corpus/reviewed_findings.csv and prints:
precision per severity by the review's verdicts, real findings no longer reported, reviewed
false alarms that came back, findings nobody has reviewed yet, and the distribution over the
documents of the share of applicable rules that were evaluated (with the causes of the rest).
Never asserts: tests/corpus/test_review.py does.

    python benchmarks/corpus_review.py [--report report.json] [--save report.json]
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from budgetlint.corpus import CORPUS_DIR, compare_with_review, reviewed_findings


def run_check(out: Path) -> dict:
    subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", str(CORPUS_DIR), "--format", "json", "-o", str(out)],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", type=Path, help="an existing JSON report of the corpus")
    ap.add_argument("--save", type=Path, help="keep the JSON report of this run")
    args = ap.parse_args()
    if not CORPUS_DIR.is_dir():
        print(f"corpus not found ({CORPUS_DIR}; set BUDGETLINT_CORPUS)")
        return 0
    if args.report:
        report = json.loads(args.report.read_text(encoding="utf-8"))
    else:
        out = args.save or Path(tempfile.mkdtemp()) / "corpus.json"
        report = run_check(out)
    cmp = compare_with_review(report, reviewed_findings())

    print("== Findings against the hand review (tests/corpus/reviewed_findings.csv)")
    for sev in ("error", "warning"):
        real, n = cmp.precision(sev)
        print(f"{sev:8} {real}/{n} real" + (f" ({100 * real / n:.0f} %)" if n else ""))
    by_rule = collections.Counter((k[0], v) for k, _, v in cmp.verdicts)
    print("by rule and verdict:", ", ".join(f"{r} {v}×{n}" for (r, v), n in sorted(by_rule.items())))
    for title, items in (
        ("unreviewed (review them against the printed page)", cmp.unreviewed),
        ("real findings no longer reported", [r.key for r in cmp.lost_real]),
        ("reviewed false alarms reported again", [r.key for r in cmp.back_false]),
    ):
        print(f"\n{title}: {len(items)}")
        for rule, file, page in items:
            print(f"  {rule} {file} p{page}")

    print("\n== Applicable rules evaluated, per document with tables")
    print("   (of all rules for the document's kind; and of those whose tables and columns it prints)")
    rows = []
    causes: collections.Counter = collections.Counter()
    for doc in report["documents"]:
        cov = doc.get("coverage")
        if not cov or not cov["applicable"] or doc.get("error") or not _has_tables(doc, cov):
            continue
        printed = cov.get("printed", cov["applicable"])
        rows.append(
            (
                cov["evaluated"] / printed if printed else 1.0,
                cov["evaluated"] / cov["applicable"],
                Path(doc["path"]).name,
                cov,
            )
        )
        causes.update(cov["not_evaluated"])
    rows.sort()
    for of_printed, of_all, name, cov in rows:
        rest = ", ".join(f"{c} {n}" for c, n in cov["not_evaluated"].items())
        print(
            f"  {100 * of_printed:5.1f} % of {cov.get('printed'):>2} printed | {100 * of_all:5.1f} % of "
            f"{cov['applicable']:>2}  {name}  ({rest})"
        )
    if rows:
        for label, i in (
            ("of rules whose tables and columns the document prints", 0),
            ("of all rules for its kind", 1),
        ):
            values = sorted(r[i] for r in rows)
            print(
                f"\n{label}: documents {len(values)}; median {100 * statistics.median(values):.1f} %; "
                f"min {100 * values[0]:.1f} %; ≥ 80 %: {sum(v >= 0.8 for v in values)}"
            )
        print("rules not evaluated, by cause (summed over documents):", dict(causes.most_common()))
    return 0


def _has_tables(doc: dict, cov: dict) -> bool:
    """A narrative-only document (every table rule lacks its table) is not counted."""
    return (
        cov["not_evaluated"].get("table_absent", 0) + cov["not_evaluated"].get("not_printed", 0)
        < cov["applicable"] - 10
    )


if __name__ == "__main__":
    sys.exit(main())
