"""广东 and 江苏 layouts whose printed tables were not understood (issue 8 coverage).

Every expected value was read by hand off the rendered page named in the comment, never
copied from budgetlint's output. Skipped when the shared corpus is absent.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.model import Document, Table
from budgetlint.pipeline import load_document
from tests.recognise.helpers import values


@lru_cache(maxsize=None)
def _doc(folder: str, name: str) -> Document:
    return load_document(CORPUS_DIR / folder / name)


def doc(folder: str, name: str) -> Document:
    if not (CORPUS_DIR / folder / name).exists():
        pytest.skip(f"{name} not present")
    return _doc(folder, name)


def one(document: Document, kind: str) -> Table:
    tables = [t for t in document.tables if t.kind == kind]
    assert len(tables) == 1, [(t.kind, t.title) for t in document.tables]
    return tables[0]


D = Decimal


# ---------------------------------------------------------------- 江苏 2017 人大 (jiangsu_open_budget)


def test_summary_continued_with_cells_spanning_columns_is_one_table():
    # p.7–8 收支预算总表 (6 columns); p.9 continues it with 小计 | 金额 | 结转下年资金 (over the three
    # middle columns) | 金额, then 收入合计 13,649.07 | 支出合计 13,649.07. No table is left unrecognised.
    d = doc("jiangsu_open_budget", "jiangsu_2017_renda_ys_full.pdf")
    summary = one(d, "income_expense_summary")
    assert values(summary, "in.grand_total")["amount"] == D("13649.07")
    assert values(summary, "out.grand_total")["amount"] == D("13649.07")
    assert values(summary, "in.current_total")["amount"] == D("13649.07")
    assert all(t.kind for t in d.tables)


def test_expense_total_table_with_one_unnamed_row_is_its_total():
    # p.10 支出预算总表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金, one row
    # 13,649.07 | 7,666.68 | 5,853.96 | 128.43 | (blank)
    d = doc("jiangsu_open_budget", "jiangsu_2017_renda_ys_full.pdf")
    expense = next(t for t in d.tables if t.kind == "expense" and t.title == "支出预算总表")
    got = values(expense, "total")
    assert got["total"] == D("13649.07")
    assert got["basic"] == D("7666.68")
    assert got["project"] == D("5853.96")
    assert got["reserve"] == D("128.43")
    assert "carry_forward" in {c.key for c in expense.columns}
    assert "carry_forward" not in got  # printed blank


# ---------------------------------------------------------------- 江苏 2019 高院


def test_income_table_printed_standing_up():
    # p.9 公开02表 收入预算总表: 收入总计 37,188.34; 一般公共预算资金 小计 37,188.34;
    # 公共财政拨款（补助）资金 37,188.34; 专项收入, 政府性基金, 财政专户, 其他资金, 上年结转 blank.
    income = one(doc("jiangsu_open_budget", "jiangsu_2019_gaoyuan_ys_full.pdf"), "income")
    got = values(income, "total")
    assert got == {"total": D("37188.34"), "current.gpb": D("37188.34"), "current.gpb.fiscal": D("37188.34")}
    keys = {c.key for c in income.columns}
    assert {"current.gov_fund", "current.special_account", "current.other_funds", "carryover.total"} <= keys
    row = income.row("total")
    assert row.cell("current.gov_fund").state == "blank"


def test_basic_table_titled_by_economic_subjects_and_single_basic_column():
    d = doc("jiangsu_open_budget", "jiangsu_2019_gaoyuan_ys_full.pdf")
    # p.11 公开06表 财政拨款基本支出预算表（经济科目）: not a 支出表 (its rows are 经济科目)
    assert any(t.kind == "basic_economic" and "经济科目" in t.title for t in d.tables)
    assert not any(t.kind == "expense" and "基本支出" in t.title for t in d.tables)
    # p.13 公开08表: 科目编码 | 科目名称 | 基本支出 — 合计 21,968.00; 301 16,324.07; 30309 1.97
    basic = one(d, "gpb_basic")
    assert values(basic, "total")["total"] == D("21968.00")
    assert values(basic, "301")["total"] == D("16324.07")
    assert values(basic, "30309")["total"] == D("1.97")


def test_total_spanning_code_and_name_columns_starts_the_amounts_after_it():
    # p.14 公开10表 政府性基金预算财政拨款支出预算表: 功能科目编码 | 功能科目名称 | 金额; 合 计 (over
    # the two label columns) | 0
    gov_fund = one(doc("jiangsu_open_budget", "jiangsu_2019_gaoyuan_ys_full.pdf"), "gov_fund")
    assert [c.key for c in gov_fund.columns] == ["total"]
    assert values(gov_fund, "total")["total"] == D("0")


# ---------------------------------------------------------------- 广州 2026 统计局 (city_crawl_renwu)


def test_functional_codes_in_brackets():
    # p.13 表5 一般公共预算支出情况表（按功能分类科目）: [201]一般公共服务支出 8,295.28 | 7,263.23 | 1,032.05;
    # [2010501]行政运行 6,453.03; [2210203]购房补贴 566.53
    gpb = one(doc("city_crawl_renwu", "guangzhou_2026_tongjiju_ys.pdf"), "gpb_expense")
    assert values(gpb, "201") == {"total": D("8295.28"), "basic": D("7263.23"), "project": D("1032.05")}
    assert values(gpb, "2010501")["total"] == D("6453.03")
    assert values(gpb, "2210203")["total"] == D("566.53")
    assert gpb.row("201").label == "一般公共服务支出"


def test_three_public_standing_with_fund_columns():
    # p.17 表8 财政拨款安排的行政经费及"三公"经费预算表: 项目 | 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算;
    # 行政经费 839.21; "三公"经费 19.86; 因公出国（境）5.00; 公务用车购置及运行维护 6.70; 购置 0.00;
    # 运行维护 6.70; 公务接待 8.16
    three = one(doc("city_crawl_renwu", "guangzhou_2026_tongjiju_ys.pdf"), "three_public")
    assert values(three, "total") == {
        "total": D("19.86"),
        "abroad": D("5.00"),
        "vehicle": D("6.70"),
        "vehicle.purchase": D("0.00"),
        "vehicle.operation": D("6.70"),
        "reception": D("8.16"),
    }
    assert len(three.rows) == 1


def test_department_basic_table_by_unit_and_funds_is_not_an_expense_table():
    # p.20 表11 部门预算基本支出预算表: 总计 | 财政拨款(合计, 一般公共预算, 政府性基金预算, 国有资本经营预算) |
    # 财政专户拨款 | 其他资金; 合计 8,401.67 | 8,401.67 | 8,401.67 | 0.00 …
    d = doc("city_crawl_renwu", "guangzhou_2026_tongjiju_ys.pdf")
    basic = next(t for t in d.tables if t.title == "部门预算基本支出预算表")
    assert basic.kind == "basic_economic"
    got = values(basic, "total")
    assert got["total"] == D("8401.67") and got["fiscal"] == D("8401.67") and got["gpb"] == D("8401.67")


def test_income_special_account_parts_are_named():
    # p.8 表2 收入总体情况表: 合计 9,483.72 | 一般公共预算 9,433.72 | 政府性基金 0.00 | 国有资本经营 0.00 |
    # 财政专户拨款收入: 教育收费 0.00 | 其他专户收入拨款 0.00 | 其他资金收入: 事业收入 0.00 | 事业单位经营收入 0.00 |
    # 其他收入 50.00 | 上级补助收入 0.00 | 附属单位上缴收入 0.00 | 上年结转结余 0.00
    income = one(doc("city_crawl_renwu", "guangzhou_2026_tongjiju_ys.pdf"), "income")
    got = values(income, "total")
    assert got["total"] == D("9483.72")
    assert got["current.special_account.tuition"] == D("0.00")
    assert got["current.special_account.other"] == D("0.00")
    assert got["current.other"] == D("50.00")
    assert not any(c.key.startswith("c") and c.key[1:].isdigit() for c in income.columns)
