"""Diagnosis catch rates: plant each cause kind at the identifiable cells of the examples and PDF
fixtures (every ``--step``-th cell) and count how often the diagnosis names exactly that cell and
the right cause (the property test tests/diagnose/test_diagnose.py draws from the same plants).

    PYTHONPATH=. python benchmarks/diagnose_catch.py [--step 3]
"""

from __future__ import annotations

import sys
from collections import Counter

from tests.diagnose.test_diagnose import DOCUMENTS, KINDS, identifiable, run_plant


def main(step: int) -> None:
    totals: dict[str, Counter] = {k: Counter() for k in KINDS}
    for i, path in enumerate(DOCUMENTS):
        cells = identifiable(i)[::step]
        for name, j in cells:
            for kind in KINDS:
                outcome = run_plant(i, name, j, kind, j)
                if outcome is not None:
                    totals[kind][outcome] += 1
        print(f"{path.name}: {len(cells)} cells", file=sys.stderr)
    all_ = Counter()
    for kind, c in totals.items():
        all_.update(c)
        n = sum(c.values())
        print(
            f"{kind:11s} plants {n:5d}  cell exact {100 * (c['exact'] + c['exact+cause']) / max(n, 1):5.1f} %"
            f"  cause right {100 * c['exact+cause'] / max(n, 1):5.1f} %"
        )
    n = sum(all_.values())
    print(
        f"{'all':11s} plants {n:5d}  cell exact {100 * (all_['exact'] + all_['exact+cause']) / max(n, 1):5.1f} %"
        f"  cause right {100 * all_['exact+cause'] / max(n, 1):5.1f} %"
    )


if __name__ == "__main__":
    main(int(sys.argv[sys.argv.index("--step") + 1]) if "--step" in sys.argv else 3)
