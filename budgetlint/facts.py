"""Flattening a recognised Document into addressable facts.

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

from budgetlint.model import Document, Fact, Table
from budgetlint.scope import fact_scope


def table_address_kinds(doc: Document) -> dict[str, str]:
    """Table id -> the kind used in addresses (``expense``, ``expense#2``, …)."""
    counts: dict[str, int] = {}
    out: dict[str, str] = {}
    for table in doc.tables:
        if not table.kind:
            continue
        counts[table.kind] = counts.get(table.kind, 0) + 1
        n = counts[table.kind]
        out[table.id] = table.kind if n == 1 else f"{table.kind}#{n}"
    return out


def address(kind: str, row: str, column: str) -> str:
    return f"{kind}[{row}].{column}"


def table_facts(table: Table, kind: str) -> list[Fact]:
    facts: list[Fact] = []
    for row in table.rows:
        if not row.key:
            continue
        for cell in row.cells:
            if cell.state != "value" or cell.value is None:
                continue
            decimals = table.decimals_of(cell)
            funds, period = fact_scope(table, row.key, row.kind, cell.column)
            facts.append(Fact(
                address=address(kind, row.key, cell.column),
                table_kind=kind,
                row=row.key,
                column=cell.column,
                value=cell.value,
                decimals=decimals,
                unit=table.unit,
                provenance=cell.provenance,
                label=row.label,
                funds=funds,
                period=period,
            ))
    return facts


def flatten(doc: Document) -> list[Fact]:
    """Every value cell of every recognised table, as a Fact."""
    kinds = table_address_kinds(doc)
    facts: list[Fact] = []
    for table in doc.tables:
        kind = kinds.get(table.id)
        if kind:
            facts.extend(table_facts(table, kind))
    return facts
