"""Vertical tables (项目支出绩效自评表): printed one cell per line.

A row ends at a line of numbers and percentages (or 是/否). Where one text cell ends and
the next begins inside a run of lines is not printed, so a row is
``[unit code, text lines joined …, numbers …]`` and the table is not aligned.
"""

from __future__ import annotations


from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import RawCell, RawTable
from budgetlint.read.layout.lines import UNIT_LINE_RE, Context, Line, is_skippable

_ROW_END_TOKEN_RE = lazy_compile(r"^(?:-?\d+(?:\.\d+)?%?|-%|是|否)$")
# The title (…自评表) and its caption lines are among the first lines of the region.
HEAD_LINES = 3
# A caption line (unit, department) is short.
CAPTION_MAX_CHARS = 30
# A row's unit code (预算单位编码) has at least 6 digits; any code in a row at least 3.
UNIT_CODE_RE = lazy_compile(r"\d{6,}")
CODE_RE = lazy_compile(r"\d{3,}")
# A row-ending line holds at least this many numbers (budget, executed, rate …).
ROW_END_MIN_TOKENS = 3


def parse_vertical_table(ctx: Context, lines: list[Line]) -> RawTable | None:
    """A table printed one cell per line: rows end at a line of numbers/percentages.

    Cell boundaries inside the text part of a row are not recoverable from the
    print (a unit name and a project name run together), so a row is
    ``[unit code, text lines joined …, numbers …]`` and the table is not aligned.
    """
    content = [ln for ln in lines if not is_skippable(ln)]
    if not content:
        return None
    titles = [ln for ln in content[:HEAD_LINES] if ln.text.endswith("自评表")]
    title = titles[-1] if titles else content[0]
    table = RawTable(
        title=title.text,
        caption=[ln.text for ln in content[:HEAD_LINES] if ln is not title and len(ln.text) <= CAPTION_MAX_CHARS],
        provenance=ctx.prov(title.no, title.text),
        aligned=False,
    )
    pos = next((i for i, ln in enumerate(content) if UNIT_LINE_RE.search(ln.text)), 0) + 1
    body = content[pos:]
    first_row = next((i for i, ln in enumerate(body) if UNIT_CODE_RE.fullmatch(ln.text)), len(body))
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
    pending: list[Line] = []
    for ln in body[first_row:]:
        toks = ln.text.split()
        if len(toks) >= ROW_END_MIN_TOKENS and all(_ROW_END_TOKEN_RE.match(t) for t in toks):
            table.rows.append(_vertical_row(ctx, pending) + [ctx.cell(t, ln.no) for t in toks])
            pending = []
        else:
            pending.append(ln)
    return table


def _vertical_row(ctx: Context, lines: list[Line]) -> list[RawCell]:
    """Text cells of one vertical-table row: codes split it; single characters form the last cell.

    ``113001 / 洛阳市 / 西工区 … / 113 / 洛阳市 … / 智慧平台建设 / 可 / 执 / 行 …`` becomes
    [113001, 洛阳市西工区…, 113, 洛阳市…智慧平台建设, 可执行…]: where a name ends
    and the next begins inside a run of lines is not printed, so those stay together.
    """
    cells: list[RawCell] = []
    run: list[Line] = []

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
        if CODE_RE.fullmatch(ln.text):
            flush()
            cells.append(ctx.cell(ln.text, ln.no))
        else:
            run.append(ln)
    flush()
    run.extend(lines[tail:])
    flush()
    return cells
