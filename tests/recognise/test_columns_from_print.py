"""Columns as printed: blank cells keep their column, absent columns stay absent, each cell
rounds at its own printed precision (issue 8, causes 4–6).

The hand-made grids imitate a ruled PDF table (every cell boxed, as pdfgrid reads it); the
corpus cases were read off the printed page by hand and are skipped without the corpus.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.engine import check_document, load_rules
from budgetlint.facts import flatten
from budgetlint.model import Document, DocKind, ParseWarning, RawTable
from budgetlint.pipeline import load_document
from budgetlint.recognise import recognise_table
from tests.samples import ruled_grid


def _grid(title: str, caption: str, rows: list[list[str]]) -> RawTable:
    return ruled_grid(title, rows, [caption], path="g.pdf")


def _table(raw: RawTable):
    return recognise_table(raw, "t1", [])


def _values(table, key: str = "total") -> dict[str, Decimal]:
    row = table.row(key)
    assert row is not None, [r.key for r in table.rows]
    return {c.column: c.value for c in row.cells if c.state == "value"}


def _findings(*tables, kind: DocKind = DocKind.FINAL) -> list[str]:
    doc = Document(path="g.pdf", paths=["g.pdf"], format="pdf", kind=kind, tables=list(tables))
    report = check_document(doc, load_rules())
    return [f.rule_id for f in report.findings if f.severity in ("error", "warning")]


# ------------------------------------------------------------ cause 4: 小计 under its own band

THREE_PUBLIC_HEADER = [
    ["项目", "财政拨款安排的“三公”经费", "^", "^", "^", "^", "^", "会议费", "培训费"],
    ["^", "小计", "因公出国（境）费用", "公务用车购置及运行维护费", "^", "^", "公务接待费", "^", "^"],
    ["^", "^", "^", "小计", "公务用车购置费", "公务用车运行维护费", "^", "^", "^"],
]


def test_three_public_subtotal_under_the_three_public_band_is_the_total_not_the_vehicle_subtotal():
    # 公开09 with a blank 因公出国 cell: 593.46 = 0 + 591.60 + 1.86 and 591.60 = 136.48 + 455.12.
    raw = _grid(
        "财政拨款“三公”经费及会议费、培训费支出决算表",
        "金额单位：万元",
        THREE_PUBLIC_HEADER
        + [
            ["合计", "593.46", "", "591.60", "136.48", "455.12", "1.86", "86.81", "2,795.78"],
        ],
    )
    table = _table(raw)
    assert table.kind == "final_three_public"
    got = _values(table)
    assert got["total"] == Decimal("593.46")
    assert got["vehicle"] == Decimal("591.60")
    assert "abroad" not in got and table.row("total").cells[1].state == "blank"  # blank keeps its column
    assert _findings(table) == []


def test_budget_and_final_rows_of_a_final_three_public_table_are_its_two_column_groups():
    raw = _grid(
        "财政拨款“三公”经费支出决算表",
        "金额单位：万元",
        THREE_PUBLIC_HEADER
        + [
            ["预算数", "593.46", "", "591.60", "136.48", "455.12", "1.86", "86.81", "2,795.78"],
            ["决算数", "587.55", "", "587.44", "136.48", "450.96", "0.11", "86.81", "2,795.78"],
        ],
    )
    warnings: list[ParseWarning] = []
    table = recognise_table(raw, "t1", warnings)
    assert [r.key for r in table.rows] == ["total"]
    got = _values(table)
    assert got["total"] == Decimal("587.55") and got["budget.total"] == Decimal("593.46")
    assert got["vehicle.operation"] == Decimal("450.96") and got["budget.vehicle.operation"] == Decimal("455.12")
    assert not any(w.code == "unkeyed-row" for w in warnings)
    assert _findings(table) == []


def test_generic_subtotal_columns_are_named_by_the_identities_when_the_words_do_not_tell():
    # Both 小计 columns sit under bands that name neither: only the arithmetic says which is
    # the 三公 total (= 出国 + 车 + 接待) and which the vehicle subtotal (= 购置 + 运行).
    # Printed in an order of its own, so the standard layout does not apply either.
    raw = _grid(
        "“三公”经费支出预算表",
        "单位：万元",
        [
            ["小计", "小计", "公务用车购置费", "公务用车运行费", "因公出国（境）费", "公务接待费"],
            ["20.00", "18.00", "6.00", "12.00", "", "2.00"],
        ],
    )
    table = _table(raw)
    assert table.kind == "three_public"
    got = _values(table)
    assert got["total"] == Decimal("20.00") and got["vehicle"] == Decimal("18.00")
    assert "勾稽关系" in table.kind_reason


# ------------------------------------------------------------ cause 5: absent columns are missing

GPB_EXPENSE_YUAN = [
    ["项目", "^", "^", "^", "一般公共预算支出", "^", "^"],
    ["功能分类科目编码", "^", "^", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "^", "^", "^", "^"],
    ["208", "", "", "社会保障和就业支出", "1,696,828", "1,696,828", ""],
    ["208", "05", "", "行政事业单位养老支出", "1,696,828", "1,696,828", ""],
    ["208", "05", "02", "事业单位离退休", "538,440", "538,440", ""],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,158,388", "1,158,388", ""],
    ["合计", "^", "^", "^", "1,696,828", "1,696,828", ""],
]


def test_integer_yuan_table_is_read_row_by_row_with_only_its_printed_columns():
    table = _table(_grid("2024年预算单位一般公共预算支出功能分类预算表", "单位：元", GPB_EXPENSE_YUAN))
    assert [c.key for c in table.columns] == ["total", "basic", "project"]
    assert [r.key for r in table.rows] == ["208", "20805", "2080502", "2080505", "total"]
    assert _values(table, "2080502") == {"total": Decimal("538440"), "basic": Decimal("538440")}
    # 基本支出 is not broken down in this table: the breakdown rule is not evaluated, not failed.
    assert _findings(table, kind=DocKind.BUDGET) == []


def test_a_column_the_grid_does_not_print_gives_no_cells():
    # A one-amount table (金额 only): no phantom 基本支出/工资福利 columns of blanks.
    raw = _grid(
        "财政拨款支出预算表",
        "单位：万元",
        [
            ["科目编码", "科目名称", "金额"],
            ["204", "公共安全支出", "100.00"],
            ["", "合计", "100.00"],
        ],
    )
    table = _table(raw)
    assert {c.column for r in table.rows for c in r.cells} <= {"total"}


def test_standard_layout_is_not_forced_when_its_identities_cannot_be_checked():
    from budgetlint.recognise.grid import _layout_adds_up
    from budgetlint.recognise.vocab import column_vocab

    row = _grid("t", "", [["合计", "9,501,164", "9,501,164", ""]]).rows
    # total | basic | wages: the parts of 基本支出 other than 工资福利 are not printed: nothing holds.
    assert not _layout_adds_up(column_vocab("expense"), ["total", "basic", "basic.personnel.wages"], row, 1)


def test_kuan_printed_without_its_leading_zero_is_the_two_digit_kuan():
    raw = _grid(
        "2024年部门一般公共预算基本支出部门预算经济分类预算表",
        "单位：元",
        [
            ["部门预算经济分类科目编码", "^", "经济分类科目名称", "合计", "人员经费", "公用经费"],
            ["类", "款", "^", "^", "^", "^"],
            ["301", "", "工资福利支出", "22,497,361", "22,497,361", "0"],
            ["301", "01", "基本工资", "5,873,551", "5,873,551", "0"],
            ["301", "2", "津贴补贴", "16,623,810", "16,623,810", "0"],
            ["合计", "^", "^", "22,497,361", "22,497,361", "0"],
        ],
    )
    table = _table(raw)
    assert [r.key for r in table.rows] == ["301", "30101", "30102", "total"]


# ------------------------------------------------------------ cause 6: own printed precision


def _expense_yuan(basic_total: str) -> RawTable:
    return _grid(
        "2026年预算单位支出预算总表",
        "单位：元",
        [
            ["功能分类科目编码", "^", "^", "功能分类科目名称", "合计", "基本支出", "项目支出"],
            ["类", "款", "项", "^", "^", "^", "^"],
            ["204", "06", "01", "行政运行", "14,348,853.34", "14,348,853.34", "0.00"],
            ["221", "02", "03", "购房补贴", "2,070,000.00", "2,070,000.00", "0"],
            ["204", "06", "04", "基层司法业务", "21,703,947.00", "0.00", "21,703,947.00"],
            ["合计", "^", "^", "^", "38,122,800.34", basic_total, "21,703,947.00"],
        ],
    )


def test_integer_printed_beside_cents_stands_for_half_a_yuan():
    table = _table(_expense_yuan("16,418,853"))  # 16,418,853.34 displayed without its cents
    facts = {f.address: f for f in flatten(Document(path="g.pdf", tables=[table]))}
    assert facts["expense[total].basic"].half_width_wan == Decimal("0.00005")  # ±0.5 元
    assert facts["expense[total].total"].half_width_wan == Decimal("0.0000005")  # ±0.005 元
    assert facts["expense[2210203].project"].half_width_wan == Decimal("0.0000005")  # a 0 is exact
    assert "BL101" not in _findings(table, kind=DocKind.BUDGET)


def test_a_real_difference_of_a_few_yuan_is_still_found_and_shown_apart():
    table = _table(_expense_yuan("16,418,850"))  # 3.34 元 short: more than rounding explains
    doc = Document(path="g.pdf", paths=["g.pdf"], format="pdf", kind=DocKind.BUDGET, tables=[table])
    found = [f for f in check_document(doc, load_rules()).findings if f.rule_id == "BL101"]
    assert len(found) == 1
    assert found[0].actual.split()[0] != found[0].expected.split()[0]


# ------------------------------------------------------------ corpus (read off the printed page)


def _corpus(name: str) -> Document:
    path = CORPUS_DIR / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return load_document(path)


def test_corpus_xian_2022_weijianwei_three_public_columns():
    # p.161 公开09, rows 预算数 / 决算数: 小计 593.46 / 587.55 | 因公出国 blank | 公务用车 小计
    # 591.60 / 587.44 | 购置 136.48 / 136.48 | 运行维护 455.12 / 450.96 | 接待 1.86 / 0.11 |
    # 会议费 86.81 | 培训费 2,795.78.
    doc = _corpus("city_crawl_renwu/xian_2022_weijianwei_js.pdf")
    table = next(t for t in doc.tables if t.kind == "final_three_public" and t.provenance.page == 161)
    got = _values(table)
    assert got["total"] == Decimal("587.55") and got["vehicle"] == Decimal("587.44")
    assert got["vehicle.purchase"] == Decimal("136.48") and got["vehicle.operation"] == Decimal("450.96")
    assert got["reception"] == Decimal("0.11") and "abroad" not in got
    assert got["budget.total"] == Decimal("593.46") and got["budget.vehicle"] == Decimal("591.60")
    assert got["budget.reception"] == Decimal("1.86")


def test_corpus_shanghai_putuo_2024_shehuifuliyuan_integer_tables():
    # p.11 一般公共预算支出功能分类预算表 (元): 合计 | 基本支出 | 项目支出 (blank everywhere);
    # 社会福利事业单位 6,964,796; 合计 9,501,164. p.14 基本支出表: 合计 9,501,164 = 人员 7,380,214 + 公用 2,120,950.
    doc = _corpus("shanghai_putuo/shanghai_putuo_2024_shehuifuliyuan_ys_unit.pdf")
    gpb = next(t for t in doc.tables if t.kind == "gpb_expense")
    assert [c.key for c in gpb.columns] == ["total", "basic", "project"]
    assert _values(gpb, "2081005") == {"total": Decimal("6964796"), "basic": Decimal("6964796")}
    assert _values(gpb)["total"] == Decimal("9501164")
    basic = next(t for t in doc.tables if t.kind == "gpb_basic")
    assert _values(basic) == {
        "total": Decimal("9501164"),
        "personnel": Decimal("7380214"),
        "public": Decimal("2120950"),
    }


def test_corpus_shanghai_putuo_2026_sifaju_display_truncation_is_not_an_error():
    # p.12 合计: 86,959,408.34 | 22,118,861 | 64,840,547.00 — 基本支出 printed without its .34.
    # The real error stays: p.11/p.14 行政运行 14,348,853.34 | 14,348,853.34 | 64,840,547.00.
    doc = _corpus("shanghai_putuo/shanghai_putuo_2026_sifaju_ys_unit.pdf")
    report = check_document(doc, load_rules())
    # One printed error, one finding: since issue 12 the diagnosis BL190 (项目支出 copied from the
    # 司法 row), its BL101 findings and the twin table's copy related locations of it.
    assert not [f for f in report.findings if f.rule_id == "BL101"]
    (diagnosis,) = [f for f in report.findings if f.rule_id == "BL190"]
    assert (diagnosis.locations[0].page, diagnosis.locations[0].address) == (11, "expense[2040601].project")
    related = {(loc.page, loc.address) for loc in diagnosis.related}
    assert {(11, "expense[2040601].total"), (14, "gpb_expense[2040601].total")} <= related
    assert not any(f.rule_id == "BL310" for f in report.findings)


def test_corpus_shanghai_putuo_2024_wanlijiedao_integer_tables():
    # p.29 基本支出表: 301 | 2 津贴补贴 16,623,810; 301 | 7 绩效工资 11,447,100 (款 without its 0).
    # p.20: the 支出表's 合计 row alone at the top of the page: 156,211,123 | 99,706,020 | 56,505,103.
    doc = _corpus("shanghai_putuo/shanghai_putuo_2024_wanlijiedao_ys_dept.pdf")
    basic = next(t for t in doc.tables if t.kind == "gpb_basic")
    assert _values(basic, "30102")["total"] == Decimal("16623810")
    assert _values(basic, "30107")["total"] == Decimal("11447100")
    expense = next(t for t in doc.tables if t.kind == "expense")
    assert _values(expense) == {
        "total": Decimal("156211123"),
        "basic": Decimal("99706020"),
        "project": Decimal("56505103"),
    }
    report = check_document(doc, load_rules())
    # the one error is the narrative's own slip (p.9 item 31: 住房公积金 heading 350.35 万元, then
    # "2024年预算安排352.67万元"; p.26 prints 3,503,499 元), not a misread table
    errors = [(f.rule_id, f.locations[0].page) for f in report.findings if f.severity == "error"]
    assert errors == [("BL501", 26)]


def test_a_header_reading_is_checked_as_the_rules_read_it():
    # An income table printing only some of the sources (no 财政专户, no 本年收入合计 column), of a
    # department funded by 一般公共预算 alone. Read as the rules read it (an absent source is 0),
    # 合计 = 一般公共预算 + … + 上年结转 holds, so the header's 合计 stays the table's total; it must
    # not become 财政拨款收入 just because 财政拨款 = 一般公共预算 + 0 + 0 also holds.
    raw = _grid(
        "收入总体情况表",
        "单位：万元",
        [
            [
                "单位名称",
                "合计",
                "一般公共预算拨款收入",
                "政府性基金预算拨款收入",
                "国有资本经营预算拨款收入",
                "事业收入",
                "其他收入",
                "上年结转",
            ],
            ["合计", "100.00", "100.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
        ],
    )
    table = _table(raw)
    assert table.kind == "income"
    got = _values(table)
    assert got["total"] == Decimal("100.00") and got["current.gpb"] == Decimal("100.00")
    assert "current.fiscal" not in got


def test_a_lone_amount_column_is_the_tables_total():
    # 一般公共预算基本支出预算表（经济科目） printing one amount column (江苏 公开08表 heads it 基本支出,
    # which the header vocabulary names; here a heading no vocabulary knows): no identity can
    # confirm or refute a one-column layout; its column is the table's total.
    raw = _grid(
        "一般公共预算基本支出预算表（经济科目）",
        "单位：万元",
        [
            ["科目编码", "科目名称", "本年安排"],
            ["", "合计", "30.00"],
            ["301", "工资福利支出", "20.00"],
            ["30101", "基本工资", "20.00"],
            ["302", "商品和服务支出", "10.00"],
            ["30201", "办公费", "10.00"],
        ],
    )
    table = _table(raw)
    assert table.kind == "gpb_basic"
    assert _values(table) == {"total": Decimal("30.00")}
    assert "唯一的金额列" in table.kind_reason
