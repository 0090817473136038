"""How precisely a table prints its amounts: what a number printed with fewer decimals stands for."""

from __future__ import annotations

from budgetlint.model import Table


def set_precision(table: Table) -> None:
    """``Table.precision``: the most decimals any value shows (2 when only zeros printed as ``0``);
    ``Table.drops_trailing_zeros``: the table prints ``12.5`` for 12.50.

    A bare ``0`` says nothing about precision (the 决算 system prints an all-zero row of
    公开09 as ``0 0 … 0`` in a 0.00 万元 table), so it must not widen every interval to ±0.5.
    A table drops trailing zeros when some value shows fewer decimals than the table but more
    than none (``55279.2`` beside ``298224.15``) and no value shows a trailing zero (``12.50``,
    ``0.00``): a fixed two-decimal format prints the zeros, so a table that shows them has
    given its shorter numbers a rounder format of their own.
    """
    values = [c for r in table.rows for c in r.cells
              if c.state == "value" and c.value is not None and c.decimals is not None]
    decimals = [c.decimals for c in values if c.decimals > 0 or c.value != 0]
    table.precision = max(decimals) if decimals else 2
    shortened = any(0 < c.decimals < table.precision for c in values)
    zeros_shown = any(c.decimals > 0 and format(c.value, "f").endswith("0") for c in values)
    table.drops_trailing_zeros = shortened and not zeros_shown
