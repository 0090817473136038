"""`budgetlint check/rules/rule/schema`: exit codes, selection, JSON contract (validated with jsonschema)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from budgetlint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LAOCHENG = str(EXAMPLES / "2024-laocheng-zwfw-budget.txt")
LUOLONG = str(EXAMPLES / "2025-luolong-zwfw-budget.txt")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def json_of(*args):
    res = run("check", *args, "--format", "json")
    return res, json.loads(res.output)


def test_errors_give_exit_1_and_the_three_public_finding():
    res, data = json_of(LAOCHENG)
    assert res.exit_code == 1
    doc = data["documents"][0]
    three = [f for f in doc["findings"] if f["rule_id"] == "BL401"]
    assert len(three) == 1
    f = three[0]
    assert f["severity"] == "error"
    assert {(l["line"], l["address"]) for l in f["locations"]} == {
        (383, "three_public[total].vehicle.operation"),  # 三公表 11.50
        (357, "economic_summary[30231].gpb"),  # 经济分类汇总表 30231 1.50
        (327, "gpb_basic[30231].total"),  # 基本支出表 30231 1.50
    }
    assert f["actual"].startswith("11.50") and f["expected"].startswith("1.50") and f["difference"] == "10.00"
    # the same as numbers with their unit, for programs
    assert (f["actual_value"], f["expected_value"], f["difference_value"], f["unit"]) == (11.5, 1.5, 10, "万元")


def test_json_report_validates_against_published_schema():
    schema = json.loads(run("schema").output)
    jsonschema.Draft202012Validator.check_schema(schema)
    _, data = json_of(LAOCHENG, LUOLONG, "/nonexistent/file.txt")
    jsonschema.validate(data, schema)
    assert data["schema_version"] == 1 and data["tool"]["name"] == "budgetlint"
    assert data["summary"]["documents"] == 3 and data["summary"]["unreadable"] == 1
    assert data["run"]["fail_on"] == "error" and data["run"]["version"] == data["tool"]["version"]
    # the schema is closed: a field it does not name is invalid
    data["documents"][1]["findings_extra"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_unreadable_input_is_reported_and_batch_continues_with_exit_2():
    res, data = json_of("/nonexistent/file.txt", LUOLONG)
    assert res.exit_code == 2
    assert "error" in data["documents"][0]
    assert data["documents"][1]["kind"] == "budget"


@pytest.mark.parametrize(
    "args,code",
    [
        (["--fail-on", "never"], 0),
        (["--select", "BL1"], 0),  # the 老城区 tables balance: no BL1xx finding
        (["--ignore", "BL4,BL5,BL6"], 0),
        (["--select", "BL401"], 1),
        (["--select", "BL401", "--fail-on", "warning"], 1),
    ],
)
def test_exit_codes_and_selection(args, code):
    assert run("check", LAOCHENG, *args).exit_code == code


INFO_PACK = """
- id: ZZ001
  title: 总是提示
  severity: info
  check: expense[total].total == 0
  message: "合计 {actual}"
  rationale: 测试 --fail-on
  examples:
    - {expect: pass, facts: {"expense[total].total": "0"}}
    - {expect: fail, facts: {"expense[total].total": "1.00"}}
"""


@pytest.mark.parametrize("fail_on,code", [("error", 0), ("warning", 0), ("info", 1), ("never", 0)])
def test_fail_on_threshold_counts_severity(tmp_path: Path, fail_on, code):
    pack = tmp_path / "info.yaml"
    pack.write_text(INFO_PACK, encoding="utf-8")
    res = run("check", LUOLONG, "--rules", str(pack), "--select", "ZZ", "--fail-on", fail_on)
    assert res.exit_code == code
    assert "ZZ001" in res.output


def test_bad_rule_pack_is_exit_2(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: X1\n  title: t\n  severity: error\n  check: 'a[1].b =='\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", LUOLONG, "--rules", str(bad)])
    assert res.exit_code == 2
    assert "bad.yaml" in res.output and "Traceback" not in res.output


def test_internal_error_is_exit_3(monkeypatch):
    import budgetlint.cli as cli

    def boom(doc, rules, index=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "check_document", boom)
    res = CliRunner().invoke(main, ["check", LUOLONG])
    assert res.exit_code == 3 and "内部错误" in res.output


def test_verbose_text_lists_not_evaluated_rules(tmp_path: Path):
    out = tmp_path / "report.txt"
    res = run("check", LAOCHENG, "--verbose", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert res.exit_code == 1
    assert "BL401" in text and "第 383 行" in text and "未执行的规则" in text


def test_rules_and_rule_commands():
    listing = run("rules")
    assert listing.exit_code == 0 and "BL401" in listing.output
    one = run("rule", "BL401")
    assert one.exit_code == 0
    assert "30231" in one.output and "示例" in one.output and "依据" in one.output
    assert run("rule", "NOPE").exit_code == 2


def test_cross_document_rules_are_listed_and_explained():
    """The BL9xx rules (rules/across/) are shown with the others, in text, JSON and one by one."""
    listing = run("rules")
    assert all(f"BL90{n}" in listing.output for n in range(1, 5)) and "跨文件规则" in listing.output
    catalogue = json.loads(run("rules", "--format", "json").output)
    cross = {r["id"]: r for r in catalogue["cross_document_rules"]}
    assert cross["BL904"]["relation"] == "previous_year" and cross["BL904"]["severity"] == "warning"
    assert {e["expect"] for e in cross["BL904"]["examples"]} == {"pass", "fail"}
    assert not {r["id"] for r in catalogue["rules"]} & set(cross)
    one = run("rule", "BL902")
    assert one.exit_code == 0 and "年初预算" in one.output and "同年同一部门的部门预算" in one.output
    assert "示例" in one.output and "相关文件" in one.output


def test_location_in_a_second_file_names_that_file():
    from budgetlint.model import Location
    from budgetlint.report.text import where

    loc = Location(path="/d/公开表.xlsx", sheet="三公", cell="A5")
    assert where(loc, "/d/说明.docx") == "公开表.xlsx · 三公!A5"
    assert where(loc, "/d/公开表.xlsx") == "三公!A5"
