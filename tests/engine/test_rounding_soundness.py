"""End to end: a table whose exact values satisfy every identity, printed rounded to 0.01, never yields a finding."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example

RULES = load_rules(select=["BL101", "BL102", "BL106", "BL110", "BL301", "BL303", "BL320"])
CODES = ["2010301", "2010302", "2010350", "2080501", "2080505", "2101101", "2210201"]
LEAVES = [
    "basic.personnel.wages",
    "basic.personnel.family",
    "basic.public.goods",
    "basic.public.capital",
    "project.operating",
    "project.specific",
]

money = st.decimals(min_value=0, max_value=5000, places=4, allow_nan=False, allow_infinity=False)


def printed(v: Decimal) -> str:
    return str(v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def row_values(leaves: dict[str, Decimal]) -> dict[str, Decimal]:
    out = dict(leaves)
    out["basic"] = sum((leaves[c] for c in LEAVES[:4]), Decimal(0))
    out["project"] = leaves["project.operating"] + leaves["project.specific"]
    out["total"] = out["basic"] + out["project"]
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[money] * len(LEAVES)), min_size=1, max_size=len(CODES)))
def test_correctly_rounded_tables_never_fail(rows):
    exact: dict[str, dict[str, Decimal]] = {}
    for code, vals in zip(CODES, rows):
        exact[code] = row_values(dict(zip(LEAVES, vals)))
    # the 类/款 rows and 合计 are exact sums of the 项 rows, printed rounded
    for parent in sorted({c[:3] for c in exact} | {c[:5] for c in exact}):
        kids = [v for c, v in exact.items() if len(c) == 7 and c.startswith(parent)]
        exact[parent] = {k: sum((v[k] for v in kids), Decimal(0)) for k in kids[0]}
    leaves = [v for c, v in exact.items() if len(c) == 7]
    total = {k: sum((v[k] for v in leaves), Decimal(0)) for k in leaves[0]}
    facts: dict[str, str] = {}
    for table in ("expense", "gpb_expense"):
        for k, v in total.items():
            facts[f"{table}[total].{k}"] = printed(v)
        for code in sorted(exact):  # 201, 20103, 2010301, … in printed order
            for k, v in exact[code].items():
                facts[f"{table}[{code}].{k}"] = printed(v)
    facts["income_expense_summary[out.current_total].amount"] = printed(total["total"])
    facts["economic_summary[total].total"] = printed(total["total"])
    report = check_document(build_document(Example(expect="pass", facts=facts)), RULES)
    assert report.findings == [], [f.message for f in report.findings]
    # the rules really ran (a rule that did not run would pass vacuously)
    assert not [n for n in report.not_evaluated if n.rule_id in ("BL101", "BL102", "BL110", "BL301")]
