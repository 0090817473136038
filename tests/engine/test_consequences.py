"""One printed error, one finding: its consequences are related locations, not more findings."""

from __future__ import annotations

import json

import jsonschema
import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example
from budgetlint.report.json_report import build_report, report_schema
from tests.samples import expense_facts


def _check(facts, select=("BL101", "BL110", "BL301")):
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}), path="/tmp/doc.txt")
    return check_document(doc, load_rules(select=list(select)))


def _expense_rows(kind: str, project_2010301: str) -> dict:
    # 201 = 20103 = 2010301 + 2010302; every row 合计 = 基本 + 项目. One cell is typed wrong below.
    rows = {
        "total": ("30.00", "20.00", "10.00"),
        "201": ("30.00", "20.00", "10.00"),
        "20103": ("30.00", "20.00", "10.00"),
        "2010301": ("18.00", "12.00", project_2010301),
        "2010302": ("12.00", "8.00", "4.00"),
    }
    return expense_facts(rows, kind)


def test_a_wrong_cell_is_one_finding_with_its_parent_sum_as_related():
    # 2010301 项目支出 printed 9.00 instead of 6.00: its row (BL101) and 20103's children (BL110)
    # both break by 3.00. One printed error → one finding.
    report = _check(_expense_rows("expense", "9.00"))
    errors = [f for f in report.findings if f.severity == "error"]
    assert len(errors) == 1
    (f,) = errors
    assert f.rule_id == "BL101"  # the row identity is the most specific
    assert "expense[2010301].project" in {loc.address for loc in f.locations}
    related = {loc.address for loc in f.related}
    assert "expense[20103].project" in related
    assert all(loc.note and loc.note.startswith("BL110：") for loc in f.related)


def test_the_twin_table_printing_the_same_wrong_cell_is_related_not_another_finding():
    facts = {**_expense_rows("expense", "9.00"), **_expense_rows("gpb_expense", "9.00")}
    report = _check(facts)
    errors = [f for f in report.findings if f.severity == "error"]
    assert len(errors) == 1
    related = {loc.address for loc in errors[0].related}
    assert {"gpb_expense[2010301].project", "gpb_expense[20103].project"} <= related


def test_fingerprint_is_that_of_the_finding_kept():
    alone = _check(_expense_rows("expense", "9.00"), select=("BL101",))
    folded = _check(_expense_rows("expense", "9.00"))
    assert [f.fingerprint for f in alone.findings] == [f.fingerprint for f in folded.findings]


def test_two_different_errors_stay_two_findings():
    facts = _expense_rows("expense", "9.00")
    facts["expense[2010302].basic"] = "9.00"  # another slip, a different amount (1.00)
    report = _check(facts)
    amounts = sorted(f.difference.lstrip("-") for f in report.findings if f.severity == "error")
    assert "3.00" in amounts and "1.00" in amounts


def test_same_amount_in_unrelated_places_is_not_folded():
    facts = _expense_rows("expense", "9.00")
    # A second, independent slip of the same size in another class (no shared row).
    facts.update({"expense[208].total": "5.00", "expense[208].basic": "5.00", "expense[208].project": "3.00"})
    report = _check(facts, select=("BL101",))
    assert len([f for f in report.findings if f.severity == "error"]) == 2


def test_related_locations_are_in_the_json_report_and_schema():
    report = _check(_expense_rows("expense", "9.00"))
    data = json.loads(json.dumps(build_report([report]), ensure_ascii=False))
    jsonschema.validate(data, report_schema())
    (f,) = [f for f in data["documents"][0]["findings"] if f["severity"] == "error"]
    assert f["related"] and all(r["note"].startswith("BL110：") for r in f["related"])


SIFAJU = CORPUS_DIR / "shanghai_putuo" / "shanghai_putuo_2026_sifaju_ys_unit.pdf"
CHANGCHUN = CORPUS_DIR / "city_crawl_renwu" / "changchun_2026_xinfangju_ys_unit.pdf"


@pytest.mark.corpus
@pytest.mark.skipif(not SIFAJU.is_file() or not CHANGCHUN.is_file(), reason="corpus not present")
def test_corpus_printed_errors_are_one_finding_each():
    from budgetlint.pipeline import load_document

    rules = load_rules(select=["BL1", "BL3"])
    # 长春 p11: 301 (911.21 vs Σ 920.96) and 302 (211.00 vs Σ 221.37) are each wrong in 合计 and
    # in 人员经费/公用经费: two printed errors, two findings (was four). p8 支出总表 当年预算 小计:
    # 20140 prints 1378.41 over 2014001/2014002/2014099 = 903.85 + 0.00 + 0.00 (a third error).
    report = check_document(load_document(CHANGCHUN), rules)
    bl110 = [f for f in report.findings if f.rule_id == "BL110"]
    assert sorted(f.difference for f in bl110) == ["-474.56", "10.37", "9.75"]
    assert all(f.related for f in bl110 if f.difference != "-474.56")
    # 普陀司法局 p11: 行政运行 prints 项目支出 64,840,547 (BL101), which also breaks 20406's sum
    # (BL110) and is printed again in the 一般公共预算支出表 p14: one finding — since issue 12 the
    # diagnosis BL190 (the 司法 row's value copied; should be 0), the identity findings folded into it.
    report = check_document(load_document(SIFAJU), rules)
    big = [f for f in report.findings if f.rule_id == "BL190" or (f.difference and abs(float(f.difference)) > 6000)]
    assert len(big) == 1 and big[0].rule_id == "BL190" and big[0].locations[0].page == 11
    assert big[0].locations[0].address == "expense[2040601].project" and big[0].expected == "0.00"
    assert {loc.page for loc in big[0].related} == {11, 14}
    assert any((loc.note or "").startswith("BL101：") for loc in big[0].related)
