"""Recognition gaps found by running the rules: captions, integer zeros, the 绩效目标表's amounts,
reader notes on cells, OCR numbers with a lost point, unkeyed fragments.

Inputs are small hand-made tables imitating the example exports (the line each imitates is
named); expected values are read off these strings.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.facts import flatten
from budgetlint.model import RawTable
from budgetlint.read.layout import read_layout
from budgetlint.recognise.header_layouts import header_layouts
from budgetlint.recognise import recognise_all
from tests.recognise.helpers import only_table, recognise, values
from tests.samples import INCOME_HEAD


# ------------------------------------------------------------------ captions


def test_caption_lines_reach_the_table() -> None:
    text = "2024 年部门支出预算表\n\n部门名称：测试局\n\n单位：万元\n\n单位代码\t单位名称\t合计\n\t合计\t1.00\n"
    table = only_table(recognise(text))
    assert table.caption == ["部门名称：测试局", "单位：万元"]


# ------------------------------------------------- integer zeros (决算 0)

GOV_FUND_07 = (
    "政府性基金预算财政拨款收入支出决算表\n\n单位：万元\n\n"
    "科目代码\t科目名称\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n"
    "\t\t\t\t小计\t基本支出\t项目支出\t\n"
    "\t合计\t0\t100.00\t100.00\t0\t100.00\t0\n"  # xigong line 566
    "229\t其他支出\t0\t100.00\t100.00\t0\t100.00\t0\n"
)


def test_zero_printed_before_the_first_decimal_is_a_value() -> None:
    table = only_table(recognise(GOV_FUND_07))
    assert table.kind == "final_gov_fund"
    assert values(table, "total") == {
        "carryover.start": Decimal(0),
        "income": Decimal("100.00"),
        "total": Decimal("100.00"),
        "basic": Decimal(0),
        "project": Decimal("100.00"),
        "carryover.end": Decimal(0),
    }
    assert values(table, "229")["carryover.start"] == Decimal(0)


def test_code_before_the_first_decimal_is_not_taken_as_a_value() -> None:
    # the first data row is a code row: 229 is a code, not the 年初结转和结余
    text = GOV_FUND_07.replace("\t合计\t0\t100.00\t100.00\t0\t100.00\t0\n", "")
    table = only_table(recognise(text))
    assert [c.key for c in table.columns][0] == "carryover.start"
    assert values(table, "229")["income"] == Decimal("100.00")


THREE_PUBLIC_09 = (
    "财政拨款“三公”经费支出决算表\n\n单位：万元\n\n"
    "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n"
    "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t"
    "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\n"
    "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\n"
    "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n"  # column numbers are not data
    "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"  # xigong line 644
)


def test_all_zero_row_without_decimals_is_data() -> None:
    doc = recognise(THREE_PUBLIC_09)
    table = only_table(doc)
    assert table.kind == "final_three_public"
    assert [r.key for r in table.rows] == ["total"]
    got = values(table, "total")
    assert len(got) == 12 and set(got.values()) == {Decimal(0)}
    assert got.keys() >= {"budget.total", "total", "vehicle.operation", "reception"}
    # bare zeros say nothing about precision: the 0.00 table keeps half a cent
    assert table.precision == 2
    assert {f.decimals for f in flatten(doc)} == {2}


def test_integer_table_keeps_integer_precision() -> None:
    text = "2024 年一般公共预算“三公”经费预算表\n\n单位：元\n\n“三公”经费合计\t因公出国（境）费\n15000\t0\n"
    table = only_table(recognise(text))
    assert table.precision == 0


# ---------------------------------------------------------------- cells


def test_number_that_lost_its_point_is_not_read() -> None:
    # yanjin line 439: "257 9" next to "257. 9" (the point survived there)
    text = (
        "2024 年部门预算项目绩效目标汇总表\n\n"
        "单位编码\t项目单位\t资金总额\t政府预算资金\t财政专户管理资金\t单位资金\n"
        "129\t\t257. 9\t257.9\t\t\n"
        "129001\t延津县政务服务和大数据管理局\t257 9\t257. 9\t\t\n"
    )
    doc = recognise(text)
    row = only_table(doc).row("unit:129001")
    assert row.cell("total").state == "text"
    assert row.cell("gov_budget").value == Decimal("257.9")
    assert any(w.code == "unparsed-number" and "257 9" in w.message for w in doc.warnings)


LAYOUT_INCOME = INCOME_HEAD + "合计 449.\n\n76 449.76 0 0 0 0 0\n\n注：本表反映收入。\n"


def test_reader_note_on_a_rejoined_number_survives_recognition() -> None:
    doc = recognise_all([read_layout(Path("x.txt"), LAYOUT_INCOME, header_layouts())])
    cell = only_table(doc).row("total").cell("total")
    assert cell.value == Decimal("449.76")
    assert cell.provenance.raw == "449.\n76"
    assert "合并为 449.76" in (cell.provenance.note or "")
    assert only_table(doc).row("total").cell("current.fiscal").provenance.note is None


# ------------------------------------------------ 项目绩效目标表 (amounts)

PERFORMANCE = (
    "本级部门预算项目绩效目标汇总表\n\n部门名称： 测试局\n\n单位：万元\n\n"
    "单位编码（项目编码）\t项目单位（项目名称）\t项目分类\t项目金额（万元）\t\t\t\t绩效目标\t\t\t\n"
    "\t\t\t\t\t\t\t成本指标\t\t产出指标\t\n"
    "\t\t\t资金总额\t政府预算资金\t财政专户管理资金\t单位资金\t三级指标\t指标值\t三级指标\t指标值\n"
    "045\t测试局\t\t35.00\t35.00\t\t\t\t\t\t\n"  # laocheng line 495
    "045001\t测试局\t\t35.00\t35.00\t\t\t\t\t\t\n"
    "41030223000000001209\t网络运行维护费\t其他运转类\t20.00\t20.00\t\t\t运维成本\t≤20万元\t带宽条数\t≥5条\n"
    "\t\t\t\t\t\t\t\t\t机房维护\t1个\n"  # an indicator line
    "41030223000000001210\t网民诉求及12345\t其他\t10.00\t10.00\t\t\t一年经费\t<10万元\t满意度\t≥99%\n"
    "\t专项经费\t运转类\t\t\t\t\t标准\t\t\t\n"  # the name wraps (laocheng line 503)
    "41030224000000 0014810\t信息创新项目\t其他运转类\t5.00\t5.00\t\t\t总成本\t≤5 万\t台式电脑\t≥750 台\n"
    "410726240\t乡镇便民\t\t9.0\t9.0\t\t\t\t\t\t\n"  # an OCR-broken code (yanjin line 466)
)


def test_performance_table_reads_amount_columns_only() -> None:
    doc = recognise(PERFORMANCE)
    table = only_table(doc)
    assert table.kind == "project_performance"
    assert [c.key for c in table.columns] == ["total", "gov_budget", "special_account", "unit_funds"]
    assert [r.key for r in table.rows] == ["unit:045", "unit:045001", "p1", "p2", "p3", None]
    assert values(table, "unit:045") == {"total": Decimal("35.00"), "gov_budget": Decimal("35.00")}
    assert values(table, "p1") == {"total": Decimal("20.00"), "gov_budget": Decimal("20.00")}
    assert values(table, "p3")["total"] == Decimal("5.00")  # code with an OCR space
    assert table.row("p2").label == "网民诉求及12345专项经费"
    facts = flatten(doc)
    assert {f.column for f in facts} == {"total", "gov_budget"}  # ≤20万元, 1个, ≥99% are words
    assert not [f for f in facts if f.value in (Decimal(5), Decimal(750), Decimal(99)) and f.row != "p3"]
    assert [w.code for w in doc.warnings] == ["unkeyed-row"]
    assert (
        doc.warnings[0].provenance.line
        == PERFORMANCE.split("\n").index("410726240\t乡镇便民\t\t9.0\t9.0\t\t\t\t\t\t") + 1
    )


def test_performance_table_with_total_row_and_no_category_column() -> None:
    # luolong 2023 lines 504-509: no 项目分类 column, a blank-led 合计 row first
    text = (
        "2023 年度区级部门预算项目绩效目标表\n\n"
        "单位编码（项目编码）\t项目单位（项目名称）\t项目金额（万元）\t\t\t\t绩效目标\t\n"
        "\t\t资金总额\t政府预算资金\t财政专户管理资金\t单位资金\t成本指标\t\n"
        "\t\t30.24\t30.24\t\t\t\t\n"
        "110001\t测试办\t30.24\t30.24\t\t\t\t\n"
        "410311230000000006018\t值班经费\t30.00\t30.00\t\t\t值班费支出\t≤30 万元\n"
        "410311230000000006020\t固定资产购置\t0.24\t0.24\t\t\t购置费用\t≤0.24 万元\n"
    )
    table = only_table(recognise(text))
    assert [r.key for r in table.rows] == ["total", "unit:110001", "p1", "p2"]
    assert table.unit_stated  # no 单位 line: 项目金额（万元） says it
    assert values(table, "total")["total"] == Decimal("30.24")
    assert values(table, "p2") == {"total": Decimal("0.24"), "gov_budget": Decimal("0.24")}


def test_unit_row_alone_is_not_the_summary_layout() -> None:
    # 长沙-style per-project tables: a unit code beside each project's name, no project codes
    text = (
        "2025年项目支出绩效目标表\n\n"
        "单位编码\t单位名称（项目名称）\t资金总额\t政府预算资金\t财政专户管理资金\t单位资金\n"
        "106001\t大院运行和维修经费\t2,791.51\t2,791.51\t\t\n"
    )
    doc = recognise(text)
    assert only_table(doc).rows == [] and doc.warnings == []


def test_project_row_with_blank_total_is_not_trusted() -> None:
    text = PERFORMANCE.replace(
        "41030224000000 0014810\t信息创新项目\t其他运转类\t5.00\t5.00",
        "41030224000000 0014810\t信息创新项目\t其他运转类\t\t5.00",
    )
    doc = recognise(text)
    table = only_table(doc)
    assert table.row("p3") is None
    assert not [f for f in flatten(doc) if f.row == "p3"]


# ------------------------------------------- 整体绩效目标表 (预算情况)

DEPT = (
    "部门（单位）整体绩效目标表 (2024 年度)\n\n"
    "部门名称: 部门(单位)名称\t测试局\t\n"
    "年度主要任务\t任务名称\t主要内容\n"
    "\t项目支出管理\t\n"  # a task whose name holds a label word, outside the 预算情况 block
    "预算情况\t部门预算总额（万元）\t100.00\n"  # laocheng lines 445-452
    "\t1、资金来源：\t\n"
    "\t（1）政府预算资金\t100.00\n"
    "\t（2）财政专户管理资金\t\n"
    "\t（3）单位资金\t\n"
    "\t2、资金结构：\t\n"
    "（1）基本支出\t60.00\t\n"
    "（2）项目支出\t40.00\t\n"
    "一级指标\t二级指标\t三级指标\t指标值\n"
    "投入管理指标\t预算和财务管理\t预算执行率\t≥99%\n"
    "\t\t基本支出\t100%\n"
)


def test_dept_performance_reads_its_budget_block_only() -> None:
    doc = recognise(DEPT)
    table = only_table(doc)
    assert table.kind == "dept_performance"
    assert table.unit_stated  # 部门预算总额（万元）
    assert [r.key for r in table.rows] == ["total"]
    assert values(table, "total") == {
        "total": Decimal("100.00"),
        "gov_budget": Decimal("100.00"),
        "basic": Decimal("60.00"),
        "project": Decimal("40.00"),
    }
    row = table.row("total")
    assert row.cell("special_account").state == "blank" and row.cell("unit_funds").state == "blank"
    assert {f.column for f in flatten(doc)} == {"total", "gov_budget", "basic", "project"}


def test_dept_performance_without_a_readable_total_gives_nothing() -> None:
    # yanjin lines 391-395: the OCR lost the labels (部门到 / (万元), values with no names)
    text = DEPT.replace("部门预算总额（万元）", "部门到 (万元)")
    table = only_table(recognise(text))
    assert table.rows == []


# --------------------------------------------------- unkeyed fragments


def test_unkeyed_fragment_is_not_reported_as_ambiguous() -> None:
    # yanjin lines 213-214: a wrapped label's second line printed with numbers of its own
    text = (
        "2024 年部门支出总体情况表\n\n单位：万元\n\n"
        "科目编码\t\t\t单位代码\t单位（科目名称）\t合计\t基本支出\t\t\t\t项目支出\t\t\n"
        "类\t款\t项\t\t\t\t小计\t工资福利支出\t对个人和家庭的补助\t商品和服务支出\t资本性支出\t小计\t其他运转类\t特定目标类\n"
        "\t\t\t\t合计\t18.08\t18.08\t18.08\t\t\t\t\t\t\n"
        "208\t05\t05\t\t机关事业单位基本养老保险\t18.08\t18.08\t18.08\t\t\t\t\t\t\n"
        "\t\t\t\t缴费支出\t10.00\t10.00\t10.00\t\t\t\t\t\t\n"
    )
    doc = recognise(text)
    codes = [w.code for w in doc.warnings]
    assert "unkeyed-row" in codes and "ambiguous-row" not in codes


def test_per_project_performance_table_of_another_layout_is_left_as_words() -> None:
    # other regions print one small table per project: label cells down the left, no codes
    text = (
        "综合工作经费项目绩效目标表\n\n"
        "项目名称\t综合工作经费\t\t\n"
        "主管部门\t某局\t实施单位\t某局\n"
        "项目资金（万元）\t资金总额\t120.00\t\n"
        "\t其中：财政拨款\t120.00\t\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t培训人次\t≥300\n"
    )
    doc = recognise(text)
    table = only_table(doc)
    assert table.kind == "project_performance"
    assert table.rows == [] and not table.empty
    assert doc.warnings == []


def test_header_layouts_come_from_the_vocabulary_and_a_yaml_error_names_the_file(tmp_path, monkeypatch) -> None:
    from budgetlint.errors import RuleError
    from budgetlint.recognise import header_layouts as module

    layouts = header_layouts()
    assert any(t.two_sided and t.values == 2 for t in layouts)  # 公开01表 of final_tables.yaml
    assert all(not hasattr(t, "kind") for t in layouts)  # words and grids, no table kinds
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "final_tables.yaml").write_text("layout_headers:\n  - name: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(module, "vocab_dir", lambda: tmp_path / "vocab")
    module.header_layouts.cache_clear()
    try:
        with pytest.raises(RuleError, match=r"vocab/final_tables\.yaml: YAML 格式错误"):
            module.header_layouts()
    finally:
        module.header_layouts.cache_clear()


def test_a_shredded_header_is_rebuilt_only_with_the_layouts_given() -> None:
    with_layouts = read_layout(Path("x.txt"), LAYOUT_INCOME, header_layouts())
    without = read_layout(Path("x.txt"), LAYOUT_INCOME)
    (table,) = [b for b in with_layouts.blocks if isinstance(b, RawTable)]
    (bare,) = [b for b in without.blocks if isinstance(b, RawTable)]
    assert "版式模板" in (table.rows[0][2].provenance.note or "")
    assert not any("版式模板" in (c.provenance.note or "") for c in bare.rows[0])
