"""Diagnosis catch rates: plant each cause kind at the identifiable cells of the examples and PDF
fixtures (every ``--step``-th cell) and count how often the diagnosis names exactly that cell and
the right cause (the property test tests/diagnose/test_diagnose.py draws from the same plants).

Whole rows too (tests/diagnose/row_plants.py): every ``--step``-th row shift (right or left) and
row drop of every balancing table. A dropped row another table of the family prints is a
"missing row" plant (found = every diagnosis at the parent row; cause right = one missing-row
diagnosis naming that row); a dropped row no other table prints is counted apart: the diagnosis
cannot name it and must claim no cause. The rows skipped are counted by reason.

    PYTHONPATH=. python benchmarks/diagnose_catch.py [--step 3]
"""

from __future__ import annotations

import sys
from collections import Counter

from tests.diagnose.row_plants import row_plants, run_drop, run_shift
from tests.diagnose.test_diagnose import DOCUMENTS, KINDS, document, identifiable, run_plant

FOUND = ("exact", "exact+cause")


def line(kind: str, c: Counter) -> str:
    n = sum(c.values())
    found = sum(c[k] for k in FOUND)
    return (
        f"{kind:11s} plants {n:5d}  cell exact {100 * found / max(n, 1):5.1f} %"
        f"  cause right {100 * c['exact+cause'] / max(n, 1):5.1f} %"
    )


def main(step: int) -> None:
    totals: dict[str, Counter] = {k: Counter() for k in KINDS}
    rows: dict[str, Counter] = {"shifted": Counter(), "missing_row": Counter(), "unprinted": Counter()}
    skipped: Counter = Counter()
    for i, path in enumerate(DOCUMENTS):
        cells = identifiable(i)[::step]
        for name, j in cells:
            for kind in KINDS:
                outcome = run_plant(i, name, j, kind, j)
                if outcome is not None:
                    totals[kind][outcome] += 1
        shifts, drops, skips = row_plants(i, document)
        skipped.update(dict(skips))
        for name, row, direction in shifts[::step]:
            outcome = run_shift(document(i), name, row, direction)
            rows["shifted"][outcome or "absorbed"] += 1
        for name, row, printed in drops[::step]:
            outcome = run_drop(document(i), name, row)
            rows["missing_row" if printed else "unprinted"][outcome or "absorbed"] += 1
        print(
            f"{path.name}: {len(cells)} cells, {len(shifts[::step])} shifts, {len(drops[::step])} drops",
            file=sys.stderr,
        )
    all_ = Counter()
    for kind, c in totals.items():
        all_.update(c)
        print(line(kind, c))
    print(line("all cells", all_))
    for kind in ("shifted", "missing_row"):
        c = rows[kind]
        absorbed = c.pop("absorbed", 0)
        print(
            line(kind, c)
            + f"  (rounding absorbed {absorbed}; not found: {dict((k, v) for k, v in c.items() if k not in FOUND)})"
        )
    c = rows["unprinted"]
    c.pop("absorbed", 0)
    n = sum(c.values())
    quiet = c["tie"] + c["silent"]
    print(
        f"{'dropped row no other table prints':11s} plants {n:5d}  no cause claimed {100 * quiet / max(n, 1):5.1f} %"
        f"  ({dict(c)})"
    )
    print("skipped (all sites, not only every step-th):")
    for reason, count in sorted(skipped.items()):
        print(f"  {count:5d}  {reason}")


if __name__ == "__main__":
    main(int(sys.argv[sys.argv.index("--step") + 1]) if "--step" in sys.argv else 3)
