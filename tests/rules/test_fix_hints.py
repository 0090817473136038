"""Every rule tells the clerk what to do (its own `fix`, else its family's: rules/vocab/fix_hints.yaml)."""

from __future__ import annotations

from budgetlint.engine import load_rules


def test_every_rule_says_how_to_fix_it():
    rules = load_rules()
    assert all(r.fix for r in rules), [r.id for r in rules if not r.fix]
    by_id = {r.id: r for r in rules}
    assert "空" in by_id["BL804"].fix  # its own
    assert by_id["BL101"].fix == by_id["BL102"].fix  # the BL1 family's
