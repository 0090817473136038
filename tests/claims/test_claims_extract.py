"""Claim extraction from hand-made narrative sentences (one test per claim kind and
per text quirk). Sentences are copied from, or modelled on, the five examples."""

from __future__ import annotations

from decimal import Decimal as D

from budgetlint.claims.extract import extract_paragraph, paragraph_from_text
from budgetlint.model import Document


def values(claim) -> dict:
    """The claim's printed figures by role, as values."""
    return {role: p.value for role, p in claim.printed().items()}


def claims(text: str, line: int = 1):
    return extract_paragraph(paragraph_from_text(text, line=line))


def of(kind: str, text: str):
    return [c for c in claims(text) if c.kind == kind]


# ------------------------------------------------------------------ amounts


def test_amounts_with_subjects_and_decimals():
    cs = of("amount", "区政务服务和大数据管理局 2024 年收入总计 2301.43 万元，支出总计 2301.43 万元。")
    assert [(c.subject, c.amount.value, c.amount.decimals) for c in cs] == [
        ("income_total", D("2301.43"), 2),
        ("expense_total", D("2301.43"), 2),
    ]
    assert cs[0].amount.unit == "万元"


def test_units_yuan_wan_yi():
    cs = of("amount", "收入总计 23014300 元，支出总计 0.23 亿元，基本支出 1743.43 万元。")
    assert [(c.subject, c.amount.unit) for c in cs] == [
        ("income_total", "元"),
        ("expense_total", "亿元"),
        ("basic", "万元"),
    ]


def test_full_width_digits_and_punctuation():
    (c,) = of("amount", "２０２４年收入总计２３０１．４３万元。")
    assert c.subject == "income_total" and c.amount.value == D("2301.43") and c.amount.decimals == 2


def test_spaces_inside_numbers():
    # 延津 2024 line 77 prints "421. 29 万元" and "占 90. 62%".
    cs = claims(
        "一般公共预算支出年初预算为 421. 29 万元。主要用于以下方面:一般公共服务(类)支出 381. 79 万元,占 90. 62%。"
    )
    amounts = [c.amount.value for c in cs if c.kind == "amount"]
    assert amounts == [D("421.29"), D("381.79")]
    (share,) = [c for c in cs if c.kind == "share"]
    assert share.share.value == D("90.62") and share.subject == "func:一般公共服务|类"


def test_number_split_across_lines():
    # 西工区 2023 lines 725–727: "决算数 5" / "6.94 万元"; a Paragraph joins wrapped lines.
    cs = claims("年初预算数为 50.67 万元，决算数 5\n6.94 万元,完成年初预算的 112.37%。", line=725)
    (e,) = [c for c in cs if c.kind == "execution"]
    assert values(e) == {"budget": D("50.67"), "actual": D("56.94"), "rate": D("112.37")}
    assert e.provenance.line == 725


def test_provenance_line_of_wrapped_claim():
    cs = claims(
        "2023 年度支出合计 449.76 万元，其中：基本支出 176.37\n万元，占 39.21%；项目支出 273.39 万元。", line=676
    )
    project = next(c for c in cs if c.kind == "amount" and c.subject == "project")
    assert project.provenance.line == 677


def test_markdown_residue():
    (c,) = of("amount", "（二）公务接待费**0**万元，主要用于按规定开支的各类公务接待支出。")
    assert c.subject == "three_public.reception" and c.amount.value == 0


def test_amount_thresholds_are_not_claims():
    assert of("amount", "单位价值 50 万元以上通用设备 0 套，单价 100 万元（含）以上设备 0 台。") == []


# ------------------------------------------------------------------ shares


def test_share_whole_is_the_amount_before_qizhong():
    cs = of(
        "share", "2024 年支出合计 2301.43 万元，其中：基本支出 1743.43 万元，占 75.75%；项目支出 558 万元，占 24.25%。"
    )
    assert [(c.subject, c.part.value, c.whole.value, c.share.value) for c in cs] == [
        ("basic", D("1743.43"), D("2301.43"), D("75.75")),
        ("project", D("558"), D("2301.43"), D("24.25")),
    ]
    assert cs[0].whole_subject == "expense_current_total"


def test_share_with_named_whole():
    (c,) = of("share", "2023 年度一般公共预算财政拨款支出 349.76 万元，占支出合计的 77.77%。")
    assert c.subject == "gpb_total" and c.whole_subject == "expense_current_total"
    assert c.whole is None  # the whole comes from the table when bound


def test_share_head_in_previous_sentence():
    cs = of("share", "2024 年一般公共预算基本支出年初预算为 1743.43 万元。其中：人员经费支出 1730.75 万元，占 99.27%。")
    assert cs[0].whole.value == D("1743.43") and cs[0].subject == "personnel"


# ------------------------------------------------------------------ changes


def test_change_increase_with_rate_and_now():
    (c,) = of(
        "change",
        "2024 年收入总计 2301.43 万元，支出总计 2301.43 万元，与 2023 年预算相比，收支总计各增加 1964.3 万元，增长 582.65%。",
    )
    assert c.subject == "income_total"
    assert values(c) == {"change": D("1964.3"), "rate": D("582.65"), "now": D("2301.43")}
    assert c.change.decimals == 1
    assert c.direction == "增加" and c.base_year == "2023"


def test_change_decrease():
    (c,) = of("change", "2025 年收入总计 778.96 万元，与 2024 年预算相比，收支总计各减少 48.33 万元，下降 5.84%。")
    assert c.direction == "减少" == c.rate_direction
    assert c.rate.value == D("5.84") and c.now.value == D("778.96")


def test_change_jiao_shangnian_rate_only_subject_from_amount():
    (c,) = of("change", "机关运行经费支出决算为 1.03 万元。机关运行经费较上年度下降 4.07 万元， 下降 79.80%。")
    assert c.subject == "agency_running" and c.change.value == D("4.07") and c.rate.value == D("79.80")


def test_change_without_subject_takes_previous_amount():
    # 延津 2024 line 61: "收入增加 …;支出增加 …" after 收入总计/支出总计.
    cs = of(
        "change",
        "2024 年收入总计 421.29 万元, 支出总计 421.29 万元, 与 2023 年预算相比, 收入增加 4.28 万元,增长 1.03%,主要原因:业务增多;支出增加 4.28 万元,增长 1.03%。",
    )
    assert len(cs) == 2 and all(c.now.value == D("421.29") for c in cs)


def test_flat_change():
    (c,) = of(
        "change",
        "（一）因公出国（境）费**0**万元，主要用于单位工作人员公务出国（境）的住宿费等支出。预算数与2023年保持一致。",
    )
    assert c.subject == "three_public.abroad" and c.direction == "持平" and c.change.value == 0
    assert c.stated_change is None


def test_flat_with_stated_change_is_recorded():
    (c,) = [
        x for x in of("change", "公务接待费 5.00 万元，比 2023 年增加 2.00 万元，保持一致。") if x.direction == "持平"
    ]
    assert c.stated_change.value == D("2.00")


def test_flat_does_not_take_a_listed_word_from_another_sentence():
    cs = of("change", "机构运转经费支出预算12.68万元，包含公用经费、公务交通补贴等。预算数比2023年增加0.42万元。")
    assert [c.subject for c in cs] == ["operating_funds"]


# ------------------------------------------------------------------ execution


def test_execution_with_comparison_word():
    (c,) = of(
        "execution",
        "1．因公出国（境）费，全年预算为 0.00 万元，支出决算为 0.00 万元，完成全年预算的 0.00%。决算数与全年预算数无差异。",
    )
    assert c.subject == "three_public.abroad"
    assert values(c) == {"budget": D("0.00"), "actual": D("0.00"), "rate": D("0.00")}
    assert c.comparison == "无差异"


def test_execution_greater_than():
    (c,) = of("execution", "年初预算数为 50.67 万元，决算数 56.94 万元，完成年初预算的 112.37%，决算数大于年初预算数。")
    assert c.comparison == "大于"


def test_execution_total_budget_form():
    (c,) = of("execution", "全年预算资金总额 2485.35 万元。全年实际执行数为 449.76 万元，预算执行率为 18.01%。")
    assert values(c) == {"budget": D("2485.35"), "actual": D("449.76"), "rate": D("18.01")}


def test_execution_subject_from_functional_item():
    cs = claims(
        "1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算数为 50.67 万元，决算数 56.94 万元,完成年初预算的 112.37%。"
    )
    (e,) = [c for c in cs if c.kind == "execution"]
    assert e.subject.startswith("func:行政运行|项")


# ------------------------------------------------------------------ breakdowns, counts


def test_breakdown_parts():
    (c,) = of(
        "breakdown",
        "2024年政府采购预算安排522.00万元，其中：政府采购货物预算522.00万元、政府采购工程预算0万元、政府采购服务预算0万元。",
    )
    assert c.subject == "procurement" and c.total.value == D("522.00")
    assert [values(c)[f"part{i}"] for i in (1, 2, 3)] == [D("522.00"), D("0"), D("0")]


def test_project_count():
    (c,) = of("count", "涉及预算拨款 558.00 万元,共 4 个项目。")
    assert c.subject == "projects_count" and c.count.value == 4


def test_count_of_initial_budget_projects_is_not_the_project_table():
    assert [
        c.subject for c in of("count", "本部门共有 11 个年初预算项目（涉及年初预算36.96 万元），未形成支出。")
    ] == []


def test_grade_counts():
    (c,) = of(
        "count",
        "本部门需绩效自评项目 17 个，实际自评 17 个，9 个项目自评等级为优，6 个项目自评为良，0 个项目自评为中。",
    )
    assert values(c) == {"total": 17, "优": 9, "良": 6, "中": 0}


def test_vehicle_counts():
    (c,) = of(
        "count",
        "2022 年期末，共有车辆 5 辆，其中：一般公务用车 5 辆、一般执法执勤用车 0 辆、特种专业技术用车 0 辆、其他用车 0 辆；单位价值 50 万元以上通用设备 0 套。",
    )
    assert c.total.value == 5 and sum(v for k, v in values(c).items() if k.startswith("part")) == 5


# ------------------------------------------------------------------ dates, admissions


def test_dates_by_context():
    cs = of(
        "date",
        "截至 2024 年 12 月 31 日，2023 年期末共有车辆 1 辆。区政务服务和大数据管理局 2024 年收入总计 2301.43 万元，与 2023 年预算相比增加。",
    )
    got = {(c.context, int(c.year.value)) for c in cs}
    assert got == {("as_of", 2024), ("period_end", 2023), ("headline", 2024), ("comparison", 2023)}


def test_admission_and_its_figures_are_marked():
    cs = claims(
        "主要原因：一是公务员年度优秀一次性奖励金 1500 元系统统计成 1500 万元，二是由于项目增加，预算支出增多。"
    )
    (a,) = [c for c in cs if c.kind == "admission"]
    assert a.keyword == "系统统计"
    amounts = [c for c in cs if c.kind == "amount"]
    assert [c.amount.unit for c in amounts] == ["元", "万元"]
    assert all(c.in_admission for c in amounts)


def test_definitions_are_skipped():
    doc = Document(path="x", paragraphs=[paragraph_from_text("预算执行率=（预算完成数/预算数）×100%。")])
    from budgetlint.claims import extract

    assert extract(doc) == []


def test_claim_ids_unique():
    doc = Document(
        path="x",
        paragraphs=[
            paragraph_from_text("收入总计 1.00 万元。", line=3),
            paragraph_from_text("收入总计 1.00 万元。", line=3),
        ],
    )
    from budgetlint.claims import extract

    ids = [c.id for c in extract(doc)]
    assert len(ids) == len(set(ids))


# ------------------------------------------------------------------ guards against misreading


def test_term_inside_a_longer_name_is_not_a_subject():
    # 深圳 2026: "大厅保安和安检服务项目支出 328.69 万元" is one project, not 项目支出
    assert [c.subject for c in of("amount", "大厅保安和安检服务项目支出328.69万元，用于安检。")] == [None]
    # 江苏: 财政拨款基本支出 is its own subject (the 财政拨款收支总表's 基本支出 line, else the
    # 一般公共预算 基本支出: 江苏省政协 2017 prints 5,836.27 for both, p10 and p14), not 基本支出
    assert [c.subject for c in of("amount", "2017年度财政拨款基本支出预算5,836.27万元。")] == ["fiscal_basic"]


def test_subject_too_far_from_its_amount():
    cs = of("amount", "二是项目支出增加信息化运维项目经费等；支出预算3,944.08万元。")
    assert [c.subject for c in cs] == ["expense_budget"]  # its own clause names it; not 项目支出


def test_change_after_a_digression_is_not_bound_to_a_listed_word():
    # 国家信访局 2024: the change is about 其他收入, not the last income named in the explanation
    (c,) = of(
        "change",
        "2.其他收入878.44万元，为在财政拨款收入、事业收入、经营收入、附属单位上缴收入之外取得的收入，比2023年度决算数增加326.11万元，增长59.04%。",
    )
    assert c.subject is None


def test_change_after_a_qizhong_list_is_not_bound_to_the_last_item():
    (c,) = of(
        "change",
        "本部门当年预算收入4,203.47万元，其中：一般公共预算拨款4,005.29万元、其他收入100.00万元，较上年增加142.30万元，增长3.50%。",
    )
    assert c.subject is None


def test_change_amount_stated_after_the_change():
    first, second = of(
        "change",
        "收入预算为2796.14万元，比上年增加129.07万元，主要原因是一般公共预算拨款收入增加129.07万元。其中：一般公共预算拨款收入2796.14万元。",
    )
    assert first.subject == "income_budget" and first.now.value == D("2796.14")  # 上海/江苏 wording
    assert second.subject == "gpb_income" and second.now.value == D("2796.14")


def test_roughly_flat_is_no_claim():
    assert [
        c.direction for c in of("change", "支出143.47万元，比上年执行数减少1.26万元，下降0.9%，与上年基本持平。")
    ] == ["减少"]


def test_template_direction_is_unknown():
    (c,) = of("change", "政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少）0%。")
    assert c.direction == ""


def test_reason_rate_is_not_a_change_rate():
    (c,) = of(
        "change", "会议费预算支出1469.73万元，比上年预算增加164.48万元，主要原因按规定运转类专项经费统一压减10%。"
    )
    assert c.rate is None


def test_mention_of_another_year_is_no_headline():
    cs = of("date", "我局为2019年新成立单位，不存在2018年一般公共预算财政拨款收入。")
    assert [c.context for c in cs] == []


def test_share_part_must_be_adjacent():
    cs = of(
        "share",
        "授予中小企业合同金额1015.5万元，占授予中小企业合同金额的55.78%；货物采购授予中小企业合同金额占货物支出金额的9.16%。",
    )
    assert [(c.part is not None) for c in cs] == [True, False]


def test_exhaustive_shares_use_the_sum_of_parts():
    cs = of(
        "share",
        "固定资产总量为4295.98万元，房屋3773.63万元，占87.84%；设备335.24万元，占7.90%；家具172.11万元，占4%;无形资产15万元占0.26%。",
    )
    assert {c.whole_sum.mid for c in cs} == {D("4295.98")}


# ------------------------------------------------------------ issue 9: same-sentence current figure, comparisons


def test_change_reads_the_amount_it_follows_as_current_figure():
    (c,) = of("change", "收入预算为1200.00万元，比上年增加8.00万元，增长0.67%。")
    assert c.now.value == D("1200.00") and c.change.value == D("8.00")


def test_compared_amount_is_not_the_current_figure():
    (c,) = of("change", "2026年度收入预算32852.05万元，比2025年年初预算数30385.62万元增加2466.43万元，增长8.12%。")
    assert c.now != D("30385.62")


def test_amount_in_a_list_is_not_the_current_figure():
    (c,) = of("change", "其中：基本支出100.00万元，项目支出50.00万元，比上年增加8.00万元。")
    assert c.now is None


def test_comparison_without_completion_rate():
    (c,) = of("execution", "年初预算为0万元，支出决算为497.53万元。决算数大于预算数的主要原因是调剂了预算。")
    assert (c.budget.value, c.actual.value, c.comparison) == (D("0"), D("497.53"), "大于")
    assert c.rate is None


def test_comparison_with_last_year_is_no_execution_claim():
    assert of("execution", "年初预算为66.2万元，支出决算为63.52万元。决算数比上年增加的主要原因是人员增加。") == []


def test_comparison_after_completion_rate_is_read_once():
    cs = of(
        "execution",
        "年初预算为5717.32万元，支出决算为5757.63万元，完成年初预算的100.71%。决算数大于预算数的主要原因是追加。",
    )
    assert len(cs) == 1 and cs[0].comparison == "大于" and cs[0].rate is not None


def test_increase_word_after_completion_rate():
    (c,) = of(
        "execution",
        "年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90.00%，决算数比年初预算增加的主要原因是追加。",
    )
    assert c.comparison == "增加" and c.rate is not None


def test_printed_base_and_current_figure():
    (c,) = of("change", "2026年度收入预算32852.05万元，比2025年年初预算数30385.62万元增加2466.43万元，增长8.12%。")
    assert (c.now.value, c.stated_base.value) == (D("32852.05"), D("30385.62"))
