"""The 绩效目标表: only their amounts. ``build_performance`` reads the 项目绩效目标表
(project_performance), ``build_dept_summary`` the 预算情况 block of the 部门（单位）整体绩效目标表
(dept_performance, see the end of this module).

项目绩效目标表 (project_performance): the amount columns only.

The table prints, per project, its code, name, (category,) four amount columns
(资金总额 / 政府预算资金 / 财政专户管理资金 / 单位资金) and then the
performance indicators: pairs of 三级指标 / 指标值 that run over several
printed lines (``运维成本 | ≤20万元``). The indicators are words, not amounts
(``≤20万元`` is a target, not money): they never become cells.

Rows, in printed order:

* a blank-led row with amounts before any unit or project: the 合计 row, ``total``;
* a 3- or 6-digit code (``045``, ``045001``): a unit row, ``unit:<code>``;
* a project code (15+ digits, OCR spaces allowed, starting with the region's
  non-zero digit: ``41030223000000001209``): a project row, ``p1``, ``p2`` … in
  printed order (docs/design.md), label = project name (wrapped name lines joined);
* a line with no code that continues the project above (indicator lines, the
  wrapped end of a name): folded into that project, never a row of its own;
* any other line holding amounts (an OCR-broken code such as ``410726240`` /
  ``000000024 803``): kept as a row without key (no facts) and reported.

A project or unit row whose 资金总额 is printed blank while another amount
column holds a value is not trusted either (its columns slid): no key.
"""

from __future__ import annotations

import re

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import Column, ParseWarning, Provenance, RawCell, RawTable, Row, Table
from budgetlint.numbers import parse_number, unit_from_word
from budgetlint.recognise.cells import make_cell, where
from budgetlint.recognise.vocab import column_vocab

_SPACE_RE = lazy_compile(r"\s+")
_DIGITS_RE = lazy_compile(r"^\d+$")
_TOTAL_WORDS = ("合计", "总计")
_PROJECT_CODE_MIN = 15


def _squash(text: str) -> str:
    return _SPACE_RE.sub("", text or "")


def _text(row: list[RawCell], j: int) -> str:
    return row[j].text if j < len(row) else ""


def _code(row: list[RawCell]) -> str | None:
    """Digits of the first cell (OCR spaces removed), or None when it is not a code."""
    s = _squash(_text(row, 0))
    return s if _DIGITS_RE.match(s) else None


def _is_unit_code(code: str) -> bool:
    return len(code) in (3, 6)


def _is_project_code(code: str) -> bool:
    return len(code) >= _PROJECT_CODE_MIN and code[0] != "0"


def _is_decimal(text: str) -> bool:
    p = parse_number(text)
    return p is not None and p.decimals > 0


def _first_data_row(rows: list[list[RawCell]]) -> int:
    """The first row led by a code of 3+ digits, or blank-led with a decimal among its first cells."""
    for i, row in enumerate(rows):
        code = _code(row)
        if code is not None and len(code) >= 3:
            return i
        if not _text(row, 0).strip() and any(_is_decimal(c.text) for c in row[:6]):
            return i
    return len(rows)


def _amount_columns(header: list[list[RawCell]], data: list[list[RawCell]]) -> tuple[dict[str, int], str]:
    """Column index per amount key, from the header words; else from the first decimal of the data."""
    vocab = column_vocab("project_performance")
    found: dict[str, int] = {}
    for row in header:
        for j, cell in enumerate(row):
            leaf = _squash(cell.text)
            if not leaf:
                continue
            for rule in vocab.headers:
                if rule.key not in found and any(w in leaf for w in rule.words):
                    found[rule.key] = j
                    break
    if "total" in found:
        return dict(sorted(found.items(), key=lambda kv: kv[1])), "金额列按表头识别（资金总额等），指标列为文字，不解析"
    for row in data:
        start = next((j for j, c in enumerate(row) if _is_decimal(c.text)), None)
        if start is not None:
            cols = {key: start + k for k, key in enumerate(vocab.standard)}
            return cols, "表头无法识别，按首个金额所在列和该表的标准列顺序识别金额列，指标列为文字，不解析"
    return {}, "没有找到金额列"


_BRACKET_UNIT_RE = lazy_compile(r"[（(]\s*(万\s*元|亿\s*元|元)\s*[)）]")


def _unit_from_header(table: Table, cells: list[RawCell]) -> None:
    """``项目金额（万元）`` / ``部门预算总额（万元）`` state the unit when the caption does not."""
    if table.unit_stated:
        return
    for cell in cells:
        m = _BRACKET_UNIT_RE.search(cell.text)
        if m:
            unit = unit_from_word(m.group(1))
            if unit is not None:
                table.unit, table.unit_stated = unit, True
                return


def _has_amount(row: list[RawCell], cols: dict[str, int]) -> bool:
    return any(_text(row, j).strip() for j in cols.values())


class _Pending:
    """A logical row being assembled (a project's name can wrap onto following lines)."""

    def __init__(self, key: str | None, kind: str, row: list[RawCell], problem: str | None):
        self.key = key
        self.kind = kind
        self.row = row
        self.name_parts = [_text(row, 1).strip()] if _text(row, 1).strip() else []
        self.problem = problem
        self.end_line: int | None = None


def build_performance(raw: RawTable, table: Table, warnings: list[ParseWarning]) -> None:
    """Fill ``table.columns`` and ``table.rows`` with the amount columns of a 项目绩效目标表."""
    rows = raw.rows
    split = _first_data_row(rows)
    header, data = rows[:split], rows[split:]
    cols, how = _amount_columns(header, data)
    table.kind_reason += f"；{how}"
    if not cols:
        return
    _unit_from_header(table, [c for r in header for c in r])
    first_amount = min(cols.values())
    table.columns = [
        Column(key=key, index=j, header=[_squash(_text(r, j)) for r in header if _squash(_text(r, j))])
        for key, j in cols.items()
    ]
    pending: list[_Pending] = []
    seen_item = False  # a unit or project row was seen (a blank-led row after that is no 合计)
    projects = 0
    for row in data:
        if not any(c.text.strip() for c in row):
            continue
        code = _code(row)
        lead = [_squash(_text(row, j)) for j in range(first_amount)]
        amounts = _has_amount(row, cols)
        if any(t in _TOTAL_WORDS for t in lead) or (not seen_item and not any(lead) and amounts):
            pending.append(_Pending("total", "total", row, None))
            continue
        if code is not None and _is_unit_code(code) and amounts:
            seen_item = True
            pending.append(_Pending(f"unit:{code}", "unit", row, None))
            continue
        if code is not None and _is_project_code(code):
            seen_item = True
            projects += 1
            pending.append(_Pending(f"p{projects}", "project", row, None))
            continue
        current = pending[-1] if pending else None
        if not _text(row, 0).strip() and not amounts and current is not None and current.kind == "project":
            # The wrapped end of the project's name (indicator words sit right of the amounts).
            tail = _text(row, 1).strip()
            if tail:
                current.name_parts.append(tail)
            current.end_line = row[0].provenance.line if row else None
            continue
        if any(re.search(r"\d", _text(row, j)) for j in cols.values()):
            problem = (
                "项目编码无法识别（可能被 OCR 拆成几行）" if code or _text(row, 0).strip() else "没有单位或项目编码"
            )
            pending.append(_Pending(None, "item", row, problem))
        # Other lines (indicator text under a unit row, code fragments without amounts) hold no amounts.
    if not _summary_layout(pending):
        # Not the 汇总表 layout this reads (unit and project codes down the left): other regions
        # print one small table per project (长沙: 单位编码 106001 beside each project's name).
        # Left as words, with nothing guessed and no warnings.
        table.columns = []
        table.kind_reason += "；但没有单位或项目编码行（不是项目绩效目标汇总表的版式），按文字表处理，不解析数值"
        return
    problems: list[ParseWarning] = []
    for p in pending:
        _emit(p, cols, table, warnings, problems)
    if len(problems) <= 3:
        warnings.extend(problems)
    else:
        places = "、".join(where(w.provenance) for w in problems[:6]) + ("等" if len(problems) > 6 else "")
        warnings.append(
            ParseWarning(
                code="unkeyed-row",
                message=f"表“{table.title}”有 {len(problems)} 行无法确定单位或项目编码（{places}），这些行的金额未使用",
                provenance=problems[0].provenance,
            )
        )


def _summary_layout(pending: list[_Pending]) -> bool:
    """The 汇总表 layout: project codes down the left, or at least the department/unit pair
    (``045`` then ``045001``) that heads it even when the OCR broke every project code."""
    if any(p.kind == "project" for p in pending):
        return True
    units = [p.key.split(":", 1)[1] for p in pending if p.kind == "unit" and p.key]
    return any(len(a) == 3 and len(b) == 6 and b.startswith(a) for a in units for b in units)


def _emit(
    p: _Pending, cols: dict[str, int], table: Table, warnings: list[ParseWarning], problems: list[ParseWarning]
) -> None:
    first = p.row[0].provenance
    key = p.key
    label = "".join(p.name_parts) if p.kind != "total" else "合计"
    total_text = _text(p.row, cols["total"]).strip() if "total" in cols else ""
    if key is not None and key != "total" and not total_text and _has_amount(p.row, cols):
        key, p.problem = None, "资金总额为空而其他金额列有数，各列可能错位"
    row_prov = Provenance(
        path=table.provenance.path,
        line=first.line,
        end_line=p.end_line,
        page=first.page,
        table=table.id,
        row=key or label,
    )
    cell_warnings: list[ParseWarning] = []
    cells = [make_cell(p.row[j] if j < len(p.row) else None, col, row_prov, cell_warnings) for col, j in cols.items()]
    if key is not None:
        warnings.extend(cell_warnings)  # an unkeyed row is reported once, not cell by cell
    if p.problem and any(c.state == "value" for c in cells):
        problems.append(
            ParseWarning(
                code="unkeyed-row",
                message=f"{where(first)}{p.problem}，该行金额未使用",
                provenance=Provenance(
                    path=table.provenance.path,
                    line=first.line,
                    page=first.page,
                    table=table.id,
                    raw=" | ".join(c.text for c in p.row[: max(cols.values()) + 1]),
                ),
            )
        )
    table.rows.append(Row(key=key, kind=p.kind if key else "item", label=label, cells=cells, provenance=row_prov))


# ------------------------------------------------ 部门（单位）整体绩效目标表

# The 预算情况 block of the 整体绩效目标表: a label cell, then its amount in the next filled cell.
# Everything else in that table (履职目标, 指标, 指标值 such as ≥99%) is words.
_SUMMARY_LABELS = (
    ("total", ("部门预算总额", "预算总额")),
    ("gov_budget", ("政府预算资金",)),
    ("special_account", ("财政专户",)),
    ("unit_funds", ("单位资金",)),
    ("basic", ("基本支出",)),
    ("project", ("项目支出",)),
)
_LABEL_MAX = 30  # a label cell, not a sentence of the 指标值说明


def _summary_key(text: str) -> str | None:
    s = _squash(text)
    if not s or len(s) > _LABEL_MAX:
        return None
    found = [key for key, words in _SUMMARY_LABELS if any(w in s for w in words)]
    # "1、资金来源:(1)政府预算资金" names one item; a cell naming two is not a label.
    return found[0] if len(found) == 1 else None


_BLOCK_ROWS = 10  # the 预算情况 block prints 部门预算总额, 资金来源 (3 items), 资金结构 (2 items)


def _budget_block(rows: list[list[RawCell]]) -> list[list[RawCell]]:
    """The rows of the 预算情况 block: from the 部门预算总额 (or 预算情况) row to the 指标 header."""
    start = next(
        (
            i
            for i, row in enumerate(rows)
            if any(_summary_key(c.text) == "total" or _squash(c.text) == "预算情况" for c in row)
        ),
        None,
    )
    if start is None:
        return []
    block: list[list[RawCell]] = []
    for row in rows[start : start + _BLOCK_ROWS]:
        if any(_squash(c.text) in ("一级指标", "二级指标", "三级指标") for c in row):
            break
        block.append(row)
    return block


def build_dept_summary(raw: RawTable, table: Table, warnings: list[ParseWarning]) -> None:
    """The amounts of the 预算情况 block as one row ``total`` (columns total, gov_budget, …, basic, project).

    A label whose next filled cell is a number gives that value; a label followed by
    nothing on its line is printed blank (0). A label printed twice keeps its first value
    and the second is reported; labels the OCR garbled give nothing (never a guess).
    """
    found: dict[str, RawCell | None] = {}
    first_line: int | None = None
    for row in _budget_block(raw.rows):
        for j, cell in enumerate(row):
            key = _summary_key(cell.text)
            if key is None:
                continue
            rest = [c for c in row[j + 1 :] if c.text.strip()]
            value = rest[0] if rest else None
            if value is not None and parse_number(value.text) is None and not re.search(r"\d", value.text):
                continue  # a label followed by words (a heading such as 资金结构) carries no amount here
            if value is not None and _summary_key(value.text) is not None:
                value = None  # the next filled cell is the next label: this one is blank
            if key in found:
                if value is not None and found[key] is not None:
                    warnings.append(
                        ParseWarning(
                            code="duplicate-item",
                            message=f"{where(cell.provenance)}“{_squash(cell.text)}”在整体绩效目标表中出现两次，只取第一次的金额",
                            provenance=cell.provenance,
                        )
                    )
                continue
            found[key] = value
            first_line = first_line or cell.provenance.line
    if "total" not in found:
        table.kind_reason += "；预算情况中没有找到“部门预算总额”，不解析金额"
        return
    _unit_from_header(table, [c for row in _budget_block(raw.rows) for c in row])
    order = [key for key, _ in _SUMMARY_LABELS if key in found]
    table.columns = [Column(key=key, index=k, header=[dict(_SUMMARY_LABELS)[key][0]]) for k, key in enumerate(order)]
    table.kind_reason += "；读取预算情况中的金额（部门预算总额、资金来源、资金结构），其余为文字"
    row_prov = Provenance(path=table.provenance.path, line=first_line, table=table.id, row="total")
    cells = [make_cell(found[key], key, row_prov, warnings) for key in order]
    table.rows.append(Row(key="total", kind="total", label="预算情况", cells=cells, provenance=row_prov))


__all__ = ["build_dept_summary", "build_performance"]
