"""Mutation tests: damage one thing in a real example and the right rule fires at the right line.

The base document is examples/2024-laocheng-zwfw-budget.txt. Its only table
finding is BL401 (三公 公务用车运行费 11.50 vs 30231 = 1.50, line 383 vs 357/327),
so every other table finding below comes from the mutation. Line numbers are
those of the source text (1-based), checked by reading the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.engine import check_document, load_rules
from budgetlint.pipeline import load_document

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "2024-laocheng-zwfw-budget.txt"
TABLE_RULES = ["BL1", "BL2", "BL3", "BL4", "BL7", "BL8"]  # table and metadata packs (not narrative, not plausibility)


@pytest.fixture(scope="module")
def rules():
    return load_rules(select=TABLE_RULES)


def lines():
    return EXAMPLE.read_text(encoding="utf-8").split("\n")


def check(tmp_path: Path, text_lines: list[str], rules):
    p = tmp_path / "2024-laocheng-mutant.txt"
    p.write_text("\n".join(text_lines), encoding="utf-8")
    return check_document(load_document(p), rules)


def finding_lines(report, rule_id):
    """Lines a rule points at: its findings' locations, and the related locations where it
    saw the same printed error again (folded into another rule's finding)."""
    lines = set()
    for f in report.findings:
        folded = any((loc.note or "").startswith(rule_id + "：") for loc in f.related)
        if f.rule_id == rule_id or folded:
            lines |= {loc.line for loc in [*f.locations, *f.related]}
    return lines


def own_lines(report, rule_id):
    """Lines the rule's own comparisons point at (its findings, or its related locations)."""
    own = {loc.line for f in report.findings if f.rule_id == rule_id for loc in f.locations}
    return own | {loc.line for f in report.findings for loc in f.related if (loc.note or "").startswith(rule_id + "：")}


def test_unmutated_example_has_only_the_three_public_finding(tmp_path, rules):
    report = check(tmp_path, lines(), rules)
    assert [f.rule_id for f in report.findings] == ["BL401"]
    assert finding_lines(report, "BL401") == {383, 357, 327}


def test_changed_cell_is_reported_on_its_row(tmp_path, rules):
    src = lines()
    assert src[236].startswith("201\t03\t01") and "\t1682.25\t1682.25\t" in src[236]
    src[236] = src[236].replace("\t1682.25\t1682.25\t", "\t1692.25\t1682.25\t", 1)  # 支出表 行政运行 合计
    report = check(tmp_path, src, rules)
    assert 237 in finding_lines(report, "BL101")  # 合计 ≠ 基本 + 项目 on that row
    assert 237 in finding_lines(report, "BL110")  # 单位行合计 ≠ Σ rows
    assert 237 in finding_lines(report, "BL301")  # 支出表 ≠ 一般公共预算支出表 on that row
    assert "BL401" in {f.rule_id for f in report.findings}
    # The broken column sums stop the recogniser from re-placing lines 239/240
    # (their export lost empty cells; it flags them "ambiguous-row"). Differences
    # that a different column placement of those rows would explain are not findings.
    assert not own_lines(report, "BL301") & {239, 240}
    assert not [f for f in report.findings if "basic.personnel" in f.message]
    assert any("列位置不确定" in n.reason for n in report.not_evaluated)


def test_dropped_row_is_reported_at_the_total(tmp_path, rules):
    src = lines()
    assert src[304].startswith("208\t05\t05")  # 一般公共预算支出表 养老保险缴费 18.64
    del src[304]
    report = check(tmp_path, src, rules)
    hier = [f for f in report.findings if f.rule_id == "BL110" and f.locations[0].address.startswith("gpb_expense")]
    assert hier, [f.message for f in report.findings]
    assert any("18.64" in (f.difference or "") for f in hier)


def test_value_shifted_into_next_column_is_reported(tmp_path, rules):
    src = lines()
    assert src[326].startswith("30231\t") and src[326].endswith("1.50\t\t1.50")
    src[326] = src[326][: -len("1.50\t\t1.50")] + "1.50\t1.50\t"  # 基本支出表 30231: 公用经费 → 人员经费
    report = check(tmp_path, src, rules)
    fired = {f.rule_id for f in report.findings}
    assert 327 in finding_lines(report, "BL110") or 327 in finding_lines(report, "BL141"), fired


def test_changed_total_of_a_left_packed_row_is_reported(tmp_path, rules):
    # Line 243 prints its three values left-packed (the export may have dropped empty cells
    # between them), so once they stop adding up the recogniser cannot be sure of their
    # columns. Their order is sure: the first value is the 合计 whatever the placement, so
    # 61.11 against 16.11 in the 一般公共预算支出表 and in the 收支总表 is an error.
    src = lines()
    assert src[242].startswith("221\t02\t01") and "\t16.11\t16.11\t16.11\t" in src[242]
    src[242] = src[242].replace("\t16.11\t16.11\t16.11\t", "\t61.11\t16.11\t16.11\t", 1)
    report = check(tmp_path, src, rules)
    assert {243, 307} <= finding_lines(report, "BL301")  # 支出表 ≠ 一般公共预算支出表 on that row
    assert {243, 194} <= finding_lines(report, "BL302")  # 支出表 类 221 ≠ 收支总表 住房保障支出
    assert 243 in finding_lines(report, "BL110")  # 单位行合计 ≠ Σ rows
