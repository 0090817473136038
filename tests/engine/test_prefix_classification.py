"""Σ over an economic-code prefix is 0 only in a table that prints economic codes.

A 基本支出表 printed by functional subject (xian 2022 气象局 p.24, 按功能科目分) has no
301/302 rows because it is not broken down by economic class, not because they are 0.
"""

from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example


def _check(facts):
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}), path="/tmp/doc.txt")
    return check_document(doc, load_rules(select=["BL141"]))


def test_functional_rows_only_leave_the_economic_sum_unknown():
    report = _check(
        {
            "gpb_basic[total].total": "100.00",
            "gpb_basic[total].personnel": "80.00",
            "gpb_basic[total].public": "20.00",
            "gpb_basic[208].total": "100.00",
            "gpb_basic[208].personnel": "80.00",
            "gpb_basic[208].public": "20.00",
        }
    )
    assert not report.findings
    assert any(n.rule_id == "BL141" for n in report.not_evaluated)


def test_economic_rows_are_still_summed_and_a_gap_reported():
    report = _check(
        {
            "gpb_basic[total].total": "100.00",
            "gpb_basic[total].personnel": "80.00",
            "gpb_basic[total].public": "20.00",
            "gpb_basic[301].total": "70.00",
            "gpb_basic[302].total": "20.00",
        }
    )
    assert [f.rule_id for f in report.findings] == ["BL141"]  # 人员经费 80.00 vs Σ301+303 = 70.00
