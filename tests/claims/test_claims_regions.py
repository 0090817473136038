"""Binding the wording of 浙江, 福建, 江苏, 中央 and 北京 documents (issue 9).

Sentences and table figures are as printed, read by hand from the corpus pages named in each
test: 杭州市气象局 2026 (表5 p19, narrative p5–p7), 杭州市司法局 2026 (p5–p6), 泉州市人民政府办公室
2026 (p25), 无锡市统计局 2026 (p26–p27), 国家信访局 2026 (p19), 湖州市退役军人事务局 2026 (p10),
长沙市公安局 2025 (p9).
"""

from __future__ import annotations

from decimal import Decimal as D

from budgetlint.claims.bind import FactLookup
from budgetlint.claims.extract import extract, paragraph_claims, paragraph_from_text
from budgetlint.facts.index import DocIndex
from budgetlint.model import Document, Provenance, RawCell, RawTable
from budgetlint.recognise import recognise_table

from tests.claims.test_claims_bind import bind, fact


def _table(title: str, rows: list[list[str]], class_codes: dict[str, str]):
    """A table recognised from its printed grid; the 类 rows keyed by name as the pipeline does."""
    prov = Provenance(path="t.pdf", page=19)
    raw = RawTable(title=title, rows=[[RawCell(text=t, provenance=prov) for t in r] for r in rows], provenance=prov)
    table = recognise_table(raw, "t5", [])
    for row in table.rows:
        if row.label in class_codes:
            row.key = class_codes[row.label]
    return table


# 杭州市气象局 2026 表5 一般公共预算支出预算表 (p19): 款 and 项 are printed by name only.
HANGZHOU_GPB = [
    ["功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["合计", "5,753.07", "3,745.07", "2,008.00"],
    ["科学技术支出", "28.00", "", "28.00"],
    ["技术研究与开发", "28.00", "", "28.00"],
    ["科技成果转化与扩散", "28.00", "", "28.00"],
    ["自然资源海洋气象等支出", "5,247.87", "3,267.87", "1,980.00"],
    ["气象事务", "5,247.87", "3,267.87", "1,980.00"],
    ["行政运行", "2,617.19", "2,617.19", ""],
    ["气象事业机构", "650.68", "650.68", ""],
    ["气象服务", "1,980.00", "", "1,980.00"],
]
HANGZHOU_CODES = {"科学技术支出": "206", "自然资源海洋气象等支出": "220"}


def _bound(text: str, table, section: str = "（五）一般公共预算当年拨款情况说明（详见表5）"):
    doc = Document(path="t.pdf", tables=[table], paragraphs=[paragraph_from_text(text, section=section)])
    lookup = FactLookup.from_index(DocIndex(doc))
    return bind(extract(doc), lookup, doc_kind="budget")


def test_item_printed_without_a_code_binds_by_the_tables_sums():
    table = _table("表5：2026年市级部门一般公共预算支出预算表", HANGZHOU_GPB, HANGZHOU_CODES)
    cs = _bound(
        "（9）自然资源海洋气象等支出（类）气象事务（款）气象服务（项）1,980.00万元，"
        "主要用于气象业务建设项目方面的支出。",
        table,
    )
    (c,) = [c for c in cs if c.claim.kind == "amount"]
    assert c.binding.bound_to and c.binding.bound_to[0].startswith("gpb_expense[220k01i")
    assert c.binding.fact.mid == D("1980.00")


def test_a_wrong_item_figure_is_compared_with_its_own_row():
    table = _table("表5：2026年市级部门一般公共预算支出预算表", HANGZHOU_GPB, HANGZHOU_CODES)
    cs = _bound("（7）自然资源海洋气象等支出（类）气象事务（款）行政运行（项）2,671.19万元，主要用于日常运转。", table)
    (c,) = [c for c in cs if c.claim.kind == "amount"]
    assert c.binding.fact.mid == D("2617.19")  # the printed row, so BL501 reports the transposed digits


def test_items_that_do_not_add_up_are_not_placed():
    rows = [r[:] for r in HANGZHOU_GPB]
    rows[8][1] = "600.68"  # 行政运行 + 气象事业机构 + 气象服务 no longer make 气象事务
    table = _table("表5：2026年市级部门一般公共预算支出预算表", rows, HANGZHOU_CODES)
    cs = _bound("自然资源海洋气象等支出（类）气象事务（款）行政运行（项）2,617.19万元。", table)
    (c,) = [c for c in cs if c.claim.kind == "amount"]
    assert list(c.binding.bound_to) == []


def test_class_share_without_a_named_whole_is_of_the_gpb_total():
    # p5: "科学技术（类）支出28.00万元，占0.5%；…自然资源海洋气象等（类）支出5,247.87万元，占91.2%"
    table = _table("表5：2026年市级部门一般公共预算支出预算表", HANGZHOU_GPB, HANGZHOU_CODES)
    cs = _bound(
        "科学技术（类）支出28.00万元，占0.5%；自然资源海洋气象等（类）支出5,247.87万元，占91.2%。",
        table,
        section="（五）一般公共预算当年拨款情况说明",
    )
    shares = [c for c in cs if c.claim.kind == "share"]
    assert [c.binding.whole_bound for c in shares] == ["gpb_expense[total].total"] * 2
    assert shares[0].binding.whole_fact.mid == D("5753.07")


def test_class_named_without_its_bracket():
    # 杭州 p5 "包括科学技术支出28.00万元、…"; 重庆 "按支出功能分类，包括一般公共服务支出59.56万元"
    cs = bind(
        extract_claims("1.按支出功能分类，包括科学技术支出28.00万元、自然资源海洋气象等支出5,371.48万元。"),
        [fact("expense[206].total", "28.00"), fact("expense[220].total", "5371.48")],
    )
    amounts = [c for c in cs if c.claim.kind == "amount"]
    assert [list(c.binding.bound_to) for c in amounts] == [["expense[206].total"], ["expense[220].total"]]


def test_class_name_ending_a_longer_word_is_not_the_class():
    # 苏州水务 p29: "吴淞江（江苏段）整治工程在农林水支出（类）支出列支13800万元" is one project's money
    cs = bind(
        extract_claims("吴淞江整治工程在农林水支出（类）支出列支13800万元。"), [fact("expense[213].total", "47731.51")]
    )
    assert [list(c.binding.bound_to) for c in cs if c.claim.kind == "amount"] == [[]]


def test_class_amounts_in_a_project_paragraph_are_the_project_column():
    # 长沙市公安局 2025 p9: "（二）项目支出：…其中：一般公共服务支出3.00万元…。公共安全支出40230.95万元…"
    text = (
        "（二）项目支出：2025年本单位项目支出预算40233.95万元，其中：一般公共服务支出3.00万元，主要用于办公经费。"
        "公共安全支出40230.95万元，主要用于警务辅助人员经费。"
    )
    facts = [
        fact("gpb_expense[204].total", "68629.12"),
        fact("gpb_expense[204].project", "40230.95"),
        fact("gpb_expense[201].total", "3.00"),
        fact("gpb_expense[201].project", "3.00"),
    ]
    cs = bind(extract_claims(text), facts)
    (c,) = [c for c in cs if c.claim.kind == "amount" and c.claim.amount.value == D("40230.95")]
    assert list(c.binding.bound_to) == ["gpb_expense[204].project"]


def test_code_before_the_name():
    # 泉州 p25 "（一）2010301-行政运行3452.35万元。"; 国家信访局 p19 "主要是2014099其他信访事务支出，2026年预算数为3,623.98万元"
    facts = [
        fact("expense[2010301].total", "3452.35", label="行政运行"),
        fact("gpb_expense[2014099].total", "3623.98", label="其他信访事务支出"),
    ]
    (a,) = [c for c in bind(extract_claims("（一）2010301-行政运行3452.35万元。"), facts) if c.claim.kind == "amount"]
    assert list(a.binding.bound_to) == ["expense[2010301].total"]
    cs = bind(extract_claims("主要是2014099其他信访事务支出，2026年预算数为3,623.98万元。"), facts)
    assert [list(c.binding.bound_to) for c in cs if c.claim.kind == "amount"] == [["gpb_expense[2014099].total"]]
    wrong = [fact("expense[2010301].total", "3452.35", label="一般行政管理事务")]  # another name under that code
    assert [
        list(c.binding.bound_to)
        for c in bind(extract_claims("（一）2010301-行政运行3452.35万元。"), wrong)
        if c.claim.kind == "amount"
    ] == [[]]


def test_list_items_in_paragraphs_of_their_own_share_the_head():
    # 无锡市统计局 2026 p26: head, a bare "其中：" line, then one item per paragraph
    paragraphs = [
        paragraph_from_text(t, section="二、收入预算情况说明")
        for t in (
            "无锡市统计局2026年收入预算合计3,210.1万元，包括本年收入3,210.1万元，上年结转结余0万元。",
            "其中：",
            "本年一般公共预算收入3,210.1万元，占100%；",
            "本年政府性基金预算收入0万元，占0%；",
        )
    ]
    shares = [c for _, cs in paragraph_claims(paragraphs) for c in cs if c.kind == "share"]
    assert [c.whole.value for c in shares] == [D("3210.1"), D("3210.1")]
    # 杭州市气象局 p4: the head closes the paragraph before a "其中：…" paragraph
    paragraphs = [
        paragraph_from_text(t, section="（二）收入预算情况说明")
        for t in (
            "2026年收入预算5,876.67万元，比上年执行数增加48.92万元，增长0.8%，与上年基本持平。",
            "其中：一般公共预算拨款收入5,753.07万元，占97.9%；其他收入123.61万元，占2.1%。",
        )
    ]
    shares = [c for _, cs in paragraph_claims(paragraphs) for c in cs if c.kind == "share"]
    assert [c.whole.value for c in shares] == [D("5876.67"), D("5876.67")]


def test_a_later_amount_of_the_head_sentence_is_not_the_whole():
    # the same 无锡 head with its first amount unnamed: no whole rather than 上年结转结余 0
    paragraphs = [
        paragraph_from_text(t, section="二、收入预算情况说明")
        for t in ("本年合计3,210.1万元，上年结转结余0万元。", "其中：", "本年一般公共预算收入3,210.1万元，占100%；")
    ]
    shares = [c for _, cs in paragraph_claims(paragraphs) for c in cs if c.kind == "share"]
    assert shares[0].whole is None


def test_sentence_cut_by_a_page_break_is_read_whole():
    # 国家信访局 2026 p17–p18: "…其他收" | "入31,888.00万元，占63.0%…"
    paragraphs = [
        paragraph_from_text(t, section="二、关于部门收入总表的说明")
        for t in (
            "2026年国家信访局收入预算总计50,616.94万元，其中，一般公共预算拨款收入16,474.82万元，占32.55%；其他收",
            "入31,888.00万元，占63.0%；上年结转2,254.12万元，占4.45%。",
        )
    ]
    claims = [c for _, cs in paragraph_claims(paragraphs) for c in cs if c.kind == "amount"]
    assert [c.subject for c in claims][:3] == ["income_total", "gpb_income", "other_income"]


def test_heading_names_the_subject_of_the_next_sentence():
    # 北京市审计局 2026 p8: "（一）因公出国（境）费用。2026年预算数173.52万元，主要用于…"
    (c,) = [
        c
        for c in extract_claims("（一）因公出国（境）费用。2026年预算数173.52万元，主要用于开展境外工作交流。")
        if c.kind == "amount"
    ]
    assert c.subject == "three_public.abroad"


def test_money_named_between_subject_and_amount_is_another_subject():
    # 重庆 p4 "2026年一般公共预算财政拨款运行经费1,815万元" is no 一般公共预算收入 (it is the
    # 机关运行经费); "…拨款安排的项目支出 X" is the 一般公共预算 part of 项目支出, not 一般公共预算;
    # 无锡 p31 "一般公共预算拨款安排的“三公”经费支出预算3万元" is the 三公 total
    (r,) = [c for c in extract_claims("2026年一般公共预算财政拨款运行经费1,815万元。") if c.kind == "amount"]
    assert r.subject != "gpb_total" and r.subject is not None and "收入" not in (r.subject_text or "")
    (a,) = [c for c in extract_claims("2026年一般公共预算拨款安排的项目支出1,815万元。") if c.kind == "amount"]
    assert (a.subject, a.gpb_scope) == ("project", True)
    (b,) = [
        c
        for c in extract_claims(
            "无锡市统计局2026年度一般公共预算拨款安排的“三公”经费支出预算3万元，比上年预算减少11.3万元。"
        )
        if c.kind == "amount"
    ]
    assert b.subject == "three_public"


def test_figures_of_one_project_and_of_performance_coverage_are_not_counted():
    # 国家信访局 2024 p45: "该项目批复的年初预算数为1018.00万元，其中当年财政拨款898.00万元，上年结转资金120.00万元"
    cs = bind(
        extract_claims(
            "2024年，该项目批复的年初预算数为1018.00万元，其中当年财政拨款898.00万元，上年结转资金120.00万元。"
        ),
        [fact("final_summary[in.carryover].amount", "1615.24")],
    )
    assert all(not c.binding.bound_to for c in cs)
    # 杭州 p10: "…均实行绩效目标管理，共计3个一级项目，涉及资金2,131.61万元"
    (p,) = [
        c
        for c in extract_claims(
            "2026年本部门其他运转类项目和特定目标类项目均实行绩效目标管理，共计3个一级项目，涉及资金2,131.61万元。"
        )
        if c.kind == "amount"
    ]
    assert p.performance


def test_carry_over_in_a_list_is_not_narrowed_by_another_item():
    # 杭州市司法局 p5 "其中：一般公共预算拨款收入91,495.48万元，占92.2%；…上年结转结余347.32万元，占0.4%。"
    facts = [fact("income_expense_summary[in.carryover].amount", "347.32")]
    cs = bind(
        extract_claims("其中：一般公共预算拨款收入91,495.48万元，占92.2%；上年结转结余347.32万元，占0.4%。"), facts
    )
    (c,) = [c for c in cs if c.claim.kind == "amount" and c.binding.subject == "carryover_in"]
    assert list(c.binding.bound_to) == ["income_expense_summary[in.carryover].amount"]
    # but "一般公共预算上年结转结余" in its own clause is the 一般公共预算 carry-over, which the summary does not print
    cs = bind(extract_claims("一般公共预算上年结转结余347.32万元。"), facts)
    assert [list(c.binding.bound_to) for c in cs if c.claim.kind == "amount"] == [[]]


def test_personnel_from_economic_rows_only_when_it_agrees():
    # 泉州 p26 人员经费5080.69 = 301 工资福利支出 4407.07 + 303 对个人和家庭的补助 673.62 (表 p21)
    facts = [fact("gpb_basic[301].total", "4407.07"), fact("gpb_basic[303].total", "673.62")]
    (c,) = [
        c
        for c in bind(extract_claims("（一）人员经费5080.69万元，主要包括：基本工资。"), facts)
        if c.claim.kind == "amount"
    ]
    assert list(c.binding.bound_to) == ["gpb_basic[301].total+gpb_basic[303].total"]
    # 福州医保局 p25 人员经费7263.35 ≠ 301 7070.34 + 303 239.21: another split of 经费, not checked
    facts = [fact("gpb_basic[301].total", "7070.34"), fact("gpb_basic[303].total", "239.21")]
    (c,) = [
        c
        for c in bind(extract_claims("（一）人员经费7263.35万元，主要包括：基本工资。"), facts)
        if c.claim.kind == "amount"
    ]
    assert list(c.binding.bound_to) == []


def extract_claims(text: str):
    return [c for _, cs in paragraph_claims([paragraph_from_text(text)]) for c in cs]
