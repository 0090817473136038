"""A one-row table printed standing up (福建 "三公"经费表: 合计 / 1、因公出国（境）费用 / 2、公务接待费 /
3、公务用车购置及运行费 / 其中：公务用车购置费 / 公务用车运行费, one amount column).

The items are then row labels, not column headers: read them with the kind's header words
(columns.yaml) and turn the table into its one data row, 合计, with one cell per item. Only
when every row with an amount is named so, each name once: otherwise nothing changes.
"""

from __future__ import annotations

from budgetlint.model import Column, ParseWarning, Row, Table
from budgetlint.recognise.vocab import column_vocab


def stand_up_single_row(table: Table, warnings: list[ParseWarning]) -> None:
    from budgetlint.recognise.grid import _match_header

    value_columns = {c.column for r in table.rows for c in r.cells if c.state == "value"}
    total = table.row("total")
    if total is None or len(value_columns) != 1 or len(table.rows) < 3:
        return
    (column,) = value_columns
    vocab = column_vocab(table.kind or "")
    keyed: dict[str, Row] = {}
    for row in table.rows:
        if row is total:
            continue
        if row.key is not None:
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
    table.rows = [total]
    table.kind_reason += "；项目按行竖排（每行一项），按行名读作一行各列"
    warnings[:] = [w for w in warnings if not (w.code == "unkeyed-row" and w.provenance is not None
                                               and w.provenance.table == table.id)]
