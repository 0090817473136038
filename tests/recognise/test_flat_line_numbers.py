"""Headers flattened into one row (a review re-printing the examples as PDF, 2026-12-01).

A two-sided summary whose header is flattened into one row names each side's 行次 column
"收入行次" / "支出行次" (收入项目 | 收入行次 | 收入金额 | 支出项目 | 支出行次 | 支出金额): those columns
number the lines and are not amounts. Read as amounts they made every line's value its line
number (一般公共预算财政拨款收入 "1", 总计 "31") and raised 35 false errors across the 决算 tables
(a review of the 西工区 决算 re-printed as PDF, 2026-12-01). Figures: examples/2023-xigong-zwfw-final.txt,
公开01 收入支出决算总表.
"""

from __future__ import annotations

import pytest

from budgetlint.recognise import recognise_table
from tests.samples import ruled_grid

ROWS = [
    ["一、一般公共预算财政拨款收入", "1", "349.76", "一、一般公共服务支出", "32", "318.99"],
    ["二、政府性基金预算财政拨款收入", "2", "100.00", "八、社会保障和就业支出", "39", "13.21"],
    ["", "9", "", "九、卫生健康支出", "40", "7.78"],
    ["", "19", "", "十九、住房保障支出", "50", "9.79"],
    ["", "23", "", "二十三、其他支出", "54", "100.00"],
    ["本年收入合计", "27", "449.76", "本年支出合计", "58", "449.76"],
    ["年初结转和结余", "29", "0", "年末结转和结余", "60", "0"],
    ["总计", "31", "449.76", "总计", "62", "449.76"],
]


def _summary(header: list[str]):
    grid = ruled_grid(
        "收入支出决算总表",
        [header, ["栏次", "", "1", "栏次", "", "2"], *ROWS],
        ["公开 01 表", "部门名称：洛阳市西工区政务服务和大数据管理局 2023 年度 单位：万元"],
    )
    return recognise_table(grid, "t1", [])


@pytest.mark.parametrize(
    "header",
    [
        ["收入项目", "收入行次", "收入金额", "支出项目", "支出行次", "支出金额"],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
    ],
)
def test_each_sides_line_numbers_are_not_its_amounts(header):
    table = _summary(header)
    values = {r.key: str(c.value) for r in table.rows for c in r.cells if c.state == "value"}
    assert values["in.grand_total"] == "449.76"
    assert values["out.grand_total"] == "449.76"
    assert "1" not in values.values() and "31" not in values.values()


def test_a_flattened_income_header_names_this_years_total():
    # examples/2024-laocheng-zwfw-budget.txt's 部门收入预算表 (lines 219–222) with its two header
    # rows flattened into one: "本年收入合计" is this year's total, not a second 总计
    header = ["部门（单位）代码", "部门（单位）名称", "总计", "本年收入合计", "一般公共预算小计", "其中：财政拨款"]
    grid = ruled_grid(
        "2024 年部门收入预算表",
        [header, ["", "合计", "2301.43", "2301.43", "2301.43", "2301.43"]],
        ["部门名称：洛阳市老城区政务服务和大数据管理局", "单位：万元"],
    )
    table = recognise_table(grid, "t1", [])
    assert [c.key for c in table.columns][:3] == ["total", "current.total", "current.gpb"]


def test_a_flattened_two_band_header_keeps_the_budget_band_apart():
    # 中央 国家信访局 2024 决算 p.15, 一般公共预算财政拨款“三公”经费支出决算表, as printed: 预算数
    # 76.43 = 30.00 + 40.63 + 5.80, 决算数 46.21 = 4.69 + 40.61 + 0.90; here with its two header
    # rows flattened into one, the band named in the first cells only ("预算数合计" …): the
    # 公务用车 columns of the budget band say nothing of it, and were read as the 决算数
    vehicle = [
        "公务用车购置及运行维护费小计",
        "公务用车购置及运行维护费公务用车购置费",
        "公务用车购置及运行维护费公务用车运行维护费",
    ]
    header = ["预算数合计", "预算数因公出国（境）费", *vehicle, "预算数公务接待费"]
    header += ["决算数合计", "决算数因公出国（境）费", *vehicle, "决算数公务接待费"]
    values = ["76.43", "30.00", "40.63", "", "40.63", "5.80", "46.21", "4.69", "40.61", "", "40.61", "0.90"]
    grid = ruled_grid("一般公共预算财政拨款“三公”经费支出决算表", [header, values], ["公开09表", "单位：万元"])
    table = recognise_table(grid, "t1", [])
    row = table.rows[0]
    printed = {c.column: c.raw for c in row.cells}
    assert printed["budget.vehicle.operation"] == "40.63" and printed["vehicle.operation"] == "40.61"
    assert printed["budget.total"] == "76.43" and printed["total"] == "46.21"
