"""Limits (budgetlint/limits.py): past each one a document is refused with exit code 2 and a
message naming the file, the limit and the option that raises it; in a batch the others
are still checked. Every input here is made in the test, a little over the limit set."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from budgetlint.errors import InputError
from budgetlint.limits import Limits, LimitError
from budgetlint.pipeline import read_files

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "2024-laocheng-zwfw-budget.txt"
PDF = ROOT / "tests" / "fixtures" / "pdf" / "foshan_2019_guidaojiaotongju_js.pdf"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budgetlint", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=300,
        env=_env(),
    )


def _env() -> dict:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT)}


def refused(path: Path, **limits) -> LimitError:
    with pytest.raises(LimitError) as info:
        read_files([path], Limits(**limits))
    assert info.value.path == str(path) and info.value.code == "limit"
    return info.value


def blank_pdf(path: Path, pages: int) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


# ------------------------------------------------------------------ pages


def test_a_pdf_over_the_page_limit_is_refused_before_any_page_is_read(tmp_path):
    pdf = blank_pdf(tmp_path / "多页.pdf", 6)
    err = refused(pdf, max_pages=5)
    assert "6 页" in err.reason and "5 页" in err.reason and "--max-pages" in err.reason
    # at the limit it is read (and refused for what it is: blank pages have no text layer)
    with pytest.raises(InputError) as info:
        read_files([pdf], Limits(max_pages=6))
    assert info.value.code == "image-only"


# ------------------------------------------------------------------ cells


def test_a_text_export_over_the_cell_limit_is_refused_before_its_cells_are_built():
    tabs = EXAMPLE.read_text(encoding="utf-8").count("\t")
    err = refused(EXAMPLE, max_cells=tabs - 1)
    assert "--max-cells" in err.reason and str(tabs - 1) in err.reason
    read_files([EXAMPLE], Limits(max_cells=tabs + 1000))  # a little more: read


def test_a_pdf_over_the_cell_limit_is_refused_while_its_pages_are_read():
    assert "--max-cells" in refused(PDF, max_cells=50).reason


def _workbook(path: Path, rows: int, cols: int) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年部门支出预算表"])
    for r in range(rows):
        ws.append([f"项目{r}"] + [round(r + c / 100, 2) for c in range(1, cols)])
    wb.save(path)
    return path


def test_a_workbook_over_the_cell_limit_is_refused_before_its_rows_are_built(tmp_path):
    book = _workbook(tmp_path / "大表.xlsx", rows=30, cols=10)  # 31 × 10 cells
    assert "--max-cells" in refused(book, max_cells=300).reason
    read_files([book], Limits(max_cells=310))


def test_a_merged_range_reaching_the_sheets_end_costs_nothing(tmp_path):
    path = _workbook(tmp_path / "合并.xlsx", rows=5, cols=4)
    # A1:XFD1048576 is 17 billion positions: clipped to the values read. Written into the
    # sheet's XML directly (openpyxl would build every merged position itself).
    parts = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    start = time.monotonic()
    read_files([path])
    assert time.monotonic() - start < 20


def test_a_word_file_over_the_cell_limit_is_refused(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("2024年部门收支预算总表")
    d.add_table(rows=20, cols=5)
    path = tmp_path / "表.docx"
    d.save(path)
    assert "--max-cells" in refused(path, max_cells=99).reason
    read_files([path], Limits(max_cells=100))


# ------------------------------------------------------------------ line length


def test_a_text_line_over_the_limit_is_refused_naming_its_line(tmp_path):
    path = tmp_path / "长行.txt"
    path.write_text("2024年某某局部门预算\n一、部门职责\n" + "本部门负责全市政务服务。" * 100 + "\n", encoding="utf-8")
    err = refused(path, max_line_chars=1000)
    assert "第 3 行" in err.reason and "1200 个字符" in err.reason and "--max-line-chars" in err.reason
    read_files([path], Limits(max_line_chars=1200))


@pytest.mark.parametrize("piece", ["\\(", "<sup>", "<a ", "**x", "$1", "1.2,", "一、", "（一）", "项目  1,234.56  "])
def test_a_line_at_the_default_limit_is_read_in_bounded_time(tmp_path, piece):
    """Markup the reader cleans away, repeated over one line as long as the default allows:
    the cleaning regexes must stay linear (no pattern rescans the line from every start)."""
    line = (piece * (Limits().max_line_chars // len(piece)))[: Limits().max_line_chars]
    path = tmp_path / "x.txt"
    path.write_text("2024年某某局部门预算\n" + line + "\n结束\n", encoding="utf-8")
    start = time.monotonic()
    try:
        read_files([path])
    except InputError:
        pass
    assert time.monotonic() - start < 20


# ------------------------------------------------------------------ zip members


def _docx_with(path: Path, name: str, data: bytes) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("2024年某某局部门预算")
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr(name, data)
    return path


def test_a_zip_bomb_member_is_refused_by_its_ratio_before_it_is_unpacked(tmp_path):
    bomb = _docx_with(tmp_path / "炸弹.docx", "word/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    with zipfile.ZipFile(bomb) as zf:
        info = zf.getinfo("word/media/padding.bin")
        assert info.file_size / info.compress_size > 200  # what makes it a bomb
    err = refused(bomb)
    assert "压缩比" in err.reason and "--max-unzip-ratio" in err.reason and "padding.bin" in err.reason
    read_files([bomb], Limits(max_unzip_ratio=2000))


def test_a_package_over_the_unpacked_size_limit_is_refused(tmp_path):
    import os

    big = _docx_with(tmp_path / "大.docx", "word/media/photo.bin", os.urandom(3 * 1024 * 1024))
    err = refused(big, max_unzipped_mb=2)
    assert "2 MB" in err.reason and "--max-unzipped-mb" in err.reason
    read_files([big], Limits(max_unzipped_mb=4))


def test_a_workbook_over_the_unpacked_size_limit_is_refused(tmp_path):
    book = _workbook(tmp_path / "表.xlsx", rows=200, cols=10)
    assert "--max-unzipped-mb" in refused(book, max_unzipped_mb=0.01).reason


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite ``member``'s uncompressed size in both zip headers (a bomb hiding its size)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, declared)  # local file header
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + n]) == name:
            struct.pack_into("<I", data, at + 24, declared)
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_a_member_that_hides_its_size_is_refused_before_the_reader_unpacks_it(tmp_path):
    path = _workbook(tmp_path / "伪装.xlsx", rows=50, cols=8)
    _lie_about_size(path, "xl/worksheets/sheet1.xml", 100)
    with pytest.raises(InputError) as info:
        read_files([path])
    assert "sheet1.xml" in info.value.reason and info.value.code == "damaged"


# ------------------------------------------------------------------ command line, batch, configuration


def test_the_command_line_names_file_limit_and_option_and_the_batch_goes_on(tmp_path):
    many = blank_pdf(tmp_path / "多页.pdf", 4)
    proc = run("check", "--max-pages", "3", "--format", "json", "--jobs", "2", str(many), str(EXAMPLE))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    docs = {Path(d["path"]).name: d for d in json.loads(proc.stdout)["documents"]}
    assert "4 页" in docs["多页.pdf"]["error"] and "--max-pages" in docs["多页.pdf"]["error"]
    assert "error" not in docs[EXAMPLE.name] and docs[EXAMPLE.name]["findings"]


def test_parse_refuses_with_one_line_and_exit_2(tmp_path):
    proc = run("parse", "--max-cells", "10", str(EXAMPLE))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert EXAMPLE.name in line and "10 个" in line and "--max-cells" in line


def test_limits_are_read_from_the_configuration_and_the_option_wins(tmp_path):
    (tmp_path / "budgetlint.toml").write_text("max-cells = 10\n", encoding="utf-8")
    doc = tmp_path / "预算.txt"
    doc.write_bytes(EXAMPLE.read_bytes())
    proc = run("check", str(doc), cwd=tmp_path)
    assert proc.returncode == 2 and "--max-cells" in proc.stdout + proc.stderr
    proc = run("check", "--max-cells", "100000", str(doc), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # read and checked: the example has an error finding


@pytest.mark.parametrize("value", ["0", "-3", "'many'", "1.5"])
def test_a_bad_limit_in_the_configuration_is_a_usage_error(tmp_path, value):
    from budgetlint.config import parse_config
    from budgetlint.errors import UsageError

    import tomllib

    with pytest.raises(UsageError, match="max-pages"):
        parse_config(tomllib.loads(f"max-pages = {value}"), tmp_path / "budgetlint.toml")


def test_a_fractional_size_limit_in_the_configuration_is_taken(tmp_path):
    from budgetlint.config import parse_config

    assert parse_config({"max-input-mb": 0.5}, tmp_path / "budgetlint.toml").limits == {"max_input_mb": 0.5}
