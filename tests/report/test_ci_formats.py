"""SARIF, JUnit and GitHub annotations, each fed to what reads it in CI.

Golden places come from the example documents, read by hand:
2023-xigong-zwfw-final.txt line 1235 "预算执行率为 18.01%" (449.76 ÷ 2485.35 = 18.10 %),
and the Beijing fixture PDF's empty 政府性基金 table on page 7.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from junitparser import Error, Failure, JUnitXml, Skipped

from budgetlint.cli import main
from budgetlint.model import DocumentReport, Finding, Location
from budgetlint.report.github import escape_data, escape_property, render_github
from budgetlint.report.sarif import build_sarif

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "2023-xigong-zwfw-final.txt"
PDF = ROOT / "tests" / "fixtures" / "pdf" / "beijing_2026_shenjiju_ys_tables.pdf"
SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def run(*args: str):
    return CliRunner().invoke(main, ["check", *args])


@pytest.fixture(scope="module")
def example_json():
    result = run(str(EXAMPLE), "--format", "json")
    return json.loads(result.output)


def test_sarif_is_valid_and_carries_every_finding(example_json, tmp_path):
    out = tmp_path / "r.sarif"
    result = run(str(EXAMPLE), str(PDF), "--format", "sarif", "-o", str(out))
    assert result.exit_code == 1, result.output
    log = json.loads(out.read_text("utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run_ = log["runs"][0]
    results = run_["results"]
    # every finding of the text example is a result, and the PDF's two empty tables too
    text_findings = example_json["documents"][0]["findings"]
    assert len(
        [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".txt")]
    ) == len(text_findings)
    rate = next(r for r in results if r["ruleId"] == "BL510")
    assert rate["level"] == "error"
    assert any(loc["physicalLocation"].get("region", {}).get("startLine") == 1235 for loc in rate["locations"])
    assert "18.01" in rate["message"]["text"]
    rules = run_["tool"]["driver"]["rules"]
    assert rules[rate["ruleIndex"]]["id"] == "BL510" and rules[rate["ruleIndex"]]["help"]["text"]
    empty = [r for r in results if r["ruleId"] == "BL804"]
    assert len(empty) == 2
    region = empty[0]["locations"][0]["physicalLocation"]["region"]
    assert region["properties"]["page"] == 7 and "startLine" not in region
    assert all(r["partialFingerprints"]["budgetlint/v1"] for r in results)


def test_sarif_unreadable_document_is_a_notification():
    reports = [DocumentReport(path="坏文件.pdf", error="PDF 已加密，无法读取")]
    log = build_sarif(reports, [])
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "已加密" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_junit_parses_with_one_case_per_rule_and_document(tmp_path):
    out = tmp_path / "r.xml"
    assert run(str(EXAMPLE), "--format", "junit", "-o", str(out)).exit_code == 1
    suites = list(JUnitXml.fromfile(str(out)))
    assert len(suites) == 1
    cases = list(suites[0])
    names = [c.name.split()[0] for c in cases]
    assert len(names) == len(set(names))  # one test case per rule
    failed = {c.name.split()[0]: c for c in cases if any(isinstance(r, Failure) for r in c.result)}
    # errors and warnings fail their rule's case; the info-only BL513 does not
    assert {"BL510", "BL511", "BL514", "BL521"} <= set(failed)
    assert "BL513" not in failed
    (bl510_failure,) = [r for r in failed["BL510"].result if isinstance(r, Failure)]
    assert "第 1235 行" in bl510_failure.text
    bl511 = [r for r in failed["BL511"].result if isinstance(r, Failure)][0]
    assert bl511.text.count("BL511") == 2  # lines 753 and 901, one failure element
    skipped = {c.name.split()[0] for c in cases if any(isinstance(r, Skipped) for r in c.result)}
    assert "BL510" not in skipped


def test_junit_unreadable_document_is_an_error(tmp_path):
    bad = tmp_path / "空.txt"
    bad.write_text("", encoding="utf-8")
    out = tmp_path / "r.xml"
    result = run(str(bad), str(EXAMPLE), "--format", "junit", "-o", str(out))
    assert result.exit_code == 2
    suites = list(JUnitXml.fromfile(str(out)))
    assert len(suites) == 2
    errored = [c for s in suites for c in s if any(isinstance(r, Error) for r in c.result)]
    assert len(errored) == 1


def test_github_commands_escape_what_the_runner_reads():
    assert escape_data("18.01%\n下一行") == "18.01%25%0A下一行"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"
    f = Finding(
        rule_id="BL101",
        severity="warning",
        title="合计, 基本支出",
        message="差 1%，\n请核对",
        locations=[Location(path="dir/表,1.pdf", page=12, table="t3", row="201")],
    )
    (line,) = render_github([DocumentReport(path="dir/表,1.pdf", findings=[f])]).splitlines()
    assert line.startswith("::warning file=dir/表%2C1.pdf,title=BL101 合计%2C 基本支出::")
    assert line.endswith("第 12 页 · 表 t3 · 行 201：差 1%25，%0A请核对")


def test_github_format_names_the_line_of_a_text_export():
    result = run(str(EXAMPLE), "--format", "github", "--select", "BL510")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"::error file={EXAMPLE.as_posix()},line=1235,title=BL510 ")


def test_unknown_rule_selector_is_a_usage_error():
    result = run(str(EXAMPLE), "--select", "BL999")
    assert result.exit_code == 2
    assert "BL999" in result.output
    result = run(str(EXAMPLE), "--ignore", "BL1,XX")
    assert result.exit_code == 2 and "XX" in result.output


def test_selectors_are_case_insensitive():
    result = run(str(EXAMPLE), "--select", "bl510", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.output)["documents"][0]["findings"]
    assert [f["rule_id"] for f in found] == ["BL510"]


def test_junit_rule_that_could_not_run_is_skipped_with_its_reason(tmp_path):
    from budgetlint.model import NotEvaluated
    from budgetlint.report.junit import render_junit

    report = DocumentReport(
        path="a.pdf",
        not_evaluated=[
            NotEvaluated(
                rule_id="BL101", status="insufficient_data", cause="facts_missing", reason="支出表中没有“基本支出”列"
            ),
            NotEvaluated(rule_id="BL701", status="not_applicable", cause="kind", reason="只适用于决算"),
        ],
    )
    out = tmp_path / "r.xml"
    out.write_text(render_junit([report]), encoding="utf-8")
    (suite,) = list(JUnitXml.fromfile(str(out)))
    (case,) = list(suite)  # BL701 is for another kind of document: no test case
    assert case.name == "BL101"
    (skip,) = case.result
    assert isinstance(skip, Skipped) and "基本支出" in skip.message


def test_rule_catalogue_as_json_lists_every_rule_with_its_metadata():
    from budgetlint.engine import load_rules

    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0
    catalogue = json.loads(result.output)["rules"]
    assert [r["id"] for r in catalogue] == [r.id for r in load_rules()]
    bl510 = next(r for r in catalogue if r["id"] == "BL510")
    assert bl510["severity"] == "error" and bl510["applies_to"]["kind"] == ["final"]
    assert bl510["pack"] == "narrative.yaml" and bl510["rationale"] and bl510["examples"]


def test_format_names_and_renderers_agree():
    from budgetlint.formats import REPORT_FORMATS
    from budgetlint.report import FORMATS

    assert tuple(FORMATS) == REPORT_FORMATS
