"""--annotate: the findings drawn on a copy of the PDF, read back with pypdf.

Golden place, read off the printed page by hand: the 西安 2021 宣传部 fixture's
一般公共预算基本支出表 (PDF page 30) prints 人员经费支出 21,914,447.48 in its 合计 row
(BL141, an info note).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from budgetlint.cli import main

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "tests" / "fixtures" / "pdf" / "xian_2021_xuanchuanbu_ys.pdf"
OTHER = ROOT / "tests" / "fixtures" / "pdf" / "beijing_2026_shenjiju_ys_tables.pdf"


def test_each_boxed_place_is_a_rectangle_on_its_page_and_each_finding_has_a_note(tmp_path):
    out = tmp_path / "批注.pdf"
    result = CliRunner().invoke(main, ["check", str(PDF), "--annotate", str(out), "--format", "json"])
    assert result.exit_code == 1, result.output
    # the runner mixes in stderr's "已写出批注 PDF" line, after the report
    report, _ = json.JSONDecoder().raw_decode(result.output[result.output.index("{") :])
    findings = report["documents"][0]["findings"]
    boxed = [(f, l) for f in findings for l in f["locations"] if l.get("bbox") and l["page"]]
    reader = PdfReader(str(out))
    original = PdfReader(str(PDF))
    assert len(reader.pages) == len(original.pages)
    annots = [(i + 1, a.get_object()) for i, p in enumerate(reader.pages) for a in (p.get("/Annots") or [])]
    squares = [(page, a) for page, a in annots if a["/Subtype"] == "/Square"]
    notes = [(page, a) for page, a in annots if a["/Subtype"] == "/Text"]
    assert len(squares) == len(boxed)
    assert len(notes) == len({id(f) for f, _ in boxed})
    # the 合计 row's 人员经费支出 cell on page 30, in PDF user space (origin bottom left)
    (cell,) = [l for f, l in boxed if f["rule_id"] == "BL141" and "21,914,447.48" in l["excerpt"]]
    height = float(reader.pages[29].mediabox.top)
    x0, top, x1, bottom = cell["bbox"]
    rects = [[float(v) for v in a["/Rect"]] for page, a in squares if page == 30]
    assert any(
        abs(r[0] - x0) < 0.1 and abs(r[1] - (height - bottom)) < 0.1 and abs(r[3] - (height - top)) < 0.1 for r in rects
    )
    assert any("BL141" in str(a["/Contents"]) for page, a in notes if page == 30)


def test_several_pdfs_need_a_folder(tmp_path):
    result = CliRunner().invoke(main, ["check", str(PDF), str(OTHER), "--annotate", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "文件夹" in result.output
    folder = tmp_path / "批注"
    result = CliRunner().invoke(main, ["check", str(PDF), str(OTHER), "--annotate", str(folder), "-q"])
    assert result.exit_code == 1
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{p.stem}.批注.pdf" for p in (PDF, OTHER))
