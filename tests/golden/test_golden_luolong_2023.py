"""Golden cells of examples/2023-luolong-zfb-budget.txt (洛阳市洛龙区人民政府办公室, 2023 预算).

Values read off the example file by hand. The export carries ``<p>`` HTML in
performance-table cells and wrapped cell text (``其他运转 类``, ``委托业务 费``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.model import Document, Fact
from tests.golden.harness import assert_golden_cell, parsed_example

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2023-luolong-zfb-budget.txt"

GOLDEN = [
    # 2023 年部门收支预算表 (line 181)
    ("income_expense_summary[in.gpb].amount", "1446.69", 189),
    ("income_expense_summary[201].amount", "1156.60", 189),
    ("income_expense_summary[208].amount", "192.82", 196),
    ("income_expense_summary[210].amount", "51.96", 198),
    ("income_expense_summary[221].amount", "45.31", 208),
    ("income_expense_summary[in.current_total].amount", "1446.69", 219),
    ("income_expense_summary[in.grand_total].amount", "1446.69", 221),
    # 2023 年部门收入预算表 (line 223)
    ("income[total].current.gpb.fiscal", "1446.69", 232),
    ("income[unit:110].total", "1446.69", 233),
    # 2023 年部门支出预算表 (line 236)
    ("expense[total].total", "1446.69", 245),
    ("expense[total].basic", "933.09", 245),
    ("expense[total].basic.personnel.wages", "709.71", 245),
    ("expense[total].basic.personnel.family", "143.00", 245),
    ("expense[total].basic.public.goods", "80.38", 245),
    ("expense[total].project", "513.60", 245),
    ("expense[unit:110].project.operating", "513.60", 246),
    ("expense[2010301].total", "635.30", 247),
    ("expense[2010301].basic.personnel.wages", "559.11", 247),
    ("expense[2010301].basic.personnel.family", "7.80", 247),
    ("expense[2010301].basic.public.goods", "68.39", 247),
    ("expense[2010302].project.operating", "513.60", 248),
    ("expense[2012906].basic.public.goods", "7.70", 249),
    ("expense[2080501].basic.personnel.family", "135.20", 250),
    ("expense[2080501].basic.public.goods", "4.29", 250),
    ("expense[2080505].basic.personnel.wages", "53.33", 251),
    # 2023 年财政拨款收支预算表 (line 255)
    ("fiscal_summary[201].total", "1156.60", 265),
    ("fiscal_summary[208].gpb", "192.82", 272),
    ("fiscal_summary[in.grand_total].amount", "1446.69", 297),
    # 2023 年一般公共预算支出预算表 (line 299)
    ("gpb_expense[2012906].basic.public.goods", "7.70", 312),
    ("gpb_expense[2080501].basic.personnel.family", "135.20", 313),
    # 2023 年一般公共预算基本支出预算表 (line 318)
    ("gpb_basic[total].total", "933.09", 326),
    ("gpb_basic[total].personnel", "852.71", 326),
    ("gpb_basic[total].public", "80.38", 326),
    ("gpb_basic[30107#2].personnel", "18.35", 329),
    ("gpb_basic[30103#2].total", "82.18", 332),
    ("gpb_basic[30305].personnel", "7.80", 333),
    ("gpb_basic[30231].public", "4.50", 339),
    ("gpb_basic[30302#2].personnel", "24.07", 346),
    # 2023 年支出经济分类汇总表 (line 352)
    ("economic_summary[30103].total", "135.08", 365),
    ("economic_summary[30217].total", "5.00", 378),
    ("economic_summary[30226].gpb", "152.30", 380),
    ("economic_summary[30227].total", "200.00", 383),
    ("economic_summary[30108].gpb.fiscal", "53.33", 387),
    # 2023 年一般公共预算“三公”经费预算表 (line 391)
    ("three_public[total].total", "9.50", 399),
    ("three_public[total].vehicle", "4.50", 399),
    ("three_public[total].vehicle.operation", "4.50", 399),
    ("three_public[total].reception", "5.00", 399),
    # 2023 年项目支出预算表 (line 429)
    ("projects[total].total", "513.60", 437),
    ("projects[p1].total", "5.00", 439),
    ("projects[p4].total", "110.25", 442),
    ("projects[p7].total", "200.00", 446),
    ("projects[p11].total", "30.00", 450),
    # 2023 年度区级部门预算项目绩效目标表 (line 500): a blank-led 合计 row, then 110001
    ("project_performance[total].total", "513.60", 507),
    ("project_performance[unit:110001].total", "513.60", 508),
    ("project_performance[p1].total", "30.00", 509),
    ("project_performance[p2].gov_budget", "0.24", 512),
    ("project_performance[p11].total", "200.00", 546),
    # 区级部门(单位)整体绩效目标表 (line 452), its 预算情况 block
    ("dept_performance[total].total", "1446.69", 465),
    ("dept_performance[total].basic", "933.09", 469),
    ("dept_performance[total].project", "513.60", 470),
]


def parsed() -> tuple[Document, dict[str, Fact]]:
    return parsed_example(EXAMPLE.name)


@pytest.mark.parametrize(("address", "expected", "line"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_cell(address: str, expected: str, line: int) -> None:
    assert_golden_cell(parsed()[1], address, expected, line)


def test_golden_count() -> None:
    assert len(GOLDEN) >= 40


def test_wrapped_cell_text_is_joined() -> None:
    doc = parsed()[0]
    assert doc.tables_of("economic_summary")[0].row("30227").label == "委托业务费"
    projects = doc.tables_of("projects")[0]
    assert projects.row("p4").label == "洛龙交巡大队保通人员经费（2023年）"
    assert len([r for r in projects.rows if r.kind == "project"]) == 11


def test_document_metadata() -> None:
    doc = parsed()[0]
    assert doc.title == "洛阳市洛龙区人民政府办公室2023 年度部门预算"
    assert doc.department == "洛阳市洛龙区人民政府办公室"
    assert doc.year == 2023 and doc.kind is not None and doc.kind.value == "budget"


def test_eleven_projects_in_the_performance_table() -> None:
    table = parsed()[0].tables_of("project_performance")[0]
    assert len([r for r in table.rows if r.kind == "project"]) == 11  # lines 509 … 546
    assert table.row("p1").label == "区政府值班经费（2023 年）"
