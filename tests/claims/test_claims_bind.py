"""Binding claims to hand-built facts (figures from the 老城区 2024 and 延津 2024 tables).

These test the candidate logic one wording at a time, on a fact view built by hand
(``tests.samples.lookup_of``); test_claims_binding_path.py binds whole documents the way
production does (read → recognise → the engine's index → ``bind_document``)."""

from __future__ import annotations

from decimal import Decimal as D

from budgetlint.claims import bind as bind_claims
from budgetlint.claims import bound_share
from budgetlint.claims.bind import FactLookup
from budgetlint.claims.extract import extract_paragraph, paragraph_from_text
from budgetlint.claims.kinds import BoundClaim
from budgetlint.model import Fact, Provenance, Unit
from tests.samples import lookup_of, make_fact


def bind(claims, facts: list[Fact] | FactLookup, doc_kind: str | None = None) -> list[BoundClaim]:
    """``bind`` on hand-built facts (or a lookup made here)."""
    return bind_claims(claims, facts if isinstance(facts, FactLookup) else lookup_of(facts), doc_kind=doc_kind)


def fact(address: str, value: str, label: str = "", unit: Unit = Unit.WAN) -> Fact:
    return make_fact(address, value, label, unit, page=None)


def claims(text: str):
    return extract_paragraph(paragraph_from_text(text))


LAOCHENG = [
    fact("income_expense_summary[in.grand_total].amount", "2301.43"),
    fact("expense[total].total", "2301.43"),
    fact("expense[total].basic", "1743.43"),
    fact("expense[total].project", "558.00"),
    fact("expense[total].basic.personnel.wages", "1721.29"),
    fact("expense[total].basic.personnel.family", "9.46"),
    fact("expense[total].basic.public.goods", "12.68"),
    fact("three_public[total].total", "11.50"),
    fact("projects[p1].total", "10.00"),
    fact("projects[p2].total", "20.00"),
    fact("projects[p3].total", "15.00"),
    fact("projects[p4].total", "513.00"),
]


def test_amount_binds_to_its_fact():
    cs = bind(claims("2024 年收入总计 2301.43 万元，其中：基本支出 1743.43 万元；项目支出 558 万元。"), LAOCHENG)
    amounts = [c for c in cs if c.claim.kind == "amount"]
    assert [list(c.binding.bound_to) for c in amounts] == [
        ["income_expense_summary[in.grand_total].amount"],
        ["expense[total].basic"],
        ["expense[total].project"],
    ]
    assert amounts[2].binding.fact.mid == D("558.00")


def test_sum_candidate_for_personnel():
    (c,) = [c for c in bind(claims("人员经费 1730.75 万元。"), LAOCHENG) if c.claim.kind == "amount"]
    assert list(c.binding.bound_to) == ["expense[total].basic.personnel.wages+expense[total].basic.personnel.family"]
    assert c.binding.fact.mid == D("1730.75") and c.binding.fact.half == D("0.010")


def test_disagreeing_claim_still_binds_to_first_existing_candidate():
    (c,) = [c for c in bind(claims("基本支出 1700.00 万元。"), LAOCHENG) if c.claim.kind == "amount"]
    assert list(c.binding.bound_to) == ["expense[total].basic"] and c.binding.fact.mid == D("1743.43")


def test_yuan_claim_compared_in_wan():
    (c,) = [c for c in bind(claims("收入总计 23014300 元。"), LAOCHENG) if c.claim.kind == "amount"]
    assert list(c.binding.bound_to) == ["income_expense_summary[in.grand_total].amount"]


def test_share_binds_part_and_whole():
    cs = bind(claims("支出合计 2301.43 万元，其中：基本支出 1743.43 万元，占 75.75%。"), LAOCHENG)
    (s,) = [c for c in cs if c.claim.kind == "share"]
    assert list(s.binding.bound_to) == ["expense[total].basic"] and s.binding.whole_bound == "expense[total].total"
    assert s.binding.whole_fact.mid == D("2301.43")


def test_share_whole_from_vocabulary_parent():
    facts = [fact("three_public[total].total", "9.50"), fact("three_public[total].reception", "5.00")]
    (s,) = [c for c in bind(claims("公务接待费支出决算 5.00 万元，占 52.63%。"), facts) if c.claim.kind == "share"]
    assert s.binding.whole_subject == "three_public" and s.binding.whole_fact.mid == D("9.50")


def test_functional_class_by_code_in_summary_table():
    # 延津 2024 prints no 201 row in its expense tables; the summary tables carry it.
    facts = [fact("fiscal_summary[201].gpb", "381.79"), fact("income_expense_summary[201].amount", "381.79")]
    (c,) = [
        c
        for c in bind(claims("一般公共预算支出 421.29 万元，主要用于：一般公共服务(类)支出 381. 79 万元。"), facts)
        if c.claim.kind == "amount" and c.binding.subject.startswith("func:")
    ]
    assert list(c.binding.bound_to) == ["fiscal_summary[201].gpb"]


def test_functional_item_by_label():
    facts = [
        fact("final_gpb_expense[2010301].total", "56.94", label="行政运行"),
        fact("final_gpb_expense[2010302].total", "36.06", label="一般行政管理事务"),
    ]
    cs = bind(
        claims(
            "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）。"
            "年初预算数为 557.96 万元，决算数 36.06 万元,完成年初预算的 6.46%。"
        ),
        facts,
    )
    (e,) = [c for c in cs if c.claim.kind == "execution"]
    assert list(e.binding.bound_to) == ["final_gpb_expense[2010302].total"]


def test_project_count_binds_to_rows():
    (c,) = [c for c in bind(claims("涉及预算拨款 558.00 万元,共 4 个项目。"), LAOCHENG) if c.claim.kind == "count"]
    assert list(c.binding.bound_to) == ["projects[p*]"] and c.binding.fact.mid == 4


def test_unbound_reasons():
    cs = bind(
        claims("2024年政府采购预算安排522.00万元。某某经费 3.00 万元。主要原因：1500 元系统统计成 1500 万元。"),
        LAOCHENG,
    )
    reasons = [c.binding.unbound_reason for c in cs if c.claim.kind == "amount"]
    assert reasons[0] == "“政府采购”没有对应的表格数字"
    assert reasons[1] == "没有识别出陈述的对象（主语）"
    assert all("自述数据错误" in r for r in reasons[2:])
    assert all(not c.binding.bound_to for c in cs if c.claim.kind == "amount")


def test_bound_share_counts_only_claims_that_restate_tables():
    cs = bind(claims("2024 年收入总计 2301.43 万元。2024年政府采购预算安排522.00万元。某某经费 3.00 万元。"), LAOCHENG)
    assert bound_share(cs) == (1, 2)  # 政府采购 has no table; the unknown subject counts as unbound


def test_empty_table_means_zero():
    lookup = FactLookup([], None, {"final_three_public": ({"total", "abroad"}, Provenance(path="t.txt", line=600))})
    (c,) = [c for c in bind(claims("因公出国（境）费支出决算 0.00 万元。"), lookup) if c.claim.kind == "amount"]
    assert list(c.binding.bound_to) == ["final_three_public[total].abroad"] and c.binding.fact.mid == 0


def test_missing_table_is_unbound_with_candidates():
    (c,) = [c for c in bind(claims("因公出国（境）费 0.00 万元。"), []) if c.claim.kind == "amount"]
    assert not c.binding.bound_to and "three_public[total].abroad" in c.binding.unbound_reason


def test_blank_cell_is_not_bound_to_a_nonzero_claim():
    lookup = FactLookup([])
    from budgetlint.claims.bind import Entry

    lookup.by_address["expense[total].project"] = Entry(
        "expense[total].project", D(0), D(0), blank=True, table_kind="expense", row="total", column="project"
    )
    (c,) = [c for c in bind(claims("项目支出 558.00 万元。"), lookup) if c.claim.kind == "amount"]
    assert not c.binding.bound_to
    (z,) = [c for c in bind(claims("项目支出 0 万元。"), lookup) if c.claim.kind == "amount"]
    assert list(z.binding.bound_to) == ["expense[total].project"]


def test_gpb_scope_never_binds_to_all_funds():
    section = "五、一般公共预算支出预算情况说明"
    text = "2024 年一般公共预算支出年初预算为 2301.43 万元。其中：基本支出 1743.43 万元。"
    facts = [fact("expense[total].basic", "1800.00"), fact("gpb_expense[total].basic", "1743.43")]
    (c,) = [
        c
        for c in bind(extract_paragraph(paragraph_from_text(text, section=section)), facts)
        if c.claim.kind == "amount" and c.binding.subject == "basic"
    ]
    assert c.claim.gpb_scope and list(c.binding.bound_to) == ["gpb_expense[total].basic"]
    (u,) = [
        c
        for c in bind(extract_paragraph(paragraph_from_text(text, section=section)), facts[:1])
        if c.claim.kind == "amount" and c.binding.subject == "basic"
    ]
    assert not u.binding.bound_to  # the all-funds 1800.00 is not what the text speaks of


def test_item_under_another_kuan_is_not_bound():
    facts = [
        fact("gpb_expense[21303].total", "1543.16", label="水利"),
        fact("gpb_expense[2130302].total", "1543.16", label="一般行政管理事务"),
    ]
    cs = bind(claims("1.林业和草原（款）一般行政管理事务（项）支出0万元，与上年相比减少94.61万元。"), facts)
    (c,) = [c for c in cs if c.claim.kind == "amount"]
    assert not c.binding.bound_to


def test_unbalanced_three_public_table_is_distrusted():
    facts = [
        fact("three_public[total].total", "3.70"),
        fact("three_public[total].vehicle", "0.50"),
        fact("three_public[total].vehicle.purchase", "3.20"),
        fact("three_public[total].vehicle.operation", "0"),
        fact("three_public[total].abroad", "0"),
        fact("three_public[total].reception", "3.20"),
    ]
    (c,) = [c for c in bind(claims("公务接待费 0.50 万元。"), facts) if c.claim.kind == "amount"]
    assert not c.binding.bound_to and "可能读错" in c.binding.unbound_reason


# ------------------------------------------------ subjects in each region's wording (issue 9)

# A 决算 whose department had no money that year: every total printed 0.
ZERO_FINAL = [
    fact("final_summary[in.grand_total].amount", "0.00"),
    fact("final_summary[out.grand_total].amount", "0.00"),
    fact("final_income[total].current.fiscal", "0.00"),
    fact("final_fiscal_summary[in.grand_total].amount", "0.00"),
]


def test_total_stated_as_zero_binds_to_the_summary_total():
    (c,) = [c for c in bind(claims("某局2024年度收入支出总计0万元。"), ZERO_FINAL) if c.claim.kind == "amount"]
    assert c.binding.subject == "income_total" and list(c.binding.bound_to) == ["final_summary[in.grand_total].amount"]


def test_fiscal_income_and_expense_total_binds_to_the_fiscal_summary_not_the_income_table():
    (c,) = [c for c in bind(claims("2024年度财政拨款收入支出总计0万元。"), ZERO_FINAL) if c.claim.kind == "amount"]
    assert list(c.binding.bound_to) == ["final_fiscal_summary[in.grand_total].amount"]


def test_subject_split_by_a_line_break_binds():
    facts = [fact("expense[201].total", "1850.20", "一般公共服务支出"), fact("expense[total].total", "2833.33")]
    cs = bind(claims("一般公共服务支出\n（类）1850.20万元，占65.30%。"), facts)
    amount = next(c for c in cs if c.claim.kind == "amount")
    share = next(c for c in cs if c.claim.kind == "share")
    assert list(amount.binding.bound_to) == ["expense[201].total"] and amount.binding.fact.mid == D("1850.20")
    assert (
        share.binding.subject == amount.binding.subject
    )  # the whole is not named: the share says why it stays unbound
    assert share.binding.bound_to or share.binding.unbound_reason


# 上海 (普陀 商务委 2025) and 江苏 (高级人民法院 2019) wording; the tables print 37151.4655 万元
# (371514655.00 元) and 37188.34 万元.
SHANGHAI = [
    fact("income_expense_summary[in.grand_total].amount", "371514655.00", unit=Unit.YUAN),
    fact("income_expense_summary[out.grand_total].amount", "371514655.00", unit=Unit.YUAN),
    fact("fiscal_summary[out.current_total].total", "371514655.00", unit=Unit.YUAN),
    fact("fiscal_summary[out.current_total].gpb", "371514655.00", unit=Unit.YUAN),
    fact("gpb_expense[total].total", "371514655.00", unit=Unit.YUAN),
]


def test_shanghai_budget_wording_binds():
    text = (
        "2025年，上海市普陀区商务委员会收入预算37,151.47万元。财政拨款支出预算中，"
        "一般公共预算拨款支出预算37,151.47万元；政府性基金拨款支出预算0万元。"
    )
    amounts = [c for c in bind(claims(text), SHANGHAI) if c.claim.kind == "amount"]
    assert [c.binding.subject for c in amounts] == ["income_budget", "gpb_total", "gov_fund_total"]
    assert list(amounts[0].binding.bound_to) == ["income_expense_summary[in.grand_total].amount"]
    assert list(amounts[1].binding.bound_to) == ["gpb_expense[total].total"]


def test_jiangsu_budget_wording_binds():
    facts = [
        fact("income_expense_summary[in.grand_total].amount", "37188.34"),
        fact("fiscal_summary[out.current_total].total", "37188.34"),
        fact("expense[total].total", "37188.34"),
    ]
    cs = bind(
        claims(
            "江苏省高级人民法院2019年度收入、支出预算总计37188.34万元。"
            "江苏省高级人民法院2019年财政拨款预算支出37188.34万元，占本年支出合计的100%。"
        ),
        facts,
    )
    amounts = [c for c in cs if c.claim.kind == "amount"]
    assert [list(c.binding.bound_to) for c in amounts] == [
        ["income_expense_summary[in.grand_total].amount"],
        ["fiscal_summary[out.current_total].total"],
    ]


def test_shanghai_function_chain_with_codes_in_brackets_binds():
    # 上海 普陀 司法局 2026: "公共安全支出（204类）司法（06款）行政运行（01项）1434.89万元。"
    facts = [
        fact("gpb_expense[204].total", "6000.00", "公共安全支出"),
        fact("gpb_expense[20406].total", "5000.00", "司法"),
        fact("gpb_expense[2040601].total", "1434.89", "行政运行"),
    ]
    text = (
        "1、公共安全支出（204类）司法（06款）行政运行（01项）1434.89万元。"
        "2025年当年预算执行数为1690.69万元，2026年预算安排1434.89万元。"
    )
    amounts = [c for c in bind(claims(text), facts, doc_kind="budget") if c.claim.kind == "amount"]
    assert list(amounts[0].binding.bound_to) == ["gpb_expense[2040601].total"]
    prior = amounts[1]  # last year's figure: no budget table prints it, and it is not counted
    assert prior.claim.amount.value == D("1690.69") and not prior.binding.bound_to and prior.binding.unbound_reason
    assert bound_share(amounts[:2]) == (1, 1)


def test_xian_item_with_its_joined_code_binds_by_code():
    # 西安 审计局 2026: "1.行政运行（2010801）2,338.24万元，较上年增加126.15万元"
    facts = [
        fact("gpb_expense[2010801].total", "2338.24", "行政运行"),
        fact("gpb_expense[2011301].total", "99.00", "行政运行"),
    ]
    (c,) = [c for c in bind(claims("1.行政运行（2010801）2,338.24万元。"), facts) if c.claim.kind == "amount"]
    assert list(c.binding.bound_to) == ["gpb_expense[2010801].total"]


def test_code_whose_row_has_another_name_stays_unbound():
    facts = [fact("gpb_expense[2010801].total", "2338.24", "一般行政管理事务")]
    (c,) = [c for c in bind(claims("1.行政运行（2010801）2,338.24万元。"), facts) if c.claim.kind == "amount"]
    assert not c.binding.bound_to and c.binding.unbound_reason


def test_economic_code_is_no_function_code():
    (c,) = [c for c in claims("（1）工资福利支出（301）2,981.28万元。") if c.kind == "amount"]
    assert c.subject is None or not c.subject.startswith("func:")


JIANGSU_SOURCES = [  # 江苏 政协办公厅 2019 收支总表
    fact("income_expense_summary[in.gpb].amount", "13297.11"),
    fact("income_expense_summary[in.other].amount", "80.00"),
    fact("income_expense_summary[out.reserve].amount", "1886.02"),
    fact("income_expense_summary[in.carryover].amount", "0.00"),
    fact("income_expense_summary[in.current_total].amount", "13377.11"),
]


def test_jiangsu_sources_and_uses_bind():
    text = "其他资金80万元，占0.6%；上年结转资金0万元，占0%。单位预留机动经费预算为1,886.02万元。"
    amounts = [c for c in bind(claims(text), JIANGSU_SOURCES) if c.claim.kind == "amount"]
    assert [c.binding.bound_to[0] for c in amounts] == [
        "income_expense_summary[in.other].amount",
        "income_expense_summary[in.carryover].amount",
        "income_expense_summary[out.reserve].amount",
    ]


def test_carryover_of_one_kind_of_money_is_not_the_all_funds_carryover():
    (c,) = [
        c
        for c in bind(claims("一般公共预算财政拨款支出中，年初结转和结余0万元。"), JIANGSU_SOURCES)
        if c.claim.kind == "amount"
    ]
    assert c.binding.subject == "carryover_in" and not c.binding.bound_to and "资金范围" in c.binding.unbound_reason
