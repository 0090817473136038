"""Where one document's CPU time goes after start-up, stage by stage, in this process.

Run: python benchmarks/stage_split.py [--repeat 3] [FILE.pdf …]  (default: peer_compare.py's five PDFs)
Wraps the stage functions with ``time.process_time`` (the machine is shared: CPU, not wall) and
prints, per document, the best of --repeat runs: reading the PDF (of it: pdfium characters and
ruling lines per page, lattice grids, assembling paragraphs and tables), recognition, checking
(of it: claims extraction, claims binding, diagnosis) and the JSON report; then the mean over the
documents and the load average. Asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tree measured

from benchmarks.peer_compare import CORPUS, DEFAULT  # noqa: E402
from budgetlint.checker import check_document, load_rules  # noqa: E402
from budgetlint.pipeline import not_a_disclosure, read_files  # noqa: E402
from budgetlint.recognise import recognise_all  # noqa: E402
from budgetlint.report import render_reports  # noqa: E402

_spent: collections.Counter[str] = collections.Counter()


def _wrap(module: str, name: str, stage: str) -> None:
    """Replace ``module.name`` by a wrapper adding its CPU time to ``stage``."""
    mod = sys.modules[module]
    fn = getattr(mod, name)

    def timed(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _spent[stage] += time.process_time() - t0

    setattr(mod, name, timed)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = [f for f in (args.files or [CORPUS / f for f in DEFAULT]) if f.exists()]
    if not files:
        print(f"no corpus PDFs found under {CORPUS}")
        return 0
    # the modules whose functions are wrapped, imported (the names are looked up in sys.modules)
    import budgetlint.claim_functions.diagnosis
    import budgetlint.claim_functions.values
    import budgetlint.claims.bind
    import budgetlint.read.pdf  # noqa: F401

    _wrap("budgetlint.read.pdf", "read_layout", "read: characters and rules")
    _wrap("budgetlint.read.pdf", "find_grids", "read: grids")
    _wrap("budgetlint.read.pdf", "_assemble", "read: assembly")
    # binding includes extraction: bind_document calls paragraph_claims
    _wrap("budgetlint.claims.bind", "paragraph_claims", "check: claims extraction")
    _wrap("budgetlint.claim_functions.values", "bind_document", "check: claims binding")
    _wrap("budgetlint.claim_functions.diagnosis", "diagnose_document", "check: diagnosis")
    rules = load_rules()
    totals: dict[str, list[float]] = collections.defaultdict(list)
    for f in files:
        best: dict[str, float] | None = None
        for _ in range(args.repeat):
            _spent.clear()
            t0 = time.process_time()
            raws = read_files([f])
            t1 = time.process_time()
            doc = recognise_all(raws)
            not_a_disclosure(doc)
            t2 = time.process_time()
            report = check_document(doc, rules)
            t3 = time.process_time()
            render_reports([report], fmt="json", to_terminal=False, rules=rules, run={})
            t4 = time.process_time()
            got = dict(_spent, read=t1 - t0, recognise=t2 - t1, check=t3 - t2, report=t4 - t3, total=t4 - t0)
            if best is None or got["total"] < best["total"]:
                best = got
        assert best is not None
        print(
            f"{f.name[:44]:44} {raws[0].pages:3} pages  " + "  ".join(f"{k} {v:.3f}" for k, v in sorted(best.items()))
        )
        for k, v in best.items():
            totals[k].append(v)
    print("mean per document (CPU s):")
    for k, vs in sorted(totals.items()):
        print(f"  {k:30} {sum(vs) / len(vs):.3f}")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
