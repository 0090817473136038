"""Item lists (公开06 …): tables without a 栏次 row, lines of (code, name, amount) items.

Several items print side by side on one line; each becomes its own row
``[code, name, amount]``, since the side-by-side grouping carries no meaning beyond
the codes. Words left over without an amount are reported, never attached to a guess.
"""

from __future__ import annotations

from budgetlint.model import RawTable
from budgetlint.read.layout.headers import header_rows
from budgetlint.read.layout.lines import Context, Line, is_code, is_number

# The grid of an item list: code, name, amount.
ITEM_WIDTH = 3
# Its label columns (code, name) in front of the one value column.
LABEL_COLUMNS = 2


def parse_items_table(ctx: Context, table: RawTable, body: list[Line]) -> RawTable:
    """Tables without a 栏次 row: lines of (code, name, amount) items, several per line.

    Each item becomes its own row ``[code, name, amount]``; the side-by-side
    grouping of the printed page carries no meaning beyond the codes. Words
    left over without an amount are reported, never attached to a guess.
    """
    start = next((i for i, ln in enumerate(body) if _item_line(ln.text)), len(body))
    header, data = body[:start], body[start:]
    head, _ = header_rows(ctx, header, 1, False, LABEL_COLUMNS)
    table.rows.extend(ctx.pad(r[:ITEM_WIDTH], ITEM_WIDTH, None) for r in head)
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
    starts_with_code = is_code(toks[0]) and not is_number(toks[1])
    return starts_with_code or (bool(_items(text)[0]) and is_number(toks[-1]))


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
        names_follow = k + 1 < len(toks) and not is_number(toks[k + 1])
        if is_code(t) and names_follow:
            if code:
                out.append((code, "".join(words), ""))
            elif words:
                leftover.extend(words)
            code, words = t, []
        elif is_number(t):
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
