"""One-sided tables (公开02/03/05 …): rows of code, name and the values the 栏次 row counts.

A row name can wrap onto following lines with its numbers on a later line; 类/款/项
codes can be printed apart (``201 03 01``); a number can be broken by a line break
(``5`` / ``6.94``) and is rejoined only when that makes the row consistent. A row that
does not print every value makes the table ``aligned=False``.
"""

from __future__ import annotations

import re
from msgspec import Struct, field
from decimal import Decimal

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import RawCell, RawTable
from budgetlint.read.layout.headers import header_rows
from budgetlint.read.layout.lines import Context, Line, Tok, decimal, is_code, is_number

_VALID_NUMBER_RE = lazy_compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# Label columns of a one-sided table: 科目编码 and 科目名称.
LABEL_COLUMNS = 2
# A code printed apart is at most 类 (CLASS_DIGITS digits) + 款 + 项 (2 digits each).
CODE_PARTS = 3
CLASS_DIGITS = 3
# Rounding slack per value when a printed total is checked against its parts (half a cent).
SUM_SLACK_PER_VALUE = Decimal("0.005")
# A row says whether its first value is the sum of the others only with this many values.
SUM_MIN_VALUES = 3
# The table's rows show first-value-is-the-total only when this many complete rows agree.
SUM_MIN_ROWS = 2


class Row(Struct):
    """A logical table row assembled from one or more printed lines."""

    code: Tok | None = None
    name: list[Tok] = field(default_factory=list)
    values: list[Tok] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)  # value index -> provenance note
    raw_values: dict[int, str] = field(default_factory=dict)  # value index -> raw text when rejoined
    end_lines: dict[int, int] = field(default_factory=dict)

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else 0


def parse_one_sided(ctx: Context, table: RawTable, header: list[Line], data: list[Line], n: int) -> RawTable:
    """Fill ``table`` with the header and the ``n``-value rows of a one-sided table."""
    rows = _assemble_rows(data, n)
    _rejoin_broken_numbers(ctx, rows, n)
    has_labels = any(r.code or r.name for r in rows)
    head, labels = header_rows(ctx, header, n, False, LABEL_COLUMNS if has_labels else 0)
    if labels == 0 and has_labels:
        labels = LABEL_COLUMNS
    width = labels + n
    table.rows.extend(ctx.pad(r, width, None) for r in head)
    # The 栏次 row (column numbers) is not copied into the grid: it only told us the width.
    aligned = True
    for r in rows:
        cells: list[RawCell] = []
        if labels:
            cells.append(ctx.cell(r.code.text, r.code.line, r.code.raw) if r.code else ctx.cell("", r.first_line, ""))
            cells.append(_name_cell(ctx, r))
            cells.extend(ctx.cell("", r.first_line, "") for _ in range(labels - LABEL_COLUMNS))
        for i, v in enumerate(r.values):
            cells.append(
                RawCell(
                    text=v.text,
                    provenance=ctx.prov(
                        v.line, r.raw_values.get(i, v.text), end_line=r.end_lines.get(i), note=r.notes.get(i)
                    ),
                )
            )
        if labels and r.values and not r.code and not r.name:  # a label-less layout (公开09) has no names
            ctx.warn(
                "orphan-values",
                f"第 {r.first_line} 行的数值前面没有科目编码或名称，找不到所属的行，按原样单列一行",
                r.first_line,
            )
        if r.values and len(r.values) != n:
            aligned = False
            if len(r.values) > n:
                ctx.warn(
                    "too-many-values",
                    f"第 {r.first_line} 行：本行有 {len(r.values)} 个数值，而表头栏次只有 {n} 列",
                    r.first_line,
                )
        table.rows.append(ctx.pad(cells, width, r.first_line))
    table.aligned = aligned
    return table


def _name_cell(ctx: Context, r: Row) -> RawCell:
    if not r.name:
        return ctx.cell("", r.first_line, "")
    text = "".join(t.text for t in r.name)
    raw = "\n".join(t.text for t in r.name)
    end = r.name[-1].line if r.name[-1].line != r.name[0].line else None
    return RawCell(text=text, provenance=ctx.prov(r.name[0].line, raw, end_line=end))


def _split_line(text: str) -> tuple[list[str], list[str]]:
    """(leading words, trailing numbers) of a printed line."""
    toks = text.split()
    k = len(toks)
    while k > 0 and is_number(toks[k - 1]):
        k -= 1
    return toks[:k], toks[k:]


def _assemble_rows(data: list[Line], n: int) -> list[Row]:
    """Group printed lines into logical rows: a code or a label starts a row; a name can wrap."""
    rows: list[Row] = []
    for ln in data:
        words, numbers = _split_line(ln.text)
        cur = rows[-1] if rows else None
        starts_code = bool(words) and is_code(words[0])
        lone_code = not words and len(numbers) == 1 and is_code(numbers[0])
        if lone_code and (cur is None or not cur.values or len(cur.values) >= n):
            rows.append(Row(code=Tok(numbers[0], ln.no), lines=[ln.no]))
            continue
        if cur is None or starts_code or (words and cur.values):
            cur = Row(lines=[ln.no])
            rows.append(cur)
            if starts_code:
                # 类/款/项 printed apart ("201 03 01 行政运行"): one joined code, raw kept.
                k = 1
                while (
                    k < min(len(words), CODE_PARTS)
                    and len(words[0]) == CLASS_DIGITS
                    and re.fullmatch(r"\d{2}", words[k])
                ):
                    k += 1
                cur.code = Tok("".join(words[:k]), ln.no, " ".join(words[:k]) if k > 1 else None)
                words = words[k:]
        elif not words and cur.values and len(cur.values) >= n:
            cur = Row(lines=[ln.no])  # numbers with no row to belong to
            rows.append(cur)
        elif ln.no not in cur.lines:
            cur.lines.append(ln.no)
        if words:
            cur.name.append(Tok("".join(words), ln.no))
        cur.values.extend(Tok(t, ln.no) for t in numbers)
    return rows


def _mergeable(a: str, b: str) -> str | None:
    """The number two fragments form when a line break split it, else None."""
    if b.startswith("-") or ("." in a and "." in b):
        return None
    if "." in a and not a.endswith(".") and "." in b:
        return None
    joined = a + b
    return joined if _VALID_NUMBER_RE.match(joined) else None


def _first_is_sum(values: list[str]) -> bool | None:
    read = [decimal(v) for v in values]
    nums = [x for x in read if x is not None]
    if len(nums) < SUM_MIN_VALUES or len(nums) < len(read):
        return None
    tol = SUM_SLACK_PER_VALUE * len(nums)
    return abs(nums[0] - sum(nums[1:])) <= tol


def _rejoin_broken_numbers(ctx: Context, rows: list[Row], n: int) -> None:
    """Rejoin a number split by a line break, only when that makes the row consistent.

    Consistent means: exactly one line boundary inside the row's values can be
    joined, the row then has exactly ``n`` values, and, when every complete row of
    the table has its first value equal to the sum of the others, so does this one.
    """
    complete = [r for r in rows if len(r.values) == n]
    checks = [_first_is_sum([v.text for v in r.values]) for r in complete]
    first_is_total = len(checks) >= SUM_MIN_ROWS and all(c is True for c in checks)
    for r in rows:
        if len(r.values) != n + 1:
            continue
        options: list[tuple[int, str]] = []
        for i in range(len(r.values) - 1):
            a, b = r.values[i], r.values[i + 1]
            if a.line != b.line:
                joined = _mergeable(a.text, b.text)
                if joined is not None:
                    options.append((i, joined))
        if len(options) != 1:
            ctx.warn(
                "broken-number-unresolved",
                f"第 {r.first_line} 行：数值个数比栏次多 1 个，可能有数字被换行拆开，但无法唯一确定如何合并，按原样保留",
                r.first_line,
            )
            continue
        i, joined = options[0]
        a, b = r.values[i], r.values[i + 1]
        merged = [v.text for v in r.values[:i]] + [joined] + [v.text for v in r.values[i + 2 :]]
        identity = ""
        if first_is_total:
            if _first_is_sum(merged) is not True:
                ctx.warn(
                    "broken-number-unresolved",
                    f"第 {a.line} 行：“{a.text}”与下一行“{b.text}”合并后本行合计不等于各项之和，未合并",
                    a.line,
                )
                continue
            identity = "，且首列等于其余各列之和"
        r.values[i : i + 2] = [Tok(joined, a.line)]
        r.raw_values[i] = f"{a.text}\n{b.text}"
        r.end_lines[i] = b.line
        r.notes[i] = (
            f"数字被换行拆开：第 {a.line} 行“{a.text}”与第 {b.line} 行“{b.text}”合并为 {joined}；"
            f"合并后本行恰有 {n} 个数值{identity}"
        )
