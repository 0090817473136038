"""One-page PDFs from fuzz bytes: half of the inputs are a whole file (damaged PDFs, mostly
PDFium's business), the other half a page's content stream (text and ruling lines) in a
fixed valid file, so mutations move characters and rules and reach budgetlint's own grid
and table code. Text uses the non-embedded Adobe-GB1 font STSong-Light (UniGB-UCS2-H,
which PDFium maps to Unicode) and Helvetica for ASCII."""

from __future__ import annotations


def pdf_with_content(content: bytes) -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 842] /Resources << /Font << /F1 5 0 R /F2 7 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (GB1) /Supplement 4 >> /DW 1000 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def content_of_page(path, index: int) -> bytes:
    """A content stream redrawing page ``index`` of a real PDF: each character where it was
    printed, each ruling line budgetlint found (seeds for the content-stream half)."""
    import pypdfium2 as pdfium

    from budgetlint.read.pdfgrid import read_layout

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[index]
        lay = read_layout(page, index + 1)
        page.close()
    finally:
        pdf.close()
    from budgetlint.read.pdfgrid import group_lines

    h = lay.height
    ops = [b"0.5 w"]
    for r in lay.rules:
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (r.x0, h - r.y0, r.x1, h - r.y1))
    ops.append(b"BT")
    # One string per run of same-font characters of a line, at the run's first character
    # (PDFium drops a lone two-byte character drawn by itself; a trailing space keeps it).
    for line in group_lines([c for c in lay.chars if c.text and not c.text.isspace()]):
        run: list = []
        for ch in [*line.chars, None]:
            if run and (ch is None or ch.text.isascii() != run[0].text.isascii() or ch.x0 - run[-1].x1 > 3):
                ops.append(_show(run, h))
                run = []
            if ch is not None:
                run.append(ch)
    ops.append(b"ET")
    return b"\n".join(ops)


def _show(run: list, h: float) -> bytes:
    first = run[0]
    size = max(first.size or (first.bottom - first.top), 4.0)
    text = "".join(c.text for c in run)
    if text.isascii():
        shown = b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode() + b")"
        font = b"/F2"
    else:
        shown = b"<" + (text + " ").encode("utf-16-be", errors="replace").hex().encode() + b">"
        font = b"/F1"
    return b"%s %.1f Tf 1 0 0 1 %.1f %.1f Tm %s Tj" % (font, size, first.x0, h - first.bottom, shown)


def as_pdf_file(data: bytes) -> bytes:
    """First byte even: ``data[1:]`` is the page's content stream; odd: the whole file."""
    if not data:
        return data
    return pdf_with_content(data[1:]) if data[0] % 2 == 0 else data[1:]
