"""A rule failing on most rows of one table points at a misread table, not at the document.

Real hand-edit errors are local (a row or two); a wall of failures in one
table is what a misread column layout looks like. Those are reported as not
evaluated with the reason, never as a list of errors.
"""

from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example
from tests.samples import expense_facts, row_facts


def _expense(rows: dict[str, tuple[str, str, str]]) -> dict:
    return expense_facts(rows)


def _check(facts):
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}), path="/tmp/doc.txt")
    return check_document(doc, load_rules(select=["BL101"]))


def test_one_broken_row_among_many_is_reported():
    rows = {f"2010{i}": ("10.00", "6.00", "4.00") for i in range(301, 309)}
    rows["2010301"] = ("10.00", "6.00", "5.00")  # 合计 not refreshed after an edit
    report = _check(_expense(rows))
    assert [f.rule_id for f in report.findings] == ["BL101"]
    assert not report.not_evaluated


def test_a_few_broken_rows_in_a_small_table_are_still_reported():
    rows = {
        "2010301": ("10.00", "6.00", "5.00"),
        "2010302": ("8.00", "1.00", "1.00"),
        "2010303": ("3.00", "1.00", "1.00"),
    }
    report = _check(_expense(rows))
    assert len(report.findings) == 3  # below the minimum count for "systematic"


def test_most_rows_failing_is_a_recognition_problem_not_findings():
    # The shape a misread layout gives: 项目支出 read from the wrong column everywhere.
    rows = {f"2010{i}": ("10.00", "6.00", "0.50") for i in range(301, 307)}
    rows["2010307"] = ("10.00", "6.00", "4.00")
    report = _check(_expense(rows))
    assert report.findings == []
    (ne,) = [n for n in report.not_evaluated if n.rule_id == "BL101"]
    assert ne.status == "insufficient_data"
    assert "6/7" in ne.reason and "列识别" in ne.reason


def _projects(rows: dict[str, tuple[str, str, str]]) -> dict:
    return row_facts(rows, ("project", "project.operating", "project.specific"))


def _check_rule(facts, rule_id):
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}), path="/tmp/doc.txt")
    return check_document(doc, load_rules(select=[rule_id]))


def test_breakdown_never_filled_in_the_table_is_not_read_as_zero():
    # 项目支出 printed, but the table never fills 其他运转类/特定目标类 in any row:
    # the breakdown is not in this table (central 2026 budget layout), not "0".
    rows = {"201": ("39442.86", "", ""), "20140": ("39442.86", "", ""), "2014002": ("737.29", "", "")}
    report = _check_rule(_projects(rows), "BL106")
    assert report.findings == []
    (ne,) = report.not_evaluated
    assert ne.status == "insufficient_data" and "没有任何数值" in ne.reason


def test_blank_cell_in_a_filled_column_is_still_zero():
    # 特定目标类 is never filled but 其他运转类 is: blanks are zeros and a wrong row is found.
    rows = {"201": ("568.00", "558.00", ""), "20103": ("558.00", "558.00", ""), "2010302": ("558.00", "558.00", "")}
    report = _check_rule(_projects(rows), "BL106")
    assert [f.rule_id for f in report.findings] == ["BL106"]


# ---------------------------------------------------------------- one table against the others


CLASSES = {"201": "100.00", "205": "200.00", "208": "50.00", "210": "30.00", "221": "20.00"}


def _fiscal_vs_gpb(fiscal: dict[str, str]) -> dict:
    facts = {}
    for code, amount in CLASSES.items():
        facts[f"gpb_expense[{code}].total"] = amount
        facts[f"gpb_expense[{code}].basic"] = amount
        facts[f"gpb_expense[{code}].project"] = ""
    for code, amount in fiscal.items():
        facts[f"fiscal_summary[{code}].gpb"] = amount
    return facts


def test_one_table_disagreeing_with_the_others_on_every_class_is_reported():
    # A 财政拨款收支总表 whose five classes all differ from the 一般公共预算支出表, which balances
    # by its own identities: a real inconsistency of that one table, not a misread.
    wrong = {code: f"{float(a) + 1:.2f}" for code, a in CLASSES.items()}
    report = _check_rule(_fiscal_vs_gpb(wrong), "BL306")
    assert [f.rule_id for f in report.findings] == ["BL306"] * 5
    assert not [n for n in report.not_evaluated if n.cause == "misread"]


def test_comparisons_with_a_table_misread_by_its_own_identities_are_withheld_and_listed():
    # The 一般公共预算支出表 fails 合计 = 基本 + 项目 on every row (its columns were misread):
    # its comparisons with other tables are withheld too, every place listed with the reason.
    facts = _fiscal_vs_gpb({code: f"{float(a) + 1:.2f}" for code, a in CLASSES.items()})
    for code in CLASSES:
        facts[f"gpb_expense[{code}].basic"] = "1.00"
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}), path="/tmp/doc.txt")
    report = check_document(doc, load_rules(select=["BL101", "BL306"]))
    assert report.findings == []
    misread = [n for n in report.not_evaluated if n.cause == "misread"]
    assert {n.rule_id for n in misread} == {"BL101", "BL306"}
    for n in misread:
        assert n.status == "insufficient_data"
        for code in CLASSES:  # every withheld place is named
            assert f"行 {code}" in n.reason, n.reason
    # Both rules checked nothing they could trust: not evaluated, cause misread.
    assert report.coverage.not_evaluated == {"misread": 2} and report.coverage.evaluated == 0


def test_a_withheld_table_is_listed_in_full_not_cut_after_four():
    rows = {f"2010{i}": ("10.00", "6.00", "0.50") for i in range(301, 311)}
    report = _check(_expense(rows))
    (ne,) = [n for n in report.not_evaluated if n.rule_id == "BL101"]
    assert ne.cause == "misread"
    assert all(f"行 {key}" in ne.reason for key in rows)
    assert "等" not in ne.reason.split("未报告的")[1]
