"""Closed intervals of money (万元) for rounding-sound comparisons.

A printed value ``v`` with ``d`` decimals stands for ``[v − ½·10^-d, v + ½·10^-d]``.
We keep an interval as (mid, half-width): sums add mids and half-widths,
scaling by an exact constant scales both. Two intervals are "equal" when they
meet, so a difference that rounding can explain never fails a check; the
``gap`` is the part of the difference that rounding cannot explain.

Everything is ``Decimal``; no floats.
"""

from __future__ import annotations

from msgspec import Struct
from decimal import Decimal

from budgetlint.rounding import intervals_meet

ZERO = Decimal(0)


class Interval(Struct, frozen=True):
    """A value known to lie within mid ± half."""

    mid: Decimal
    half: Decimal = ZERO  # half-width, >= 0

    @classmethod
    def exact(cls, value: Decimal | int | str) -> "Interval":
        return cls(Decimal(value), ZERO)

    @property
    def lo(self) -> Decimal:
        return self.mid - self.half

    @property
    def hi(self) -> Decimal:
        return self.mid + self.half

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.mid + other.mid, self.half + other.half)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.mid - other.mid, self.half + other.half)

    def __neg__(self) -> "Interval":
        return Interval(-self.mid, self.half)

    def scale(self, k: Decimal) -> "Interval":
        """Multiply by an exact constant."""
        return Interval(self.mid * k, self.half * abs(k))

    def mul(self, other: "Interval") -> "Interval":
        """Product, enclosing every product of members (sound, maybe wide)."""
        if other.half == ZERO:
            return self.scale(other.mid)
        if self.half == ZERO:
            return other.scale(self.mid)
        corners = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        lo, hi = min(corners), max(corners)
        return Interval((lo + hi) / 2, (hi - lo) / 2)

    def div(self, other: "Interval") -> "Interval":
        """Quotient; raises ZeroDivisionError when the divisor may be zero."""
        if other.lo <= ZERO <= other.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        corners = [a / b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        lo, hi = min(corners), max(corners)
        return Interval((lo + hi) / 2, (hi - lo) / 2)

    def __abs__(self) -> "Interval":
        if self.lo >= ZERO:
            return self
        if self.hi <= ZERO:
            return -self
        hi = max(-self.lo, self.hi)
        return Interval(hi / 2, hi / 2)

    # -------------------------------------------------------- comparisons

    def meets(self, other: "Interval") -> bool:
        """True when some member of self equals some member of other (the one rounding test,
        shared with the recogniser: budgetlint.rounding)."""
        return intervals_meet(self.mid, self.half, other.mid, other.half)

    def gap(self, other: "Interval") -> Decimal:
        """Distance between the intervals (0 when they meet)."""
        return max(ZERO, abs(self.mid - other.mid) - self.half - other.half)

    def possibly_le(self, other: "Interval") -> bool:
        """True unless every member of self exceeds every member of other."""
        return self.lo <= other.hi

    def possibly_lt(self, other: "Interval") -> bool:
        return self.lo < other.hi

    # ---------------------------------------------------------- display

    def show(self, places: int = 4) -> str:
        """'1743.43' for exact values, '1743.43 [1743.425, 1743.435]' otherwise.

        The bounds are left out when they print as the value itself at ``places`` decimals
        (a 元 cell's ±0.005 元 is ±0.0000005 万元): '8695.9408 [8695.9408, 8695.9408]' says nothing.
        """
        mid = fmt_decimal(self.mid, places)
        lo, hi = fmt_decimal(self.lo, places), fmt_decimal(self.hi, places)
        if self.half == ZERO or lo == hi:
            return mid
        return f"{mid} [{lo}, {hi}]"


def fmt_decimal(d: Decimal, places: int = 4) -> str:
    """Plain notation, at least 2 and at most ``places`` decimals: 1743.43, 1743.425, 18.0964 (more for a tiny non-zero value)."""
    q = d.quantize(Decimal(1).scaleb(-places))
    if q == 0 and d != 0:
        # A difference smaller than the last place (1 元 at 4 places) must not print as 0.00.
        q = d.quantize(Decimal("0.00000001")).normalize()
    s = format(q, "f")
    if "." in s:
        whole, frac = s.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        s = f"{whole}.{frac}"
    return "0.00" if s in ("-0.00",) else s


MAX_PLACES = 10


def distinct_places(a: Decimal, b: Decimal, places: int = 4) -> int:
    """Fewest decimals (at least ``places``) at which two different values print differently.

    A finding must never show two equal-looking numbers (8695.9408 and 8695.9408 for
    86,959,408.34 元 and 86,959,408.00 元): the places grow until the difference shows.
    """
    while a != b and places < MAX_PLACES and fmt_decimal(a, places) == fmt_decimal(b, places):
        places += 1
    return places


def sum_intervals(items) -> Interval:
    total = Interval(ZERO, ZERO)
    for it in items:
        total = total + it
    return total
