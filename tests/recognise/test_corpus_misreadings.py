"""Misreadings of real PDFs that used to become findings (never cry wolf).

Each expectation was read off the printed page (page images rendered and read by
hand), not copied from budgetlint's output. Skipped when the shared corpus is absent.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.model import Cell, Column, Provenance, Row, Table
from budgetlint.pipeline import load_document
from budgetlint.recognise.continued import continues, join
from tests.recognise.helpers import city_doc


def _values(table: Table, key: str) -> dict[str, Decimal]:
    row = table.row(key)
    assert row is not None, f"{table.kind} has no row {key}: {[r.key for r in table.rows]}"
    return {c.column: c.value for c in row.cells if c.state == "value"}


def test_income_header_of_another_layout_is_not_forced_onto_the_standard_columns():
    # yantai 2026 民政局 p.8 收入总体情况表: 合计 | 财政拨款收入(小计, 一般公共预算收入, 政府性基金…,
    # 国有资本经营…) | 财政专户管理资金收入 | 事业收入 | … | 其他收入 | … | 上年结转.
    # 小计 5,274.99 is the 财政拨款 subtotal, not 本年收入合计; 1,501.28 is 政府性基金, not 其中财政拨款.
    doc = city_doc("yantai_2026_minzhengju_ys.pdf")
    income = next(t for t in doc.tables if t.kind == "income" and t.provenance.page == 8)
    keys = {c.index: c.key for c in income.columns}
    by_header = {tuple(c.header): c.key for c in income.columns}
    assert by_header[("财政拨款收入", "小计")] != "current.total"
    assert by_header[("政府性基金预算收入",)] != "current.gpb.fiscal"
    assert "标准列顺序" not in income.kind_reason
    assert keys  # the columns are still there, named from their own words or c<index>


def test_functional_codes_printed_in_lei_kuan_xiang_columns_are_not_unit_codes():
    # same page: 205 | — | — 教育支出 16.00; — | 08 | — 进修及培训 16.00; — | — | 03 培训支出 16.00;
    # 208 社会保障和就业支出 3,667.59; 02 民政管理事务 1,218.39.
    doc = city_doc("yantai_2026_minzhengju_ys.pdf")
    income = next(t for t in doc.tables if t.kind == "income" and t.provenance.page == 8)
    assert _values(income, "205")["total"] == Decimal("16.00")
    assert _values(income, "20508")["total"] == Decimal("16.00")
    assert _values(income, "2050803")["total"] == Decimal("16.00")
    assert _values(income, "208")["total"] == Decimal("3667.59")
    assert _values(income, "20802")["total"] == Decimal("1218.39")
    assert not any((r.key or "").startswith("unit:") for r in income.rows)


def test_table_continued_on_the_next_page_with_its_total_repeated_is_one_table():
    # foshan 2019 轨道交通局 收入决算表: p.8 合计 1668.14 over 208 / 214; p.9 prints the title,
    # the header and 合计 1668.14 again, then 221 住房保障支出 60.87, 22102 60.87, 2210201 60.87.
    doc = city_doc("foshan_2019_guidaojiaotongju_js.pdf")
    incomes = [t for t in doc.tables if t.kind == "final_income"]
    assert len(incomes) == 1
    income = incomes[0]
    assert [r.key for r in income.rows].count("total") == 1
    assert not any((r.key or "").startswith("total#") for r in income.rows)
    assert _values(income, "total")["total"] == Decimal("1668.14")
    assert _values(income, "221")["total"] == Decimal("60.87")
    assert _values(income, "2210201")["total"] == Decimal("60.87")


def test_row_numbers_of_a_xuhao_column_are_not_codes():
    # xian 2022 气象局 p.24 基本支出明细表（按功能科目分）: 序号 1..19 beside the codes;
    # row 10 is 2101103 公务员医疗补助 13627.8, row 14 is 2200504 气象事业机构 1643623.32.
    doc = city_doc("xian_2022_qixiangju_ys.pdf")
    table = next(t for t in doc.tables if t.kind == "gpb_basic" and t.provenance.page == 24)
    assert _values(table, "2101103")["total"] == Decimal("13627.8")
    assert _values(table, "2200504")["total"] == Decimal("1643623.32")
    assert _values(table, "210")["total"] == Decimal("55279.2")
    assert not any((r.key or "").startswith("unit:") for r in table.rows)


def test_by_function_and_by_economic_class_pages_are_not_joined():
    # xian 2022 气象局: p.24 is 按功能科目分, p.25 按经济科目分 — two tables of the same kind.
    doc = city_doc("xian_2022_qixiangju_ys.pdf")
    pages = [t.provenance.page for t in doc.tables if t.kind == "gpb_basic"]
    assert 24 in pages and 25 in pages


def test_single_code_column_with_kuan_printed_alone():
    # xian 2019 安监局 p.16: one code column holding 125001 (unit), 208, 05, 2080505, …
    # 125001 西安市安全生产监督管理局 1,071.87; 208 115.11; 05 行政事业单位离退休 113.28.
    doc = city_doc("xian_2019_anjianju_ys_tables.pdf")
    table = next(t for t in doc.tables if t.kind == "gpb_basic" and t.provenance.page == 16)
    assert _values(table, "unit:125001")["total"] == Decimal("1071.87")
    assert _values(table, "208")["total"] == Decimal("115.11")
    assert _values(table, "20805")["total"] == Decimal("113.28")
    assert _values(table, "2080505")["total"] == Decimal("81.23")


def test_parallel_expense_breakdowns_of_the_summary_table_have_one_total():
    # xian 2019 安监局 p.3 收支总表: the expense side is printed by function and by economic class
    # side by side, each closing with 本年支出合计 3,643.37 and 支出总计 3,695.91.
    doc = city_doc("xian_2019_anjianju_ys_tables.pdf")
    summary = next(t for t in doc.tables if t.kind == "income_expense_summary")
    keys = [r.key for r in summary.rows]
    assert keys.count("out.current_total") == 1 and "out.current_total#2" not in keys
    assert _values(summary, "out.grand_total")["amount"] == Decimal("3695.91")


# ------------------------------------------------------------------ synthetic


def _table(tid: str, page: int, rows: list[tuple[str, str]], title: str = "收入决算表") -> Table:
    prov = Provenance(path="/tmp/x.pdf", page=page, table=tid)
    return Table(
        id=tid,
        kind="final_income",
        title=title,
        provenance=prov,
        columns=[Column(key="total", index=2)],
        rows=[
            Row(
                key=k,
                kind="total" if k == "total" else "functional",
                label=k,
                provenance=prov,
                cells=[Cell(column="total", raw=v, value=Decimal(v), decimals=2, state="value", provenance=prov)],
            )
            for k, v in rows
        ],
    )


def test_continued_part_joins_and_drops_the_repeated_total():
    first = _table("t1", 8, [("total", "30.00"), ("208", "10.00")])
    part = _table("t2", 9, [("total", "30.00"), ("221", "20.00")])
    assert continues(first, part)
    join(first, part)
    assert [r.key for r in first.rows] == ["total", "208", "221"]


def test_a_unit_copy_with_another_total_or_the_same_codes_is_not_a_continuation():
    first = _table("t1", 8, [("total", "30.00"), ("208", "10.00")])
    assert not continues(first, _table("t2", 9, [("total", "12.00"), ("221", "12.00")]))
    assert not continues(first, _table("t2", 9, [("208", "10.00")]))
    assert not continues(first, _table("t2", 10, [("221", "20.00")]))  # not the next page
    assert not continues(first, _table("t2", 9, [("221", "20.00")], title="支出决算表"))


def test_three_public_subtotal_beside_a_total_with_meetings_and_training():
    # jiangsu 2017 人大 p.20 “三公”经费、会议费、培训费支出预算表: 合计 2,542.60 (= 833.60 + 会议费
    # 1,305.25 + 培训费 403.75); “三公”经费 小计 833.60 = 因公出国 222.50 + 公务用车 183.60 + 接待 427.50.
    path = CORPUS_DIR / "jiangsu_open_budget" / "jiangsu_2017_renda_ys_full.pdf"
    if not path.exists():
        pytest.skip(f"{path} not present")
    doc = load_document(path)
    table = next(t for t in doc.tables if t.kind == "three_public")
    values = _values(table, "total")
    assert values["total"] == Decimal("833.60")
    assert values["abroad"] == Decimal("222.50")
    assert values["vehicle"] == Decimal("183.60")
    assert values["reception"] == Decimal("427.50")


def test_fiscal_summary_expense_columns_named_by_their_header():
    # chongqing 2026 水利局 p.21 财政拨款收支总体情况表, expense side: 合计 | 一般公共预算 |
    # 政府性基金预算 | 国有资本经营预算 (no 其中：财政拨款 column). （五）农林水支出:
    # 101,256.24 = 97,303.65 + 3,952.59.
    path = CORPUS_DIR / "chongqing_renwu" / "chongqing_2026_shuiliju_ys.pdf"
    matches = list(CORPUS_DIR.glob("*/chongqing_2026_shuiliju_ys.pdf"))
    if not matches:
        pytest.skip(f"{path} not present")
    doc = load_document(matches[0])
    table = next(t for t in doc.tables if t.kind == "fiscal_summary")
    values = _values(table, "213")
    assert values["total"] == Decimal("101256.24")
    assert values["gpb"] == Decimal("97303.65")
    assert values["gov_fund"] == Decimal("3952.59")
    assert "gpb.fiscal" not in values


def test_band_subtotal_is_the_band_total_not_one_of_its_sources():
    # hangzhou 2026 气象局 p.16 收入预算总表: 总计 | 本年收入: 小计, 一般公共预算, … 其他收入 |
    # 上年结转结余: 小计, …; 合计 row 5,876.67 | 5,876.67 | 5,753.07 | … | 123.61.
    matches = list(CORPUS_DIR.glob("*/hangzhou_2026_qixiangju_ys.pdf"))
    if not matches:
        pytest.skip("hangzhou_2026_qixiangju_ys.pdf not present")
    doc = load_document(matches[0])
    income = next(t for t in doc.tables if t.kind == "income")
    values = _values(income, "total")
    assert values["total"] == Decimal("5876.67")
    assert values["current.total"] == Decimal("5876.67")
    assert values["current.gpb"] == Decimal("5753.07")
    assert values["current.other"] == Decimal("123.61")


def test_another_regions_income_header_is_not_forced_onto_the_standard_layout():
    # xian 2026 审计局 p.23 收入总表: 合计 | 一般公共预算拨款 小计 | 其中：专项资金… | 政府性基金拨款 |
    # 上级补助收入 | 事业收入 | …: 小计 is 一般公共预算, not 本年收入合计, and 政府性基金拨款 is not
    # 其中：财政拨款.
    matches = list(CORPUS_DIR.glob("*/xian_2026_shenjiju_ys.pdf"))
    if not matches:
        pytest.skip("xian_2026_shenjiju_ys.pdf not present")
    doc = load_document(matches[0])
    income = next(t for t in doc.tables if t.kind == "income")
    by_header = {tuple(c.header): c.key for c in income.columns}
    assert by_header[("一般公共预算拨款", "小计")] != "current.total"
    assert by_header[("政府性基金拨款",)] != "current.gpb.fiscal"
    assert "标准列顺序" not in income.kind_reason


def test_project_table_by_economic_class_is_keyed_by_its_bracketed_codes():
    # guangzhou 2026 统计局 PDF p.16 (printed "- 14 -") 一般公共预算项目支出情况表（按经济分类科目）:
    # 合计 1,032.05; [302]商品和服务支出 1,032.05; [30201]办公费 4.80; [30202]印刷费 355.90.
    matches = list(CORPUS_DIR.glob("*/guangzhou_2026_tongjiju_ys.pdf"))
    if not matches:
        pytest.skip("guangzhou_2026_tongjiju_ys.pdf not present")
    doc = load_document(matches[0])
    table = next(t for t in doc.tables if t.kind == "projects" and t.provenance.page == 16)
    assert _values(table, "total")["total"] == Decimal("1032.05")
    assert _values(table, "302")["total"] == Decimal("1032.05")
    assert _values(table, "30201")["total"] == Decimal("4.80")
    assert _values(table, "30202")["total"] == Decimal("355.90")
    assert not any((r.key or "").startswith("p") for r in table.rows)
