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
whose rows are ``RawCell`` lists with line provenance. It never interprets what
a table means; the only outside knowledge it uses is the header layout
templates of ``rules/vocab/*tables*.yaml`` (``layout_headers``), which let it
rebuild a shredded header whose words it finds in the printed header text.
Anything it repairs (a number rejoined across a line break, a header rebuilt
from a template) is said in the cell's ``provenance.note``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import ParseWarning, Provenance, RawCell, RawDocument, RawParagraph, RawTable

# ------------------------------------------------------------------ patterns

_TABLE_MARKER_RE = lazy_compile(r"^公开\s*0?(\d{1,2})\s*表$")
_PAGE_NUMBER_RE = lazy_compile(r"^[-－—–]\s*\d+\s*[-－—–]$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
_SECTION_RE = lazy_compile(r"^第[一二三四五六七八九十]+部分")
_NOTE_RE = lazy_compile(r"^(?:注|说明|备注)\s*[:：]")
_UNIT_LINE_RE = lazy_compile(r"单\s*位\s*[:：]")
_CAPTION_RE = lazy_compile(r"部门名称\s*[:：]|单\s*位\s*[:：]|编制单位\s*[:：]")
# Amounts as printed: 56.94, 0, 19,572.91 (thousands separators), and fragments of a
# number broken by a line break (449. / 76).
_NUMBER_TOKEN_RE = lazy_compile(r"^-?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+\.?\d*|\.\d+)$")
_INT_TOKEN_RE = lazy_compile(r"^\d+$")
_FUNCTIONAL_CODE_RE = lazy_compile(r"^\d{3}(?:\d{2}){0,2}$")  # 201, 20103, 2010301 (also 301, 30101)
_VALID_NUMBER_RE = lazy_compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_ROW_END_TOKEN_RE = lazy_compile(r"^(?:-?\d+(?:\.\d+)?%?|-%|是|否)$")
_HEADING_RE = lazy_compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[.．、](?!\d)|其中[:：]|[一二三四五六七八九十]是)"
)
_FINAL_PUNCT = "。；：！？;:!?"
_STACKED_HEADER = "<"  # template cell covered by the cell on its left (horizontal merge)
_STACKED_ABOVE = "^"  # template cell covered by the cell above (vertical merge)


def _width(s: str) -> int:
    """Display width: CJK and full-width characters count 2."""
    # Ambiguous-width characters (“ ” ‘ ’ …) print full-width in Chinese text.
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


def _is_number(tok: str) -> bool:
    return bool(_NUMBER_TOKEN_RE.match(tok))


def _is_code(tok: str) -> bool:
    return bool(_FUNCTIONAL_CODE_RE.match(tok))


def _decimal(tok: str) -> Decimal | None:
    try:
        return Decimal(tok.rstrip(".").replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


# ------------------------------------------------------------ header templates


@dataclass(frozen=True)
class _HeaderTemplate:
    """A printed header layout: its words and the grid they form."""

    name: str
    labels: int  # label columns (科目代码, 科目名称 / 项目, 行次) before or between values
    values: int  # value columns, as counted by the 栏次 row
    two_sided: bool
    rows: tuple[tuple[str, ...], ...]
    match: tuple[str, ...]


@lru_cache(maxsize=1)
def _header_templates() -> tuple[_HeaderTemplate, ...]:
    """Load ``layout_headers`` from every ``rules/vocab/*tables*.yaml`` (missing files are fine)."""
    try:
        from budgetlint.resources import is_yaml_error, load_data_file, vocab_dir

        files = sorted(vocab_dir().glob("*tables*.yaml"))
    except (FileNotFoundError, OSError):
        return ()
    out: list[_HeaderTemplate] = []
    for f in files:
        try:
            data = load_data_file(f) or {}
        except Exception as exc:  # an unreadable template file is skipped
            if isinstance(exc, OSError) or is_yaml_error(exc):
                continue
            raise
        for entry in (data.get("layout_headers") or []) if isinstance(data, dict) else []:
            rows = tuple(tuple(str(c) for c in r) for r in entry.get("rows", []))
            if not rows:
                continue
            words = [c for r in rows for c in r if c and c not in (_STACKED_HEADER, _STACKED_ABOVE)]
            out.append(
                _HeaderTemplate(
                    name=str(entry.get("name", "")),
                    labels=int(entry.get("labels", 0)),
                    values=int(entry["values"]),
                    two_sided=bool(entry.get("two_sided", False)),
                    rows=rows,
                    match=tuple(str(w) for w in entry.get("match", words)),
                )
            )
    return tuple(out)


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _choose_template(header_text: str, values: int, two_sided: bool) -> _HeaderTemplate | None:
    """The template whose words all occur in the printed header and whose width fits."""
    text = _squash(header_text)
    best: tuple[int, _HeaderTemplate] | None = None
    for t in _header_templates():
        if t.values != values or t.two_sided != two_sided:
            continue
        if not all(_squash(w) in text for w in t.match):
            continue
        score = sum(len(_squash(w)) for w in set(t.match))
        if best is None or score > best[0]:
            best = (score, t)
    return best[1] if best else None


# ------------------------------------------------------------------ lines


@dataclass
class _Line:
    no: int  # 1-based line number in the source
    text: str  # stripped text


@dataclass
class _Tok:
    text: str
    line: int
    raw: str | None = None  # printed form when it differs from text


@dataclass
class _Row:
    """A logical table row assembled from one or more printed lines."""

    code: _Tok | None = None
    name: list[_Tok] = field(default_factory=list)
    values: list[_Tok] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)  # value index -> provenance note
    raw_values: dict[int, str] = field(default_factory=dict)  # value index -> raw text when rejoined
    end_lines: dict[int, int] = field(default_factory=dict)

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else 0


class _Ctx:
    def __init__(self, path: Path):
        self.path = str(path)
        self.warnings: list[ParseWarning] = []

    def prov(self, line: int | None, raw: str | None = None, **kw) -> Provenance:
        return Provenance(path=self.path, line=line or None, raw=raw, **kw)

    def cell(self, text: str, line: int | None, raw: str | None = None, **kw) -> RawCell:
        return RawCell(text=text, provenance=self.prov(line, text if raw is None else raw, **kw))

    def warn(self, code: str, message: str, line: int | None) -> None:
        self.warnings.append(ParseWarning(code=code, message=message, provenance=self.prov(line)))


# ------------------------------------------------------------- entry point


def read_layout(path: Path, text: str) -> RawDocument:
    """Read space-separated layout text into paragraphs and raw tables (never raises on text)."""
    ctx = _Ctx(path)
    lines = [_Line(i + 1, raw.replace("\r", "").strip()) for i, raw in enumerate(text.split("\n"))]
    regions = _find_table_regions(lines)
    blocks: list[RawParagraph | RawTable] = []
    cursor = 0
    for start, end, kind in regions:
        blocks.extend(_paragraphs(ctx, lines[cursor:start]))
        table = (
            _parse_vertical_table(ctx, lines[start:end]) if kind == "vertical" else _parse_table(ctx, lines[start:end])
        )
        if table is not None:
            blocks.append(table)
        cursor = end
    blocks.extend(_paragraphs(ctx, lines[cursor:]))
    return RawDocument(path=str(path), format="text", blocks=blocks, warnings=ctx.warnings)


# ---------------------------------------------------------- segmentation


def _is_skippable(line: _Line) -> bool:
    return not line.text or bool(_PAGE_NUMBER_RE.match(line.text))


def _prev_content(lines: list[_Line], i: int, limit: int = 4) -> int | None:
    j, seen = i - 1, 0
    while j >= 0 and seen < limit:
        if not _is_skippable(lines[j]):
            return j
        j -= 1
        seen += 1
    return None


def _next_content(lines: list[_Line], i: int, limit: int = 4) -> int | None:
    j, seen = i + 1, 0
    while j < len(lines) and seen < limit:
        if not _is_skippable(lines[j]):
            return j
        j += 1
        seen += 1
    return None


def _looks_like_title(text: str) -> bool:
    return 0 < len(text) <= 40 and text[-1] not in "。，,；;" and not _is_number(text.split()[0])


def _find_table_regions(lines: list[_Line]) -> list[tuple[int, int, str]]:
    """(start, end, kind) index ranges of tables: 'grid' (公开NN表) or 'vertical' (自评表)."""
    starts: list[tuple[int, str]] = []
    for i, ln in enumerate(lines):
        if _TABLE_MARKER_RE.match(ln.text):
            t = _prev_content(lines, i)
            if t is not None and _looks_like_title(lines[t].text) and not _TABLE_MARKER_RE.match(lines[t].text):
                starts.append((t, "grid"))
            else:
                starts.append((i, "grid-untitled"))  # the title may follow, even after the notes
        elif ln.text.endswith("自评表") and len(ln.text) <= 30:
            # A vertical table: its title is followed by a unit line (单位:万元), not by prose.
            n = _next_content(lines, i, 2)
            if n is not None and _UNIT_LINE_RE.search(lines[n].text) and len(lines[n].text) <= 20:
                p = _prev_content(lines, i, 2)
                first = p if p is not None and lines[p].text.endswith("自评表") else i
                if not starts or starts[-1][0] != first:
                    starts.append((first, "vertical"))
    regions: list[tuple[int, int, str]] = []
    for k, (s, kind) in enumerate(starts):
        limit = max(starts[k + 1][0], s + 1) if k + 1 < len(starts) else len(lines)
        end = _table_end(lines, s, limit, kind)
        if regions and s < regions[-1][1]:
            continue
        regions.append((s, end, "vertical" if kind == "vertical" else "grid"))
    return regions


def _table_end(lines: list[_Line], start: int, limit: int, kind: str) -> int:
    """Index after the last line of a table: notes are included, prose after them is not."""
    i = start + 1
    in_note = False
    last_note_text = ""
    while i < limit:
        t = lines[i].text
        if _is_skippable(lines[i]):
            i += 1
            continue
        if _SECTION_RE.match(t):
            return i
        if kind == "vertical" and i > start + 2 and _HEADING_RE.match(t) and _width(t) > 6 and not _is_code(t):
            return i
        if not in_note and kind != "vertical" and i > start + 3 and not _NOTE_RE.match(t) and _is_prose(t):
            return i  # narrative right after a table that printed no note
        if _NOTE_RE.match(t):
            in_note, last_note_text = True, t
        elif in_note:
            if last_note_text and last_note_text[-1] in "。.":
                if kind == "grid-untitled" and _is_trailing_title(t):
                    return i + 1  # some exports print the title after the table
                return i  # a complete note followed by something that is not a note
            last_note_text = t
        i += 1
    return limit


def _is_trailing_title(text: str) -> bool:
    return _looks_like_title(text) and text.endswith("表") and not _NOTE_RE.match(text)


def _is_prose(text: str) -> bool:
    """A narrative line: sentence punctuation, no trailing amounts, wider than any cell."""
    return _width(text) >= 40 and any(p in text for p in "，。；") and not _is_number(text.split()[-1])


# ------------------------------------------------------------- paragraphs


def _paragraphs(ctx: _Ctx, lines: list[_Line]) -> list[RawParagraph]:
    # Outside tables a line holding only a small integer is a page number ("16").
    content = [ln for ln in lines if not _is_skippable(ln) and not re.fullmatch(r"\d{1,3}", ln.text)]
    if not content:
        return []
    widths = [_width(ln.text) for ln in content]
    groups: list[list[_Line]] = [[content[0]]]
    for k in range(1, len(content)):
        prev, cur = content[k - 1], content[k]
        if _continues(prev.text, cur.text, _full_width(widths, k - 1)):
            groups[-1].append(cur)
        else:
            groups.append([cur])
    out: list[RawParagraph] = []
    for g in groups:
        text, spans = "", []
        for ln in g:
            spans.append((len(text), ctx.prov(ln.no, ln.text)))
            text += ln.text
        out.append(
            RawParagraph(
                text=text,
                spans=spans,
                provenance=ctx.prov(g[0].no, None, end_line=g[-1].no if len(g) > 1 else None),
            )
        )
    return out


def _full_width(widths: list[int], k: int, window: int = 8) -> float:
    """What counts as a full (wrapped) line near line ``k``: the wrap width varies by section."""
    near = sorted(widths[max(0, k - window) : k + window + 1])
    if len(near) < 5:
        return float("inf")  # too little text to tell wrapped lines from short ones
    return near[-2] * 0.88


def _is_heading(text: str, full_width: float) -> bool:
    """A line that opens a section or item, is shorter than a full line and does not run on."""
    return bool(_HEADING_RE.match(text)) and _width(text) < full_width and text[-1] not in "，,、"


def _continues(prev: str, cur: str, full_width: float) -> bool:
    """Does line ``cur`` continue the paragraph that ``prev`` belongs to?

    Wrapping happens only on full lines, so a clearly short line ends its
    paragraph (a heading, a title, a last line) unless it stops mid-sentence
    at nearly full width (titles print in a larger font: fewer characters).
    """
    if _is_heading(prev, full_width):
        return False
    if prev[-1] not in _FINAL_PUNCT and prev[-1] not in "，,、" and _width(prev) < 0.6 * full_width:
        return False
    if _HEADING_RE.match(cur):
        # An item marker starts a new paragraph unless prev stopped mid-number or mid-sentence
        # in a way that makes the marker a fragment ("决算数 5" + "6.94 万元" is not an item).
        if re.match(r"^\d", cur) and re.search(r"[\d.]$", prev):
            return True
        return prev[-1] not in _FINAL_PUNCT and _width(prev) >= full_width
    if prev[-1] not in _FINAL_PUNCT:
        return True
    return _width(prev) >= full_width


# ------------------------------------------------------------------ tables


def _split_caption(lines: list[_Line]) -> tuple[_Line | None, list[_Line], list[_Line], list[_Line]]:
    """(title line, caption lines, body lines, note lines) of a table region.

    The title is the first leading line that is neither the 公开NN表 marker nor a
    部门名称/单位 line (the marker can be printed above or below the title).
    """
    content = [ln for ln in lines if not _is_skippable(ln)]
    title: _Line | None = None
    caption: list[_Line] = []
    i = 0
    while i < len(content) and i < 4:
        t = content[i].text
        if _TABLE_MARKER_RE.match(t) or _CAPTION_RE.search(t):
            caption.append(content[i])
        elif title is None and _looks_like_title(t) and "表" in t and _column_count_line([content[i]]) is None:
            title = content[i]
        else:
            break
        i += 1
    body: list[_Line] = []
    notes: list[_Line] = []
    for ln in content[i:]:
        if notes or _NOTE_RE.match(ln.text):
            notes.append(ln)
        else:
            body.append(ln)
    if title is None and notes and _is_trailing_title(notes[-1].text) and len(notes) > 1:
        title = notes.pop()  # printed below the table (see _table_end)
    return title, caption, body, notes


def _join_notes(notes: list[_Line]) -> list[str]:
    out: list[str] = []
    for ln in notes:
        if _NOTE_RE.match(ln.text) or not out:
            out.append(ln.text)
        else:
            out[-1] += ln.text
    return out


def _count_prefix(text: str) -> int:
    """How many leading tokens of a line form a 栏次 row (``栏次 1 栏次 2 3`` or ``1 2 3 … n``).

    0 when the line is not a 栏次 row. Some exports run the first data row onto
    the 栏次 line (``栏次 1 栏次 2 一、一般公共预算财政拨款收入 1 …``); the column
    numbers are counted while they go 1, 2, 3 … and the rest is data.
    """
    toks = text.split()
    if not toks:
        return 0
    labelled = toks[0].startswith("栏次")
    expected, i = 1, 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("栏次") and labelled:
            rest = t[2:]
            if rest and _INT_TOKEN_RE.match(rest) and int(rest) == expected:
                expected += 1
            elif rest:
                break
        elif _INT_TOKEN_RE.match(t) and int(t) == expected:
            expected += 1
        else:
            break
        i += 1
    if expected == 1 or (not labelled and (i != len(toks) or expected < 3)):
        return 0  # no column numbers, or a bare run of numbers that is not just 1 … n
    return i


def _column_count_line(body: list[_Line]) -> int | None:
    """Index of the 栏次 line (``栏次 1 2 3`` or a bare ``1 2 3 … n`` run)."""
    for i, ln in enumerate(body):
        if _count_prefix(ln.text):
            return i
    return None


def _parse_table(ctx: _Ctx, lines: list[_Line]) -> RawTable | None:
    title_line, caption, body, notes = _split_caption(lines)
    first = caption[0] if caption and (title_line is None or title_line.no > caption[0].no) else title_line
    if first is None:
        return None
    title = title_line.text if title_line else ""
    table = RawTable(
        title=_squash(title) if len(title) < 40 else title,
        caption=[ln.text for ln in caption],
        notes=_join_notes(notes),
        provenance=ctx.prov(first.no, first.text),
    )
    k = _column_count_line(body)
    if k is None:
        two = _two_sided_without_count(body)
        if two is not None:
            start, nl, nr = two
            return _parse_two_sided(ctx, table, body[:start], nl, nr, body[start:])
        return _parse_items_table(ctx, table, body)
    header, count_line, data = body[:k], body[k], body[k + 1 :]
    toks = count_line.text.split()
    cut = _count_prefix(count_line.text)
    if cut < len(toks):
        # First data row printed on the 栏次 line: split it off (same line number).
        data = [_Line(count_line.no, " ".join(toks[cut:]))] + data
        count_line = _Line(count_line.no, " ".join(toks[:cut]))
        toks = toks[:cut]
    if sum(1 for t in toks if t.startswith("栏次")) >= 2:
        parts = re.split(r"栏次", count_line.text)[1:]
        nl = len([t for t in parts[0].split() if _INT_TOKEN_RE.match(t)])
        nr = sum(len([t for t in p.split() if _INT_TOKEN_RE.match(t)]) for p in parts[1:])
        return _parse_two_sided(ctx, table, header, nl, nr, data)
    n_values = sum(1 for t in toks if _INT_TOKEN_RE.match(t))
    return _parse_one_sided(ctx, table, header, count_line, data, n_values)


def _two_sided_without_count(body: list[_Line]) -> tuple[int, int, int] | None:
    """(first data line, left values, right values) of a two-sided table printed without 栏次.

    Recognised by 行次 twice in the header; the value counts come from the
    layout template whose words the header holds (nothing is guessed without one).
    """
    start = next((i for i, ln in enumerate(body) if any(_INT_TOKEN_RE.match(t) for t in ln.text.split())), None)
    if not start:
        return None
    header_text = "\n".join(ln.text for ln in body[:start])
    if _squash(header_text).count("行次") < 2:
        return None
    fits = [t for t in _header_templates() if t.two_sided and all(_squash(w) in _squash(header_text) for w in t.match)]
    if not fits:
        return None
    best = max(fits, key=lambda t: sum(len(_squash(w)) for w in t.match))
    return start, 1, best.values - 1


# -- headers


def _header_rows(
    ctx: _Ctx, header: list[_Line], values: int, two_sided: bool, labels_default: int
) -> tuple[list[list[RawCell]], int]:
    """Header rows (from a matching layout template, else as printed) and the label-column count."""
    header_text = "\n".join(ln.text for ln in header)
    template = _choose_template(header_text, values, two_sided) if header else None
    if template is None:
        return [[ctx.cell(t, ln.no) for t in ln.text.split()] for ln in header], labels_default
    first, last = header[0].no, header[-1].no
    note = f"表头按版式模板“{template.name}”重建：原文表头被拆成多行，模板各词均在原文中出现"
    rows: list[list[RawCell]] = []
    for r in template.rows:
        cells: list[RawCell] = []
        for word in r:
            covered = word in (_STACKED_HEADER, _STACKED_ABOVE)
            cells.append(
                RawCell(
                    text="" if covered else word,
                    covered=covered,
                    provenance=ctx.prov(first, header_text, end_line=last, note=note),
                )
            )
        rows.append(cells)
    return rows, template.labels


def _pad(ctx: _Ctx, cells: list[RawCell], width: int, line: int | None) -> list[RawCell]:
    while len(cells) < width:
        cells.append(ctx.cell("", line, ""))
    return cells


# -- one-sided tables (code, name, values …)


def _parse_one_sided(
    ctx: _Ctx, table: RawTable, header: list[_Line], count_line: _Line, data: list[_Line], n: int
) -> RawTable:
    rows = _assemble_rows(data, n)
    _rejoin_broken_numbers(ctx, rows, n)
    has_labels = any(r.code or r.name for r in rows)
    head, labels = _header_rows(ctx, header, n, False, 2 if has_labels else 0)
    if labels == 0 and has_labels:
        labels = 2
    width = labels + n
    table.rows.extend(_pad(ctx, r, width, None) for r in head)
    # The 栏次 row (column numbers) is not copied into the grid: it only told us the width.
    aligned = True
    for r in rows:
        cells: list[RawCell] = []
        if labels:
            cells.append(ctx.cell(r.code.text, r.code.line, r.code.raw) if r.code else ctx.cell("", r.first_line, ""))
            cells.append(_name_cell(ctx, r))
            cells.extend(ctx.cell("", r.first_line, "") for _ in range(labels - 2))
        for i, v in enumerate(r.values):
            cells.append(
                RawCell(
                    text=v.text,
                    provenance=ctx.prov(
                        v.line, r.raw_values.get(i, v.text), end_line=r.end_lines.get(i), note=r.notes.get(i)
                    ),
                )
            )
        if labels and r.values and not r.code and not r.name:  # a label-less layout (公开09) has no names
            ctx.warn(
                "orphan-values",
                f"第 {r.first_line} 行的数值前面没有科目编码或名称，找不到所属的行，按原样单列一行",
                r.first_line,
            )
        if r.values and len(r.values) != n:
            aligned = False
            if len(r.values) > n:
                ctx.warn(
                    "too-many-values",
                    f"第 {r.first_line} 行：本行有 {len(r.values)} 个数值，而表头栏次只有 {n} 列",
                    r.first_line,
                )
        table.rows.append(_pad(ctx, cells, width, r.first_line))
    table.aligned = aligned
    return table


def _name_cell(ctx: _Ctx, r: _Row) -> RawCell:
    if not r.name:
        return ctx.cell("", r.first_line, "")
    text = "".join(t.text for t in r.name)
    raw = "\n".join(t.text for t in r.name)
    end = r.name[-1].line if r.name[-1].line != r.name[0].line else None
    return RawCell(text=text, provenance=ctx.prov(r.name[0].line, raw, end_line=end))


def _split_line(text: str) -> tuple[list[str], list[str]]:
    """(leading words, trailing numbers) of a printed line."""
    toks = text.split()
    k = len(toks)
    while k > 0 and _is_number(toks[k - 1]):
        k -= 1
    return toks[:k], toks[k:]


def _assemble_rows(data: list[_Line], n: int) -> list[_Row]:
    """Group printed lines into logical rows: a code or a label starts a row; a name can wrap."""
    rows: list[_Row] = []
    for ln in data:
        words, numbers = _split_line(ln.text)
        cur = rows[-1] if rows else None
        starts_code = bool(words) and _is_code(words[0])
        lone_code = not words and len(numbers) == 1 and _is_code(numbers[0])
        if lone_code and (cur is None or not cur.values or len(cur.values) >= n):
            rows.append(_Row(code=_Tok(numbers[0], ln.no), lines=[ln.no]))
            continue
        if cur is None or starts_code or (words and cur.values):
            cur = _Row(lines=[ln.no])
            rows.append(cur)
            if starts_code:
                # 类/款/项 printed apart ("201 03 01 行政运行"): one joined code, raw kept.
                k = 1
                while k < min(len(words), 3) and len(words[0]) == 3 and re.fullmatch(r"\d{2}", words[k]):
                    k += 1
                cur.code = _Tok("".join(words[:k]), ln.no, " ".join(words[:k]) if k > 1 else None)
                words = words[k:]
        elif not words and cur.values and len(cur.values) >= n:
            cur = _Row(lines=[ln.no])  # numbers with no row to belong to
            rows.append(cur)
        elif ln.no not in cur.lines:
            cur.lines.append(ln.no)
        if words:
            cur.name.append(_Tok("".join(words), ln.no))
        cur.values.extend(_Tok(t, ln.no) for t in numbers)
    return rows


def _mergeable(a: str, b: str) -> str | None:
    """The number two fragments form when a line break split it, else None."""
    if b.startswith("-") or ("." in a and "." in b):
        return None
    if "." in a and not a.endswith(".") and "." in b:
        return None
    joined = a + b
    return joined if _VALID_NUMBER_RE.match(joined) else None


def _first_is_sum(values: list[str]) -> bool | None:
    read = [_decimal(v) for v in values]
    nums = [x for x in read if x is not None]
    if len(nums) < 3 or len(nums) < len(read):
        return None
    tol = Decimal("0.005") * len(nums)
    return abs(nums[0] - sum(nums[1:])) <= tol


def _rejoin_broken_numbers(ctx: _Ctx, rows: list[_Row], n: int) -> None:
    """Rejoin a number split by a line break, only when that makes the row consistent.

    Consistent means: exactly one line boundary inside the row's values can be
    joined, the row then has exactly ``n`` values, and, when every complete row of
    the table has its first value equal to the sum of the others, so does this one.
    """
    complete = [r for r in rows if len(r.values) == n]
    checks = [_first_is_sum([v.text for v in r.values]) for r in complete]
    first_is_total = len(checks) >= 2 and all(c is True for c in checks)
    for r in rows:
        if len(r.values) != n + 1:
            continue
        options: list[tuple[int, str]] = []
        for i in range(len(r.values) - 1):
            a, b = r.values[i], r.values[i + 1]
            if a.line != b.line:
                joined = _mergeable(a.text, b.text)
                if joined is not None:
                    options.append((i, joined))
        if len(options) != 1:
            ctx.warn(
                "broken-number-unresolved",
                f"第 {r.first_line} 行：数值个数比栏次多 1 个，可能有数字被换行拆开，但无法唯一确定如何合并，按原样保留",
                r.first_line,
            )
            continue
        i, joined = options[0]
        a, b = r.values[i], r.values[i + 1]
        merged = [v.text for v in r.values[:i]] + [joined] + [v.text for v in r.values[i + 2 :]]
        identity = ""
        if first_is_total:
            if _first_is_sum(merged) is not True:
                ctx.warn(
                    "broken-number-unresolved",
                    f"第 {a.line} 行：“{a.text}”与下一行“{b.text}”合并后本行合计不等于各项之和，未合并",
                    a.line,
                )
                continue
            identity = "，且首列等于其余各列之和"
        r.values[i : i + 2] = [_Tok(joined, a.line)]
        r.raw_values[i] = f"{a.text}\n{b.text}"
        r.end_lines[i] = b.line
        r.notes[i] = (
            f"数字被换行拆开：第 {a.line} 行“{a.text}”与第 {b.line} 行“{b.text}”合并为 {joined}；"
            f"合并后本行恰有 {n} 个数值{identity}"
        )


# -- two-sided summary tables (公开01/04)


def _parse_two_sided(ctx: _Ctx, table: RawTable, header: list[_Line], nl: int, nr: int, data: list[_Line]) -> RawTable:
    """公开01/04: each printed line holds an income item (left) and an expense item (right).

    Grid row: [left item, left values (nl), right item, right values (nr)]. The
    行次 numbers are not values; they stay in the item cell's provenance note.
    When an export ran two printed rows onto one line, the second one (it
    starts with a word after the right-hand values) becomes its own row.
    """
    width = 1 + nl + 1 + nr
    head, _ = _header_rows(ctx, header, nl + nr, True, 2)
    # 行次 is not a grid column here; drop it from a header kept as printed.
    head = [[c for c in r if _squash(c.text) not in ("行次", "行", "次")] for r in head]
    table.rows.extend(_pad(ctx, r, width, None) for r in head)
    expected_right: int | None = None
    aligned = True
    for ln in data:
        rest = ln.text
        while rest:
            left, right, rest = _split_two_sided(rest, nl, expected_right)
            if right[1]:
                expected_right = int(right[1]) + 1
            elif expected_right is not None:
                expected_right += 1
            if (left[2] and len(left[2]) != nl) or (right[2] and len(right[2]) != nr):
                aligned = False
            cells: list[RawCell] = []
            for label, row_no, vals, n in ((left[0], left[1], left[2], nl), (right[0], right[1], right[2], nr)):
                cells.append(ctx.cell(label, ln.no, note=f"行次 {row_no}" if row_no else None))
                side = [ctx.cell(v, ln.no) for v in vals]
                cells.extend(_pad(ctx, side, n, ln.no) if len(side) <= n else side)
            table.rows.append(_pad(ctx, cells, width, ln.no))
    table.aligned = aligned
    return table


def _split_two_sided(
    text: str, nl: int, expected_right: int | None
) -> tuple[tuple[str, str, list[str]], tuple[str, str, list[str]], str]:
    """Split a printed line into (label, 行次, values) for the left and the right item, and the rest."""
    toks = text.split()
    i = 0
    words: list[str] = []
    while i < len(toks) and not _is_number(toks[i]):
        words.append(toks[i])
        i += 1
    left_label = "".join(words)
    left_no = ""
    if i < len(toks) and _INT_TOKEN_RE.match(toks[i]):
        left_no = toks[i]
        i += 1
    left_vals: list[str] = []
    while i < len(toks) and _is_number(toks[i]) and len(left_vals) < nl:
        # An integer that is the next right-side 行次 is not a left value.
        if _INT_TOKEN_RE.match(toks[i]) and expected_right is not None and int(toks[i]) == expected_right:
            break
        left_vals.append(toks[i])
        i += 1
    words = []
    while i < len(toks) and not _is_number(toks[i]):
        words.append(toks[i])
        i += 1
    right_label = "".join(words)
    right_no = ""
    if i < len(toks) and _INT_TOKEN_RE.match(toks[i]):
        right_no = toks[i]
        i += 1
    right_vals: list[str] = []
    while i < len(toks) and _is_number(toks[i]):
        right_vals.append(toks[i])
        i += 1
    # Anything left starts the next printed row (an export ran two rows together).
    return (left_label, left_no, left_vals), (right_label, right_no, right_vals), " ".join(toks[i:])


# -- item lists (公开06: code, name, amount repeated across the line)


def _parse_items_table(ctx: _Ctx, table: RawTable, body: list[_Line]) -> RawTable:
    """Tables without a 栏次 row: lines of (code, name, amount) items, several per line.

    Each item becomes its own row ``[code, name, amount]``; the side-by-side
    grouping of the printed page carries no meaning beyond the codes. Words
    left over without an amount are reported, never attached to a guess.
    """
    start = next((i for i, ln in enumerate(body) if _item_line(ln.text)), len(body))
    header, data = body[:start], body[start:]
    head, _ = _header_rows(ctx, header, 1, False, 2)
    table.rows.extend(_pad(ctx, r[:3], 3, None) for r in head)
    for ln in data:
        items, leftover = _items(ln.text)
        for code, name, amount in items:
            table.rows.append([ctx.cell(code, ln.no), ctx.cell(name, ln.no), ctx.cell(amount, ln.no)])
        if leftover:
            ctx.warn("unparsed-table-text", f"第 {ln.no} 行“{leftover}”没有对应的金额，未作为表格项目读取", ln.no)
    table.aligned = True  # one amount per item: nothing to misplace
    return table


def _item_line(text: str) -> bool:
    """Does this line hold items (a code and a name, or a name and an amount)?"""
    toks = text.split()
    if len(toks) < 2:
        return False
    starts_with_code = _is_code(toks[0]) and not _is_number(toks[1])
    return starts_with_code or (bool(_items(text)[0]) and _is_number(toks[-1]))


def _items(text: str) -> tuple[list[tuple[str, str, str]], str]:
    """(code, name, amount) items of a line, and any words that belong to no item.

    An item is a code, its name and, when printed, its amount: ``30106 伙食补助费
    30204 手续费 0.66`` is two items, the first with an empty amount (the next
    code follows its name directly, so nothing is left to guess).
    """
    out: list[tuple[str, str, str]] = []
    code = ""
    words: list[str] = []
    leftover: list[str] = []
    toks = text.split()
    for k, t in enumerate(toks):
        names_follow = k + 1 < len(toks) and not _is_number(toks[k + 1])
        if _is_code(t) and names_follow:
            if code:
                out.append((code, "".join(words), ""))
            elif words:
                leftover.extend(words)
            code, words = t, []
        elif _is_number(t):
            if words or code:
                out.append((code, "".join(words), t))
            else:
                leftover.append(t)
            code, words = "", []
        else:
            words.append(t)
    if code:
        out.append((code, "".join(words), ""))
    elif words:
        leftover.extend(words)
    return out, " ".join(leftover)


# -- vertical tables (one cell per line: 项目自评表)


def _parse_vertical_table(ctx: _Ctx, lines: list[_Line]) -> RawTable | None:
    """A table printed one cell per line: rows end at a line of numbers/percentages.

    Cell boundaries inside the text part of a row are not recoverable from the
    print (a unit name and a project name run together), so a row is
    ``[unit code, text lines joined …, numbers …]`` and the table is not aligned.
    """
    content = [ln for ln in lines if not _is_skippable(ln)]
    if not content:
        return None
    titles = [ln for ln in content[:3] if ln.text.endswith("自评表")]
    title = titles[-1] if titles else content[0]
    table = RawTable(
        title=title.text,
        caption=[ln.text for ln in content[:3] if ln is not title and len(ln.text) <= 30],
        provenance=ctx.prov(title.no, title.text),
        aligned=False,
    )
    pos = next((i for i, ln in enumerate(content) if _UNIT_LINE_RE.search(ln.text)), 0) + 1
    body = content[pos:]
    first_row = next((i for i, ln in enumerate(body) if re.fullmatch(r"\d{6,}", ln.text)), len(body))
    header = body[:first_row]
    if header:
        htext = "".join(ln.text for ln in header)
        table.rows.append(
            [
                RawCell(
                    text=htext,
                    provenance=ctx.prov(header[0].no, "\n".join(ln.text for ln in header), end_line=header[-1].no),
                )
            ]
        )
    pending: list[_Line] = []
    for ln in body[first_row:]:
        toks = ln.text.split()
        if len(toks) >= 3 and all(_ROW_END_TOKEN_RE.match(t) for t in toks):
            table.rows.append(_vertical_row(ctx, pending) + [ctx.cell(t, ln.no) for t in toks])
            pending = []
        else:
            pending.append(ln)
    return table


def _vertical_row(ctx: _Ctx, lines: list[_Line]) -> list[RawCell]:
    """Text cells of one vertical-table row: codes split it; single characters form the last cell.

    ``113001 / 洛阳市 / 西工区 … / 113 / 洛阳市 … / 智慧平台建设 / 可 / 执 / 行 …`` becomes
    [113001, 洛阳市西工区…, 113, 洛阳市…智慧平台建设, 可执行…]: where a name ends
    and the next begins inside a run of lines is not printed, so those stay together.
    """
    cells: list[RawCell] = []
    run: list[_Line] = []

    def flush() -> None:
        if run:
            cells.append(
                RawCell(
                    text="".join(p.text for p in run),
                    provenance=ctx.prov(run[0].no, "\n".join(p.text for p in run), end_line=run[-1].no),
                )
            )
            run.clear()

    tail = len(lines)
    while tail > 0 and len(lines[tail - 1].text) == 1:
        tail -= 1
    for ln in lines[:tail]:
        if re.fullmatch(r"\d{3,}", ln.text):
            flush()
            cells.append(ctx.cell(ln.text, ln.no))
        else:
            run.append(ln)
    flush()
    run.extend(lines[tail:])
    flush()
    return cells
