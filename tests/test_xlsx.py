"""Excel reader: workbooks built here with openpyxl, read back with budgetlint.read.xlsx.

Golden values are the values written into the workbook by each test, so every
expectation is visible next to the cell it comes from.
"""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

from budgetlint.cli import main
from budgetlint.errors import InputError
from budgetlint.model import RawParagraph, RawTable
from budgetlint.read import read_path
from budgetlint.read.xlsx import a1, number_text


def _expense_sheet(ws) -> None:
    """A 支出表 with a merged title, caption row and a two-level merged header."""
    ws["A1"] = "2024年部门支出预算表"
    ws.merge_cells("A1:F1")
    ws["A2"] = "部门名称：某某局"
    ws["F2"] = "单位：万元"
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "科目编码", "科目名称", "合计", "基本支出"
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:C4")
    ws.merge_cells("D3:E3")
    ws["F3"] = "项目支出"
    ws.merge_cells("F3:F4")
    ws["D4"], ws["E4"] = "人员经费", "公用经费"
    ws.append(["合计", None, 120.5, 100.25, 20.25, 0])
    ws.append([201, "一般公共服务支出", 120.5, 100.25, 20.25, 0])
    ws.append([2010301, "行政运行", 0.1 + 0.2, 0.3, None, 0])
    ws.append(["注：本表不含上年结转。"])


def _three_public_sheet(ws) -> None:
    ws["A1"] = "2024年一般公共预算“三公”经费预算表"
    ws.merge_cells("A1:F1")
    ws["F2"] = "单位：万元"
    ws["A3"], ws["B3"], ws["C3"], ws["F3"] = "合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:E3")
    ws.merge_cells("F3:F4")
    ws["C4"], ws["D4"], ws["E4"] = "小计", "公务用车购置费", "公务用车运行费"
    ws.append([5.6, 0, 3, 0, 3, 2.6])


@pytest.fixture()
def workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    _expense_sheet(wb.active)
    wb.active.title = "支出表"
    _three_public_sheet(wb.create_sheet("三公"))
    path = tmp_path / "预算公开表.xlsx"
    wb.save(path)
    return path


def _tables(raw) -> list[RawTable]:
    return [b for b in raw.blocks if isinstance(b, RawTable)]


def test_a1_notation():
    assert [a1(0, 0), a1(6, 1), a1(0, 25), a1(0, 26), a1(9, 27)] == ["A1", "B7", "Z1", "AA1", "AB10"]


def test_number_text_drops_float_noise_and_keeps_codes_integral():
    assert number_text(0.1 + 0.2) == ("0.3", 1)
    assert number_text(2010301.0) == ("2010301", 0)
    assert number_text(1234.57) == ("1234.57", 2)
    assert number_text(-0.05) == ("-0.05", 2)


def test_sheet_becomes_table_with_title_caption_and_cells(workbook: Path):
    raw = read_path(workbook)
    assert raw.format == "xlsx"
    expense, three = _tables(raw)
    assert expense.title == "2024年部门支出预算表"
    assert expense.caption == ["部门名称：某某局", "单位：万元"]
    assert expense.notes == ["注：本表不含上年结转。"]
    assert expense.provenance.sheet == "支出表" and expense.provenance.cell == "A1"
    header_top, header_sub, total, cls, item = expense.rows
    # merged header: D3:E3 anchors at D3; E3 is covered, not empty
    assert [c.text for c in header_top] == ["科目编码", "科目名称", "合计", "基本支出", "", "项目支出"]
    assert [c.covered for c in header_top] == [False, False, False, False, True, False]
    assert [c.covered for c in header_sub] == [True, True, True, False, False, True]
    # numbers: codes stay integers; money columns printed with the table's precision (2 here)
    assert [c.text for c in cls] == ["201", "一般公共服务支出", "120.50", "100.25", "20.25", "0.00"]
    # an empty cell is empty, not covered
    assert item[4].text == "" and item[4].covered is False
    assert item[2].text == "0.30"  # 0.1 + 0.2 written as a float: no float noise
    assert item[0].provenance.cell == "A7" and item[0].provenance.sheet == "支出表"
    assert total[2].provenance.cell == "C5" and total[2].provenance.raw == "120.50"
    assert three.title == "2024年一般公共预算“三公”经费预算表"
    assert three.caption == ["单位：万元"]
    assert [c.text for c in three.rows[-1]] == ["5.60", "0.00", "3.00", "0.00", "3.00", "2.60"]
    assert three.rows[-1][5].provenance.cell == "F5"


def test_recognised_as_expense_and_three_public(workbook: Path):
    from budgetlint.pipeline import load_document

    doc = load_document(workbook)
    kinds = [t.kind for t in doc.tables]
    assert kinds == ["expense", "three_public"]
    expense = doc.tables[0]
    row = expense.row("201")
    assert row is not None
    cell = row.cell("basic.personnel")
    assert cell.value == Decimal("100.25")
    assert cell.provenance.sheet == "支出表" and cell.provenance.cell == "D6"
    three = doc.tables[1].row("total")
    assert three.cell("vehicle.operation").value == Decimal("3.00")
    assert three.cell("reception").provenance.cell == "F5"


def test_check_prints_sheet_and_cell(tmp_path: Path):
    """A 三公 table whose 合计 is not 出国 + 公务用车 + 接待: the finding points at sheet!cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "三公"
    _three_public_sheet(ws)
    ws["A5"] = 9.6  # 0 + 3 + 2.6 = 5.6, not 9.6
    path = tmp_path / "三公.xlsx"
    wb.save(path)
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    findings = [f for d in report["documents"] for f in d["findings"]]
    locations = [loc for f in findings for loc in f["locations"]]
    assert any(loc["sheet"] == "三公" and loc["cell"] == "A5" for loc in locations), findings
    text = CliRunner().invoke(main, ["check", str(path), "--fail-on", "never"]).output
    assert "三公!A5" in text


def test_formula_without_cached_value_warns(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收入表"
    ws["A1"] = "2024年部门收入预算表"
    ws.append(["项目", "金额"])
    ws.append(["一般公共预算", 10.5])
    ws.append(["合计", "=B3"])  # openpyxl writes the formula without a cached result
    path = tmp_path / "收入.xlsx"
    wb.save(path)
    raw = read_path(path)
    warnings = [w for w in raw.warnings if w.code == "formula-without-value"]
    assert len(warnings) == 1
    assert warnings[0].provenance.sheet == "收入表" and warnings[0].provenance.cell == "B4"
    table = _tables(raw)[0]
    cell = table.rows[-1][1]
    assert cell.unknown and cell.text == "" and cell.provenance.raw == "=B3"  # unknown: never 0, never invented


def test_a_total_saved_as_a_formula_without_its_result_is_not_checked_as_zero(tmp_path: Path):
    # examples/2024-laocheng-zwfw-budget.txt's 三公经费预算表 (合计 11.50 = 公务用车运行费 11.50) saved
    # by a program that writes the 合计 and 小计 as formulas and computes nothing (openpyxl does
    # so): read as blank, the 合计 was 0.00 against its items' 11.50 (BL150, a false error)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "三公"
    ws.append(["2024 年一般公共预算“三公”经费预算表"])
    ws.append(["单位：万元"])
    ws.append(["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"])
    ws.append([None, None, "小计", "公务用车购置费", "公务用车运行费", None])
    ws.append(["=B5+C5+F5", None, "=D5+E5", None, 11.5, None])
    path = tmp_path / "三公.xlsx"
    wb.save(path)
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--fail-on", "never"])
    (doc,) = json.loads(result.output)["documents"]
    assert [f["rule_id"] for f in doc["findings"] if f["rule_id"] in ("BL150", "BL151")] == []
    assert {w["code"] for w in doc["parse_warnings"]} >= {"formula-without-value"}


def test_narrative_sheet_becomes_paragraphs(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    ws["A1"] = "一、部门预算收支情况说明"
    ws["A2"] = "2024年收入预算合计120.50万元，其中一般公共预算120.50万元，与上年相比增加10.00万元。"
    path = tmp_path / "说明.xlsx"
    wb.save(path)
    raw = read_path(path)
    paras = [b for b in raw.blocks if isinstance(b, RawParagraph)]
    assert [p.text for p in paras] == [ws["A1"].value, ws["A2"].value]
    assert paras[1].provenance.sheet == "说明" and paras[1].provenance.cell == "A2"
    assert not _tables(raw)


def test_two_tables_stacked_on_one_sheet(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年部门收支预算表"])
    ws.append(["收入", "金额", "支出", "金额"])
    ws.append(["一般公共预算", 1.5, "一般公共服务支出", 1.5])
    ws.append([])
    ws.append(["2024年一般公共预算“三公”经费预算表"])
    ws.append(["合计", "因公出国（境）费", "公务接待费"])
    ws.append([1, 0, 1])
    path = tmp_path / "stack.xlsx"
    wb.save(path)
    tables = _tables(read_path(path))
    assert [t.title for t in tables] == ["2024年部门收支预算表", "2024年一般公共预算“三公”经费预算表"]
    assert tables[1].provenance.cell == "A5"
    assert len(tables[0].rows) == 2 and len(tables[1].rows) == 2


def test_row_number_column_right_of_amounts_is_not_padded(tmp_path: Path):
    """决算 two-sided layout: 项目 | 行次 | 金额 | 项目 | 行次 | 金额 — 行次 stays an integer."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["收入支出决算总表"])
    ws.append(["项目", "行次", "金额", "项目", "行次", "金额"])
    ws.append(["一般公共预算财政拨款收入", 1, 10.5, "一般公共服务支出", 32, 10.5])
    path = tmp_path / "final.xlsx"
    wb.save(path)
    (table,) = _tables(read_path(path))
    assert [c.text for c in table.rows[1]] == [
        "一般公共预算财政拨款收入",
        "1",
        "10.50",
        "一般公共服务支出",
        "32",
        "10.50",
    ]


def test_title_beside_table_number_cell(tmp_path: Path):
    """Jiangsu-style sheet: 公开01表 in A1, the title in B1, the unit in D2."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "公开01表", "收支预算总表"
    ws["D2"] = "单位：万元"
    ws.append(["收入", "金额", "支出", "金额"])
    ws.append(["一般公共预算", 1.5, "一般公共服务支出", 1.5])
    path = tmp_path / "js.xlsx"
    wb.save(path)
    (table,) = _tables(read_path(path))
    assert table.title == "收支预算总表"
    assert table.caption == ["公开01表", "单位：万元"]
    assert table.provenance.cell == "B1"
    assert [c.text for c in table.rows[0]] == ["收入", "金额", "支出", "金额"]


@pytest.mark.parametrize("content", [b"not a workbook at all", b"PK\x03\x04broken zip"])
def test_corrupt_workbook_is_input_error(tmp_path: Path, content: bytes):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert "Excel" in info.value.reason
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_workbook_missing_a_sheet_part_is_input_error(tmp_path: Path, workbook: Path):
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(workbook) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, src.read(item.filename))
    with pytest.raises(InputError):
        read_path(broken)


def test_a_spreadsheet_place_is_named_by_sheet_and_cell():
    # warnings about a cell of a workbook said "的单元格…" with no place (a review, 2026-12-01)
    from budgetlint.model import Provenance

    assert Provenance(path="x.xlsx", sheet="收入表", cell="B4").place() == "工作表“收入表”B4"
    assert Provenance(path="x.txt", line=12).place() == "第 12 行"


def test_a_row_of_a_sheet_is_placed_on_its_sheet(tmp_path: Path):
    # a warning about a row of a workbook listed its places as "（、、、、、等）" (a review, 2026-12-01)
    from budgetlint.pipeline import load_document

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "支出表"
    _expense_sheet(ws)
    path = tmp_path / "支出.xlsx"
    wb.save(path)
    (table,) = [t for t in load_document(path).tables if t.kind == "expense"]
    row = table.row("2010301")
    assert row is not None and row.provenance.place() == "工作表“支出表”"
    assert row.cell("total").provenance.place() == "工作表“支出表”C7"
