"""A fact index over a recognised Document: cells as intervals, rows as a code tree.

The facts layer: the engine and the claims both read a document through this index
(addresses as in docs/design.md; ``facts.flatten`` lists the same cells as ``Fact``s).
It carries two things a flat fact list does not:

* **blank cells.** A blank cell (``state == "blank"``: the recogniser saw the
  empty cell in its column) in a row that is present means 0, exactly
  (half-width 0): the printing system leaves zeros empty. A row or a table that
  is absent, a row without a cell for the column (two-sided tables give each
  side its own columns; exports drop cells), a cell whose text could not be read
  as a number (``text``) or that is covered by a merged cell, is *missing*:
  rules needing it are not evaluated. One more case is treated as missing: a
  failing comparison whose whole side is blank cells of columns that hold no
  number anywhere in the table (``FactHit.dead``) — a table that never fills
  a breakdown (其他运转类/特定目标类, 分资金来源) does not assert it is 0.
* **the row tree.** Parent code = Σ children needs to know, per printed row,
  which rows sit under it: 合计 → unit rows (045 → 045001; uncoded ``unit:n1`` rows are
  siblings) → projects or code rows of that
  unit's block (201 → 20103 → 2010301; 301 → 30101). A code row's parent is the
  nearest row above it in the same unit block whose code is a prefix of its
  code; rows without a present ancestor hang under the unit row (or 合计).
  A code-less row printed right under a coded row with the same label is a
  continuation of that code (基本支出表 prints 奖金 twice, one line per source).
  Any other code-less data row makes the tree unreliable: ``children`` of that
  table is then missing, never guessed.

A row key printed several times (the same code under several units, or split
over several lines; the recogniser keys the repeats ``30103#2``) is looked up
as the sum of its printings: ``gpb_basic[30103]`` covers ``30103`` and
``30103#2``; ``gpb_basic[30103#2]`` is the second printing alone.
"""

from __future__ import annotations

import re
from msgspec import Struct, field
from typing import Any

from budgetlint.lazy_regex import lazy_compile
from budgetlint.facts.interval import ZERO, Interval
from budgetlint.model import Cell, Document, Provenance, Row, Table
from budgetlint.rounding import half_ulp
from budgetlint.recognise.placement import has_unreadable_value, possible_cells

CODE_KINDS = ("functional", "economic")
# Parse warnings saying the columns of a row's values are not certain.
UNCERTAIN_ROW_WARNINGS = frozenset({"ambiguous-row"})
_CODE_RE = lazy_compile(r"^g?[0-9]+$")
_AUX_COLUMN_RE = lazy_compile(r"^c[0-9]+$")


DEAD_COLUMN_MIN_ROWS = 3


class FactHit(Struct):
    """A resolved fact: what a finding points at."""

    address: str
    interval: Interval
    provenance: Provenance
    label: str = ""
    raw: str = ""
    blank: bool = False
    # blank, and its whole column holds no value anywhere in the table: the
    # table may not break down into this column at all (see evaluate._compare)
    dead: bool = False
    # the recogniser could not fix the columns of this row (parse warning
    # "ambiguous-row"): the value may belong to another column of the row
    candidates: list[Interval] | None = None


class RowNode(Struct):
    """A row in the fact index's row tree."""

    index: int
    row: Row
    key: str | None
    kind: str
    parent: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def base(self) -> str | None:
        """The key without the recogniser's repeat suffix: '30103#2' -> '30103'."""
        return self.key.split("#", 1)[0] if self.key else None


class TableIndex:
    """One recognised table: rows, the row tree, cell lookup."""

    def __init__(self, table: Table, name: str, uncertain_lines: frozenset = frozenset()):
        self.table = table
        self.uncertain_lines = uncertain_lines
        # what readers of the table derive once per table index (its diagnosis system): name -> value
        self.memo: dict[str, Any] = {}
        # id(cell) -> (the cell, kept so its id is not reused; its value as an interval in 万元)
        self._intervals: dict[int, tuple[Cell, Interval]] = {}
        self._unknown_columns: bool | None = None
        self.name = name  # "expense" or "expense#2"
        self.kind = table.kind or ""
        self.columns = [c.key for c in table.columns]
        self.column_set = set(self.columns)
        for r in table.rows:  # columns seen only in cells still count as present
            for c in r.cells:
                self.column_set.add(c.column)
        # Columns with at least one printed number somewhere in the table. Only a
        # table with several rows of numbers can show that a column is never
        # filled; in a smaller one every column counts as live.
        rows_with_values = [r for r in table.rows if any(c.state == "value" for c in r.cells)]
        if len(rows_with_values) >= DEAD_COLUMN_MIN_ROWS:
            self.live_columns = {c.column for r in rows_with_values for c in r.cells if c.state == "value"}
        else:
            self.live_columns = {c.column for r in table.rows for c in r.cells}
        self.nodes: list[RowNode] = []
        self.by_key: dict[str, list[int]] = {}
        self.tree_ok = True
        self._build()

    # ------------------------------------------------------------ tree

    def _build(self) -> None:
        total_idx: int | None = None
        unit_stack: list[int] = []
        segment: int | None = None  # current unit row
        code_rows: dict[str, dict[str, int]] = {}  # family -> code -> its latest row in the unit block
        last_coded: RowNode | None = None
        for i, row in enumerate(self.table.rows):
            key = row.key
            kind = row.kind
            if (
                key is None
                and kind != "detail"
                and last_coded is not None
                and row.label
                and row.label.strip() == last_coded.row.label.strip()
            ):
                key, kind = last_coded.key, last_coded.kind
            node = RowNode(i, row, key, kind)
            self.nodes.append(node)
            if key is not None:
                self.by_key.setdefault(key, []).append(i)
            base = node.base or ""
            if key is not None and base != key:
                self.by_key.setdefault(base, []).append(i)
            if kind == "total" or key == "total":
                if total_idx is None:
                    total_idx = i
                last_coded = None
                continue
            if kind == "unit" and key:
                code = base.split(":", 1)[-1]
                while unit_stack and not _sub_unit(code, (self.nodes[unit_stack[-1]].base or "").split(":", 1)[-1]):
                    unit_stack.pop()
                node.parent = unit_stack[-1] if unit_stack else total_idx
                unit_stack.append(i)
                segment = i
                code_rows = {}
                last_coded = node
                continue
            if kind in CODE_KINDS and base and _CODE_RE.match(base):
                # The nearest row above whose code is a proper prefix: a class printed
                # before its items, also when blocks side by side are read row by row
                # (决算 06 表: 301 | 302 | 307 on one line, then 30101 | 30201 | 30701).
                family = kind + ("g" if base.startswith("g") else "")
                seen = code_rows.setdefault(family, {})
                above = [seen[base[:n]] for n in range(1, len(base)) if base[:n] in seen]
                node.parent = max(above) if above else (segment if segment is not None else total_idx)
                seen[base] = i
                last_coded = node
                continue
            if kind == "project" or (base and re.match(r"^p[0-9]+$", base)):
                node.parent = segment if segment is not None else total_idx
                last_coded = node
                continue
            if key is None and self._has_values(row) and kind not in ("detail", "group"):
                # a data row we cannot place (a detail row is known to be below a class, a group
                # heading of a project list to head the projects printed under it)
                self.tree_ok = False
            last_coded = None
        if self._other_classification_among_rows():
            self.tree_ok = False
        for node in self.nodes:
            if node.parent is not None:
                self.nodes[node.parent].children.append(node.index)

    def _other_classification_among_rows(self) -> bool:
        """A 政府经济分类 row (g50501) printed between 部门经济分类 rows (30107 | 30101): a line the
        row keyer could not tie to its 部门 code (a continuation whose code cell or the name
        before it is damaged). Sums by 部门 code miss its amount: the tree is not reliable. (A
        block of one classification after a block of the other is no such row.)"""
        families = [
            (node.base or "")[:1] == "g"
            for node in self.nodes
            if node.kind in CODE_KINDS and node.base and _CODE_RE.match(node.base)
        ]
        return any(
            here and not before and not after for before, here, after in zip(families, families[1:], families[2:])
        )

    @staticmethod
    def _has_values(row: Row) -> bool:
        return any(c.state == "value" and c.value not in (None, ZERO) for c in row.cells)

    # ------------------------------------------------------------ cells

    def address(self, node: RowNode, column: str) -> str:
        return f"{self.name}[{node.key}].{column}" if column else f"{self.name}[{node.key}]"

    def cell_hit(self, node: RowNode, column: str) -> FactHit | None:
        """The fact in one printed row and column; None when missing."""
        row = node.row
        cell: Cell | None = row.cell(column)
        if cell is None:
            # No cell at all: absent, not zero. (Two-sided tables give each side
            # its own columns, and exports drop cells: only a cell the recogniser
            # emitted as blank is a printed zero.)
            return None
        prov = cell.provenance
        if prov.table is None or prov.column is None or prov.row is None:
            prov = prov.model_copy(
                update={
                    "table": prov.table or self.table.id,
                    "column": prov.column or column,
                    "row": prov.row or node.key,
                }
            )
        if cell.state == "value" and cell.value is not None:
            hit = FactHit(self.address(node, column), self.interval(cell), prov, row.label, cell.raw)
        elif cell.state == "blank":
            hit = FactHit(
                self.address(node, column),
                Interval(ZERO, ZERO),
                prov,
                row.label,
                cell.raw,
                blank=True,
                dead=column not in self.live_columns,
            )
        else:
            return None  # text (unparsed) or covered
        if self.is_uncertain(node):
            # The export may have lost empty cells of this row, never reordered its values:
            # only a value whose printed position allows it can belong here (or none).
            if has_unreadable_value(self.table, row):
                return None  # one of its values could not be read, and may be the one for this column
            cells = possible_cells(self.table, row, column)
            if cells is None:
                cells = [c for c in row.cells if c.state == "value" and c.value is not None]
            values = {self.interval(c) for c in cells}
            hit.candidates = [Interval(ZERO, ZERO), *sorted(values, key=lambda iv: iv.mid)]
        return hit

    def interval(self, cell: Cell) -> Interval:
        # asked again by every rule that reads the cell: worked out once per cell
        found = self._intervals.get(id(cell))
        if found is None:
            decimals = self.table.decimals_of(cell)
            unit = self.table.unit
            assert cell.value is not None  # a value cell
            found = self._intervals[id(cell)] = (
                cell,
                Interval(unit.to_wan(cell.value), unit.to_wan(half_ulp(decimals))),
            )
        return found[1]

    def is_uncertain(self, node: RowNode) -> bool:
        prov = node.row.provenance
        return prov.line is not None and (prov.path, prov.line) in self.uncertain_lines

    def rows_with_key(self, key: str) -> list[RowNode]:
        return [self.nodes[i] for i in self.by_key.get(key, [])]

    def rows_of_kind(self, kind: str) -> list[RowNode]:
        if kind.startswith("prefix:"):
            # outermost printed rows whose code starts with the prefix (no double counting)
            prefix = kind.split(":", 1)[1]
            out = []
            for n in self.nodes:
                if n.key and n.kind in CODE_KINDS and (n.base or "").startswith(prefix):
                    p = self.nodes[n.parent] if n.parent is not None else None
                    if p is None or not (p.kind in CODE_KINDS and (p.base or "").startswith(prefix)):
                        out.append(n)
            return out
        if kind == "roots":
            total = self.rows_with_key("total")
            if total:
                return [self.nodes[i] for i in total[0].children]
            return [n for n in self.nodes if n.parent is None and n.key and n.kind in (*CODE_KINDS, "unit", "project")]
        return [n for n in self.nodes if n.kind == kind and n.key]

    def descendants_rollup(self, key: str) -> list[RowNode]:
        """The nearest printed descendants of an unprinted code (for rollup)."""
        if not _CODE_RE.match(key):
            return []
        found = []
        for n in self.nodes:
            if n.base and n.base != key and n.base.startswith(key) and n.kind in CODE_KINDS:
                parent = self.nodes[n.parent] if n.parent is not None else None
                if parent is None or not (parent.base or "").startswith(key) or parent.kind not in CODE_KINDS:
                    found.append(n)
        return found

    def has_ancestor_code(self, key: str) -> bool:
        """True when a printed code row is a proper prefix of ``key`` (the table prints a coarser level)."""
        return any(n.base and n.kind in CODE_KINDS and n.base != key and key.startswith(n.base) for n in self.nodes)

    def has_codes_like(self, prefix: str) -> bool:
        """True when the table prints codes of the same classification as ``prefix`` (same first
        digit: 3xx economic, 2xx functional). A table of functional rows says nothing about
        economic codes: Σ 301xx over it is unknown, not 0."""
        return any(
            n.kind in CODE_KINDS and n.base and _CODE_RE.match(n.base) and n.base[:1] == prefix[:1] for n in self.nodes
        )

    def has_unknown_columns(self) -> bool:
        """True when a column with values could not be named (c<index>): sums over columns are unreliable."""
        if self._unknown_columns is None:
            self._unknown_columns = any(
                _AUX_COLUMN_RE.match(c.column) and c.state == "value" for r in self.table.rows for c in r.cells
            )
        return self._unknown_columns

    def numeric_columns(self) -> list[str]:
        cols = [c for c in self.columns if not _AUX_COLUMN_RE.match(c)]
        seen = set(cols)
        for r in self.table.rows:
            for c in r.cells:
                if c.column not in seen and not _AUX_COLUMN_RE.match(c.column):
                    seen.add(c.column)
                    cols.append(c.column)
        return cols


def named_tables(doc: Document) -> list[tuple[Table, str]]:
    """Every table of a known kind with its name in addresses: the kind, and ``kind#n`` for the
    n-th table of a kind printed again (``expense``, ``expense#2``). The one numbering of
    repeated tables."""
    counts: dict[str, int] = {}
    out: list[tuple[Table, str]] = []
    for table in doc.tables:
        if not table.kind:
            continue
        counts[table.kind] = counts.get(table.kind, 0) + 1
        n = counts[table.kind]
        out.append((table, table.kind if n == 1 else f"{table.kind}#{n}"))
    return out


class DocIndex:
    """All recognised tables of a document by name (``expense``, ``expense#2``)."""

    def __init__(self, doc: Document):
        self.doc = doc
        # what readers of the document derive once per document (the claims, bound): name -> value
        self.memo: dict[str, Any] = {}
        self.tables: dict[str, TableIndex] = {}
        self.instances: dict[str, list[TableIndex]] = {}
        uncertain = frozenset(
            (w.provenance.path, w.provenance.line)
            for w in doc.warnings
            if w.code in UNCERTAIN_ROW_WARNINGS and w.provenance is not None and w.provenance.line is not None
        )
        for t, name in named_tables(doc):
            ti = TableIndex(t, name, uncertain)
            self.tables[name] = ti
            self.instances.setdefault(ti.kind, []).append(ti)

    def kinds(self) -> set[str]:
        return set(self.instances)

    def table(self, name: str) -> TableIndex | None:
        return self.tables.get(name)


def _sub_unit(code: str, parent: str) -> bool:
    """A unit code under another one: 105001 under 105. Units without a printed code, found
    by arithmetic, nest by their dotted keys: ``n1.2`` under ``n1``, never ``n10`` under ``n1``."""
    if code.isdigit() and parent.isdigit():
        return code.startswith(parent)
    return code.startswith(parent + ".")
