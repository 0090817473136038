"""Catch rate of single-cell printed errors, over every numeric cell of every recognised table.

For each document (the five examples and the PDF fixtures by default; files given
on the command line instead; ``--corpus N`` adds N corpus PDFs spread over the
MANIFEST) and each numeric cell of a recognised table, plant one error in the
recognised document and check again:

  x10000     the value × 10 000 (an amount in 元 typed into a 万元 cell)
  transpose  the two least significant adjacent different digits swapped (12.34 → 12.43):
             the smallest change a transposition makes in that cell (--all-swaps: every pair)

A planted error is caught when a new error/warning points at the cell (tests/cell_mutations.py).
Cells are grouped by what the engine evaluated on the unmutated document:

  must       in an evaluated identity (==), and the change exceeds twice the rounding
             allowance of its tightest identity: the identity cannot hold any more
  rounding   in an evaluated identity, but every such identity can absorb the change
             within the rounding of its printed items (a digit swap in a long sum)
  bound      only under inequalities (plausibility bounds, part ≤ whole), or an unkeyed row that
             only a narrative binding reads (placed by arithmetic / bound where it agrees)
  untouched  no evaluated comparison reads the cell (why: unkeyed row, unnamed column,
             a table no rule covers, a rule not evaluated there)

Each cell is first checked with the rules that read it on the unmutated document (rules run
independently, so that is exact for catches); every miss is checked again with all rules.
Untouched cells are counted and explained, and checked only with --untouched (all rules, slow).
``--source`` also mutates the text examples in their source text and reads them again.
Prints per-document and per-kind rates and every miss of the "must" group; never asserts.
Run: PYTHONPATH=. python benchmarks/mutation_catch.py [--corpus 4] [--source] [--json out.json]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budgetlint.corpus import corpus_entries
from budgetlint.checker import load_rules
from budgetlint.pipeline import load_document
from tests.cell_mutations import (
    EXAMPLES,
    KINDS,
    PDF_FIXTURES,
    TRANSPOSE,
    Baseline,
    check_planted,
    check_source_mutant,
    delta_wan,
    mutated_raw,
    read_source,
    rules_touching,
    swap_positions,
    target_group,
    targets,
    transposed,
)

GROUPS = ("must", "rounding", "bound", "untouched")


def group_of(base: Baseline, target, new_raw: str) -> str:
    g = target_group(base.trace, target)
    if g == "identity":
        return "must" if base.must_catch(target, new_raw) else "rounding"
    return g


def why_untouched(target) -> str:
    if target.key is None:
        return "unkeyed row"
    if re.fullmatch(r"c[0-9]+", target.cell.column):
        return "unnamed column"
    return f"no evaluated identity ({target.table.kind}.{target.cell.column})"


def variants(target, kind: str, all_swaps: bool) -> list[str]:
    if kind == TRANSPOSE and all_swaps:
        raw = (target.cell.raw or "").strip()
        return [transposed(raw, i) for i in swap_positions(raw)]
    new_raw = mutated_raw(target, kind)
    return [new_raw] if new_raw is not None else []


def run_document(path: Path, rules, args) -> dict:
    t0 = time.perf_counter()
    base = Baseline.of(load_document(path), rules)
    cells = targets(base.doc)
    counts: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    misses: list[dict] = []
    untouched = collections.Counter()
    for target in cells:
        if base.trace.group(target.id) == "untouched":
            untouched[why_untouched(target)] += 1
            if not args.untouched:
                for kind in KINDS:
                    if variants(target, kind, False):
                        counts[("untouched", kind)]["not run"] += 1
                continue
        some = rules_touching(base.trace, target.id, rules)
        for kind in KINDS:
            for new_raw in variants(target, kind, args.all_swaps):
                group = group_of(base, target, new_raw)
                out = check_planted(base, target, new_raw, some or rules)
                if not out.reported and some:
                    out = check_planted(base, target, new_raw, rules)  # exact for misses: every rule
                counts[(group, kind)][out.status] += 1
                if not out.reported and group in ("must", "rounding"):
                    misses.append(
                        {
                            "group": group,
                            "kind": kind,
                            "cell": target.label(),
                            "new": new_raw,
                            "delta_wan": str(delta_wan(target, new_raw)),
                            "allowance": str(base.trace.tolerance(target.id)),
                            "rules": sorted(base.trace.rule_ids(target.id)),
                            "new_findings_elsewhere": [f.rule_id for f in out.new],
                        }
                    )
    source = collections.Counter()
    if args.source and path.suffix == ".txt":
        text = read_source(path)
        for target in cells:
            if base.trace.group(target.id) != "identity":
                continue
            for kind in KINDS:
                new_raw = mutated_raw(target, kind)
                if new_raw is None:
                    continue
                out = check_source_mutant(
                    base, target, new_raw, text, path, rules_touching(base.trace, target.id, rules)
                )
                status = "not placed" if out is None else out.status
                source[(group_of(base, target, new_raw), kind, status)] += 1
                if out is not None and out.status == "missed":
                    misses.append(
                        {
                            "group": f"source, {group_of(base, target, new_raw)}",
                            "kind": kind,
                            "cell": target.label(),
                            "new": new_raw,
                            "delta_wan": str(delta_wan(target, new_raw)),
                            "allowance": str(base.trace.tolerance(target.id)),
                            "rules": sorted(base.trace.rule_ids(target.id)),
                            "new_findings_elsewhere": [f.rule_id for f in out.new],
                        }
                    )
    return {
        "path": str(path),
        "cells": len(cells),
        "seconds": round(time.perf_counter() - t0, 1),
        "counts": {f"{g}/{k}": dict(c) for (g, k), c in sorted(counts.items())},
        "untouched": dict(untouched),
        "misses": misses,
        "source": {"/".join(k): n for k, n in sorted(source.items())},
    }


def rate(c: dict) -> str:
    done = sum(n for s, n in c.items() if s != "not run")
    if not done:
        return f"{'—':>13}" if not c else f"{'(' + str(c.get('not run', 0)) + ' not run)':>13}"
    ok = c.get("new", 0) + c.get("already", 0)
    return f"{ok:>5}/{done:<5} {100 * ok / done:3.0f}%"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--corpus", type=int, default=0, help="add N corpus PDFs spread over the MANIFEST")
    ap.add_argument("--source", action="store_true", help="also mutate the text examples' source text")
    ap.add_argument("--untouched", action="store_true", help="also check untouched cells (all rules)")
    ap.add_argument("--all-swaps", action="store_true", help="every transposable digit pair, not only the last")
    ap.add_argument("--json", type=Path, help="write the per-document results here")
    args = ap.parse_args()
    paths = args.paths or [*EXAMPLES, *PDF_FIXTURES]
    if args.corpus:
        entries = [e.path for e in corpus_entries() if not e.narrative_only and e.path.is_file()]
        step = max(1, len(entries) // args.corpus)
        paths += entries[::step][: args.corpus]
    paths = list({p.name: p for p in reversed(paths)}.values())[::-1]  # a fixture is also in the corpus
    rules = load_rules()
    results = []
    header = f"{'document':48} {'cells':>5}  " + "  ".join(f"{g + '/' + k:>22}" for g in GROUPS[:3] for k in KINDS)
    print(header)
    total: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for path in paths:
        r = run_document(path, rules, args)
        results.append(r)
        for key, c in r["counts"].items():
            total[key].update(c)
        cols = "  ".join(f"{rate(r['counts'].get(f'{g}/{k}', {})):>22}" for g in GROUPS[:3] for k in KINDS)
        print(f"{path.name[:48]:48} {r['cells']:>5}  {cols}  ({r['seconds']}s)")
        if r["untouched"]:
            print(f"{'':48}        untouched: " + ", ".join(f"{w} ×{n}" for w, n in sorted(r["untouched"].items())))
        if r["source"]:
            print(f"{'':48}        source text: " + ", ".join(f"{k} ×{n}" for k, n in r["source"].items()))
    print()
    for g in GROUPS:
        for k in KINDS:
            c = total.get(f"{g}/{k}")
            if c:
                print(f"total {g:9} {k:9} {rate(dict(c))}   {dict(c)}")
    misses = [m | {"path": Path(r["path"]).name} for r in results for m in r["misses"]]
    if misses:
        print("\nmisses (must: should be caught; rounding: within rounding; source: source-text mutation):")
        for m in misses:
            print(
                f"  [{m['group']}] {m['path']} {m['kind']}: {m['cell']} -> {m['new']!r}  "
                f"delta {m.get('delta_wan', '?')} 万元, allowance {m.get('allowance', '?')}, "
                f"rules {m.get('rules', '')}, new elsewhere {m['new_findings_elsewhere']}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
