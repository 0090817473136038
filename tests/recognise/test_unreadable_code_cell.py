"""Damage to one printed cell (OCR debris, a damaged byte) raises no alarm of its own.

A row whose code cell cannot be read is a row whose values are not used, never a row of another
kind: "XY301 | 02 | 津贴补贴" in an economic table was keyed as
unit 02, which split the table's tree (three BL110 errors, a BL192) and left 301 short (BL321,
BL322). Its values unused, the table's tree and its code-prefix sums are known to be incomplete,
and the checks that need them are not run: the damage raises no alarm of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.checker import load_rules
from budgetlint.engine import check_document
from budgetlint.pipeline import load_document

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-laocheng-zwfw-budget.txt"
LINE = "\n301\t02\t津贴补贴\t"  # line 355, in the 支出经济分类汇总表


def _findings(path: Path) -> set[str]:
    report = check_document(load_document([path]), load_rules())
    return {f.rule_id for f in report.findings}


def test_a_garbled_economic_code_leaves_the_row_unused_and_raises_no_alarm(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(LINE) == 1
    garbled = tmp_path / "garbled.txt"
    garbled.write_text(text.replace(LINE, "\nXY301\t02\t津贴补贴\t"), encoding="utf-8")
    doc = load_document([garbled])
    table = next(t for t in doc.tables if t.kind == "economic_summary")
    assert not [r for r in table.rows if (r.key or "").startswith("unit:02")]
    assert any(w.code == "unkeyed-row" and w.provenance.line == 355 for w in doc.warnings)
    assert _findings(garbled) == _findings(EXAMPLE)


EXAMPLES = EXAMPLE.parent


@pytest.mark.parametrize(
    ("name", "line", "printed", "damaged"),
    [
        # 基本支出表 30102 津贴补贴 | 50101 工资奖金津补贴: the row was keyed by its 政府经济分类 code
        # (g50101), and the 经济分类汇总表, keyed by 部门经济分类 codes only, was taken to print 0
        # for it (BL321 "79.56 大于 0.00"): a table says 0 only for codes of its own classification.
        ("2023-luolong-zfb-budget.txt", 327, "30102\t津贴补贴", "XY30102\t津贴补贴"),
        # 30107 绩效工资, whose next line continues it under 政府经济分类 50501 (tied to it by the
        # same name): the name damaged, that line was keyed g50501 between 部门 codes, and the
        # 301 sum missed it (BL141 "归集之和不同").
        ("2023-luolong-zfb-budget.txt", 328, "\t绩效工资\t", "\t绩#工资\t"),
        # the left-packed 208 05 01 row "5.50 5.50 5.17 0.33" with its last value unreadable: where
        # its values belong cannot be told, and its 商品和服务支出 was summed as 0 (BL110).
        ("2024-laocheng-zwfw-budget.txt", 239, "\t5.17\t0.33\t", "\t5.17\t0.Z3\t"),
    ],
)
def test_one_damaged_cell_raises_no_alarm(tmp_path, name, line, printed, damaged):
    source = EXAMPLES / name
    lines = source.read_text(encoding="utf-8").split("\n")
    assert printed in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(printed, damaged, 1)
    copy = tmp_path / name
    copy.write_text("\n".join(lines), encoding="utf-8")
    assert _findings(copy) == _findings(source)
