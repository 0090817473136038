"""Golden cells of examples/2025-luolong-zwfw-budget.txt (洛龙区政务服务中心, 2025 预算).

Values read off the example file by hand. The export is Markdown-ish
(``#`` headings, ``**bold**``, ``<sup>2</sup>``) and its expense headers
are misaligned by a column (line 242-244), so the standard layout applies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.model import Document, Fact
from tests.golden.harness import assert_golden_cell, parsed_example

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2025-luolong-zwfw-budget.txt"

GOLDEN = [
    # 2025 年部门收支预算表 (line 181)
    ("income_expense_summary[in.gpb].amount", "778.96", 189),
    ("income_expense_summary[201].amount", "717.88", 189),
    ("income_expense_summary[208].amount", "26.68", 196),
    ("income_expense_summary[210].amount", "17.55", 198),
    ("income_expense_summary[221].amount", "16.85", 208),
    ("income_expense_summary[in.current_total].amount", "778.96", 219),
    ("income_expense_summary[out.carryover].amount", "0.00", 220),
    ("income_expense_summary[out.grand_total].amount", "778.96", 221),
    # 2025 年部门收入预算表 (line 223)
    ("income[total].total", "778.96", 232),
    ("income[unit:605001].current.gpb.fiscal", "778.96", 234),
    # 2025 年部门支出预算表 (line 236)
    ("expense[total].total", "778.96", 245),
    ("expense[total].basic", "281.65", 245),
    ("expense[total].basic.personnel.wages", "260.79", 245),
    ("expense[total].basic.personnel.family", "6.02", 245),
    ("expense[total].basic.public.goods", "14.84", 245),
    ("expense[total].project", "497.31", 245),
    ("expense[total].project.operating", "497.31", 245),
    ("expense[2010350].total", "717.88", 247),
    ("expense[2010350].basic", "220.57", 247),
    ("expense[2010350].basic.personnel.wages", "205.95", 247),
    ("expense[2010350].basic.public.goods", "14.62", 247),
    ("expense[2010350].project", "497.31", 247),
    ("expense[2080502].basic.personnel.family", "6.02", 248),
    ("expense[2080502].basic.public.goods", "0.22", 248),
    ("expense[2080505].total", "20.44", 249),
    ("expense[2101102].basic", "17.55", 250),
    ("expense[2210201].total", "16.85", 251),
    # 2025 年财政拨款收支预算表 (line 253)
    ("fiscal_summary[201].total", "717.88", 263),
    ("fiscal_summary[in.gpb_fiscal].amount", "778.96", 264),
    ("fiscal_summary[208].gpb", "26.68", 270),
    ("fiscal_summary[221].gpb.fiscal", "16.85", 283),
    ("fiscal_summary[out.grand_total].total", "778.96", 295),
    # 2025 年一般公共预算支出预算表 (line 299)
    ("gpb_expense[2010350].project.operating", "497.31", 311),
    ("gpb_expense[2080502].basic.personnel.family", "6.02", 312),
    # 2025 年一般公共预算基本支出预算表 (line 317)
    ("gpb_basic[total].personnel", "266.81", 325),
    ("gpb_basic[30103].total", "82.74", 327),
    ("gpb_basic[30231].public", "1.50", 337),
    ("gpb_basic[30302].personnel", "6.02", 338),
    # 2025 年支出经济分类汇总表 (line 344)
    ("economic_summary[total].total", "778.96", 353),
    ("economic_summary[30207#2].total", "4.08", 374),
    ("economic_summary[31002].gpb", "84.50", 370),
    ("economic_summary[30226].total", "289.21", 372),
    # 2025 年一般公共预算“三公”经费预算表 (line 383)
    ("three_public[total].total", "1.50", 391),
    ("three_public[total].vehicle", "1.50", 391),
    ("three_public[total].vehicle.operation", "1.50", 391),
    # 行政（事业）单位机构运转经费预算表 (line 423)
    ("operating_funds[total].total", "14.84", 433),
    ("operating_funds[unit:605001].total", "14.84", 436),
    ("operating_funds[30201].total", "4.00", 437),
    ("operating_funds[30231].gpb.fiscal", "1.50", 442),
    # 2025 年项目支出预算表 (line 445)
    ("projects[total].total", "497.31", 453),
    ("projects[p8].total", "197.53", 462),
    ("projects[p10].gpb", "75.00", 464),
    ("projects[p11].total", "4.25", 465),
    # 部门预算项目绩效目标表 (line 529): "497.3 1" is 497.31
    ("project_performance[unit:605].total", "497.31", 538),
    ("project_performance[p1].total", "197.53", 540),
    ("project_performance[p9].total", "17.00", 571),
    ("project_performance[p11].gov_budget", "35.00", 578),
    # 部门（单位）整体绩效目标表 (line 467), its 预算情况 block
    ("dept_performance[total].total", "778.96", 477),
    ("dept_performance[total].gov_budget", "778.96", 478),
    ("dept_performance[total].basic", "281.65", 481),
    ("dept_performance[total].project", "497.31", 482),
]


def parsed() -> tuple[Document, dict[str, Fact]]:
    return parsed_example(EXAMPLE.name)


@pytest.mark.parametrize(("address", "expected", "line"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_cell(address: str, expected: str, line: int) -> None:
    assert_golden_cell(parsed()[1], address, expected, line)


def test_golden_count() -> None:
    assert len(GOLDEN) >= 40


def test_eleven_projects_as_the_narrative_says() -> None:
    projects = parsed()[0].tables_of("projects")[0]
    assert [r.key for r in projects.rows if r.kind == "project"] == [f"p{n}" for n in range(1, 12)]
    assert projects.row("p8").label == "2025年劳务派遣人员经费"


def test_markdown_debris_is_gone_from_paragraphs() -> None:
    doc = parsed()[0]
    assert doc.title == "2025 年洛龙区政务服务中心 部门预算公开"
    texts = [p.text for p in doc.paragraphs]
    assert not [t for t in texts if "**" in t or t.startswith("#")]
    assert any(t.startswith("（一）因公出国（境）费0.00万元") for t in texts)
    assert doc.department == "洛龙区政务服务中心" and doc.year == 2025


def test_performance_row_that_lost_a_cell_keeps_its_amounts_only() -> None:
    # line 571 lost one empty cell: its 成本指标 text sits in the 单位资金 column
    facts = parsed()[1]
    assert "project_performance[p9].unit_funds" not in facts
    table = parsed()[0].tables_of("project_performance")[0]
    assert len([r for r in table.rows if r.kind == "project"]) == 11
