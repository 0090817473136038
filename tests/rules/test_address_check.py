"""A misspelt address in a rule pack is an error at load, naming the word and the nearest one."""

from __future__ import annotations

import pytest

from budgetlint.engine import load_rules
from budgetlint.errors import RuleError

PACK = """
- id: XX1
  title: 支出表合计
  severity: error
  {tables}
  check: {check}
  message: x
  rationale: x
  examples:
    - expect: pass
      facts: {{"{fact}": "0"}}
    - expect: fail
      facts: {{"{fact}": "1"}}
"""


def load(tmp_path, check: str, fact: str = "expense[total].basic", tables: str = ""):
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.format(check=check, fact=fact, tables=tables), encoding="utf-8")
    return load_rules(extra=[path], builtin=False)


@pytest.mark.parametrize(
    "check, fact, tables, words",
    [
        ("expnse[total].basic == 0", "expense[total].basic", "", ["expnse", "“expense”"]),
        ("expense[total].basci == 0", "expense[total].basic", "", ["basci", "“basic”"]),
        (
            "income_expense_summary[in.grand_totl].amount == 0",
            "expense[total].basic",
            "",
            ["in.grand_totl", "“in.grand_total”"],
        ),
        (
            "table[total].basic == 0",
            "expense[total].basic",
            "tables: [expense, gpb_expens]",
            ["gpb_expens", "“gpb_expense”"],
        ),
        # the examples use the same misspelling: they would pass, the rule would never run
        ("expense[total].basic == 0", "expense[total].basci", "", ["basci"]),
    ],
)
def test_unknown_word_is_named_with_the_nearest(tmp_path, check, fact, tables, words):
    with pytest.raises(RuleError) as err:
        load(tmp_path, check, fact, tables)
    assert "XX1" in str(err.value)
    for w in words:
        assert w in str(err.value)


def test_valid_addresses_load(tmp_path):
    (rule,) = load(tmp_path, "expense[*].total == expense[*].basic + opt(expense[*].project)")
    assert rule.id == "XX1"


def test_every_builtin_pack_passes_the_check():
    assert len(load_rules()) > 90
