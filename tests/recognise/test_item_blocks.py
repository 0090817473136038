"""The 决算's 一般公共预算财政拨款基本支出决算表 printed as three (科目代码, 科目名称, 决算数) blocks
side by side, as the grid of a PDF gives it: each block's items are rows of one list, keyed by
their codes, and the totals printed across blocks keep their amounts. Figures as printed in
中央 国家信访局 2024 决算 (city_crawl_renwu/central_2024_guojiaxinfangju_js.pdf, p.12), whose
grid was read as one row holding 30101 and 30201 at once before.
"""

from __future__ import annotations

from budgetlint.recognise import recognise_table
from budgetlint.recognise.item_blocks import unstacked
from tests.samples import ruled_grid

HEADER = [
    ["人员经费", "^", "^", "公用经费", "^", "^", "^", "^", "^"],
    ["科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数"],
]
BODY = [
    ["301", "工资福利支出", "6,982.75", "302", "商品和服务支出", "2,239.41", "307", "债务利息及费用支出", ""],
    ["30101", "基本工资", "1,857.40", "30201", "办公费", "83.92", "30701", "国内债务付息", ""],
    ["30102", "津贴补贴", "2,603.59", "30202", "印刷费", "16.90", "310", "资本性支出", "27.24"],
    ["", "", "", "30299", "其他商品和服务支出", "484.52", "", "", ""],
    ["人员经费合计", "^", "7,967.72", "公用经费合计", "^", "^", "^", "^", "2,266.65"],
]


def _grid():
    return ruled_grid("一般公共预算财政拨款基本支出决算表", HEADER + BODY, ["公开06表", "单位：万元"])


def test_each_block_is_a_row_of_one_list():
    rows = [[c.text for c in r] for r in unstacked(_grid()).rows]
    assert rows[2:6] == [
        ["301", "工资福利支出", "6,982.75"],
        ["302", "商品和服务支出", "2,239.41"],
        ["307", "债务利息及费用支出", ""],
        ["30101", "基本工资", "1,857.40"],
    ]
    assert rows[-2:] == [["人员经费合计", "", "7,967.72"], ["公用经费合计", "", "2,266.65"]]


def test_the_list_is_recognised_by_code():
    table = recognise_table(_grid(), "t1", [])
    assert [c.key for c in table.columns] == ["amount"]
    values = {r.key: str(r.cells[0].value) for r in table.rows if r.cells and r.cells[0].state == "value"}
    assert values["30201"] == "83.92" and values["310"] == "27.24" and values["30299"] == "484.52"
    assert values["total.personnel"] == "7967.72" and values["total.public"] == "2266.65"


def test_a_two_sided_summary_is_no_item_list():
    rows = [["项目", "金额", "项目", "金额"], ["一、一般公共预算拨款收入", "349.76", "一、一般公共服务支出", "318.99"]]
    grid = ruled_grid("收入支出决算总表", rows, [])
    assert unstacked(grid) is grid
