"""A row whose code cell cannot be read (OCR debris, a damaged byte) is a row whose values are
not used, never a row of another kind: "XY301 | 02 | 津贴补贴" in an economic table was keyed as
unit 02, which split the table's tree (three BL110 errors, a BL192) and left 301 short (BL321,
BL322). Its values unused, the table's tree and its code-prefix sums are known to be incomplete,
and the checks that need them are not run: the damage raises no alarm of its own."""

from __future__ import annotations

from pathlib import Path

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
