"""The PDF reader keeps only the text a page prints: a producer that lays a long text out once
and shows a window of it per page through a clip path leaves the rest in the page's text layer
(``read/pdfgrid.py`` ``_visible_filter``). A page built here by hand: two text objects under the
same clip rectangle, one inside it and one outside."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pypdfium2 as pdfium

import budgetlint.read.pdfgrid as pdfgrid

PRINTED = "PRINTED WITHIN THE CLIP OF THIS PAGE"
HIDDEN = "HIDDEN"


def _pdf_with_content():
    """The fuzzer's one-page PDF around a content stream (fuzz/pdfpage.py: 842 x 842 pt, /F2 is
    Helvetica), loaded from its file: fuzz/ is not a package."""
    path = Path(__file__).resolve().parents[2] / "fuzz" / "pdfpage.py"
    spec = importlib.util.spec_from_file_location("pdfpage", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pdf_with_content


def clipped_pdf(inside: str, outside: str) -> bytes:
    """A page clipped to its lower 100 pt; ``inside`` at y = 50, ``outside`` at y = 300."""
    return _pdf_with_content()(
        f"q 0 0 400 100 re W n BT /F2 10 Tf 20 50 Td ({inside}) Tj ET Q\n"
        f"q 0 0 400 100 re W n BT /F2 10 Tf 20 300 Td ({outside}) Tj ET Q".encode()
    )


def test_text_outside_its_clip_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "clipped.pdf"
    path.write_bytes(clipped_pdf(PRINTED, HIDDEN))
    reads = []
    clip_rect = pdfgrid._clip_rect
    monkeypatch.setattr(pdfgrid, "_clip_rect", lambda obj: reads.append(1) or clip_rect(obj))
    pdf = pdfium.PdfDocument(str(path))
    try:
        chars = pdfgrid.page_chars(pdf[0])
    finally:
        pdf.close()
    assert "".join(c.text for c in chars) == PRINTED
    # each text object's clip is read once, not once per character (a sample is read first)
    assert len(reads) < len(chars)
