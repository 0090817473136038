"""What a diagnosis says: the cell(s), the printed and the restoring value, the cause."""

from __future__ import annotations

from msgspec import Struct, field
from decimal import Decimal

from budgetlint.facts.index import FactHit, RowNode, TableIndex


class CellVar(Struct, frozen=True):
    """One printed value cell of a table: a variable of the localisation."""

    table: TableIndex
    node: RowNode
    column: str
    value: Decimal  # as printed, in the table's unit
    decimals: int
    mid: Decimal  # 万元
    half: Decimal  # its rounding half-width, 万元

    @property
    def hit(self) -> FactHit:
        """The engine's fact for this cell (what a finding points at); built only when shown."""
        hit = self.table.cell_hit(self.node, self.column)
        # a CellVar is made only for a printed value or blank cell of a certain row (system._build),
        # exactly the cells cell_hit gives a fact for
        assert hit is not None
        return hit

    @property
    def address(self) -> str:
        return self.table.address(self.node, self.column)


class Equation(Struct, frozen=True):
    """Σ coef·cell = 0 within ``tolerance`` (Σ half-widths): one identity on one row or column.

    ``kind``: "row" (a declared column identity on one row: 合计 = 基本支出 + 项目支出) or
    "tree" (a parent row = Σ its child rows in one column); ``head``: the cell the identity
    totals (合计 of the row, the parent row's cell) — to say "按本行合计" / "按本列合计".
    """

    terms: tuple[tuple[int, int], ...]  # (cell index, +1 | -1)
    kind: str
    head: int | None
    text: str

    def cells(self) -> set[int]:
        return {i for i, _ in self.terms}


class Diagnosis(Struct):
    """The cells found wrong in one table, what restores its identities, and the named cause."""

    table: TableIndex
    cells: list[CellVar]
    restored: list[Decimal]  # per cell, in the table's unit, at the cell's printed decimals
    cause: str  # unit_large | unit_small | transposed | sign | copied | shifted | missing_row
    cause_text: str  # the clerk's words: 疑似把元录成了万元
    broken: list[Equation]  # the identities the printed value breaks
    basis: str  # 本行合计与本列合计
    # other places the cause points at (the row another table prints)
    extra: list[FactHit] = field(default_factory=list)


class Tie(Struct):
    """Two (or more) equally good sets of cells: said, not guessed."""

    table: TableIndex
    options: list[list[CellVar]]
    broken: list[Equation]
