"""Records for store tests, from the short specs the cross-document rule examples use."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.store.identity import department_key
from budgetlint.store.record import NARRATIVE, DocumentRecord, StoredFact


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _half(text: str) -> Decimal:
    return Decimal(5) * Decimal(10) ** (-(_decimals(text) + 1))


def record_from_spec(spec: dict, n: int, defaults: dict | None = None) -> DocumentRecord:
    """``spec``: year, kind, scope, department, declared_units, unit_rows, facts {address: printed},
    units (of the printed facts, default 万元), bands {column key: prior-year band words},
    narrative {change_base|initial_budget: {address: {now, change, direction} | {budget}}}."""
    spec = {**(defaults or {}), **spec}
    name = spec.get("department", "某某市某某局")
    record = DocumentRecord(
        path=f"/tmp/doc{n}.pdf",
        paths=[f"/tmp/doc{n}.pdf"],
        sha256=str(n),
        department=name,
        department_key=department_key(name),
        year=spec.get("year", 2023),
        kind=spec.get("kind", "budget"),
        scope=spec.get("scope", "部门"),
        unit_rows=spec.get("unit_rows", {}),
        declared_units=spec.get("declared_units"),
    )
    for address, printed in (spec.get("facts") or {}).items():
        kind, rest = address.split("[", 1)
        row, column = rest.split("].", 1)
        provenance = {"raw": printed, **({"band": band} if (band := (spec.get("bands") or {}).get(column)) else {})}
        unit = spec.get("units", "万元")
        record.facts.append(
            StoredFact(kind, row, column, printed, unit, _decimals(printed), page=3, provenance=provenance)
        )
    for row_key, figures in (spec.get("narrative") or {}).items():
        for address, numbers in figures.items():
            if "budget" in numbers:
                value, half = Decimal(numbers["budget"]), _half(numbers["budget"])
            else:
                now, change = Decimal(numbers["now"]), Decimal(numbers["change"])
                value = now - change if numbers["direction"] == "增加" else now + change
                half = _half(numbers["now"]) + _half(numbers["change"])
            record.facts.append(
                StoredFact(
                    NARRATIVE,
                    row_key,
                    address,
                    str(value),
                    "万元",
                    None,
                    str(half),
                    page=2,
                    provenance={"span": f"{numbers}"},
                )
            )
    return record


def growth_claim_record(year: int, now: str, change: str, n: int = 0) -> DocumentRecord:
    """A document whose narrative says total spending is ``now``, up ``change`` on last year's."""
    narrative = {"change_base": {"expense[total].total": {"now": now, "change": change, "direction": "增加"}}}
    return record_from_spec({"year": year, "narrative": narrative}, n)
