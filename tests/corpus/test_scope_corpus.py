"""Table scope and the lines under 本年收入合计 on real documents (issue 8, causes 2 and 3).

Amounts were read off the printed pages (rendered and read by hand), not copied from
budgetlint's output. Skipped when the shared corpus is absent.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.engine import check_document, load_rules
from budgetlint.pipeline import load_document

CITY = CORPUS_DIR / "city_crawl_renwu"
pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _check(name: str, rules):
    path = CITY / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    doc = load_document(path)
    report = check_document(doc, rules)
    return doc, report


def _amount(doc, kind: str, row: str, column: str) -> Decimal:
    table = next(t for t in doc.tables if t.kind == kind)
    cell = table.row(row).cell(column)
    return table.unit.to_wan(cell.value)


def _status(report, rule_id: str) -> str:
    if any(f.rule_id == rule_id for f in report.findings):
        return "finding"
    ne = next((n for n in report.not_evaluated if n.rule_id == rule_id), None)
    return ne.cause if ne else "evaluated"


@pytest.mark.parametrize(
    "name, gpb_projects",
    [
        # 表7 一般公共预算项目支出情况表 合计 = 表5 一般公共预算支出情况表 合计行 项目支出
        ("guangzhou_2026_tongjiju_ys.pdf", Decimal("1032.05")),  # p16 / p13; 表3 项目支出 1,082.05 incl. 50.00 其他收入
        ("zhuhai_2026_shangwuju_ys.pdf", Decimal("38885.01")),  # p17 / p13; 表3 项目支出 includes 上年结转
    ],
)
def test_gpb_project_table_is_compared_with_gpb_project_spending(name, gpb_projects, rules):
    doc, report = _check(name, rules)
    projects = next(t for t in doc.tables if t.kind == "projects")
    assert projects.scope.funds == "gpb"
    assert _amount(doc, "projects", "total", "total") == gpb_projects
    assert _amount(doc, "gpb_expense", "total", "project") == gpb_projects
    assert _status(report, "BL410") == "evaluated"  # against 表5's 项目支出, not 表3's


def test_xian_2019_lines_under_current_income_and_by_source_tables(rules):
    doc, report = _check("xian_2019_anjianju_ys_tables.pdf", rules)
    # p3 表1 收支总表: 本年收入合计 3,643.37; 用事业基金弥补收支差额 (blank); 上年实户资金余额 40.93;
    # 上年结转 11.61 (其中：财政拨款资金结转 11.61); 收入总计 3,695.91; 结转下年 52.54; 支出总计 3,695.91.
    assert _amount(doc, "income_expense_summary", "in.current_total", "amount") == Decimal("3643.37")
    assert _amount(doc, "income_expense_summary", "in.account_balance", "amount") == Decimal("40.93")
    assert _amount(doc, "income_expense_summary", "in.carryover", "amount") == Decimal("11.61")
    assert _amount(doc, "income_expense_summary", "in.grand_total", "amount") == Decimal("3695.91")
    assert _amount(doc, "income_expense_summary", "out.carryover", "amount") == Decimal("52.54")
    assert _status(report, "BL202") == "evaluated"
    assert _status(report, "BL203") == "evaluated"
    # p5 表3 支出总表 lists 上年实户资金余额 and 上年结转 among its sources: 总计 3,695.91 is not
    # 本年支出合计 3,643.37 but the 收入总计.
    expense = next(t for t in doc.tables if t.kind == "expense")
    assert expense.scope.period == "with_carryover"
    assert _amount(doc, "expense", "total", "total") == Decimal("3695.91")
    assert _status(report, "BL303") == "evaluated"  # against 收入总计 3,695.91
    # p4 表2 收入总表: 部门预算 合计 3,695.91 spans 上年结转 and 上年实户资金余额: not 本年收入合计
    # (3,643.37); only its 总计 is compared.
    income = next(t for t in doc.tables if t.kind == "income")
    # (stated for the column, or for the whole table when its header lists 上年结转 as a source)
    assert income.scope.columns.get("current.total", {"period": income.scope.period}) == {"period": "with_carryover"}
    assert _status(report, "BL304") == "evaluated"


def test_xian_2026_account_balance_counts_towards_income_total(rules):
    doc, report = _check("xian_2026_shenjiju_ys.pdf", rules)
    # p22 表1 (元): 本年收入合计 41,052,896.08; 上年实户资金余额 981,827.50; 收入总计 42,034,723.58.
    assert _amount(doc, "income_expense_summary", "in.current_total", "amount") == Decimal("4105.289608")
    assert _amount(doc, "income_expense_summary", "in.account_balance", "amount") == Decimal("98.182750")
    assert _amount(doc, "income_expense_summary", "in.grand_total", "amount") == Decimal("4203.472358")
    assert _status(report, "BL202") == "evaluated"
