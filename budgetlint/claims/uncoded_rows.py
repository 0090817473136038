"""款 and 项 rows of an expense table printed by name only, placed by the table's own sums.

Some regions (浙江 …) print the 支出 tables with a code on the 类 row only (or with no
codes at all, the recogniser keying the 类 rows by their names): the 款 and 项 rows below
a 类 carry a name and no code, so binding could not tell which 款 a "行政运行（项）" belongs
to. The table shows it by arithmetic: under a 类, each 款 row is followed by its 项 rows,
and the 项 rows add up to the 款 row (the 款 rows to the 类 row). ``function_items`` reads a
类 block as "款, its 项 …, 款, its 项 …" and keeps that reading only when every run adds up
(in the total column) and the 款 rows add up to the 类; any other block is left out
(better unbound than bound to the wrong row).

The rows get keys of their own, never mistaken for printed codes: ``204k02`` is the
second 款 under 类 204, ``204k02i03`` its third 项 (binding narrows 项 by the 款 key
prefix, as it does with printed codes).
"""

from __future__ import annotations

from msgspec.structs import replace
from decimal import Decimal

from budgetlint.lazy_regex import lazy_compile

_CLASS_CODE = lazy_compile(r"^2[0-9]{2}$")
_SYNTHETIC = lazy_compile(r"^(?P<cls>[0-9]{3})k(?P<k>[0-9]{2})(?:i(?P<i>[0-9]{2}))?$")


def is_synthetic(row: str) -> bool:
    return bool(_SYNTHETIC.match(row or ""))


def synthetic_level(row: str) -> str | None:
    """'类'… of a synthetic key: 款 for ``204k02``, 项 for ``204k02i03``."""
    m = _SYNTHETIC.match(row or "")
    if not m:
        return None
    return "项" if m.group("i") else "款"


def synthetic_parent(row: str) -> str | None:
    """The 款 key of a 项 key (``204k02i03`` → ``204k02``), the 类 code of a 款 key."""
    m = _SYNTHETIC.match(row or "")
    if not m:
        return None
    return f"{m.group('cls')}k{m.group('k')}" if m.group("i") else m.group("cls")


def function_items(ti) -> list:
    """RowNodes (copies) of ``ti``'s uncoded 款/项 rows, keyed as in the module docstring."""
    out = []
    nodes = ti.nodes
    i = 0
    while i < len(nodes):
        node = nodes[i]
        if not (node.key and _CLASS_CODE.match(node.key) and node.kind == "functional"):
            i += 1
            continue
        j = i + 1
        while j < len(nodes) and not nodes[j].key:
            j += 1
        block = [n for n in nodes[i + 1 : j] if _total(ti, n) is not None]
        if len(block) == j - i - 1 and block:
            out.extend(_read_block(ti, node, block))
        i = j
    return out


def _total(ti, node):
    """(value, half-width) of the row's total column in 万元; None when not printed."""
    cell = node.row.cell("total")
    if cell is None or cell.state != "value" or cell.value is None or not (node.row.label or "").strip():
        return None
    iv = ti.interval(cell)
    return iv.mid, iv.half


def _read_block(ti, class_node, block) -> list:
    """The block's rows as 款/项 when the sums say so unambiguously; [] otherwise."""
    whole = _total(ti, class_node)
    if whole is None:
        return []
    out = []
    kuan_sum, kuan_half = Decimal(0), Decimal(0)
    k = 0
    pos = 0
    while pos < len(block):
        head = block[pos]
        value, half = _total(ti, head)
        if value == 0:
            return []  # a zero row fits anywhere: the reading would not be unique
        k += 1
        kuan_key = f"{class_node.key}k{k:02d}"
        out.append(replace(head, key=kuan_key))
        kuan_sum, kuan_half = kuan_sum + value, kuan_half + half
        acc, acc_half, n = Decimal(0), Decimal(0), 0
        pos += 1
        while pos < len(block) and abs(acc - value) > acc_half + half:
            v, h = _total(ti, block[pos])
            if v == 0:
                return []
            acc, acc_half, n = acc + v, acc_half + h, n + 1
            out.append(replace(block[pos], key=f"{kuan_key}i{n:02d}"))
            pos += 1
        if n == 0 or abs(acc - value) > acc_half + half:
            return []  # a 款 without items, or items that do not add up: not this reading
    if abs(kuan_sum - whole[0]) > kuan_half + whole[1]:
        return []
    return out
