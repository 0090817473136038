"""Narrative claims about the columns printed beside the 三公 columns (issue 9): 会议费, 培训费
(江苏, 苏州, 无锡, 西安 决算), 机关运行经费 (上海), and the item figures 上海 restates after last
year's execution. Golden values are read from the printed pages named in each test."""

from __future__ import annotations

from decimal import Decimal as D

from budgetlint.claims.bind import NOT_PRINTED_REASON, restates_table
from budgetlint.claims.extract import extract_paragraph, paragraph_from_text
from tests.claims.test_claims_bind import bind, fact
from tests.claims.test_claims_checks import run

# 江苏省高级人民法院 2017 p.17 (表十一): 合计 2,599.37 | "三公"经费 小计 670.12 | 因公出国（境）费 180.00 |
# 公务用车 304.40 (购置 blank, 运行维护 304.40) | 公务接待费 185.72 | 会议费 228.00 | 培训费 1,701.25
JIANGSU_2017_GAOYUAN = {
    "three_public[total].grand_total": "2599.37",
    "three_public[total].total": "670.12",
    "three_public[total].abroad": "180.00",
    "three_public[total].vehicle": "304.40",
    "three_public[total].vehicle.operation": "304.40",
    "three_public[total].reception": "185.72",
    "three_public[total].meeting": "228.00",
    "three_public[total].training": "1701.25",
}
# 苏州市水务局 2026 p.22: "三公"经费合计 15.00 | … | 会议费 10.05 | 培训费 22.10
SUZHOU_2026_SHUIWU = {
    "three_public[total].total": "15.00",
    "three_public[total].reception": "15.00",
    "three_public[total].meeting": "10.05",
    "three_public[total].training": "22.10",
}
# 上海市普陀区商务委员会 2025 p.21 ("三公"经费和机关运行经费预算表): 合计 1.00, 公务接待费 1.00, 机关运行经费预算数
# 171.01; the narrative p.22 restates it
PUTUO_2025_SHANGWUWEI = {
    "three_public[total].total": "1.00",
    "three_public[total].reception": "1.00",
    "three_public[total].agency_running": "171.01",
}


def claims(text: str):
    return extract_paragraph(paragraph_from_text(text))


def facts(mapping: dict[str, str]):
    return [fact(a, v) for a, v in mapping.items()]


def _amounts(text: str, mapping: dict[str, str], doc_kind: str = "budget"):
    return [c for c in bind(claims(text), facts(mapping), doc_kind=doc_kind) if c.claim.kind == "amount"]


def test_jiangsu_meeting_and_training_bind_to_their_columns():
    text = (
        "江苏省高级人民法院2017年度一般公共预算拨款安排的会议费预算支出228万元，本年数小于上年预算数。"
        "江苏省高级人民法院2017年度一般公共预算拨款安排的培训费预算支出1701.25万元，本年数与上年数持平。"
    )
    meeting, training = _amounts(text, JIANGSU_2017_GAOYUAN)
    assert list(meeting.binding.bound_to) == ["three_public[total].meeting"] and meeting.binding.fact.mid == D("228.00")
    assert list(training.binding.bound_to) == ["three_public[total].training"]


def test_suzhou_meeting_wording_binds():
    (c,) = _amounts("2026年会议费预算10.05万元。", SUZHOU_2026_SHUIWU)
    assert list(c.binding.bound_to) == ["three_public[total].meeting"]


def test_meeting_figure_checked_against_the_table():
    ok = "2017年度一般公共预算拨款安排的会议费预算支出228万元。"
    wrong = "2017年度一般公共预算拨款安排的会议费预算支出282万元。"
    assert run("BL501", [ok], JIANGSU_2017_GAOYUAN) == []
    (f,) = run("BL501", [wrong], JIANGSU_2017_GAOYUAN)
    assert "three_public[total].meeting" in str(f.locations[0].address)


def test_shanghai_agency_running_binds_where_the_table_prints_it():
    (c,) = _amounts("2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为171.01万元。", PUTUO_2025_SHANGWUWEI)
    assert c.binding.subject == "agency_running" and list(c.binding.bound_to) == ["three_public[total].agency_running"]
    assert (
        run("BL501", ["2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为171.01万元。"], PUTUO_2025_SHANGWUWEI)
        == []
    )
    assert (
        len(
            run(
                "BL501", ["2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为117.01万元。"], PUTUO_2025_SHANGWUWEI
            )
        )
        == 1
    )


def test_agency_running_binds_to_the_jiangsu_admin_costs_table():
    # 江苏 2017 高级人民法院: narrative p.24 "…机关运行经费预算支出 9193.40 万元"; p.16 表十 合计 9,193.40
    text = "2017年本部门一般公共预算机关运行经费预算支出9193.40万元，比2016年增加5503.07万元，增长149.12%。"
    (c,) = _amounts(text, {"admin_costs[total].total": "9193.40"})
    assert list(c.binding.bound_to) == ["admin_costs[total].total"]
    assert len(run("BL501", [text.replace("9193.40", "9139.40")], {"admin_costs[total].total": "9193.40"})) == 1


def test_agency_running_restates_nothing_where_no_table_prints_it():
    # a set whose tables print no 机关运行经费 (here only the 三公 table): not counted, not contradicted
    (c,) = _amounts("2017年本部门一般公共预算机关运行经费预算支出9193.40万元。", JIANGSU_2017_GAOYUAN)
    assert (
        c.binding.subject == "agency_running"
        and not c.binding.bound_to
        and c.binding.unbound_reason == NOT_PRINTED_REASON
    )
    assert not restates_table(c)


def test_carryover_of_a_fund_is_not_this_years_fund_income():
    # 苏州 2026: "上年结转结余的政府性基金预算收入0万元" is no statement of 政府性基金收入 (44,003.26)
    (c,) = [c for c in claims("上年结转结余的政府性基金预算收入0万元，占0%。") if c.kind == "amount"]
    assert c.subject != "gov_fund_income"


# 上海 普陀 司法局 2026 (unit) p.6 item 7 and p.14 表 (行政单位离退休 561,240.00 元 = 56.12 万元)
PUTUO_ITEM = (
    "7、社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）56.12万元。"
    "主要用于：退休人员支出。2025年当年预算执行数为57.43万元，2026年预算安排{}万元，"
    "比2025年预算执行数减少2.27%。"
)
PUTUO_FACTS = {
    "gpb_expense[208].total": "300.00",
    "gpb_expense[20805].total": "250.00",
    "gpb_expense[2080501].total": "56.12",
}
PUTUO_LABELS = {"208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "2080501": "行政单位离退休"}
PUTUO_TABLES = [{"kind": "gpb_expense", "labels": PUTUO_LABELS}]


def test_amount_arranged_after_last_years_execution_speaks_of_the_item():
    mapping = [fact(a, v, PUTUO_LABELS[a.split("[")[1].split("]")[0]]) for a, v in PUTUO_FACTS.items()]
    amounts = [
        c for c in bind(claims(PUTUO_ITEM.format("56.12")), mapping, doc_kind="budget") if c.claim.kind == "amount"
    ]
    heading, prior, arranged = amounts
    assert arranged.binding.subject == heading.binding.subject and list(arranged.binding.bound_to) == [
        "gpb_expense[2080501].total"
    ]
    assert not prior.binding.bound_to  # last year's execution: no table prints it


def test_arranged_amount_that_contradicts_the_item_is_found():
    # the printed page says 57.8 here while its heading and the table say 56.12: a real slip
    assert run("BL501", [PUTUO_ITEM.format("56.12")], PUTUO_FACTS, tables=PUTUO_TABLES) == []
    (f,) = run("BL501", [PUTUO_ITEM.format("57.8")], PUTUO_FACTS, tables=PUTUO_TABLES)
    assert "2080501" in str(f.locations[0].address)


def test_jiangsu_class_named_without_its_level_binds():
    # 江苏省人大常委会办公厅 2017 p.24: "2．社会保障和就业支出1608.51万元，主要用于离退休人员工资发放。"
    mapping = {"income_expense_summary[208].amount": "1608.51"}
    (c,) = _amounts("2．社会保障和就业支出1608.51万元，主要用于离退休人员工资发放。", mapping)
    assert c.binding.subject.startswith("func:社会保障和就业支出|类") and list(c.binding.bound_to) == [
        "income_expense_summary[208].amount"
    ]
    (f,) = run("BL501", ["2．社会保障和就业支出1680.51万元，主要用于离退休人员工资发放。"], mapping)
    assert f.rule_id == "BL501"


def test_final_three_public_budget_figure_binds_to_the_budget_column():
    # 西安 卫健委 2022 决算 p.161: 预算数 593.46 | 决算数 587.55 (财政拨款安排的"三公"经费 小计)
    mapping = {"final_three_public[total].total": "587.55", "final_three_public[total].budget.total": "593.46"}
    text = "2022年度财政拨款安排“三公”经费支出预算593.46万元，支出决算587.55万元，完成预算的99%。"
    (c,) = [c for c in _amounts(text, mapping, doc_kind="final") if c.claim.amount.value == D("593.46")]
    assert list(c.binding.bound_to) == ["final_three_public[total].budget.total"]
    assert run("BL501", [text], mapping, kind="final", year=2022) == []


# 人员经费 / 公用经费 from the 一般公共预算基本支出表's 经济分类 类 rows: 江苏 counts 301 + 303 and 302 (+ 310);
# 福州 does not (医保局 2026: narrative p.25 人员经费 7263.35, table p.18–19 301 7070.34 + 303 239.21 = 7309.55).
JIANGSU_2018_GAOYUAN_BASIC = {
    "gpb_basic[total].total": "18570.82",
    "gpb_basic[301].total": "13747.87",
    "gpb_basic[302].total": "3407.38",
    "gpb_basic[303].total": "1415.57",
}
FUZHOU_2026_YIBAOJU_BASIC = {
    "gpb_basic[total].total": "7841.26",
    "gpb_basic[301].total": "7070.34",
    "gpb_basic[302].total": "531.71",
    "gpb_basic[303].total": "239.21",
}


def test_personnel_from_economic_rows_binds_where_it_agrees():
    # 江苏省高级人民法院 2018 p.13–14: 301 13,747.87 + 303 1,415.57 = 15,163.44; 302 3,407.38
    text = "2018年度一般公共预算基本支出预算18570.82万元，其中：人员经费15163.44万元；公用经费3407.38万元。"
    amounts = _amounts(text, JIANGSU_2018_GAOYUAN_BASIC)
    assert [list(c.binding.bound_to) for c in amounts[1:]] == [
        ["gpb_basic[301].total+gpb_basic[303].total"],
        ["gpb_basic[302].total"],
    ]


def test_personnel_of_another_definition_is_not_contradicted():
    text = "2026年度一般公共预算拨款基本支出7841.26万元，其中：（一）人员经费7263.35万元；（二）公用经费577.91万元。"
    amounts = _amounts(text, FUZHOU_2026_YIBAOJU_BASIC)
    assert [list(c.binding.bound_to) for c in amounts[1:]] == [[], []]
    assert run("BL501", [text], FUZHOU_2026_YIBAOJU_BASIC) == []


def test_jiangsu_economic_item_binds_only_where_a_table_agrees():
    # 江苏省政协办公厅 2017: "工资福利支出（类）2,097.51万元，其中：基本工资（款）737.94万元" (基本支出 section);
    # the 一般公共预算基本支出表 prints 301 工资福利支出 2,097.51 and 30101 基本工资 737.94
    mapping = [
        fact("gpb_basic[301].total", "2097.51", "工资福利支出"),
        fact("gpb_basic[30101].total", "737.94", "基本工资"),
    ]
    text = "1.工资福利支出（类）2,097.51万元，其中：基本工资（款）737.94万元。"
    cs = [c for c in bind(claims(text), mapping, doc_kind="budget") if c.claim.kind == "amount"]
    assert [list(c.binding.bound_to) for c in cs] == [["gpb_basic[301].total"], ["gpb_basic[30101].total"]]
    # another figure (the 机关运行经费 section's 办公费 differs from the 基本支出 table's): unbound, not contradicted
    cs = [
        c
        for c in bind(claims("1.工资福利支出（类）2,197.51万元。"), mapping, doc_kind="budget")
        if c.claim.kind == "amount"
    ]
    assert list(cs[0].binding.bound_to) == []


def test_share_of_a_list_printed_one_item_a_paragraph():
    # 江苏省高级人民法院 2018 p.18 收入预算情况说明: "…本年收入预算合计33172.15万元，其中：" / "一般公共预算收入
    # 33172.15万元，占100%；" — and the 支出 list (same page): 基本支出 18570.82 占 55.98%; 项目支出 11343.27 占 34.20%
    mapping = {
        "income_expense_summary[in.current_total].amount": "33172.15",
        "income_expense_summary[in.gpb].amount": "33172.15",
        "income_expense_summary[out.current_total].amount": "33172.15",
        "income_expense_summary[out.basic].amount": "18570.82",
        "income_expense_summary[out.project].amount": "11343.27",
    }
    ok = [
        "江苏省高级人民法院本年支出预算合计33172.15万元，其中：",
        "基本支出18570.82万元，占55.98%；",
        "项目支出11343.27万元，占34.20%；",
    ]
    assert run("BL502", ok, mapping) == []
    wrong = [ok[0], "基本支出18570.82万元，占59.98%；", ok[2]]
    (f,) = run("BL502", wrong, mapping)
    assert f.rule_id == "BL502"
