"""HiGHS prints a debug line to the process's standard output whatever its options say
("HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();", ERGO-Code/HiGHS#2783).
A JSON report written to standard output must stay JSON when the diagnosis solves a table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-laocheng-zwfw-budget.txt"


def test_a_json_report_on_standard_output_is_only_the_report(tmp_path):
    # 老城区's 经济分类汇总表 with the code of 301 02 津贴补贴 (line 355) garbled: the rows around it
    # no longer add up, and the diagnosis's program is one on which HiGHS printed its line.
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n301\t02\t津贴补贴\t", "\nXY301\t02\t津贴补贴\t", 1)
    assert "XY301" in text
    garbled = tmp_path / "garbled.txt"
    garbled.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", str(garbled), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert "tmpSolver" not in result.stdout
    report = json.loads(result.stdout)
    rules = {f["rule_id"] for f in report["documents"][0]["findings"]}
    assert rules & {"BL190", "BL191", "BL192"}  # the diagnosis did run
