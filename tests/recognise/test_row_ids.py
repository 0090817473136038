"""A system's 内部编号 column among whole-number amounts. examples/2024-laocheng-zwfw-budget.txt's
项目支出预算表 (lines 423–430: 合计 558 = 10 + 20 + 15 + 513) saved as a spreadsheet whose
amounts are whole numbers (558, shown 558.00 by the cell format) beside an ID column: the 合计
row, the only sign that the data starts there, was taken for a header row because of its ID,
and the table read with no rows at all (BL520 "列出 0 个", BL804: false findings).
"""

from __future__ import annotations

from budgetlint.recognise import recognise_table
from tests.samples import ruled_grid

UNIT = "洛阳市老城区政务服务和大数据管理局"
ROWS = [
    ["类型", "项目名称", "项目单位", "内部编号", "合计", "本年拨款", "^", "^"],
    ["", "", "", "", "", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ["", "合计", "", "ID100000", "558", "558", "", ""],
    ["", "045", UNIT, "ID100001", "558", "558", "", ""],
    ["其他运转类", "大数据局、政务服务中心、网民诉求及12345专项经费", UNIT, "ID100002", "10", "10", "", ""],
    ["其他运转类", "合署办公楼网络及政务服务网络运行、维护、安全防护费", UNIT, "ID100003", "20", "20", "", ""],
    ["其他运转类", "政务服务大厅标准化建设及自助设备维护费", UNIT, "ID100004", "15", "15", "", ""],
    ["其他运转类", "信息创新项目", UNIT, "ID100005", "513", "513", "", ""],
]


def test_the_total_row_with_an_id_starts_the_data():
    table = recognise_table(ruled_grid("2024 年项目支出预算表", ROWS, ["单位：万元"]), "t1", [])
    projects = [r for r in table.rows if r.kind == "project"]
    assert [str(r.cell("total").value) for r in projects] == ["10", "20", "15", "513"]
    total = table.row("total")
    assert total is not None and str(total.cell("total").value) == "558"


def test_a_header_cell_with_a_year_is_no_id():
    from budgetlint.recognise.grid import _is_total_row

    header = ruled_grid("x", [["科目", "合计", "2024年预算数", "上年预算数"]], []).rows[0]
    assert not _is_total_row(header)
