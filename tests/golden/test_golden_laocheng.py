"""Golden cells of examples/2024-laocheng-zwfw-budget.txt (洛阳市老城区政务服务和大数据管理局, 2024 预算).

Every value below was read off the example file by hand (line number = the
line printing it). Notable: line 239 (支出表) lost its empty 工资福利 cell; the
same row in the 一般公共预算支出表 (line 303) shows 5.17 is 对个人和家庭的补助
and 0.33 商品和服务支出, and only that placement makes the columns add up to the
合计 row (工资福利 1721.29 = 1669.90 + 18.64 + 16.64 + 16.11).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.model import Document, Fact
from tests.golden.harness import assert_golden_cell, parsed_example

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-laocheng-zwfw-budget.txt"

GOLDEN = [
    # 2024 年部门收支预算表 (line 165)
    ("income_expense_summary[in.gpb].amount", "2301.43", 175),
    ("income_expense_summary[in.gpb_fiscal].amount", "2301.43", 176),
    ("income_expense_summary[201].amount", "2240.25", 175),
    ("income_expense_summary[208].amount", "28.43", 182),
    ("income_expense_summary[210].amount", "16.64", 184),
    ("income_expense_summary[221].amount", "16.11", 194),
    ("income_expense_summary[in.current_total].amount", "2301.43", 205),
    ("income_expense_summary[out.current_total].amount", "2301.43", 205),
    ("income_expense_summary[out.carryover].amount", "0.00", 206),
    ("income_expense_summary[in.grand_total].amount", "2301.43", 207),
    ("income_expense_summary[out.grand_total].amount", "2301.43", 207),
    # 2024 年部门收入预算表 (line 209)
    ("income[total].total", "2301.43", 222),
    ("income[total].current.total", "2301.43", 222),
    ("income[total].current.gpb", "2301.43", 222),
    ("income[total].current.gpb.fiscal", "2301.43", 222),
    ("income[unit:045].total", "2301.43", 223),
    ("income[unit:045001].current.gpb", "2301.43", 224),
    # 2024 年部门支出预算表 (line 226)
    ("expense[total].total", "2301.43", 235),
    ("expense[total].basic", "1743.43", 235),
    ("expense[total].basic.personnel.wages", "1721.29", 235),
    ("expense[total].basic.personnel.family", "9.46", 235),
    ("expense[total].basic.public.goods", "12.68", 235),
    ("expense[total].project", "558.00", 235),
    ("expense[total].project.operating", "558.00", 235),
    ("expense[unit:045].basic", "1743.43", 236),
    ("expense[2010301].total", "1682.25", 237),
    ("expense[2010301].basic.personnel.wages", "1669.90", 237),
    ("expense[2010301].basic.public.goods", "12.35", 237),
    ("expense[2010302].project.operating", "558.00", 238),
    ("expense[2080501].total", "5.50", 239),
    ("expense[2080501].basic.personnel.family", "5.17", 239),
    ("expense[2080501].basic.public.goods", "0.33", 239),
    ("expense[2080502].basic.personnel.family", "4.29", 240),
    ("expense[2080505].basic.personnel.wages", "18.64", 241),
    ("expense[2101101].total", "16.64", 242),
    ("expense[2210201].basic.personnel.wages", "16.11", 243),
    # 2024 年财政拨款收支预算表 (line 245)
    ("fiscal_summary[in.current_total].amount", "2301.43", 254),
    ("fiscal_summary[out.current_total].total", "2301.43", 254),
    ("fiscal_summary[in.gpb].amount", "2301.43", 255),
    ("fiscal_summary[201].gpb.fiscal", "2240.25", 255),
    ("fiscal_summary[in.gpb_fiscal].amount", "2301.43", 256),
    ("fiscal_summary[208].total", "28.43", 262),
    ("fiscal_summary[210].gpb", "16.64", 264),
    ("fiscal_summary[221].total", "16.11", 275),
    ("fiscal_summary[in.grand_total].amount", "2301.43", 287),
    ("fiscal_summary[out.grand_total].gpb", "2301.43", 287),
    # 2024 年一般公共预算支出预算表 (line 289)
    ("gpb_expense[total].basic.personnel.wages", "1721.29", 299),
    ("gpb_expense[2010301].total", "1682.25", 301),
    ("gpb_expense[2080501].basic.personnel.family", "5.17", 303),
    ("gpb_expense[2080501].basic.public.goods", "0.33", 303),
    ("gpb_expense[2080502].basic.personnel.family", "4.29", 304),
    # 2024 年一般公共预算基本支出预算表 (line 309)
    ("gpb_basic[total].total", "1743.43", 317),
    ("gpb_basic[total].personnel", "1730.75", 317),
    ("gpb_basic[total].public", "12.68", 317),
    ("gpb_basic[30103].personnel", "1513.40", 318),  # the 1500 元 typed as 1500 万元 (narrative line 69)
    ("gpb_basic[30103#2].total", "24.15", 319),  # second 奖金 line, printed without its code
    ("gpb_basic[30231].public", "1.50", 327),
    ("gpb_basic[30302#2].personnel", "3.58", 333),
    ("gpb_basic[30113].total", "16.11", 337),
    # 2024 年支出经济分类汇总表 (line 339)
    ("economic_summary[total].total", "2301.43", 348),
    ("economic_summary[30103].total", "1537.55", 350),
    ("economic_summary[30231].gpb", "1.50", 357),  # label wraps onto line 359 (费 / 行维护费)
    ("economic_summary[30201#2].total", "7.00", 365),
    ("economic_summary[31002].total", "519.00", 369),
    ("economic_summary[30302].gpb.fiscal", "9.46", 370),
    # 2024 年一般公共预算“三公”经费预算表 (line 375)
    ("three_public[total].total", "11.50", 383),
    ("three_public[total].vehicle", "11.50", 383),
    ("three_public[total].vehicle.operation", "11.50", 383),
    # 2024 年项目支出预算表 (line 417)
    ("projects[total].total", "558.00", 425),
    ("projects[unit:045].total", "558.00", 426),
    ("projects[p1].total", "10.00", 427),
    ("projects[p2].gpb", "20.00", 428),
    ("projects[p4].gpb", "513.00", 430),
    # 本级部门预算项目绩效目标汇总表 (line 485): amount columns only; projects in its own order
    ("project_performance[unit:045].total", "558.00", 495),
    ("project_performance[unit:045001].gov_budget", "558.00", 496),
    ("project_performance[p1].total", "20.00", 497),
    ("project_performance[p2].total", "10.00", 501),
    ("project_performance[p3].gov_budget", "15.00", 508),
    ("project_performance[p4].total", "513.00", 518),
    # 部门（单位）整体绩效目标表 (line 432), its 预算情况 block
    ("dept_performance[total].total", "2301.43", 445),
    ("dept_performance[total].gov_budget", "2301.43", 447),
    ("dept_performance[total].basic", "1743.43", 451),
    ("dept_performance[total].project", "558.00", 452),
]

ABSENT = [  # printed blank: no fact
    "three_public[total].abroad",
    "three_public[total].reception",
    "expense[total].basic.public.capital",
    "expense[2080501].basic.personnel.wages",
    "income_expense_summary[in.carryover].amount",
]


def parsed() -> tuple[Document, dict[str, Fact]]:
    return parsed_example(EXAMPLE.name)


@pytest.mark.parametrize(("address", "expected", "line"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_cell(address: str, expected: str, line: int) -> None:
    assert_golden_cell(parsed()[1], address, expected, line)


@pytest.mark.parametrize("address", ABSENT)
def test_blank_cells_give_no_fact(address: str) -> None:
    assert address not in parsed()[1], f"{address}: printed blank but a fact was made"


def test_golden_count() -> None:
    assert len(GOLDEN) >= 40


def test_document_metadata_and_tables() -> None:
    doc = parsed()[0]
    assert doc.department == "洛阳市老城区政务服务和大数据管理局"
    assert doc.year == 2024 and doc.kind is not None and doc.kind.value == "budget"
    assert [r.key for r in doc.tables_of("projects")[0].rows] == ["total", "unit:045", "p1", "p2", "p3", "p4"]
    assert doc.tables_of("projects")[0].row("p4").label == "信息创新项目"
    assert doc.tables_of("gov_fund")[0].empty and doc.tables_of("soe_capital")[0].empty
    assert all(t.unit_stated for t in doc.tables if t.kind not in ("dept_performance",))


def test_performance_indicators_are_not_facts() -> None:
    # line 497 prints 运维成本 | ≤20万元 | 带宽条数 | ≥5条 …: targets in words, not amounts
    perf = [f for f in parsed()[1].values() if f.table_kind == "project_performance"]
    assert perf and {f.column for f in perf} <= {"total", "gov_budget", "special_account", "unit_funds"}
    table = parsed()[0].tables_of("project_performance")[0]
    assert [r.key for r in table.rows] == ["unit:045", "unit:045001", "p1", "p2", "p3", "p4"]
    # line 501 + 503: the name wraps onto the next printed line
    assert table.row("p2").label == "大数据局、政务服务中心、网民诉求及12345专项经费"


def test_notes_under_the_empty_tables() -> None:
    doc = parsed()[0]
    assert doc.tables_of("gov_fund")[0].notes == [
        "备注：区政务服务和大数据管理局 2024 年无政府性基金预算拨款安排的支出，故此表无数据。"
    ]  # line 399
    assert doc.tables_of("soe_capital")[0].notes == [
        "备注：区政务服务和大数据管理局 2024 年无国有资本经营预算拨款安排的支出，故此表无数据。"
    ]  # line 415


def test_captions_name_the_department() -> None:
    doc = parsed()[0]
    # lines 211-213 print 部门 / 名 洛阳市… / 称：
    assert doc.tables_of("income")[0].caption == ["部门名称：洛阳市老城区政务服务和大数据管理局", "单位：万元"]
    assert doc.tables_of("projects")[0].caption == ["部门名称： 洛阳市老城区政务服务和大数据管理局", "单位： 万元"]
