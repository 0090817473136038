"""The original PDF with each finding drawn on its page (``check --annotate OUT.pdf``).

Every place of a finding that has a cell box becomes a red (error), orange
(warning) or blue (info) rectangle, and the finding's first boxed place gets a
note (a PDF text annotation a viewer opens on click) with the rule, the message
and printed vs expected. The page content is not changed: annotations are a
layer any PDF viewer shows and can hide. Findings without a box (the narrative
of a text export) are not drawn.
"""

from __future__ import annotations

from pathlib import Path

from budgetlint.errors import UsageError
from budgetlint.model import DocumentReport
from budgetlint.i18n import _f
from budgetlint.report.text import label

COLOUR = {"error": "d32f2f", "warning": "ef6c00", "info": "0277bd"}


def annotated_paths(reports: list[DocumentReport], target: Path) -> dict[str, Path]:
    """Which PDF goes where: one PDF to ``target`` itself, several into the folder ``target``."""
    pdfs = [r.path for r in reports if not r.error and r.path.lower().endswith(".pdf")]
    if len(pdfs) == 1 and target.suffix.lower() == ".pdf":
        return {pdfs[0]: target}
    if target.suffix.lower() == ".pdf":
        raise UsageError(_f("{path}：检查了 {n} 个 PDF，--annotate 应给一个文件夹", path=target, n=len(pdfs)))
    target.mkdir(parents=True, exist_ok=True)
    return {p: target / f"{Path(p).stem}.批注.pdf" for p in pdfs}


def annotate(reports: list[DocumentReport], target: Path) -> list[Path]:
    written = []
    for source, out in annotated_paths(reports, target).items():
        report = next(r for r in reports if r.path == source)
        write_annotated(report, Path(source), out)
        written.append(out)
    return written


def annotate_one(report: DocumentReport, target: Path) -> Path | None:
    """As ``annotate`` for one report of a streamed batch: ``target`` is the PDF to write when
    one PDF is checked (the caller has made sure of that), else the folder."""
    if report.error or not report.path.lower().endswith(".pdf"):
        return None
    if target.suffix.lower() == ".pdf":
        out = target
    else:
        target.mkdir(parents=True, exist_ok=True)
        out = target / f"{Path(report.path).stem}.批注.pdf"
    write_annotated(report, Path(report.path), out)
    return out


def write_annotated(report: DocumentReport, source: Path, out: Path) -> int:
    """Draw ``report``'s findings on a copy of ``source``; returns how many boxes were drawn."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Rectangle, Text

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    drawn = 0
    for f in report.findings:
        noted = False
        for loc in f.locations:
            if loc.path != str(source) or not loc.page or not loc.bbox or loc.page > len(writer.pages):
                continue
            page = writer.pages[loc.page - 1]
            rect = _rect(page, loc.bbox)
            box = Rectangle(rect=rect)
            box[_name("/C")] = _colour(COLOUR[f.severity])
            box[_name("/T")] = _text(f"budgetlint {f.rule_id}")
            box[_name("/Contents")] = _text(f"{label(f.severity)} {f.rule_id} {f.title}")
            writer.add_annotation(page_number=loc.page - 1, annotation=box)
            drawn += 1
            if not noted:
                values = (
                    "\n" + _f("印出：{actual}　应为：{expected}", actual=f.actual, expected=f.expected)
                    if f.expected or f.actual
                    else ""
                )
                note = Text(
                    rect=(rect[0], rect[3], rect[0] + 18, rect[3] + 18),
                    text=f"{label(f.severity)} {f.rule_id} {f.title}\n{f.message}{values}",
                )
                note[_name("/C")] = _colour(COLOUR[f.severity])
                note[_name("/T")] = _text(f"budgetlint {f.rule_id}")
                writer.add_annotation(page_number=loc.page - 1, annotation=note)
                noted = True
    try:
        with out.open("wb") as fh:
            writer.write(fh)
    except OSError as exc:
        raise UsageError(_f("{path}：无法写入批注 PDF（{reason}）", path=out, reason=exc.strerror or exc)) from None
    return drawn


def _rect(page, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A reader box (x0, top, x1, bottom from the page's top left) in PDF user space."""
    box = page.mediabox
    left, top_edge = float(box.left), float(box.top)
    x0, top, x1, bottom = bbox
    return (left + x0, top_edge - bottom, left + x1, top_edge - top)


def _name(n: str):
    from pypdf.generic import NameObject

    return NameObject(n)


def _text(s: str):
    from pypdf.generic import TextStringObject

    return TextStringObject(s)


def _colour(hex_rgb: str):
    from pypdf.generic import ArrayObject, FloatObject

    return ArrayObject(FloatObject(int(hex_rgb[i : i + 2], 16) / 255) for i in (0, 2, 4))
