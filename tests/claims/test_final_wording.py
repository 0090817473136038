"""决算 narrative wording of regions the corpus does not hold, against the 2023 西工区 tables
(examples/2023-xigong-zwfw-final.txt): every sentence here is right as printed, checked by hand
against those tables (a review of correct narratives, 2026-12-01), and must raise nothing; a
misprinted copy of it is still found.

Figures used (examples/2023-xigong-zwfw-final.txt): 支出决算表 lines 267–294 — 201 一般公共服务
支出 318.99 = 基本支出 145.59 + 项目支出 173.39; 2010350 事业运行 220.99 = 88.65 + 132.34;
2010302 一般行政管理事务 36.06; 2101101 行政单位医疗 3.17, 2101102 事业单位医疗 4.61; 收支总计
449.76 (line 165); 财政拨款收入支出决算总表 (line 401): 一般公共预算 349.76 + 政府性基金预算 100.00.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.claims.extract import paragraph_from_text
from budgetlint.engine import check_document, load_rules
from budgetlint.pipeline import load_document

XIGONG = Path(__file__).resolve().parents[2] / "examples" / "2023-xigong-zwfw-final.txt"
RULES = {r.id: r for r in load_rules(select=["BL5"])}


@pytest.fixture(scope="module")
def xigong():
    return load_document(XIGONG)


def run(doc, rule_id: str, text: str):
    doc = doc.model_copy()
    doc.paragraphs = [paragraph_from_text(text, path=doc.path, line=9000)]
    return check_document(doc, [RULES[rule_id]]).findings


@pytest.mark.parametrize(
    "text",
    [
        # a budget adjustment in the year is neither the item's 决算数 nor a change from last year
        "一般行政管理事务（项）年初预算为40.00万元，年中追加5.00万元，全年预算为45.00万元，支出决算为36.06万元。",
        "一般行政管理事务（项）年初预算为40.00万元，追加预算5.00万元，全年预算为45.00万元，支出决算为36.06万元。",
        "事业运行（项）年初预算为240.99万元，年中调减预算20.00万元，支出决算为220.99万元。",
        # a 其中 list of an item's 基本支出/项目支出 is that row's, not the department's 合计 row's
        "事业运行（项）支出决算为220.99万元。其中：基本支出88.65万元，项目支出132.34万元。",
        "一般公共服务支出（类）318.99万元，占91.20%，其中：基本支出145.59万元，项目支出173.39万元。",
        # "分别为 a、b": the i-th amount is the i-th subject's
        "行政单位医疗（项）、事业单位医疗（项）支出决算分别为3.17万元、4.61万元。",
        # an amount of last year, in a clause opened by 上年, is no figure of this year
        "本年度收、支总计均为449.76万元，上年度收、支总计均为357.87万元，增加91.89万元，增长25.68%。",
    ],
)
def test_correct_sentences_raise_no_amount_finding(xigong, text):
    assert [f.message for f in run(xigong, "BL501", text)] == []


def test_an_items_part_is_checked_against_its_row(xigong):
    (f,) = run(xigong, "BL501", "事业运行（项）支出决算为220.99万元。其中：基本支出86.65万元，项目支出132.34万元。")
    assert "88.65" in f.message and "86.65" in f.message


def test_respective_amounts_are_paired_in_order(xigong):
    # 财政拨款收入支出决算总表 (line 401): 一般公共预算 349.76, 政府性基金预算 100.00
    text = "一般公共预算财政拨款收入、政府性基金预算财政拨款收入分别为349.76万元、100.00万元。"
    assert run(xigong, "BL501", text) == []
    (f,) = run(xigong, "BL501", text.replace("100.00万元", "110.00万元"))
    assert "政府性基金" in f.message and "100.00" in f.message


def test_respective_amounts_that_cannot_be_paired_are_not_checked(xigong):
    # two 项 read as one chain of names: which amount is whose cannot be told (was: 5.14 bound to
    # 事业单位医疗 as its 决算数)
    text = "行政单位医疗（项）、事业单位医疗（项）年初预算分别为5.14万元、10.72万元，支出决算分别为3.17万元、4.61万元。"
    assert run(xigong, "BL501", text) == []
    # the same under a heading sentence naming the items (the heading's subject went to 5.14)
    text = "7.卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）、事业单位医疗（项）。" + text.split("）", 2)[2]
    assert run(xigong, "BL501", text) == []


@pytest.mark.parametrize(
    "text",
    [
        # 318.99 / 349.76 = 91.20 %, 13.21 / 349.76 = 3.78 %, 7.78 / 349.76 = 2.22 %, 9.79 / 349.76 = 2.80 %
        "一般公共服务支出、社会保障和就业支出、卫生健康支出、住房保障支出分别为318.99万元、13.21万元、7.78万元、9.79万元，"
        "分别占一般公共预算财政拨款支出的91.20%、3.78%、2.22%、2.80%。",
        # 176.37 / 449.76 = 39.21 %, 273.39 / 449.76 = 60.79 %
        "基本支出和项目支出分别为176.37万元和273.39万元，分别占39.21%和60.79%。",
    ],
)
def test_respective_shares_are_of_the_respective_amounts(xigong, text):
    assert [f.message for f in run(xigong, "BL502", text)] == []


def test_a_wrong_respective_share_is_found(xigong):
    text = (
        "2023年一般公共预算财政拨款支出349.76万元。一般公共服务支出、社会保障和就业支出、卫生健康支出、住房保障支出"
        "分别为318.99万元、13.21万元、7.78万元、9.79万元，分别占一般公共预算财政拨款支出的91.20%、3.78%、2.22%、3.80%。"
    )
    (f,) = run(xigong, "BL502", text)
    assert "9.79" in f.message and "2.80" in f.message


@pytest.mark.parametrize("rule", ["BL501", "BL503", "BL540"])
def test_an_earlier_year_after_this_years_statement_is_the_base(xigong, rule):
    text = "本年度收、支总计均为449.76万元，2022年度收、支总计均为357.87万元，增加91.89万元，增长25.68%。"
    assert run(xigong, rule, text) == []


def test_last_years_figure_in_its_own_clause_is_the_base_of_the_change(xigong):
    text = "本年度收、支总计均为449.76万元，上年度收、支总计均为357.87万元，增加91.89万元，增长25.68%。"
    assert run(xigong, "BL503", text) == []
    (f,) = run(xigong, "BL503", text.replace("25.68%", "34.55%"))
    assert "25.68" in f.message


@pytest.mark.parametrize(
    "text",
    [
        # 2.26 > 2.00 (年初) while the rate is of the 全年 3.00: the comparison is of the 年初 budget
        "公务接待费年初预算为2.00万元，全年预算为3.00万元，支出决算为2.26万元，完成全年预算的75.33%。决算数大于年初预算数的主要原因是接待任务增加。",
        "公务接待费年初预算为2.34万元，全年预算为1.20万元，支出决算为1.31万元，完成年初预算的55.98%，决算数大于全年预算数。",
    ],
)
def test_a_comparison_with_the_other_budget_is_not_read_against_this_one(xigong, text):
    assert run(xigong, "BL512", text) == []


def test_a_kinds_own_kinds_in_brackets_are_not_more_parts(xigong):
    assert (
        run(xigong, "BL521", "共有车辆3辆，其中：公务用车2辆（机要通信用车1辆、其他用车1辆），执法执勤用车1辆。") == []
    )
    assert (
        len(run(xigong, "BL521", "共有车辆3辆，其中：公务用车2辆（机要通信用车1辆、其他用车1辆），执法执勤用车2辆。"))
        == 1
    )


# A section about one fund's 财政拨款 (the 决算 headings name the fund, then 财政拨款): its
# sentences speak of that fund. The 西工区 财政拨款收入支出决算总表 prints 本年支出 449.76 =
# 一般公共预算 349.76 + 政府性基金 100.00; a 2022 figure 30.00 higher gives 30.00 ÷ 379.76 = 7.90 %
# for the 一般公共预算 column (6.25 % of the 479.76 of all funds). Found on 西安 卫健委 2022 (p.11:
# "财政拨款支出减少17,151.62万元，下降5.48%" under 五、一般公共预算财政拨款支出决算情况说明).
GPB_SECTION = "五、一般公共预算财政拨款支出决算情况说明"


def run_in(doc, rule_id: str, text: str, section: str):
    doc = doc.model_copy()
    doc.paragraphs = [paragraph_from_text(text, path=doc.path, line=9000, section=section)]
    return check_document(doc, [RULES[rule_id]]).findings


@pytest.mark.parametrize(
    "rule, text",
    [
        ("BL503", "与上年相比，财政拨款支出减少30.00万元，下降7.90%。"),
        ("BL501", "2023年度财政拨款支出决算349.76万元。"),
    ],
)
def test_fiscal_spending_in_a_gpb_section_is_the_gpb_column(xigong, rule, text):
    assert [f.message for f in run_in(xigong, rule, text, GPB_SECTION)] == []


def test_fiscal_spending_in_a_gpb_section_is_still_checked(xigong):
    (f,) = run_in(xigong, "BL501", "2023年度财政拨款支出决算359.76万元。", GPB_SECTION)
    assert "349.76" in f.message


def test_a_fund_heading_names_the_fund_not_fiscal_money():
    from budgetlint.claims.extract import extract_paragraph

    text = "2023年度政府性基金预算财政拨款年初结转和结余0万元，收入决算100.00万元，年末结转和结余0万元。"
    claims = extract_paragraph(paragraph_from_text(text, section="七、政府性基金预算财政拨款收入支出决算情况说明"))
    assert claims and {c.section_funds for c in claims} == {"政府性基金"}
