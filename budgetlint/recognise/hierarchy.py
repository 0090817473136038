"""Row hierarchy: which printed rows are parents of which, from the table's own arithmetic.

A table prints its rows in one flat list; the levels are shown by indentation, by codes, or
not at all. Two readings are proposed here and the one under which the table adds up is kept:

* **codes**: a code whose rows are units, not 功能分类 classes. A 3-digit code is a 类 (201
  一般公共服务支出) in a function table, but a unit code (201 中共西安市委宣传部) when the table
  is keyed by units: its code columns are headed 单位编码/单位名称, or a 6-digit code below
  extends it (201 → 201001, the unit's sub-units), or its name is a unit's name (…局, …部,
  …中心). A 6-digit code is never a 功能分类 code (3, 5 or 7 digits). ``unit_codes`` decides
  this for the whole table before its rows are keyed.
* **uncoded parents**: in a 项目支出表 a unit row (广州市统计局 1,025.05) is printed above its
  own projects with nothing but indentation to show it. Read flat, the unit and its projects
  are siblings and the "children" of 合计 are twice the 合计. ``infer_row_hierarchy`` keeps the
  flat reading when 合计 = Σ rows; otherwise it looks for the partition of the rows into
  runs "parent, its children" (parent = Σ the run below it, in every column) under which
  合计 = Σ parents, and takes it when it is the only one. A printing error inside one unit's
  block leaves one run that does not add up: such a partition is accepted only when none
  adds up everywhere, 合计 = Σ parents still holds and it is the only one, so that the sum
  rule reports the error at that unit row instead of reading the whole table flat.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import ParseWarning, Row, Table
from budgetlint.rounding import half_ulp
from budgetlint.recognise.vocab import row_vocab
from budgetlint.recognise.summary import functional_class

# ------------------------------------------------------------------ codes

# A unit's name ends with the word for an office; a 功能分类 类 name ends with 支出 (or is
# 预备费), an economic class name with 支出 or 补助: none of these endings.
_UNIT_NAME_RE = lazy_compile(
    r"(局|部|委|厅|办|院|所|站|队|馆|中心|委员会|办公室|学校|中学|小学|大学|幼儿园|医院|处|团|社|署"
    r"|本级|机关|政府|街道|协会|联合会|总工会|妇联|科协|文联|侨联|残联|台|宫)$"
)
_TRAILING_NOTE_RE = lazy_compile(r"[（(][^（）()]*[）)]$")
_UNIT_HEADER_WORDS = ("单位编码", "单位代码", "单位名称", "单位编号")
_SUBJECT_HEADER_WORDS = ("类", "款", "项", "科目", "功能", "经济分类")


def looks_like_unit_name(label: str) -> bool:
    """True for an office's name (广州市统计局, 广州市统计监测中心（广州市统计发展中心）)."""
    name = label.strip().rstrip(" :：.。·,，")
    while _TRAILING_NOTE_RE.search(name) and _TRAILING_NOTE_RE.sub("", name):
        name = _TRAILING_NOTE_RE.sub("", name)
    return bool(name) and "支出" not in name[-4:] and bool(_UNIT_NAME_RE.search(name))


def unit_header(lead_words: list[str]) -> bool:
    """The code/label columns are headed by unit words only (单位编码 | 单位名称)."""
    unit = any(w in t for t in lead_words for w in _UNIT_HEADER_WORDS)
    subject = any(t == w or (len(w) > 1 and w in t) for t in lead_words for w in _SUBJECT_HEADER_WORDS)
    return unit and not subject


def unit_codes(rows: list[tuple[str, str]], unit_headed: bool) -> set[str]:
    """The printed codes of a table that are unit codes.

    ``rows`` are (code, name) of the data rows that print a single code. A 6-digit code is a
    unit code; a 3-digit one is when the table is headed by unit words, when a printed 6-digit
    code extends it (its sub-units), or when its own name is a unit's name. A code printed on
    several rows heads none of them: it is the unit column of a list of items (财拨结转支出表:
    125001 beside each of the unit's projects).
    """
    printed = [c for c, _ in rows]
    codes = {c for c in printed if printed.count(c) == 1}
    rows = [(c, name) for c, name in rows if c in codes]
    six = {c for c in codes if len(c) == 6}
    out = set(six)
    for code, name in rows:
        if len(code) != 3:
            continue
        if unit_headed or any(s.startswith(code) for s in six) or looks_like_unit_name(name):
            out.add(code)
    return out


# ------------------------------------------------------------------ uncoded parents

MAX_SOLUTIONS = 4
MAX_STEPS = 200_000


def _vector(row: Row, columns: list[str]) -> list[Decimal]:
    values = {c.column: c.value for c in row.cells if c.state == "value" and c.value is not None}
    return [values.get(col, Decimal(0)) for col in columns]


def _equal(a: list[Decimal], b: list[Decimal], tol: Decimal) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def _adds_up(parent: list[Decimal], parts: list[list[Decimal]], ulp: Decimal) -> bool:
    total = [sum(col, Decimal(0)) for col in zip(*parts)] if parts else [Decimal(0)] * len(parent)
    return _equal(parent, total, ulp * (len(parts) + 1))


def _partitions(
    vecs: list[list[Decimal]],
    ulp: Decimal,
    accept,
    free: bool = False,
) -> list[list[tuple[int, int, bool]]] | None:
    """Partitions of the rows into runs (parent i, children i+1..j, holds) with parent = Σ children.

    With ``free``, one run may fail to add up (a printing error inside one unit's block; it
    is what the sum rule must then report, at the unit row). A parent holds some non-zero
    value (a row of zeros is no evidence of anything). Returns at most MAX_SOLUTIONS
    partitions for which ``accept(runs)`` is true; None when the search was cut short.
    """
    n = len(vecs)
    nonneg = all(v >= 0 for vec in vecs for v in vec)
    found: list[list[tuple[int, int, bool]]] = []
    steps = 0

    def rec(i: int, runs: list[tuple[int, int, bool]], free_left: bool) -> None:
        nonlocal steps
        if len(found) >= MAX_SOLUTIONS:
            return
        if i == n:
            if accept(runs):
                found.append(list(runs))
            return
        head = vecs[i]
        if not any(head):
            return
        acc = [Decimal(0)] * len(head)
        exceeded = False
        for j in range(i + 1, n):
            steps += 1
            if steps > MAX_STEPS:
                raise _Capped
            acc = [a + v for a, v in zip(acc, vecs[j])]
            tol = ulp * (j - i + 1)
            holds = not exceeded and _equal(head, acc, tol)
            if holds or free_left:
                runs.append((i, j, holds))
                rec(j + 1, runs, free_left and holds)
                runs.pop()
            if nonneg and any(a - h > tol for a, h in zip(acc, head)):
                exceeded = True  # the run below already exceeds its parent
                if not free_left:
                    break

    try:
        rec(0, [], free)
    except _Capped:
        return None
    return found


class _Capped(Exception):
    pass


def _parents(
    vecs: list[list[Decimal]],
    total: list[Decimal] | None,
    ulp: Decimal,
    one_error: bool = True,
) -> set[int] | None:
    """The rows that are parents, when exactly one partition of the rows explains the table.

    With a 合计: 合计 = Σ parents; every run adds up, or — when no partition has every run
    adding up and ``one_error`` allows it — all runs but one do. Without a 合计 every run
    must add up and one parent must stand over several rows.
    """

    def accept(runs: list[tuple[int, int, bool]]) -> bool:
        if total is not None:
            return _adds_up(total, [vecs[i] for i, _, _ in runs], ulp)
        return any(j - i >= 2 for i, j, _ in runs)

    for free in (False, True):
        if free and (total is None or not one_error):
            return None
        found = _partitions(vecs, ulp, accept, free)
        if found is None:
            return None
        heads = {tuple(i for i, _, _ in runs) for runs in found}
        if len(heads) == 1:
            return set(next(iter(heads)))
        if heads:
            return None  # several readings explain the table: keep it as printed
    return None


def _rekey(row: Row, key: str | None, kind: str) -> None:
    row.key, row.kind = key, kind
    row.provenance = row.provenance.model_copy(update={"row": key})
    for c in row.cells:
        c.provenance = c.provenance.model_copy(update={"row": key})


def infer_row_hierarchy(table: Table, scheme: str) -> tuple[list[ParseWarning], bool]:
    """Find the parents among a table's uncoded rows from its arithmetic.

    Returns the warnings to add and whether rows that had no key were keyed (their
    ``unkeyed-row`` warnings are then obsolete).

    * a 项目支出表 (``scheme == "project"``) without coded unit rows: parents become
      ``unit:n1``, ``unit:n2`` … (kind ``unit``) and the projects are numbered again
      ``p1``, ``p2`` … in printed order;
    * a table of units (``scheme == "unit"``, 收入表) whose data rows all print a name without
      a code (广州市统计局, 广州市统计普查中心 …): when 合计 = Σ rows they are sibling units
      ``unit:n1`` …; when the rows are a unit above its sub-units, the parents are
      ``unit:n1`` … and their sub-units ``unit:n1.1``, ``unit:n1.2`` ….
    """
    if scheme == "project":
        notes = _project_units(table)
        return notes + _lone_unit_total(table, scheme), False
    lone = _lone_unit_total(table, scheme)
    notes, keyed = [], False
    if scheme == "unit":
        notes, keyed = _uncoded_units(table)
    elif scheme == "functional":
        notes, keyed = _named_classes(table)
    elif scheme == "economic":
        notes, keyed = _named_economic(table)
    return lone + notes, keyed or bool(lone)


def economic_code(label: str) -> str | None:
    """'维修（护）费' -> '30213' (政府收支分类 names; brackets of either width)."""
    name = re.sub(r"\s+", "", label or "").replace("（", "(").replace("）", ")")
    name = re.sub(r"^(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．])+", "", name)
    return row_vocab().economic_names.get(name)


def _named_economic(table: Table) -> tuple[list[ParseWarning], bool]:
    """An economic-classification table printing names only (杭州 一般公共预算基本支出表: 工资福利支出 /
    基本工资 / 津贴补贴 …, no codes). Every row with an amount must be a known name, each code once,
    each 款 under its own 类, and the table must add up under that reading: 合计 = Σ 类 and every
    类 = Σ its 款, in every column. Then the rows take their codes; otherwise nothing changes."""
    total = table.row("total")
    data = [r for r in table.rows if r is not total and r.kind != "total"]
    if total is None or not data or any(r.key is not None for r in data):
        return [], False
    coded: list[tuple[Row, str]] = []
    for r in data:
        code = economic_code(r.label)
        if code is None:
            if _has_values(r):
                return [], False
            continue
        coded.append((r, code))
    codes = [c for _, c in coded]
    if len(set(codes)) != len(codes) or not coded or len(coded[0][1]) != 3:
        return [], False
    columns = sorted({c.column for r in [total, *data] for c in r.cells if c.state == "value"})
    if not columns or any(c.state == "text" and c.column in columns for r in data for c in r.cells):
        return [], False
    ulp = half_ulp(table.precision)
    classes = [(r, c) for r, c in coded if len(c) == 3]
    if not _adds_up(_vector(total, columns), [_vector(r, columns) for r, _ in classes], ulp):
        return [], False
    current = None
    items: dict[str, list[Row]] = {}
    for r, code in coded:
        if len(code) == 3:
            current = code
            items[code] = []
        elif current is None or not code.startswith(current):
            return [], False  # a 款 printed away from its 类
        else:
            items[current].append(r)
    for r, code in classes:
        if items[code] and not _adds_up(_vector(r, columns), [_vector(x, columns) for x in items[code]], ulp):
            return [], False
    for r, code in coded:
        _rekey(r, code, "economic")
    names = "、".join(f"“{r.label}”" for r, _ in classes[:3]) + ("等" if len(classes) > 3 else "")
    return [
        ParseWarning(
            code="rows-by-arithmetic",
            message=(
                f"表“{table.title}”只印经济分类名称、不印编码：按政府收支分类科目名称读出编码（{names}等各类之和等于合计，"
                "各款之和等于其类）"
            ),
            provenance=table.provenance,
        )
    ], True


def _named_classes(table: Table) -> tuple[list[ParseWarning], bool]:
    """A 功能分类 table printing names only, the levels shown by indentation the export lost
    (杭州 支出预算总表: 一般公共服务支出 / 社会工作事务 / 其他社会工作事务支出 …, no codes).
    The 类 rows are known by their names; when the table's 合计 is the sum of those rows in
    every column, they are the classes (201, 204 …) and the other rows are details below them
    (kind ``detail``: their 款/项 codes are unknown, so no rule uses them, and they do not make
    the table's hierarchy unreadable). Otherwise nothing changes."""
    total = table.row("total")
    data = [r for r in table.rows if r is not total and r.kind != "total"]
    if total is None or not data or any(r.key is not None for r in data):
        return [], False
    vocab = row_vocab()
    classes: list[tuple[Row, str]] = []
    previous = ""
    for r in data:
        label = re.sub(r"\s+", "", r.label or "")
        code = functional_class(label, vocab) if label != previous else None
        previous = label
        if code is not None:
            classes.append((r, code))
    codes = [c for _, c in classes]
    if not classes or len(set(codes)) != len(codes):
        return [], False
    columns = sorted({c.column for r in [total, *data] for c in r.cells if c.state == "value"})
    if not columns or any(c.state == "text" and c.column in columns for r in data for c in r.cells):
        return [], False
    if not _adds_up(_vector(total, columns), [_vector(r, columns) for r, _ in classes], half_ulp(table.precision)):
        return [], False
    chosen = {id(r) for r, _ in classes}
    for r, code in classes:
        _rekey(r, code, "functional")
    for r in data:
        if id(r) not in chosen:
            r.kind = "detail"
    names = "、".join(f"“{r.label}”" for r, _ in classes[:3]) + ("等" if len(classes) > 3 else "")
    note = ParseWarning(
        code="rows-by-arithmetic",
        message=(
            f"表“{table.title}”只印科目名称、不印编码：{names}按名称识别为功能分类“类”（各类之和等于合计），"
            "其下的款、项行只作明细，不参与按编码的核对"
        ),
        provenance=table.provenance,
    )
    return [note], True


def _project_units(table: Table) -> list[ParseWarning]:
    if any(r.kind == "unit" for r in table.rows):
        return _project_groups(table)
    rows = [r for r in table.rows if r.kind == "project" and r.key]
    if len(rows) < 2:
        return []
    columns = sorted({c.column for r in rows for c in r.cells if c.state == "value"})
    if not columns:
        return []
    ulp = half_ulp(table.precision)
    vecs = [_vector(r, columns) for r in rows]
    total = table.row("total")
    total_vec = _vector(total, columns) if total is not None else None
    if total_vec is not None and _adds_up(total_vec, vecs, ulp):
        return []  # the rows are siblings as printed
    parents = _parents(vecs, total_vec, ulp)
    if not parents:
        return []
    units = projects = 0
    for n, row in enumerate(rows):
        if n in parents:
            units += 1
            _rekey(row, f"unit:n{units}", "unit")
        else:
            projects += 1
            _rekey(row, f"p{projects}", "project")
    return [_note(table, [rows[i] for i in sorted(parents)], "其下各行是本单位的项目")]


# ------------------------------------------------------------------ nested groups of projects

MAX_GROUP_ROWS = 400


def _project_groups(table: Table) -> list[ParseWarning]:
    """A project list under coded unit rows whose projects are grouped by uncoded rows, any
    number of levels deep (西安 专项业务经费支出表: 117 → 117001 → 通用项目 → 购买服务 → 购买中介机构审计
    服务; a 全额 row above the units). Read flat, every group is counted as a project and the
    projects twice. The rows below 合计 are read as a forest: each row is a project (a leaf) or
    the sum of the rows it heads, and the top rows add up to 合计. When exactly one set of
    heads explains the table, the uncoded heads are groups (no key: they are no project and no
    unit), the leaves are the projects ``p1`` … in printed order; a coded unit row must be a
    head. Otherwise the table is left as printed."""
    total = table.row("total")
    rows = [r for r in table.rows if r is not total and r.kind in ("unit", "project") and r.key]
    if total is None or len(rows) < 3 or len(rows) > MAX_GROUP_ROWS:
        return []
    columns = sorted({c.column for r in [total, *rows] for c in r.cells if c.state == "value"})
    if not columns or any(c.state == "text" and c.column in columns for r in rows for c in r.cells):
        return []
    ulp = half_ulp(table.precision)
    vecs = [_vector(r, columns) for r in rows]
    if any(v < 0 for vec in vecs for v in vec):
        return []
    must_head = {i for i, r in enumerate(rows) if r.kind == "unit"}
    try:
        heads = _forest_heads(vecs, _vector(total, columns), ulp, must_head)
    except _Capped:
        return []
    if heads is None:
        return []
    groups = [rows[i] for i in sorted(heads) if rows[i].kind != "unit"]
    if not groups:
        return []
    projects = 0
    for n, row in enumerate(rows):
        if n in heads:
            if row.kind != "unit":
                _rekey(row, None, "group")
        else:
            projects += 1
            _rekey(row, f"p{projects}", "project")
    return [_note(table, groups, "其下各行是本组的项目或下级分组")]


def _forest_heads(
    vecs: list[list[Decimal]], total: list[Decimal], ulp: Decimal, must_head: set[int]
) -> frozenset[int] | None:
    """The set of head rows under which the rows form a forest adding up to ``total`` (a head
    = Σ the top rows of its own run). A chain of equal amounts (大型活动 200,000 → 政策业务培训
    200,000, 大宗印刷 200,000 → 商贸政策编印 200,000) also adds up nested one level deeper: the
    shallowest reading (least total depth) is taken. None when no reading, or two equally
    shallow ones, explain the table."""
    n = len(vecs)
    tol = ulp * min(n, 20)  # a run of printed amounts may drift by half a unit per amount
    # a reading: (total depth of its rows, number of rows, heads)
    Reading = tuple[int, int, frozenset[int]]
    node_memo: dict[int, list[tuple[int, Reading]]] = {}
    run_memo: dict[tuple, dict[int, list[Reading]]] = {}
    steps = 0

    def tick() -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_STEPS:
            raise _Capped

    def keep(found: dict[int, list[Reading]], end: int, reading: Reading) -> None:
        """Keep, per end, the shallowest readings (two at most: enough to see a tie)."""
        best = found.setdefault(end, [])
        if best and reading[0] > best[0][0]:
            return
        if best and reading[0] < best[0][0]:
            best.clear()
        if len(best) < 2 and all(r[2] != reading[2] for r in best):
            best.append(reading)

    def node(k: int) -> list[tuple[int, Reading]]:
        """(end, reading) of the ways row k stands with the rows it heads: rows k..end-1."""
        if k in node_memo:
            return node_memo[k]
        out: list[tuple[int, Reading]] = []
        if k not in must_head:
            out.append((k + 1, (0, 1, frozenset())))
        if any(vecs[k]):
            for e, readings in run(k + 1, tuple(vecs[k])).items():
                if e > k + 1:
                    out += [(e, (d + size, size + 1, h | {k})) for d, size, h in readings]
        node_memo[k] = out
        return out

    def run(i: int, target: tuple) -> dict[int, list[Reading]]:
        """end -> shallowest readings of rows i..end-1 as a forest whose top rows sum to target."""
        tick()
        key = (i, target)
        if key in run_memo:
            return run_memo[key]
        run_memo[key] = {}  # no cycles: every node consumes a row
        found: dict[int, list[Reading]] = {}
        if all(abs(t) <= tol for t in target):
            keep(found, i, (0, 0, frozenset()))
        if i < n and all(v <= t + tol for v, t in zip(vecs[i], target)):
            rest = tuple(t - v for t, v in zip(target, vecs[i]))
            for e, (d, size, h) in node(i):
                for e2, readings in run(e, rest).items():
                    for d2, size2, h2 in readings:
                        keep(found, e2, (d + d2, size + size2, h | h2))
        run_memo[key] = found
        return found

    best = run(0, tuple(total)).get(n, [])
    return best[0][2] if len(best) == 1 else None


def _lone_unit_total(table: Table, scheme: str) -> list[ParseWarning]:
    """A table without a 合计 row whose first row is the one unit it covers (深圳 支出总表:
    深圳市财政局（本级） above its 功能分类 rows; 收入总表 printing that unit's row only): the
    unit's row is the table's total. Below it, the top rows (类 for subjects, the projects of a
    project list) must add up to it in every column; a row alone needs no sum. Otherwise, or
    with two units, nothing changes."""
    if table.row("total") is not None:
        return []
    valued = [r for r in table.rows if _has_values(r)]
    if not valued:
        return []
    head, below = valued[0], valued[1:]
    units = [r for r in table.rows if r.kind == "unit" and (r.key is None or r.key.startswith("unit:n"))]
    if scheme == "project" and not units and head.kind == "group":
        units = [head]  # the one heading above every project (部门特定目标类项目): Σ projects below
    if scheme == "unit" and not below and (head.key is None or head.key.startswith("unit:")):
        units = [head]  # a table of units printing one unit, by name or code (105001 长春市信访局)
    if scheme == "economic" and not units and head.key is None and looks_like_unit_name(head.label):
        units = [head]  # 深圳 基本支出总表: the unit's name above its economic classes
    if units != [head]:
        return []
    if below:
        if scheme == "functional":
            top = [r for r in below if r.kind == "functional" and r.key and len(r.key) == 3]
        elif scheme == "project":
            top = [r for r in below if r.kind == "project"]
        elif scheme == "economic":
            top = [r for r in below if len(r.key or economic_code(r.label) or "") == 3]
        else:
            return []
        if not top or any(r.kind == "unit" for r in below if r is not head):
            return []
        columns = sorted({c.column for r in [head, *top] for c in r.cells if c.state == "value"})
        if not columns or any(c.state == "text" and c.column in columns for r in valued for c in r.cells):
            return []
        if not _adds_up(_vector(head, columns), [_vector(r, columns) for r in top], half_ulp(table.precision)):
            return []
    what = "最上级的分组" if head.kind == "group" else "单位"
    _rekey(head, "total", "total")
    return [
        ParseWarning(
            code="rows-by-arithmetic",
            message=(
                f"表“{table.title}”没有合计行：“{head.label}”是表中唯一的{what}"
                + ("，其下各行之和等于该行" if below else "")
                + "，按合计行核对"
            ),
            provenance=table.provenance,
        )
    ]


def _has_values(row: Row) -> bool:
    return any(c.state == "value" and c.value is not None for c in row.cells)


def _uncoded_units(table: Table) -> tuple[list[ParseWarning], bool]:
    total = table.row("total")
    data = [r for r in table.rows if r is not total and _has_values(r)]
    if total is None or not data or any(r.key is not None for r in data):
        return [], False  # coded rows, subtotals or no 合计: the codes say it, or nothing does
    if any(r.label.startswith("其中") or not r.label for r in data):
        return [], False
    columns = sorted({c.column for r in [total, *data] for c in r.cells if c.state == "value"})
    if any(c.state == "text" and c.column in columns for r in data for c in r.cells):
        return [], False  # a number that could not be read: the row's columns are not certain
    ulp = half_ulp(table.precision)
    vecs = [_vector(r, columns) for r in data]
    total_vec = _vector(total, columns)
    if _adds_up(total_vec, vecs, ulp):
        for n, row in enumerate(data, start=1):
            _rekey(row, f"unit:n{n}", "unit")
        return [], True
    # Rows without keys give no facts today: key them only when every run adds up, so that
    # keying them can never be what makes a finding.
    parents = _parents(vecs, total_vec, ulp, one_error=False)
    if not parents:
        return [], False
    unit = sub = 0
    for n, row in enumerate(data):
        if n in parents:
            unit, sub = unit + 1, 0
            _rekey(row, f"unit:n{unit}", "unit")
        else:
            sub += 1
            _rekey(row, f"unit:n{unit}.{sub}", "unit")
    return [_note(table, [data[i] for i in sorted(parents)], "其下各行是其所属单位")], True


def _note(table: Table, parents: list[Row], below: str) -> ParseWarning:
    names = "、".join(f"“{r.label}”" for r in parents[:3]) + ("等" if len(parents) > 3 else "")
    return ParseWarning(
        code="rows-by-arithmetic",
        message=(
            f"表“{table.title}”：{names}是上级行（汇总其下各行，{below}；由本表合计与各行金额推断），"
            f"按上下两级核对，不与下级行并列相加"
        ),
        provenance=table.provenance,
    )
