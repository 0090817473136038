"""Shared by the golden tests of the examples: parse once, then check cells against the file."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from budgetlint.facts import flatten
from budgetlint.model import Document, Fact
from budgetlint.pipeline import load_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@lru_cache(maxsize=None)
def parsed_example(name: str) -> tuple[Document, dict[str, Fact]]:
    doc = load_document(EXAMPLES / name)
    return doc, {f.address: f for f in flatten(doc)}


def assert_golden_cell(facts: dict[str, Fact], address: str, expected: str, line: int) -> None:
    """``address`` holds ``expected`` (as printed) and came from source line ``line``."""
    fact = facts.get(address)
    assert fact is not None, f"{address}: no such fact (file line {line} prints {expected})"
    assert fact.value == Decimal(expected), f"{address}: read {fact.value}, file line {line} prints {expected}"
    assert fact.provenance.line == line, f"{address}: came from line {fact.provenance.line}, expected line {line}"
