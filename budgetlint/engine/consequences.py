"""One printed error, one finding.

A wrong printed cell breaks every identity it takes part in: its own row
(BL101), its parent code's sum (BL110), the same cell in a second column that
repeats it (合计 = 人员经费 in a 301 row), the twin table that prints the same
row (支出总表 and 一般公共预算支出表). Each of those is the same difference
again. Reporting them as two to four findings makes one slip look like many,
so they are folded into one finding and the others' places become its
related locations.

Two table findings are consequences of one printed error when their
differences have the same size (sign aside: a row that is too small makes its
parent's children too large) and they point at a common place: the same cell,
the same row in another column of the same table, or the same row and column
in another table. The finding kept is the most specific one (highest
severity, an identity inside one table before a comparison between tables,
then the fewest cells); its fingerprint is unchanged.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from budgetlint.model import Finding, Location

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
# Two differences are the same amount when they agree to half a printed 0.01 万元: the twin
# table may print the cell in 元 (6484.0547) and the other in 万元 (6484.05).
SAME_AMOUNT = Decimal("0.005")
_ADDR_RE = re.compile(r"^(?P<table>[^\[]+)\[(?P<row>[^\]]+)\](?:\.(?P<col>.+))?$")


def fold_consequences(findings: list[Finding]) -> list[Finding]:
    """Findings with each group of consequences of one printed error folded into one."""
    sizes = {i: size for i, f in enumerate(findings) if (size := _size(f)) is not None}
    places = {i: _places(findings[i]) for i in sizes}
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    members = sorted(sizes)
    for a_pos, a in enumerate(members):
        for b in members[a_pos + 1 :]:
            if abs(sizes[a] - sizes[b]) <= SAME_AMOUNT and places[a] & places[b]:
                parent[root(b)] = root(a)
    groups: dict[int, list[int]] = {}
    for i in range(len(findings)):
        groups.setdefault(root(i), []).append(i)
    if all(len(g) == 1 for g in groups.values()):
        return findings
    keep: dict[int, Finding] = {}
    for members in groups.values():
        if len(members) == 1:
            keep[members[0]] = findings[members[0]]
            continue
        main = min(members, key=lambda i: _specificity(findings[i], i))
        others = [findings[i] for i in members if i != main]
        keep[main] = _with_related(findings[main], others)
    return [keep[i] for i in sorted(keep)]


def _specificity(f: Finding, order: int) -> tuple:
    """Sort key of the finding to keep: the highest severity, an identity inside one table
    before a comparison between tables, then the fewest cells, then the first reported."""
    tables = {loc.table or (loc.address or "").split("[", 1)[0] for loc in f.locations}
    return (_SEVERITY_RANK[f.severity], len(tables) > 1, len(f.locations), order)


def _size(f: Finding) -> Decimal | None:
    """|difference| of a table finding (every location a table cell), else None."""
    if f.severity == "info" or not f.difference or not f.locations:
        return None
    if any(not loc.address for loc in f.locations):
        return None  # narrative or document-level finding: its own statement, never a consequence
    try:
        size = abs(Decimal(f.difference))
    except InvalidOperation:
        return None
    return size if size else None


def _places(f: Finding) -> set[tuple]:
    """The cells a finding points at, as the keys under which another finding can share them."""
    out: set[tuple] = set()
    for loc in f.locations:
        m = _ADDR_RE.match(loc.address or "")
        if not m:
            continue
        table, row, col = m.group("table"), m.group("row"), m.group("col") or ""
        out.add(("row", table, row))  # the same row, any column (a second column repeating the cell)
        out.add(("cell", row, col))  # the same row and column, any table (the twin table)
    return out


def _with_related(main: Finding, others: list[Finding]) -> Finding:
    seen = {loc.address for loc in main.locations}
    related: list[Location] = list(main.related)
    seen.update(loc.address for loc in related)
    for other in others:
        note = f"{other.rule_id}：{other.message}"
        for loc in [*other.locations, *other.related]:
            if loc.address in seen:
                continue
            seen.add(loc.address)
            related.append(loc.model_copy(update={"note": loc.note or note}))
    return main.model_copy(update={"related": related})
