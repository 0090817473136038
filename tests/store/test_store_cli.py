"""`check --store` and `history` end to end: the 2023 西工区 决算 (examples/) beside a 2022 决算 of the
same department kept in the store. Its narrative prints "2023 年度收、支总计均为 449.76 万元。与上年度相比，
收、支总计各增加 91.89 万元" (read in the example): last year's 总计 was 449.76 − 91.89 = 357.87 万元."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from budgetlint.cli import main
from budgetlint.store import Store
from tests.store.builders import record_from_spec

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
XIGONG = str(EXAMPLES / "2023-xigong-zwfw-final.txt")
DEPARTMENT = "洛阳市西工区政务服务和大数据管理局"


def _store_with_2022(db: Path, printed_total: str) -> None:
    store = Store(str(db))
    store.put(
        record_from_spec(
            {
                "year": 2022,
                "kind": "final",
                "department": DEPARTMENT,
                "facts": {"final_summary[in.grand_total].amount": printed_total},
            },
            2022,
        )
    )
    store.close()


def _check(db: Path) -> dict:
    res = CliRunner().invoke(
        main, ["check", XIGONG, "--store", str(db), "--format", "json", "--fail-on", "never"], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _cross(report: dict) -> list[dict]:
    return [f for d in report["documents"] for f in d["findings"] if f["rule_id"].startswith("BL9")]


def test_last_years_document_agrees(tmp_path):
    db = tmp_path / "s.db"
    _store_with_2022(db, "357.87")
    assert _cross(_check(db)) == []


def test_last_years_document_disagrees(tmp_path):
    db = tmp_path / "s.db"
    _store_with_2022(db, "358.87")
    found = _cross(_check(db))
    assert [f["rule_id"] for f in found] == ["BL901"]
    assert "357.87" in found[0]["message"] and "358.87" in found[0]["message"]
    assert found[0]["related"][0]["path"].endswith("doc2022.pdf")


def test_checking_again_replaces_the_documents_rows_and_history_shows_the_years(tmp_path):
    db = tmp_path / "s.db"
    _store_with_2022(db, "358.87")
    first = _check(db)
    _check(db)
    store = Store(str(db))
    assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    n_findings = len(first["documents"][0]["findings"])
    assert store.conn.execute("SELECT count(*) FROM findings").fetchone()[0] == n_findings
    store.close()

    res = CliRunner().invoke(main, ["history", DEPARTMENT, "--store", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    history = json.loads(res.output)
    assert [(d["year"], d["kind"]) for d in history["documents"]] == [(2022, "决算"), (2023, "决算")]
    latest = history["documents"][1]
    assert latest["totals_wan"]["收入总计"] == "449.76"  # the 决算 01 表's 总计 as printed
    assert sum(latest["findings"].values()) == n_findings
    text = (
        CliRunner().invoke(main, ["history", "西工区政务服务和大数据管理局2023年度部门决算", "--store", str(db)]).output
    )
    assert "2023 年 部门决算" in text and "2022 年 部门决算" in text and "警告" in text


def test_history_of_an_unknown_department(tmp_path):
    db = tmp_path / "s.db"
    Store(str(db)).close()
    res = CliRunner().invoke(main, ["history", "某某局", "--store", str(db)])
    assert res.exit_code == 0 and "没有" in res.output


def test_a_findings_stored_json_is_what_pydantic_writes() -> None:
    """The store's ``findings.data`` is written without pydantic (a check never imports it): the
    text is the one pydantic gives for the same record, fields, Decimals, boxes and None alike."""
    from decimal import Decimal

    from budgetlint.checker import check_document, load_rules
    from budgetlint.model import Finding, Location
    from budgetlint.model_json import to_json
    from budgetlint.pipeline import load_document
    from budgetlint.store.record import record_json

    findings = check_document(load_document([Path(XIGONG)]), load_rules()).findings
    boxed = Finding(
        rule_id="BL101",
        severity="error",
        title="标题",
        message="消息",
        locations=[Location(path="a.pdf", page=3, bbox=(71.5, 100.25, 120.0, 112.75), excerpt="1,234.50")],
        expected_value=Decimal("1234.50"),
        difference_value=Decimal("-0.01"),
        unit="万元",
        related=[Location(path="a.pdf", note="BL110：相差 0.01 万元")],
    )
    assert len(findings) > 5
    for finding in [*findings, boxed]:
        assert record_json(finding) == to_json(finding)
