"""Why a printed value is wrong: the printed value against the values that restore the identities.

A cause that predicts one exact value (÷10⁴, ×10⁴, two adjacent digits swapped back, the sign
turned) is named only when that value, printed at the cell's own decimals, makes every identity
of the cell hold; a copied value is named when the printed value equals a neighbouring cell's
(the row above or below, the column before or after) and the identities want another. When
two exact causes fit with different values the cause is not clear and none is named.
"""

from __future__ import annotations

from msgspec import Struct
from decimal import ROUND_HALF_UP, Decimal

from budgetlint.diagnose.model import CellVar
from budgetlint.diagnose.system import TableSystem
from budgetlint.resources import known_column_name
from budgetlint.model import Unit

TEN_THOUSAND = Decimal(10_000)
_EPS = Decimal("1e-9")


class Cause(Struct, frozen=True):
    """A likely cause of a wrong cell and the value it restores."""

    code: str
    text: str
    restored: Decimal  # in the table's unit, at the cell's printed decimals


def at_decimals(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def name_cause(
    system: TableSystem, j: int, wan_range: tuple[Decimal, Decimal], located: frozenset[int] = frozenset()
) -> Cause | None:
    """``located``: the other cells found wrong with j; a value equal to one of theirs is no copy
    (a row whose 合计 and only source are both wrong prints them equal, as it should)."""
    cell = system.cells[j]
    unit = system.table.table.unit
    lo, hi = wan_range

    def fits(v: Decimal) -> bool:
        return lo - _EPS <= unit.to_wan(v) <= hi + _EPS

    p, d = cell.value, cell.decimals
    exact: list[Cause] = []
    smaller = at_decimals(p / TEN_THOUSAND, d)
    if smaller != 0 and fits(smaller):
        text = "疑似把元录成了万元" if unit is Unit.WAN else "疑似单位错了一级（印出数是应有数的一万倍）"
        exact.append(Cause("unit_large", text, smaller))
    if p != 0:
        # a value 10⁴ too small lost its last digits when printed: the restoring value lies
        # within 10⁴ × the printed half-width of p × 10⁴
        spread = unit.to_wan(TEN_THOUSAND * Decimal(5) * Decimal(10) ** (-(d + 1)))
        near = unit.to_wan(p * TEN_THOUSAND)
        a, b = max(lo, near - spread), min(hi, near + spread)
        if a <= b and (near > 0) == (a > 0):
            text = "疑似把万元录成了元" if unit is Unit.YUAN else "疑似单位错了一级（印出数只有应有数的万分之一）"
            exact.append(Cause("unit_small", text, at_decimals(unit_from_wan(unit, (a + b) / 2), d)))
    if p != 0 and fits(-p):
        exact.append(Cause("sign", "疑似正负号印反", -p))
    for swapped in transpositions(p, d):
        if fits(swapped):
            exact.append(Cause("transposed", f"疑似相邻两位数字颠倒（{fmt(swapped, d)} 印成了 {fmt(p, d)}）", swapped))
    values = {c.restored for c in exact}
    if len(values) == 1:
        return exact[0]
    if len(values) > 1:
        return None  # two different exact explanations: not clear
    neighbour = copied_from(system, cell, located)
    if neighbour is not None:
        restored = at_decimals((unit_from_wan(unit, lo) + unit_from_wan(unit, hi)) / 2, d)
        if fits(restored) and restored != p:
            return Cause("copied", f"印出数与{neighbour}的数相同，疑似抄错了行或列", restored)
    return None


def unit_from_wan(unit: Unit, wan: Decimal) -> Decimal:
    return wan * TEN_THOUSAND / unit.in_yuan


def fmt(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def transpositions(value: Decimal, decimals: int) -> list[Decimal]:
    """The values with two adjacent digits swapped (12.34 → 12.43, 21.34, 13.24), the point kept."""
    text = fmt(abs(value), decimals)
    digits = [k for k, ch in enumerate(text) if ch.isdigit()]
    out: list[Decimal] = []
    for a, b in zip(digits, digits[1:]):
        if text[a] == text[b]:
            continue
        chars = list(text)
        chars[a], chars[b] = chars[b], chars[a]
        swapped = Decimal("".join(chars))
        out.append(-swapped if value < 0 else swapped)
    return out


def copied_from(system: TableSystem, cell: CellVar, located: frozenset[int] = frozenset()) -> str | None:
    """'上一行“名称”' when a neighbouring cell prints the same value, else None (a neighbour itself
    in ``located``, found wrong too, is no source)."""
    wrong = {(system.cells[i].node.index, system.cells[i].column) for i in located}
    table = system.table
    if cell.value == 0:
        return None
    nodes = table.nodes
    for step, where in ((-1, "上一行"), (1, "下一行")):
        k = cell.node.index + step
        if 0 <= k < len(nodes):
            other = nodes[k].row.cell(cell.column)
            if (nodes[k].index, cell.column) in wrong:
                continue
            if other is not None and other.state == "value" and other.value == cell.value:
                return f"{where}“{(nodes[k].row.label or nodes[k].key or '').strip()}”"
    columns = [c for c in table.numeric_columns() if c in table.live_columns]
    if cell.column in columns:
        at = columns.index(cell.column)
        for step, where in ((-1, "左边一列"), (1, "右边一列")):
            k = at + step
            if 0 <= k < len(columns):
                if (cell.node.index, columns[k]) in wrong:
                    continue
                other = cell.node.row.cell(columns[k])
                if other is not None and other.state == "value" and other.value == cell.value:
                    return f"{where}“{known_column_name(columns[k]) or columns[k]}”"
    return None
