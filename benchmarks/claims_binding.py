"""Narrative claim binding per region of the shared corpus.

For every document of the corpus (files grouped as ``budgetlint check`` groups
them: a narrative published apart from its tables is read with them; region
from the MANIFEST's ``region`` column):
the narrative amount / share / change (growth) / execution claims found, how
many are bound to a table fact, and the commonest reasons the rest are not
(the same reasons ``budgetlint parse --format claims`` prints). Claims that
restate no table figure by design are left out (figures inside a sentence
admitting an error, 决算 年初预算 bases, a budget's figures of the year before,
subjects no table carries or that only some regions' tables print and this set does not,
the amounts of a "主要用于 …" list of uses that names no subject).
Never asserts (run: PYTHONPATH=. python benchmarks/claims_binding.py [--json OUT]).
"""

from __future__ import annotations

import collections
import json
import re
import sys

from budgetlint.claims.bind import states_table_figure
from budgetlint.claims.render import bound_claims
from budgetlint.corpus import CORPUS_DIR, corpus_entries
from budgetlint.pipeline import discover, load_document

KINDS = ("amount", "share", "change", "execution")


def counted(claim) -> bool:
    """A claim that should restate a table figure (see the module docstring)."""
    return states_table_figure(claim)


def reason_key(reason: str | None) -> str:
    """Reasons without the subject's name and candidates, so they group."""
    r = re.sub(r"“[^”]*”", "“…”", reason or "原因不明")
    return re.sub(r"（候选：.*）|（[^）]*）", "", r)


def main(argv: list[str]) -> int:
    entries = corpus_entries()
    if not entries:
        print("corpus not found (../shared/corpus/real)")
        return 0
    docs = collections.Counter()
    found: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    bound: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    reasons: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    dump = []
    region_of = {e.path.resolve(): e.region for e in entries}
    for group in discover([CORPUS_DIR]):
        regions = [region_of[p.resolve()] for p in group if p.resolve() in region_of]
        if not regions:
            continue
        region, name = regions[0], group[0].name
        try:
            claims = bound_claims(load_document(group))
        except Exception as exc:  # noqa: BLE001 - a broken file must not stop the survey
            print(f"{name}: {exc}", file=sys.stderr)
            continue
        docs[region] += 1
        for bc in claims:
            if not counted(bc):
                continue
            c, binding = bc.claim, bc.binding
            found[region][c.kind] += 1
            if binding.bound_to:
                bound[region][c.kind] += 1
            else:
                reasons[region][reason_key(binding.unbound_reason)] += 1
            dump.append(
                {
                    "file": name,
                    "region": region,
                    "kind": c.kind,
                    "line": c.provenance.line,
                    "subject": binding.subject,
                    "bound": list(binding.bound_to[:1]),
                    "reason": binding.unbound_reason,
                    "span": c.span[:60],
                }
            )
    print(f"{'region':22} {'docs':>4} " + " ".join(f"{k:>12}" for k in KINDS) + f" {'all':>14}")
    grand_f = grand_b = 0
    for region in sorted(docs, key=lambda r: -sum(found[r].values())):
        cells = [f"{bound[region][k]:>4}/{found[region][k]:<4}" for k in KINDS]
        f, b = sum(found[region].values()), sum(bound[region].values())
        grand_f, grand_b = grand_f + f, grand_b + b
        share = f"{b * 100 / f:5.1f}%" if f else "    —"
        print(f"{region:22} {docs[region]:>4} " + " ".join(f"{c:>12}" for c in cells) + f" {b:>4}/{f:<4}{share}")
    print(f"\nall regions: {grand_b}/{grand_f} bound" + (f" ({grand_b * 100 / grand_f:.1f}%)" if grand_f else ""))
    print("\nTop reasons for unbound claims, per region:")
    for region in sorted(reasons, key=lambda r: -sum(reasons[r].values())):
        top = "; ".join(f"{n}× {r}" for r, n in reasons[region].most_common(4))
        print(f"  {region}: {top}")
    if "--json" in argv:
        with open(argv[argv.index("--json") + 1], "w", encoding="utf-8") as fh:
            json.dump(dump, fh, ensure_ascii=False, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
