"""深圳 and 长春 budget layouts, read off the printed pages (rendered and read by hand).

深圳 2026 财政局（本级）: the unit's name in a 预算单位 column above its 科目编码 rows and no 合计
row; 三公 by fund (一般公共预算 | 政府性基金预算 | 国有资本经营预算) and by year (2025年 | 2026年 |
增减变化金额); 基本支出总表 printing economic names only. 长春 2026 信访局: 总计: with a colon,
合计 | 当年预算 | 上年结转结余 bands, a 项目支出表 by 类型 | 一级项目 | 二级项目.
Skipped when the shared corpus is absent.
"""

from __future__ import annotations

from decimal import Decimal as D

from budgetlint.claims.render import bound_claims
from tests.recognise.helpers import city_doc, values


def _table(doc, kind: str, page: int | None = None):
    return next(t for t in doc.tables if t.kind == kind and (page is None or t.provenance.page == page))


def test_shenzhen_unit_row_above_its_subject_codes_is_the_total():
    # p.20 支出总表: 深圳市财政局（本级） 37,385.88 | 11,024.31 | 26,361.57 | … | 3,790.75 | 537.85;
    # 201 一般公共服务支出 20,563.76; 2010601 行政运行 6,487.76 (codes in the 科目编码 column).
    doc = city_doc("shenzhen_2026_caizhengju_ys.pdf")
    expense = _table(doc, "expense")
    total = values(expense, "total")
    assert total["total"] == D("37385.88")
    assert total["basic"] == D("11024.31")
    assert total["project"] == D("26361.57")
    assert total["procurement"] == D("3790.75")
    assert total["procurement.sme"] == D("537.85")
    assert values(expense, "201")["total"] == D("20563.76")
    assert values(expense, "2010601")["total"] == D("6487.76")


def test_shenzhen_income_table_of_one_unit():
    # p.19 收入总表: 深圳市财政局（本级） 37,385.88 | 一般公共预算拨款 36,989.05 | … | 上年结余、结转 396.83
    doc = city_doc("shenzhen_2026_caizhengju_ys.pdf")
    total = values(_table(doc, "income"), "total")
    assert total["total"] == D("37385.88")
    assert total["current.gpb"] == D("36989.05")
    assert total["carryover.total"] == D("396.83")


def test_shenzhen_three_public_takes_this_years_general_budget_columns():
    # p.38: 2026年 row, 一般公共预算 columns: 总计 58.46, 因公出国(境)费 41.60, 公务接待费 9.46,
    # 公务用车购置及运行维护费 小计 7.40, 购置费 0.00, 运行维护费 7.40 (2025年 row: 59.66 … 8.60)
    doc = city_doc("shenzhen_2026_caizhengju_ys.pdf")
    table = _table(doc, "three_public")
    total = values(table, "total")
    assert total["total"] == D("58.46")
    assert total["abroad"] == D("41.60")
    assert total["reception"] == D("9.46")
    assert total["vehicle"] == D("7.40")
    assert total["vehicle.purchase"] == D("0.00")
    assert total["vehicle.operation"] == D("7.40")
    assert [r.key for r in table.rows].count("total") == 1


def test_shenzhen_basic_table_by_economic_names():
    # p.24 基本支出总表: 深圳市财政局（本级） 11,024.31; 工资福利支出 8,490.42; 基本工资 1,398.46;
    # 商品和服务支出 1,462.93; 对个人和家庭的补助 1,066.96; 资本性支出 4.00
    doc = city_doc("shenzhen_2026_caizhengju_ys.pdf")
    table = _table(doc, "basic_economic")
    assert values(table, "total")["total"] == D("11024.31")
    assert values(table, "301")["total"] == D("8490.42")
    assert values(table, "30101")["total"] == D("1398.46")
    assert values(table, "302")["total"] == D("1462.93")
    assert values(table, "303")["total"] == D("1066.96")
    assert values(table, "310")["total"] == D("4.00")


def test_changchun_total_with_colon_and_this_years_band():
    # p.8 支出总表: 总计: 1682.76 | 当年预算 小计 1682.76 | 基本支出 1208.2 | 项目支出 474.56 | … ;
    # 2014002 一般行政管理事务 458.00 | 0.00 | 0.00 | 458.00 (the 小计 printed 0.00); 上年结转结余 all 0.00
    doc = city_doc("changchun_2026_xinfangju_ys_unit.pdf")
    expense = _table(doc, "expense")
    total = values(expense, "total")
    assert total["total"] == D("1682.76")
    assert total["current"] == D("1682.76")
    assert total["basic"] == D("1208.2")
    assert total["project"] == D("474.56")
    row = values(expense, "2014002")
    assert row["current"] == D("0.00")
    assert row["project"] == D("458.00")


def test_changchun_three_public_this_years_band():
    # p.12: “三公”经费合计 7.61 | 当年预算 小计 7.61 | 因公出国（境）费 小计 0.00 | … | 公务用车购置及运行费
    # 小计 6.75 | 购置费 0.00 | 运行费 6.75 | 公务接待费 0.86 | 上年结转结余 … all 0.00
    doc = city_doc("changchun_2026_xinfangju_ys_unit.pdf")
    total = values(_table(doc, "three_public"), "total")
    assert total["total"] == D("7.61")
    assert total["abroad"] == D("0.00")
    assert total["vehicle"] == D("6.75")
    assert total["vehicle.operation"] == D("6.75")
    assert total["reception"] == D("0.86")


def test_changchun_project_list_by_levels():
    # p.14 项目支出表: 部门特定目标类项目 474.56 (类型) > 综合管理 474.56 (一级项目) > 2026信访专项经费 30.00,
    # …, 信访局临聘人员经费 16.56 (二级项目, 项目单位 长春市信访局)
    doc = city_doc("changchun_2026_xinfangju_ys_unit.pdf")
    table = _table(doc, "projects")
    assert values(table, "total")["total"] == D("474.56")
    projects = [r for r in table.rows if r.kind == "project"]
    assert len(projects) == 4
    assert projects[0].label == "2026信访专项经费" and values(table, projects[0].key)["total"] == D("30.00")
    assert projects[-1].label == "信访局临聘人员经费" and values(table, projects[-1].key)["total"] == D("16.56")


def test_changchun_income_table_of_one_coded_unit():
    # p.7 收入总表: 105001 长春市信访局 1682.76 | 编制预算 小计 1682.76 | 一般公共预算 1682.76
    doc = city_doc("changchun_2026_xinfangju_ys_unit.pdf")
    assert values(_table(doc, "income"), "total")["total"] == D("1682.76")


def test_project_names_in_the_narrative_bind_to_their_rows():
    # 长春 p.18: "2026信访专项经费30万元 … 信访局临聘人员经费15.56万元" (the table prints 16.56);
    # 深圳 信访局 p.7: "信访专项486.39万元 … 信访专项经费81.90万元" (the second is an item of the first)
    doc = city_doc("changchun_2026_xinfangju_ys_unit.pdf")
    by_subject = {c.claim.subject: c for c in bound_claims(doc) if c.claim.kind == "amount" and c.claim.subject}
    assert by_subject["projrow:2026信访专项经费"].binding.fact.mid == D("30.00")
    assert by_subject["projrow:信访局临聘人员经费"].claim.amount.value == D("15.56")
    assert by_subject["projrow:信访局临聘人员经费"].binding.fact.mid == D("16.56")
    doc = city_doc("shenzhen_2026_xinfangju_ys.pdf")
    named = [c for c in bound_claims(doc) if c.claim.subject == "projrow:信访专项"]
    assert [c.claim.amount.value for c in named] == [D("486.39")]


def test_three_public_by_fund_needs_the_other_funds_empty():
    # A 政府性基金 三公 amount makes the 一般公共预算 column no longer the item's 财政拨款 total.
    from budgetlint.model import Provenance, RawCell
    from budgetlint.recognise.three_public import by_fund_keys

    def cells(*texts):
        return [RawCell(text=t, provenance=Provenance(path="t")) for t in texts]

    paths = [("一般公共预算", ["总计"]), ("政府性基金预算", ["总计"]), ("国有资本经营预算", ["总计"])]
    zero = [cells("2026年", "5.58", "0.00", "0.00")]
    assert by_fund_keys(paths, ["total"] * 3, zero, 1) == ["total", None, None]
    money = [cells("2026年", "5.58", "1.00", "0.00")]
    assert by_fund_keys(paths, ["total"] * 3, money, 1) is None
