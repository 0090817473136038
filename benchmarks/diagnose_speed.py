"""Diagnosis speed: solve time per table and whole-corpus overhead (issue 12).

1. Synthetic 200-row 支出表 (合计 | 基本支出 | 项目支出 over 类/款/项 codes, every sum exact)
   with one cell ×10⁴: time of diagnose_table (system, MILP, tie check, cause), median of 20 runs.
2. The corpus (../shared/corpus/real): recognise every document once, then time the
   diagnosis of every table (diagnose_document on a fresh index), against the rule run.

    PYTHONPATH=. python benchmarks/diagnose_speed.py [--no-corpus]
"""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal

from budgetlint.diagnose.run import diagnose_document, diagnose_table
from budgetlint.facts.index import DocIndex
from budgetlint.model import Cell, Document, Provenance, Row, Table, Unit


def synthetic_expense(rows: int) -> Table:
    """rows/10 款 rows of 9 项 each under one 类, plus 合计: every identity exact."""
    prov = Provenance(path="synthetic.txt", line=1)
    body: list[Row] = []
    groups = max(1, rows // 10)
    items = []
    for g in range(groups):
        kuan = f"201{g + 1:02d}"[:5] if g < 99 else f"2{g:04d}"[:5]
        leaves = [(f"{kuan}{k + 1:02d}", Decimal(100 + 7 * g + k), Decimal(10 + k)) for k in range(9)]
        items.append((kuan, leaves))

    def row(key, kind, basic, project):
        cells = [
            Cell(column=c, raw=f"{v:.2f}", value=v, decimals=2, state="value", provenance=prov)
            for c, v in (("total", basic + project), ("basic", basic), ("project", project))
        ]
        return Row(key=key, kind=kind, label=key, cells=cells, provenance=prov)

    all_b = sum(b for _, leaves in items for _, b, _ in leaves)
    all_p = sum(p for _, leaves in items for _, _, p in leaves)
    body.append(row("total", "total", all_b, all_p))
    for kuan, leaves in items:
        body.append(row(kuan, "functional", sum(b for _, b, _ in leaves), sum(p for _, _, p in leaves)))
        body += [row(k, "functional", b, p) for k, b, p in leaves]
    from budgetlint.model import Column

    return Table(
        id="t1",
        kind="expense",
        title="支出表",
        unit=Unit.WAN,
        rows=body,
        provenance=prov,
        columns=[Column(key=c, header=[c], index=k) for k, c in enumerate(("total", "basic", "project"))],
    )


def bench_table(rows: int = 200, runs: int = 20) -> None:
    table = synthetic_expense(rows)
    doc = Document(path="synthetic.txt", tables=[table])
    target = table.rows[len(table.rows) // 2].cells[1]
    target.value = target.value * 10_000
    times, cpu = [], []
    found = None
    diagnose_table(DocIndex(doc).tables["expense"])  # vocabularies loaded once, as in a run
    for _ in range(runs):
        index = DocIndex(doc)
        t0, c0 = time.perf_counter(), time.process_time()
        found = diagnose_table(index.tables["expense"], index)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    print(
        f"{len(table.rows)}-row 支出表, one cell ×10⁴: diagnosis {statistics.median(times):.1f} ms wall, "
        f"{statistics.median(cpu):.1f} ms CPU (medians; wall min {min(times):.1f}) over {runs} runs; found: "
        f"{[(d.cause, [c.address for c in d.cells]) for d in found]}"
    )


def bench_corpus() -> None:
    from budgetlint.corpus import CORPUS_DIR
    from budgetlint.engine import check_document, load_rules
    from budgetlint.pipeline import discover, load_document

    rules = load_rules()
    diag = check = 0.0
    tables = docs = 0
    for group in discover([CORPUS_DIR]):
        doc = load_document(group)
        docs += 1
        t0 = time.process_time()
        check_document(doc, [r for r in rules if not r.id.startswith("BL19")])
        check += time.process_time() - t0
        index = DocIndex(doc)
        tables += len(index.tables)
        t0 = time.process_time()
        diagnose_document(index)
        diag += time.process_time() - t0
    print(
        f"corpus: {docs} documents, {tables} tables (CPU time): rules {check:.2f} s, diagnosis {diag:.2f} s "
        f"(+{100 * diag / check:.1f} % of the rule run; {1000 * diag / max(tables, 1):.1f} ms per table)"
    )


if __name__ == "__main__":
    bench_table()
    if "--no-corpus" not in sys.argv:
        bench_corpus()
