"""pydantic at the boundary: the model's JSON and JSON Schema where a command prints them.

The records of budgetlint.model are plain dataclasses; ``parse --format json``, ``schema --of
document`` and the findings store serialise them through pydantic TypeAdapters, the same JSON
(and schema) pydantic models of the same fields gave. Import this module only where one of those
runs: importing pydantic is most of a small check's start-up.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

_ADAPTERS: dict[type, TypeAdapter] = {}


def _adapter(cls: type) -> TypeAdapter:
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


def to_json(record: Any, indent: int | None = None) -> str:
    """``record`` (a Document, a Finding, …) as JSON: Decimal as a string, enums by value."""
    return _adapter(type(record)).dump_json(record, indent=indent).decode("utf-8")


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of what ``to_json`` writes for a ``cls``."""
    return _adapter(cls).json_schema()
