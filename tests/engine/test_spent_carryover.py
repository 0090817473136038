"""A summary whose 本年支出合计 spends the 上年结转 covers carried-over money on its expense side.

收入: 本年收入合计 1951.80 + 上年结转 60.00 = 收入总计 2011.80; 支出: 本年支出合计 2011.80 (no
年终结转结余 left): this year's spending includes the 60.00. A 一般公共预算支出表 titled
（不含上年结转） printing 1796.30 of this year's money is then another scope than the summary's
一般公共预算 本年支出 1856.30 = 1796.30 + 60.00, and is not compared (BL307 cried 相差 60.00). A
summary that leaves the carry-over unspent keeps 本年支出合计 as this year's money, and the
comparison stands. Figures: a 部门预算 built for the review of 2026-12-01, sums done by hand.
"""

from __future__ import annotations

from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example
from budgetlint.recognise.scope import document_scopes

RULES = {r.id: r for r in load_rules(select=["BL304", "BL307"])}
NOT_CARRIED = {"kind": "gpb_expense", "title": "一般公共预算支出预算表（不含上年结转）"}


def _report(rule: str, facts: dict, tables: list):
    doc = build_document(Example(expect="pass", facts=facts, doc={"tables": tables}))
    document_scopes(doc)  # the scopes a table's arithmetic shows, as recognition sets them
    return check_document(doc, [RULES[rule]])


def _fiscal(spent_total: str, gpb: str) -> dict:
    return {
        "fiscal_summary[in.current_total].amount": "1951.80",
        "fiscal_summary[in.carryover].amount": "60.00",
        "fiscal_summary[in.grand_total].amount": "2011.80",
        "fiscal_summary[out.current_total].total": spent_total,
        "fiscal_summary[out.current_total].gpb": gpb,
        "gpb_expense[total].total": "1796.30",
    }


def test_a_summary_spending_its_carryover_is_not_compared_with_this_years_table():
    report = _report("BL307", _fiscal("2011.80", "1856.30"), [NOT_CARRIED])
    assert report.findings == []
    assert [n.status for n in report.not_evaluated if n.rule_id == "BL307"] == ["not_applicable"]


def test_a_summary_leaving_its_carryover_unspent_is_compared():
    assert _report("BL307", _fiscal("1951.80", "1796.30"), [NOT_CARRIED]).findings == []
    (f,) = _report("BL307", _fiscal("1951.80", "1790.30"), [NOT_CARRIED]).findings
    assert "1796.30" in f.message


def test_an_income_table_of_this_years_money_is_not_compared_with_the_grand_total():
    # 收入表 with no 上年结转 column: its 合计 2006.80 is 本年收入合计, not 收入总计 2066.80
    summary = {
        "income_expense_summary[in.current_total].amount": "2006.80",
        "income_expense_summary[in.grand_total].amount": "2066.80",
    }
    report = _report(
        "BL304", {**summary, "income[total].total": "2006.80"}, [{"kind": "income", "title": "收入预算表"}]
    )
    assert report.findings == []
    # a 收入表 whose 合计 is the 收入总计 is compared (and a misprint found)
    assert _report("BL304", {**summary, "income[total].total": "2066.80"}, []).findings == []
    assert len(_report("BL304", {**summary, "income[total].total": "2056.80"}, []).findings) == 1


def test_the_summary_kinds_are_the_two_sided_tables():
    from budgetlint.recognise.vocab import kind_rules
    from budgetlint.scope import scope_vocab

    two_sided = {r.kind for r in kind_rules() if r.layout == "two_sided"}
    assert set(scope_vocab()["summary_kinds"]) == two_sided and two_sided
