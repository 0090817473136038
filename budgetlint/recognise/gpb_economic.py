"""一般公共预算支出 printed by economic classification, read as part of the 经济分类汇总表.

Regions that print no 支出经济分类汇总表 print the same amounts for 一般公共预算 alone (西安
"一般公共预算支出明细表（按支出经济分类科目）", 深圳 "一般公共预算支出表（按经济分类）"). The title
states the scope: every amount is 一般公共预算 money, so the table's 合计 is what the 汇总表 prints
in its 一般公共预算 column, and the rules comparing economic codes (30231 with the 三公 table, the
basic-expense codes) can use it. A table printing only 政府预算经济分类 codes (5xx) stays apart:
it says nothing about a department code such as 30231.
"""

from __future__ import annotations

from budgetlint.model import Table


def as_economic_summary(table: Table) -> None:
    """Re-file a recognised gpb_economic table as economic_summary (合计 → gpb), when it prints
    department economic codes."""
    if table.kind != "gpb_economic":
        return
    if not any(r.key and r.key[:1] == "3" for r in table.rows):
        table.kind_reason += "；只列政府预算经济分类科目，不作为经济分类汇总表使用"
        return
    table.kind = "economic_summary"
    table.kind_reason += "；标题限定为一般公共预算：其“合计”列即经济分类汇总表的“一般公共预算”列"
    for col in table.columns:
        if col.key == "total":
            col.key = "gpb"
    for row in table.rows:
        for cell in row.cells:
            if cell.column == "total":
                cell.column = "gpb"
                cell.provenance = cell.provenance.model_copy(update={"column": "gpb"})
