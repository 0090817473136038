"""How precisely a table prints its amounts: what a number printed with fewer decimals stands for."""

from __future__ import annotations

from budgetlint.model import Table
from budgetlint.rounding import table_precision


def set_precision(table: Table) -> None:
    """``Table.precision`` and ``Table.drops_trailing_zeros`` from the table's printed values
    (budgetlint.rounding.table_precision: the same rule column inference applies to raw cells)."""
    printed = [
        (c.value, c.decimals)
        for r in table.rows
        for c in r.cells
        if c.state == "value" and c.value is not None and c.decimals is not None
    ]
    table.precision, table.drops_trailing_zeros = table_precision(printed)
