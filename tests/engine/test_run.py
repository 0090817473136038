"""check_document on hand-built documents: blank vs missing, hierarchy, bindings, findings, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example, load_pack
from budgetlint.errors import RuleError


def doc_of(facts: dict, **doc):
    return build_document(Example(expect="pass", facts=facts, doc=doc), path="/tmp/some/dir/doc.txt")


def rules(*ids):
    return load_rules(select=list(ids))


def test_blank_cell_in_present_row_is_zero():
    d = doc_of({"expense[total].total": "558.00", "expense[total].basic": "", "expense[total].project": "558.00"})
    r = check_document(d, rules("BL101"))
    assert r.findings == [] and r.not_evaluated == []


def test_blank_cell_counts_as_zero_and_can_fail():
    d = doc_of({"expense[total].total": "558.00", "expense[total].basic": "", "expense[total].project": ""})
    r = check_document(d, rules("BL101"))
    assert len(r.findings) == 1
    f = r.findings[0]
    assert f.actual.startswith("558.00") and f.expected == "0.00" and f.difference == "558.00"


def test_unreadable_cell_is_insufficient_data_never_a_finding():
    d = doc_of({"expense[total].total": "558.00", "expense[total].basic": "5５8.0?", "expense[total].project": "1.00"})
    r = check_document(d, rules("BL101"))
    assert r.findings == []
    assert [(n.rule_id, n.status) for n in r.not_evaluated] == [("BL101", "insufficient_data")]


def test_absent_table_is_not_applicable():
    d = doc_of({"income[total].total": "1.00"})
    r = check_document(d, rules("BL101", "BL401"))
    statuses = {n.rule_id: n.status for n in r.not_evaluated}
    assert statuses == {"BL101": "not_applicable", "BL401": "not_applicable"}


def test_budget_rule_not_applicable_to_final_document():
    d = doc_of(
        {"expense[total].total": "9.00", "expense[total].basic": "1.00", "expense[total].project": "1.00"}, kind="final"
    )
    r = check_document(d, rules("BL101"))
    assert r.findings == [] and r.not_evaluated[0].status == "not_applicable"


def test_every_printed_copy_of_a_table_is_checked():
    d = doc_of(
        {
            "expense[total].total": "3.00",
            "expense[total].basic": "1.00",
            "expense[total].project": "2.00",
            "expense#2[total].total": "3.00",
            "expense#2[total].basic": "1.00",
            "expense#2[total].project": "1.00",
        }
    )
    r = check_document(d, rules("BL101"))
    assert len(r.findings) == 1
    assert r.findings[0].locations[0].address.startswith("expense#2[")


def test_hierarchy_under_units_and_repeated_codes():
    # 合计 → unit 045 → 2010301 + 2010302 ; a code printed twice is summed
    d = doc_of(
        {
            "gpb_basic[total].total": "40.00",
            "gpb_basic[unit:045].total": "40.00",
            "gpb_basic[30103].total": "10.00",
            "gpb_basic[30103#2].total": "20.00",
            "gpb_basic[30201].total": "10.00",
        }
    )
    r = check_document(d, rules("BL110"))
    assert r.findings == []
    d2 = doc_of(
        {
            "gpb_basic[total].total": "40.00",
            "gpb_basic[unit:045].total": "40.00",
            "gpb_basic[30103].total": "10.00",
            "gpb_basic[30201].total": "10.00",
        }
    )
    r2 = check_document(d2, rules("BL110"))
    assert len(r2.findings) == 1
    assert "unit:045" in r2.findings[0].message


def test_cross_table_lookup_sums_printings_of_a_code():
    d = doc_of(
        {
            "gpb_basic[30103].total": "1513.40",
            "gpb_basic[30103#2].total": "24.15",
            "economic_summary[30103].gpb": "1537.55",
            "economic_summary[30201].gpb": "1.00",
        }
    )
    assert check_document(d, rules("BL321")).findings == []


def test_fingerprint_ignores_line_numbers_and_directories():
    facts = {"expense[total].total": "2.00", "expense[total].basic": "1.00", "expense[total].project": "0.00"}
    a = check_document(build_document(Example(expect="fail", facts=facts), path="/a/x.txt"), rules("BL101"))
    shifted = {"expense[1].total": "", **facts}  # an extra row earlier: every line moves
    b = check_document(build_document(Example(expect="fail", facts=shifted), path="/b/x.txt"), rules("BL101"))
    fa = a.findings[0]
    fb = [f for f in b.findings if f.locations[0].address.startswith("expense[total]")][0]
    assert fa.locations[0].line != fb.locations[0].line
    assert fa.fingerprint == fb.fingerprint


def test_three_public_finding_points_at_three_cells():
    d = doc_of(
        {
            "three_public[total].vehicle.operation": "11.50",
            "economic_summary[30231].gpb": "1.50",
            "gpb_basic[30231].total": "1.50",
        }
    )
    (f,) = check_document(d, rules("BL401")).findings
    assert [l.address for l in f.locations] == [
        "three_public[total].vehicle.operation",
        "economic_summary[30231].gpb",
        "gpb_basic[30231].total",
    ]
    assert f.severity == "error" and "11.50" in f.message and "1.50" in f.message
    assert f.difference == "10.00"


def test_user_pack_overrides_builtin_rule_by_id(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text(
        """
- id: BL101
  title: 改写的规则
  severity: warning
  check: expense[total].total == 1
  message: "合计 {actual}"
  rationale: 测试
  examples:
    - {expect: pass, facts: {"expense[total].total": "1.00"}}
    - {expect: fail, facts: {"expense[total].total": "2.00"}}
""",
        encoding="utf-8",
    )
    rs = {r.id: r for r in load_rules(extra=[tmp_path])}
    assert rs["BL101"].severity == "warning" and rs["BL101"].source == "mine.yaml"
    assert "BL102" in rs


@pytest.mark.parametrize(
    "text,needle",
    [
        ("- id: X\n  title: t\n", "Field required"),
        (
            "- id: X1\n  title: t\n  severity: error\n  check: 'a[1].b =='\n  message: m\n  rationale: r\n  examples: []\n",
            "X1",
        ),
        ("not: [valid", "YAML"),
        (
            "- id: X2\n  title: t\n  severity: fatal\n  check: '1 == 1'\n  message: m\n  rationale: r\n  examples: []\n",
            "severity",
        ),
    ],
)
def test_malformed_packs_raise_rule_error(tmp_path: Path, text, needle):
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=needle):
        load_pack(p)


def test_select_and_ignore_by_prefix():
    ids = [r.id for r in load_rules(select=["BL1"], ignore=["BL11"])]
    assert ids and all(i.startswith("BL1") and not i.startswith("BL11") for i in ids)


def test_placeholder_does_not_match_roman_numerals_or_words():
    d = doc_of({}, paragraphs=["第XXI届会议", "XXL 尺寸", "支出 XX 万元"])
    r = check_document(d, rules("BL805"))
    assert len(r.findings) == 1 and "XX 万元" in r.findings[0].message


def _with_ambiguous(doc, address_row_key):
    """Mark one row as 'ambiguous-row' the way the recogniser does (a parse warning on its line)."""
    from budgetlint.model import ParseWarning

    for t in doc.tables:
        for r in t.rows:
            if r.key == address_row_key:
                doc.warnings.append(ParseWarning(code="ambiguous-row", message="列位置不确定", provenance=r.provenance))
    return doc


def test_difference_explained_by_another_column_placement_is_not_a_finding():
    # as printed 5.17 sits under wages; if it belonged under family (as in the other table) all is fine
    facts = {
        "expense[total].total": "5.50",
        "gpb_expense[total].total": "5.50",
        "expense[2080501].basic.personnel.wages": "5.17",
        "expense[2080501].basic.personnel.family": "0.33",
        "gpb_expense[2080501].basic.personnel.wages": "",
        "gpb_expense[2080501].basic.personnel.family": "5.17",
    }
    plain = check_document(doc_of(facts), rules("BL301"))
    assert len(plain.findings) == 2
    marked = check_document(_with_ambiguous(doc_of(facts), "2080501"), rules("BL301"))
    assert marked.findings == []
    assert any("列位置不确定" in n.reason for n in marked.not_evaluated)


def test_difference_no_placement_explains_is_still_a_finding():
    facts = {
        "three_public[total].vehicle.operation": "11.50",
        "economic_summary[30231].gpb": "1.50",
        "economic_summary[30231].total": "1.50",
    }
    report = check_document(_with_ambiguous(doc_of(facts), "30231"), rules("BL401"))
    assert len(report.findings) == 1


def test_step_budget_stops_evaluation_without_a_finding(monkeypatch):
    import budgetlint.engine.evaluate as ev

    monkeypatch.setattr(ev, "MAX_STEPS", 3)
    d = doc_of({"expense[total].total": "9.00", "expense[total].basic": "1.00", "expense[total].project": "1.00"})
    r = check_document(d, rules("BL101"))
    assert r.findings == []
    assert "计算量超出上限" in r.not_evaluated[0].reason


def test_each_missing_fact_is_listed_once_in_the_order_met():
    # Two rows with an unreadable 基本支出: the record names each once, in row order (run_rule
    # keeps a set beside the list), and the readable row is still checked.
    d = doc_of(
        {
            "expense[total].total": "9.00",
            "expense[total].basic": "1.0?",
            "expense[total].project": "1.00",
            "expense[2010101].total": "9.00",
            "expense[2010101].basic": "x",
            "expense[2010101].project": "1.00",
            "expense[2010102].total": "2.00",
            "expense[2010102].basic": "1.00",
            "expense[2010102].project": "1.00",
        }
    )
    r = check_document(d, rules("BL101"))
    assert r.findings == []
    [ne] = r.not_evaluated
    assert ne.cause == "partial"
    assert ne.detail == "缺少 expense[total].basic、缺少 expense[2010101].basic"
