"""Word reader (``.docx``): narrative paragraphs and tables from the body XML.

python-docx opens the package, but the text is read by walking the body XML
ourselves, in document order, because ``paragraph.text`` drops text inside
tracked insertions (``w:ins``) and content controls (``w:sdt``) — exactly
where staff put the figures they edited last. Rules:

* text = every ``w:t`` under the paragraph (inside ``w:ins``, ``w:sdt``,
  ``w:hyperlink``, ``w:smartTag`` … included); ``w:tab`` → tab, ``w:br``/``w:cr``
  → line break; deleted text (``w:del`` / ``w:delText``, ``w:moveFrom``) is skipped;
* tables: ``w:tbl`` / ``w:tr`` / ``w:tc``; a cell spanning ``w:gridSpan`` = n
  grid columns is followed by n−1 covered positions; a ``w:vMerge`` cell
  without ``w:val="restart"`` continues the cell above and is covered;
* the paragraphs just above a table that look like its title and caption
  (``2024 年部门支出预算表``, ``单位：万元``) become the table's title/caption;
  ``注：`` paragraphs right under it become its notes.

Provenance: a paragraph's ``line`` is its 1-based index among the body's
paragraphs in document order (paragraphs inside tables not counted), the same
number for every sentence of it. A table cell carries ``table`` (``docx-t1``,
1-based), ``row`` and ``column`` (1-based grid positions, as text) and the
``line`` of the paragraph just above the table.
"""

from __future__ import annotations

from budgetlint.i18n import _, _f

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

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
from budgetlint.read.heuristics import CAPTION_MAX_CHARS, CAPTION_RE, NOTE_RE, TABLE_NAME_RE

if TYPE_CHECKING:
    from budgetlint.read.layout import HeaderLayout

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {W + "del", W + "delText", W + "moveFrom", W + "delInstrText", W + "instrText"}
# Paragraphs just above a table looked at for its title and caption.
TITLE_LOOKBACK_PARAGRAPHS = 4


def element_text(el) -> str:
    """All visible text under ``el`` in order: ``w:t`` (tracked insertions and content
    controls included), tabs and breaks; deleted and moved-away text skipped."""
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "tbl":
                continue  # nested table: not part of this paragraph/cell text
            else:
                walk(child)
            if tag == W + "p" and child.getnext() is not None:
                parts.append("\n")  # paragraphs inside one table cell

    walk(el)
    return "".join(parts).strip()


def _body_blocks(body):
    """Paragraphs and tables of the body in document order, looking through
    content controls and tracked insertions wrapped around whole blocks."""
    for child in body:
        tag = child.tag
        if tag in (W + "p", W + "tbl"):
            yield child
        elif tag in (W + "sdt", W + "ins", W + "customXml", W + "smartTag"):
            inner = child.find(W + "sdtContent") if tag == W + "sdt" else child
            if inner is not None:
                yield from _body_blocks(inner)


def _cell_span(tc) -> tuple[int, str | None]:
    """(gridSpan, vMerge value) of a ``w:tc``: vMerge None = no merge, 'restart' or 'continue'."""
    pr = tc.find(W + "tcPr")
    span, vmerge = 1, None
    if pr is not None:
        gs = pr.find(W + "gridSpan")
        if gs is not None:
            try:
                span = max(1, int(gs.get(W + "val", "1")))
            except ValueError:
                span = 1
        vm = pr.find(W + "vMerge")
        if vm is not None:
            vmerge = vm.get(W + "val") or "continue"
    return span, vmerge


def _table_rows(tbl):
    """The ``w:tr`` of a table (not of tables nested in it), looking through content
    controls; rows whose deletion is a tracked change are skipped."""
    for child in tbl:
        if child.tag == W + "tr":
            if child.find(f"{W}trPr/{W}del") is None:
                yield child
        elif child.tag in (W + "sdt", W + "customXml", W + "ins"):
            inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if inner is not None:
                yield from _table_rows(inner)


def _row_cells(tr):
    """The ``w:tc`` of a row, looking through content controls; ``gridBefore`` as leading gaps."""
    out = []
    for child in tr:
        if child.tag == W + "tc":
            out.append(child)
        elif child.tag in (W + "sdt", W + "customXml", W + "ins"):
            inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if inner is not None:
                out.extend(inner.iter(W + "tc"))
    return out


class _Builder:
    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.cells = 0  # table cells so far (the cell limit is checked row by row)
        self.doc = RawDocument(path=path, format="docx")
        self.pending: list[tuple[int, str]] = []  # paragraphs not yet placed (line, text)
        self.line = 0
        self.tables = 0
        self.last_table: RawTable | None = None

    def paragraph(self, p) -> None:
        self.line += 1
        text = element_text(p).replace("\n", "")  # soft line breaks inside a paragraph are wraps
        if not text:
            return
        if self.last_table is not None and NOTE_RE.search(text.replace(" ", "")):
            self.last_table.notes.append(text)
            return
        self.last_table = None
        self.pending.append((self.line, text))

    def flush(self, keep: int = 0) -> None:
        """Emit pending paragraphs as narrative, keeping the last ``keep`` for a table."""
        cut = len(self.pending) - keep
        for line, text in self.pending[:cut]:
            prov = Provenance(path=self.path, line=line, raw=text[:80])
            self.doc.blocks.append(RawParagraph(text=text, spans=[(0, prov)], provenance=prov))
        self.pending = self.pending[cut:]

    def table(self, tbl) -> None:
        self.tables += 1
        table_id = f"docx-t{self.tables}"
        title, title_line, caption = self._take_title()
        rows: list[list[RawCell]] = []
        above: dict[int, bool] = {}  # grid column -> a cell exists above (for vMerge continue)
        anchor_line = title_line or self.line or None
        for r, tr in enumerate(_table_rows(tbl), start=1):
            gb = tr.find(f"{W}trPr/{W}gridBefore")
            col = int(gb.get(W + "val", "0")) if gb is not None and gb.get(W + "val", "0").isdigit() else 0
            cells: list[RawCell] = [self._cell("", table_id, r, c + 1, anchor_line) for c in range(col)]
            for tc in _row_cells(tr):
                span, vmerge = _cell_span(tc)
                text = element_text(tc)
                covered_v = vmerge == "continue" and above.get(col, False)
                if covered_v:
                    text = ""
                cells.append(self._cell(text, table_id, r, col + 1, anchor_line, covered=covered_v))
                for k in range(1, span):
                    cells.append(self._cell("", table_id, r, col + 1 + k, anchor_line, covered=True))
                for k in range(span):
                    above[col + k] = True
                col += span
            rows.append(cells)
            self.cells += len(cells)
            check_cells(self.path, self.cells, self.limits)
        width = max((len(r) for r in rows), default=0)
        for r_index, cells in enumerate(rows, start=1):
            while len(cells) < width:
                cells.append(self._cell("", table_id, r_index, len(cells) + 1, anchor_line))
        title, caption = _title_rows_lifted(rows, title, caption)
        raw = RawTable(
            title=title,
            caption=caption,
            rows=rows,
            aligned=True,
            positioned=True,
            provenance=Provenance(path=self.path, line=anchor_line, table=table_id, raw=title or None),
        )
        self.doc.blocks.append(raw)
        self.last_table = raw

    def _cell(self, text, table_id, row, column, line, covered=False) -> RawCell:
        return RawCell(
            text=text,
            covered=covered,
            provenance=Provenance(
                path=self.path,
                line=line,
                table=table_id,
                row=str(row),
                column=str(column),
                raw=text,
            ),
        )

    def _take_title(self) -> tuple[str, int | None, list[str]]:
        """Title and caption from the paragraphs just above a table (at most four)."""
        take = 0
        title, title_line = "", None
        for line, text in reversed(self.pending[-TITLE_LOOKBACK_PARAGRAPHS:]):
            t = text.replace(" ", "")
            if len(t) > CAPTION_MAX_CHARS:
                break
            if CAPTION_RE.search(t):
                take += 1
                continue
            if TABLE_NAME_RE.search(t) and not title:
                take += 1
                title, title_line = text, line
                break  # nothing above the title belongs to the table
            break
        captured = self.pending[len(self.pending) - take :] if take else []
        self.flush(keep=take)
        self.pending = []
        caption = [text for line, text in captured if line != title_line]
        return title, title_line, caption


def _title_rows_lifted(rows: list[list[RawCell]], title: str, caption: list[str]) -> tuple[str, list[str]]:
    """Rows printing one text across the table's width (its title, 单位：万元) are its caption,
    not its header; a table name there is its title (the paragraph taken for it above, a heading
    such as "附件：2025年部门预算表", is then caption). Changes ``rows`` in place."""
    while len(rows) > 2 and len(rows[0]) > 1 and all(c.covered or not c.text.strip() for c in rows[0][1:]):
        text = rows.pop(0)[0].text.strip()
        if not text:
            continue
        if TABLE_NAME_RE.search(text.replace(" ", "")) and not CAPTION_RE.search(text.replace(" ", "")):
            caption = [title, *caption] if title else caption
            title = text
        else:
            caption = [*caption, text]
    return title, caption


@reader(".docx")
def read_docx(path: Path, limits: Limits | None = None, header_layouts: Sequence[HeaderLayout] = ()) -> RawDocument:
    """Read a Word .docx into a RawDocument (paragraphs and tables in document order).

    ``header_layouts`` are for layout text only (see ``budgetlint.read.read_path``).
    """
    limits = limits or Limits()
    try:
        import docx  # python-docx
    except ModuleNotFoundError:  # pragma: no cover - declared dependency
        raise InputError(str(path), "缺少 python-docx 库，无法读取 Word 文件（pip install python-docx）") from None
    if not zipfile.is_zipfile(path):
        with open(path, "rb") as fh:
            head = fh.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(
                str(path), "这是旧版 Word（.doc）或加密的文件，请另存为 .docx 后再检查", "unsupported-format"
            )
        raise InputError(str(path), "Word 文件已损坏或不是有效的 .docx 文件")
    check_zip_package(path, limits)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for damaged packages
        raise InputError(
            str(path), _f("Word 文件已损坏或不是有效的 .docx 文件（{reason}）", reason=type(exc).__name__)
        ) from None
    builder = _Builder(str(path), limits)
    body = document.element.find(W + "body")  # None when the main part is no w:document
    if body is None:
        raise InputError(str(path), _f("Word 文件已损坏或不是有效的 .docx 文件（{reason}）", reason=_("没有正文")))
    for block in _body_blocks(body):
        if block.tag == W + "p":
            builder.paragraph(block)
        else:
            builder.table(block)
    builder.flush()
    if not builder.doc.blocks:
        raise InputError(str(path), "Word 文件没有任何文字内容", "empty")
    if _has_tracked_changes(body):
        builder.doc.warnings.append(
            ParseWarning(
                code="tracked-changes",
                message="Word 文件含有未接受的修订：按接受全部修订后的文字检查（插入的文字计入，删除的文字不计）",
                provenance=Provenance(path=str(path)),
            )
        )
    return builder.doc


def _has_tracked_changes(body) -> bool:
    return next(body.iter(W + "ins", W + "del"), None) is not None
