"""Inputs the fuzzers (fuzz/) found that crashed a reader instead of being refused with a
clean InputError; each is rebuilt here in its smallest form."""

from __future__ import annotations

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
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                    '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                    'document.main+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
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
    xml = (f'<?xml version="1.0"?><w:document xmlns:w="{W_MAIN}"><w:body><w:p><w:r><w:t>2024年某某局部门预算'
           '</w:t></w:r></w:p></w:body></w:document>')
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
