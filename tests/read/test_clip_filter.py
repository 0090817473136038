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


def _counted(monkeypatch, name: str) -> list[int]:
    """Calls of ``pdfgrid.<name>`` from now on, one entry each."""
    calls: list[int] = []
    real = getattr(pdfgrid, name)
    monkeypatch.setattr(pdfgrid, name, lambda *args: calls.append(1) or real(*args))
    return calls


def _first_page_chars(path: Path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdfgrid.page_chars(pdf[0])
    finally:
        pdf.close()


def test_text_outside_its_clip_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "clipped.pdf"
    path.write_bytes(clipped_pdf(PRINTED, HIDDEN))
    reads = _counted(monkeypatch, "_clip_rect")
    chars = _first_page_chars(path)
    assert "".join(c.text for c in chars) == PRINTED
    # each text object's clip is read once, not once per character (a sample is read first)
    assert len(reads) < len(chars)


def test_objects_under_one_clip_have_its_points_read_once(tmp_path, monkeypatch):
    """Thirty text objects drawn under one clip and outside it (a Beijing 2026 file draws each
    character so): every object's clip is asked for, but pdfium shares the clip's path data
    among them, and its points are read once. (pdfium drops the clip of an object that lies
    wholly inside it, so the printed text has none.)"""
    hidden = "".join(f"BT /F2 10 Tf {20 + 12 * k} 300 Td (X) Tj ET " for k in range(30))
    path = tmp_path / "one-clip.pdf"
    path.write_bytes(
        _pdf_with_content()(f"q 0 0 400 100 re W n BT /F2 10 Tf 20 50 Td (PRINTED) Tj ET {hidden}Q".encode())
    )
    asked, read = _counted(monkeypatch, "_clip_rect"), _counted(monkeypatch, "_clip_box")
    chars = _first_page_chars(path)
    assert "".join(c.text for c in chars) == "PRINTED"
    assert len(asked) >= 30  # every hidden object's clip was asked for
    assert len(read) <= 2  # the sample's read that saw hidden text, then the page's shared one
