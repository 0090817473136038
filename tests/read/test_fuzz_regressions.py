"""Inputs the fuzzers (fuzz/) found that crashed a reader instead of being refused with a
clean InputError; each is rebuilt here in its smallest form."""

from __future__ import annotations

import ctypes
import io
import struct
import zipfile
from pathlib import Path

import pytest

from budgetlint.errors import InputError
from budgetlint.pipeline import load_document

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document_xml: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def refused(tmp_path: Path, name: str, data: bytes) -> InputError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_document([path])
    assert info.value.path == str(path)
    return info.value


def test_a_docx_whose_main_part_is_no_word_document_is_refused(tmp_path):
    # fuzz docx: the w: prefix bound to another namespace -> python-docx returns a plain
    # element without .body (AttributeError, exit 3)
    xml = '<?xml version="1.0"?><w:document xmlns:w="urn:not-word"><w:body><w:p/></w:body></w:document>'
    assert "Word" in refused(tmp_path, "x.docx", _docx(xml)).reason


def test_a_docx_with_a_real_body_still_reads(tmp_path):
    xml = (
        f'<?xml version="1.0"?><w:document xmlns:w="{W_MAIN}"><w:body><w:p><w:r><w:t>2024年某某局部门预算'
        "</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "ok.docx"
    path.write_bytes(_docx(xml))
    doc = load_document([path])
    assert "2024年某某局部门预算" in doc.paragraphs[0].text


def _needs_version(data: bytes, version: int) -> bytes:
    """Set "version needed to extract" of every central directory entry (zipfile refuses > 6.3)."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<H", out, at + 6, version)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_package_needing_an_unknown_zip_version_is_refused(tmp_path, suffix):
    # fuzz xlsx: "zip file version 22.7" -> NotImplementedError from zipfile (exit 3)
    data = _needs_version(_docx(f'<w:document xmlns:w="{W_MAIN}"><w:body/></w:document>'), 227)
    refused(tmp_path, "x" + suffix, data)


@pytest.mark.parametrize(
    "ref", [b'r="A1333333333333333"', b'r="CWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW4"', b"r = 'a1333333333333333'"]
)
def test_a_sheet_cell_at_an_absurd_place_is_refused_before_calamine_allocates_the_range(tmp_path, ref):
    # fuzz xlsx: <c r="A1333333333333333"> (then a column of 90 letters) made calamine allocate
    # 471 GB (500 GB) for the sheet's dense range and abort the whole process (Rust OOM, no
    # message). Run in a child process:
    # without the check the abort would take the test run with it.
    import subprocess
    import sys

    import openpyxl

    path = tmp_path / "远.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["2024年部门收支预算总表"])
    wb.active.append(["一般公共预算拨款收入", 1234.56])
    wb.save(path)
    parts = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b'r="A1"', ref)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-m", "budgetlint", "parse", str(path)], capture_output=True, text=True, cwd=root, timeout=300
    )
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    assert "--max-cells" in proc.stderr and "远.xlsx" in proc.stderr


# The text fuzzer, once its harness also ran the rules (2026-12-01): a table cell holding a
# 100-digit run made the placement search's exactness test (amount × 10⁶ mod 1) exceed
# Decimal's 28 digits (InvalidOperation); and the same document, whose kind (预算/决算) is not
# stated, made BL541's ``each: headings()`` raise Missing outside the rule's guard.
LONG_DIGITS = Path(__file__).parent.parent / "fixtures" / "fuzz" / "text-long-digit-run.txt"


def test_a_digit_run_longer_than_any_amount_is_text_not_an_amount():
    from budgetlint.numbers import MAX_AMOUNT_DIGITS, parse_number

    longest = "9" * MAX_AMOUNT_DIGITS
    assert parse_number(longest) is not None and parse_number(longest).value == int(longest)
    assert parse_number("1" + longest) is None
    assert parse_number("1" * 100 + "3. 92") is None
    # Leading zeros are not significant digits; decimals are.
    assert parse_number("000" + longest) is not None
    assert parse_number(longest + ".5") is None


def test_the_fuzzed_table_with_a_long_digit_run_is_checked_without_a_crash():
    from budgetlint.checker import check_document, load_rules

    doc = load_document([LONG_DIGITS])
    raw_cells = [c for t in doc.tables for row in t.rows for c in row.cells if "2222222222" in (c.raw or "")]
    assert raw_cells and all(c.value is None for c in raw_cells)
    assert doc.kind is None
    report = check_document(doc, load_rules())
    headings = [n for n in report.not_evaluated if n.rule_id == "BL541"]
    assert [(n.status, n.cause) for n in headings] == [("insufficient_data", "facts_missing")]
    assert "预算/决算" in headings[0].reason


# The PDF fuzzer, once its harness also ran the rules (2026-12-01). Both files are the fuzzer's
# inputs as written (fuzz/pdfpage.py turns the input into a one-page PDF).
FUZZ_PDF = Path(__file__).parent.parent / "fixtures" / "fuzz"


def _page(name: str):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(FUZZ_PDF / name)[0]


def test_a_character_whose_box_is_not_a_number_is_not_placed(tmp_path):
    # pdfium gives the one character of this content stream (a broken text matrix) the box
    # (nan, nan, nan, nan); placing it raised ValueError (int(nan)) and stopped the check.
    import pypdfium2.raw as pdfium_c

    from budgetlint.read.pdfgrid import page_chars

    page = _page("pdf-nan-char-box.pdf")
    rect = pdfium_c.FS_RECTF()
    textpage = page.get_textpage()
    assert pdfium_c.FPDFText_CountChars(textpage.raw) == 1
    pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, 0, ctypes.byref(rect))
    assert rect.left != rect.left  # NaN: the input is still the one that crashed
    assert page_chars(page, textpage) == []
    # With no printed character left the file has no text layer: refused cleanly (exit 2).
    assert "文字层" in refused(tmp_path, "x.pdf", (FUZZ_PDF / "pdf-nan-char-box.pdf").read_bytes()).reason


def test_a_lone_utf16_half_becomes_the_replacement_character():
    # The page's text holds a low surrogate with no high one before it; as chr() it reached the
    # finding's fingerprint (sha256 of UTF-8) and the report, and neither can encode it.
    from budgetlint.checker import check_document, load_rules
    from budgetlint.read.pdfgrid import page_chars

    text = "".join(ch.text for ch in page_chars(_page("pdf-lone-surrogate.pdf")))
    assert "杭州市气象局" in text and "\ufffd" in text
    assert not any(0xD800 <= ord(ch) < 0xE000 for ch in text)
    doc = load_document([FUZZ_PDF / "pdf-lone-surrogate.pdf"])
    report = check_document(doc, load_rules())
    assert report.findings  # BL541 quotes the heading with the replaced character
    for finding in report.findings:
        finding.message.encode("utf-8")
