"""A one-row table printed standing up (福建 "三公"经费表: 合计 / 1、因公出国（境）费用 / 2、公务接待费 /
3、公务用车购置及运行费 / 其中：公务用车购置费 / 公务用车运行费, one amount column).

The items are then row labels, not column headers: read them with the kind's header words
(columns.yaml) and turn the table into its one data row, 合计, with one cell per item. Only
when every row with an amount is named so, each name once: otherwise nothing changes.

Some print the items standing up with an amount column per source of funds (广州 财政拨款安排的
行政经费及"三公"经费预算表: 项目 | 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算, rows
行政经费 / "三公"经费 / 其中：（一）因公出国（境）支出 / …). The 合计 column is then read; the
"三公"经费 row is the total, and a row printed above it that names no item (行政经费) is another
figure of the table, not part of the 三公 block.
"""

from __future__ import annotations

import re

from budgetlint.model import Column, ParseWarning, Row, Table
from budgetlint.recognise.vocab import column_vocab

_QUOTES_RE = re.compile(r"[\s“”\"'‘’]")
# "三公"经费 / "三公"经费合计 / "三公"经费小计: the whole of the standing items
_BLOCK_TOTAL = ("三公经费", "三公经费合计", "三公经费小计", "三公经费支出", "三公经费支出合计")


def _block_total(label: str) -> bool:
    return _QUOTES_RE.sub("", label).replace("其中：", "").replace("其中:", "") in _BLOCK_TOTAL


def stand_up_single_row(table: Table, warnings: list[ParseWarning]) -> None:
    from budgetlint.recognise.grid import _match_header

    value_columns = {c.column for r in table.rows for c in r.cells if c.state == "value"}
    if len(table.rows) < 3 or not value_columns:
        return
    if len(value_columns) == 1:
        (column,) = value_columns
    elif "total" in value_columns:
        column = "total"  # items standing up, one amount column per source of funds: read 合计
    else:
        return
    vocab = column_vocab(table.kind or "")
    block = next((i for i, r in enumerate(table.rows) if _block_total(r.label or "")), None)
    if block is not None:
        total, before, rows = table.rows[block], table.rows[:block], table.rows[block + 1:]
        # rows above the block total that name no item are other figures (行政经费)
        if any(_match_header(vocab, r.label or "", []) not in (None, "total") for r in before):
            return
    else:
        total = table.row("total")
        if total is None or len(value_columns) != 1:
            return
        rows = [r for r in table.rows if r is not total]
    keyed: dict[str, Row] = {}
    for row in rows:
        if row.key is not None and block is None:
            return
        key = _match_header(vocab, row.label or "", [])
        if key is None or key == "total" or key in keyed:
            if any(c.state == "value" for c in row.cells) or key is not None:
                return
            continue
        keyed[key] = row
    if len(keyed) < 2:
        return
    cells = []
    for key, row in [("total", total), *keyed.items()]:
        cell = next((c for c in row.cells if c.column == column), None)
        if cell is None:
            return
        prov = cell.provenance.model_copy(update={"column": key, "row": "total"})
        cells.append(cell.model_copy(update={"column": key, "provenance": prov}))
    index = next((c.index for c in table.columns if c.key == column), 0)
    table.columns = [Column(key=k, index=index, header=[r.label]) for k, r in [("total", total), *keyed.items()]]
    total.cells = cells
    if total.key != "total":
        total = total.model_copy(update={"key": "total", "kind": "total",
                                         "provenance": total.provenance.model_copy(update={"row": "total"})})
        total.cells = cells
    table.rows = [total]
    table.kind_reason += "；项目按行竖排（每行一项），按行名读作一行各列" + (
        "，读“合计”列" if len(value_columns) > 1 else "")
    warnings[:] = [w for w in warnings if not (w.code == "unkeyed-row" and w.provenance is not None
                                               and w.provenance.table == table.id)]
