"""Narrative and plausibility rules run by the engine on hand-made documents.

Each check has a passing and a failing case; the text quirks (full-width
digits, spaces inside numbers, numbers split across lines, 元/亿元) appear in
the failing and passing cases alike, so a quirk can neither hide an error nor
invent one.
"""

from __future__ import annotations

import pytest

from budgetlint.claims.extract import paragraph_from_text
from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example
from budgetlint.model import Paragraph, Provenance

RULES = {r.id: r for r in load_rules(select=["BL5", "BL6"])}


def run(
    rule_id: str,
    paragraphs: list[str],
    facts: dict | None = None,
    kind: str = "budget",
    year: int = 2024,
    tables: list | None = None,
):
    spec = {"kind": kind, "year": year, "tables": tables or []}
    doc = build_document(Example(expect="pass", facts=facts or {}, doc=spec))
    doc.paragraphs = [paragraph_from_text(p, path=doc.path, line=100 + 10 * i) for i, p in enumerate(paragraphs)]
    return check_document(doc, [RULES[rule_id]]).findings


LAOCHENG = {
    "income_expense_summary[in.grand_total].amount": "2301.43",
    "expense[total].total": "2301.43",
    "expense[total].basic": "1743.43",
    "expense[total].project": "558.00",
}


# ------------------------------------------------------------------ BL501 amounts


@pytest.mark.parametrize(
    "text",
    [
        "2024 年收入总计 2301.43 万元。",
        "２０２４年收入总计２３０１．４３万元。",  # full-width
        "2024 年收入总计 2301. 43 万元。",  # space inside the number
        "2024 年收入总计 2301.\n43 万元。",  # split across lines
        "2024 年收入总计 23014300 元。",  # 元
        "2024 年收入总计 0.23 亿元。",  # 亿元: 0.23 亿 = 2300 万 ± 50 万 holds 2301.43
    ],
)
def test_amount_matches(text):
    assert run("BL501", [text], LAOCHENG) == []


@pytest.mark.parametrize(
    "text",
    [
        "2024 年收入总计 2310.43 万元。",
        "２０２４年收入总计２３１０．４３万元。",
        "2024 年收入总计 2310. 43 万元。",
        "2024 年收入总计 2310.\n43 万元。",
        "2024 年收入总计 23104300 元。",
        "2024 年收入总计 0.24 亿元。",
    ],
)
def test_amount_differs(text):
    (f,) = run("BL501", [text], LAOCHENG)
    assert f.rule_id == "BL501"
    assert any(loc.address == "income_expense_summary[in.grand_total].amount" for loc in f.locations)
    assert any(loc.line == 100 for loc in f.locations)  # the narrative line


def test_amount_finding_points_at_wrapped_line():
    (f,) = run(
        "BL501", ["2024 年支出合计 2301.43 万元，其中：基本支出 1743.43 万元，\n项目支出 568.00 万元。"], LAOCHENG
    )
    assert [loc.line for loc in f.locations if loc.address is None] == [101]


def test_a_cell_of_a_row_printing_several_columns_is_named_by_row_and_column():
    # 西安 2022 气象局 p.30: the 三公 table's 合计 row prints 会议费 and 培训费 beside the 三公 total
    facts = {"three_public[total].total": "0", "three_public[total].meeting": "0", "three_public[total].training": "0"}
    (f,) = run("BL501", ["其中会议费0.24万元。"], facts)
    assert "表中“total”行“会议费”列" in f.message  # (a hand-made row is labelled by its key)
    (f,) = run("BL501", ["2024 年收入总计 2310.43 万元。"], LAOCHENG)
    assert "行“" not in f.message  # the table's own amount column: the row says it all


def test_rounding_is_not_an_error():
    assert run("BL501", ["项目支出 558 万元。"], LAOCHENG) == []


# ------------------------------------------------------------------ BL502 shares


def test_share_ok_and_wrong():
    ok = "支出合计 2301.43 万元，其中：基本支出 1743.43 万元，占 75.75%；项目支出 558 万元，占 24.25%。"
    assert run("BL502", [ok], LAOCHENG) == []
    bad = "支出合计 2301.43 万元，其中：基本支出 1743.43 万元，占 75.75%；项目支出 558 万元，占 42.25%。"
    (f,) = run("BL502", [bad], LAOCHENG)
    assert "42.25" in f.message and "24.25" in f.message


def test_share_from_text_when_no_table():
    assert run("BL502", ["收入合计 449.76 万元，其中：财政拨款收入 449. 76 万元，占 100.00%。"]) == []
    assert len(run("BL502", ["收入合计 449.76 万元，其中：财政拨款收入 449.76 万元，占 10.00%。"])) == 1


def test_share_of_a_whole_stated_in_an_earlier_sentence_names_that_whole():
    (f,) = run("BL502", ["2024年支出合计2301.43万元。", "基本支出1743.43万元，占支出合计的72.75%。"])
    # 1743.43 / 2301.43 = 75.75 %; the whole is the earlier sentence's, and the message says so
    assert "总数 2301.43 万元" in f.message and "75.75" in f.message and "{whole}" not in f.message


def test_share_of_zero_whole_is_not_checked():
    assert run("BL502", ["“三公”经费支出决算 0.00 万元，其中：公务接待费 0.00 万元，占 0.00%。"]) == []


# ------------------------------------------------------------------ BL503–BL507 changes


def test_growth_rate_increase_and_decrease():
    assert run("BL503", ["收入总计 2301.43 万元，与 2023 年相比，收支总计各增加 1964.3 万元，增长 582.65%。"]) == []
    assert run("BL503", ["收入总计 778.96 万元，与 2024 年相比，收支总计各减少 48.33 万元，下降 5.84%。"]) == []
    # rate computed on the current amount instead of last year's
    assert len(run("BL503", ["收入总计 778.96 万元，与 2024 年相比，收支总计各减少 48.33 万元，下降 6.20%。"])) == 1
    assert len(run("BL503", ["收入总计 2301.43 万元，与 2023 年相比，收支总计各增加 1964.3 万元，增长 85.35%。"])) == 1


def test_growth_uses_table_amount_when_text_has_none():
    facts = {"gpb_expense[total].total": "349.76"}
    assert run("BL503", ["与上年度相比，一般公共预算财政拨款支出减少 8.11 万元，下降 2.27%。"], facts) == []
    assert len(run("BL503", ["与上年度相比，一般公共预算财政拨款支出减少 8.11 万元，下降 2.32%。"], facts)) == 1


def test_direction_words():
    assert run("BL504", ["收入总计 421.29 万元，收入增加 4.28 万元，增长 1.03%。"]) == []
    assert len(run("BL504", ["收入总计 421.29 万元，收入增加 4.28 万元，下降 1.03%。"])) == 1


def test_increase_larger_than_current():
    assert run("BL505", ["公用经费 4.05 万元，与上年度相比，公用经费支出减少 150.16 万元。"]) == []
    assert len(run("BL505", ["公用经费 4.05 万元，与上年度相比，公用经费支出增加 150.16 万元。"])) == 1


def test_flat_with_nonzero_change():
    assert run("BL506", ["公务接待费 0 万元，预算数与 2023 年保持一致。"]) == []
    assert len(run("BL506", ["公务接待费 5.00 万元，比 2023 年增加 2.00 万元，与上年持平。"])) == 1


def test_change_parts():
    total = "2024 年“三公”经费支出预算为 11.50 万元。2024 年“三公”经费支出预算数比 2023 年增加 11.00 万元。"
    parts_ok = [
        "因公出国（境）费 0 万元，预算数与 2023 年保持一致。",
        "公务接待费 0 万元，预算数与 2023 年保持一致。",
        "公务用车购置及运行费 11.5 万元。其中：公务用车购置费 0 万元，预算数与 2023 年保持一致；"
        "公务用车运行维护费 11.50 万元，预算数比 2023 年增加 11.00 万元。",
    ]
    assert run("BL507", [total, *parts_ok]) == []
    parts_flat = parts_ok[:2] + ["公务用车购置及运行费 11.5 万元，预算数与 2023 年保持一致。"]
    (f,) = run("BL507", [total, *parts_flat])
    assert "11.00" in f.message


# ------------------------------------------------------------------ BL510–BL512 execution


def test_execution_rate():
    assert run("BL510", ["年初预算数为 50.67 万元，决算数 5\n6.94 万元,完成年初预算的 112.37%。"], kind="final") == []
    (f,) = run(
        "BL510", ["全年预算资金总额 2485.35 万元。全年实际执行数为 449.76 万元，预算执行率为 18.01%。"], kind="final"
    )
    assert "18.10" in f.message


def test_execution_over_zero_base():
    assert run("BL511", ["全年预算为 0.00 万元，支出决算为 0.00 万元，完成全年预算的 0.00%。"], kind="final") == []
    assert len(run("BL511", ["年初预算数为 0.00 万元，决算数 5.00 万元,完成年初预算的 0.00%。"], kind="final")) == 1


@pytest.mark.parametrize(
    "text,findings",
    [
        ("年初预算数为 50.67 万元，决算数 56.94 万元，完成年初预算的 112.37%，决算数大于年初预算数。", 0),
        ("年初预算数为 50.67 万元，决算数 56.94 万元，完成年初预算的 112.37%，决算数小于年初预算数。", 1),
        ("全年预算为 5.00 万元，支出决算为 5.00 万元，完成全年预算的 100.00%。决算数与全年预算数无差异。", 0),
        ("全年预算为 5.00 万元，支出决算为 3.00 万元，完成全年预算的 60.00%。决算数与全年预算数无差异。", 1),
        ("全年预算为 5.00 万元，支出决算为 5.00 万元，完成全年预算的 100.00%。决算数与全年预算数存在差异。", 1),
    ],
)
def test_comparison_words(text, findings):
    assert len(run("BL512", [text], kind="final")) == findings


# ------------------------------------------------------------------ BL520–BL522 counts, breakdowns


def test_project_count():
    facts = {
        "projects[p1].total": "10.00",
        "projects[p2].total": "20.00",
        "projects[p3].total": "15.00",
        "projects[p4].total": "513.00",
    }
    assert run("BL520", ["涉及预算拨款 558.00 万元,共 4 个项目。"], facts) == []
    assert len(run("BL520", ["涉及预算拨款 558.00 万元,共 ４ 个项目，共 5 个项目。"], facts)) == 1


def test_count_parts():
    assert (
        run("BL521", ["需绩效自评项目 17 个，实际自评 17 个，9 个项目自评等级为优，8 个项目自评为良。"], kind="final")
        == []
    )
    assert (
        len(
            run(
                "BL521",
                ["需绩效自评项目 17 个，实际自评 17 个，9 个项目自评等级为优，6 个项目自评为良，0 个项目自评为中。"],
                kind="final",
            )
        )
        == 1
    )
    assert len(run("BL521", ["共有车辆 5 辆，其中：一般公务用车 4 辆、其他用车 0 辆。"])) == 1
    # a few projects named by example are no count of the project table's rows
    projects = {f"projects[p{i}].total": "1.00" for i in range(1, 5)}
    assert run("BL520", ["对信息创新项目等共2个项目开展事前绩效评估。"], projects) == []
    assert run("BL520", ["本部门项目数量较上年减少共3个项目。"], projects) == []  # a change of the count
    assert len(run("BL520", ["涉及预算拨款 558.00 万元,共 2 个项目。"], projects)) == 1
    # the list of kinds held ends where the fleet's changes begin
    assert run("BL521", ["共有车辆1辆，其中：一般公务用车1辆，2023年报废车辆1辆。"]) == []
    assert run("BL521", ["共有车辆3辆，其中：执法执勤用车2辆，特种专业技术用车1辆，比上年增加1辆。"]) == []
    assert len(run("BL521", ["共有车辆3辆，其中：执法执勤用车2辆，特种专业技术用车2辆，比上年增加1辆。"])) == 1


def test_breakdown_parts():
    assert (
        run("BL522", ["政府采购预算安排 522.00 万元，其中：政府采购货物预算 522.00 万元、政府采购工程预算 0 万元。"])
        == []
    )
    assert (
        len(
            run(
                "BL522",
                ["政府采购预算安排 5 2 2.00 万元，其中：政府采购货物预算 522.00 万元、政府采购工程预算 1.00 万元。"],
            )
        )
        == 1
    )


# ------------------------------------------------------------------ BL530, BL540, BL550


def test_same_subject_twice():
    assert run("BL530", ["政府采购预算安排 522.00 万元。", "政府采购预算安排 522 万元。"]) == []
    assert len(run("BL530", ["政府采购预算安排 522.00 万元。", "政府采购预算安排 5220000 元。"])) == 0
    assert len(run("BL530", ["政府采购预算安排 522.00 万元。", "政府采购预算安排 52.20 万元。"])) == 1


def test_same_subject_names_where_the_earlier_sentence_is():
    (f,) = run("BL530", ["政府采购预算安排 522.00 万元。", "政府采购预算安排 52.20 万元。"])
    assert "前文（第 100 行“" in f.message  # a text export: the earlier paragraph's line

    # a PDF paragraph has a page and no line: the page is named, not an empty "第  行"
    doc = build_document(Example(expect="pass", facts={}, doc={"kind": "budget", "year": 2024, "tables": []}))
    doc.paragraphs = [
        Paragraph(
            text=t, spans=[(0, Provenance(path=doc.path, page=page))], provenance=Provenance(path=doc.path, page=page)
        )
        for page, t in ((3, "政府采购预算安排 522.00 万元。"), (5, "政府采购预算安排 52.20 万元。"))
    ]
    (f,) = check_document(doc, [RULES["BL530"]]).findings
    assert "前文（第 3 页“" in f.message and "行" not in f.message


@pytest.mark.parametrize(
    "text,kind,findings",
    [
        ("2024 年收入总计 1.00 万元，与 2023 年预算相比增加 0.10 万元。2023年期末，共有车辆1辆。", "budget", 0),
        ("2024 年收入总计 1.00 万元，与 2022 年预算相比增加 0.10 万元。", "budget", 1),
        ("2023 年期末共有车辆 0 辆。", "budget", 0),
        ("2024 年期末共有车辆 0 辆。", "budget", 1),
        ("截至 2024 年 12 月 31 日，共有车辆 0 辆。", "final", 0),
        ("2023 年收入总计 1.00 万元。", "budget", 1),
    ],
)
def test_years(text, kind, findings):
    assert len(run("BL540", [text], kind=kind, year=2024)) == findings


def test_admission():
    assert run("BL550", ["项目支出 558.00 万元，主要原因：项目增加。"]) == []
    # 实际为/应为 alone is ordinary narrative, not an admission; beside a word of error it is
    assert run("BL550", ["“三公”经费年初预算为 45.00 万元，实际为 43.20 万元。"]) == []
    assert run("BL550", ["按规定应为 12 个月的经费。"]) == []
    words = {
        f.message.split("关键词“")[1][:3]
        for f in run("BL550", ["交通补贴误计入“三公”经费中。公务用车运行维护费实际为 1.50 万元。"])
    }
    assert words == {"误计”", "实际为"}
    (f,) = run("BL550", ["主要原因：一是公务员年度优秀一次性奖励金 1500 元系统统计成 1500 万元。"])
    assert "系统统计" in f.message


# ------------------------------------------------------------------ plausibility


def test_bonus_over_base_salary():
    ok = {"gpb_basic[30101].total": "57.00", "gpb_basic[30103].total": "33.56"}
    assert run("BL601", [], ok) == []
    slip = {"gpb_basic[30101].total": "61.15", "gpb_basic[30103].total": "1513.40"}
    (f,) = run("BL601", [], slip)
    assert "30103 奖金" in f.message and "元" in f.message and "万元" in f.message
    assert {"gpb_basic[30103].total", "gpb_basic[30101].total"} <= {loc.address for loc in f.locations}


def test_single_code_share():
    facts = {
        "gpb_basic[total].total": "1743.43",
        "gpb_basic[30101].total": "61.15",
        "gpb_basic[30103].total": "1513.40",
        "gpb_basic[301].total": "1574.55",
    }
    labels = [{"kind": "gpb_basic", "labels": {"30101": "基本工资", "30103": "奖金", "301": "工资福利支出"}}]
    (f,) = run("BL603", [], facts, tables=labels)  # the 3-digit class row 301 is not a single code
    assert f.message.startswith("30103 奖金")


def test_growth_out_of_proportion():
    assert run("BL604", ["收入总计 1446.69 万元，收支总计各增加 438.15 万元，增长 43.44%。"]) == []
    assert len(run("BL604", ["收入总计 2301.43 万元，收支总计各增加 1964.3 万元，增长 582.65%。"])) == 1
    # project spending can jump; the bound is for totals only
    assert run("BL604", ["项目支出 558.00 万元，比上年增加 500.00 万元。"]) == []


@pytest.mark.parametrize(
    "text,findings",
    [
        ("行政单位离退休（项）87.71 万元。", 0),  # rounded
        ("行政单位离退休（项）87.70 万元。", 0),  # cut, as 元 → 万元 conversions often are
        ("行政单位离退休（项）87.72 万元。", 1),
        ("行政单位离退休（项）87.69 万元。", 1),
    ],
)
def test_yuan_table_against_wan_text(text, findings):
    facts = {"gpb_expense[2080501].total": "877080"}
    tables = [{"kind": "gpb_expense", "unit": "元", "labels": {"2080501": "行政单位离退休"}}]
    assert len(run("BL501", [text], facts, tables=tables)) == findings


def test_unbalanced_table_is_not_used():
    # 三公 table read with columns out of place: 小计 ≠ 购置 + 运行; the narrative is not checked against it
    facts = {
        "three_public[total].total": "3.70",
        "three_public[total].vehicle": "0.50",
        "three_public[total].vehicle.purchase": "3.20",
        "three_public[total].vehicle.operation": "",
        "three_public[total].reception": "3.20",
        "three_public[total].abroad": "",
    }
    assert run("BL501", ["公务用车购置及运行费 3.20 万元，其中：公务用车购置费 0.00 万元。"], facts) == []


def test_empty_table_is_zero_only_when_its_note_says_so():
    unread = [{"kind": "three_public", "empty": True}]
    assert run("BL501", ["公务接待费 5.00 万元。"], tables=unread) == []  # nothing read: not "0"
    stated = [{"kind": "three_public", "empty": True, "notes": ["说明：本部门没有三公经费支出，故本表无数据。"]}]
    assert run("BL501", ["公务接待费 0.00 万元。"], tables=stated) == []
    assert len(run("BL501", ["公务接待费 5.00 万元。"], tables=stated)) == 1


# ------------------------------------------------- correct wording that raised findings
# Sentences a review wrote for the 老城区 2024 tables (LAOCHENG: 支出合计 2301.43 = 基本支出
# 1743.43 + 项目支出 558.00; 人员经费 1730.75 + 公用经费 12.68 = 1743.43; 一般公共服务 2240.25,
# 社会保障和就业 28.43, 卫生健康 16.60, 住房保障 16.15), every figure right as printed.


def test_a_use_clause_after_a_share_does_not_become_the_next_shares_whole():
    # 558.00 / 2301.43 = 24.25 %; 主要用于日常办公 lists nothing, so 项目支出 is no use of 基本支出
    text = "2024年支出合计2301.43万元，其中：基本支出1743.43万元，占75.75%，主要用于日常办公；项目支出558.00万元，占24.25%。"
    assert run("BL502", [text], LAOCHENG) == []
    wrong = text.replace("占24.25%", "占25.25%")
    (f,) = run("BL502", [wrong], LAOCHENG)
    assert "÷ 总数 2301.43 万元" in f.message


def test_a_list_ends_with_its_sentence():
    # 1730.75 / 1743.43 = 99.27 %, 12.68 / 1743.43 = 0.73 %: shares of 基本支出, not of the 支出合计
    text = (
        "2024年支出合计2301.43万元，其中：基本支出1743.43万元，占75.75%；项目支出558.00万元，占24.25%。"
        "基本支出中，人员经费1730.75万元，占99.27%；公用经费12.68万元，占0.73%。"
    )
    assert run("BL502", [text], LAOCHENG) == []


def test_a_nested_list_inside_an_item_ends_with_the_item():
    # 28.43 / 2301.43 = 1.24 %, 16.60 / 2301.43 = 0.72 %, 16.15 / 2301.43 = 0.70 %
    text = (
        "2024年支出合计2301.43万元。按功能分类：一般公共服务（类）支出2240.25万元，占97.34%，其中行政运行（项）"
        "1682.25万元，一般行政管理事务（项）558.00万元；社会保障和就业（类）支出28.43万元，占1.24%；"
        "卫生健康（类）支出16.60万元，占0.72%；住房保障（类）支出16.15万元，占0.70%。"
    )
    assert run("BL502", [text], LAOCHENG) == []


def test_a_bracketed_breakdown_of_a_part_is_not_more_parts():
    text = "2024年支出合计2301.43万元，其中：基本支出1743.43万元（人员经费1730.75万元，公用经费12.68万元），项目支出558.00万元。"
    assert run("BL522", [text], LAOCHENG) == []
    three_public = {
        "three_public[total].total": "11.50",
        "three_public[total].vehicle": "11.50",
        "three_public[total].vehicle.operation": "11.50",
        "three_public[total].vehicle.purchase": "0",
    }
    text = (
        "“三公”经费预算11.50万元，其中：公务用车购置及运行费11.50万元（公务用车购置费0万元，公务用车运行费11.50万元）。"
    )
    assert run("BL522", [text], three_public) == []


def test_an_excess_written_in_yuan_keeps_its_unit():
    # 100000 + 115000 元 = 21.50 万元 > 115000 元 (11.50 万元)
    (f,) = run("BL522", ["“三公”经费预算115000元，其中：公务接待费100000元，公务用车购置及运行费115000元。"])
    assert "各分项合计 21.50 万元，超过总额 115000元" in f.message


@pytest.mark.parametrize(
    "text,kind,year,findings",
    [
        ("截至2023年12月31日，本部门共有车辆1辆，比2022年末增加1辆。", "budget", 2024, 0),
        ("截至2023年12月31日，本部门共有车辆1辆，与2022年末持平。", "final", 2023, 0),
        ("比2021年末增加1辆。", "final", 2023, 1),  # two year ends back
        ("信息创新项目计划于2024年末完成全部采购。", "budget", 2024, 0),  # a plan, not a stock-taking
        ("支出决算860.00万元，比2023年年初预算减少635.59万元，下降42.50%。", "final", 2023, 0),
        ("与2023年年初预算1500.00万元相比，支出决算减少。", "final", 2023, 0),
        ("比2022年年初预算减少635.59万元。", "final", 2023, 1),  # a 决算 against last year's budget
        ("比2022年预算增加1.00万元。", "budget", 2023, 0),  # a 预算 against last year's budget
        ("截至2024年6月底，智慧西工项目一期已完成验收。", "final", 2023, 0),  # months before publication
        ("截至2022年12月31日，共有车辆1辆。", "final", 2023, 1),
    ],
)
def test_years_set_against_a_budget_a_year_end_or_a_plan(text, kind, year, findings):
    assert len(run("BL540", [text], kind=kind, year=year)) == findings


def test_a_saving_or_a_bare_less_is_a_change_not_an_amount():
    three_public = {"three_public[total].vehicle.operation": "11.50", "three_public[total].total": "11.50"}
    assert run("BL501", ["公务用车运行维护费比上年预算节约0.50万元。"], three_public) == []
    # 480.00 is 20.00 less than the budget: the 20.00 is no second amount of 政府采购
    text = ["政府采购预算安排 500.00 万元。", "本部门政府采购实际支出480.00万元，比政府采购预算少20.00万元。"]
    assert run("BL530", text) == []
    assert len(run("BL530", ["政府采购预算安排 500.00 万元。", "政府采购预算安排 20.00 万元。"])) == 1


@pytest.mark.parametrize(
    "text",
    [
        # 56.94 / 60.00 = 94.90 %; 56.94 / 50.67 = 112.37 % (西工 2023 决算's 行政运行, adjusted by hand)
        "行政运行（项）年初预算50.67万元，全年预算（调整后）60.00万元，支出决算56.94万元，完成全年预算的94.90%。",
        "行政运行（项）年初预算50.67万元，调整后预算60.00万元，支出决算56.94万元，完成调整后预算的94.90%。",
        "行政运行（项）年初预算为50.67万元，预算调整后为60.00万元，支出决算为56.94万元，完成年初预算的112.37%。",
        "行政运行（项）年初预算50.67万元，调整预算为60.00万元，支出决算56.94万元，完成全年预算的94.90%。",
    ],
)
def test_an_adjusted_budget_is_a_budget_and_the_rate_names_which(text):
    assert run("BL510", [text], kind="final", year=2023) == []
    wrong = text.replace("94.90%", "95.90%").replace("112.37%", "113.37%")
    assert len(run("BL510", [wrong], kind="final", year=2023)) == 1


XIGONG_TOTALS = {"final_summary[in.grand_total].amount": "449.76", "final_summary[out.grand_total].amount": "449.76"}


@pytest.mark.parametrize("rule", ["BL501", "BL503", "BL508", "BL509", "BL540"])
def test_an_earlier_years_figure_stated_with_its_year_is_the_base(rule):
    # 2301.43 − 2100.00 = 201.43, 201.43 / 2100.00 = 9.59 %; 449.76 − 357.87 = 91.89, / 357.87 = 25.68 %
    budget = "2024年收入预算2301.43万元；2023年收入预算2100.00万元，增加201.43万元，增长9.59%。"
    assert run(rule, [budget], LAOCHENG) == []
    final = "2023年度收入总计449.76万元，2022年度收入总计357.87万元，增加91.89万元，增长25.68%。"
    assert run(rule, [final], XIGONG_TOTALS, kind="final", year=2023) == []
    three_public = "2024年“三公”经费预算11.50万元，2023年“三公”经费预算10.00万元，增加1.50万元。"
    assert run(rule, [three_public], {"three_public[total].total": "11.50"}) == []


def test_an_earlier_years_figure_does_not_hide_errors():
    wrong_rate = "2024年收入预算2301.43万元；2023年收入预算2100.00万元，增加201.43万元，增长10.59%。"
    assert len(run("BL503", [wrong_rate], LAOCHENG)) == 1
    assert len(run("BL540", ["2023年收入预算2301.43万元。"], LAOCHENG)) == 1  # a stale year alone
    stale = "2024年收入预算2310.43万元；2023年收入预算2100.00万元，增加210.43万元。"
    assert [f.rule_id for f in run("BL501", [stale], LAOCHENG)] == ["BL501"]  # this year's figure is checked


def test_a_class_of_all_spending_by_economic_classification_is_not_the_basic_columns():
    # 老城区 2024: 基本支出's 商品和服务支出 12.68; by 经济分类 (项目支出 included) 302 is 48.68
    facts = {**LAOCHENG, "expense[total].basic.public.goods": "12.68"}
    text = "按支出经济分类划分：工资福利支出1721.29万元，占74.79%；商品和服务支出48.68万元，占2.12%。"
    assert [f for f in run("BL501", [text], facts) if "商品和服务支出" in f.message] == []
    # the 基本支出's own item is still checked against the column
    (f,) = run("BL501", ["基本支出中，商品和服务支出48.68万元。"], facts)
    assert "12.68" in f.message
