"""Word reader: documents built here with python-docx (plus raw XML for tracked
changes and content controls), read back with budgetlint.read.docx."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

docx = pytest.importorskip("docx")

from docx.oxml import parse_xml

from budgetlint.cli import main
from budgetlint.errors import InputError
from budgetlint.model import RawParagraph, RawTable
from budgetlint.read import read_path

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(text: str) -> str:
    return f'<w:r {W_NS}><w:t xml:space="preserve">{text}</w:t></w:r>'


def _paragraphs(raw) -> list[RawParagraph]:
    return [b for b in raw.blocks if isinstance(b, RawParagraph)]


def _tables(raw) -> list[RawTable]:
    return [b for b in raw.blocks if isinstance(b, RawTable)]


@pytest.fixture()
def tracked_docx(tmp_path: Path) -> Path:
    """Paragraph 2 has a tracked insertion, a tracked deletion and an inline content control;
    paragraph 3 sits in a block-level content control."""
    d = docx.Document()
    d.add_paragraph("2024年某某局部门预算")
    p = d.add_paragraph()
    p._p.append(parse_xml(_run("本年支出预算")))
    p._p.append(
        parse_xml(f'<w:ins {W_NS} w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">{_run("120.50")}</w:ins>')
    )
    p._p.append(
        parse_xml(
            f'<w:del {W_NS} w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">'
            f"<w:r><w:delText>118.00</w:delText></w:r></w:del>"
        )
    )
    p._p.append(parse_xml(f"<w:sdt {W_NS}><w:sdtPr/><w:sdtContent>{_run('万元')}</w:sdtContent></w:sdt>"))
    p._p.append(parse_xml(_run("，比上年增加2.50万元。")))
    sdt = parse_xml(
        f"<w:sdt {W_NS}><w:sdtPr/><w:sdtContent><w:p>{_run('其中基本支出100.25万元。')}</w:p></w:sdtContent></w:sdt>"
    )
    d.element.body.insert(len(d.element.body) - 1, sdt)  # before the final sectPr
    path = tmp_path / "说明.docx"
    d.save(path)
    return path


def test_python_docx_itself_misses_the_tracked_and_controlled_text(tracked_docx: Path):
    """Why the reader walks w:t itself: paragraph.text loses the inserted figure."""
    d = docx.Document(str(tracked_docx))
    assert "120.50" not in d.paragraphs[1].text


def test_tracked_insertions_and_content_controls_are_read_deletions_skipped(tracked_docx: Path):
    raw = read_path(tracked_docx)
    assert raw.format == "docx"
    texts = [p.text for p in _paragraphs(raw)]
    assert texts == [
        "2024年某某局部门预算",
        "本年支出预算120.50万元，比上年增加2.50万元。",
        "其中基本支出100.25万元。",
    ]
    assert [p.provenance.line for p in _paragraphs(raw)] == [1, 2, 3]
    assert any(w.code == "tracked-changes" for w in raw.warnings)


def _expense_docx(tmp_path: Path) -> Path:
    """Title, caption, a table with a horizontal merge (gridSpan) and a vertical merge (vMerge), a note."""
    d = docx.Document()
    d.add_paragraph("一、收支预算总体情况")
    d.add_paragraph("2024年部门支出预算表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=4, cols=4)
    t.cell(0, 0).text = "科目编码"
    t.cell(0, 1).text = "科目名称"
    t.cell(0, 2).text = "合计"
    t.cell(0, 3).text = "基本支出"
    t.cell(1, 3).text = "人员经费"
    t.cell(0, 0).merge(t.cell(1, 0))  # vertical: 科目编码 spans two header rows
    t.cell(0, 1).merge(t.cell(1, 1))
    t.cell(0, 2).merge(t.cell(1, 2))
    t.cell(2, 0).text, t.cell(2, 1).text, t.cell(2, 2).text, t.cell(2, 3).text = (
        "201",
        "一般公共服务支出",
        "12.30",
        "10.00",
    )
    t.cell(3, 0).text = "合计"
    t.cell(3, 0).merge(t.cell(3, 1))  # horizontal: 合计 spans two columns
    t.cell(3, 2).text, t.cell(3, 3).text = "12.30", "10.00"
    d.add_paragraph("注：本表金额保留两位小数。")
    d.add_paragraph("二、其他说明")
    path = tmp_path / "表.docx"
    d.save(path)
    return path


def test_table_merges_become_covered_cells(tmp_path: Path):
    raw = read_path(_expense_docx(tmp_path))
    (table,) = _tables(raw)
    assert table.title == "2024年部门支出预算表"
    assert table.caption == ["单位：万元"]
    assert table.notes == ["注：本表金额保留两位小数。"]
    assert [c.text for c in table.rows[0]] == ["科目编码", "科目名称", "合计", "基本支出"]
    # vMerge continuation: covered, not empty text that happens to be blank
    assert [(c.text, c.covered) for c in table.rows[1]] == [("", True), ("", True), ("", True), ("人员经费", False)]
    assert [c.text for c in table.rows[2]] == ["201", "一般公共服务支出", "12.30", "10.00"]
    # gridSpan=2: one cell, then a covered position, the row keeps four positions
    assert [(c.text, c.covered) for c in table.rows[3]] == [
        ("合计", False),
        ("", True),
        ("12.30", False),
        ("10.00", False),
    ]
    cell = table.rows[2][2]
    assert (cell.provenance.table, cell.provenance.row, cell.provenance.column) == ("docx-t1", "3", "3")
    assert table.provenance.line == 2  # the title paragraph
    paras = [p.text for p in _paragraphs(raw)]
    assert paras == ["一、收支预算总体情况", "二、其他说明"]
    assert _paragraphs(raw)[1].provenance.line == 5  # title 2, caption 3, note 4 (table rows not counted)


def test_docx_table_is_recognised(tmp_path: Path):
    from budgetlint.pipeline import load_document

    doc = load_document(_expense_docx(tmp_path))
    (table,) = doc.tables
    assert table.kind == "expense"
    assert str(table.row("201").cell("total").value) == "12.30"
    cell = table.row("total").cell("basic.personnel")
    assert str(cell.value) == "10.00" and cell.provenance.table == "t1"


def test_empty_table_cells_stay_empty_not_covered(tmp_path: Path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "项目", "金额", "备注"
    t.cell(1, 0).text = "合计"
    path = tmp_path / "t.docx"
    d.save(path)
    (table,) = _tables(read_path(path))
    assert [(c.text, c.covered) for c in table.rows[1]] == [("合计", False), ("", False), ("", False)]


def test_deleted_table_row_is_skipped(tmp_path: Path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("项目", "金额"), ("旧行", "1.00"), ("合计", "2.00")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    tr = t.rows[1]._tr
    trpr = tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:del {W_NS} w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z"/>'))
    path = tmp_path / "del.docx"
    d.save(path)
    (table,) = _tables(read_path(path))
    assert [[c.text for c in r] for r in table.rows] == [["项目", "金额"], ["合计", "2.00"]]


@pytest.mark.parametrize("content", [b"definitely not a docx", b"PK\x03\x04 truncated zip"])
def test_corrupt_docx_is_input_error(tmp_path: Path, content: bytes):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert "Word" in info.value.reason
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_zip_that_is_not_a_word_package_is_input_error(tmp_path: Path):
    import zipfile

    path = tmp_path / "zip.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError):
        read_path(path)


def test_legacy_doc_renamed_to_docx_gets_convert_advice(tmp_path: Path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert ".docx" in info.value.reason and "另存为" in info.value.reason


def test_caption_labels_are_those_of_every_reader(tmp_path: Path):
    """编报单位 and 表 N label a table in Word as in PDF and Excel (read/heuristics.py): the
    title above them is still found, and the labels go to the caption."""
    d = docx.Document()
    d.add_paragraph("部门支出预算表")
    d.add_paragraph("表 3")
    d.add_paragraph("编报单位：某某局")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "项目", "金额"
    t.cell(1, 0).text, t.cell(1, 1).text = "合计", "1.00"
    path = tmp_path / "t.docx"
    d.save(path)
    raw = read_path(path)
    (table,) = _tables(raw)
    assert table.title == "部门支出预算表"
    assert table.caption == ["表 3", "编报单位：某某局"]
    assert not _paragraphs(raw)


def test_a_title_printed_in_the_tables_first_row_is_its_title(tmp_path: Path):
    # A Word table whose first row, merged across it, holds the table's name and the next its
    # unit, under a heading for all the tables (a review's layout, 2026-12-01: every table took
    # the heading "附件：2025年部门预算表" for its title, and the 一般公共预算支出表 was read as a 支出表)
    d = docx.Document()
    d.add_paragraph("附件：2025年洛龙区政务服务中心部门预算表")
    table = d.add_table(rows=4, cols=3)
    for r, row in enumerate([["2025 年一般公共预算支出预算表"], ["单位：万元"], ["科目编码", "科目名称", "合计"]]):
        for cell, text in zip(table.rows[r].cells, row):
            cell.text = text
    for cell, text in zip(table.rows[3].cells, ["201", "一般公共服务支出", "670.06"]):
        cell.text = text
    table.rows[0].cells[0].merge(table.rows[0].cells[2])
    table.rows[1].cells[0].merge(table.rows[1].cells[2])
    path = tmp_path / "表.docx"
    d.save(str(path))
    (raw_table,) = _tables(read_path(path))
    assert raw_table.title == "2025 年一般公共预算支出预算表"
    assert "单位：万元" in raw_table.caption
    assert [c.text for c in raw_table.rows[0]] == ["科目编码", "科目名称", "合计"]
