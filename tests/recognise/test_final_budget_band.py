"""A 一般公共预算财政拨款支出决算表 printing a band of the year's budget before its 决算数 band
(年初预算数 合计/基本支出/项目支出 | 决算数 合计/基本支出/项目支出): the 决算数 band is the table's
total, basic and project columns, the budget band is read apart (BL718 compared the 年初预算 合计
309.68 with the 财政拨款收入支出决算总表's 355.76). Figures: the review of 2026-12-01's 西工区 variant,
年初预算 309.68 = 171.71 + 137.97, 决算 355.76 = 180.76 + 175.00.
"""

from __future__ import annotations

from budgetlint.pipeline import load_document

TABLE = (
    "## 一般公共预算财政拨款支出决算表\n\n部门名称：洛阳市西工区政务服务和大数据管理局\n\n2023年度\n\n单位：万元\n\n"
    "科目编码\t科目名称\t年初预算数\t\t\t决算数\t\t\n"
    "\t\t合计\t基本支出\t项目支出\t合计\t基本支出\t项目支出\n"
    "\t合计\t309.68\t171.71\t137.97\t355.76\t180.76\t175.00\n"
    "201\t一般公共服务支出\t282.00\t142.50\t139.50\t325.00\t150.00\t175.00\n"
    "208\t社会保障和就业支出\t11.89\t12.54\t-0.65\t13.21\t13.21\t0\n"
    "210\t卫生健康支出\t7.00\t7.39\t-0.39\t7.78\t7.78\t0\n"
    "221\t住房保障支出\t8.79\t9.28\t-0.49\t9.77\t9.77\t0\n"
)


def test_the_decided_band_is_the_tables_own_columns(tmp_path):
    path = tmp_path / "final.txt"
    path.write_text("2023年度部门决算\n\n" + TABLE, encoding="utf-8")
    (table,) = [t for t in load_document(path).tables if t.kind == "final_gpb_expense"]
    assert [c.key for c in table.columns][-6:] == [
        "budget.total",
        "budget.basic",
        "budget.project",
        "total",
        "basic",
        "project",
    ]
    total = table.row("total")
    assert total is not None and str(total.cell("total").value) == "355.76"
