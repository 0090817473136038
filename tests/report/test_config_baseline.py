"""Configuration found upward from the checked files, and baselines with a 说明.

The example 2023-xigong-zwfw-final.txt has, read by hand: BL510 (line 1235,
18.01 % for 18.10 %), BL511 (lines 753, 901), BL513 (info, lines 851/868/874/886),
BL514 (lines 835, 1258) and BL521 (line 981, 9 + 6 + 0 ≠ 17).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import main
from budgetlint.config import find_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2023-xigong-zwfw-final.txt"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "公开" / "决算").mkdir(parents=True)
    shutil.copy(EXAMPLE, tmp_path / "公开" / "决算" / EXAMPLE.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str):
    result = CliRunner().invoke(main, ["check", *args])
    return result


def rule_ids(output: str) -> list[str]:
    return sorted(f["rule_id"] for d in json.loads(output)["documents"] for f in d["findings"])


def test_pyproject_table_is_found_upward_and_applied(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.budgetlint]\nignore = ["BL513", "bl514"]\nfail-on = "never"\nformat = "json"\n',
        encoding="utf-8",
    )
    result = check("公开/决算")
    assert result.exit_code == 0  # fail-on = never
    assert rule_ids(result.output) == ["BL510", "BL511", "BL511", "BL521"]
    # the command line wins over the file
    assert check("公开/决算", "--fail-on", "error").exit_code == 1
    # --isolated ignores it
    result = check("公开/决算", "--isolated", "--format", "json")
    assert "BL513" in rule_ids(result.output)


def test_budgetlint_toml_per_file_ignores(project):
    (project / "公开" / "budgetlint.toml").write_text(
        'format = "json"\n[per-file-ignores]\n"决算/*.txt" = ["BL51"]\n', encoding="utf-8"
    )
    assert find_config(project / "公开" / "决算").source == project / "公开" / "budgetlint.toml"
    assert rule_ids(check("公开/决算").output) == ["BL521"]


@pytest.mark.parametrize(
    "text, word",
    [
        ('[tool.budgetlint]\nignroe = ["BL5"]\n', "ignroe"),
        ('[tool.budgetlint]\nfail-on = "sometimes"\n', "fail-on"),
        ('[tool.budgetlint]\nselect = "BL5"\n', "select"),
        ('[tool.budgetlint]\nselect = ["BL99"]\n', "BL99"),  # BL9xx: checks across documents
        ("[tool.budgetlint\n", "pyproject.toml"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_the_key(project, text, word):
    (project / "pyproject.toml").write_text(text, encoding="utf-8")
    result = check("公开/决算")
    assert result.exit_code == 2
    assert word in result.output and "Traceback" not in result.output


def test_baseline_round_trip(project):
    baseline = project / "baseline.json"
    result = check("公开/决算", "--write-baseline", str(baseline))
    assert result.exit_code == 0
    data = json.loads(baseline.read_text("utf-8"))
    assert len(data["entries"]) == 10 and all(e["说明"] == "" for e in data["entries"])
    # explain one, and drop another from the baseline: it counts again
    entries = data["entries"]
    bl521 = next(e for e in entries if e["rule_id"] == "BL521")
    bl521["说明"] = "自评项目 17 个中 2 个未评级，已在报告中说明"
    data["entries"] = [e for e in entries if e["rule_id"] != "BL510"]
    data["entries"].append(
        {
            "fingerprint": "0123456789abcdef",
            "rule_id": "BL101",
            "file": "旧.pdf",
            "message": "已改正的问题",
            "说明": "x",
        }
    )
    baseline.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = check("公开/决算", "--baseline", str(baseline), "--format", "json")
    assert result.exit_code == 1
    # the runner mixes in stderr, where the baseline's summary follows the streamed report
    report_part = result.output[result.output.index("{") : result.output.rindex("}") + 1]
    assert rule_ids(report_part) == ["BL510"]
    assert "还没有填写“说明”" in result.output and "8 条" in result.output  # 9 matched, one explained
    assert "1 条基线条目已没有对应的问题" in result.output
    # rewriting keeps what the office wrote
    check("公开/决算", "--write-baseline", str(baseline))
    again = json.loads(baseline.read_text("utf-8"))["entries"]
    assert next(e for e in again if e["rule_id"] == "BL521")["说明"].startswith("自评项目")


def test_baseline_that_is_not_one_is_a_usage_error(project):
    bad = project / "b.json"
    bad.write_text('{"entries": 3}', encoding="utf-8")
    result = check("公开/决算", "--baseline", str(bad))
    assert result.exit_code == 2 and "基线" in result.output


def test_unwritable_output_fails_before_any_work(project):
    result = check("公开/决算", "-o", str(project / "没有这个文件夹" / "r.json"))
    assert result.exit_code == 2 and "无法写入" in result.output
