"""Columns printed beside the 三公 columns, named from the printed header (issue 9): 会议费, 培训费,
机关运行经费, the wider 合计 and the other year's block. Golden values read from the printed pages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.claims.bind import _not_understood
from budgetlint.corpus import CORPUS_DIR
from budgetlint.model import Document
from budgetlint.pipeline import load_document


def _corpus(name: str) -> Document:
    path = CORPUS_DIR / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return load_document(path)


def _three_public(doc: Document, page: int):
    table = next(
        t for t in doc.tables if t.kind in ("three_public", "final_three_public") and t.provenance.page == page
    )
    row = table.row("total")
    return table, {c.column: c.value for c in row.cells if c.state == "value"}


def test_jiangsu_wider_total_meeting_and_training():
    # 江苏省高级人民法院 2017 p.17 表十一: 合计 2,599.37 | "三公"经费 小计 670.12 | 因公出国（境）费 180.00 |
    # 公务用车 小计 304.40 | 购置费 blank | 运行维护费 304.40 | 公务接待费 185.72 | 会议费 228.00 | 培训费 1,701.25
    table, got = _three_public(_corpus("jiangsu_open_budget/jiangsu_2017_gaoyuan_ys_full.pdf"), 17)
    assert got == {
        "grand_total": Decimal("2599.37"),
        "total": Decimal("670.12"),
        "abroad": Decimal("180.00"),
        "vehicle": Decimal("304.40"),
        "vehicle.operation": Decimal("304.40"),
        "reception": Decimal("185.72"),
        "meeting": Decimal("228.00"),
        "training": Decimal("1701.25"),
    }
    assert _not_understood(table) is None


def test_shanghai_agency_running_column():
    # 上海市普陀区商务委员会 2025 p.21: "三公"经费预算数 合计 1.00 | 公务接待费 1.00 | 机关运行经费预算数 171.01
    table, got = _three_public(_corpus("shanghai_putuo/shanghai_putuo_2025_shangwuwei_ys_dept.pdf"), 21)
    assert got == {"total": Decimal("1.00"), "reception": Decimal("1.00"), "agency_running": Decimal("171.01")}
    assert _not_understood(table) is None


def test_chongqing_prior_year_block_is_set_apart():
    # 重庆市人民政府办公厅 2026 p.20 表八: 2025年预算数 合计 396.97 … | 2026年预算数 合计 394.49 | 因公出国（境）费
    # 184.49 | 公务用车 小计 200.00 | 购置费 blank | 运行费 200.00 | 公务接待费 10.00
    table, got = _three_public(_corpus("city_crawl_renwu/chongqing_2026_zhengfubangongting_ys.pdf"), 20)
    assert got["total"] == Decimal("394.49") and got["vehicle"] == Decimal("200.00")
    assert got["prior.total"] == Decimal("396.97") and got["prior.vehicle"] == Decimal("202.48")
    assert _not_understood(table) is None


def test_xian_final_meeting_and_training_in_both_rows():
    # 西安市卫生健康委员会 2022 决算 p.161 公开09: 会议费 86.81 and 培训费 2,795.78 in the 预算数 and 决算数 rows
    _, got = _three_public(_corpus("city_crawl_renwu/xian_2022_weijianwei_js.pdf"), 161)
    assert got["meeting"] == got["budget.meeting"] == Decimal("86.81")
    assert got["training"] == got["budget.training"] == Decimal("2795.78")


def test_unit_rows_that_add_up_to_the_total_are_understood():
    # 长沙市信访局 2026 p.20: 合计 8.00 = 长沙市信访局 8.00 (公务接待费 3.00, 公务用车运行费 5.00)
    doc = _corpus("city_crawl_renwu/changsha_2026_xinfangju_ys.pdf")
    table = next(t for t in doc.tables if t.kind == "three_public")
    assert _not_understood(table) is None
    # a unit row that does not add up leaves the table distrusted
    unit = next(r for r in table.rows if r.key is None)
    cell = next(c for c in unit.cells if c.column == "reception")
    cell.value = Decimal("2.00")
    assert "无法定位的数据行" in (_not_understood(table) or "")


def test_jiangsu_admin_costs_table_total():
    # 江苏省高级人民法院 2017 p.16 表十 一般公共预算机关运行经费支出预算表: 合计 9,193.40 | 302 商品和服务支出
    # 9,050.00 | 30201 办公费 879.00
    doc = _corpus("jiangsu_open_budget/jiangsu_2017_gaoyuan_ys_full.pdf")
    table = next(t for t in doc.tables if t.kind == "admin_costs")
    values = {r.key: r.cells[0].value for r in table.rows if r.key in ("total", "302", "30201")}
    assert values == {"total": Decimal("9193.40"), "302": Decimal("9050.00"), "30201": Decimal("879.00")}
