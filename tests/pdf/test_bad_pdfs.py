"""PDFs we cannot read give one clear line naming the file, exit code 2, and never stop a batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from budgetlint.errors import InputError
from budgetlint.pipeline import load_document

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "pdf" / "jiangsu_2019_renda_ys_tables.pdf"


@pytest.fixture
def scanned_pdf(tmp_path) -> Path:
    """An image-only PDF: the first fixture page rendered to pixels, no text layer."""
    pdf = pdfium.PdfDocument(str(FIXTURE))
    image = pdf[0].render(scale=1).to_pil().convert("RGB")
    out = tmp_path / "扫描件.pdf"
    image.save(out)
    return out


@pytest.fixture
def encrypted_pdf(tmp_path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(FIXTURE)).pages[:1]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = tmp_path / "加密.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def test_image_only_pdf_needs_ocr(scanned_pdf):
    with pytest.raises(InputError) as err:
        load_document(scanned_pdf)
    assert "OCR" in err.value.reason and err.value.path == str(scanned_pdf)


def test_encrypted_pdf_is_refused_plainly(encrypted_pdf):
    with pytest.raises(InputError) as err:
        load_document(encrypted_pdf)
    assert "加密" in err.value.reason


def test_truncated_pdf_is_refused_plainly(tmp_path):
    broken = tmp_path / "损坏.pdf"
    broken.write_bytes(FIXTURE.read_bytes()[:3000])
    with pytest.raises(InputError):
        load_document(broken)


def test_batch_with_bad_pdfs_keeps_the_good_one(tmp_path, scanned_pdf, encrypted_pdf):
    out = tmp_path / "r.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "budgetlint",
            "check",
            str(scanned_pdf),
            str(encrypted_pdf),
            str(FIXTURE),
            "--format",
            "json",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    docs = {Path(d["path"]).name: d for d in json.loads(out.read_text(encoding="utf-8"))["documents"]}
    assert "OCR" in docs["扫描件.pdf"]["error"]
    assert "加密" in docs["加密.pdf"]["error"]
    assert not docs[FIXTURE.name].get("error")
