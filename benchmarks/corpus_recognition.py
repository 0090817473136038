"""Per-document recognition report over the shared corpus.

For each PDF: pages, tables found, tables recognised (with kinds), and the
number of "单位：" captions the MANIFEST counted (≈ tables actually present;
narrative-only files have none), plus parse-warning counts. Prints a table and
totals; never asserts (run: python benchmarks/corpus_recognition.py).
"""

from __future__ import annotations

import collections
import sys
import time

from budgetlint.corpus import CORPUS_DIR, corpus_entries
from budgetlint.pipeline import load_document


def main() -> int:
    entries = corpus_entries()
    if not entries:
        print(f"corpus not found ({CORPUS_DIR}; set BUDGETLINT_CORPUS)")
        return 0
    totals = collections.Counter()
    print(f"{'file':52} {'pages':>5} {'found':>5} {'recog':>5} {'MANIFEST':>8} {'warn':>5}  kinds")
    for e in entries:
        t0 = time.perf_counter()
        doc = load_document(e.path)
        elapsed = time.perf_counter() - t0
        recognised = [t for t in doc.tables if t.kind]
        kinds = collections.Counter(t.kind for t in recognised)
        present = "narr." if e.narrative_only else str(e.unit_labels)
        print(
            f"{e.path.name:52} {e.pages or 0:5} {len(doc.tables):5} {len(recognised):5} {present:>8} "
            f"{len(doc.warnings):5}  {', '.join(f'{k}×{n}' if n > 1 else k for k, n in kinds.items())}"
            f"  ({elapsed:.2f}s)"
        )
        totals["found"] += len(doc.tables)
        totals["recognised"] += len(recognised)
        totals["labels"] += e.unit_labels
    print(
        f"\nTotal: {totals['found']} tables found, {totals['recognised']} recognised; "
        f"MANIFEST counts {totals['labels']} unit captions (≈ tables present)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
