"""Parse time per PDF over the shared corpus, and pdfplumber's table extraction for comparison.

budgetlint's path: pypdfium2 text + ruling lines -> lattice grid -> recognition
(the full `load_document`). The comparison times `pdfplumber`'s
`page.extract_tables()` alone on the same files (no recognition at all), which
is what a pdfplumber-based reader would start from.

  python benchmarks/bench_pdf.py            # all corpus PDFs, budgetlint only
  python benchmarks/bench_pdf.py --plumber  # also time pdfplumber (slow: minutes)
Prints per-file times, the median, and the median per page; asserts nothing. Times are CPU
seconds of this process (``time.process_time``): the machine is shared, and wall time there
measures the other jobs as much as this one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from budgetlint.corpus import CORPUS_DIR, corpus_entries
from budgetlint.pipeline import load_document


def time_budgetlint(path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        load_document(path)
        best = min(best, time.process_time() - t0)
    return best


def time_pdfplumber(path) -> float:
    import pdfplumber

    t0 = time.process_time()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
    return time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumber", action="store_true", help="also time pdfplumber.extract_tables")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs for budgetlint")
    args = ap.parse_args()
    entries = corpus_entries()
    if not entries:
        print(f"corpus not found ({CORPUS_DIR}; set BUDGETLINT_CORPUS)")
        return 0
    ours, theirs, per_page_ours, per_page_theirs, near25 = [], [], [], [], []
    print(f"{'file':52} {'pages':>5} {'budgetlint s':>12}" + (f" {'pdfplumber s':>12}" if args.plumber else ""))
    for e in entries:
        t = time_budgetlint(e.path, args.repeat)
        ours.append(t)
        pages = e.pages or 1
        per_page_ours.append(t / pages)
        if 20 <= pages <= 30:
            near25.append(t)
        line = f"{e.path.name:52} {pages:5} {t:12.3f}"
        if args.plumber:
            p = time_pdfplumber(e.path)
            theirs.append(p)
            per_page_theirs.append(p / pages)
            line += f" {p:12.3f}"
        print(line)
    print(
        f"\nbudgetlint: median {statistics.median(ours):.3f} s per PDF, "
        f"{statistics.median(per_page_ours) * 1000:.1f} ms per page; "
        f"median for 20–30-page documents: {statistics.median(near25):.3f} s ({len(near25)} files)"
    )
    if args.plumber:
        print(
            f"pdfplumber extract_tables: median {statistics.median(theirs):.3f} s per PDF, "
            f"{statistics.median(per_page_theirs) * 1000:.1f} ms per page"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
