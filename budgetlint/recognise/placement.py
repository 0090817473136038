"""Placement inference for rows whose empty cells were dropped by a text export.

Some exports left-pack a row: ``5.50 5.50 5.17 0.33`` followed by empty cells,
where the printed table had ``5.50 5.50 _ 5.17 0.33`` (the 5.17 belongs to
对个人和家庭的补助, not to 工资福利支出). Positions in such a row cannot be
trusted, but the table's arithmetic can place them:

1. A row is a *candidate* only when its values sit contiguously from the first
   value column (no gap) and it has fewer values than the table has value
   columns. A row with a gap is trusted as printed: a value typed into the
   wrong column there is a real error the linter must report, never "fixed".
2. For each candidate, every order-preserving placement of its values that
   satisfies the table kind's row identities (rules/vocab/identities.yaml: 合计 =
   基本支出 + 项目支出 …; within rounding: half a unit of the table's precision per printed
   item, budgetlint.rounding) is kept.
3. Across candidates, the combinations are kept whose column sums agree with
   the table: 合计 row = Σ leaf rows (rows whose children are not printed) and
   every parent code = Σ its children, in every value column.
   If the rows as printed already satisfy all of this, nothing is moved.
4. A row whose placement is the same in every surviving combination is placed
   (cells moved, ``provenance.inferred=True`` and a note naming the identities);
   otherwise it is left as printed with an ``ambiguous-row`` warning.

Rows that no sum ties together are searched apart, and rows printing only zeros (any
placement adds nothing) are left out of the search. Values are never changed, only their
columns. The search is capped
(``MAX_PLACEMENTS_PER_ROW``, ``MAX_NODES``); past the cap rows are left
as printed with a warning. Call this only for tables whose reader could not
keep empty cells (``RawTable.aligned`` is False).
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from budgetlint.model import Cell, ParseWarning, Row, Table
from budgetlint.recognise.identities import Equation, column_name, equations_for
from budgetlint.rounding import adds_up, half_ulp

MAX_PLACEMENTS_PER_ROW = 5000
MAX_NODES = 200_000  # placements tried by the combined searches of one table
# Column keys that hold labels, not amounts (when a recogniser keeps them as columns).
_LABEL_KEYS = frozenset({"code", "label", "name", "item", "row_no", "line_no", "subject"})

# ------------------------------------------------------------------ identities


def _holds(eq: Equation, placed: dict[str, Decimal], tol_item: Decimal) -> bool:
    """The equation holds within rounding; a column the row leaves empty is an exact 0."""
    return adds_up(
        ((placed[c], tol_item) for c in eq.left if c in placed),
        ((placed[c], tol_item) for c in eq.right if c in placed),
    )


# ------------------------------------------------------------------ rows


def _value_columns(table: Table) -> list[str]:
    cols = sorted(table.columns, key=lambda c: c.index)
    return [c.key for c in cols if c.key not in _LABEL_KEYS and not c.key.startswith("code")]


def _value_cells(row: Row, value_cols: list[str]) -> list[Cell]:
    return [c for c in row.cells if c.state == "value" and c.value is not None and c.column in value_cols]


def _printed_values(row: Row, value_cols: list[str]) -> dict[str, Decimal]:
    """Column -> value of a row's value cells (every one has a value: ``_value_cells``)."""
    return {c.column: c.value for c in _value_cells(row, value_cols) if c.value is not None}


def _is_candidate(row: Row, value_cols: list[str]) -> bool:
    if row.key is None:
        # A row without a key gives no facts and is already reported (unkeyed-row); it is in no
        # column sum either, so nothing could place it and an ambiguous-row warning would only
        # repeat that (yanjin line 214, "缴费支出", an OCR fragment).
        return False
    cells = _value_cells(row, value_cols)
    if not cells or len(cells) >= len(value_cols):
        return False
    positions = sorted(value_cols.index(c.column) for c in cells)
    return positions == list(range(len(cells)))


def has_unreadable_value(table: Table, row: Row) -> bool:
    """The row prints, in a value column, a cell that looks like a number but could not be read
    ("0.Z3"): where a left-packed row's values belong cannot then be told, nor what is missing."""
    value_cols = set(_value_columns(table))
    return any(
        c.state == "text" and c.column in value_cols and any(ch.isdigit() for ch in c.raw or "") for c in row.cells
    )


def possible_cells(table: Table, row: Row, column: str) -> list[Cell] | None:
    """The printed values that may belong in ``column`` of a left-packed row whose placement
    stayed ambiguous, or None when the column is not one of the row's value columns.

    The export drops empty cells but keeps the order of the values (step 2 above), so the
    i-th of k printed values lands in a value column with at least i columns before it
    and k − 1 − i after it; any column may also have been empty.
    """
    value_cols = _value_columns(table)
    if column not in value_cols:
        return None
    cells = sorted(_value_cells(row, value_cols), key=lambda c: value_cols.index(c.column))
    j, k, n = value_cols.index(column), len(cells), len(value_cols)
    return [c for i, c in enumerate(cells) if i <= j <= n - k + i]


def _code(row: Row) -> str | None:
    key = row.key or ""
    if key.startswith("g"):
        key = key[1:]
    return key if key.isdigit() else None


def _row_label(row: Row) -> str:
    return row.label or row.key or ""


def _row_line(row: Row) -> str:
    return f"第 {row.provenance.line} 行" if row.provenance.line else "表中"


# ------------------------------------------------------------------ search


def infer_placements(table: Table) -> list[ParseWarning]:
    """Place left-packed rows of ``table`` by its arithmetic; report what was done or not.

    Returns one info warning (``placed-by-inference``) per moved row and one
    ``ambiguous-row`` warning per candidate row left as printed.
    """
    value_cols = _value_columns(table)
    if len(value_cols) < 2:
        return []
    candidates = [r for r in table.rows if _is_candidate(r, value_cols)]
    if not candidates:
        return []
    equations = equations_for(table.kind, value_cols)
    # Every cell taken at the table's printed precision; a sum of n printed cells may then be
    # off by n half-units (budgetlint.rounding, the engine's own test).
    tol_item = half_ulp(table.precision)

    options: dict[int, list[tuple[str, ...]]] = {}
    warnings: list[ParseWarning] = []
    for r in candidates:
        opts = _row_options(r, value_cols, equations, tol_item)
        if opts is None:
            warnings.append(_ambiguous(r, "可能的摆放方式过多，超出搜索上限"))
            continue
        if not opts:
            warnings.append(_ambiguous(r, "没有一种摆放能满足本表的行内勾稽关系"))
            continue
        options[id(r)] = opts
    live = [r for r in candidates if id(r) in options]
    if not live:
        return warnings

    groups = _sum_groups(table)
    fixed = {id(r): _printed_values(r, value_cols) for r in table.rows if id(r) not in options}
    relevant = [g for g in groups if any(id(x) in options for x in (g[0], *g[1]))]

    # A table that already adds up as printed is left alone: positions are only
    # re-derived when the printed ones break the table's arithmetic.
    printed = {id(r): tuple(c.column for c in _value_cells(r, value_cols)) for r in live}
    in_groups = {id(x) for g in relevant for x in (g[0], *g[1])}
    checkable = all(id(r) in in_groups for r in live)
    if checkable and all(printed[id(r)] in options[id(r)] for r in live) and len(live) == len(candidates):
        as_printed = dict(fixed)
        for r in live:
            as_printed[id(r)] = _printed_values(r, value_cols)
        if all(_group_holds(g, as_printed, value_cols, tol_item) for g in relevant):
            return warnings

    # Rows tied by no sum are placed independently: searched together, the placements of one
    # group's rows were tried again for every placement of another's (a product, not a sum).
    outcome: dict[int, ParseWarning | None] = {}
    budget = MAX_NODES  # placements tried, over the whole table
    for rows, groups in _independent(live, relevant):
        try:
            chosen, found, used = _search(rows, options, fixed, groups, value_cols, tol_item, budget)
        except _SearchCapped:
            budget = 0
            for r in rows:
                outcome[id(r)] = _ambiguous(r, f"可能的组合过多，超出搜索上限（{MAX_NODES} 步）")
            continue
        budget -= used
        for r in rows:
            picks = chosen[id(r)]
            if found == 0:
                outcome[id(r)] = _ambiguous(r, "没有一种摆放能使各列之和与合计行（或上级科目）相符")
            elif len(picks) > 1:
                outcome[id(r)] = _ambiguous(r, f"至少有 {len(picks)} 种摆放都与各列之和相符")
            else:
                outcome[id(r)] = _apply(r, next(iter(picks)), value_cols, equations, bool(groups))
    warnings.extend(w for w in (outcome[id(r)] for r in live) if w is not None)
    return warnings


def _independent(live: list[Row], groups: list[tuple[Row, list[Row]]]):
    """The candidate rows in sets that no sum ties together, each with the sums over its rows
    (a row in no sum is a set of its own, placed by its row identities alone); rows in printed
    order within a set, sets in the order of their first row."""
    parent = {id(r): id(r) for r in live}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p, parts in groups:
        members = [id(x) for x in (p, *parts) if id(x) in parent]
        for m in members[1:]:
            parent[root(m)] = root(members[0])
    rows: dict[int, list[Row]] = {}
    for r in live:
        rows.setdefault(root(id(r)), []).append(r)
    sums: dict[int, list[tuple[Row, list[Row]]]] = {k: [] for k in rows}
    for g in groups:
        first = next((id(x) for x in (g[0], *g[1]) if id(x) in parent), None)
        if first is not None:
            sums[root(first)].append(g)
    return [(rows[k], sums[k]) for k in rows]


class _SearchCapped(Exception):
    pass


def _search(live, options, fixed, relevant, value_cols, tol_item, limit=MAX_NODES):
    """Backtracking over the candidates' placements; returns (picks per row, solutions found,
    placements tried), raising _SearchCapped past ``limit`` placements.

    Rows are tried in printed order, so a parent code's children are placed
    together and its group (parent = Σ parts) is checked as soon as its last
    candidate is placed. While a group is incomplete the branch is cut when a
    column's placed parts already exceed the parent, or the unplaced parts can
    no longer make it up (valid when no printed value is negative). Stops early
    once every row is known to be ambiguous.

    A row that prints only zeros adds nothing to any sum wherever it goes: it is left out of
    the search (every one of its placements is possible) and counted as printing a zero in
    every column, so its rounding widens each sum it is part of. Searched with the others,
    its interchangeable placements multiplied the combinations: twenty such rows took the
    search to its cap and left every candidate row of the table unplaced.
    """
    values = {id(r): [c.value for c in _value_cells(r, value_cols)] for r in live}
    zero_ids = {id(r) for r in live if all(v == 0 for v in values[id(r)])}
    picks: dict[int, set[tuple[str, ...]]] = {i: set(options[i]) for i in zero_ids}
    if zero_ids:
        fixed = {**fixed, **{i: {c: Decimal(0) for c in value_cols} for i in zero_ids}}
        live = [r for r in live if id(r) not in zero_ids]
        if not live:  # nothing to place but zeros: the table adds up or it does not
            return picks, int(all(_group_holds(g, fixed, value_cols, tol_item) for g in relevant)), 0
    order = list(live)
    pos = {id(r): i for i, r in enumerate(order)}
    ncol = len(value_cols)
    ci = {c: k for k, c in enumerate(value_cols)}
    scale = Decimal(10) ** 6

    def vec(d: dict[str, Decimal]) -> list[int]:
        out = [0] * ncol
        for col, v in d.items():
            out[ci[col]] = int(v * scale)
        return out

    nonneg = all(v >= 0 for vals in fixed.values() for v in vals.values()) and all(
        v >= 0 for vals in values.values() for v in vals
    )
    opt_vecs = {id(r): [vec(dict(zip(cols, values[id(r)]))) for cols in options[id(r)]] for r in order}
    # Per option: (columns, full vector, the (column index, amount) pairs it prints).
    opt_all = {
        id(r): [(cols, v, [(ci[c], v[ci[c]]) for c in cols]) for cols, v in zip(options[id(r)], opt_vecs[id(r)])]
        for r in order
    }
    # A completed group is checked on the integer sums kept below when every amount is exact
    # at this scale (printed amounts have at most a few decimals); else by _group_holds.
    exact = (
        all((v * scale) % 1 == 0 for vals in fixed.values() for v in vals.values())
        and all((v * scale) % 1 == 0 for vals in values.values() for v in vals)
        and (tol_item * scale) % 1 == 0
    )
    tol_unit = int(tol_item * scale)
    reach = {id(r): [max(v[k] for v in opt_vecs[id(r)]) for k in range(ncol)] for r in order}

    # Per group: parts' placed sums, what unplaced parts could still add, the parent's vector.
    done: list[list[int]] = []
    count: list[list[int]] = []  # per group and column: parts placed with a printed value there
    could: list[list[int]] = []
    parent_vec: list[list[int] | None] = []
    tol: list[int] = []
    member_of: dict[int, list[tuple[int, str]]] = {id(r): [] for r in order}
    complete_at: dict[int, list] = {}
    for gi, (parent, parts) in enumerate(relevant):
        d, c, n_in = [0] * ncol, [0] * ncol, [0] * ncol
        for p in parts:
            if id(p) in pos:
                member_of[id(p)].append((gi, "part"))
                c = [x + y for x, y in zip(c, reach[id(p)])]
            else:
                d = [x + y for x, y in zip(d, vec(fixed.get(id(p), {})))]
                n_in = [n + (col in fixed.get(id(p), {})) for n, col in zip(n_in, value_cols)]
        done.append(d)
        count.append(n_in)
        could.append(c)
        if id(parent) in pos:
            member_of[id(parent)].append((gi, "parent"))
            parent_vec.append(None)
        else:
            parent_vec.append(vec(fixed.get(id(parent), {})))
        tol.append(int(tol_item * scale) * (len(parts) + 1))
        members = [x for x in (parent, *parts) if id(x) in pos]
        complete_at.setdefault(max(pos[id(x)] for x in members), []).append(gi)

    placed: dict[int, dict[str, Decimal]] = dict(fixed)
    picks.update({id(r): set() for r in order})

    def feasible(gi: int) -> bool:
        pv = parent_vec[gi]
        if pv is None:
            return True
        d, c, t = done[gi], could[gi], tol[gi]
        return all(d[k] - pv[k] <= t and d[k] + c[k] >= pv[k] - t for k in range(ncol))

    def holds(gi: int) -> bool:
        """_group_holds on the kept integer sums: same tolerance, one half-unit per printed item."""
        if not exact:
            return _group_holds(relevant[gi], placed, value_cols, tol_item)
        pv, d, n_in = parent_vec[gi], done[gi], count[gi]
        assert pv is not None  # asked only of groups whose parent row is placed
        return all(abs(d[k] - pv[k]) <= tol_unit * (n_in[k] + 1) for k in range(ncol))

    def move(r_id: int, v: list[int], printed: list[tuple[int, int]], sign: int) -> None:
        """Place (+1) or take back (-1) one option of a row in the sums of its groups."""
        for gi, role in member_of[r_id]:
            if role == "part":
                d, n_in = done[gi], count[gi]
                for k, x in printed:
                    d[k] += sign * x
                    n_in[k] += sign
            else:
                parent_vec[gi] = v if sign > 0 else None

    def unplaced(r_id: int, sign: int) -> None:
        """A row's reach leaves (-1) its groups' "could still add" while its level is searched,
        and comes back (+1) when the search leaves that level: the same for all its options."""
        for gi, role in member_of[r_id]:
            if role == "part":
                c = could[gi]
                for k, x in enumerate(reach[r_id]):
                    c[k] += sign * x

    # Depth-first, in the same order as a recursion over the rows would go, but with an
    # explicit stack: the depth is the number of candidate rows, which input decides.
    n = len(order)
    choices: list = [None] * n  # per level: the iterator over the row's placements
    current: list = [None] * n  # per level: the placement applied now, to undo
    nodes = found = ambiguous = 0
    fresh = 0  # lowest level whose placement changed since the last solution was recorded
    i = 0
    choices[0] = iter(opt_all[id(order[0])])
    unplaced(id(order[0]), -1)
    while i >= 0:
        r_id = id(order[i])
        if current[i] is not None:
            move(r_id, current[i][1], current[i][2], -1)
            if not exact:
                del placed[r_id]
            current[i] = None
        nxt = next(choices[i], None)
        if nxt is None:
            unplaced(r_id, +1)
            i -= 1
            continue
        cols, v, printed = nxt
        nodes += 1
        if nodes > limit:
            raise _SearchCapped
        if not exact:
            placed[r_id] = dict(zip(cols, values[r_id]))
        move(r_id, v, printed, +1)
        current[i] = nxt
        fresh = min(fresh, i)
        ok = not nonneg or all(feasible(gi) for gi, _ in member_of[r_id])
        if ok:
            ok = all(holds(gi) for gi in complete_at.get(i, []))
        if not ok:
            continue
        if i + 1 < n:
            i += 1
            choices[i] = iter(opt_all[id(order[i])])
            unplaced(id(order[i]), -1)
            continue
        # A solution: only the levels changed since the last one can add a new placement.
        found += 1
        for level in range(fresh, n):
            seen = picks[id(order[level])]
            before = len(seen)
            seen.add(current[level][0])
            if before == 1 and len(seen) == 2:
                ambiguous += 1
        fresh = n
        if ambiguous == n:
            break  # every row is known to be ambiguous: nothing more to learn
    return picks, found, nodes


def _row_options(
    row: Row, value_cols: list[str], equations: list[Equation], tol_item: Decimal
) -> list[tuple[str, ...]] | None:
    values = [c.value for c in _value_cells(row, value_cols)]
    out: list[tuple[str, ...]] = []
    # _holds on column positions instead of dicts: this runs for every combination of every
    # left-packed row (84 per row of 3 values in 9 columns).
    ci = {c: k for k, c in enumerate(value_cols)}
    sides = [([ci[c] for c in eq.left], [ci[c] for c in eq.right]) for eq in equations]
    zero = Decimal(0)
    for n, positions in enumerate(itertools.combinations(range(len(value_cols)), len(values))):
        if n >= MAX_PLACEMENTS_PER_ROW:
            return None
        at: list[Decimal | None] = [None] * len(value_cols)
        for p, v in zip(positions, values):
            at[p] = v
        for left, right in sides:
            terms, lsum, rsum = 0, zero, zero
            for k in left:
                value = at[k]
                if value is not None:
                    lsum += value
                    terms += 1
            for k in right:
                value = at[k]
                if value is not None:
                    rsum += value
                    terms += 1
            if abs(lsum - rsum) > tol_item * max(1, terms):
                break
        else:
            out.append(tuple(value_cols[p] for p in positions))
    return out


def _sum_groups(table: Table) -> list[tuple[Row, list[Row]]]:
    """(parent, parts) pairs that must add up column by column.

    合计 row = Σ leaf code rows (codes whose children are not printed); each code
    row with printed children = Σ its direct children.
    """
    coded = [(r, c) for r, c in ((r, _code(r)) for r in table.rows) if c]
    # Indexes instead of pairwise scans (a table may have 100k rows): the rows under each
    # code two digits shorter, in printed order, and every proper prefix of a printed code.
    under: dict[str, list[Row]] = {}
    prefixes: set[str] = set()
    for r, c in coded:
        under.setdefault(c[:-2], []).append(r)
        prefixes.update(c[:k] for k in range(1, len(c)))
    groups: list[tuple[Row, list[Row]]] = []
    for r, c in coded:
        children = list(under.get(c, []))
        if children:
            groups.append((r, children))
    leaves = [r for r, c in coded if c not in prefixes]
    total = next((r for r in table.rows if r.key == "total"), None)
    if total is not None and leaves:
        groups.append((total, leaves))
    return groups


def _group_holds(group, placed: dict[int, dict[str, Decimal]], value_cols: list[str], tol_item: Decimal) -> bool:
    parent, parts = group
    pv = placed.get(id(parent), {})
    for col in value_cols:
        items = [placed.get(id(p), {}).get(col) for p in parts]
        printed = [(x, tol_item) for x in items if x is not None]
        # the parent's cell always counts with its half-unit (an empty one too, as before)
        if not adds_up([(pv.get(col, Decimal(0)), tol_item)], printed):
            return False
    return True


# ------------------------------------------------------------------ apply


def _ambiguous(row: Row, why: str) -> ParseWarning:
    return ParseWarning(
        code="ambiguous-row",
        message=(
            f"{_row_line(row)}“{_row_label(row)}”：导出时可能丢失了空单元格，数值所在列无法唯一确定"
            f"（{why}），按原样保留；涉及本行的核对结果可能不准确"
        ),
        provenance=row.provenance,
    )


def _apply(
    row: Row, cols: tuple[str, ...], value_cols: list[str], equations: list[Equation], by_sums: bool
) -> ParseWarning | None:
    cells = _value_cells(row, value_cols)
    if tuple(c.column for c in cells) == cols:
        return None  # printed positions were already right
    used = [eq.text for eq in equations]
    why = "；".join(used) if used else "无行内勾稽关系"
    note = (
        f"导出时丢失了空单元格，按本表勾稽关系（{why}）"
        + ("及各列之和等于合计行/上级科目" if by_sums else "")
        + "推断所在列"
    )
    moved: list[str] = []
    for c, col in zip(cells, cols):
        if c.column != col:
            moved.append(f"{c.raw or c.value}→{column_name(col)}")
            c.column = col
            c.provenance = c.provenance.model_copy(update={"inferred": True, "column": col, "note": note})
    # Keep one cell per column: drop blanks now covered, add blanks for vacated columns.
    occupied = set(cols)
    had_blanks = any(c.state == "blank" and c.column in value_cols for c in row.cells)
    kept = [c for c in row.cells if not (c.state == "blank" and c.column in occupied)]
    if had_blanks:
        present = {c.column for c in kept}
        for col in value_cols:
            if col not in present:
                kept.append(Cell(column=col, raw="", state="blank", provenance=row.provenance))
    order = {col: i for i, col in enumerate(value_cols)}
    labels = [c for c in kept if c.column not in order]
    values = sorted((c for c in kept if c.column in order), key=lambda c: order[c.column])
    row.cells = labels + values
    return ParseWarning(
        code="placed-by-inference",
        message=f"{_row_line(row)}“{_row_label(row)}”：导出时丢失了空单元格，已按勾稽关系推断数值所在列（{'，'.join(moved)}）",
        provenance=row.provenance,
    )
