"""The facts layer: a recognised Document as addressable values, shared by the engine and the claims.

* ``index``: ``DocIndex`` (tables by name, rows as a code tree, cells as intervals),
  ``FactHit`` (a resolved cell), ``named_tables`` (the one numbering of repeated tables,
  ``expense#2``).
* ``interval``: ``Interval``, a printed value as the range its rounding allows.
* ``flatten(doc)``: the same cells as a flat list of ``Fact``s (``parse --format facts``).

One Fact per value cell, addressed ``<kind>[<row key>].<column key>``
(docs/design.md, "Fact addresses"); a second table of the same kind is
``<kind>#2``. A cell's decimals bound its rounding by its own printed precision (``Table.decimals_of``: ``22,118,861``
beside ``86,959,408.34`` stands for ±0.5 元).
Rows without a key (fragments the recogniser could not place) give no facts.
Each fact carries its scope (``funds``, ``period``: budgetlint.scope), so identities
between tables can be stated only between facts that cover the same money.
Order is deterministic: tables in document order, rows and cells as printed.
"""

from __future__ import annotations

from budgetlint.facts.index import DocIndex, FactHit, TableIndex, named_tables
from budgetlint.facts.interval import Interval
from budgetlint.model import Document, Fact
from budgetlint.scope import fact_scope

__all__ = [
    "DocIndex",
    "FactHit",
    "Interval",
    "TableIndex",
    "address",
    "flatten",
    "named_tables",
    "table_address_kinds",
    "table_facts",
]


def table_address_kinds(doc: Document) -> dict[str, str]:
    """Table id -> the kind used in addresses (``expense``, ``expense#2``, …)."""
    return {table.id: name for table, name in named_tables(doc)}


def address(kind: str, row: str, column: str) -> str:
    return f"{kind}[{row}].{column}"


def table_facts(table: TableIndex) -> list[Fact]:
    """The value cells of one indexed table, as printed (rows the recogniser keyed)."""
    facts: list[Fact] = []
    kind = table.name
    for row in table.table.rows:
        if not row.key:
            continue
        for cell in row.cells:
            if cell.state != "value" or cell.value is None:
                continue
            decimals = table.table.decimals_of(cell)
            funds, period = fact_scope(table.table, row.key, row.kind, cell.column)
            facts.append(
                Fact(
                    address=address(kind, row.key, cell.column),
                    table_kind=kind,
                    row=row.key,
                    column=cell.column,
                    value=cell.value,
                    decimals=decimals,
                    unit=table.table.unit,
                    provenance=cell.provenance,
                    label=row.label,
                    funds=funds,
                    period=period,
                )
            )
    return facts


def flatten(doc: Document, index: DocIndex | None = None) -> list[Fact]:
    """Every value cell of every recognised table, as a Fact: a view of the document's ``DocIndex``."""
    facts: list[Fact] = []
    for table in (index if index is not None else DocIndex(doc)).tables.values():
        facts.extend(table_facts(table))
    return facts
