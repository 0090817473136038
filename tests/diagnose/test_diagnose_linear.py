"""The diagnosis works in proportion to the table, not its square: a shifted row is tried for every
row a failing identity touches, and a 合计 = Σ rows identity touches every row. Each trial used to
walk every equation of the table (twice): a 10,000-row spreadsheet took ten minutes in BL190.
Counted, not timed: how many equations are walked, against how many the table has."""

from __future__ import annotations

from budgetlint.checker import load_rules
from budgetlint.diagnose import localise as localise_module
from budgetlint.diagnose import system as system_module
from budgetlint.engine import check_document
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example
from tests.walked import Walked

ROWS = 400


def test_a_failing_column_sum_over_many_rows_is_diagnosed_in_linear_work(monkeypatch):
    # the 合计 row first, as printed; its 合计 and 基本支出 are 7.00 more than the rows add up to
    facts = {
        "expense[total].total": f"{ROWS + 7}.50",
        "expense[total].basic": f"{ROWS + 7}.00",
        "expense[total].project": "0.50",
    }
    for k in range(ROWS):
        code = f"2{k // 100 + 1:02d}{k % 100 + 1:02d}01"  # 项 rows whose 类/款 are not printed
        paid = "0.50" if k == 0 else ""  # 项目支出 printed once; blank elsewhere: a row could be shifted
        facts[f"expense[{code}].total"] = "1.50" if paid else "1.00"
        facts[f"expense[{code}].basic"] = "1.00"
        facts[f"expense[{code}].project"] = paid
    built = []
    real = system_module._build

    def counting(table):
        system = real(table)
        if system is not None:
            system.equations = Walked(system.equations)
            built.append(len(system.equations))
        return system

    monkeypatch.setattr(system_module, "_build", counting)
    # past this many cells no single-cell answer is sought (a large table): rows are tried
    monkeypatch.setattr(localise_module, "MAX_VARIABLES", 10)
    monkeypatch.setattr(Walked, "walked", 0)
    doc = build_document(Example(expect="fail", facts=facts))
    rules = [r for r in load_rules() if r.id in ("BL110", "BL190", "BL191", "BL192")]
    report = check_document(doc, rules)
    assert "BL110" in {f.rule_id for f in report.findings}  # the sum fails: the diagnosis tried every row
    assert built and built[0] > ROWS
    assert Walked.walked < 20 * built[0]  # was a walk of every equation per row tried: 162,004 here
