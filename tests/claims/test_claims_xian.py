"""西安 narrative wording and tables (issue 9): golden values read from the printed pages."""

from __future__ import annotations

from decimal import Decimal as D

from budgetlint.claims.bind import _not_understood, states_table_figure
from budgetlint.claims.kinds import Binding, BoundClaim
from budgetlint.claims.extract import extract_paragraph, paragraph_from_text
from budgetlint.model import Fact, Unit
from budgetlint.recognise import recognise_table
from tests.claims.test_claims_bind import bind
from tests.samples import lookup_of, make_fact, ruled_grid


def fact(address: str, value: str, label: str = "", unit: Unit = Unit.YUAN) -> Fact:
    return make_fact(address, value, label, unit, page=1)


def claims(text: str, section: str = ""):
    return extract_paragraph(paragraph_from_text(text, section=section))


def amounts(found):
    return [c for c in found if c.claim.kind == "amount"]


# 西安 审计局 2026 表6 p.27 部门综合预算一般公共预算支出明细表（按支出经济分类科目）, 元:
# 合计 | 人员经费支出 | 公用经费支出 | 专项业务经费支出
SHENJI_ECONOMIC = [
    fact("economic_summary[total].gpb", "40052896.08"),
    fact("economic_summary[301].gpb", "29812828.40", "工资福利支出"),
    fact("economic_summary[301].basic.personnel", "29812828.40", "工资福利支出"),
    fact("economic_summary[302].gpb", "9564063.68", "商品和服务支出"),
    fact("economic_summary[302].basic.personnel", "1169532.00", "商品和服务支出"),
    fact("economic_summary[302].basic.public", "1885851.68", "商品和服务支出"),
    fact("economic_summary[302].project", "6508680.00", "商品和服务支出"),
]


def test_economic_items_of_the_whole_gpb_spending_bind_to_the_economic_table():
    # 审计局 2026 p.13: "本部门当年一般公共预算支出4,005.29万元，其中：（1）工资福利支出（301）2,981.28万元…"
    found = amounts(
        bind(
            claims(
                "（1）工资福利支出（301）2,981.28万元，较上年增加117.32万元，增长4.10%。"
                "（2）商品和服务支出（302）956.41万元，较上年减少181.52万元，下降15.95%。"
            ),
            SHENJI_ECONOMIC,
        )
    )
    assert [list(c.binding.bound_to) for c in found] == [["economic_summary[301].gpb"], ["economic_summary[302].gpb"]]
    assert found[1].binding.fact.mid == D("956.4063680")


def test_economic_item_that_disagrees_is_left_unbound_not_contradicted():
    # a reading some regions do not share ("?"): 956.00 is no finding against 956.41, only unbound
    found = amounts(bind(claims("（2）商品和服务支出（302）956.00万元，较上年减少181.52万元。"), SHENJI_ECONOMIC))
    assert list(found[0].binding.bound_to) == []
    assert "商品和服务支出" in found[0].binding.unbound_reason


def test_economic_items_under_a_column_heading_bind_to_that_column():
    # 西安 wording (宣传部 2021 p.9): "其中①人员经费：…；②公用经费：商品和服务支出（302）…；③专项业务经费：…"
    found = amounts(
        bind(
            claims(
                "其中①人员经费：工资福利支出（301）2981.28万元；商品和服务支出（302）116.95万元；"
                "②公用经费：商品和服务支出（302）188.59万元；③专项业务经费：商品和服务支出（302）650.87万元。"
            ),
            SHENJI_ECONOMIC,
        )
    )
    assert [list(c.binding.bound_to) for c in found] == [
        ["economic_summary[301].basic.personnel"],
        ["economic_summary[302].basic.personnel"],
        ["economic_summary[302].basic.public"],
        ["economic_summary[302].project"],
    ]
    # the 公用经费 part stated as the row's whole (956.41) is not that column's: unbound
    found = amounts(bind(claims("②公用经费：商品和服务支出（302）956.41万元。"), SHENJI_ECONOMIC))
    assert list(found[0].binding.bound_to) == []


def test_self_evaluation_figures_restate_no_table_figure():
    # 卫健委 2022 决算 p.32 and p.24
    found = bind(
        claims(
            "1.西安市卫生健康委员会本级（机关）2022年病媒生物防制项目绩效自评综述：全年预算数229.19万元，"
            "执行数229.19万元，完成预算的100%。"
        ),
        [fact("final_summary[out.grand_total].amount", "2480372.70", unit=Unit.WAN)],
    )
    assert found and all(not states_table_figure(c) for c in found if c.claim.kind in ("amount", "execution"))
    assert all("绩效自评" in c.binding.unbound_reason for c in found if c.claim.kind in ("amount", "execution"))
    found = claims(
        "根据年度设定的绩效目标，部门整体支出自评得分99.5，全年预算数2,495,142.55万元，执行数2074962.01万元，"
        "完成预算的83.16%。"
    )
    assert all(c.self_evaluation for c in found if c.kind in ("amount", "execution"))
    # a sentence that evaluates nothing keeps its figures checked
    found = claims("2022年度收入总计、支出总计均为2,480,372.7万元。")
    assert not any(c.self_evaluation for c in found)


# 卫健委 2022 决算 p.161 财政拨款“三公”经费支出决算表 (万元): 预算数 合计 593.46, 决算数 合计 587.55
WEIJIAN_THREE_PUBLIC = [
    fact("final_three_public[total].budget.total", "593.46", unit=Unit.WAN),
    fact("final_three_public[total].total", "587.55", unit=Unit.WAN),
]


def test_final_actual_after_a_budget_amount_speaks_of_its_subject():
    # 卫健委 2022 决算 p.21
    text = (
        "2022年度财政拨款安排“三公”经费支出预算593.46万元，支出决算587.55万元，完成预算的99%，"
        "决算数较预算数减少5.91万元，主要原因是：厉行节约，压缩三公经费。"
    )
    found = bind(claims(text), WEIJIAN_THREE_PUBLIC, doc_kind="final")
    actual = next(c for c in found if c.claim.kind == "amount" and c.claim.amount.value == D("587.55"))
    assert list(actual.binding.bound_to) == ["final_three_public[total].total"]
    change = next(c for c in found if c.claim.kind == "change")
    assert change.claim.versus_budget and not states_table_figure(change)
    # a wrong 决算数 is bound to the table's, so the disagreement becomes a finding
    found = bind(claims(text.replace("587.55", "578.55")), WEIJIAN_THREE_PUBLIC, doc_kind="final")
    actual = next(c for c in found if c.claim.kind == "amount" and c.claim.amount.value == D("578.55"))
    assert list(actual.binding.bound_to) == ["final_three_public[total].total"] and actual.binding.fact.mid == D(
        "587.55"
    )


def test_amounts_giving_the_reason_for_a_change_restate_no_table_figure():
    # 气象局 2022 p.8
    found = bind(
        claims(
            "2022年本部门预算收入较上年增加406.39万元，主要原因是西安市气象灾害、空气质量、气象影视、"
            "农业气象等业务维持406.39万元。"
        ),
        [fact("income_expense_summary[in.grand_total].amount", "18999000.00")],
    )
    change = next(c for c in found if c.claim.kind == "change")
    assert change.binding.subject == "income_budget"  # 预算收入 right before its change
    reason = next(c for c in found if c.claim.kind == "amount")
    assert reason.binding.subject is None and not states_table_figure(reason)
    # an item of a list after an earlier clause's reason is still counted (its name was lost)
    found = claims("⑨住房公积金（2210201）20.00万元，原因是人员增加；（2210203）99.45万元，较上年增加16.62万元。")
    unnamed = next(c for c in found if c.kind == "amount" and c.amount.value == D("99.45"))
    assert states_table_figure(BoundClaim(unnamed, Binding(subject=unnamed.subject)))


def test_item_whose_printed_label_the_cell_cut_binds_by_code():
    # 气象局 2022 p.22 (一般公共预算支出明细表): 2080506 printed "机关事业单位职业年金" (cut), 43608.96 元
    facts = [fact("gpb_expense[2080506].total", "43608.96", "机关事业单位职业年金")]
    found = amounts(
        bind(claims("（1）机关事业单位职业年金缴费支出（2080506）4.36万元，上年度该科目无预算资金；"), facts)
    )
    assert list(found[0].binding.bound_to) == ["gpb_expense[2080506].total"]
    # another name under that code stays unbound
    facts = [fact("gpb_expense[2080506].total", "43608.96", "机关事业单位基本养老保险缴费支出")]
    found = amounts(bind(claims("（1）机关事业单位职业年金缴费支出（2080506）4.36万元；"), facts))
    assert list(found[0].binding.bound_to) == []


# 气象局 2022 表13 p.30 2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）, 元:
# 2021年 | 2022年 | 增减变化情况, each 合计 | “三公”经费预算 (小计, 出国, 接待, 车: 小计, 购置, 运行) | 会议费 | 培训费
def _qixiang_three_public(unit_row_2: str = "12240"):
    band = "一般公共预算拨款安排的“三公”经费预算"
    block = ["合计", band, "^", "^", "^", "^", "^", "会议费", "培训费"]
    items = ["^", "小计", "因公出国（境）费用", "公务接待费", "公务用车购置及运行维护费", "^", "^", "^", "^"]
    cars = ["^", "^", "^", "^", "小计", "公务用车购置费", "公务用车运行费", "^", "^"]
    prior = ["12240", "2720", "0", "2720", "0", "0", "0", "2380", "7140"]
    zero = ["0"] * 9
    change = ["-12240", "-2720", "0", "-2720", "0", "0", "0", "-2380", "-7140"]
    unit2 = [unit_row_2, *prior[1:]]
    rows = [
        ["序号", "单位编码", "单位名称", "2021年", *["^"] * 8, "2022年", *["^"] * 8, "增减变化情况", *["^"] * 8],
        ["^", "^", "^", *block, *block, *block],
        ["^", "^", "^", *items, *items, *items],
        ["^", "^", "^", *cars, *cars, *cars],
        ["1", "", "合计", *prior, *zero, *change],
        ["2", "234", "西安市气象局", *prior, *zero, *change],
        ["3", "234001", "西安市气象局", *zero, *zero, *zero],
        ["4", "234002", "西安市人工影响天气服务保障中心", *unit2, *zero, *change],
    ]
    title = "2022年部门综合预算一般公共预算拨款“三公”经费、会议费、培训费表（不含上年结转）"
    return recognise_table(ruled_grid(title, rows, [title, "金额单位：元"]), "t1", [])


def test_xian_three_public_bands_each_have_their_own_total_and_unit_rows_are_trusted():
    table = _qixiang_three_public()
    total = table.row("total")
    got = {c.column: c.value for c in total.cells if c.state == "value"}
    assert got["prior.grand_total"] == D("12240") and got["prior.meeting"] == D("2380")
    assert got["change.grand_total"] == D("-12240") and got["change.training"] == D("-7140")
    assert got["total"] == D("0")  # (this year's block prints 0 everywhere: its 合计 and 小计 alike)
    assert not any(c.column.startswith("c") and c.column[1:].isdigit() for c in total.cells)
    # 部门 line repeating the 合计, then its units adding up to it: the 合计 row is trusted
    assert _not_understood(table) is None


def test_xian_three_public_unit_rows_that_do_not_add_up_leave_the_table_distrusted():
    table = _qixiang_three_public(unit_row_2="12040")
    assert _not_understood(table) is not None


def test_lookup_uses_the_trusted_three_public_table():
    lookup = lookup_of([fact("three_public[total].meeting", "0")])
    found = amounts(
        bind(
            claims(
                "2022年本部门当年一般公共预算“三公”经费预算支出0.27万元，较上年增加0.0万元，"
                "其中会议费0.24万元，较上年无变化。"
            ),
            lookup,
        )
    )
    meeting = next(c for c in found if c.claim.amount.value == D("0.24"))
    assert meeting.binding.subject == "three_public.meeting" and list(meeting.binding.bound_to) == [
        "three_public[total].meeting"
    ]


# 审计局 2026 表4 p.25 部门综合预算财政拨款收支总表 (元), 政府预算支出经济分类科目（按大类） block:
# 1、机关工资福利支出 29,812,828.40; 2、机关商品和服务支出 9,564,063.68; 3、机关资本性支出 100,000.00;
# 4、机关资本性支出（基本建设） blank; 9、对个人和家庭的补助 576,004.00 (also printed, with the same
# amount, as 部门预算 block's (3)对个人和家庭的补助)
def _summary_index(lines):
    from types import SimpleNamespace

    from budgetlint.model import Provenance

    def cell(value):
        state = "value" if value else "blank"
        return SimpleNamespace(
            state=state, value=D(value) if value else None, provenance=Provenance(path="x.pdf", page=25)
        )

    rows = [SimpleNamespace(kind="detail", label=label, cells=[cell(value)]) for label, value in lines]
    return SimpleNamespace(
        kind="fiscal_summary",
        table=SimpleNamespace(rows=rows, id="t4"),
        interval=lambda c: SimpleNamespace(mid=c.value / 10000, half=D("0.0000005")),
    )


def test_government_economic_lines_of_the_summary_are_read_by_name():
    from budgetlint.claims.economic_lines import government_economic_lines
    from budgetlint.claims.vocab import load_vocabulary

    ti = _summary_index(
        [
            ("1、机关工资福利支出", "29812828.40"),
            ("(1)工资福利支出", "29812828.40"),
            ("2、机关商品和服务支出", "9564063.68"),
            ("(2)商品和服务支出", "3055383.68"),
            ("3、机关资本性支出", "100000.00"),
            ("4、机关资本性支出（基本建设）", ""),
            ("7、对企业补助", ""),
            ("(8)对企业补助", "20000.00"),
        ]
    )
    got = {a: iv.mid for a, iv, _, _ in government_economic_lines(ti, load_vocabulary().gov_economic)}
    assert got == {
        "fiscal_summary[gov_econ.501].amount": D("2981.28284"),
        "fiscal_summary[gov_econ.502].amount": D("956.406368"),
        "fiscal_summary[gov_econ.503].amount": D("10"),
    }
    # 对企业补助 printed twice with other amounts (507 and the 部门预算 block's 312), 504 blank: not read


def test_government_economic_items_bind_where_they_agree():
    facts = [
        fact("fiscal_summary[gov_econ.501].amount", "29812828.40"),
        fact("fiscal_summary[gov_econ.503].amount", "100000.00"),
    ]
    # 审计局 2026 p.14-15
    found = amounts(
        bind(
            claims(
                "（1）机关工资福利支出（501）2,981.28万元，较上年增加117.32万元，增长4.10%。"
                "（3）机关资本性支出（503）10.00万元，较上年减少7.00万元，下降41.18%。"
            ),
            facts,
        )
    )
    assert [list(c.binding.bound_to) for c in found] == [
        ["fiscal_summary[gov_econ.501].amount"],
        ["fiscal_summary[gov_econ.503].amount"],
    ]
    # the 一般公共预算 part stated where the summary prints all funds: unbound, never contradicted
    found = amounts(bind(claims("（1）机关工资福利支出（501）2,918.28万元。"), facts))
    assert list(found[0].binding.bound_to) == []
