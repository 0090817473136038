"""Which money each table covers (``Table.scope``), and which sources the document shows are zero.

Per table (``table_scope``): the funds its kind covers, unless its title names others
(一般公共预算项目支出情况表 covers 一般公共预算 only); whether its totals count 上年结转
(title 含/不含上年结转; a header that lists 上年结转 or 上年实户资金余额 among its sources).
Per document (``document_scopes``), where a title is silent, the table's own 合计 tells its
scope when it equals the reference amount of exactly one candidate scope; and the 收支总表
tells which differences between scopes are zero (``Document.zero_sources``): no 上年结转
when 收入总计 = 本年收入合计, no other funds when 本年收入合计 = 财政拨款 本年收入 or the
其他资金 lines are all printed as zero. Vocabulary: rules/vocab/scopes.yaml.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlint.model import Document, RawTable, Table, TableScope
from budgetlint.numbers import parse_number
from budgetlint.rounding import half_ulp
from budgetlint.recognise.kinds import header_text, normalise_title
from budgetlint.scope import FUNDS_NAMES, PERIOD_NAMES, scope_vocab

_ADDR_RE = re.compile(r"^(\w+)\[([^\]]+)\]\.(.+)$")

# Income lines of the 收支总表 that are neither 财政拨款 nor 上年结转.
_OTHER_FUND_ROWS = ("in.special_account", "in.business", "in.operating", "in.superior", "in.subsidiary", "in.other")


def table_scope(raw: RawTable, table: Table) -> TableScope:
    """The scope a table states: its kind's funds, its title's fund and period words, its header."""
    vocab = scope_vocab()
    title = normalise_title(raw.title)
    funds = (vocab.get("kind_funds") or {}).get(table.kind or "")
    period = (vocab.get("kind_period") or {}).get(table.kind or "")
    reasons: list[str] = []
    stated: list[str] = []
    # A title naming several budgets (支出表（含一般公共预算、政府性基金…）) covers more than one.
    single = (
        sum(
            any(w in title for w in rule["words"])
            for rule in vocab.get("title_funds") or []
            if rule["funds"] in ("gpb", "gov_fund", "soe")
        )
        <= 1
    )
    for rule in vocab.get("title_funds") or []:
        if not single and rule["funds"] != "fiscal":
            continue
        if any(w in title for w in rule["words"]) and not any(u in title for u in rule.get("unless", [])):
            if table.kind in (vocab.get("kind_funds") or {}):
                funds = rule["funds"]
                reasons.append(f"标题含“{next(w for w in rule['words'] if w in title)}”")
                stated.append("funds")
            break
    for rule in vocab.get("title_period") or []:
        word = next((w for w in rule["words"] if w in title), None)
        if word:
            period = rule["period"]
            reasons.append(f"标题含“{word}”")
            stated.append("period")
            break
    if "period" not in stated and table.kind in (vocab.get("kind_funds") or {}) and raw.rows:
        header = _header_words(raw)
        word = next((w for w in vocab.get("header_with_carryover") or [] if w in header), None)
        # (the two-sided summaries list 上年结转 as a line, not as a source column)
        if word and table.kind not in ("income_expense_summary", "fiscal_summary"):
            period = "with_carryover"
            reasons.append(f"表头按资金来源列示“{word}”")
            stated.append("period")
    reason = "；".join(reasons) or ("按表的种类" if funds or period else "")
    table.scope = TableScope(funds=funds, period=period, stated=stated, reason=reason)
    return table.scope


def document_scopes(doc: Document) -> None:
    """Arithmetic: scopes of tables whose title is silent, and the zero sources of the document."""
    vocab = scope_vocab()
    for table in doc.tables:
        stated = table.scope.stated
        rule = (vocab.get("arithmetic") or {}).get(table.kind or "")
        if not rule or table is not _first(doc, table.kind):
            continue
        own = _amount(table, rule["cell"])
        if own is None:
            continue
        for part in ("funds", "period"):
            if part in stated or part not in rule:
                continue
            matches = [name for name, ref in rule[part].items() if _meets(own, _lookup(doc, ref))]
            if len(matches) == 1:
                setattr(table.scope, part, matches[0])
                names = FUNDS_NAMES if part == "funds" else PERIOD_NAMES
                ref = rule[part][matches[0]]
                other = (vocab.get("kind_names") or {}).get(ref.split("[", 1)[0], ref)
                reason = f"合计等于{other}的对应金额 {ref}（{names.get(matches[0], matches[0])}）"
                table.scope.reason = "；".join(p for p in (table.scope.reason, reason) if p)
    _income_columns(doc)
    doc.zero_sources = _zero_sources(doc)


def _income_columns(doc: Document) -> None:
    """A 收入表 column keyed 本年收入合计 that equals its 总计 while the 收支总表 shows 上年结转
    (or other lines below 本年收入合计) counts that money too (西安: 部门预算 合计 spans the
    上年结转 and 上年实户资金余额 columns): it is not this year's money only."""
    summary = _first(doc, "income_expense_summary")
    income = _first(doc, "income")
    if summary is None or income is None:
        return
    grand, current = _cell(summary, "in.grand_total", "amount"), _cell(summary, "in.current_total", "amount")
    if grand is None or current is None or _meets(grand, current):
        return
    total, col = _cell(income, "total", "total"), _cell(income, "total", "current.total")
    if total is not None and col is not None and _meets(total, col) and _meets(total, grand):
        income.scope.columns["current.total"] = {"period": "with_carryover"}
        income.scope.reason = "；".join(
            p for p in (income.scope.reason, "“本年收入合计”列等于总计（含上年结转等）") if p
        )


def _zero_sources(doc: Document) -> list[str] | None:
    """Sources the 收支总表 (and 财政拨款收支表) show to be zero; None when there is no summary."""
    summary = _first(doc, "income_expense_summary")
    fiscal = _first(doc, "fiscal_summary")
    if summary is None and fiscal is None:
        return None
    zero: list[str] = []
    if summary is not None:
        grand, current = _cell(summary, "in.grand_total", "amount"), _cell(summary, "in.current_total", "amount")
        if grand is not None and current is not None and _meets(grand, current):
            zero.append("carryover")
        unknown_income = any(r.key is None and r.kind == "unknown_in" and _nonzero_values(r) for r in summary.rows)
        others = [_cell(summary, k, "amount") for k in _OTHER_FUND_ROWS if summary.row(k) is not None]
        fiscal_current = _cell(fiscal, "in.current_total", "amount") if fiscal is not None else None
        if current is not None and fiscal_current is not None and _meets(current, fiscal_current):
            zero.append("other_funds")
        elif (
            not unknown_income
            and len(others) == len(_OTHER_FUND_ROWS)
            and all(o is not None and _meets(o, (Decimal(0), Decimal(0))) for o in others)
        ):
            zero.append("other_funds")
    for key, source in (("in.gov_fund", "gov_fund"), ("in.soe", "soe")):
        values = [_cell(t, key, "amount") for t in (summary, fiscal) if t is not None and t.row(key) is not None]
        if values and all(v is not None and _meets(v, (Decimal(0), Decimal(0))) for v in values):
            zero.append(source)
    return zero


# ------------------------------------------------------------------ small helpers


def _header_words(raw: RawTable) -> str:
    """The header rows' text (the rows before the first amount), spaces removed."""
    first_data = next(
        (i for i, r in enumerate(raw.rows) if any(parse_number(c.text) is not None for c in r)), len(raw.rows)
    )
    return header_text(raw, max_rows=min(first_data, 6))


def _first(doc: Document, kind: str | None) -> Table | None:
    return next((t for t in doc.tables if t.kind == kind), None)


def _nonzero_values(row) -> bool:
    return any(c.state == "value" and c.value not in (None, Decimal(0)) for c in row.cells)


def _cell(table: Table, row_key: str, column: str) -> tuple[Decimal, Decimal] | None:
    """(value, half-width) in 万元 of one printed cell; a blank cell in a printed row is 0; else None."""
    row = table.row(row_key)
    cell = row.cell(column) if row is not None else None
    if cell is None:
        return None
    if cell.state == "blank":
        return Decimal(0), Decimal(0)
    if cell.state != "value" or cell.value is None:
        return None
    decimals = max(cell.decimals or 0, table.precision)
    return table.unit.to_wan(cell.value), table.unit.to_wan(half_ulp(decimals))


def _amount(table: Table, where: str) -> tuple[Decimal, Decimal] | None:
    row, _, column = where.partition(".")
    return _cell(table, row, column)


def _lookup(doc: Document, ref: str) -> tuple[Decimal, Decimal] | None:
    m = _ADDR_RE.match(ref)
    if not m:
        return None
    table = _first(doc, m.group(1))
    return _cell(table, m.group(2), m.group(3)) if table is not None else None


def _meets(a, b) -> bool:
    """Two printed amounts agree up to their rounding."""
    if a is None or b is None:
        return False
    return abs(a[0] - b[0]) <= a[1] + b[1]
