"""Whole-row plants for the diagnosis property tests: a row shifted one column, a row dropped.

A shifted row: every printed value of a row moves one column to the right (or left); the end it
leaves prints blank and the value pushed past the other end is lost. A dropped row: a row of a
code table is not printed at all; its parent then exceeds the sum of the rows printed under it.

Which rows are planted (the rest are counted as skipped, by reason, never silently):
* shifted (right and left, each a plant): a row of a table whose identities hold, with a printed
  place (a value or a blank) in each of the table's number columns, of which there are ≥ 3 (with
  two, a shift is a one- or two-cell change); with two or more non-zero values (a row of zeros
  does not change); the shift changes two or more printed cells (one changed cell — [a, a, 0]
  shifted left prints [a, 0, 0] — is a one-cell error, not a row's), each checked by two or more
  identities (a row identity and a column sum: a cell only its row identity checks cannot be
  told from the row's other cells). A shift that leaves every identity holding is no error.
* dropped: a leaf row with a parent in a table whose rows add up along the code tree, with a
  non-zero value (a row of zeros leaves nothing to find), not its parent's only child (the parent
  would have no printed children left and its sum would not be checked), whose code the parent
  does not print again (several units' rows listed under one parent without unit rows: the code
  is still printed, so the row is not missing by its code). It is a "missing row" plant when
  another table of the same family prints that row with the same values in every column the
  parent sum checks — the difference then equals a row another table prints, the issue's
  definition of the cause; otherwise a "dropped, printed nowhere else" plant, measured apart: no
  table names that row, so the diagnosis cannot name it, and must claim no cause.
"""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterator

from budgetlint.diagnose.model import Diagnosis, Tie
from budgetlint.diagnose.run import FAMILIES, diagnose_table
from budgetlint.diagnose.system import table_system
from budgetlint.facts.index import DocIndex

ROW_KINDS = ("shifted", "missing_row")


# ------------------------------------------------------------------ shifted


def _row_cells(system, node_index: int) -> dict[str, int]:
    return {c.column: j for j, c in enumerate(system.cells) if c.node.index == node_index}


def shift_columns(table) -> list[str]:
    return [c for c in table.numeric_columns() if c in table.live_columns]


def shiftable_rows(index: DocIndex, skipped: dict[str, int] | None = None) -> list[tuple[str, int, int]]:
    """(table name, row index, step) of the shifts that can be planted (see the module text);
    ``skipped`` counts the others by reason, per shift (a row skipped whole counts twice: right, left)."""
    skipped = skipped if skipped is not None else {}

    def skip(reason: str, shifts: int = 2) -> None:
        skipped[reason] = skipped.get(reason, 0) + shifts

    out = []
    for name, table in index.tables.items():
        system = table_system(table)
        if system is None or not system.equations or system.failing():
            continue
        columns = shift_columns(table)
        count: dict[int, int] = {}
        for eq in system.equations:
            for j in eq.cells():
                count[j] = count.get(j, 0) + 1
        rows = sorted({c.node.index for c in system.cells})
        for row in rows:
            placed = _row_cells(system, row)
            if len(columns) < 3:
                skip("shifted: fewer than 3 number columns (a shift is a one- or two-cell change)")
                continue
            if any(c not in placed for c in columns):
                skip("shifted: the row has no place in some number column (not printed there, or not certain)")
                continue
            values = [system.cells[placed[c]].value for c in columns]
            nonzero = [v for v in values if v != 0]
            if not nonzero:
                skip("shifted: all values zero")
                continue
            if len(nonzero) < 2:
                skip("shifted: a single non-zero value")
                continue
            for step in (1, -1):
                moved = [values[k - step] if 0 <= k - step < len(values) else Decimal(0) for k in range(len(values))]
                changes = [placed[c] for c, old, new in zip(columns, values, moved) if old != new]
                if len(changes) < 2:
                    skip("shifted: the shift changes one printed cell only (a one-cell error, not a row's)", 1)
                elif any(count.get(j, 0) < 2 for j in changes):
                    skip("shifted: a changed cell only one identity checks", 1)
                else:
                    out.append((name, row, step))
    return out


@contextmanager
def shifted(table, node_index: int, step: int) -> Iterator[None]:
    """The row's cells in the identity columns moved ``step`` (+1 right, −1 left) columns."""
    row = table.nodes[node_index].row
    cells = [row.cell(c) for c in shift_columns(table)]
    saved = [(c.state, c.value, c.decimals, c.raw) for c in cells]
    moved = [saved[k - step] if 0 <= k - step < len(saved) else ("blank", None, None, "") for k in range(len(saved))]
    try:
        for cell, (state, value, decimals, raw) in zip(cells, moved):
            cell.state, cell.value, cell.decimals, cell.raw = state, value, decimals, raw
        yield
    finally:
        for cell, (state, value, decimals, raw) in zip(cells, saved):
            cell.state, cell.value, cell.decimals, cell.raw = state, value, decimals, raw


def run_shift(doc, name: str, node_index: int, step: int) -> str | None:
    """'exact+cause' (one 'shifted' diagnosis of that row restoring its printed values), 'exact'
    (every diagnosis of the table on that row, another cause), 'missed'; None when no identity fails."""
    table = DocIndex(doc).tables[name]
    original = {c.column: (c.value if c.state == "value" else Decimal(0)) for c in table.nodes[node_index].row.cells}
    with shifted(table, node_index, step):
        mutated = DocIndex(doc)
        mtable = mutated.tables[name]
        if not table_system(mtable).failing():
            return None
        found = diagnose_table(mtable, mutated)
    return _judge_row(found, node_index, "shifted", lambda d: _restores(d, original))


def _restores(d: Diagnosis, original: dict[str, Decimal]) -> bool:
    """The values moved back are the printed ones; the value pushed off the table is computed
    from sums that hold only within rounding: within the row's rounding (half a unit of the last
    digit per cell) of the printed one."""
    slack = Decimal(len(original)) / 2
    return all(
        abs(original.get(c.column, Decimal(0)) - r) <= slack * Decimal(10) ** -c.decimals
        for c, r in zip(d.cells, d.restored)
    )


# ------------------------------------------------------------------ dropped


def droppable_rows(index: DocIndex, skipped: dict[str, int] | None = None) -> list[tuple[str, int, bool]]:
    """(table name, row index, printed elsewhere) of the rows a drop can be planted at."""
    skipped = skipped if skipped is not None else {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    out = []
    for name, table in index.tables.items():
        system = table_system(table)
        if system is None or system.failing():
            continue
        tree = [eq for eq in system.equations if eq.kind == "tree"]
        if not tree:
            continue
        checked_parents = {system.cells[eq.head].node.index for eq in tree if eq.head is not None}
        for node in table.nodes:
            if node.parent is None or node.children or node.parent not in checked_parents:
                continue
            if not any(c.state == "value" and c.value for c in node.row.cells):
                skip("missing_row: all values zero")
                continue
            siblings = [table.nodes[i] for i in table.nodes[node.parent].children]
            if len(siblings) < 2:
                skip("missing_row: its parent's only child")
                continue
            if any(s.base == node.base for s in siblings if s is not node):
                skip("missing_row: its code printed again under the same parent (not missing by its code)")
                continue
            out.append((name, node.index, printed_elsewhere(index, table, node)))
    return out


def printed_elsewhere(index: DocIndex, table, node) -> bool:
    """Another table of the family prints the row with the same values in the parent's checked columns."""
    family = next((f for f in FAMILIES if table.kind in f), None)
    if family is None or not node.base:
        return False
    system = table_system(table)
    parent = node.parent
    columns = {
        system.cells[eq.head].column
        for eq in system.equations
        if eq.kind == "tree" and eq.head is not None and system.cells[eq.head].node.index == parent
    }
    mine = {c: table.cell_hit(node, c) for c in columns}
    for other in index.tables.values():
        if other is table or other.kind not in family:
            continue
        for twin in other.rows_with_key(node.base):
            same = True
            for column, hit in mine.items():
                if hit is None or hit.interval.mid == 0:
                    continue
                there = other.cell_hit(twin, column)
                if (
                    there is None
                    or abs(there.interval.mid - hit.interval.mid) > there.interval.half + hit.interval.half
                ):
                    same = False
                    break
            if same:
                return True
    return False


@contextmanager
def dropped(table, node_index: int) -> Iterator[None]:
    rows = table.table.rows
    row = rows[node_index]
    del rows[node_index]
    try:
        yield
    finally:
        rows.insert(node_index, row)


def run_drop(doc, name: str, node_index: int) -> str | None:
    """'exact+cause' (a missing-row diagnosis at the parent naming the dropped row), 'exact' (every
    diagnosis at the parent row, another cause), 'missed', 'silent' (no diagnosis: the identity
    findings stay); None when no identity fails."""
    table = DocIndex(doc).tables[name]
    node = table.nodes[node_index]
    parent_row = table.nodes[node.parent].row
    key = node.base
    with dropped(table, node_index):
        mutated = DocIndex(doc)
        mtable = mutated.tables[name]
        if not table_system(mtable).failing():
            return None
        found = diagnose_table(mtable, mutated)
        at = next(n.index for n in mtable.nodes if n.row is parent_row)
        return _judge_row(
            found, at, "missing_row", lambda d: any(f"[{key}]" in h.address or f"[{key}#" in h.address for h in d.extra)
        )


def _judge_row(found, node_index: int, cause: str, right: Callable[[Diagnosis], bool]) -> str:
    if not found:
        return "silent"
    if any(isinstance(d, Tie) for d in found):
        return "tie"
    if not all(c.node.index == node_index for d in found for c in d.cells):
        return "missed"
    if len(found) == 1 and found[0].cause == cause and right(found[0]):
        return "exact+cause"
    return "exact"


@lru_cache(maxsize=None)
def row_plants(doc_key, loader) -> tuple:
    """Every shift and drop plant site of one document: (shiftable, droppable, skipped)."""
    skipped: dict[str, int] = {}
    index = DocIndex(loader(doc_key))
    return tuple(shiftable_rows(index, skipped)), tuple(droppable_rows(index, skipped)), tuple(sorted(skipped.items()))
