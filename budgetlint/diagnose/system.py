"""A table's identities as linear equations over its printed cells.

Two kinds, the same the rules check (so a diagnosis never rests on a sum the engine would not
evaluate):
* row: the kind's declared column identities (rules/vocab/identities.yaml, those a pack rule
  checks; a subtotal the table does not print stands for its parts), rewritten over the columns the table prints (recognise/identities.equations_for);
* tree: a parent row = Σ its printed child rows, per column, for the kinds BL110 checks
  (facts/index.py's row tree; none when the tree is unreliable).
A cell missing from an equation (not printed, unreadable, uncertain column) drops that
equation; a blank cell is an exact 0 (half-width 0), still a variable (a dropped value); a column with no number anywhere in the
table is not used (the engine treats it as absent).
"""

from __future__ import annotations

from msgspec import Struct
from decimal import Decimal

from budgetlint.diagnose.model import CellVar, Equation
from budgetlint.facts.index import TableIndex
from budgetlint.rounding import ZERO, half_ulp
from budgetlint.recognise.identities import column_name, equations
from budgetlint.recognise.vocab import identity_declaration

# The kinds whose rows add up along the code tree: the tables BL110 lists (rules/tables.yaml;
# tests/diagnose/test_system.py keeps the two equal).
TREE_KINDS = frozenset(
    {
        "expense",
        "gpb_expense",
        "gov_fund",
        "soe_capital",
        "income",
        "economic_summary",
        "gpb_basic",
        "projects",
        "project_performance",
        "operating_funds",
        "final_income",
        "final_expense",
        "final_gpb_expense",
        "final_gpb_basic",
        "final_gov_fund",
        "final_soe_capital",
    }
)

_MISSING = -1


class TableSystem(Struct):
    """A table's cells as unknowns and its identities as equations."""

    table: TableIndex
    cells: list[CellVar]
    equations: list[Equation]

    def residual(self, eq: Equation, values: dict[int, Decimal] | None = None) -> Decimal:
        """Σ coef·value (万元); ``values`` replaces some cells' printed middles."""
        values = values or {}
        return sum((c * values.get(i, self.cells[i].mid) for i, c in eq.terms), Decimal(0))

    def tolerance(self, eq: Equation) -> Decimal:
        return sum((self.cells[i].half for i, _ in eq.terms), Decimal(0))

    def holds(self, eq: Equation, values: dict[int, Decimal] | None = None) -> bool:
        return abs(self.residual(eq, values)) <= self.tolerance(eq)

    def failing(self) -> list[Equation]:
        return [eq for eq in self.equations if not self.holds(eq)]


def table_system(table: TableIndex) -> TableSystem | None:
    """The equations of one recognised table, or None when its layout is not certain enough
    (built once per table index: the rules and the fold read it several times)."""
    if "diagnose_system" not in table.memo:  # None (no system) is cached too
        table.memo["diagnose_system"] = _build(table)
    return table.memo["diagnose_system"]


def _build(table: TableIndex) -> TableSystem | None:
    if not table.kind or table.has_unknown_columns():
        return None
    columns = [c for c in table.numeric_columns() if c in table.live_columns]
    cells: list[CellVar] = []
    index: dict[tuple[int, str], int] = {}
    unit = table.table.unit

    def var(node, column: str) -> int:
        key = (node.index, column)
        if key in index:
            return index[key]
        cell = node.row.cell(column)
        if (
            cell is None
            or table.is_uncertain(node)
            or cell.state not in ("value", "blank")
            or (cell.state == "value" and cell.value is None)
        ):
            out = _MISSING  # absent, unreadable, or a row whose columns are not certain
        elif cell.state == "blank":
            # an exact 0, but still a printed place: a value the clerk dropped or a shifted row
            out = len(cells)
            cells.append(CellVar(table, node, column, ZERO, table.table.precision, ZERO, ZERO))
        else:
            out = len(cells)
            decimals = table.table.decimals_of(cell)  # the engine's interval (TableIndex.interval)
            cells.append(
                CellVar(
                    table, node, column, cell.value, decimals, unit.to_wan(cell.value), unit.to_wan(half_ulp(decimals))
                )
            )
        index[key] = out
        return out

    eqs: list[Equation] = []
    identities = identity_declaration().get(table.kind, ())
    row_equations = equations(identities, columns, "zero", checked_only=True)
    for node in table.nodes:
        if node.key is None or not node.row.cells:
            continue
        for eq in row_equations:
            left = [var(node, c) for c in eq.left]
            right = [var(node, c) for c in eq.right]
            terms = _terms(left, right)
            if terms is not None:
                head = left[0] if len(left) == 1 else None
                eqs.append(Equation(terms, "row", head, eq.text))
    if table.kind.split("#")[0] in TREE_KINDS and table.tree_ok:
        for node in table.nodes:
            if node.key is None or not node.children:
                continue
            kids = [table.nodes[i] for i in node.children]
            for column in columns:
                parent = var(node, column)
                terms = _terms([parent], [var(k, column) for k in kids])
                if terms is not None:
                    text = f"{node.key} 的{column_name(column)} = 下级行之和"
                    eqs.append(Equation(terms, "tree", parent, text))
    return TableSystem(table, cells, eqs)


def _terms(left: list[int], right: list[int]) -> tuple[tuple[int, int], ...] | None:
    if _MISSING in left or _MISSING in right:
        return None
    if not left or not right:
        return None
    return tuple([(i, 1) for i in left] + [(i, -1) for i in right])
