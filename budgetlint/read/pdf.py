"""PDF reader: text layer → narrative paragraphs and ruled tables, with page + box provenance.

Built on pypdfium2 (characters, boxes, ruling lines; see ``pdfgrid``). Per page:
ruled tables become grids; the text above a grid is its title and caption
(``单位：元`` included, so the recogniser can read the unit); ``注：`` lines
under it are its notes; a grid at the top of a page with no title of its own
continues the table on the previous page (repeated header rows dropped).
Everything else is narrative: printed lines are joined into paragraphs with
the wrap breaks removed (amounts like ``1,234.\\n56 万元`` become whole again),
each line keeping its page and box in the paragraph's spans.

Refuses, with a plain Chinese reason (exit 2): damaged files, password-protected
files, and image-only (scanned) PDFs that have no text layer.
"""

from __future__ import annotations

from budgetlint.i18n import _f

import re
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pypdfium2 as pdfium

from budgetlint.errors import InputError
from budgetlint.lazy_regex import lazy_compile
from budgetlint.limits import Limits, check_cells, check_pages
from budgetlint.model import ParseWarning, Provenance, RawCell, RawDocument, RawParagraph, RawTable
from budgetlint.read import reader
from budgetlint.read.heuristics import CLAUSE_END, PAGE_NUMBER_RE, PDF_NOT_TITLE_RE, PDF_NOTE_RE

if TYPE_CHECKING:
    from budgetlint.read.layout import HeaderLayout
from budgetlint.read.pdfgrid import SNAP, Grid, Line, PageLayout, find_grids, group_lines, read_layout

_HEADING = lazy_compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、．.](?!\d)"
    r"|第[一二三四五六七八九十]+(?:部分|章|节)|附件\s*\d*|目\s*录)"
)
CAPTION_MAX_LINES = 6
CAPTION_MAX_GAP = 60.0  # points between caption lines / caption and grid
# A caption line longer than this (characters) is narrative, not a title.
CAPTION_MAX_CHARS = 50
# A table-number line (预算 03 表) taken with the title above it is short.
MARKER_MAX_CHARS = 20
# Page furniture (page numbers, running headers) prints below this share of the page
# height or above TOP_EDGE of it.
BOTTOM_EDGE = 0.85
TOP_EDGE = 0.12
# Page margins when a page has no text lines to measure them: a tenth of the width each side.
DEFAULT_MARGIN = 0.1
# Paragraph breaks, in multiples of the font size: a first-line indent (or a centred
# heading) starts further right than INDENT; a line stopping more than SHORT_STOP before the
# right margin after a sentence end ends its paragraph, as does any line stopping more than
# RAGGED_STOP (or RAGGED_SHARE of the text width) short; a gap over LINE_GAP between lines, or
# fonts differing by more than SIZE_CHANGE points, also part paragraphs.
INDENT = 1.2
SHORT_STOP = 0.8
RAGGED_STOP = 2.0
RAGGED_SHARE = 0.3
LINE_GAP = 1.6
SIZE_CHANGE = 1.5
MIN_FONT_SIZE = 4.0  # a smaller (or missing) size would make every distance a break
# A continuation repeats at most this many header rows of the part before it.
REPEATED_HEADER_MAX_ROWS = 6
# A line under a grid continues the unfinished note above it only when longer than this.
NOTE_CONTINUATION_MIN_CHARS = 8


@reader(".pdf")
def read_pdf(path: Path, limits: Limits | None = None, header_layouts: Sequence[HeaderLayout] = ()) -> RawDocument:
    """Read a text-layer PDF into paragraphs and raw tables (see module docstring).

    ``header_layouts`` are for layout text only (see ``budgetlint.read.read_path``).
    """
    limits = limits or Limits()
    pdf = _open(path)
    try:
        check_pages(str(path), len(pdf), limits)
        layouts: list[PageLayout] = []
        grids: list[list[Grid]] = []
        free: list[list[Line]] = []  # each page's printed lines outside its ruled tables
        texts: list[bool] = []  # each page has a text layer
        cells = 0
        for i in range(len(pdf)):
            try:
                page = pdf[i]
            except pdfium.PdfiumError as exc:
                raise InputError(
                    str(path), _f("PDF 第 {page} 页已损坏，无法读取（{reason}）", page=i + 1, reason=exc), "damaged"
                ) from None
            try:
                layout = read_layout(page, i + 1)
            except pdfium.PdfiumError as exc:
                raise InputError(
                    str(path), _f("PDF 第 {page} 页已损坏，无法读取（{reason}）", page=i + 1, reason=exc), "damaged"
                ) from None
            finally:
                page.close()
            page_grids = find_grids(layout) if layout.rules else []
            cells += sum(len(row) for grid in page_grids for row in grid.rows)
            check_cells(str(path), cells, limits)
            free.append(_free_lines(layout, page_grids))
            # The page's characters are in its lines and cells now: a page's worth is alive at a
            # time, not the document's (a 40-page PDF's characters were a third of its peak).
            texts.append(any(not c.text.isspace() for c in layout.chars))
            layout.chars = []
            for grid in page_grids:
                if not grid.lone:  # a lone row not continuing a table is read as lines at assembly
                    grid.chars = []
            layouts.append(layout)
            grids.append(page_grids)
        npages = len(pdf)
    finally:
        pdf.close()
    return _assemble(str(path), layouts, grids, free, texts, npages)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        head = path.open("rb").read(1024)
    except OSError as exc:
        raise InputError(str(path), _f("无法读取文件（{reason}）", reason=exc.strerror or exc)) from None
    if b"%PDF" not in head:
        raise InputError(str(path), "不是有效的 PDF 文件（文件头缺少 %PDF）", "not-pdf")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "Incorrect" in msg:
            raise InputError(str(path), "PDF 已加密（需要密码才能打开），请提供未加密的文件", "encrypted") from None
        raise InputError(str(path), _f("PDF 文件已损坏或无法解析（{reason}）", reason=msg), "damaged") from None


# ------------------------------------------------------------- assembly


def _assemble(
    path: str,
    layouts: list[PageLayout],
    grids: list[list[Grid]],
    free: list[list[Line]],
    texts: list[bool],
    npages: int,
) -> RawDocument:
    doc = RawDocument(path=path, format="pdf", pages=npages)
    if not any(texts):
        raise InputError(path, "PDF 没有文字层（可能是扫描件），需要先进行 OCR 识别后再检查", "image-only")
    for lay, has_text in zip(layouts, texts):
        if not has_text:
            doc.warnings.append(
                ParseWarning(
                    code="page-without-text",
                    message=f"第 {lay.number} 页没有文字层（可能是扫描图片），该页内容未被检查",
                    provenance=Provenance(path=path, page=lay.number),
                )
            )
    builder = _Builder(path, doc)
    # The printed lines outside the tables were grouped once per page (running headers, then content).
    builder.running = _running_lines(layouts, free)
    for lay, page_grids, lines in zip(layouts, grids, free):
        builder.add_page(lay, page_grids, lines)
    builder.finish()
    doc.page_labels = printed_page_numbers(builder.footer_numbers)
    return doc


def printed_page_numbers(found: dict[int, str]) -> dict[int, str]:
    """The printed page numbers to trust: those in step with a neighbouring page's.

    A lone number at a page's edge may be a stray amount; a real footer runs on, so a
    number is kept only when a page one or two away is numbered with the same offset.
    """
    offsets = {page: page - int(label) for page, label in found.items()}
    return {
        page: found[page] for page, off in offsets.items() if any(offsets.get(page + d) == off for d in (-2, -1, 1, 2))
    }


class _Builder:
    """Walks pages top to bottom and emits paragraphs and tables in reading order."""

    def __init__(self, path: str, doc: RawDocument):
        self.path = path
        self.doc = doc
        self.para_lines: list[tuple[int, Line]] = []  # open paragraph: (page, line)
        self.para_margins: tuple[float, float] = (0.0, 0.0)
        self.last_table: RawTable | None = None  # table that may continue on the next page
        self.columns_of: dict[int, list[float]] = {}  # id(RawTable) -> its grid's column edges
        self.running: set[str] = set()  # running headers/footers repeated on many pages
        self.footer_numbers: dict[int, str] = {}  # PDF page -> the page number printed on it

    # -- pages

    def add_page(self, lay: PageLayout, page_grids: list[Grid], free_lines: list[Line]) -> None:
        lines = [ln for ln in free_lines if ln.text]
        lines = [ln for ln in lines if not self._furniture(ln, lay)]
        page_grids, lines = self._lone_rows(page_grids, lines, lay)
        margins = _margins(lines, lay)
        items: list[tuple[float, int, Line | Grid]] = [(ln.top, 1, ln) for ln in lines]
        items += [(g.bbox[1], 0, g) for g in page_grids]
        items.sort(key=lambda it: (it[0], it[1]))
        pending: list[Line] = []
        after_grid: RawTable | None = None
        continuing = self.last_table
        for _, _, item in items:
            if isinstance(item, Line):
                if after_grid is not None and PDF_NOTE_RE.search(item.text):
                    after_grid.notes.append(item.text)
                    continue
                if (
                    after_grid is not None
                    and after_grid.notes
                    and not _HEADING.match(item.text)
                    and len(item.text) > 0
                    and not pending
                    and _continues_note(after_grid, item)
                ):
                    after_grid.notes[-1] += item.text
                    continue
                if continuing is not None and not pending and after_grid is None:
                    row = _aligned_row(item, continuing, self.path, lay.number)
                    if row is not None:  # a row whose top rule was the previous page's bottom border
                        _append_rows(continuing, [row])
                        continue
                after_grid = None
                pending.append(item)
                continue
            grid = item
            caption_lines = _take_caption(pending)
            if pending:  # narrative above this grid: it cannot continue an earlier table
                continuing = None
            self._flush_lines(pending, lay.number, margins)
            pending = []
            table = self._table_from_grid(grid, caption_lines, lay.number, continuing)
            after_grid = table
            continuing = None
        self._flush_lines(pending, lay.number, margins)
        # A table that ends the page (nothing after it) may continue on the next one.
        self.last_table = after_grid if after_grid is not None else None

    def _lone_rows(self, grids: list[Grid], lines: list[Line], lay: PageLayout) -> tuple[list[Grid], list[Line]]:
        """Keep a lone ruled row only where it continues the table that ended the previous page:
        the first thing printed on the page, in that table's columns (its last row carried over,
        with no header repeated). Any other is printed lines, as it was before it was boxed."""
        if not any(g.lone for g in grids):
            return grids, lines
        first = min([g.bbox[1] for g in grids] + [ln.top for ln in lines])
        columns = self.columns_of.get(id(self.last_table), []) if self.last_table is not None else []
        kept: list[Grid] = []
        for g in grids:
            if not g.lone:
                kept.append(g)
            elif g.bbox[1] <= first and _same_edges(g.xs, columns):
                g.chars = []
                kept.append(g)
            else:
                lines = lines + [ln for ln in group_lines(g.chars) if ln.text and not self._furniture(ln, lay)]
                g.chars = []
        return kept, sorted(lines, key=lambda ln: (ln.top, ln.x0))

    def _furniture(self, ln: Line, lay: PageLayout) -> bool:
        if not _near_edge(ln, lay):
            return False
        if PAGE_NUMBER_RE.match(ln.text):
            number = re.search(r"\d+", ln.text)
            if number:
                self.footer_numbers.setdefault(lay.number, number.group())
            return True
        return ln.text.strip() in self.running

    # -- tables

    def _table_from_grid(
        self, grid: Grid, caption_lines: list[Line], page: int, continuing: RawTable | None
    ) -> RawTable:
        rows = [
            [
                RawCell(
                    text=c.text,
                    covered=c.covered,
                    provenance=Provenance(path=self.path, page=page, bbox=c.bbox, raw=c.text or None),
                )
                for c in r
            ]
            for r in grid.rows
        ]
        caption = [ln.text for ln in caption_lines]
        # Excel-printed tables carry title / unit rows inside the grid: lift full-width rows.
        while len(rows) > 2 and all(c.covered for c in rows[0][1:]) and len(rows[0]) > 1:
            text = rows[0][0].text
            rows = rows[1:]
            if text:
                caption.append(text)
        if continuing is not None:
            laid = _onto_columns(rows, grid.xs, self.columns_of.get(id(continuing), []))
            if _is_continuation(continuing, laid, caption):
                _append_rows(continuing, laid)
                if len(grid.xs) == len(self.columns_of.get(id(continuing), [])):
                    self.columns_of[id(continuing)] = list(grid.xs)
                return continuing
        self._emit_paragraph()  # a table ends any open paragraph
        title = _choose_title(caption_lines, caption)
        table = RawTable(
            title=title,
            caption=caption,
            rows=rows,
            provenance=Provenance(path=self.path, page=page, bbox=grid.bbox, raw=title or None),
        )
        self.doc.blocks.append(table)
        self.columns_of[id(table)] = list(grid.xs)
        return table

    # -- paragraphs

    def _flush_lines(self, lines: list[Line], page: int, margins: tuple[float, float]) -> None:
        left, right = margins
        for ln in lines:
            if self.para_lines:
                prev_page, prev = self.para_lines[-1]
                if _breaks(prev, ln, prev_page, page, self.para_margins, margins):
                    self._emit_paragraph()
            if not self.para_lines:
                self.para_margins = (left, right)
            self.para_lines.append((page, ln))
            self.para_margins = (left, right)

    def _emit_paragraph(self) -> None:
        if not self.para_lines:
            return
        text = ""
        spans: list[tuple[int, Provenance]] = []
        for page, ln in self.para_lines:
            piece = ln.text
            if text and text[-1].isascii() and text[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
                text += " "
            spans.append((len(text), Provenance(path=self.path, page=page, bbox=ln.bbox, raw=ln.text)))
            text += piece
        first_page = self.para_lines[0][0]
        on_first = [ln for p, ln in self.para_lines if p == first_page]
        bbox = (
            min(ln.x0 for ln in on_first),
            min(ln.top for ln in on_first),
            max(ln.x1 for ln in on_first),
            max(ln.bottom for ln in on_first),
        )
        bbox = (round(bbox[0], 1), round(bbox[1], 1), round(bbox[2], 1), round(bbox[3], 1))
        self.doc.blocks.append(
            RawParagraph(
                text=text,
                spans=spans,
                provenance=Provenance(path=self.path, page=first_page, bbox=bbox, raw=text[:80]),
            )
        )
        self.para_lines = []

    def finish(self) -> None:
        self._emit_paragraph()


# ------------------------------------------------------------- helpers


def _near_edge(ln: Line, lay: PageLayout) -> bool:
    return ln.top > lay.height * BOTTOM_EDGE or ln.bottom < lay.height * TOP_EDGE


# A line printed at the top or bottom edge of at least this many pages (and of
# a third of them) is a running header/footer ("某局2025年度部门预算公开"), not content.
RUNNING_MIN_PAGES = 3
RUNNING_PAGE_SHARE = 3  # … and on at least one page in this many
# The page's text margins leave out this share (1 in n) of the lines on either side: centred
# titles and indented first lines.
MARGIN_OUTLIERS = 10


def _free_lines(lay: PageLayout, page_grids: list[Grid]) -> list[Line]:
    """The printed lines of a page outside its ruled tables."""
    inside = {id(c) for g in page_grids for c in g.chars}
    return group_lines([c for c in lay.chars if id(c) not in inside] if inside else lay.chars)


def _running_lines(layouts: list[PageLayout], free: list[list[Line]]) -> set[str]:
    counts: dict[str, int] = {}
    for lay, lines in zip(layouts, free):
        # A table title repeated on continuation pages is not furniture: keep lines naming a 表,
        # and a table's caption (部门名称：…, 单位：万元) printed near the top of every table page.
        seen = {
            ln.text.strip()
            for ln in lines
            if ln.text.strip() and _near_edge(ln, lay) and "表" not in ln.text and not _OWNER.search(ln.text)
        }
        for text in seen:
            counts[text] = counts.get(text, 0) + 1
    needed = max(RUNNING_MIN_PAGES, len(layouts) // RUNNING_PAGE_SHARE)
    return {t for t, n in counts.items() if n >= needed}


def _margins(lines: list[Line], lay: PageLayout) -> tuple[float, float]:
    """Left and right text margins of a page (robust against centred titles)."""
    if not lines:
        return (lay.width * DEFAULT_MARGIN, lay.width * (1 - DEFAULT_MARGIN))
    lefts = sorted(ln.x0 for ln in lines)
    rights = sorted(ln.x1 for ln in lines)
    return lefts[len(lefts) // MARGIN_OUTLIERS], rights[-1 - len(rights) // MARGIN_OUTLIERS]


def _breaks(
    prev: Line, ln: Line, prev_page: int, page: int, prev_margins: tuple[float, float], margins: tuple[float, float]
) -> bool:
    """True when ``ln`` starts a new paragraph after ``prev``."""
    size = max(min(prev.size, ln.size), MIN_FONT_SIZE)
    left, _ = margins
    _, prev_right = prev_margins
    if ln.x0 - left > size * INDENT:  # indented first line, or centred heading
        return True
    shortfall = prev_right - prev.x1
    width = max(prev_right - left, 1.0)
    # A line that stops short ends its paragraph; ragged-right pages stop short
    # anywhere, so without closing punctuation only a large shortfall counts.
    if shortfall > size * SHORT_STOP and prev.text[-1] in CLAUSE_END:
        return True
    if shortfall > max(size * RAGGED_STOP, width * RAGGED_SHARE):
        return True
    if _HEADING.match(ln.text):
        return True
    if abs(prev.size - ln.size) > SIZE_CHANGE:
        return True
    if page == prev_page and ln.top - prev.bottom > size * LINE_GAP:
        return True
    if page != prev_page and page - prev_page > 1:
        return True
    return False


def _take_caption(pending: list[Line]) -> list[Line]:
    """Remove and return the caption lines (title, unit, 公开表 marker) above a grid."""
    taken: list[Line] = []
    below_top = None
    while pending and len(taken) < CAPTION_MAX_LINES:
        ln = pending[-1]
        if below_top is not None and below_top - ln.bottom > CAPTION_MAX_GAP:
            break
        t = ln.text
        narrative = len(t) > CAPTION_MAX_CHARS or (t[-1] in "。；" and not PDF_NOT_TITLE_RE.search(t))
        if narrative:
            break
        taken.insert(0, pending.pop())
        below_top = ln.top
        if "表" in t and not PDF_NOT_TITLE_RE.search(t) and len(taken) >= 1:
            # The title line: take at most the marker line directly above it too.
            if pending and PDF_NOT_TITLE_RE.search(pending[-1].text) and len(pending[-1].text) < MARKER_MAX_CHARS:
                taken.insert(0, pending.pop())
            break
    return taken


def _choose_title(caption_lines: list[Line], caption: list[str]) -> str:
    """The caption line that names the table: largest print, not a unit/marker line."""
    candidates = [ln for ln in caption_lines if not PDF_NOT_TITLE_RE.search(ln.text)]
    if candidates:
        best = max(candidates, key=lambda ln: (ln.size + (1.0 if "表" in ln.text else 0.0), -ln.top))
        return _strip_marker(best.text)
    for text in caption:  # lifted from inside the grid
        if not PDF_NOT_TITLE_RE.search(text):
            return _strip_marker(text)
    return ""


def _strip_marker(text: str) -> str:
    return text.strip()


def _is_continuation(prev: RawTable, rows: list[list[RawCell]], caption: list[str]) -> bool:
    """A grid continues ``prev`` (the table that ended the previous page) when it has
    the same columns and either no title of its own, a 续表 title, or the same title
    printed again for the same department/unit (many systems repeat the title on
    every page; a unit-level copy of a table names another unit)."""
    if not prev.rows or not rows or len(prev.rows[0]) != len(rows[0]):
        return False
    titles = [c for c in caption if "表" in c and not PDF_NOT_TITLE_RE.search(c)]
    if not titles or any("续" in t for t in titles):
        return True
    return any(_title_key(t) == _title_key(prev.title) for t in titles) and _owner(caption) in (
        None,
        _owner(prev.caption),
    )


_TITLE_NOISE = lazy_compile(r"[\s（）()]|续表|续")
_OWNER = lazy_compile(r"(?:部门|单位|编制单位|预算单位|单位名称|部门名称)\s*[:：]\s*(\S.*)")


def _onto_columns(rows: list[list[RawCell]], xs: list[float], previous: list[float]) -> list[list[RawCell]]:
    """A continuation grid whose cells span several of the previous part's columns (江苏 2017
    收支预算总表 p.9: 小计 | 金额 | 结转下年资金 over the three middle columns | 金额) laid onto the
    previous part's columns: every column edge of the part is one of the previous part's edges,
    and a cell over several columns keeps its text in the first and covers the others, as a merged
    cell of one grid does. Otherwise the rows are returned unchanged."""
    if len(previous) <= len(xs) or len(xs) < 2:
        return rows
    index = []
    for x in xs:
        j = next((j for j, p in enumerate(previous) if abs(p - x) <= SNAP), None)
        if j is None:
            return rows
        index.append(j)
    if index[0] != 0 or index[-1] != len(previous) - 1 or index != sorted(set(index)):
        return rows
    laid: list[list[RawCell]] = []
    for row in rows:
        out: list[RawCell] = []
        for c, cell in enumerate(row):
            out.append(cell)
            for _ in range(index[c] + 1, index[c + 1]):
                out.append(RawCell(text="", covered=True, provenance=cell.provenance))
        laid.append(out)
    return laid


def _same_edges(xs: list[float], columns: list[float]) -> bool:
    return len(xs) == len(columns) and all(abs(a - b) <= SNAP for a, b in zip(xs, columns))


def _title_key(title: str) -> str:
    return _TITLE_NOISE.sub("", title)


def _owner(caption: list[str]) -> str | None:
    """The department/unit a caption names (部门名称：…), or None."""
    for line in caption:
        m = _OWNER.search(line)
        if m:
            return re.sub(r"\s+", "", m.group(1)).split("单位")[0]
    return None


def _append_rows(table: RawTable, rows: list[list[RawCell]]) -> None:
    """Append a continuation's rows, skipping a repeated header."""
    k = 0
    while k < len(rows) and k < len(table.rows) and k < REPEATED_HEADER_MAX_ROWS:
        a = [c.text for c in table.rows[k]]
        b = [c.text for c in rows[k]]
        if a != b or not any(a) or any(_numeric(t) for t in a):
            break
        k += 1
    table.rows.extend(rows[k:])


def _aligned_row(line: Line, table: RawTable, path: str, page: int) -> list[RawCell] | None:
    """Read a text line as a row of ``table`` when it sits exactly in the table's columns.

    At a page break the first row of the continuation often has no top rule (it
    was the previous page's bottom border), so the lattice grid does not see it;
    it is printed in the same columns, though. Every character must fall inside
    one column of the table's last row; the row needs two filled cells and a number.
    """
    boxed = [c.provenance.bbox for c in table.rows[-1]] if table.rows else []
    edges = [b for b in boxed if b is not None]
    if not edges or len(edges) < len(boxed):
        return None
    texts = [""] * len(edges)
    boxes: list[tuple[float, float, float, float] | None] = [None] * len(edges)
    for ch in line.chars:
        cx = (ch.x0 + ch.x1) / 2
        col = next((i for i, b in enumerate(edges) if b[0] - 1 <= cx <= b[2] + 1), None)
        if col is None:
            return None
        texts[col] += ch.text
        b = boxes[col]
        boxes[col] = (
            (ch.x0, ch.top, ch.x1, ch.bottom)
            if b is None
            else (min(b[0], ch.x0), min(b[1], ch.top), max(b[2], ch.x1), max(b[3], ch.bottom))
        )
    texts = [t.strip() for t in texts]
    if sum(1 for t in texts if t) < 2:
        return None
    # Shaped like the rows above: numbers under numbers, words under words, and at
    # least one amount with decimals or thousands groups (a 元 table printed without
    # decimals: 8,661,624); a centred title "…2019年…" is none of these.
    above = [c.text.strip() for c in table.rows[-1]]
    for t, a in zip(texts, above):
        if t and a and _numeric(t) != _numeric(a):
            return None
    if not any(_numeric(t) and ("." in t or _GROUPED.search(t)) for t in texts):
        return None
    return [
        RawCell(
            text=t,
            provenance=Provenance(
                path=path,
                page=page,
                bbox=boxes[i] or (edges[i][0], line.top, edges[i][2], line.bottom),
                raw=t or None,
                note="页首无上框线的续表行，按列位置读取",
            ),
        )
        for i, t in enumerate(texts)
    ]


_GROUPED = lazy_compile(r"\d,\s?\d{3}(?!\d)")


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[-\d,.\s]+", text)) and any(ch.isdigit() for ch in text)


def _continues_note(table: RawTable, ln: Line) -> bool:
    last = table.notes[-1] if table.notes else ""
    return bool(last) and last[-1] not in CLAUSE_END and len(ln.text) > NOTE_CONTINUATION_MIN_CHARS
