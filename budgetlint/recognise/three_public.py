"""三公 tables printed by fund and by year (深圳 财政拨款“三公”经费支出表).

Each item (总计, 因公出国(境)费, 公务接待费, 公务用车购置及运行维护费: 小计 / 购置费 / 运行维护费)
is split into 一般公共预算 | 政府性基金预算 | 国有资本经营预算 columns, and the rows are the years
(2025年, 2026年) and their change (增减变化金额) instead of one data row.

The rules mean each item's 财政拨款 amount: the sum of its three fund columns. The table gives
it only when the two other funds print nothing but zeros: then an item's 一般公共预算 column is
the item (a fund column with money in it leaves the table's columns unnamed). The row of the
latest year is the table's one data row; the earlier year and the change are not.
"""

from __future__ import annotations

import re

from budgetlint.model import RawCell
from budgetlint.numbers import parse_number

_GPB = "一般公共预算"
_OTHER_FUNDS = ("政府性基金", "国有资本经营")
_YEAR_ROW = re.compile(r"((?:19|20)\d{2})年度?(?:预算数?)?")


def fund_of(leaf: str) -> str | None:
    """'gpb', 'other' or None for a column's lowest header cell."""
    if leaf.startswith(_GPB):
        return "gpb"
    if any(leaf.startswith(w) for w in _OTHER_FUNDS):
        return "other"
    return None


def by_fund_keys(
    paths: list[tuple[str, list[str]]], items: list[str | None], data: list[list[RawCell]], start: int
) -> list[str | None] | None:
    """Column keys of a table whose every column's leaf is a fund under an item band: the item
    key for the 一般公共预算 column, None for the other funds. ``items`` are the keys the bands
    above each column name. None when the layout is another or another fund holds money."""
    funds = [fund_of(leaf) for leaf, _ in paths]
    if not paths or None in funds or "gpb" not in funds or None in items:
        return None
    for k, fund in enumerate(funds):
        if fund != "other":
            continue
        for row in data:
            cell = row[start + k] if start + k < len(row) else None
            parsed = parse_number(cell.text) if cell is not None and cell.text.strip() else None
            if parsed is not None and parsed.value != 0:
                return None  # 政府性基金 三公 money: the 一般公共预算 column is not the item's total
    keys = [item if fund == "gpb" else None for item, fund in zip(items, funds)]
    named = [k for k in keys if k]
    return keys if len(named) == len(set(named)) else None


def year_of(label: str) -> int | None:
    m = _YEAR_ROW.fullmatch(label)
    return int(m.group(1)) if m else None


def latest_year_row(labels: list[str]) -> int | None:
    """Index of the row of the latest year when the rows are years (2025年, 2026年, 增减变化金额)."""
    years = [(year_of(t), i) for i, t in enumerate(labels)]
    printed = [(y, i) for y, i in years if y is not None]
    if len(printed) < 2 or len({y for y, _ in printed}) != len(printed):
        return None
    return max(printed)[1]
