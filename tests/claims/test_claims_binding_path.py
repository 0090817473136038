"""Binding as production does it: a file read and recognised, its facts indexed as the engine
indexes them, its claims extracted and bound by ``bind_document`` — the one path the rules
(claim_functions), ``parse --format claims`` and the findings store use.

Golden values are the figures printed in the documents: the small budget written below
(its 三公 table prints 合计 11.50, 公务用车购置及运行费 11.50 and a blank 公务接待费 cell) and
examples/2024-laocheng-zwfw-budget.txt (部门支出预算表 line 235: 合计 2301.43, 基本支出
1743.43; 部门收支预算表 line 207: 收入总计 2301.43).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from budgetlint.claims import bind_document
from budgetlint.claims.kinds import AmountClaim, BoundClaim, ShareClaim
from budgetlint.engine import check_document, load_rules
from budgetlint.pipeline import load_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

THREE_PUBLIC_TABLE = """
附件：2024 年某某局部门预算表

2024 年一般公共预算“三公”经费预算表

部门名称：某某局

单位：万元

“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费
\t\t小计\t公务用车购置费\t公务用车运行费\t
11.50\t\t11.50\t\t11.50\t
"""


def small_budget(tmp_path: Path, sentence: str) -> Path:
    """A 部门预算 of one narrative sentence and the 三公 table above."""
    text = (
        "2024 年某某局部门预算说明\n\n第二部分 2024 年某某局部门预算情况说明\n\n"
        "七、一般公共预算“三公”经费支出预算情况说明\n\n" + sentence + "\n" + THREE_PUBLIC_TABLE
    )
    path = tmp_path / "2024-mou-budget.txt"
    path.write_text(text, encoding="utf-8")
    return path


def amounts(path: Path) -> list[BoundClaim]:
    _lookup, paragraphs = bind_document(load_document(path))
    return [b for _paragraph, found in paragraphs for b in found if isinstance(b.claim, AmountClaim)]


def test_claim_binds_to_the_printed_cell_it_restates(tmp_path):
    path = small_budget(tmp_path, "某某局 2024 年“三公”经费支出预算为 12.50 万元，公务用车购置及运行费 11.50 万元。")
    total, vehicle = amounts(path)
    assert total.binding.bound_to == ("three_public[total].total",)
    assert total.binding.fact is not None and total.binding.fact.mid == D("11.50")
    assert total.claim.amount.value == D("12.50")  # the claim keeps what the text prints
    assert vehicle.binding.bound_to == ("three_public[total].vehicle",)
    assert vehicle.binding.fact is not None and vehicle.binding.fact.mid == D("11.50")


def test_the_rule_reads_the_binding(tmp_path):
    # 12.50 in the text, 11.50 in the table: BL501 reports it, at the sentence's line
    path = small_budget(tmp_path, "某某局 2024 年“三公”经费支出预算为 12.50 万元。")
    (finding,) = check_document(load_document(path), load_rules(select=["BL501"])).findings
    assert finding.expected_value == D("11.50") and finding.actual_value == D("12.50")
    # the same sentence with the printed figure: nothing to report
    path = small_budget(tmp_path, "某某局 2024 年“三公”经费支出预算为 11.50 万元。")
    assert check_document(load_document(path), load_rules(select=["BL501"])).findings == []


def test_blank_cell_binds_only_a_zero(tmp_path):
    # the 公务接待费 cell is blank: 0 where the text says 0, no binding beside a non-zero figure
    (reception,) = amounts(small_budget(tmp_path, "某某局 2024 年公务接待费 1.00 万元。"))
    assert reception.binding.bound_to == () and "公务接待费" in (reception.binding.unbound_reason or "")
    (reception,) = amounts(small_budget(tmp_path, "某某局 2024 年公务接待费 0 万元。"))
    assert reception.binding.bound_to == ("three_public[total].reception",)
    assert reception.binding.fact is not None and reception.binding.fact.mid == 0


@pytest.fixture(scope="module")
def laocheng() -> list[BoundClaim]:
    _lookup, paragraphs = bind_document(load_document(EXAMPLES / "2024-laocheng-zwfw-budget.txt"))
    return [b for _paragraph, found in paragraphs for b in found]


def test_example_share_binds_part_and_whole(laocheng):
    # line 77: "支出合计 2301.43 万元，其中：基本支出 1743.43 万元，占 75.75%"
    (share,) = [
        b
        for b in laocheng
        if isinstance(b.claim, ShareClaim) and b.claim.provenance.line == 77 and b.claim.subject == "basic"
    ]
    assert share.binding.bound_to == ("expense[total].basic",)
    assert share.binding.fact is not None and share.binding.fact.mid == D("1743.43")
    assert share.binding.whole_bound == "expense[total].total"
    assert share.binding.whole_fact is not None and share.binding.whole_fact.mid == D("2301.43")


def test_example_sentence_admitting_an_error_is_not_bound(laocheng):
    # line 69: "…奖励金 1500 元系统统计成 1500 万元": figures of the error, not of the tables
    admitted = [b for b in laocheng if b.claim.provenance.line == 69 and b.claim.in_admission]
    assert len(admitted) == 2
    assert all(not b.binding.bound_to and "自述数据错误" in (b.binding.unbound_reason or "") for b in admitted)
    (income,) = [
        b
        for b in laocheng
        if b.claim.provenance.line == 69 and isinstance(b.claim, AmountClaim) and b.claim.subject == "income_total"
    ]
    assert income.binding.bound_to == ("income_expense_summary[in.grand_total].amount",)
