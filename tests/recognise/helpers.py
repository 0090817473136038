"""Helpers for recognition tests on hand-made text tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.model import Document, Table
from budgetlint.pipeline import load_document
from budgetlint.read.text import segment
from budgetlint.recognise import recognise_all


def recognise(text: str) -> Document:
    return recognise_all([segment(text, "t.txt")])


def only_table(doc: Document) -> Table:
    assert len(doc.tables) == 1, [t.title for t in doc.tables]
    return doc.tables[0]


def values(table: Table, key: str) -> dict[str, Decimal]:
    row = table.row(key)
    assert row is not None, f"no row {key}: {[r.key for r in table.rows]}"
    return {c.column: c.value for c in row.cells if c.state == "value"}


def city_doc(name: str) -> Document:
    """A corpus PDF of city_crawl_renwu, read and recognised; skipped when the corpus is absent."""
    path = CORPUS_DIR / "city_crawl_renwu" / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return load_document(path)
