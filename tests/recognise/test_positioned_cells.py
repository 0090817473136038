"""A value typed into the wrong column of a Word table stays where the file put it and is reported:
cells of a Word table or a spreadsheet cannot have been dropped by an export, so the placement
that re-seats the left-packed rows of tab exports never runs on them. It moved the value back
and left "列位置不确定" instead of the error (a review's probe, 2026-12-01).

Figures: examples/2024-laocheng-zwfw-budget.txt's 部门支出预算表 (lines 232–243), the 行政运行 row's
商品和服务支出 12.35 typed one column to the right (资本性支出): its column then adds up to 0.33
against the 12.68 its 合计 row prints.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import main

docx = pytest.importorskip("docx")

TITLE = "2024 年部门支出预算表"
UNIT = "洛阳市老城区政务服务和大数据管理局"
# 合计 | 基本支出: 小计, 工资福利支出, 对个人和家庭的补助, 商品和服务支出, 资本性支出 | 项目支出: 小计,
# 其他运转类, 特定目标类. The export's text left-packs three rows; where each amount stands follows
# from the column sums the 合计 row prints (工资福利 1721.29 = 1669.90 + 18.64 + 16.64 + 16.11;
# 对个人和家庭 9.46 = 5.17 + 4.29; 商品和服务 12.68 = 12.35 + 0.33).
DATA = [
    ["", "", "", "", "合计", "2301.43", "1743.43", "1721.29", "9.46", "12.68", "", "558.00", "558.00", ""],
    ["", "", "", "045", UNIT, "2301.43", "1743.43", "1721.29", "9.46", "12.68", "", "558.00", "558.00", ""],
    ["201", "03", "01", "", "行政运行", "1682.25", "1682.25", "1669.90", "", "12.35", "", "", "", ""],
    ["201", "03", "02", "", "一般行政管理事务", "558.00", "", "", "", "", "", "558.00", "558.00", ""],
    ["208", "05", "01", "", "行政单位离退休", "5.50", "5.50", "", "5.17", "0.33", "", "", "", ""],
    ["208", "05", "02", "", "事业单位离退休", "4.29", "4.29", "", "4.29", "", "", "", "", ""],
    ["208", "05", "05", "", "机关事业单位基本养老保险缴费支出", "18.64", "18.64", "18.64", "", "", "", "", "", ""],
    ["210", "11", "01", "", "行政单位医疗", "16.64", "16.64", "16.64", "", "", "", "", "", ""],
    ["221", "02", "01", "", "住房公积金", "16.11", "16.11", "16.11", "", "", "", "", "", ""],
]
HEADER = [
    ["科目编码", "", "", "单位代码", "单位（科目名称）", "合计", "基本支出", "", "", "", "", "项目支出", "", ""],
    ["类", "款", "项", "", "", "", "小计", "工资福利支出", "对个人和家庭的补助", "商品和服务支出", "资本性支出"]
    + ["小计", "其他运转类", "特定目标类"],
]


def _docx(path: Path, shift: bool) -> Path:
    rows = [list(r) for r in DATA]
    if shift:
        row = next(r for r in rows if r[4] == "行政运行")
        row[9], row[10] = "", row[9]  # 商品和服务支出 12.35 typed into 资本性支出
    d = docx.Document()
    d.add_paragraph("2024年部门预算")
    d.add_paragraph(TITLE)
    d.add_paragraph(f"部门名称：{UNIT}")
    d.add_paragraph("单位：万元")
    table = d.add_table(rows=0, cols=len(DATA[0]))
    for row in [*HEADER, *rows]:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    top = table.rows[0].cells
    top[0].merge(top[2])
    top[6].merge(top[10])
    top[11].merge(top[13])
    for j in (3, 4, 5):
        top[j].merge(table.rows[1].cells[j])
    d.save(str(path))
    return path


def _findings(path: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--fail-on", "never"])
    return json.loads(result.output)["documents"][0]["findings"]


def test_the_table_as_printed_raises_nothing(tmp_path):
    assert [f["rule_id"] for f in _findings(_docx(tmp_path / "ok.docx", shift=False))] == []


def test_a_value_in_the_wrong_column_is_reported(tmp_path):
    findings = _findings(_docx(tmp_path / "shifted.docx", shift=True))
    assert any(f["rule_id"] in ("BL110", "BL190") and "12.35" in f["message"] for f in findings), findings
