"""A document's habit of printing growth rates cut to a whole percent ("下降4.0%" for 4.86 %).

Some departments compute every 增长/下降 rate, cut it to a whole number and print it with
zero decimals appended ("4.0%", "9.00%"). Each rate is then "wrong" at its printed precision,
but the department would rightly answer that it follows one rule throughout. budgetlint says
so once, as a warning on the document (BL563), instead of one BL503 error per sentence.

The habit is recognised only when the document shows it and nothing else: at least
``MIN_RATES`` rates with computable bases, every one printed as a whole number with zero
decimals, every one equal to its true value cut to a whole percent, and at least two of them
off at their printed precision. A single rate that breaks the pattern keeps BL503 for all.
"""

from __future__ import annotations

from msgspec import Struct
from decimal import ROUND_FLOOR, Decimal

from budgetlint.engine.evaluate import EvalContext
from budgetlint.claim_functions.library import register
from budgetlint.claims.kinds import ChangeClaim
from budgetlint.claim_functions.values import ClaimItem, document_claims, fn_base, fn_num
from budgetlint.engine.expr import Missing, Skip
from budgetlint.facts.interval import Interval

MIN_RATES = 3
HUNDRED = Decimal(100)


def _exponent(printed: Decimal) -> int:
    """The printed places of a finite number, as ``Decimal.as_tuple`` gives them (-2 for 4.00)."""
    exponent = printed.as_tuple().exponent
    assert isinstance(exponent, int)  # a printed rate is finite
    return exponent


class RateReading(Struct, frozen=True):
    """A printed growth rate beside the rate its amounts give."""

    item: ClaimItem
    printed: Decimal
    true: Interval  # the rate the amounts give, in %

    @property
    def cut(self) -> bool:
        """Printed == the true rate cut to a whole percent (for some value the amounts allow)."""
        lo = self.true.lo.to_integral_value(rounding=ROUND_FLOOR)
        hi = self.true.hi.to_integral_value(rounding=ROUND_FLOOR)
        return lo <= self.printed <= hi

    @property
    def off(self) -> bool:
        """Outside the printed precision (and its one-unit truncation allowance, as BL503)."""
        unit = Decimal(1).scaleb(_exponent(self.printed))
        return self.true.hi < self.printed - unit or self.true.lo > self.printed + unit


def _readings(ctx: EvalContext) -> list[RateReading]:
    readings = []
    for item in document_claims(ctx):
        c = item.claim
        if not isinstance(c, ChangeClaim) or c.rate is None or c.change is None:
            continue
        probe = EvalContext(ctx.index)
        try:
            true = fn_num(probe, item, "change").div(fn_base(probe, item)).scale(HUNDRED)
        except (Missing, Skip, ZeroDivisionError):
            continue
        readings.append(RateReading(item, c.rate.value, true))
    return readings


def rates_cut_to_whole_percent(ctx: EvalContext) -> list[RateReading]:
    """The document's rates when they follow the habit, else []. Cached per document."""
    cached = ctx.index.memo.get("cut_rates")
    if cached is not None:
        return cached
    readings = _readings(ctx)
    whole = all(r.printed == r.printed.to_integral_value() and _exponent(r.printed) < 0 for r in readings)
    habit = len(readings) >= MIN_RATES and whole and all(r.cut for r in readings) and sum(r.off for r in readings) >= 2
    result = readings if habit else []
    ctx.index.memo["cut_rates"] = result
    return result


@register("rates_cut", "rates_cut(it) — 本文件的增长率都按整数截尾后补零印出（见 BL563），此陈述属于这种情况")
def fn_rates_cut(ctx: EvalContext, it) -> bool:
    return any(r.item is it for r in rates_cut_to_whole_percent(ctx))


@register(
    "cut_rate_habit",
    "cut_rate_habit() — 文件有足够多的增长率时取一条：按整数截尾补零印出时为偏离最多的那条（每份文件一条）",
)
def fn_cut_rate_habit(ctx: EvalContext) -> list:
    off = [r for r in rates_cut_to_whole_percent(ctx) if r.off]
    if off:
        return [max(off, key=lambda r: abs(r.true.mid - r.printed)).item]
    readings = _readings(ctx)
    return [readings[0].item] if len(readings) >= MIN_RATES else []


@register(
    "cut_rate_described",
    "cut_rate_described(it) — 增长率按整数截尾补零印出时为 true，并写入消息变量 {count} {off_count} {rate} {computed}",
)
def fn_cut_rate_described(ctx: EvalContext, it) -> bool:
    readings = rates_cut_to_whole_percent(ctx)
    reading = next((r for r in readings if r.item is it), None)
    if reading is None:
        return False
    fn_num(ctx, it, "rate")  # {claim}, {rate} and the finding's location
    ctx.vars["count"] = str(len(readings))
    ctx.vars["off_count"] = str(sum(r.off for r in readings))
    ctx.vars["computed"] = format(reading.true.mid.quantize(Decimal("0.01")), "f")
    for other in readings:  # the other sentences the habit puts off their printed precision
        if other is not reading and other.off:
            c = other.item.claim
            span = c.span or c.sentence
            offset = c.offset
            ctx.related.append(
                (
                    other.item.paragraph.provenance_at(offset),
                    span,
                    f"BL503：印 {other.printed}%，实际 {other.true.mid.quantize(Decimal('0.01'))}%",
                )
            )
    return True
