"""Closed intervals of money (万元) for rounding-sound comparisons.

A printed value ``v`` with ``d`` decimals stands for ``[v − ½·10^-d, v + ½·10^-d]``.
We keep an interval as (mid, half-width): sums add mids and half-widths,
scaling by an exact constant scales both. Two intervals are "equal" when they
meet, so a difference that rounding can explain never fails a check; the
``gap`` is the part of the difference that rounding cannot explain.

Everything is ``Decimal``; no floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Interval:
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
        """True when some member of self equals some member of other."""
        return abs(self.mid - other.mid) <= self.half + other.half

    def gap(self, other: "Interval") -> Decimal:
        """Distance between the intervals (0 when they meet)."""
        return max(ZERO, abs(self.mid - other.mid) - self.half - other.half)

    def possibly_le(self, other: "Interval") -> bool:
        """True unless every member of self exceeds every member of other."""
        return self.lo <= other.hi

    def possibly_lt(self, other: "Interval") -> bool:
        return self.lo < other.hi

    def certainly_equal_point(self) -> bool:
        return self.half == ZERO

    # ---------------------------------------------------------- display

    def show(self) -> str:
        """'1743.43' for exact values, '1743.43 [1743.425, 1743.435]' otherwise."""
        mid = fmt_decimal(self.mid)
        if self.half == ZERO:
            return mid
        return f"{mid} [{fmt_decimal(self.lo)}, {fmt_decimal(self.hi)}]"


def fmt_decimal(d: Decimal) -> str:
    """Plain notation, at least 2 and at most 4 decimals: 1743.43, 1743.425, 18.0964 (more for a tiny non-zero value)."""
    q = d.quantize(Decimal("0.0001"))
    if q == 0 and d != 0:
        # A difference smaller than 0.0001 万元 (1 元) must not print as 0.00.
        q = d.quantize(Decimal("0.00000001")).normalize()
    s = format(q, "f")
    if "." in s:
        whole, frac = s.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        s = f"{whole}.{frac}"
    return "0.00" if s in ("-0.00",) else s


def sum_intervals(items) -> Interval:
    total = Interval(ZERO, ZERO)
    for it in items:
        total = total + it
    return total
