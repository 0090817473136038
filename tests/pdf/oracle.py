"""Differential oracle: compare the fast pypdfium2 lattice grid with pdfplumber's.

pdfplumber (MIT) is ~20x slower but independent: it finds ruling lines and
cells with its own code. On every ruled table both find, the two grids must
agree cell for cell: same shape, same text (whitespace ignored, since the two
join wrapped lines differently), and pdfplumber's ``None`` (a position covered
by a merged cell) exactly where we mark ``covered``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from budgetlint.read.pdfgrid import Grid, find_grids, read_layout

_WS = re.compile(r"\s+")

# pdfplumber settings equivalent to our lattice reading (lines only, same tolerances).
PLUMBER_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 2,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


def norm(text: str | None) -> str | None:
    return None if text is None else _WS.sub("", text)


@dataclass
class TableDiff:
    page: int
    bbox: tuple
    shape_ours: tuple[int, int]
    shape_theirs: tuple[int, int] | None
    cells: int = 0
    mismatches: list[tuple[int, int, str | None, str | None]] = field(default_factory=list)


def fast_grids(path: Path) -> dict[int, list[Grid]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return {i + 1: find_grids(read_layout(pdf[i], i + 1)) for i in range(len(pdf))}
    finally:
        pdf.close()


def _overlap(a, b) -> float:
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[2], b[2]), min(a[3], b[3])
    if x1 <= x0 or y1 <= y0:
        return 0.0
    inter = (x1 - x0) * (y1 - y0)
    area = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return inter / area if area > 0 else 0.0


def _white(color) -> bool:
    if color is None:
        return False
    vals = color if isinstance(color, (tuple, list)) else (color,)
    if len(vals) == 1:  # grey
        return vals[0] >= 0.94
    if len(vals) == 3:  # RGB
        return min(vals) >= 0.94
    if len(vals) == 4:  # CMYK
        return max(vals) <= 0.06
    return False


def _painted(obj) -> bool:
    """Drop white boxes from pdfplumber's view too (both readers ignore unpainted rules)."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    fill, stroke = obj.get("fill"), obj.get("stroke")
    if fill and not stroke and _white(obj.get("non_stroking_color")):
        return False
    if stroke and not fill and _white(obj.get("stroking_color")):
        return False
    return True


def compare(path: Path) -> list[TableDiff]:
    """One TableDiff per fast grid; ``shape_theirs`` None when pdfplumber found no table there."""
    import pdfplumber

    ours = fast_grids(path)
    diffs: list[TableDiff] = []
    with pdfplumber.open(str(path)) as pdf:
        for pno, grids in ours.items():
            if not grids:
                continue
            page = pdf.pages[pno - 1].filter(_painted)
            theirs = page.find_tables(PLUMBER_SETTINGS)
            for g in grids:
                best = max(theirs, key=lambda t: _overlap(g.bbox, t.bbox), default=None)
                shape = (len(g.rows), len(g.rows[0]))
                if best is None or _overlap(g.bbox, best.bbox) < 0.8:
                    diffs.append(TableDiff(pno, g.bbox, shape, None))
                    continue
                rows = best.extract()
                d = TableDiff(pno, g.bbox, shape, (len(rows), max(len(r) for r in rows)))
                for r, row in enumerate(g.rows):
                    for c, cell in enumerate(row):
                        d.cells += 1
                        mine = None if cell.covered else norm(cell.text)
                        other = rows[r][c] if r < len(rows) and c < len(rows[r]) else "<missing>"
                        other = norm(other) if other != "<missing>" else other
                        if mine != other:
                            d.mismatches.append((r, c, mine, other))
                diffs.append(d)
    return diffs
