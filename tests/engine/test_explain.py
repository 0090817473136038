"""Not-evaluated reasons speak the document's language; addresses stay in the detail."""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import Example, build_document
from budgetlint.engine.explain import explain

ADDRESS = re.compile(r"[a-z_]+\[[^\]]+\]")


def test_table_absent_and_missing_cells_in_words() -> None:
    assert explain("缺少表：economic_summary") == "未找到支出经济分类汇总表"
    assert explain("缺少表：three_public/final_three_public") == "未找到“三公”经费表或财政拨款“三公”经费支出决算表"
    assert explain("缺少 文件部门名称") == "未能从封面或表头识别文件所属部门名称"
    assert explain("income_expense_summary[@functional]（没有这类行）") == "收支总表中没有功能分类科目行"
    assert (
        explain("fiscal_summary[out.current_total].gpb 等列在表中没有任何数值（该表可能不分列填报）")
        == "财政拨款收支表的“一般公共预算”列没有任何数值（该表可能不分列填报）"
    )


def test_reason_names_the_column_the_table_lacks_and_detail_keeps_the_address() -> None:
    facts = {
        "gpb_expense[total].total": "10.00",
        "gpb_expense[total].basic": "6.00",
        "gpb_expense[total].project": "4.00",
    }
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}), path="/tmp/doc.txt")
    report = check_document(doc, load_rules(select=["BL102", "BL320"]))
    by_rule = {n.rule_id: n for n in report.not_evaluated}
    assert "一般公共预算支出表中没有“工资福利支出”列" in by_rule["BL102"].reason
    assert "gpb_expense[total].basic.personnel.wages" in by_rule["BL102"].detail
    # BL320 compares with the 支出表 or the 一般公共预算支出表 of the same scope (counterpart): the
    # economic table is what this document lacks.
    assert by_rule["BL320"].reason == "未找到支出经济分类汇总表"
    for n in report.not_evaluated:
        assert not ADDRESS.search(n.reason), n.reason


def test_text_report_shows_addresses_only_when_verbose() -> None:
    from budgetlint.model import DocumentReport, NotEvaluated
    from budgetlint.report.text import render_text

    report = DocumentReport(
        path="x.pdf",
        kind="budget",
        not_evaluated=[
            NotEvaluated(
                rule_id="BL320",
                status="not_applicable",
                cause="table_absent",
                reason="未找到支出经济分类汇总表",
                detail="缺少表：economic_summary",
            )
        ],
    )
    plain = render_text([report], verbose=False, to_terminal=False)
    verbose = render_text([report], verbose=True, to_terminal=False)
    assert "economic_summary" not in plain
    assert "未找到支出经济分类汇总表" in verbose and "economic_summary" in verbose


def _causes(facts: dict[str, str], rules: list[str]) -> dict[str, str]:
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}), path="/tmp/doc.txt")
    report = check_document(doc, load_rules(select=rules))
    return {n.rule_id: n.cause for n in report.not_evaluated}


def test_rows_a_fully_understood_table_does_not_print_are_not_printed() -> None:
    # A 支出表 printing only its 合计 row (江苏 支出预算总表) has no 201 row: BL302 cannot run
    # because the document does not print it, not because something was misread.
    facts = {
        "income_expense_summary[201].amount": "10.00",
        "expense[total].total": "10.00",
        "expense[total].basic": "6.00",
        "expense[total].project": "4.00",
    }
    assert _causes(facts, ["BL302"])["BL302"] == "not_printed"


def test_rows_missing_from_a_table_with_an_unplaced_line_are_not_called_not_printed() -> None:
    from budgetlint.model import Cell, Provenance, Row

    facts = {
        "income_expense_summary[201].amount": "10.00",
        "expense[total].total": "10.00",
        "expense[total].basic": "6.00",
        "expense[total].project": "4.00",
    }
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}), path="/tmp/doc.txt")
    expense = next(t for t in doc.tables if t.kind == "expense")
    prov = Provenance(path="/tmp/doc.txt", table=expense.id)
    # a line with an amount the recogniser could not key: it may be the 201 row
    expense.rows.append(
        Row(
            key=None,
            label="一般公共服务",
            provenance=prov,
            cells=[
                Cell(column="total", raw="10.00", value=Decimal("10.00"), decimals=2, state="value", provenance=prov)
            ],
        )
    )
    report = check_document(doc, load_rules(select=["BL302"]))
    assert {n.rule_id: n.cause for n in report.not_evaluated}["BL302"] == "facts_missing"
