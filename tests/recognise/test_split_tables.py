"""One table split in two where the format has no pages: a Word table cut in two with its
header repeated (by an editor, or a program printing a long table as two), directly, after an
empty paragraph or after a 续表 line. Read as two tables, the second half was compared as a
table of its own: its 收入合计 keyed as the 本年收入 the first half has, the 经济分类 codes the
first half printed again, and the first half's sums short of the rows left in the second
(BL212, BL321, BL110: false errors from a review re-publishing the examples as Word files).

Figures: examples/2024-laocheng-zwfw-budget.txt's 财政拨款收支预算表 (lines 250–290), cut after
"（十）卫生健康支出".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import main
from budgetlint.pipeline import load_document

docx = pytest.importorskip("docx")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-laocheng-zwfw-budget.txt"
TITLE = "2024 年财政拨款收支预算表"


def _rows() -> list[list[str]]:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    start = lines.index(TITLE)
    header = next(i for i in range(start, len(lines)) if lines[i].startswith("项 目"))
    end = next(i for i in range(header, len(lines)) if lines[i].startswith("收入合计"))
    rows = [ln.split("\t") for ln in lines[header : end + 1] if ln.strip()]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _write(path: Path, between: list[str]) -> Path:
    rows = _rows()
    head, body = rows[:2], rows[2:]
    cut = next(i for i, r in enumerate(body) if "卫生健康支出" in r[2]) + 1
    d = docx.Document()
    d.add_paragraph("2024年部门预算")
    d.add_paragraph(TITLE)
    d.add_paragraph("部门名称：洛阳市老城区政务服务和大数据管理局")
    d.add_paragraph("单位：万元")
    for part_no, part in enumerate((body[:cut], body[cut:])):
        if part_no:
            for text in between:
                d.add_paragraph(text)
        table = d.add_table(rows=0, cols=len(head[0]))
        for row in [*head, *part]:
            cells = table.add_row().cells
            for cell, text in zip(cells, row):
                cell.text = text
    d.save(str(path))
    return path


@pytest.mark.parametrize("between", [[], [""], ["续表"], [f"{TITLE}（续）"]])
def test_a_split_table_is_one_table(tmp_path, between):
    doc = load_document(_write(tmp_path / "split.docx", between))
    (table,) = [t for t in doc.tables if t.kind == "fiscal_summary"]
    keys = [r.key for r in table.rows]
    assert keys.count("in.current_total") == 1 and "in.grand_total" in keys
    assert "221" in keys and "201" in keys
    result = CliRunner().invoke(main, ["check", str(tmp_path / "split.docx"), "--format", "json", "--fail-on", "never"])
    findings = json.loads(result.output)["documents"][0]["findings"]
    assert [f["rule_id"] for f in findings if f["severity"] == "error"] == []


def test_a_table_after_narrative_is_another_table(tmp_path):
    doc = load_document(_write(tmp_path / "two.docx", ["二、其他需要说明的情况：本部门无其他说明。"]))
    first = next(t for t in doc.tables if t.kind == "fiscal_summary")
    assert "201" in [r.key for r in first.rows] and "221" not in [r.key for r in first.rows]
