"""Placement on large tables: the search is iterative (its depth is the number of left-packed
rows, which the input decides) and the sum groups are built by index, with the results of a
small table. The golden placement follows from the table's arithmetic, worked by hand:
each left-packed row prints (a, a) from 合计; its second value cannot be 人员经费, whose
column total is taken by the one full row, so it is 公用经费."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.model import Row
from budgetlint.recognise import placement
from budgetlint.recognise.placement import infer_placements
from tests.recognise.test_placement import _row, _table

COLS = ["total", "personnel", "public"]


def _packed_table(n: int):
    """合计 row, one full row (2 = 1 + 1), then ``n`` left-packed rows (a, a) that are 公用经费."""
    amounts = [Decimal(100 + i) for i in range(n)]
    s = sum(amounts, Decimal(0))
    rows = [
        _row("total", "合计", 10, [f"{2 + s:.2f}", "1.00", f"{1 + s:.2f}"], COLS, kind="total"),
        _row("30100000", "全", 11, ["2.00", "1.00", "1.00"], COLS),
    ]
    rows += [_row(str(30200000 + i), f"行{i}", 12 + i, [f"{a:.2f}", f"{a:.2f}"], COLS) for i, a in enumerate(amounts)]
    return _table("gpb_basic", COLS, rows)


def _columns_of_values(row: Row) -> list[str]:
    return [c.column for c in row.cells if c.state == "value"]


@pytest.mark.parametrize("n", [3, 5000])
def test_left_packed_rows_are_placed_the_same_on_small_and_large_tables(n):
    table = _packed_table(n)
    warnings = infer_placements(table)  # 5,000 levels deep: a recursion would overflow the stack
    assert [w.code for w in warnings] == ["placed-by-inference"] * n
    assert _columns_of_values(table.rows[1]) == COLS
    for row in table.rows[2:]:
        assert _columns_of_values(row) == ["total", "public"]


def _sum_groups_by_scanning(table):
    """The definition, pair by pair (quadratic): the reference for the indexed version."""
    coded = [(r, placement._code(r)) for r in table.rows]
    coded = [(r, c) for r, c in coded if c]
    codes = {c for _, c in coded}
    groups = []
    for r, c in coded:
        children = [x for x, xc in coded if xc != c and xc.startswith(c) and len(xc) == len(c) + 2]
        if children:
            groups.append((r, children))
    leaves = [r for r, c in coded if not any(o != c and o.startswith(c) for o in codes)]
    total = next((r for r in table.rows if r.key == "total"), None)
    if total is not None and leaves:
        groups.append((total, leaves))
    return groups


def test_sum_groups_match_the_pairwise_definition():
    keys = [
        "total",
        "201",
        "20101",
        "2010101",
        "2010102",
        "20102",
        "2010201",
        "205",
        "2050101",
        "g208",
        "g20801",
        "2010101",
        "301",
        "30101",
        "x1",
        "20102",
    ]
    rows = [_row(k, k, i + 1, ["1.00"], COLS) for i, k in enumerate(keys)]
    table = _table("gpb_basic", COLS, rows)
    got = [(id(p), [id(x) for x in parts]) for p, parts in placement._sum_groups(table)]
    want = [(id(p), [id(x) for x in parts]) for p, parts in _sum_groups_by_scanning(table)]
    assert got == want
