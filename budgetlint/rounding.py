"""What a printed amount stands for, and when printed amounts add up: the one rounding tolerance.

A value printed with ``d`` decimals stands for ``[v − ½·10^-d, v + ½·10^-d]``. A sum of printed
values holds when the interval of one side meets the interval of the other, i.e. when the
difference is at most the sum of every term's half-width (XBRL Calculations 1.1, "round to
decimals" consistency). The recogniser (column inference, placement of left-packed rows, the
code hierarchy) and the engine (``Interval.meets``, behind every ``==`` of a rule) use these
functions, so a table that adds up for one adds up for the other.

No project imports: model, numbers, recognise and engine all build on this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

ZERO = Decimal(0)


@lru_cache(maxsize=64)  # asked once per printed cell, with a handful of distinct places: one object each
def half_ulp(decimals: int) -> Decimal:
    """Half a unit in the last printed place: 2 decimals -> 0.005."""
    return Decimal(5) * Decimal(10) ** (-(decimals + 1))


def rounding_decimals(own: int | None, value: Decimal, precision: int, drops_trailing_zeros: bool) -> int:
    """Decimals that bound a printed value's rounding: ±½ of its own last printed digit.

    ``22,118,861`` beside ``86,959,408.34`` stands for ±0.5 元: a rounder display, not an exact
    22,118,861.00. Only two prints take the table's ``precision``: a zero (the system's way of
    printing nothing; ``0 0 … 0`` rows of 公开09) and any number of a table that visibly drops
    trailing zeros (``55279.2`` is 55279.20 there).
    """
    own = own or 0
    if own >= precision or value == 0 or drops_trailing_zeros:
        return max(own, precision)
    return own


def table_precision(printed: Iterable[tuple[Decimal, int]]) -> tuple[int, bool]:
    """(precision, drops trailing zeros) of a table from its printed (value, decimals) pairs.

    The precision is the most decimals any value shows (2 when only zeros are printed as ``0``):
    a bare ``0`` says nothing about precision (the 决算 system prints an all-zero row of 公开09 as
    ``0 0 … 0`` in a 0.00 万元 table), so it must not widen every interval to ±0.5. A table drops
    trailing zeros when some value shows fewer decimals than the table but more than none
    (``55279.2`` beside ``298224.15``) and no value shows a trailing zero (``12.50``, ``0.00``):
    a fixed two-decimal format prints the zeros, so a table that shows them has given its shorter
    numbers a rounder format of their own.
    """
    values = list(printed)
    decimals = [d for v, d in values if d > 0 or v != 0]
    precision = max(decimals) if decimals else 2
    shortened = any(0 < d < precision for _, d in values)
    zeros_shown = any(d > 0 and format(v, "f").endswith("0") for v, d in values)
    return precision, shortened and not zeros_shown


def intervals_meet(mid_a: Decimal, half_a: Decimal, mid_b: Decimal, half_b: Decimal) -> bool:
    """True when some member of ``[mid_a ± half_a]`` equals some member of ``[mid_b ± half_b]``."""
    return abs(mid_a - mid_b) <= half_a + half_b


def adds_up(left: Iterable[tuple[Decimal, Decimal]], right: Iterable[tuple[Decimal, Decimal]]) -> bool:
    """Σ left = Σ right within rounding; each term is (printed value, its half-width).

    A blank cell is an exact 0 (half-width 0); a term the table does not print is simply left out.
    """
    mid_l = half_l = mid_r = half_r = ZERO
    for v, h in left:
        mid_l, half_l = mid_l + v, half_l + h
    for v, h in right:
        mid_r, half_r = mid_r + v, half_r + h
    return intervals_meet(mid_l, half_l, mid_r, half_r)
