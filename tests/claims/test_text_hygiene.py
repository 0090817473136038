"""Headings naming the document's year, doubled punctuation and characters, list
numbering: what is found and — above all — what the PDF text layer makes up and
must not be reported (a character repeated over a line break, fake bold)."""

from __future__ import annotations

from budgetlint.claims.extract import paragraph_from_text
from budgetlint.claims.headings import heading_text, heading_years
from budgetlint.claims.hygiene import cn_number, doubled_character, doubled_punctuation, numbering_breaks

TERMS = ["基本支出", "项目支出", "公务接待费"]


def para(text: str):
    return paragraph_from_text(text)


# ------------------------------------------------------------ headings


def test_heading_with_dot_leaders_and_page_number():
    assert (
        heading_text(para("第三部分国家信访局2024年度部门决算情况说明..............14"))
        == "第三部分国家信访局2024年度部门决算情况说明"
    )


def test_sentence_or_figure_is_no_heading():
    assert heading_text(para("2026年预算数为5,826.21万元，比2025年执行数增加271.14")) is None
    assert heading_text(para("本部门2024年度部门决算收入总计100万元。")) is None


def test_heading_years_for_the_document_kind_only():
    assert [h.year for h in heading_years(para("第三部分 2025年度部门预算情况说明"), "budget")] == [2025]
    assert [h.year for h in heading_years(para("表6.2026年市级部门一般公共预算基本支出预算表"), "budget")] == [2026]
    # a 决算 citing the budget it executed, a comparison, a project name: not the document's year
    assert heading_years(para("十一、关于2023年度预算绩效情况说明"), "final") == []
    assert heading_years(para("与2023年度决算对比情况"), "final") == []
    assert heading_years(para("2021年度西安市基本公共卫生服务项目补助资金绩效评价报告"), "final") == []


# ------------------------------------------------------------ doubled punctuation


def test_doubled_full_stop_on_one_line():
    hit = doubled_punctuation(para("主要用于信息化建设及运行维护等方面的支出。。2025年当年预算执行数为60.41万元。"))
    assert hit is not None and hit.found == "。。"


def test_punctuation_repeated_over_a_line_break_is_not_reported():
    assert doubled_punctuation(para("主要用于信息化建设及运行维护等方面的支出。\n。2025年当年预算执行数")) is None


def test_runs_of_three_and_fake_bold_are_not_reported():
    assert doubled_punctuation(para("目录。。。。。。3")) is None
    assert doubled_punctuation(para("经经经费费费、、、会会会议议议费费费")) is None


# ------------------------------------------------------------ doubled characters


def test_word_end_doubled_before_a_number():
    hit = doubled_character(para("公务接待费费6.51万元，较上年减少1.49万元。"), TERMS)
    assert hit is not None and hit.found == "费费"


def test_a_name_with_a_reduplicated_given_name_is_not_reported():
    assert doubled_character(para("本部门预算公开联系人：李婷婷，联系电话：0379-63212345。"), TERMS) is None
    assert doubled_character(para("经办人 王晶晶，审核人 张丽丽。"), TERMS) is None
    assert doubled_character(para("信息创新项目采购“娃哈哈”等品牌产品除外。"), TERMS) is None  # a quoted name
    # a word's last character twice is still one, also after a mark (会议费费: no surname before 费费)
    assert doubled_character(para("其中：会议费费0.24万元。"), TERMS) is not None


def test_inner_character_of_a_known_term():
    assert doubled_character(para("其中：基本支支出1743.43万元。"), TERMS).found == "支支"


def test_words_that_meet_and_reduplication_are_not_reported():
    for text in (
        "主要用于在职职工医保补助支出。",
        "信访研究宣传立法专项项目综述",
        "承担全市市场监管领域大数据。",
        "包括培训费、公杂费等等支出。",
        "营造干干净净的亲清政商关系。",
        "年年增长，常常如此。",
    ):
        assert doubled_character(para(text), TERMS) is None, text


def test_character_repeated_over_a_line_break_is_not_reported():
    # the 目录 line "…预算总表" followed by the line "表5.…" (hangzhou 2026): two lines
    assert (
        doubled_character(
            para("表4.2026年市级部门财政拨款收支预算总表\n表5.2026年市级部门一般公共预算支出预算表"), TERMS
        )
        is None
    )
    assert doubled_character(para("公务接待费\n费6.51万元"), TERMS) is None


def test_numerals_are_not_reported():
    assert doubled_character(para("三三制，一一对应。"), TERMS) is None


# ------------------------------------------------------------ numbering


def paras(*texts):
    return [para(t) for t in texts]


def test_cn_numbers():
    assert [cn_number(s) for s in ("一", "九", "十", "十一", "二十", "二十三")] == [1, 9, 10, 11, 20, 23]


def test_swapped_items():
    found = numbering_breaks(paras("一、收支总体情况", "三、支出情况", "二、收入情况", "四、财政拨款情况"))
    assert [(b.kind, b.number, b.previous) for b in found] == [("swapped", 2, 3)]


def test_duplicate_item():
    found = numbering_breaks(paras("（一）甲", "（二）乙", "（二）丙", "（三）丁"))
    assert [(b.kind, b.number) for b in found] == [("duplicate", 2)]


def test_style_reused_at_two_levels_and_restarts_are_not_reported():
    assert (
        numbering_breaks(paras("（一）部门职责", "（一）甲", "（二）乙", "（七）庚", "（二）机构设置", "（三）构成"))
        == []
    )
    assert numbering_breaks(paras("1.甲", "2.乙", "注：1.丙", "2.丁", "1.戊", "2.己")) == []
    assert numbering_breaks(paras("一、甲", "三、丙", "四、丁")) == []  # a gap: perhaps merged by the text layer


def test_numbers_are_no_list_items():
    assert numbering_breaks(paras("1.甲", "2.乙", "2.5万元结余", "1.丙", "3.丁")) == []


def test_department_name_between_year_and_kind_word():
    assert [h.year for h in heading_years(para("第二部分2026年度苏州市审计局部门预算表"), "budget")] == [2026]
    # another year in between stops the match: the year before belongs to something else
    assert [h.year for h in heading_years(para("2023年度结转资金纳入2024年部门预算情况"), "budget")] == [2024]


def test_execution_of_last_years_budget_is_not_the_documents_year():
    assert heading_years(para("二、2024年部门预算执行情况"), "budget") == []
