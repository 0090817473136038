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

from budgetlint.model import Column, ParseWarning, Provenance, RawCell, RawTable, Row, Table
from budgetlint.numbers import parse_number
from budgetlint.recognise.cells import make_cell
from budgetlint.recognise.vocab import column_vocab
from budgetlint.recognise.grid import _match_header, split_header, squash

_QUOTES_RE = re.compile(r"[\s“”\"'‘’]")
# "三公"经费 / "三公"经费合计 / "三公"经费小计: the whole of the standing items
_BLOCK_TOTAL = ("三公经费", "三公经费合计", "三公经费小计", "三公经费支出", "三公经费支出合计")


def _block_total(label: str) -> bool:
    return _QUOTES_RE.sub("", label).replace("其中：", "").replace("其中:", "") in _BLOCK_TOTAL


def stand_up_single_row(table: Table, warnings: list[ParseWarning]) -> None:
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
        total, before, rows = table.rows[block], table.rows[:block], table.rows[block + 1 :]
        # rows above the block total that name no item are other figures (行政经费)
        if any(_match_header(vocab, r.label or "", []) not in (None, "total") for r in before):
            return
    else:
        total_row = table.row("total")
        if total_row is None or len(value_columns) != 1:
            return
        total = total_row
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
    if total.key != "total":  # the "三公"经费 line of a table whose first line (行政经费) was taken for 合计
        total = total.model_copy(
            update={"key": "total", "kind": "total", "provenance": total.provenance.model_copy(update={"row": "total"})}
        )
    total.cells = cells
    table.rows = [total]
    table.kind_reason += "；项目按行竖排（每行一项），按行名读作一行各列" + (
        "，读“合计”列" if len(value_columns) > 1 else ""
    )
    warnings[:] = [
        w
        for w in warnings
        if not (w.code == "unkeyed-row" and w.provenance is not None and w.provenance.table == table.id)
    ]


# ------------------------------------------------------------ 收入表 standing up

# 江苏 2017–2019 收入预算总表: 项目名称 | 金额, the sources standing as rows in two label columns,
# a band (一般公共预算资金, 政府性基金, 财政专户管理资金, 其他资金, 上年结转和结余资金) and its
# items (小计, 公共财政拨款（补助）资金, 专项收入, …). A band's 小计 is this year's income of that
# source (上年结转's is the carry-over); the band's other items are parts of it, read only where
# a rule knows them (其中：财政拨款). (band word, item word, key), first match wins.
_INCOME_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("一般公共预算", "小计", "current.gpb"),
    ("一般公共预算", "财政拨款", "current.gpb.fiscal"),
    ("政府性基金", "小计", "current.gov_fund"),
    ("国有资本经营", "小计", "current.soe"),
    ("财政专户", "小计", "current.special_account"),
    ("其他资金", "小计", "current.other_funds"),
    ("上年结转", "小计", "carryover.total"),
)
_INCOME_TOTAL = ("收入总计", "总计", "合计", "收入合计")


def stand_up_income(raw: RawTable, table: Table, warnings: list[ParseWarning]) -> bool:
    """Read a 收入表 printed standing up (see ``_INCOME_SOURCES``) as its one row, 合计, with a
    column per source. Only when every amount sits in one column, the total row is named
    收入总计 and every band with an amount has its 小计 read: otherwise False, nothing done."""
    rows = raw.rows
    split = split_header(rows)
    data = rows[split:]
    value_cols = {j for r in data for j, c in enumerate(r) if parse_number(c.text) is not None}
    if len(value_cols) != 1 or not data:
        return False
    (j,) = value_cols
    if j < 2:
        return False
    band = ""
    found: dict[str, tuple[RawCell, str]] = {}
    bands_with_amounts: set[str] = set()
    total_cell: tuple[RawCell | None, str] | None = None
    for row in data:
        lead = [squash(c.text) for c in row[:j]]
        if any(parse_number(t) is not None for t in lead if t):
            return False
        cell = row[j] if j < len(row) else None
        texts = [t for t in lead if t]
        if not texts:
            if cell is not None and parse_number(cell.text) is not None:
                return False
            continue
        if lead[0] and not row[0].covered:
            band = lead[0]
        if lead[0] and all(not t for t in lead[1:]):
            if lead[0] in _INCOME_TOTAL and total_cell is None:
                total_cell = (cell, lead[0])
                band = ""
                continue
        item = next((t for t in reversed(lead[1:]) if t), lead[0])
        key = next((k for b, i, k in _INCOME_SOURCES if b in band and i in item), None)
        amount = cell is not None and parse_number(cell.text) is not None
        if key is None:
            if amount:
                bands_with_amounts.add(band)
            continue
        if key in found or cell is None:
            return False
        found[key] = (cell, f"{band}{item}")
    read_bands = {
        b
        for b in bands_with_amounts
        if any(b_word in b and k in found for b_word, i, k in _INCOME_SOURCES if i == "小计")
    }
    if total_cell is None or total_cell[0] is None or len(found) < 2 or read_bands != bands_with_amounts:
        return False
    page = total_cell[0].provenance.page
    row_prov = Provenance(path=table.provenance.path, page=page, table=table.id, row="total")
    keys = [("total", total_cell), *found.items()]
    table.columns = [Column(key=k, index=j, header=[label]) for k, (_, label) in keys]
    cells = [make_cell(c, k, row_prov, warnings) for k, (c, _) in keys]
    table.rows = [Row(key="total", kind="total", label=total_cell[1], cells=cells, provenance=row_prov)]
    table.kind_reason += "；收入来源按行竖排（大类 | 小计及明细），各大类小计读作本年收入各列"
    return True
