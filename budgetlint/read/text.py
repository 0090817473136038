"""Reader for text exports (``.txt``/``.md``): paragraphs plus tab-separated grids.

The exports this reads were made by PDF-to-text tools: tables arrive as
tab-separated rows, narrative as lines that may be broken anywhere, and both
carry debris from the converter (Markdown ``#``/``**``, HTML ``<p>``/``<sup>``,
stray LaTeX such as ``\\rightarrow``). This module only *segments* the text:

* tables: a run of tab-separated lines, with the title and caption lines
  (部门名称, 单位：万元, 预算 10 表) found just above it and 注/备注 lines just
  below it; every cell keeps the 1-based source line and its raw text;
* paragraphs: the remaining lines, with wrap breaks (even across a blank line
  in mid-sentence) joined and a span map back to the source lines.

It gives no meaning to anything: table kinds, units and row keys belong to
``budgetlint.recognise``. A file with (almost) no tab-separated rows is handed
to ``budgetlint.read.layout`` (space-aligned layout text), with the header layouts the
caller passed. The heuristics it shares with the other readers (page numbers, sentence ends,
notes) are in ``budgetlint.read.heuristics``.
"""

from __future__ import annotations

import re
from msgspec import Struct, field
from pathlib import Path
from typing import Sequence

from budgetlint.lazy_regex import lazy_compile
from budgetlint.errors import InputError
from budgetlint.limits import Limits, check_cells, check_line_length
from budgetlint.model import ParseWarning, Provenance, RawCell, RawDocument, RawParagraph, RawTable
from budgetlint.numbers import parse_number
from budgetlint.read import reader
from budgetlint.read.heuristics import (
    CAPTION_MAX_CHARS,
    CLAUSE_END,
    PAGE_NUMBER_RE,
    SENTENCE_END,
    WRAPPED_NOTE_RE,
)
from budgetlint.read.layout import HeaderLayout, read_layout

# ----------------------------------------------------------------- decoding

_CONTROL_RE = lazy_compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Text is binary when the first _BINARY_SAMPLE_CHARS characters hold more control characters
# than _CONTROL_CHARS_ALLOWED and one in _CONTROL_CHARS_PER (a few stray ones are converter debris).
_BINARY_SAMPLE_CHARS = 20000
_CONTROL_CHARS_ALLOWED = 8
_CONTROL_CHARS_PER = 50


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    Raises InputError when the bytes are not text (NUL bytes, many control
    characters, or undecodable in both encodings).
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with BOM (Windows "Unicode" text)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "不是文本文件（UTF-16 内容无法解码）", "binary") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "不是文本文件（含有二进制内容），请提供文本导出或原始 PDF", "binary")
    text: str | None = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise InputError(path, "不是文本文件（无法按 UTF-8 或 GB18030 解码）", "binary")
    sample = text[:_BINARY_SAMPLE_CHARS]
    if sample and len(_CONTROL_RE.findall(sample)) > max(_CONTROL_CHARS_ALLOWED, len(sample) // _CONTROL_CHARS_PER):
        raise InputError(path, "不是文本文件（含有大量控制字符）", "binary")
    return text


# ------------------------------------------------------------ debris removal

_SUP_RE = lazy_compile(r"<sup>\s*([^<]{0,8}?)\s*</sup>", re.IGNORECASE)
_SUP_MAP = {"2": "²", "3": "³"}
_TAG_RE = lazy_compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_LATEX_INLINE_RE = lazy_compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$[^$\n]{0,80}\$")
_LATEX_CMD_RE = lazy_compile(r"\\[a-zA-Z]+\*?")
_BOLD_RE = lazy_compile(r"\*\*(.*?)\*\*|__(.*?)__")
_HEADING_RE = lazy_compile(r"^\s{0,3}#{1,6}\s*")
_BULLET_RE = lazy_compile(r"^\s*[-*+]\s+")
_SPACES_RE = lazy_compile(r"[ \u3000\u00a0]+")
# Arrows and boxes a converter drew instead of tabs: a line holding them is shredded.
_SHRED_CHARS = frozenset("\u21e5\u21e4\u2192\u25a1")


def clean_fragment(text: str) -> str:
    """Remove Markdown/HTML/LaTeX debris from one cell or line, keep the words."""
    s = text.replace("\r", "")
    if "<" in s:
        s = _SUP_RE.sub(lambda m: _SUP_MAP.get(m.group(1), m.group(1)), s)
        s = re.sub(r"<br\s*/?>", " ", s, flags=re.IGNORECASE)
        s = _TAG_RE.sub(" ", s)
    if "\\" in s or "$" in s:
        s = _LATEX_INLINE_RE.sub(" ", s)
        s = _LATEX_CMD_RE.sub(" ", s)
    if "*" in s or "__" in s:
        s = _BOLD_RE.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), s)
        s = s.replace("**", "")  # bold markers whose partner is on another line
    s = _SPACES_RE.sub(" ", s)
    return s.strip()


def clean_line(line: str) -> str:
    """Clean a narrative line: headings and bullets lose their markers too."""
    s = _HEADING_RE.sub("", line)
    s = _BULLET_RE.sub("", s)
    return clean_fragment(s)


# ------------------------------------------------------------ line classes

_SHEET_LABEL_RE = lazy_compile(r"^(预算|决算|公开)\s*\d{1,2}\s*表$|^(附表|表)\s*\d{1,2}$")
_TITLE_RE = lazy_compile(
    r"表\s*(\(|（)?\s*(\d{4}\s*年度?)?\s*(\)|）)?\s*$|情况表|汇总表|目标表|预算表|决算表|支出表|收入表"
)
_HEADING_START_RE = lazy_compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．]\s*\S|附件|目\s*录)"
)
_DATE_LINE_RE = lazy_compile(
    r"^[0-9〇零一二三四五六七八九十oO]{4}\s*年(\s*[0-9一二三四五六七八九十]{1,2}\s*月)?(\s*[0-9一二三四五六七八九十]{1,3}\s*日)?$"
)
_NUMBERISH_RE = lazy_compile(r"\d+\s*[.,]\s*\d+")
# A tab-indented line this long with sentence punctuation, alone between text lines, is prose.
INDENTED_PROSE_MIN_CHARS = 30
# A cell at least this long holding this many numbers that do not parse as one was shredded.
SHREDDED_CELL_MIN_CHARS = 8
SHREDDED_CELL_MIN_NUMBERS = 3
# The wrapped tail of a row (``费`` / ``行维护费``) fills at most this many cells, each short.
CONTINUATION_MAX_CELLS = 3
CONTINUATION_MAX_CHARS = 12
# A remark under an empty table (本表无数据) is one short sentence.
EMPTY_REMARK_MAX_CHARS = 80
# A caption fragment this short (``元`` of ``单位：万`` / ``元``) belongs to the line before.
CAPTION_FRAGMENT_MAX_CHARS = 2
# Caption lines looked at above a table before giving up on finding its title.
CAPTION_MAX_LINES = 10
# A line shorter than this (spaces removed) stands alone: a heading or a short list item.
STANDALONE_MAX_CHARS = 16
# A file with fewer tab-separated lines than this is layout text (budgetlint.read.layout).
MIN_TAB_LINES = 3


class _Line(Struct):
    no: int  # 1-based source line
    raw: str
    text: str  # cleaned text of a non-tab line
    cells_raw: list[str] = field(default_factory=list)  # tab-separated cells, raw
    cells: list[str] = field(default_factory=list)  # cleaned cells

    @property
    def blank(self) -> bool:
        return not self.is_tab and not self.text

    @property
    def is_tab(self) -> bool:
        return bool(self.cells) and any(self.cells)


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        if "\t" in raw:
            parts = raw.split("\t")
            cells = [clean_fragment(p) for p in parts]
            line = _Line(no=no, raw=raw, text="", cells_raw=parts, cells=cells)
            if not line.is_tab:  # tabs but nothing in them: treat as blank
                line = _Line(no=no, raw=raw, text="")
            out.append(line)
        else:
            out.append(_Line(no=no, raw=raw, text=clean_line(raw)))
    _untab_indented_prose(out)
    return out


def _untab_indented_prose(lines: list[_Line]) -> None:
    """A lone tab-indented sentence between text lines is narrative, not a one-cell table."""

    def neighbour_is_tab(i: int, step: int) -> bool:
        j = i + step
        while 0 <= j < len(lines) and lines[j].blank:
            j += step
        return 0 <= j < len(lines) and lines[j].is_tab

    for i, ln in enumerate(lines):
        if not ln.is_tab:
            continue
        filled = [c for c in ln.cells if c]
        if len(filled) != 1 or len(filled[0]) < INDENTED_PROSE_MIN_CHARS or not any(p in filled[0] for p in "，。；"):
            continue
        if not neighbour_is_tab(i, -1) and not neighbour_is_tab(i, 1):
            lines[i] = _Line(no=ln.no, raw=ln.raw, text=clean_line(ln.raw.replace("\t", " ")))


def _is_shredded(line: _Line) -> bool:
    """A row the converter shredded: arrow glyphs in place of tabs, or many numbers in one cell."""
    if any(ch in _SHRED_CHARS for ch in line.raw):
        return True
    for cell in line.cells:
        if (
            len(cell) >= SHREDDED_CELL_MIN_CHARS
            and len(_NUMBERISH_RE.findall(cell)) >= SHREDDED_CELL_MIN_NUMBERS
            and parse_number(cell) is None
        ):
            return True
    return False


def _looks_like_title(text: str) -> bool:
    t = text.replace(" ", "")
    if not t or len(t) > CAPTION_MAX_CHARS or t[-1] in SENTENCE_END:
        return False
    if WRAPPED_NOTE_RE.match(t) or t.startswith(("部门名称", "单位")):
        return False
    return bool(_TITLE_RE.search(t))


def _looks_like_caption(text: str) -> bool:
    t = text.replace(" ", "")
    if not t:
        return False
    if len(t) > CAPTION_MAX_CHARS or t.endswith("。"):
        return False
    return True


# ---------------------------------------------------------------- segments


def _is_continuation_row(cells: list[str], previous: list[str] | None) -> bool:
    """A row holding only the wrapped tail of a previous row's text cells (``费`` / ``行维护费``)."""
    if previous is None:
        return False
    filled = [c for c in cells if c]
    if not filled or len(filled) > CONTINUATION_MAX_CELLS:
        return False
    if any(len(c) > CONTINUATION_MAX_CHARS or parse_number(c) is not None for c in filled):
        return False
    if not any("." in c and parse_number(c) is not None for c in previous):
        return False  # the row above is a header or text row: nothing to continue
    if not any(c.strip().isdigit() for c in previous[:2]) or any(c for c in cells[:2] if c.strip().isdigit()):
        return False  # only coded rows (科目编码) wrap; a new coded row is not a tail
    if any(_HEADING_START_RE.match(c) for c in filled):
        return False  # a numbered item ("九、…") starts a row of its own
    for i, c in enumerate(cells):
        if c and (i >= len(previous) or not previous[i] or parse_number(previous[i]) is not None):
            return False
    return True


def _table_from_run(run: list[_Line], path: str, warnings: list[ParseWarning]) -> list[list[RawCell]]:
    """Turn a run of tab lines into grid rows; merge wrapped cell tails; drop shredded rows."""
    rows: list[list[RawCell]] = []
    row_texts: list[list[str]] = []
    for line in run:
        if not line.is_tab:
            continue
        if _is_shredded(line):
            warnings.append(
                ParseWarning(
                    code="shredded-row",
                    message=f"第 {line.no} 行是转换工具打乱的表格行（多个数值挤在一格或含有乱码符号），已忽略",
                    provenance=Provenance(path=path, line=line.no, raw=line.raw[:200]),
                )
            )
            continue
        cells = list(line.cells)
        while cells and not cells[-1]:
            cells.pop()
        if _is_continuation_row(cells, row_texts[-1] if row_texts else None):
            prev_cells = rows[-1]
            prev_texts = row_texts[-1]
            for i, c in enumerate(cells):
                if c:
                    joined = prev_texts[i] + c
                    old = prev_cells[i].provenance
                    printed = prev_cells[i].printed
                    prev_texts[i] = joined
                    prev_cells[i] = RawCell(
                        text=joined,
                        provenance=old.model_copy(
                            update={
                                "end_line": line.no,
                                "raw": f"{printed}\n{line.cells_raw[i] if i < len(line.cells_raw) else c}",
                            }
                        ),
                    )
            continue
        # The cells of a line share one provenance unless a cell's printed text differs from
        # what it reads as (spaces around it): one record per cell was most of a large table's
        # raw memory, and recognition gives each cell its own provenance anyway.
        at_line = Provenance(path=path, line=line.no)
        grid_row = [
            RawCell(
                text=c,
                provenance=at_line
                if line.cells_raw[i] == c
                else Provenance(path=path, line=line.no, raw=line.cells_raw[i]),
            )
            for i, c in enumerate(cells)
        ]
        rows.append(grid_row)
        row_texts.append(cells)
    return rows


# An unnumbered remark printed under an empty table: "我部门 2024 年没有使用政府性基金预算拨款
# 安排的支出。", "本单位无……，故此表无数据。" (the 注/备注 form is caught by WRAPPED_NOTE_RE).
_EMPTY_REMARK_RE = lazy_compile(
    r"(?:故|因此|所以)?[本此该]表(?:无数据|为空|无内容|数据为空)"
    r"|^(?:我|本)(?:部门|单位|局|中心|办)[^。；;]{0,40}?(?:没有|无|未安排|不涉及)"
)


def _is_empty_table_remark(text: str) -> bool:
    """A short sentence explaining why the table above prints no amounts."""
    t = text.replace(" ", "")
    return 0 < len(t) <= EMPTY_REMARK_MAX_CHARS and bool(_EMPTY_REMARK_RE.search(t)) and not _looks_like_title(t)


def _has_nonzero_amount(rows: list[list[RawCell]]) -> bool:
    for row in rows:
        for cell in row:
            parsed = parse_number(cell.text)
            if parsed is not None and parsed.value != 0 and parsed.decimals > 0:
                return True
    return False


_SPLIT_DEPT_RE = lazy_compile(r"^部门\s*名\s*(?P<name>[^:：]+?)\s*称\s*[:：]\s*(?P<rest>.*)$")


def _repair_caption(line: str) -> list[str]:
    """Undo a label printed down the page: ``部门`` / ``名 <name>`` / ``称：`` -> ``部门名称：<name>``."""
    m = _SPLIT_DEPT_RE.match(line)
    if not m:
        return [line]
    out = [f"部门名称：{m.group('name').strip()}"]
    if m.group("rest").strip():
        out.append(m.group("rest").strip())
    return out


def _join_caption(lines: list[str]) -> list[str]:
    """Join caption fragments broken over lines (``单位：万`` + ``元``; ``部门`` / ``名 …`` / ``称：``)."""
    out: list[str] = []
    for text in lines:
        t = text.strip()
        if not t:
            continue
        if out and (
            len(t.replace(" ", "")) <= CAPTION_FRAGMENT_MAX_CHARS
            or out[-1].endswith(("：", ":"))
            or len(out[-1].replace(" ", "")) <= CAPTION_FRAGMENT_MAX_CHARS
        ):
            out[-1] = out[-1] + t
        else:
            out.append(t)
    return [part for line in out for part in _repair_caption(line)]


def segment(text: str, path: str) -> RawDocument:
    """Split decoded text into paragraphs and tables (the heart of the reader)."""
    lines = _split_lines(text)
    warnings: list[ParseWarning] = []
    n = len(lines)
    consumed = [False] * n
    tables: list[tuple[int, RawTable]] = []  # (index of first line, table)

    i = 0
    while i < n:
        if not lines[i].is_tab:
            i += 1
            continue
        # A run of tab lines; blank lines, page numbers and sheet labels inside it are skipped.
        start = i
        run: list[_Line] = []
        j = i
        last_tab = i
        while j < n:
            ln = lines[j]
            if ln.is_tab:
                run.append(ln)
                last_tab = j
                j += 1
                continue
            if ln.blank or PAGE_NUMBER_RE.match(ln.text) or _SHEET_LABEL_RE.match(ln.text.replace(" ", "")):
                k = j + 1
                while k < n and (lines[k].blank or PAGE_NUMBER_RE.match(lines[k].text)):
                    k += 1
                if k < n and lines[k].is_tab:
                    j = k
                    continue
            break
        end = last_tab
        for k in range(start, end + 1):
            consumed[k] = True

        # Title and caption above the run.
        caption_lines: list[tuple[int, str]] = []
        title, title_idx = "", None
        k = start - 1
        while k >= 0 and len(caption_lines) < CAPTION_MAX_LINES:
            ln = lines[k]
            if consumed[k] or ln.is_tab:
                break
            if ln.blank:
                k -= 1
                continue
            if _looks_like_title(ln.text):
                title, title_idx = ln.text, k
                break
            if not _looks_like_caption(ln.text):
                break
            caption_lines.append((k, ln.text))
            k -= 1
        if title_idx is None:
            caption_lines = []  # no title found: the lines above are narrative
        else:
            consumed[title_idx] = True
            for k2, _ in caption_lines:
                consumed[k2] = True
            # A sheet label (预算 10 表) just above the title belongs to the caption.
            k = title_idx - 1
            while k >= 0 and lines[k].blank:
                k -= 1
            if (
                k >= 0
                and not consumed[k]
                and not lines[k].is_tab
                and _SHEET_LABEL_RE.match(lines[k].text.replace(" ", ""))
            ):
                consumed[k] = True
                caption_lines.append((k, lines[k].text))
        caption = _join_caption([t for _, t in sorted(caption_lines)])
        first = title_idx if title_idx is not None else start
        grid = _table_from_run(run, path, warnings)

        # Notes below the run: 注/备注 lines (possibly after blanks) until the next title or table;
        # below a table without amounts, also the sentence saying why it is empty.
        notes: list[str] = []
        k = end + 1
        no_amounts = not _has_nonzero_amount(grid)
        while k < n:
            ln = lines[k]
            if ln.blank:
                k += 1
                continue
            if ln.is_tab:
                break
            if not WRAPPED_NOTE_RE.match(ln.text.replace(" ", "")) and not (
                no_amounts and _is_empty_table_remark(ln.text)
            ):
                break
            notes.append(ln.text)
            consumed[k] = True
            k += 1

        table = RawTable(
            title=title,
            caption=caption,
            rows=grid,
            notes=notes,
            aligned=True,
            provenance=Provenance(path=path, line=lines[first].no, end_line=lines[end].no, raw=title or None),
        )
        tables.append((first, table))
        i = max(j, end + 1)

    paragraphs = _paragraphs(lines, consumed, path)
    blocks: list[tuple[int, RawParagraph | RawTable]] = [(p.provenance.line or 0, p) for p in paragraphs]
    blocks += [(t.provenance.line or 0, t) for _, t in tables]
    blocks.sort(key=lambda b: b[0])
    return RawDocument(path=path, format="text", blocks=[b for _, b in blocks], warnings=warnings)


def _joins(prev: str, nxt: str) -> bool:
    """True when ``nxt`` continues the sentence ``prev`` broke off (wrap across a blank line)."""
    p = prev.rstrip()
    if len(p.replace(" ", "")) < STANDALONE_MAX_CHARS:
        return False  # headings and short list items stand alone
    if _HEADING_START_RE.match(p) and not any(ch in p for ch in "，,。；;"):
        return False  # a numbered heading ("四、财政拨款收入支出预算总体情况说明")
    if p[-1] in CLAUSE_END:
        return False
    if p.endswith(("”", "）", ")", "」", "》")) and len(p) >= 2 and p[-2] in "。！？；":
        return False
    if _HEADING_START_RE.match(nxt) or _looks_like_title(nxt) or _DATE_LINE_RE.match(nxt):
        return False
    return True


def _paragraphs(lines: list[_Line], consumed: list[bool], path: str) -> list[RawParagraph]:
    out: list[RawParagraph] = []
    current: list[_Line] = []

    def flush() -> None:
        if not current:
            return
        text = ""
        spans: list[tuple[int, Provenance]] = []
        for ln in current:
            piece = ln.text
            if text and text[-1].isascii() and text[-1].isalnum() and piece[:1].isascii() and piece[:1].isalnum():
                text += " "
            spans.append((len(text), Provenance(path=path, line=ln.no, raw=ln.raw)))
            text += piece
        first, last = current[0], current[-1]
        out.append(
            RawParagraph(
                text=text,
                spans=spans,
                provenance=Provenance(
                    path=path, line=first.no, end_line=last.no if last.no != first.no else None, raw=first.raw
                ),
            )
        )
        current.clear()

    adjacent = False  # the previous line was a text line with no blank line between
    for idx, ln in enumerate(lines):
        if consumed[idx] or ln.is_tab:
            flush()
            adjacent = False
            continue
        if ln.blank:
            adjacent = False
            continue  # a blank line ends a paragraph only if the next line does not continue it
        wrapped = adjacent and not (
            _HEADING_START_RE.match(ln.text) or _HEADING_RE.match(ln.raw) or _BULLET_RE.match(ln.raw)
        )
        after_heading = bool(current) and bool(_HEADING_RE.match(current[-1].raw))
        if current and not after_heading and (wrapped or _joins(current[-1].text, ln.text)):
            current.append(ln)
        else:
            flush()
            current.append(ln)
        adjacent = not _HEADING_RE.match(ln.raw)
    flush()
    return out


# ------------------------------------------------------------------ entry


def _tab_line_count(text: str) -> int:
    return sum(1 for line in text.split("\n") if "\t" in line and line.strip())


def parse_text(text: str, path: str, header_layouts: Sequence[HeaderLayout] = ()) -> RawDocument:
    """Read decoded text: tab-separated export here, layout text elsewhere.

    ``header_layouts``: header grids for the layout reader (see ``budgetlint.read.read_path``)."""
    if _tab_line_count(text) < MIN_TAB_LINES:
        return read_layout(Path(path), text, header_layouts)
    return segment(text, path)


@reader(".txt", ".md", ".text")
def read_text(path: Path, limits: Limits | None = None, header_layouts: Sequence[HeaderLayout] = ()) -> RawDocument:
    """Read a text export of a budget/final-accounts document."""
    limits = limits or Limits()
    text = decode_bytes(path.read_bytes(), str(path))
    check_line_length(str(path), text, limits)
    # every tab separates two cells: an upper bound on the cells, counted before they are built
    check_cells(str(path), text.count("\t"), limits, "制表符分隔的单元格")
    return parse_text(text, str(path), header_layouts)
