"""The PDF reader keeps only the text a page prints: a producer that lays a long text out once
and shows a window of it per page through a clip path leaves the rest in the page's text layer
(``read/pdfgrid.py`` ``_visible_filter``). A page built here by hand: two text objects under the
same clip rectangle, one inside it and one outside."""

from __future__ import annotations

import pypdfium2 as pdfium

import budgetlint.read.pdfgrid as pdfgrid

PRINTED = "PRINTED WITHIN THE CLIP OF THIS PAGE"
HIDDEN = "HIDDEN"


def clipped_pdf(inside: str, outside: str) -> bytes:
    """One 400 x 400 pt page clipped to its lower 100 pt; ``inside`` at y = 50, ``outside`` at y = 300."""
    content = (
        f"q 0 0 400 100 re W n BT /F1 10 Tf 20 50 Td ({inside}) Tj ET Q\n"
        f"q 0 0 400 100 re W n BT /F1 10 Tf 20 300 Td ({outside}) Tj ET Q\n"
    ).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


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
