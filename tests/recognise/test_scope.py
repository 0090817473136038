"""Table scope (which money a table covers) and the lines between 本年收入合计 and 收入总计.

Hand-made tables, one per scope case; the amounts are made up for the arithmetic each case needs.
"""

from __future__ import annotations

from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example
from budgetlint.model import RawTable
from budgetlint.recognise.scope import document_scopes, table_scope
from budgetlint.scope import fact_scope, same_money
from tests.recognise.helpers import recognise

RULES = {r.id: r for r in load_rules()}


def _run(doc, *ids):
    report = check_document(doc, [RULES[i] for i in ids])
    found = {f.rule_id for f in report.findings}
    not_eval = {n.rule_id: n for n in report.not_evaluated}
    return report, found, not_eval


def _table(doc, kind):
    return next(t for t in doc.tables if t.kind == kind)


SUMMARY_WITH_OTHER_FUNDS = (
    "2026 年收支总体情况表\n\n单位：万元\n\n"
    "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
    "一、一般公共预算\t1000.00\t一、一般公共服务支出\t1050.00\n"
    "二、政府性基金预算\t0.00\t\t\n"
    "三、国有资本经营预算\t0.00\t\t\n"
    "四、其他收入\t50.00\t\t\n"
    "本年收入合计\t1050.00\t本年支出合计\t1050.00\n"
    "上年结转结余\t0.00\t结转下年\t0.00\n"
    "收入总计\t1050.00\t支出总计\t1050.00\n\n"
)
EXPENSE = (
    "2026 年本年支出总体情况表\n\n单位：万元\n\n"
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "\t合计\t1050.00\t900.00\t150.00\n"
    "201\t一般公共服务支出\t1050.00\t900.00\t150.00\n\n"
)
GPB_EXPENSE = (
    "2026 年一般公共预算支出情况表\n\n单位：万元\n\n"
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "\t合计\t1000.00\t900.00\t100.00\n"
    "201\t一般公共服务支出\t1000.00\t900.00\t100.00\n\n"
)


def _projects(title: str, total: str) -> str:
    return (
        f"2026 年{title}\n\n单位：万元\n\n"
        "类型\t项目名称\t项目单位\t合计\n"
        f"\t\t\t{total}\n"
        f"其他运转类\t信息化运维\t某局\t{total}\n\n"
    )


# ------------------------------------------------------------ table scope from title and header


def test_title_words_give_the_funds_a_table_covers():
    doc = recognise(
        SUMMARY_WITH_OTHER_FUNDS + EXPENSE + GPB_EXPENSE + _projects("一般公共预算项目支出情况表", "100.00")
    )
    assert _table(doc, "income_expense_summary").scope.funds == "all"
    assert _table(doc, "expense").scope.funds == "all"
    assert _table(doc, "gpb_expense").scope.funds == "gpb"
    projects = _table(doc, "projects")
    assert (projects.scope.funds, projects.scope.stated) == ("gpb", ["funds"])
    assert "一般公共预算" in projects.scope.reason


def test_a_title_naming_several_budgets_covers_more_than_one():
    from budgetlint.model import Provenance, Table

    def scope(kind, title):
        prov = Provenance(path="t.txt")
        return table_scope(
            RawTable(title=title, provenance=prov), Table(id="t1", kind=kind, title=title, provenance=prov)
        )

    assert scope("expense", "部门支出总表（含一般公共预算、政府性基金预算）").funds == "all"
    assert scope("projects", "财政拨款项目支出表").funds == "fiscal"
    assert scope("gov_fund", "政府性基金预算支出表").funds == "gov_fund"
    assert scope("gov_fund", "政府性基金收支表（不含上年结转）").period == "current"
    assert scope("three_public", "财政拨款“三公”经费支出表").funds is None  # compared by convention


def test_a_header_listing_carried_over_money_among_the_sources_includes_it():
    text = (
        "2019 年部门综合预算支出总表\n\n单位：万元\n\n"
        "单位编码\t单位名称\t总计\t一般公共预算拨款\t上年实户资金余额\t上年结转\n"
        "\t合计\t110.00\t100.00\t6.00\t4.00\n\n"
    )
    expense = _table(recognise(text), "expense")
    assert expense.scope.period == "with_carryover"
    # a plain 支出表 is this year's spending
    assert _table(recognise(EXPENSE), "expense").scope.period == "current"


def test_column_and_row_refine_the_table_scope():
    doc = recognise(SUMMARY_WITH_OTHER_FUNDS)
    summary = _table(doc, "income_expense_summary")
    assert fact_scope(summary, "in.gpb", "item", "amount") == ("gpb", "current")
    assert fact_scope(summary, "in.grand_total", "total", "amount") == ("all", "with_carryover")
    assert fact_scope(summary, "out.current_total", "total", "amount") == ("all", "current")


def _facts_doc(projects_title: str, projects_total: str):
    """收支总表 with 其他收入 50.00; 支出表 项目支出 150.00 (all funds); 一般公共预算支出表 项目支出 100.00."""
    example = Example(
        expect="pass",
        facts={
            "income_expense_summary[in.gpb].amount": "1000.00",
            "income_expense_summary[in.other].amount": "50.00",
            "income_expense_summary[in.current_total].amount": "1050.00",
            "income_expense_summary[in.grand_total].amount": "1050.00",
            "expense[total].total": "1050.00",
            "expense[total].project": "150.00",
            "gpb_expense[total].total": "1000.00",
            "gpb_expense[total].project": "100.00",
            "projects[total].total": projects_total,
        },
        doc={"tables": [{"kind": "projects", "title": projects_title}]},
    )
    doc = build_document(example)
    for t in doc.tables:  # the recogniser's defaults, as for a printed table
        table_scope(RawTable(title=t.title, provenance=t.provenance), t)
    document_scopes(doc)
    return doc


def test_silent_title_takes_its_scope_from_its_arithmetic():
    # 项目支出表 with no fund word: its 合计 100.00 is the 一般公共预算 project amount, not the
    # all-funds 150.00, so it covers 一般公共预算 only.
    projects = _table(_facts_doc("项目支出表", "100.00"), "projects")
    assert projects.scope.funds == "gpb"
    assert "gpb_expense[total].project" in projects.scope.reason
    # equal to the all-funds amount: stays all funds
    assert _table(_facts_doc("项目支出表", "150.00"), "projects").scope.funds == "all"


def test_zero_sources_make_different_scopes_the_same_money():
    assert same_money(("all", None), ("gpb", None), ["other_funds", "gov_fund", "soe"]) == (True, "")
    ok, why = same_money(("all", None), ("gpb", None), ["gov_fund", "soe"])
    assert not ok and "一般公共预算" in why
    assert same_money(("all", "current"), ("all", "with_carryover"), ["carryover"])[0]
    assert not same_money(("all", "current"), ("all", "with_carryover"), [])[0]
    assert same_money((None, None), ("gpb", "current"), [])[0]  # unknown is compatible


def test_document_shows_which_sources_are_zero():
    doc = recognise(SUMMARY_WITH_OTHER_FUNDS)
    assert set(doc.zero_sources) == {"carryover", "gov_fund", "soe"}  # 其他收入 50.00 is not zero


# ------------------------------------------------------------ cross-table rules between scopes


def test_gpb_project_table_is_compared_with_the_gpb_expense_table_not_the_all_funds_one():
    report, found, not_eval = _run(_facts_doc("一般公共预算项目支出情况表", "100.00"), "BL410")
    assert found == set()
    assert "BL410" not in not_eval  # evaluated against 一般公共预算支出表 项目支出 100.00, and it holds
    assert report.coverage.applicable == 1 and report.coverage.evaluated == 1


def test_gpb_project_table_that_disagrees_with_the_gpb_expense_table_is_reported():
    report, found, _ = _run(_facts_doc("一般公共预算项目支出情况表", "110.00"), "BL410")
    assert found == {"BL410"}
    (finding,) = report.findings
    assert {loc.address for loc in finding.locations} == {"projects[total].total", "gpb_expense[total].project"}
    assert "一般公共预算" in finding.message


def test_all_funds_project_table_is_still_compared_with_the_expense_table():
    report, found, _ = _run(_facts_doc("项目支出表", "160.00"), "BL410")
    assert found == {"BL410"}  # 160.00 matches neither: stays all funds and differs from 150.00
    assert "expense[total].project" in {loc.address for loc in report.findings[0].locations}


def test_tables_of_different_scope_without_a_matching_counterpart_are_not_compared():
    doc = _facts_doc("一般公共预算项目支出情况表", "100.00")
    doc.tables = [t for t in doc.tables if t.kind != "gpb_expense"]
    report, found, not_eval = _run(doc, "BL410")
    assert found == set()
    assert not_eval["BL410"].cause == "scope" and "口径不同" in not_eval["BL410"].reason
    assert report.coverage.applicable == 0  # a rule whose tables cover different money does not apply


def test_without_other_funds_the_gpb_table_and_the_all_funds_table_are_the_same_money():
    doc = _facts_doc("一般公共预算项目支出情况表", "100.00")
    doc.zero_sources = ["other_funds", "gov_fund", "soe", "carryover"]
    assert same_money(("all", None), ("gpb", None), doc.zero_sources)[0]


# ------------------------------------------------------------ lines between 本年收入合计 and 收入总计

XIAN_STYLE = (
    "2019 年部门综合预算收支总表\n\n单位：万元\n\n"
    "收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
    "1、财政拨款\t3643.37\t1、一般公共服务\t3643.37\n"
    "(1)一般公共预算拨款收入\t3643.37\t\t\n"
    "本年收入合计\t3643.37\t本年支出合计\t3643.37\n"
    "用事业基金弥补收支差额\t\t结转下年\t52.54\n"
    "上年实户资金余额\t40.93\t未安排支出的实户资金\t\n"
    "上年结转\t11.61\t\t\n"
    "其中：财政拨款资金结转\t11.61\t\t\n"
    "收入总计\t3695.91\t支出总计\t3695.91\n"
)


def test_lines_printed_between_current_total_and_grand_total_belong_to_the_identity():
    doc = recognise(XIAN_STYLE)
    summary = _table(doc, "income_expense_summary")
    kinds = {r.key: r.kind for r in summary.rows}
    assert kinds["in.account_balance"] == "below_in"
    assert kinds["in.carryover"] == "below_in"
    assert kinds["in.carryover.fiscal"] != "below_in"  # a 其中 part is not added again
    assert kinds["out.carryover"] == "below_out"
    _, found, not_eval = _run(doc, "BL202", "BL203")
    assert found == set()
    assert "BL202" not in not_eval and "BL203" not in not_eval


def test_a_wrong_grand_total_is_still_reported():
    doc = recognise(XIAN_STYLE.replace("收入总计\t3695.91", "收入总计\t3659.91"))
    _, found, _ = _run(doc, "BL202")
    assert found == {"BL202"}


def test_an_unknown_line_there_makes_the_identity_not_evaluated():
    doc = recognise(XIAN_STYLE.replace("上年实户资金余额\t40.93", "某种没见过的资金\t40.93"))
    _, found, not_eval = _run(doc, "BL202")
    assert found == set()
    assert not_eval["BL202"].cause == "facts_missing"
    assert "某种没见过的资金" in not_eval["BL202"].reason


def test_a_part_printed_with_qizhong_is_not_added_again():
    doc = recognise(XIAN_STYLE.replace("其中：财政拨款资金结转\t11.61", "其中：某种结转\t11.61"))
    _, found, not_eval = _run(doc, "BL202")
    assert found == set() and "BL202" not in not_eval


def test_superior_subsidy_printed_below_the_current_total_is_not_current_income():
    text = (
        "2026 年部门预算收支总表\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
        "一般公共预算拨款收入\t100.00\t一般公共服务支出\t105.00\n"
        "本年收入合计\t100.00\t本年支出合计\t105.00\n"
        "上级补助收入\t5.00\t\t\n"
        "收入总计\t105.00\t支出总计\t105.00\n"
    )
    doc = recognise(text)
    summary = _table(doc, "income_expense_summary")
    assert summary.row("in.superior") is None
    assert summary.row("in.below.superior").kind == "below_in"
    _, found, not_eval = _run(doc, "BL202", "BL205")
    assert found == set()
    assert "BL202" not in not_eval and "BL205" not in not_eval
