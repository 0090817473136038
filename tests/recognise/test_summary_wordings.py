"""Summary-table wordings of other regions (values typed from the printed pages)."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.model import Provenance, RawParagraph, RawTable
from budgetlint.read.text import segment
from budgetlint.recognise import recognise_all
from budgetlint.recognise.metadata import department


def _values(text: str) -> dict[tuple[str | None, str], Decimal]:
    doc = recognise_all([segment(text, "s.txt")])
    (t,) = doc.tables
    return {(r.key, c.column): c.value for r in t.rows for c in r.cells if c.state == "value"}


def test_three_block_summary_keeps_the_merged_totals() -> None:
    # 江苏 公开01表: 收入 | 功能分类 | 支出用途; 当年支出小计 spans both expense blocks.
    text = (
        "收支预算总表\n\n单位：万元\n\n"
        "收入\t\t支出\t\t\t\n项目名称\t金额\t功能科目名称\t金额\t项目名称\t金额\n"
        "一、财政拨款\t10,070.48\t一、一般公共服务支出\t7,827.46\t一、基本支出\t5,678.17\n"
        "1.一般公共预算\t10,070.48\t二、外交支出\t\t二、项目支出\t4,472.31\n"
        "三、其他资金\t80.00\t八、社会保障和就业支出\t2,323.02\t\t\n"
        "当年收入小计\t10,150.48\t当年支出小计\t\t\t10,150.48\n"
        "上年结转资金\t\t结转下年资金\t\t\t\n"
        "收入合计\t10,150.48\t支出合计\t\t\t10,150.48\n"
    )
    got = _values(text)
    assert got[("in.current_total", "amount")] == Decimal("10150.48")
    assert got[("out.current_total", "amount")] == Decimal("10150.48")
    assert got[("out.grand_total", "amount")] == Decimal("10150.48")
    assert got[("in.other", "amount")] == Decimal("80.00")
    assert got[("in.fiscal", "amount")] == Decimal("10070.48")
    assert ("in.gpb_fiscal", "amount") not in got


def test_a_table_without_carryover_lines_has_its_total_as_the_current_total() -> None:
    # 上海 财务收支预算总表: 本年收入 band, no 上年结转 line, closes with 收入总计.
    text = (
        "2025年部门财务收支预算总表\n\n单位：万元\n\n"
        "本年收入\t\t本年支出\t\n项目\t预算数\t项目\t预算数\n"
        "一、财政拨款收入\t3,715.15\t一、一般公共服务支出\t216.02\n"
        "1.一般公共预算资金\t3,715.15\t二、科学技术支出\t3,499.13\n"
        "收入总计\t3,715.15\t支出总计\t3,715.15\n"
    )
    got = _values(text)
    assert got[("in.gpb", "amount")] == Decimal("3715.15")
    assert got[("in.current_total", "amount")] == Decimal("3715.15")
    assert got[("out.current_total", "amount")] == Decimal("3715.15")


def test_a_printed_carryover_line_keeps_total_and_current_apart() -> None:
    text = (
        "收支总表\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
        "一、一般公共预算拨款\t36,989.05\t一、一般公共服务支出\t37,385.88\n"
        "本年收入合计\t36,989.05\t本年支出合计\t37,385.88\n"
        "上年结余、结转\t396.83\t结转下年\t0.00\n"
        "收入总计\t37,385.88\t支出总计\t37,385.88\n"
    )
    got = _values(text)
    assert got[("in.carryover", "amount")] == Decimal("396.83")
    assert got[("in.current_total", "amount")] == Decimal("36989.05")
    assert got[("out.carryover", "amount")] == Decimal("0.00")


def test_fiscal_summary_financial_appropriation_line_is_its_current_total() -> None:
    # 杭州 财政拨款收支预算总表: 一、财政拨款 … 二、上年结转结余 … 收入总计
    text = (
        "财政拨款收支预算总表\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
        "一、财政拨款\t5,753.07\t一、本年支出合计\t5,753.07\n"
        "一般公共预算\t5,753.07\t科学技术支出\t28.00\n"
        "二、上年结转结余\t\t二、年终结转结余\t\n"
        "收入总计\t5,753.07\t支出总计\t5,753.07\n"
    )
    got = _values(text)
    assert got[("in.current_total", "amount")] == Decimal("5753.07")
    assert got[("in.gpb", "amount")] == Decimal("5753.07")


def _para(text: str) -> RawParagraph:
    return RawParagraph(text=text, provenance=Provenance(path="x.pdf", page=1))


def _caption_table(*caption: str) -> RawTable:
    return RawTable(title="收支总表", caption=list(caption), rows=[], provenance=Provenance(path="x.pdf", page=2))


def test_department_from_captions_cover_and_title() -> None:
    assert department([_caption_table("部门：无锡市信访局 单位：万元")]) == "无锡市信访局"
    assert department([_caption_table("单位名称：广州市统计局 单位：万元")]) == "广州市统计局"
    assert department([_caption_table("部门（单位）：烟台市审计局 单位：万元")]) == "烟台市审计局"
    assert department([_caption_table("单位：万元")]) is None
    assert (
        department([], [_para("上海市普陀区2025年区级部门预算"), _para("预算主管部门：上海市普陀区财政局")])
        == "上海市普陀区财政局"
    )
    assert department([], [_para("长沙市信访局2026年部门预算公开"), _para("目 录")]) == "长沙市信访局"
    assert department([], [_para("2026年度苏州市审计局部门预算公开")]) == "苏州市审计局"
    assert department([], [_para("江苏省人民检察院"), _para("2017年部门预算")]) == "江苏省人民检察院"
    assert (
        department([], [_para("2026年度"), _para("泉州市市场监管综合监测"), _para("与技术保障中心"), _para("单位预算")])
        == "泉州市市场监管综合监测与技术保障中心"
    )
    # a region is not a department
    assert department([], [_para("上海市普陀区2025年区级部门预算")]) is None
    assert department([], [_para("第一部分2026年度部门预算情况说明")]) is None


def test_fiscal_heading_is_not_a_second_current_total() -> None:
    # 湖州 财政拨款收支预算总表 prints 一、财政拨款 and, lower, 本年收入合计: one current total.
    text = (
        "财政拨款收支预算总表\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
        "一、财政拨款\t6838.41\t一般公共服务支出\t6838.41\n"
        "一般公共预算\t6838.41\t\t\n"
        "本年收入合计\t6838.41\t本年支出合计\t6838.41\n"
        "收入总计\t6838.41\t支出总计\t6838.41\n"
    )
    got = _values(text)
    assert got[("in.current_total", "amount")] == Decimal("6838.41")
    assert ("in.current_total#2", "amount") not in got
    assert got[("in.fiscal", "amount")] == Decimal("6838.41")


def test_old_health_class_name_alone_is_class_210_and_wrapped_names_join() -> None:
    text = (
        "收支预算总表\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
        "一般公共预算\t1,000.00\t八、社会保障和就\t600.00\n"
        "\t\t业支出\t\n"
        "\t\t九、医疗卫生与计划生育支出\t400.00\n"
        "收入总计\t1,000.00\t支出总计\t1,000.00\n"
    )
    got = _values(text)
    assert got[("208", "amount")] == Decimal("600.00")
    assert got[("210", "amount")] == Decimal("400.00")


def test_blank_grand_total_is_not_copied_and_repeated_carryover_kept_once() -> None:
    blank = (
        "财务收支预算总表\n\n单位：元\n\n"
        "本年收入\t\t本年支出\t\n项目\t预算数\t项目\t预算数\n"
        "一、财政拨款收入\t195,774,300\t一、一般公共服务支出\t195,774,300\n"
        "收入总计\t\t支出总计\t195,774,300\n"
    )
    assert ("in.current_total", "amount") not in _values(blank)
    repeated = (
        "收支总表\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
        "本年收入合计\t3,643.37\t本年支出合计\t3,643.37\n"
        "\t\t结转下年\t52.54\n"
        "\t\t结转下年\t52.54\n"
        "上年结转\t52.54\t\t\n"
        "收入总计\t3,695.91\t支出总计\t3,695.91\n"
    )
    got = _values(repeated)
    assert got[("out.carryover", "amount")] == Decimal("52.54")
    assert ("out.carryover#2", "amount") not in got


def test_three_public_takes_this_years_block() -> None:
    # 烟台 公开表7: 2025年预算数 | 2026年预算数 blocks side by side (values from the printed page).
    text = (
        "一般公共预算“三公”经费支出情况表\n\n单位：万元\n\n"
        "2025年预算数\t\t\t\t\t\t2026年预算数\t\t\t\t\t\n"
        "合计\t因公出国（境）经费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）经费\t"
        "公务用车购置及运行维护费\t\t\t公务接待费\n"
        "\t\t小计\t公务用车购置经费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置经费\t公务用车运行维护费\t\n"
        "11.90\t8.50\t\t\t\t3.40\t3.40\t\t\t\t\t3.40\n"
    )
    doc = recognise_all([segment(text, "s.txt")])
    (t,) = doc.tables
    assert t.kind == "three_public"
    got = {c.column: c.value for r in t.rows for c in r.cells if c.state == "value"}
    assert got.get("total") == Decimal("3.40") and got.get("reception") == Decimal("3.40")
    assert "abroad" not in got  # 8.50 is 2025's


def test_gpb_by_economic_class_is_the_gpb_column_of_the_economic_summary() -> None:
    text = (
        "一般公共预算支出表（按经济分类）\n\n单位：万元\n\n"
        "科目编码\t科目名称\t支出总计\t基本支出\t项目支出\n"
        "\t合计\t4,684.30\t3,072.01\t1,612.29\n"
        "301\t工资福利支出\t2,522.02\t2,522.02\t0.00\n"
        "30101\t基本工资\t356.33\t356.33\t0.00\n"
    )
    doc = recognise_all([segment(text, "s.txt")])
    (t,) = doc.tables
    assert t.kind == "economic_summary"
    got = {(r.key, c.column): c.value for r in t.rows for c in r.cells if c.state == "value"}
    assert got[("30101", "gpb")] == Decimal("356.33")
    assert not any(col == "total" for _, col in got)


def test_basic_expense_table_with_one_amount_column_and_bracketed_codes() -> None:
    # 广州 2026 统计局 表6: 部门预算支出经济科目 | 预算, codes printed as [30101]基本工资.
    text = (
        "一般公共预算基本支出情况表（按经济分类科目）\n\n单位：万元\n\n"
        "部门预算支出经济科目\t预算\n"
        "合计\t8,401.67\n"
        "[301]工资福利支出\t7,131.66\n"
        "[30101]基本工资\t927.35\n"
    )
    doc = recognise_all([segment(text, "s.txt")])
    (t,) = doc.tables
    got = {(r.key, c.column): c.value for r in t.rows for c in r.cells if c.state == "value"}
    assert got[("total", "total")] == Decimal("8401.67")
    assert got[("30101", "total")] == Decimal("927.35")


def test_a_word_marked_whole_cell_does_not_match_inside_a_longer_header() -> None:
    from budgetlint.recognise.grid import word_names

    assert word_names("=预算", "预算")
    assert not word_names("=预算", "政府预算支出经济分类科目名称")
    assert word_names("人员支出", "人员支出")


def test_merged_label_cells_before_a_blank_amount_are_not_the_amount() -> None:
    from budgetlint.model import Provenance, RawCell
    from budgetlint.recognise.summary import _merged_total

    prov = Provenance(path="x.pdf", page=1)
    covered = [RawCell(text="", provenance=prov, covered=True) for _ in range(2)]
    amount = RawCell(text="", provenance=prov)
    assert _merged_total([*covered, amount], ["amount"], "out.carryover") == [amount]
    value = RawCell(text="10,150.48", provenance=prov)
    assert _merged_total([*covered, value], ["amount"], "out.current_total") == [value]
    # a two-column side keeps its cells as printed
    assert _merged_total([*covered, value], ["total", "gpb"], "out.current_total") == [*covered, value]


def test_fiscal_summary_with_only_gpb_income_spends_gpb() -> None:
    # 苏州 2026 审计局 公开04表: 项目 | 预算数 on both sides; income all 一般公共预算拨款.
    text = (
        "财政拨款收支总表\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
        "一、本年收入\t4,651.67\t一、本年支出\t4,651.67\n"
        "（一）一般公共预算拨款\t4,651.67\t（一）一般公共服务支出\t2,906.63\n"
        "（二）政府性基金预算拨款\t\t（二）社会保障和就业支出\t1,745.04\n"
        "二、上年结转\t\t二、年终结转结余\t\n"
        "收入总计\t4,651.67\t支出总计\t4,651.67\n"
    )
    got = _values(text)
    assert got[("201", "gpb")] == Decimal("2906.63")
    assert got[("out.current_total", "gpb")] == Decimal("4651.67")
    with_fund = text.replace("（二）政府性基金预算拨款\t\t", "（二）政府性基金预算拨款\t10.00\t")
    assert ("201", "gpb") not in _values(with_fund)
