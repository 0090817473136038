"""Reader for plain space-separated layout text (no tabs), as exported from 决算 PDFs.

What such an export looks like (see ``examples/2023-xigong-zwfw-final.txt``):

* the narrative is hard-wrapped every ~25 characters, with a blank line after
  every printed line, page numbers (``- 8 -``) and a leading space at page starts;
* tables are rows of space-separated words and numbers; a ``栏次`` row
  (``栏次 1 2 3 …``) tells how many value columns there are; row names can wrap
  onto following lines with the numbers on a later line; a number can be broken
  by a line break (``5`` / ``6.94``);
* header cells are shredded over many lines (``附属单位上缴收`` / ``入``);
* the two-sided 决算 summary tables (公开01/04) print the income item with its
  行次 on the left and the expense item on the right of the same line;
* a vertical table (项目自评表) prints one cell per line.

Other exports of the same 决算 forms (PDF text layers) also drop empty cells,
print thousands separators (``19,572.91``), run the first data row onto the
栏次 line, omit the 栏次 row of 公开04, print the title below the table, use
bare page numbers (``16``) and run two printed rows onto one line; these are
handled too. A table whose rows do not all print every value is marked
``aligned=False``: its positions must be inferred (recognise/placement.py).

``read_layout`` turns that into a ``RawDocument``: ``RawParagraph`` blocks with
wrap breaks removed (``spans`` map offsets back to lines) and ``RawTable`` blocks
whose rows are ``RawCell`` lists with line provenance. It never interprets what a
table means. The one outside knowledge it can use is given by the caller: header
layouts (``HeaderLayout``, the printed header grids of standard tables, loaded by
``budgetlint.recognise.header_layouts``), which let it rebuild a shredded header
whose words it finds in the printed header text. Anything it repairs (a number
rejoined across a line break, a header rebuilt from a layout) is said in the
cell's ``provenance.note``.

The parts, one module each:

* ``lines``       printed lines, tokens, the read's context;
* ``regions``     where the tables are;
* ``paragraphs``  the narrative between them, wrap breaks joined;
* ``tables``      a grid table's title, caption and notes, and its printed form:
  ``one_sided`` (code, name, values), ``two_sided`` (公开01/04), ``items`` (公开06);
* ``vertical``    one cell per line (项目自评表);
* ``headers``     rebuilding a shredded header from a header layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from budgetlint.model import RawDocument, RawParagraph, RawTable
from budgetlint.read.layout.headers import STACKED_ABOVE, STACKED_LEFT, HeaderLayout
from budgetlint.read.layout.lines import Context, Line
from budgetlint.read.layout.paragraphs import paragraphs
from budgetlint.read.layout.regions import find_table_regions
from budgetlint.read.layout.tables import parse_table
from budgetlint.read.layout.vertical import parse_vertical_table

__all__ = ["STACKED_ABOVE", "STACKED_LEFT", "HeaderLayout", "read_layout"]


def read_layout(path: Path, text: str, header_layouts: Sequence[HeaderLayout] = ()) -> RawDocument:
    """Read space-separated layout text into paragraphs and raw tables (never raises on text).

    ``header_layouts``: printed header grids a shredded header may be rebuilt from; without
    them headers stay as printed and a two-sided table printed without 栏次 is not recognised
    as one."""
    ctx = Context(path, header_layouts)
    lines = [Line(i + 1, raw.replace("\r", "").strip()) for i, raw in enumerate(text.split("\n"))]
    regions = find_table_regions(lines)
    blocks: list[RawParagraph | RawTable] = []
    cursor = 0
    for start, end, kind in regions:
        blocks.extend(paragraphs(ctx, lines[cursor:start]))
        table = (
            parse_vertical_table(ctx, lines[start:end]) if kind == "vertical" else parse_table(ctx, lines[start:end])
        )
        if table is not None:
            blocks.append(table)
        cursor = end
    blocks.extend(paragraphs(ctx, lines[cursor:]))
    return RawDocument(path=str(path), format="text", blocks=blocks, warnings=ctx.warnings)
