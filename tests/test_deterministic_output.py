"""Identical input gives byte-identical output: the JSON report of each reader's input, from
two separate processes with different hash seeds (set and dict order, ids, timing never leak
into a report)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _xlsx(folder: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收支总表"
    ws.append(["2024年部门收支预算总表"])
    ws.merge_cells("A1:D1")
    ws.append(["部门名称：某某局", None, None, "单位：万元"])
    ws.append(["项目", "预算数", "项目", "预算数"])
    ws.append(["一、一般公共预算拨款收入", 1234.56, "一般公共服务支出", 1000.5])
    ws.append(["二、政府性基金预算拨款收入", 0, "教育支出", 234.06])
    ws.append(["收入总计", 1234.56, "支出总计", 1234.57])
    path = folder / "收支总表.xlsx"
    wb.save(path)
    return path


def _docx(folder: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("2024年某某局部门预算")
    d.add_paragraph("2024年收入预算合计1234.56万元，比上年增加12.34万元，增长1.0%。")
    d.add_paragraph("2024年部门收支预算总表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate(
        [
            ["项目", "预算数", "项目", "预算数"],
            ["一般公共预算拨款收入", "1234.56", "一般公共服务支出", "1234.56"],
            ["收入总计", "1234.56", "支出总计", "1234.50"],
        ]
    ):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    path = folder / "预算.docx"
    d.save(path)
    return path


def _report(path: Path, seed: str) -> bytes:
    proc = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", "--format", "json", "--jobs", "1", "--isolated", str(path)],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode in (0, 1, 2) and b"Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("reader", ["text", "pdf", "xlsx", "docx"])
def test_the_json_report_is_byte_identical_across_runs(tmp_path, reader):
    path = {
        "text": lambda: ROOT / "examples" / "2024-laocheng-zwfw-budget.txt",
        "pdf": lambda: ROOT / "tests" / "fixtures" / "pdf" / "beijing_2026_shenjiju_ys_tables.pdf",
        "xlsx": lambda: _xlsx(tmp_path),
        "docx": lambda: _docx(tmp_path),
    }[reader]()
    first, second = _report(path, "1"), _report(path, "4242")
    assert b'"documents"' in first
    assert first == second
