"""Excel reader (``.xlsx``, ``.xlsm``, ``.xls``): every sheet → raw grids and paragraphs.

Built on python-calamine (reads both the new and the old Excel format, with
merged ranges, far faster than openpyxl). Per sheet:

* the rows above a grid that hold a single text (the merged title cell) or
  caption words (部门名称：…, 单位：万元, 预算 03 表) become the table's title and
  caption; a later title row starts a new table on the same sheet;
* grid rows keep every position: a cell inside a merged range but not its
  top-left corner is ``covered=True`` (distinct from an empty cell ``""``);
* ``注：`` rows under a grid are its notes;
* a sheet with no grid (one text per row: a narrative pasted into Excel)
  becomes paragraphs.

Every cell keeps ``Provenance(path, sheet=<name>, cell="B7", raw=<text>)``.

Numbers: calamine returns numeric cells as floats. They are turned into
decimal text without float noise (``0.30000000000000004`` → ``0.3``), never
kept as floats. The display format is not available, so money columns are
printed with the table's precision: two decimals (the usual 0.01 display), or
more when a stored value has more (up to four), e.g. ``12.3`` → ``12.30``.
Stored values are exact, so this never hides a difference. Code and 行次
columns (left of the first column holding a fraction) stay integers (``201``,
``30101``); a table holding no fraction at all keeps its integers as stored.

Formulas whose result was never saved (a workbook written by a program, not
re-opened in Excel) read as empty: each one gets a ParseWarning. That check
loads openpyxl lazily, only when the package holds formulas at all.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from budgetlint.document_cache import per_document
from budgetlint.i18n import _f
from budgetlint.errors import InputError
from budgetlint.limits import Limits, check_cells, check_zip_package
from budgetlint.model import (
    ParseWarning,
    Provenance,
    RawCell,
    RawDocument,
    RawParagraph,
    RawTable,
)
from budgetlint.read import reader
from budgetlint.read.heuristics import CAPTION_RE, NOTE_RE, TABLE_NAME_RE

if TYPE_CHECKING:
    from budgetlint.read.layout import HeaderLayout

# A sheet's title row names a table, or at least the budget it belongs to.
_TITLE_RE = re.compile(TABLE_NAME_RE.pattern + r"|预算|决算|经费|情况")
# A new table inside a sheet is titled "…表", with at most one remark in brackets: stricter than
# TABLE_NAME_RE, as a row that matches splits the sheet.
_NEW_TABLE_NAME_RE = re.compile(r"表(?:[（(][^)）]*[)）])?$")
_NUMBERING_HEADER_RE = re.compile(r"^(?:行次|栏次|序号|编号)$|代码$|编码$")
_LONG_TEXT = 40  # a single cell this long is prose, not a title
# A new table's title row is followed by its grid within this many rows (caption, unit between).
_TITLE_TO_GRID_ROWS = 5
# A table's header rows are among its first this many rows.
_HEADER_MAX_ROWS = 6
_MAX_DECIMALS = 6
_MAX_PADDING = 4  # never pad money cells beyond this many decimals
_MONEY_DECIMALS = 2  # money is displayed to 0.01 unless the workbook stores more


def a1(row: int, col: int) -> str:
    """0-based (row, col) → A1 notation (``(6, 1)`` → ``B7``)."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


@per_document(maxsize=65536)  # the same float is formatted for row typing, precision and the cell
def number_text(value: float) -> tuple[str, int]:
    """A float from the workbook as decimal text without float noise, and its decimals.

    ``Decimal(repr(v))`` keeps what Python prints; the shortest rounding that
    stays within 1e-9 (relative) of it drops binary-representation noise.
    """
    d = Decimal(repr(float(value)))
    if not d.is_finite():
        return repr(value), 0
    tolerance = Decimal("1e-9") * max(Decimal(1), abs(d))
    for k in range(_MAX_DECIMALS + 1):
        r = round(d, k)
        if abs(r - d) <= tolerance:
            return _plain(r, k), k
    return _plain(round(d, _MAX_DECIMALS), _MAX_DECIMALS), _MAX_DECIMALS


def _plain(d: Decimal, decimals: int) -> str:
    text = f"{d:.{decimals}f}"
    return "0" if decimals == 0 and text in ("-0",) else text


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value)[0]
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


class _Sheet:
    """One sheet as positioned values plus its merged ranges."""

    def __init__(self, name: str, rows: list[list], start: tuple[int, int], merged: list) -> None:
        self.name = name
        self.values = rows
        self.r0, self.c0 = start
        self._texts: dict[int, list[tuple[int, str]]] = {}
        self.covered: set[tuple[int, int]] = set()
        # Merged ranges are clipped to the cells read: a range may reach the sheet's last
        # row and column (A1:XFD1048576), far beyond any value.
        last_row, last_col = self.r0 + len(rows) - 1, self.c0 + self.width() - 1
        for (top, left), (bottom, right) in merged or []:
            for r in range(max(top, self.r0), min(bottom, last_row) + 1):
                for c in range(max(left, self.c0), min(right, last_col) + 1):
                    if (r, c) != (top, left):
                        self.covered.add((r, c))

    def width(self) -> int:
        return max((len(r) for r in self.values), default=0)

    def value(self, i: int, j: int):
        row = self.values[i]
        return row[j] if j < len(row) else None

    def texts(self, i: int) -> list[tuple[int, str]]:
        """Non-empty (column index, text) of row ``i`` (computed once per row)."""
        found = self._texts.get(i)
        if found is None:
            found = self._texts[i] = [(j, t) for j, v in enumerate(self.values[i]) if (t := _cell_text(v))]
        return found

    def position(self, i: int, j: int) -> tuple[int, int]:
        """Absolute 0-based (row, col) in the worksheet."""
        return self.r0 + i, self.c0 + j


def _captions_apart(sheet: _Sheet, i: int) -> tuple[list[str], list[tuple[int, str]]]:
    """Row ``i``'s caption texts (单位：万元, 公开01表 …) and its other (column, text) pairs."""
    caps: list[str] = []
    others: list[tuple[int, str]] = []
    for j, text in sheet.texts(i):
        if CAPTION_RE.search(text.replace(" ", "")):
            caps.append(text)
        else:
            others.append((j, text))
    return caps, others


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.doc = RawDocument(path=path, format="xlsx")

    def prov(self, sheet: _Sheet, i: int, j: int, raw: str | None = None) -> Provenance:
        r, c = sheet.position(i, j)
        return Provenance(path=self.path, sheet=sheet.name, cell=a1(r, c), raw=raw)

    # ------------------------------------------------------------ per sheet

    def add_sheet(self, sheet: _Sheet) -> None:
        n = len(sheet.values)
        kinds = [self._row_kind(sheet, i) for i in range(n)]
        if "grid" not in kinds:
            self._paragraphs(sheet, range(n))
            return
        i = 0
        while i < n:
            # Preamble: title and caption rows above the next grid.
            title, title_at, caption = "", None, []
            pre_start = i
            while i < n and kinds[i] != "grid":
                caps, others = _captions_apart(sheet, i)
                caption.extend(caps)
                if kinds[i] == "single":
                    j, text = others[0]
                    if not title and _TITLE_RE.search(text.replace(" ", "")) and len(text) < _LONG_TEXT:
                        title, title_at = text, (i, j)
                    elif len(text) >= _LONG_TEXT:
                        self._paragraphs(sheet, [i])  # prose above a table
                    else:
                        caption.append(text)
                i += 1
            if i >= n:
                if title or caption:  # a title with no grid under it: keep the words as text
                    self._paragraphs(sheet, range(pre_start, n))
                break
            grid_start = i
            while i < n and (kinds[i] in ("grid", "empty") or self._inside_grid(sheet, kinds, i)):
                i += 1
            # Rows after the grid: notes (注：…) until the next title.
            grid_end = i
            while grid_end > grid_start and kinds[grid_end - 1] == "empty":
                grid_end -= 1
            notes: list[str] = []
            while i < n and kinds[i] in ("single", "caption", "empty") and not self._starts_table(sheet, kinds, i):
                notes.extend(t for _, t in sheet.texts(i))
                i += 1
            self._table(sheet, title, title_at, caption, range(grid_start, grid_end), notes, pre_start)

    def _inside_grid(self, sheet: _Sheet, kinds: list[str], i: int) -> bool:
        """A one-text row within a grid (a label with blank amounts), not a note or a new title."""
        if kinds[i] != "single":
            return False
        text = _captions_apart(sheet, i)[1][0][1].replace(" ", "")
        return not (NOTE_RE.search(text) or len(text) >= _LONG_TEXT or self._starts_table(sheet, kinds, i))

    def _starts_table(self, sheet: _Sheet, kinds: list[str], i: int) -> bool:
        """A single-text row that titles a following grid (several tables stacked on one sheet)."""
        if kinds[i] != "single":
            return False
        text = _captions_apart(sheet, i)[1][0][1].replace(" ", "")
        if NOTE_RE.search(text) or len(text) >= _LONG_TEXT or not _NEW_TABLE_NAME_RE.search(text):
            return False
        for k in range(i + 1, min(i + 1 + _TITLE_TO_GRID_ROWS, len(kinds))):
            if kinds[k] == "grid":
                return True
        return False

    def _row_kind(self, sheet: _Sheet, i: int) -> str:
        texts = sheet.texts(i)
        if not texts:
            return "empty"
        _, others = _captions_apart(sheet, i)
        if not others:
            return "caption"
        if len(others) == 1 and (len(texts) == 1 or _TITLE_RE.search(others[0][1].replace(" ", ""))):
            return "single"  # one text, or a title printed beside caption cells (公开01表 | 收支预算总表)
        return "grid"

    def _paragraphs(self, sheet: _Sheet, rows) -> None:
        for i in rows:
            for j, text in sheet.texts(i):
                self.doc.blocks.append(
                    RawParagraph(
                        text=text,
                        provenance=self.prov(sheet, i, j, text[:80]),
                        spans=[(0, self.prov(sheet, i, j))],
                    )
                )

    def _table(self, sheet, title, title_at, caption, rows, notes, pre_start) -> None:
        row_list = list(rows)
        used = [j for i in row_list for j, _ in sheet.texts(i)]
        left, right = min(used), max(used)
        money_from = self._first_fraction_column(sheet, row_list, left, right)
        precision = self._precision(sheet, row_list, money_from, right)
        numbering = self._numbering_columns(sheet, row_list, left, right)
        grid: list[list[RawCell]] = []
        for i in row_list:
            if not sheet.texts(i) and not any(sheet.position(i, j) in sheet.covered for j in range(left, right + 1)):
                continue  # a blank spacer row
            cells = []
            for j in range(left, right + 1):
                value = sheet.value(i, j)
                if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
                    text, decimals = number_text(value)
                    if money_from is not None and j >= money_from and j not in numbering and decimals < precision:
                        text = _plain(Decimal(text), precision)
                else:
                    text = _cell_text(value)
                covered = sheet.position(i, j) in sheet.covered and not text
                cells.append(RawCell(text=text, covered=covered, provenance=self.prov(sheet, i, j, text)))
            grid.append(cells)
        at = title_at or (pre_start, left)
        self.doc.blocks.append(
            RawTable(
                title=title,
                caption=caption,
                rows=grid,
                notes=notes,
                aligned=True,
                positioned=True,
                provenance=self.prov(sheet, at[0], at[1], title or None),
            )
        )

    @staticmethod
    def _numbering_columns(sheet: _Sheet, rows: list[int], left: int, right: int) -> set[int]:
        """Columns headed 行次 / 栏次 / 代码 / 序号 …: their integers are not amounts, never padded."""
        out = set()
        for i in rows[:_HEADER_MAX_ROWS]:
            for j, text in sheet.texts(i):
                if left <= j <= right and _NUMBERING_HEADER_RE.search(text.replace(" ", "")):
                    out.add(j)
        return out

    @staticmethod
    def _first_fraction_column(sheet: _Sheet, rows: list[int], left: int, right: int) -> int | None:
        """The leftmost column holding a non-integer number: money columns start there."""
        for j in range(left, right + 1):
            for i in rows:
                v = sheet.value(i, j)
                if isinstance(v, float) and number_text(v)[1] > 0:
                    return j
        return None

    @staticmethod
    def _precision(sheet: _Sheet, rows: list[int], money_from: int | None, right: int) -> int:
        if money_from is None:
            return 0
        shown = max(
            (
                number_text(v)[1]
                for i in rows
                for j in range(money_from, right + 1)
                if isinstance(v := sheet.value(i, j), float)
            ),
            default=0,
        )
        return min(_MAX_PADDING, max(_MONEY_DECIMALS, shown))


def _workbook(path: Path):
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types for damaged files
        detail = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        if "password" in detail.lower() or "encrypt" in detail.lower():
            raise InputError(str(path), "Excel 文件已加密（有密码保护），请先去掉密码再检查", "encrypted") from None
        raise InputError(str(path), _f("Excel 文件已损坏或不是有效的 Excel 文件（{reason}）", reason=detail)) from None


# A cell holding something (<v>, <is> or <f> right inside it): calamine keeps only these, so
# a formatted empty cell (<c r="A1048576" s="3"/>) does not count.
_CELL_REF = re.compile(
    rb'<(?:[A-Za-z]\w*:)?c\s[^<>]*?\br\s*=\s*["\']([A-Za-z]+)([0-9]+)["\'][^<>]*(?<!/)>'
    rb"\s*<(?:[A-Za-z]\w*:)?(?:v|is|f)\b"
)


def _used_area(path: Path) -> int:
    """Cells in the used ranges of all worksheets, from the references of the cells holding
    something, streamed from the sheets' XML before calamine reads them: calamine builds each
    sheet as one dense range, so a single cell at row 10¹⁵ would ask for terabytes and abort
    the process (found by fuzz/fuzz_xlsx.py)."""
    total = 0
    try:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    total += _sheet_area(zf, name)
    except Exception:  # noqa: BLE001 - BadZipFile, NotImplementedError …: the reader says what is wrong
        return 0
    return total


def _sheet_area(zf: zipfile.ZipFile, name: str) -> int:
    top = left = None
    bottom = right = 0
    tail = b""
    with zf.open(name) as fh:
        while chunk := fh.read(1 << 20):
            buf = tail + chunk
            for m in _CELL_REF.finditer(buf):
                row, col = int(m.group(2)), _column_number(m.group(1))
                top, left = min(row, top if top is not None else row), min(col, left if left is not None else col)
                bottom, right = max(row, bottom), max(col, right)
            # a match spans two "<": one cut by the chunk's end starts at one of its last two
            cut = buf.rfind(b"<", 0, buf.rfind(b"<"))
            tail = buf[max(cut, 0, len(buf) - 65536) :]
    if top is None or left is None:
        return 0
    return (bottom - top + 1) * (right - left + 1)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _holds_formula(zf: zipfile.ZipFile, name: str) -> bool:
    """Whether a sheet's XML has a ``<f`` element, streamed in chunks (a sheet is never held whole)."""
    tail = b""
    with zf.open(name) as fh:
        while chunk := fh.read(1 << 20):
            if b"<f" in tail + chunk[:1] or b"<f" in chunk:
                return True
            tail = chunk[-1:]
    return False


def uncached_formulas(path: Path) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every formula whose result is not saved in the file.

    A cheap scan of the package decides whether there are formulas at all;
    only then is openpyxl loaded (twice: formulas, then cached values).
    """
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []  # .xls: openpyxl cannot read it; calamine reads the cached results
    try:
        with zipfile.ZipFile(path) as zf:
            if not any(name.startswith("xl/worksheets/") and _holds_formula(zf, name) for name in zf.namelist()):
                return []
    except (zipfile.BadZipFile, KeyError, OSError):
        return []
    import openpyxl

    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out: list[tuple[str, str, str]] = []
    try:
        for ws in formulas.worksheets:
            cached = values[ws.title]
            for frow, vrow in zip(ws.iter_rows(), cached.iter_rows()):
                for fcell, vcell in zip(frow, vrow):
                    f = getattr(fcell, "value", None)
                    if isinstance(f, str) and f.startswith("=") and getattr(vcell, "value", None) is None:
                        out.append((ws.title, fcell.coordinate, f))
    finally:
        formulas.close()
        values.close()
    return out


def _unknown_formula_cells(doc: RawDocument, missing: dict[tuple[str, str], str]) -> None:
    """A formula whose result the file does not hold has an unknown value, not 0: the cell is
    laid out as the empty cell it shows, and read as unknown, so no rule takes it for a printed
    blank (a 合计 row of =SUM(…) formulas saved by a program that computes nothing read as 0.00
    against its items' 266.81)."""
    if not missing:
        return
    for block in doc.blocks:
        if not isinstance(block, RawTable):
            continue
        for row in block.rows:
            for k, c in enumerate(row):
                formula = missing.get((c.provenance.sheet or "", c.provenance.cell or ""))
                if formula is not None and not c.text.strip():
                    row[k] = RawCell(text="", unknown=True, provenance=c.provenance.model_copy(update={"raw": formula}))


@reader(".xlsx", ".xlsm", ".xls")
def read_xlsx(path: Path, limits: Limits | None = None, header_layouts: Sequence[HeaderLayout] = ()) -> RawDocument:
    """Read an Excel workbook into a RawDocument (one or more grids per sheet).

    ``header_layouts`` are for layout text only (see ``budgetlint.read.read_path``).
    """
    limits = limits or Limits()
    if path.suffix.lower() != ".xls":  # .xls is no zip package
        check_zip_package(path, limits)
        check_cells(str(path), _used_area(path), limits, "工作表已用区域的单元格")
    wb = _workbook(path)
    cells = 0
    builder = _Builder(str(path))
    builder.doc.format = "xls" if path.suffix.lower() == ".xls" else "xlsx"
    try:
        for meta in wb.sheets_metadata:
            if meta.visible != SheetVisibleEnum.Visible:
                continue  # hidden sheets are not published
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # chart sheets and the like hold no cells
            sheet = wb.get_sheet_by_name(meta.name)
            cells += sheet.height * sheet.width  # counted before the rows are built
            check_cells(str(path), cells, limits)
            rows = sheet.to_python(skip_empty_area=True)
            if not rows:
                continue
            builder.add_sheet(_Sheet(meta.name, rows, sheet.start or (0, 0), sheet.merged_cell_ranges))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet inside a readable package
        raise InputError(str(path), _f("Excel 文件内容损坏，无法读取（{reason}）", reason=type(exc).__name__)) from None
    finally:
        wb.close()
    try:
        missing = uncached_formulas(path)
    except Exception:  # noqa: BLE001 - the check is advisory; calamine already read the values
        missing = []
    for sheet_name, cell, formula in missing:
        builder.doc.warnings.append(
            ParseWarning(
                code="formula-without-value",
                message=f"工作表“{sheet_name}”单元格 {cell} 的公式 {formula} 没有保存计算结果，其数值未知，"
                "涉及它的核对不进行；请在 Excel 中打开并保存后再检查",
                provenance=Provenance(path=str(path), sheet=sheet_name, cell=cell, raw=formula),
            )
        )
    _unknown_formula_cells(builder.doc, {(sheet, cell): formula for sheet, cell, formula in missing})
    if not builder.doc.blocks:
        raise InputError(str(path), "Excel 文件没有任何内容（所有工作表为空）", "empty")
    return builder.doc
