"""Two-sided summary tables (公开01/04): an income item on the left, an expense item on the right.

Each printed line holds both items, each with its 行次 (line number) and its values.
Some exports run two printed rows onto one line; the second becomes its own row.
"""

from __future__ import annotations

from budgetlint.model import RawCell, RawTable
from budgetlint.read.layout.headers import header_rows
from budgetlint.read.layout.lines import INT_TOKEN_RE, Context, Line, is_number, squash

# Item columns of a two-sided table: the left item and the right item (行次 is no grid column).
ITEM_COLUMNS = 2


def parse_two_sided(ctx: Context, table: RawTable, header: list[Line], nl: int, nr: int, data: list[Line]) -> RawTable:
    """公开01/04: each printed line holds an income item (left) and an expense item (right).

    Grid row: [left item, left values (nl), right item, right values (nr)]. The
    行次 numbers are not values; they stay in the item cell's provenance note.
    When an export ran two printed rows onto one line, the second one (it
    starts with a word after the right-hand values) becomes its own row.
    """
    width = 1 + nl + 1 + nr
    head, _ = header_rows(ctx, header, nl + nr, True, ITEM_COLUMNS)
    # 行次 is not a grid column here; drop it from a header kept as printed.
    head = [[c for c in r if squash(c.text) not in ("行次", "行", "次")] for r in head]
    table.rows.extend(ctx.pad(r, width, None) for r in head)
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
                cells.extend(ctx.pad(side, n, ln.no) if len(side) <= n else side)
            table.rows.append(ctx.pad(cells, width, ln.no))
    table.aligned = aligned
    return table


def _split_two_sided(
    text: str, nl: int, expected_right: int | None
) -> tuple[tuple[str, str, list[str]], tuple[str, str, list[str]], str]:
    """Split a printed line into (label, 行次, values) for the left and the right item, and the rest."""
    toks = text.split()
    i = 0
    words: list[str] = []
    while i < len(toks) and not is_number(toks[i]):
        words.append(toks[i])
        i += 1
    left_label = "".join(words)
    left_no = ""
    if i < len(toks) and INT_TOKEN_RE.match(toks[i]):
        left_no = toks[i]
        i += 1
    left_vals: list[str] = []
    while i < len(toks) and is_number(toks[i]) and len(left_vals) < nl:
        # An integer that is the next right-side 行次 is not a left value.
        if INT_TOKEN_RE.match(toks[i]) and expected_right is not None and int(toks[i]) == expected_right:
            break
        left_vals.append(toks[i])
        i += 1
    words = []
    while i < len(toks) and not is_number(toks[i]):
        words.append(toks[i])
        i += 1
    right_label = "".join(words)
    right_no = ""
    if i < len(toks) and INT_TOKEN_RE.match(toks[i]):
        right_no = toks[i]
        i += 1
    right_vals: list[str] = []
    while i < len(toks) and is_number(toks[i]):
        right_vals.append(toks[i])
        i += 1
    # Anything left starts the next printed row (an export ran two rows together).
    return (left_label, left_no, left_vals), (right_label, right_no, right_vals), " ".join(toks[i:])
