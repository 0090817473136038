"""A finding on a table printed in 元 states the table's own figures in 元, as the clerk reads
them on the page, not their 万元 conversions ("相差 -1.00 万元" of a 23014300.00 元 total sent
readers looking for a 1.00 that is printed nowhere). A comparison between a 元 table and a 万元
table keeps 万元: no single printed unit serves both sides.

Figures: examples/2024-laocheng-zwfw-budget.txt's 三公经费预算表 (合计 11.50 万元 = 公务用车运行费
11.50, i.e. 115000.00 元), with the 合计 misprinted 12.50 万元 (125000.00 元); its 经济分类
30231 公务用车运行维护费 1.50 万元.
"""

from __future__ import annotations

from budgetlint.engine import load_rules
from budgetlint.engine.examples import run_example
from budgetlint.engine.rules import Example

RULES = {r.id: r for r in load_rules(select=["BL150", "BL401"])}


def _finding(rule: str, facts: dict[str, str], tables: list[dict]):
    (f,) = run_example(RULES[rule], Example(expect="fail", facts=facts, doc={"tables": tables})).findings
    return f


def _three_public(total: str, vehicle: str) -> dict[str, str]:
    return {
        "three_public[total].total": total,
        "three_public[total].abroad": "",
        "three_public[total].vehicle": vehicle,
        "three_public[total].vehicle.purchase": "",
        "three_public[total].vehicle.operation": vehicle,
        "three_public[total].reception": "",
    }


def test_a_yuan_table_is_reported_in_yuan():
    f = _finding("BL150", _three_public("125000.00", "115000.00"), [{"kind": "three_public", "unit": "元"}])
    assert "三公经费合计 125000.00" in f.message
    assert "= 115000.00" in f.message
    assert f.message.endswith("相差 10000.00 元")
    assert (f.actual_value, f.expected_value, f.difference_value, f.unit) == (125000, 115000, 10000, "元")


def test_a_wan_table_is_reported_in_wan():
    f = _finding("BL150", _three_public("12.50", "11.50"), [{"kind": "three_public", "unit": "万元"}])
    assert f.message.endswith("相差 1.00 万元")
    assert (f.actual_value, f.difference_value, f.unit) == (12.5, 1, "万元")


def test_tables_of_two_units_are_compared_in_wan():
    facts = {"three_public[total].vehicle.operation": "115000.00", "economic_summary[30231].gpb": "1.50"}
    tables = [{"kind": "three_public", "unit": "元"}, {"kind": "economic_summary", "unit": "万元"}]
    f = _finding("BL401", facts, tables)
    assert f.message.endswith("相差 10.00 万元")
    assert f.unit == "万元"


def test_the_english_message_names_the_printed_unit(monkeypatch):
    monkeypatch.setenv("BUDGETLINT_LANG", "en")
    f = _finding("BL150", _three_public("125000.00", "115000.00"), [{"kind": "three_public", "unit": "元"}])
    assert f.message.endswith("a difference of 10000.00 (yuan)")
    f = _finding("BL150", _three_public("12.50", "11.50"), [{"kind": "three_public", "unit": "万元"}])
    assert f.message.endswith("a difference of 1.00 (10,000 yuan)")
