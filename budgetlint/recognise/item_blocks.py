"""Item lists printed in blocks side by side, read as one list.

The 决算's 一般公共预算财政拨款基本支出决算表 (公开06) prints its economic items as two or three
blocks of (科目代码, 科目名称, 决算数) next to each other: 人员经费 on the left, 公用经费 on the
right, each block running down the page on its own. Read as one grid, a row held 30101 基本工资
and 30201 办公费 at once, and the right blocks became unnamed columns of the left block's rows
(every 决算 PDF of the corpus: 中央 国家信访局, 佛山, 西安). Each block is its own item: a row
``[code, name, amount]`` per block and printed row, in printed order row by row (as the layout
text reader does, ``budgetlint.read.layout.items``), so the rows are keyed by their codes.

A total printed across blocks (人员经费合计 | … | 公用经费合计 over two blocks, its amount in the
last) keeps its amount: an amount in a block without a label belongs to the labelled block
before it that has none.
"""

from __future__ import annotations

from budgetlint.model import RawCell, RawTable
from budgetlint.recognise.grid import squash

BLOCK = 3  # code, name, amount
_CODE_WORDS = ("代码", "编码")
_NAME_WORDS = ("名称",)
_AMOUNT_WORDS = ("决算数", "预算数", "金额", "合计")
_HEADER_ROWS = 4  # the block header is among the grid's first rows


def _is_block_header(texts: list[str]) -> bool:
    code, name, amount = texts
    return (
        any(w in code for w in _CODE_WORDS)
        and any(w in name for w in _NAME_WORDS)
        and any(w in amount for w in _AMOUNT_WORDS)
    )


def _header_row(raw: RawTable) -> int | None:
    """The row naming two or more (code, name, amount) blocks that fill the grid's width."""
    for i, row in enumerate(raw.rows[:_HEADER_ROWS]):
        texts = [squash(c.text) for c in row]
        if len(texts) < 2 * BLOCK or len(texts) % BLOCK:
            continue
        if all(_is_block_header(texts[j : j + BLOCK]) for j in range(0, len(texts), BLOCK)):
            return i
    return None


def _labelled(block: list[RawCell]) -> bool:
    return any(c.text.strip() for c in block[: BLOCK - 1])


def _amount(block: list[RawCell]) -> bool:
    return bool(block[BLOCK - 1].text.strip())


def _blocks(row: list[RawCell]) -> list[list[RawCell]]:
    """The row's blocks, a total's amount moved back to its label's block."""
    blocks = [list(row[j : j + BLOCK]) for j in range(0, len(row), BLOCK)]
    for k, block in enumerate(blocks):
        if _labelled(block) or not _amount(block):
            continue
        owner = next((b for b in reversed(blocks[:k]) if _labelled(b)), None)
        if owner is not None and not _amount(owner):
            owner[BLOCK - 1], block[BLOCK - 1] = block[BLOCK - 1], owner[BLOCK - 1]
    return [b for b in blocks if any(c.text.strip() for c in b)]


def unstacked(raw: RawTable) -> RawTable:
    """``raw`` with side-by-side item blocks read as one list (unchanged when it has none)."""
    head = _header_row(raw)
    if head is None:
        return raw
    rows = [list(r[:BLOCK]) for r in raw.rows[: head + 1]]
    for row in raw.rows[head + 1 :]:
        rows.extend(_blocks(row))
    return raw.model_copy(update={"rows": rows})
