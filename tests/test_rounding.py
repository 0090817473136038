"""One rounding tolerance: the recogniser and the engine agree on when a printed sum holds.

Each case is a row 合计 | 基本支出 | 项目支出 read by hand; it holds when the difference is at most
half a unit of each printed cell's last digit, summed (XBRL Calculations 1.1). Column inference
(grid), the placement of left-packed rows and the engine's BL101 must give the same verdict: a
recogniser with its own tolerance (0.01 per item, or 0.005 whatever the precision) fails here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.engine import load_rules
from budgetlint.engine.examples import run_example
from budgetlint.facts.interval import Interval
from budgetlint.engine.rules import Example
from budgetlint.model import Provenance, RawCell
from budgetlint.recognise import placement
from budgetlint.recognise.grid import _layout_adds_up
from budgetlint.recognise.identities import equations_for
from budgetlint.recognise.vocab import column_vocab
from budgetlint.rounding import adds_up, half_ulp, rounding_decimals, table_precision

COLS = ["total", "basic", "project"]

# (合计, 基本支出, 项目支出) as printed, and whether 合计 = 基本 + 项目 within rounding
CASES = [
    (("10.01", "5.00", "5.00"), True),  # 0.01 ≤ 3 × 0.005
    (("10.02", "5.00", "5.00"), False),  # 0.02 > 0.015 (a 0.01-per-item tolerance would pass it)
    (("10.015", "5.000", "5.000"), False),  # 0.015 > 3 × 0.0005: three decimals, a tighter interval
    (("10", "5", "4"), True),  # whole 万元: 1 ≤ 3 × 0.5
    (("10", "5", "3"), False),  # 2 > 1.5
    (("10.01", "10.00", ""), True),  # a blank is an exact 0: 0.01 ≤ 2 × 0.005
    (("10.02", "10.00", ""), False),  # 0.02 > 0.01
]
IDS = ["|".join(c) for c, _ in CASES]


BL101 = next(r for r in load_rules() if r.id == "BL101")


def _engine(printed) -> bool:
    rule = BL101
    facts = {f"expense[total].{c}": v for c, v in zip(COLS, printed)}
    report = run_example(rule, Example(expect="pass", facts=facts))
    assert not report.not_evaluated or all(ne.rule_id != "BL101" for ne in report.not_evaluated)
    return not report.findings


def _grid(printed) -> bool:
    prov = Provenance(path="t.txt")
    row = [RawCell(text=v, provenance=prov) for v in printed]
    return _layout_adds_up(column_vocab("expense"), COLS, [row], 0)


def _placement(printed) -> bool:
    pairs = [(Decimal(v), len(v.split(".")[1]) if "." in v else 0) for v in printed if v]
    precision, _ = table_precision(pairs)
    placed = {c: Decimal(v) for c, v in zip(COLS, printed) if v}
    (eq,) = equations_for("expense", COLS)
    return placement._holds(eq, placed, half_ulp(precision))


@pytest.mark.parametrize("printed,holds", CASES, ids=IDS)
def test_engine_and_recogniser_agree(printed, holds):
    assert _engine(printed) is holds
    assert _grid(printed) is holds
    assert _placement(printed) is holds


def test_grid_takes_each_cells_own_precision_like_the_engine():
    # 558 beside 1743.43 is a rounder print (±0.5), as the engine reads it (Table.decimals_of)
    printed = ("2301.90", "1743.43", "558")  # 0.47 ≤ 0.005 + 0.005 + 0.5
    assert _engine(printed) is True
    assert _grid(printed) is True
    assert _engine(("2301.43", "1743.43", "557")) is _grid(("2301.43", "1743.43", "557")) is False


def test_interval_meets_is_the_shared_test():
    a, b = Interval(Decimal("10.02"), Decimal("0.005")), Interval(Decimal("10.00"), Decimal("0.01"))
    assert a.meets(b) is adds_up([(a.mid, a.half)], [(b.mid, b.half)]) is False
    b = Interval(Decimal("10.00"), Decimal("0.015"))
    assert a.meets(b) is adds_up([(a.mid, a.half)], [(b.mid, b.half)]) is True


def test_rounding_decimals():
    assert half_ulp(2) == Decimal("0.005") and half_ulp(0) == Decimal("0.5")
    assert rounding_decimals(0, Decimal(558), 2, False) == 0  # a rounder print of its own
    assert rounding_decimals(0, Decimal(0), 2, False) == 2  # a zero takes the table's precision
    assert rounding_decimals(1, Decimal("55279.2"), 2, True) == 2  # a table dropping trailing zeros
    assert table_precision([(Decimal(0), 0), (Decimal("1.5"), 1), (Decimal("2.25"), 2)]) == (2, True)
    assert table_precision([(Decimal(0), 0)]) == (2, False)
