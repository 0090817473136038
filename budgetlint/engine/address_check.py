"""Rule addresses checked against the vocabulary when a pack loads.

A misspelt address (``expnse[total].basci``) would otherwise load, pass its
own examples (they use the same misspelling) and silently never run: the
table kind must be one the recogniser can name, the column a key some table
kind has (rules/vocab/columns.yaml, final_columns.yaml), and a summary-table
line (``in.…`` / ``out.…``) a key of rules/vocab/rows.yaml. The error names
the rule, the word and the nearest valid one. Columns are checked against the
keys of every kind, not only the addressed one: readers of some layouts
(tables printed standing up, economic tables by use) give a kind columns its
own vocabulary does not list.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from budgetlint.engine.expr import Addr, addresses, parse
from budgetlint.errors import RuleError
from budgetlint.recognise import vocab

PLACEHOLDER = "table"  # the rule's `tables:` stand in for it


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    kinds = {k.kind for k in vocab.kind_rules()}
    columns: set[str] = set()
    for kind in vocab.column_kinds():
        kinds.add(kind)
        columns |= vocab.column_vocab(kind).keys()
    rows = {item.key for item in vocab.row_vocab().items}
    return frozenset(kinds), frozenset(columns), frozenset(rows)


def check_addresses(rule) -> None:
    """Raise RuleError for the first address of ``rule`` the vocabulary does not know."""
    kinds, columns, rows = _vocabulary()
    for kind in rule.tables:
        if kind not in kinds:
            raise RuleError(f"tables 中没有表种类 “{kind}”{_nearest(kind, kinds)}")
    for node in (rule.check_ast, rule.when_ast, rule.each_ast, *rule.also_ast):
        if node is None:
            continue
        for addr in addresses(node):
            _check(rule.id, addr, kinds, columns, rows)
    for example in rule.examples:  # an example's facts must be addresses the rule could meet
        for key in example.facts:
            for addr in addresses(parse(key)):
                _check(rule.id, addr, kinds, columns, rows)


def _check(rule_id: str, addr: Addr, kinds, columns, rows) -> None:
    kind = addr.table.split("#", 1)[0]
    if kind != PLACEHOLDER and kind not in kinds:
        raise RuleError(f"地址 {addr.text()}：没有表种类 “{kind}”{_nearest(kind, kinds)}")
    if addr.column and "*" not in addr.column and addr.column not in columns:
        raise RuleError(f"地址 {addr.text()}：没有列 “{addr.column}”{_nearest(addr.column, columns)}")
    if addr.row.startswith(("in.", "out.")) and addr.row not in rows:
        raise RuleError(f"地址 {addr.text()}：收支总表没有行 “{addr.row}”{_nearest(addr.row, rows)}")


def _nearest(word: str, valid) -> str:
    close = difflib.get_close_matches(word, sorted(valid), n=1, cutoff=0.6)
    return f"（最接近的是 “{close[0]}”）" if close else ""
