"""Every standard table in the four tab-separated examples gets the right kind.

The lists were made by reading each example file: (line of the table title, kind).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.model import Provenance, RawCell, RawTable
from budgetlint.pipeline import load_document
from budgetlint.recognise.kinds import classify

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

EXPECTED = {
    "2024-laocheng-zwfw-budget.txt": [
        (165, "income_expense_summary"),  # 2024 年部门收支预算表
        (209, "income"),  # 2024 年部门收入预算表
        (226, "expense"),  # 2024 年部门支出预算表
        (245, "fiscal_summary"),  # 2024 年财政拨款收支预算表
        (289, "gpb_expense"),  # 2024 年一般公共预算支出预算表
        (309, "gpb_basic"),  # 2024 年一般公共预算基本支出预算表
        (339, "economic_summary"),  # 2024 年支出经济分类汇总表
        (375, "three_public"),  # 2024 年一般公共预算“三公”经费预算表
        (387, "gov_fund"),  # 2024 年政府性基金支出预算表
        (403, "soe_capital"),  # 2024 年国有资本经营支出预算表 (预算 10 表 above it)
        (417, "projects"),  # 2024 年项目支出预算表
        (432, "dept_performance"),  # 部门（单位）整体绩效目标表 (2024 年度)
        (485, "project_performance"),  # 本级部门预算项目绩效目标汇总表
    ],
    "2024-yanjin-zwfw-budget.txt": [
        (145, "income_expense_summary"),  # 2024 年部门收支总体情况表
        (187, "income"),  # 2024年部门收入总体情况表
        (199, "expense"),  # 2024 年部门支出总体情况表
        (220, "fiscal_summary"),  # 2024 年财政拨款收支总体情况表
        (262, "gpb_expense"),  # 2024年一般公共预算支出情况表
        (284, "gpb_basic"),  # 2024年一般公共预算基本支出情况表
        (304, "economic_summary"),  # 2024年支出经济分类汇总表
        (333, "three_public"),  # 2024年一般公共预算"三公"经费支出情况表
        (347, "gov_fund"),  # 2024 年政府性基金预算支出情况表
        (363, "projects"),  # 2024年项目支出表
        (380, "dept_performance"),  # 部门(单位)整体绩效目标表
        (431, "project_performance"),  # 2024 年部门预算项目绩效目标汇总表
    ],
    "2025-luolong-zwfw-budget.txt": [
        (181, "income_expense_summary"),
        (223, "income"),
        (236, "expense"),
        (253, "fiscal_summary"),
        (299, "gpb_expense"),
        (317, "gpb_basic"),
        (344, "economic_summary"),
        (383, "three_public"),
        (395, "gov_fund"),
        (408, "soe_capital"),
        (423, "operating_funds"),  # 行政（事业）单位机构运转经费预算表
        (445, "projects"),
        (467, "dept_performance"),
        (529, "project_performance"),
    ],
    "2023-luolong-zfb-budget.txt": [
        (181, "income_expense_summary"),
        (223, "income"),
        (236, "expense"),
        (255, "fiscal_summary"),
        (299, "gpb_expense"),
        (318, "gpb_basic"),
        (352, "economic_summary"),
        (391, "three_public"),
        (403, "gov_fund"),
        (416, "soe_capital"),
        (429, "projects"),
        (452, "dept_performance"),  # 区级部门(单位)整体绩效目标表
        (500, "project_performance"),  # 2023 年度区级部门预算项目绩效目标表
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_table_has_the_right_kind(name: str) -> None:
    doc = load_document(EXAMPLES / name)
    got = [(t.provenance.line, t.kind) for t in doc.tables]
    assert got == EXPECTED[name]
    assert not [w for w in doc.warnings if w.code == "unrecognised-table"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2024 年部门收支预算表", "income_expense_summary"),
        ("2024 年部门收支总体情况表", "income_expense_summary"),
        ("部门收支预算总表", "income_expense_summary"),
        ("收支总表", "income_expense_summary"),
        ("部门收入总体情况表", "income"),
        ("2024年部门收入预算表", "income"),
        ("部门支出总体情况表", "expense"),
        ("财政拨款收支总体情况表", "fiscal_summary"),
        ("财政拨款收支预算总表", "fiscal_summary"),
        ("一般公共预算支出情况表", "gpb_expense"),
        ("一般公共预算基本支出情况表", "gpb_basic"),
        ("支出经济分类汇总表", "economic_summary"),
        ('一般公共预算"三公"经费支出情况表', "three_public"),
        ("政府性基金预算支出情况表", "gov_fund"),
        ("国有资本经营支出预算表", "soe_capital"),
        ("行政（事业）单位机构运转经费预算表", "operating_funds"),
        ("项目支出表", "projects"),
        ("部门预算项目绩效目标汇总表", "project_performance"),
        ("收入支出决算总表", "final_summary"),
        ("财政拨款收入支出决算总表", "final_fiscal_summary"),
        ("收入决算表", "final_income"),
        ("支出决算表", "final_expense"),
        ("一般公共预算财政拨款支出决算表", "final_gpb_expense"),
        ("一般公共预算财政拨款基本支出决算明细表", "final_gpb_basic"),
        ("政府性基金预算财政拨款收入支出决算表", "final_gov_fund"),
        ("国有资本经营预算财政拨款支出决算表", "final_soe_capital"),
        ("财政拨款“三公”经费支出决算表", "final_three_public"),
    ],
)
def test_regional_title_wording(title: str, kind: str) -> None:
    raw = RawTable(title=title, provenance=Provenance(path="x", line=1))
    rule, reason = classify(raw)
    assert rule is not None and rule.kind == kind
    assert title in reason


def _raw(title: str, header: list[list[str]]) -> RawTable:
    prov = Provenance(path="x", line=1)
    return RawTable(
        title=title, rows=[[RawCell(text=t, provenance=prov) for t in row] for row in header], provenance=prov
    )


def test_header_words_decide_when_the_title_is_missing() -> None:
    raw = _raw("", [["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]])
    rule, reason = classify(raw)
    assert rule is not None and rule.kind == "three_public"
    assert "表头" in reason


def test_unknown_title_is_unrecognised_with_a_reason() -> None:
    rule, reason = classify(_raw("人员编制情况表", [["编制数", "实有人数"]]))
    assert rule is None
    assert "人员编制情况表" in reason
