"""Turning one raw cell into a recognised Cell (value / blank / covered / text)."""

from __future__ import annotations

import re

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import Cell, ParseWarning, Provenance, RawCell
from budgetlint.numbers import is_blank, parse_number, parse_percent

_DIGIT_RE = lazy_compile(r"\d")
_UNBALANCED_TAIL_RE = lazy_compile(r"^(?P<num>[^()（）]*\d)\s*[)）]$")


# Two digit runs split by a space in the integer part ("257 9", "1 36. 1"): OCR lost the point
# or added a stray digit, so the number cannot be trusted. A space next to the point
# ("421. 29", "497.3 1") is only wrapping and stays readable.
_INNER_SPACE_RE = lazy_compile(r"\d\s+\d")


def _split_integer(text: str) -> bool:
    integer = re.split(r"[.．]", text, maxsplit=1)[0]
    return bool(_INNER_SPACE_RE.search(integer))


def _repair(text: str) -> str | None:
    """Undo a stray closing bracket the OCR put after a number ('421.29)'); nothing else."""
    m = _UNBALANCED_TAIL_RE.match(text.strip())
    return m.group("num") if m else None


def where(prov: Provenance | None) -> str:
    """'第 12 行' (text) or '第 3 页' (PDF): where a person finds the thing in the source."""
    return prov.place() if prov is not None else ""


def _prov(
    row: Provenance,
    column: str,
    raw: str,
    line: int | None,
    end_line: int | None,
    page: int | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    note: str | None = None,
    sheet: str | None = None,
    cell: str | None = None,
) -> Provenance:
    # A plain constructor: several times faster than model_copy for these small frozen models.
    return Provenance(
        path=row.path,
        line=line,
        end_line=end_line,
        page=page,
        bbox=bbox,
        table=row.table,
        row=row.row,
        column=column,
        raw=raw,
        inferred=row.inferred,
        note=_join_notes(row.note, note),
        sheet=sheet,
        cell=cell,
    )


def _join_notes(*notes: str | None) -> str | None:
    """The row's note and the reader's note on the cell (a number rejoined across lines), both kept."""
    kept = [n for n in notes if n]
    return "；".join(dict.fromkeys(kept)) if kept else None


def make_cell(
    raw: RawCell | None,
    column: str,
    prov: Provenance,
    warnings: list[ParseWarning],
) -> Cell:
    """Build a Cell for ``column``; ``prov`` already names the table and row."""
    if raw is None:
        return Cell(
            column=column, raw="", state="blank", provenance=_prov(prov, column, "", prov.line, None, prov.page)
        )
    text = raw.text
    src = raw.provenance
    cell_prov = _prov(
        prov,
        column,
        src.raw if src.raw is not None else text,
        src.line or prov.line,
        src.end_line,
        src.page if src.page is not None else prov.page,
        src.bbox,
        src.note,
        src.sheet,
        src.cell,
    )  # spreadsheet cells keep sheet + A1 address
    if raw.covered:
        return Cell(column=column, raw=text, state="covered", provenance=cell_prov)
    if raw.unknown:  # a formula without its saved result: neither a value nor a blank
        return Cell(column=column, raw=src.raw or "", state="text", provenance=cell_prov)
    stripped = text.strip()
    if is_blank(stripped) or (not _DIGIT_RE.search(stripped) and len(stripped) <= 2):
        return Cell(column=column, raw=text, state="blank", provenance=cell_prov)
    parsed = parse_number(stripped) if not _split_integer(stripped) else None
    note = None
    if parsed is None:
        repaired = _repair(stripped)
        if repaired is not None:
            parsed = parse_number(repaired)
            note = f"去掉了数字后多余的括号（原文“{stripped}”）"
    if parsed is not None:
        if parsed.repaired:
            note = f"把 OCR 误读的逗号当作小数点（原文“{stripped}”）"
        if note:
            cell_prov = cell_prov.model_copy(update={"note": _join_notes(cell_prov.note, note)})  # rare: OCR repair
        return Cell(
            column=column, raw=text, value=parsed.value, decimals=parsed.decimals, state="value", provenance=cell_prov
        )
    if _DIGIT_RE.search(stripped) and parse_percent(stripped) is None:  # a percentage is not an amount
        warnings.append(
            ParseWarning(
                code="unparsed-number",
                message=f"{where(cell_prov)}的单元格“{stripped}”看起来是数字但无法识别，未作为数值使用",
                provenance=cell_prov,
            )
        )
    return Cell(column=column, raw=text, state="text", provenance=cell_prov)
