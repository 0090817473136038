"""Scope of a fact: which money it covers, and whether two facts cover the same money.

A table's scope (``Table.scope``, set by ``budgetlint.recognise.scope``) says which funds it
covers and whether it counts 上年结转; some rows and columns cover other money than their
table (the 一般公共预算 column of the 财政拨款收支表, the 收支总表's 本年收入合计 line,
the 收入表's 本年收入 columns): rules/vocab/scopes.yaml lists them. Identities between
tables only hold between facts of the same scope; two different scopes still cover the same
money when the document shows the difference to be zero (``Document.zero_sources``: no
other funds, no 上年结转).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast


from budgetlint.model import Funds, Period, Table
from budgetlint.resources import load_data_file, vocab_dir

FUNDS_NAMES = {
    "all": "全部资金",
    "fiscal": "财政拨款",
    "gpb": "一般公共预算",
    "gov_fund": "政府性基金",
    "soe": "国有资本经营预算",
}
PERIOD_NAMES = {"current": "本年资金", "with_carryover": "含上年结转"}

# Differences between fund scopes, as the sources each adds: two scopes cover the same money
# when every source in their difference is known to be zero.
_FUND_SOURCES = {
    "all": {"gpb", "gov_fund", "soe", "other_funds"},
    "fiscal": {"gpb", "gov_fund", "soe"},
    "gpb": {"gpb"},
    "gov_fund": {"gov_fund"},
    "soe": {"soe"},
}


@lru_cache(maxsize=1)
def scope_vocab() -> dict[str, Any]:
    return load_data_file(vocab_dir() / "scopes.yaml") or {}


def fact_scope(table: Table, row_key: str | None, row_kind: str, column: str) -> tuple[Funds | None, Period | None]:
    """(funds, period) of one cell: its table's scope, refined by its row and column."""
    vocab = scope_vocab()
    funds, period = table.scope.funds, table.scope.period
    base = (row_key or "").split("#", 1)[0]
    summary = table.kind in (vocab.get("summary_kinds") or ())
    functional = row_kind == "functional" and base[:1].isdigit()
    row_rule = (vocab.get("rows") or {}).get(base) or (
        (vocab.get("rows") or {}).get("functional") if functional and summary else None
    )
    column_rules = vocab.get("columns") or {}
    prefix = max((p for p in column_rules if column == p or column.startswith(p + ".")), key=len, default=None)
    for rule in (column_rules.get(prefix) if prefix else None, row_rule, table.scope.columns.get(column)):
        if rule:
            funds = cast("Funds | None", rule.get("funds", funds))
            period = cast("Period | None", rule.get("period", period))
    spending = vocab.get("spending_rows") or ()
    if summary and (base in spending or (functional and "functional" in spending)) and _spends_carryover(table):
        period = "with_carryover"
    return funds, period


def _spends_carryover(table: Table) -> bool:
    """A two-sided summary whose 本年支出合计 equals its 收入总计 while its 本年收入合计 is less:
    this year's spending includes the 上年结转 (scopes.yaml, ``spending_rows``)."""
    rows = [table.row(k) for k in ("in.current_total", "in.grand_total", "out.current_total")]
    values = [next((c.value for c in r.cells if c.state == "value"), None) if r is not None else None for r in rows]
    current_in, grand_in, current_out = values
    return None not in values and current_in != grand_in and current_out == grand_in


def same_money(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None], zero_sources: list[str] | None
) -> tuple[bool, str]:
    """Whether two scopes cover the same money, and if not, the difference in words.

    An unknown part is compatible with anything (the title and the arithmetic said nothing).
    """
    zero = set(zero_sources or ())
    (fa, pa), (fb, pb) = a, b
    if fa and fb and fa != fb:
        diff = _FUND_SOURCES.get(fa, {fa}) ^ _FUND_SOURCES.get(fb, {fb})
        if not diff <= zero:
            return False, f"{FUNDS_NAMES.get(fa, fa)}与{FUNDS_NAMES.get(fb, fb)}"
    if pa and pb and pa != pb and "carryover" not in zero:
        return False, f"{PERIOD_NAMES.get(pa, pa)}与{PERIOD_NAMES.get(pb, pb)}"
    return True, ""


def describe(funds: str | None, period: str | None) -> str:
    parts = [FUNDS_NAMES.get(funds, "") if funds else "", PERIOD_NAMES.get(period, "") if period else ""]
    return "、".join(p for p in parts if p) or "未注明"
