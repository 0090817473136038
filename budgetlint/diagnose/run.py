"""Diagnose every recognised table of a document: rows first (shifted, missing), then cells.

A table is diagnosed only when some of its identities fail and the failures are local: a
table that disagrees with most of its own identities is more likely misread (the engine's
guard withholds its findings), and a diagnosis there would be a guess.
"""

from __future__ import annotations

from msgspec import Struct
from decimal import Decimal

from budgetlint.diagnose.causes import at_decimals, name_cause
from budgetlint.diagnose.localise import localise, single_cell_range
from budgetlint.diagnose.model import CellVar, Diagnosis, Equation, Tie
from budgetlint.diagnose.system import TableSystem, table_system
from budgetlint.facts.index import DocIndex, TableIndex
from budgetlint.resources import table_names

# Local failures only: one wrong cell breaks two or three identities, a shifted row or a
# missing row a few more; beyond this many (or, from 4 on, this share: the engine's own guard,
# engine/run.py) the table is likelier misread.
MAX_FAILING = 16
MIN_SYSTEMATIC = 4
MAX_FAILING_SHARE = 0.5
# Tables whose rows print the same codes and columns (a row one of them lacks may be printed by another).
FAMILIES = (
    frozenset({"expense", "gpb_expense", "gov_fund", "soe_capital"}),
    frozenset({"final_expense", "final_gpb_expense", "final_gov_fund", "final_soe_capital"}),
    frozenset({"gpb_basic", "economic_summary", "operating_funds"}),
)


class Checked(Struct, frozen=True):
    """A table whose identities were checked and that needs no diagnosis (of one sort)."""

    table: TableIndex


def checked_tables(index: DocIndex) -> list[TableIndex]:
    """The tables with at least one identity to check."""
    known: list[TableIndex] | None = index.memo.get("checked_tables")
    if known is not None:
        return known
    out = []
    for table in index.tables.values():
        system = table_system(table)
        if system is not None and system.equations:
            out.append(table)
    return out


def diagnose_document(index: DocIndex) -> list[Diagnosis | Tie]:
    """Every diagnosis of the document (computed once per index: several rules read it).

    A table's equations are then kept only where a diagnosis points (its rules read them to name
    the identities it breaks): the others' are as large as the table and the rules that follow
    have no use for them (a 10,000-row table's took a third of the memory of the checks)."""
    cached: list[Diagnosis | Tie] | None = index.memo.get("diagnoses")
    if cached is None:
        cached = [d for table in index.tables.values() for d in diagnose_table(table, index)]
        index.memo["checked_tables"] = checked_tables(index)
        index.memo["diagnoses"] = cached
        diagnosed = {id(d.table) for d in cached}
        for table in index.tables.values():
            if id(table) not in diagnosed:
                table.memo.pop("diagnose_system", None)
    return cached


def diagnose_table(table: TableIndex, index: DocIndex | None = None) -> list[Diagnosis | Tie]:
    system = table_system(table)
    if system is None:
        return []
    failing = system.failing()
    if (
        not failing
        or len(failing) > MAX_FAILING
        or (len(failing) >= MIN_SYSTEMATIC and len(failing) > MAX_FAILING_SHARE * len(system.equations))
    ):
        return []
    cells = cell_diagnoses(system, failing)
    explained = {id(eq) for d in cells if isinstance(d, Diagnosis) for eq in d.broken}
    if cells and all(id(eq) in explained for eq in failing):
        return cells  # one cell per failure, each with its cause: the simplest explanation
    rows: list[Diagnosis] = [*missing_rows(system, failing, index), *shifted_rows(system, failing)]
    explained = {id(eq) for d in rows for eq in d.broken}
    if rows and all(id(eq) in explained for eq in failing):
        rival = _rival_rows(rows)
        if rival is not None:
            return [rival]  # two rows explain the same failures (a row and its only child): not guessed
        return [*rows]  # a whole row explains every failure
    return cells


def _rival_rows(rows: list[Diagnosis]) -> Tie | None:
    """Two row diagnoses that explain a same failing identity: either is as likely (a parent row
    and its one child print the same values, so either may be the one shifted)."""
    for k, a in enumerate(rows):
        for b in rows[k + 1 :]:
            if {id(eq) for eq in a.broken} & {id(eq) for eq in b.broken}:
                return Tie(
                    a.table,
                    [list(a.cells), list(b.cells)],
                    list({id(eq): eq for eq in [*a.broken, *b.broken]}.values()),
                )
    return None


def cell_diagnoses(system: TableSystem, failing: list[Equation]) -> list[Diagnosis | Tie]:
    table = system.table
    found = localise(system, failing)
    if found is None:
        return []
    if found.tie is not None:
        return [Tie(table, [[system.cells[j] for j in found.cells], [system.cells[j] for j in found.tie]], failing)]
    out: list[Diagnosis | Tie] = []
    for j in found.cells:
        others = set(found.cells) - {j}
        broken = [eq for eq in failing if j in eq.cells()]
        if any(eq.cells() & others for eq in broken):
            continue  # cells that restore an identity only together: no one value to name per cell
        wan_range = single_cell_range(system, j)
        located = frozenset(found.cells) - {j}
        cause = name_cause(system, j, wan_range, located) if wan_range is not None else None
        if cause is None:
            continue  # located but no clear cause: the identity findings stay as they are
        out.append(
            Diagnosis(
                table, [system.cells[j]], [cause.restored], cause.code, cause.text, broken, basis(system, j, broken)
            )
        )
    return out


def basis(system: TableSystem, j: int, broken: list[Equation]) -> str:
    """'本行合计与本列合计': the identities that give the restoring value, in the clerk's words."""
    words = []
    for eq in broken:
        if eq.kind == "row":
            words.append("本行各项之和" if eq.head == j else "本行合计")
        else:
            words.append("下级行之和" if eq.head == j else "本列合计")
    return "与".join(dict.fromkeys(words)) or "本表勾稽关系"


class _Through:
    """A table's equations by cell, with each one's printed residual, tolerance and
    coefficients, worked out once: a shifted row is tried for every row a failing identity
    touches, and a tree identity over a 1,000-row column touches every one of them (each trial
    summed every equation of the table: 10,000 rows took ten minutes)."""

    def __init__(self, system: TableSystem):
        self.system = system
        self.of: dict[int, list[Equation]] = {}
        self.coef: dict[int, dict[int, int]] = {}
        self.printed: dict[int, Decimal] = {}
        self.tol: dict[int, Decimal] = {}
        self.place: dict[int, int] = {}
        for k, eq in enumerate(system.equations):
            self.place[id(eq)] = k
            self.coef[id(eq)] = dict(eq.terms)
            self.printed[id(eq)] = system.residual(eq)
            self.tol[id(eq)] = system.tolerance(eq)
            for i, _ in eq.terms:
                self.of.setdefault(i, []).append(eq)

    def residual(self, eq: Equation, values: dict[int, Decimal], leave_out: int | None = None) -> Decimal:
        """Σ coef·value with ``values`` in place of the printed middles (and cell ``leave_out``
        left out): the printed residual corrected by the cells that change."""
        coefs, cells = self.coef[id(eq)], self.system.cells
        out = self.printed[id(eq)]
        if leave_out is not None:
            out -= coefs[leave_out] * cells[leave_out].mid
        for i, v in values.items():
            if i != leave_out and i in coefs:
                out += coefs[i] * (v - cells[i].mid)
        return out

    def touched(self, cells) -> list[Equation]:
        """The equations through any of ``cells``, in the table's order, each once."""
        seen: dict[int, Equation] = {}
        for i in cells:
            for eq in self.of.get(i, ()):
                seen.setdefault(id(eq), eq)
        return sorted(seen.values(), key=lambda eq: self.place[id(eq)])


def shifted_rows(system: TableSystem, failing: list[Equation]) -> list[Diagnosis]:
    """A row whose printed values all sit one column off: one end printed blank, the values moved
    back, and the one value pushed off the table computed from the identities through its cell
    (the row's own, the column's sum); every identity of the row then holds."""
    table = system.table
    unit = table.table.unit
    columns = [c for c in table.numeric_columns() if c in table.live_columns]
    by_row: dict[int, dict[str, int]] = {}
    for j, cell in enumerate(system.cells):
        by_row.setdefault(cell.node.index, {})[cell.column] = j
    suspects = {system.cells[j].node.index for eq in failing for j in eq.cells()}
    failing_ids = {id(eq) for eq in failing}
    through: _Through | None = None
    out: list[Diagnosis] = []
    for row in sorted(suspects):
        placed = by_row.get(row, {})
        if len(columns) < 3 or any(c not in placed for c in columns):
            continue  # a column this row lacks: no whole-row shift to test
        cells = [placed[c] for c in columns]
        for step in (1, -1):
            vacated, entering = (cells[0], cells[-1]) if step == 1 else (cells[-1], cells[0])
            if system.cells[vacated].value != 0:
                continue  # the values moved away from this end: it prints blank
            through = through or _Through(system)
            restored: dict[int, Decimal] = {}
            for k, j in enumerate(cells):
                if 0 <= k + step < len(cells):
                    restored[j] = system.cells[cells[k + step]].value
            lost = _lost_value(through, entering, {j: unit.to_wan(v) for j, v in restored.items()})
            if lost is None:
                continue
            restored[entering] = at_decimals(lost * Decimal(10_000) / unit.in_yuan, system.cells[entering].decimals)
            changed = {j: v for j, v in restored.items() if v != system.cells[j].value}
            values = {j: unit.to_wan(v) for j, v in changed.items()}
            touched = through.touched(values)
            if (
                len(changed) < 2
                or not any(id(eq) in failing_ids for eq in touched)
                or not all(any(eq.kind == "tree" for eq in through.of.get(j, ())) for j in changed)
                or not all(abs(through.residual(eq, values)) <= through.tol[id(eq)] for eq in touched)
            ):
                # the column sums must confirm the move: the row's own identity alone cannot
                continue
            order = [j for j in cells if j in changed]
            printed, back = ("右", "左") if step == 1 else ("左", "右")
            out.append(
                Diagnosis(
                    table,
                    [system.cells[j] for j in order],
                    [changed[j] for j in order],
                    "shifted",
                    f"本行数值疑似整体向{printed}错位了一列（各数移回{back}边一列后本表勾稽关系全部成立）",
                    [eq for eq in touched if id(eq) in failing_ids],
                    "本行与本列合计",
                )
            )
            break
    return out


def _lost_value(through: _Through, j: int, values: dict[int, Decimal]) -> Decimal | None:
    """Cell j's value (万元) that every identity through it allows, the other cells at ``values``
    or as printed: 0 when they allow it (the value pushed off the table was a blank — the
    commonest shift), else the middle of what they allow; None when no identity gives it."""
    lo, hi = Decimal("-Infinity"), Decimal("Infinity")
    for eq in through.of.get(j, ()):
        coef = through.coef[id(eq)][j]
        rest = through.residual(eq, values, leave_out=j)
        tol = through.tol[id(eq)]
        a, b = (-tol - rest) / coef, (tol - rest) / coef
        lo, hi = max(lo, min(a, b)), min(hi, max(a, b))
    if lo > hi or not lo.is_finite() or not hi.is_finite():
        return None
    return Decimal(0) if lo <= 0 <= hi else (lo + hi) / 2


def missing_rows(system: TableSystem, failing: list[Equation], index: DocIndex | None) -> list[Diagnosis]:
    """A parent row larger than its children by exactly a row another table prints under it."""
    if index is None:
        return []
    table = system.table
    family = next((f for f in FAMILIES if table.kind in f), None)
    if family is None:
        return []
    heads: dict[int, list[Equation]] = {}
    for eq in failing:
        if eq.kind == "tree" and eq.head is not None:
            heads.setdefault(system.cells[eq.head].node.index, []).append(eq)
    out: list[Diagnosis] = []
    for node_index, eqs in heads.items():
        parent = table.nodes[node_index]
        parent_base = parent.base or ""
        kids = [table.nodes[i] for i in parent.children]
        kid_keys = {k.base for k in kids}
        lengths = {len(k.base or "") for k in kids if k.base and k.base.isdigit()}
        if len(lengths) != 1:
            continue
        for other in index.tables.values():
            if other is table or other.kind not in family:
                continue
            for node in other.nodes:
                key = node.base or ""
                if (
                    not key.isdigit()
                    or len(key) not in lengths
                    or key in kid_keys
                    or table.by_key.get(key)
                    or parent_base.isdigit()
                    and not key.startswith(parent_base)
                ):
                    continue
                if _row_explains(system, eqs, other, node):
                    cell = _head(system, eqs[0])
                    hits = [h for eq in eqs if (h := other.cell_hit(node, _head(system, eq).column))]
                    label = (node.row.label or "").strip()
                    label = "" if label == key else label
                    out.append(
                        Diagnosis(
                            table,
                            [cell],
                            [cell.value],
                            "missing_row",
                            f"下级行之和比本行少 {_amounts(system, eqs)}，正是{_table_name(other)}所印 {key}{' ' + label if label else ''} 的数：疑似漏印了这一行",
                            eqs,
                            "下级行之和",
                            extra=hits,
                        )
                    )
                    break
            else:
                continue
            break
    return out


def _head(system: TableSystem, eq: Equation) -> CellVar:
    """The cell a parent sum totals."""
    assert eq.head is not None  # missing_rows keeps only the equations with a head
    return system.cells[eq.head]


def _row_explains(system: TableSystem, eqs: list[Equation], other: TableIndex, node) -> bool:
    """Every failing parent sum of the row is short by exactly this row's value in that column."""
    matched = 0
    for eq in eqs:
        column = _head(system, eq).column
        hit = other.cell_hit(node, column)
        if hit is None or hit.blank:
            return False
        gap = system.residual(eq)  # parent − Σ children
        if abs(gap - hit.interval.mid) > system.tolerance(eq) + hit.interval.half:
            return False
        matched += 1
    return matched > 0


def _amounts(system: TableSystem, eqs: list[Equation]) -> str:
    first = _head(system, eqs[0])
    unit = system.table.table.unit
    gap = system.residual(eqs[0]) * Decimal(10_000) / unit.in_yuan
    return f"{at_decimals(gap, first.decimals)} {unit.value}"


def _table_name(table: TableIndex) -> str:
    return table_names().get(table.kind, table.kind)
