"""A table kind's own identities rewritten over the columns a printed table has.

The identities are declared once, in rules/vocab/identities.yaml (loaded and checked by
``vocab.identity_declaration``). Column inference (grid.py) and the placement of left-packed rows
(placement.py) ask here which sums must hold on a row of a table with these columns; the rule
packs check the same sums (tests/rules/test_identities_declaration.py keeps them in step).
"""

from __future__ import annotations

from msgspec import Struct
from typing import Literal

from budgetlint.recognise.vocab import Identity, column_vocab

# Column names for notes shown to users (placement's "按本表勾稽关系（合计=基本支出+项目支出）").
_COLUMN_NAMES = {
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "basic.personnel": "人员经费",
    "basic.public": "公用经费",
    "basic.personnel.wages": "工资福利支出",
    "basic.personnel.family": "对个人和家庭的补助",
    "basic.public.goods": "商品和服务支出",
    "basic.public.capital": "资本性支出",
    "project.operating": "其他运转类",
    "project.specific": "特定目标类",
    "remit": "上缴上级支出",
    "business": "经营支出",
    "subsidy": "对附属单位补助支出",
}


def column_name(key: str) -> str:
    return _COLUMN_NAMES.get(key, key)


class Equation(Struct, frozen=True):
    """Σ left = Σ right over columns the table prints."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    text: str  # human-readable, for notes


def identities_of(kind: str | None) -> tuple[Identity, ...]:
    return column_vocab(kind).identities if kind else ()


def _expand(col: str, present: set[str], identities: tuple[Identity, ...], depth: int = 0) -> list[str] | None:
    """Printed columns that make up ``col``: itself if printed, else its parts' (recursively).

    None when ``col`` is not printed and has no parts of its own.
    """
    if col in present:
        return [col]
    if depth > 5:
        return None
    for ident in identities:
        if ident.left == (col,):
            out: list[str] = []
            for c in ident.right:
                got = _expand(c, present, identities, depth + 1)
                if got is None:
                    return None
                out.extend(got)
            return out
    return None


def _side(
    keys: tuple[str, ...], present: set[str], identities, absent: str, optional: tuple[str, ...] = ()
) -> tuple[str, ...] | None:
    out: list[str] = []
    for key in keys:
        if key in optional and key not in present:
            continue  # a part only some regions print: 0 here, the identity stands without it
        if absent == "zero":
            # a part the table does not print adds nothing (placement, the rules' opt())
            out.extend(_expand_partly(key, present, identities))
            continue
        got = _expand(key, present, identities)
        if got is None:
            return None  # "missing": the identity cannot be checked on this layout
        out.extend(got)
    return tuple(out)


def _expand_partly(col: str, present: set[str], identities, depth: int = 0) -> list[str]:
    if col in present:
        return [col]
    if depth > 5:
        return []
    for ident in identities:
        if ident.left == (col,):
            return [c for x in ident.right for c in _expand_partly(x, present, identities, depth + 1)]
    return []


def equations_for(kind: str | None, columns, absent: Literal["zero", "missing"] = "zero") -> list[Equation]:
    """The identities of ``kind`` rewritten over the columns the table prints (``equations``)."""
    return equations(identities_of(kind), columns, absent)


def equations(
    identities: tuple[Identity, ...], columns, absent: Literal["zero", "missing"] = "zero", checked_only: bool = False
) -> list[Equation]:
    """``identities`` rewritten over the columns a table prints.

    A subtotal column the table does not print is replaced by its own parts (基本支出 = 工资福利
    + … when 人员经费 / 公用经费 are not printed). A column with no parts that is not printed
    counts as 0 (``absent="zero"``) or leaves the identity out (``absent="missing"``). An
    identity is used only when both sides keep at least one printed column, and once.
    ``checked_only``: only the identities a pack rule checks (the diagnosis, budgetlint/diagnose),
    every identity still expanding a subtotal the table does not print.
    """
    present = set(columns)
    out: list[Equation] = []
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for ident in identities:
        if checked_only and not ident.rules:
            continue
        left = _side(ident.left, present, identities, absent, ident.optional)
        right = _side(ident.right, present, identities, absent, ident.optional)
        if not left or not right or sorted(left) == sorted(right):
            continue
        sig = (tuple(sorted(left)), tuple(sorted(right)))
        if sig in seen:
            continue
        seen.add(sig)
        text = f"{'+'.join(column_name(c) for c in left)}={'+'.join(column_name(c) for c in right)}"
        out.append(Equation(left, right, text))
    return out
