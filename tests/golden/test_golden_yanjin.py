"""Golden cells of examples/2024-yanjin-zwfw-budget.txt (延津县政务服务和大数据管理局, 2024 预算, OCR).

Values read off the example file by hand. The OCR noise they exercise:
numbers with spaces (``421. 29``, ``163 . 42``), a comma for the point
(``421, 29``), a missing left-hand label (line 182 ``421. 29⇥本年支出合计``),
a row that lost a tab (line 329 ``505⇥01 工资福利支出``), and rows the OCR
invented from wrapped labels (lines 212, 214, 275) that must give no facts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.model import Document, Fact
from tests.golden.harness import assert_golden_cell, parsed_example

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-yanjin-zwfw-budget.txt"

GOLDEN = [
    # 2024 年部门收支总体情况表 (line 145)
    ("income_expense_summary[in.gpb].amount", "421.29", 151),
    ("income_expense_summary[in.gpb_fiscal].amount", "421.29", 152),
    ("income_expense_summary[201].amount", "381.79", 151),
    ("income_expense_summary[208].amount", "18.84", 158),
    ("income_expense_summary[210].amount", "7.10", 160),
    ("income_expense_summary[221].amount", "13.56", 171),
    ("income_expense_summary[in.current_total].amount", "421.29", 182),  # label lost, inferred
    ("income_expense_summary[out.current_total].amount", "421.29", 182),
    ("income_expense_summary[in.grand_total].amount", "421.29", 184),
    ("income_expense_summary[out.grand_total].amount", "421.29", 184),
    # 2024年部门收入总体情况表 (line 187)
    ("income[total].total", "421.29", 194),
    ("income[total].current.total", "421.29", 194),
    ("income[total].current.gpb", "421.29", 194),
    ("income[total].current.gpb.fiscal", "421.29", 194),
    # 2024 年部门支出总体情况表 (line 199)
    ("expense[total].total", "421.29", 207),
    ("expense[total].basic", "163.42", 207),  # printed "163 . 42"
    ("expense[total].basic.personnel.wages", "153.59", 207),
    ("expense[total].basic.public.goods", "9.83", 207),
    ("expense[total].project", "257.87", 207),
    ("expense[total].project.operating", "257.87", 207),
    ("expense[2010301].total", "123.92", 209),
    ("expense[2010301].basic.personnel.wages", "114.09", 209),
    ("expense[2010301].basic.public.goods", "9.83", 209),
    ("expense[2010302].project", "111.06", 210),
    ("expense[2010399].total", "146.81", 211),
    ("expense[2080505].total", "18.08", 213),
    ("expense[2089999].basic", "0.76", 215),
    ("expense[2101101].total", "2.34", 216),
    ("expense[2101102].basic.personnel.wages", "4.76", 217),
    ("expense[2210201].total", "13.56", 218),
    # 2024 年财政拨款收支总体情况表 (line 220)
    ("fiscal_summary[in.current_total].amount", "421.29", 227),
    ("fiscal_summary[201].gpb", "381.79", 228),
    ("fiscal_summary[208].gpb.fiscal", "18.84", 235),
    ("fiscal_summary[210].total", "7.10", 237),
    ("fiscal_summary[221].total", "13.56", 247),
    ("fiscal_summary[in.grand_total].amount", "421.29", 249),
    ("fiscal_summary[out.grand_total].gpb.fiscal", "421.29", 249),
    # 2024年一般公共预算支出情况表 (line 262)
    ("gpb_expense[total].basic", "163.42", 270),
    ("gpb_expense[unit:129].total", "421.29", 271),
    ("gpb_expense[2010399].project.operating", "146.81", 274),
    ("gpb_expense[2080505].total", "18.08", 276),
    # 2024年一般公共预算基本支出情况表 (line 284)
    ("gpb_basic[total].total", "163.42", 290),
    ("gpb_basic[total].personnel", "153.59", 290),
    ("gpb_basic[total].public", "9.83", 290),
    ("gpb_basic[30101].personnel", "78.14", 294),
    ("gpb_basic[30201].public", "3.80", 295),
    ("gpb_basic[30113].total", "13.56", 302),
    # 2024年支出经济分类汇总表 (line 304)
    ("economic_summary[total].gpb.fiscal", "421.29", 310),
    ("economic_summary[30103].total", "4.65", 314),
    ("economic_summary[30201].total", "53.41", 316),
    ("economic_summary[30213].total", "107.00", 320),
    ("economic_summary[30112].total", "0.76", 329),  # row lost a tab: "505⇥01 工资福利支出"
    ("economic_summary[30112].gpb.fiscal", "0.76", 329),
    ("economic_summary[30113].total", "13.56", 331),
    # 2024年一般公共预算"三公"经费支出情况表 (line 333)
    ("three_public[total].total", "0.00", 341),
    ("three_public[total].reception", "0.00", 341),
    # 2024 年政府性基金预算支出情况表 (line 347)
    ("gov_fund[total].total", "0.00", 356),
    # 2024年项目支出表 (line 363)
    ("projects[total].total", "257.87", 370),
    ("projects[p5].total", "89.01", 376),
    ("projects[p7].gpb", "38.00", 378),
    # 2024 年部门预算项目绩效目标汇总表 (line 431): printed to one decimal
    ("project_performance[unit:129].total", "257.9", 438),
    ("project_performance[unit:129001].gov_budget", "257.9", 439),
    # the 支出表 prints the unit code as 1129 (OCR; every other table has 129): kept as printed
    ("expense[unit:1129].total", "421.29", 208),
]


def parsed() -> tuple[Document, dict[str, Fact]]:
    return parsed_example(EXAMPLE.name)


@pytest.mark.parametrize(("address", "expected", "line"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_cell(address: str, expected: str, line: int) -> None:
    assert_golden_cell(parsed()[1], address, expected, line)


def test_golden_count() -> None:
    assert len(GOLDEN) >= 40


@pytest.mark.parametrize("line", [195, 196, 212, 214, 275])
def test_rows_the_ocr_garbled_give_no_facts(line: int) -> None:
    bad = [f.address for f in parsed()[1].values() if f.provenance.line == line]
    assert bad == [], f"line {line} is OCR debris but gave facts {bad}"


def test_inferred_label_is_marked() -> None:
    fact = parsed()[1]["income_expense_summary[in.current_total].amount"]
    assert fact.provenance.inferred and fact.provenance.note


def test_shredded_lines_are_reported() -> None:
    doc = parsed()[0]
    assert {w.provenance.line for w in doc.warnings if w.code == "shredded-row"} >= {197}


def test_document_metadata() -> None:
    doc = parsed()[0]
    assert doc.department == "延津县政务服务和大数据管理局"
    assert doc.year == 2024 and doc.kind is not None and doc.kind.value == "budget"
    assert [r.key for r in doc.tables_of("projects")[0].rows] == [
        "total",
        "unit:129",
        "p1",
        "p2",
        "p3",
        "p4",
        "p5",
        "p6",
        "p7",
    ]
    assert doc.tables_of("three_public")[0].unit_stated  # line 337 单位: 万元
    assert not doc.tables_of("expense")[0].unit_stated  # no 单位 line above it


def test_garbled_performance_rows_give_no_facts() -> None:
    doc, facts = parsed()
    # line 439 prints "257 9" (the point lost): not a number
    assert "project_performance[unit:129001].total" not in facts
    # lines 440-467: project codes broken over lines ("410726240" / "000000024 803"): no project rows
    assert not [a for a in facts if a.startswith("project_performance[p")]
    assert any(w.code == "unkeyed-row" and w.provenance.line == 440 for w in doc.warnings)
    assert doc.tables_of("project_performance")[0].precision == 1


def test_remarks_under_the_empty_tables_are_notes() -> None:
    doc = parsed()[0]
    assert (
        doc.tables_of("three_public")[0].notes[-1] == '我部门 2024 年没有使用一般公共预算"三公"经费安排的支出。'
    )  # line 345
    assert doc.tables_of("gov_fund")[0].notes == [
        "注: 本表仅含当年财政拨款安排的支出。",
        "我部门 2024 年没有使用政府性基金预算拨款安排的支出。",
    ]  # 359, 361
    assert not [p for p in doc.paragraphs if p.text.startswith("我部门 2024 年没有使用")]


def test_fragment_row_is_unkeyed_not_ambiguous() -> None:
    # line 214 "缴费支出 10.00 10.00 10.00": a fragment with no code, reported once as unkeyed
    lines = {(w.code, w.provenance.line) for w in parsed()[0].warnings if w.provenance}
    assert ("unkeyed-row", 214) in lines and ("ambiguous-row", 214) not in lines
