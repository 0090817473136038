"""Interval arithmetic: correctly rounded values never fail an identity that holds exactly."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.facts.interval import Interval, distinct_places, fmt_decimal

HALF = Decimal("0.005")
CENT = Decimal("0.01")


def printed(v: Decimal) -> Interval:
    """What a table prints for the true value v (2 decimals, 万元), as an interval."""
    return Interval(v.quantize(CENT, rounding=ROUND_HALF_UP), HALF)


amounts = st.decimals(min_value=0, max_value=100000, places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=40))
def test_sum_of_rounded_parts_meets_rounded_total(parts):
    total = printed(sum(parts, Decimal(0)))
    acc = Interval(Decimal(0))
    for p in parts:
        acc = acc + printed(p)
    assert acc.meets(total)
    assert total.meets(acc)
    assert acc.gap(total) == 0


@settings(max_examples=300, deadline=None)
@given(amounts, amounts)
def test_difference_and_inequality_sound(a, b):
    pa, pb = printed(a), printed(b)
    assert (pa - pb).meets(printed(a - b)) or (pa - pb).meets(Interval(a - b))
    if a <= b:
        assert pa.possibly_le(pb)


def test_a_real_difference_fails_and_gap_is_what_rounding_cannot_explain():
    a = Interval(Decimal("11.50"), HALF)
    b = Interval(Decimal("1.50"), HALF)
    assert not a.meets(b)
    assert a.gap(b) == Decimal("9.99")


def test_rounding_edge_meets():
    # 10.01 vs 5.00 + 5.00: the printed parts may be 5.004999… each
    assert Interval(Decimal("10.01"), HALF).meets(Interval(Decimal("5.00"), HALF) + Interval(Decimal("5.00"), HALF))
    assert not Interval(Decimal("10.02"), HALF).meets(Interval(Decimal("5.00"), HALF) + Interval(Decimal("5.00"), HALF))


def test_division_encloses_quotients():
    q = Interval(Decimal("449.76"), HALF).div(Interval(Decimal("2485.35"), HALF))
    assert q.lo <= Decimal("449.755") / Decimal("2485.355") <= q.hi
    assert q.lo <= Decimal("449.765") / Decimal("2485.345") <= q.hi


def test_show():
    assert Interval(Decimal("1743.43"), HALF).show() == "1743.43 [1743.425, 1743.435]"
    assert Interval(Decimal("0")).show() == "0.00"
    assert fmt_decimal(Decimal("18.096445")) == "18.0964"


def test_two_different_values_never_print_alike():
    # 86,959,408.34 元 and 86,959,408.00 元 in 万元: equal at 4 places, apart at 5.
    a, b = Decimal("8695.940834"), Decimal("8695.9408")
    places = distinct_places(a, b)
    assert places == 5
    assert fmt_decimal(a, places) != fmt_decimal(b, places)
    assert distinct_places(Decimal("1743.43"), Decimal("1743.40")) == 4  # already apart
    assert distinct_places(Decimal("1"), Decimal("1")) == 4


def test_show_leaves_out_bounds_that_print_as_the_value():
    yuan_half = Decimal("0.0000005")  # ±0.005 元 in 万元
    assert Interval(Decimal("8695.940834"), yuan_half).show() == "8695.9408"
    assert Interval(Decimal("8695.940834"), Decimal("0.00005")).show(6) == "8695.940834 [8695.940784, 8695.940884]"
