"""Synthetic text exports for the scale benchmarks: one 部门支出预算表 of N code rows.

The rows mimic a tab export (laocheng-style): some rows keep their empty cells (a gap,
trusted as printed), some are left-packed (values contiguous from 合计, fewer than the
columns: candidates for recognise/placement.py), some are full. Every row and the
合计 row add up, so a correct run reports no arithmetic finding in this table.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

HEADER = [
    "科目编码\t\t\t单位代码\t单位（科目名称）\t合计\t基本支出\t\t\t\t\t项目支出\t\t",
    "\t\t\t\t\t\t小计\t人员经费\t\t公用经费\t\t小计\t其他运转类\t特定目标类",
    "类\t款\t项\t工资福利支出\t对个人和家庭的补助\t商品和服务支出\t\t资本性支出\t\t\t\t\t",
]


def _row(i: int) -> tuple[str, list[Decimal | None], bool]:
    """(code, the 9 column values or None, left-packed) of data row i."""
    cls = 201 + (i // 9801) % 20
    kuan, xiang = 1 + (i // 99) % 99, 1 + i % 99
    code = f"{cls}\t{kuan:02d}\t{xiang:02d}"
    w = Decimal(10 + i % 37) + Decimal(i % 100) / 100
    g = Decimal(1 + i % 5) + Decimal(i % 7) / 100
    p = Decimal(3 + i % 11)
    kind = i % 4
    if kind == 0:  # 行政运行: wages and goods, the empty family cell kept (a gap)
        return code, [w + g, w + g, w, None, g, None, None, None, None], False
    if kind == 1:  # 离退休: personnel only, left-packed (candidate for placement); every other
        # one is 对个人和家庭的补助, which the packed row prints in the 工资福利 position
        if (i // 4) % 2:
            return code, [w, w, None, w, None, None, None, None, None], True
        return code, [w, w, w, None, None, None, None, None, None], True
    if kind == 2:  # 项目: project only, gaps kept
        return code, [p, None, None, None, None, None, p, p, None], False
    f = Decimal(i % 3)
    return code, [w + f + g + p, w + f + g, w, f, g, Decimal(0), p, p, Decimal(0)], False


def table_text(rows: int) -> str:
    data = [_row(i) for i in range(rows)]
    total = [sum((v[k] or 0 for _, v, _ in data), Decimal(0)) for k in range(9)]
    lines = ["2099 年部门支出预算表", "", "部门名称：合成测试局", "", "单位：万元", ""] + HEADER
    lines.append("\t\t\t\t合计\t" + "\t".join(f"{x:.2f}" for x in total))
    for n, (code, vals, packed) in enumerate(data):
        cells = (
            [f"{x:.2f}" for x in vals if x is not None] if packed else ["" if x is None else f"{x:.2f}" for x in vals]
        )
        lines.append(f"{code}\t\t科目{n}\t" + "\t".join(cells))
    return "\n".join(lines) + "\n"


def document_text(rows: int) -> str:
    return "2099 年合成测试局部门预算\n\n" + table_text(rows)


def write(rows: int, directory: Path) -> Path:
    path = directory / f"synthetic-{rows}-rows-budget.txt"
    path.write_text(document_text(rows), encoding="utf-8")
    return path


def write_xlsx(rows: int, directory: Path) -> Path:
    """The same document as a spreadsheet, each tab-separated cell in its own cell, amounts as
    numbers. A spreadsheet keeps its cells where they are, so the left-packed rows stay where the
    text put them: the table's sums fail on those rows, and the check goes through the diagnosis
    (the path a large spreadsheet with a wrong cell takes)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in document_text(rows).splitlines():
        sheet.append([_number_or_text(cell) for cell in line.split("\t")])
    path = directory / f"synthetic-{rows}-rows-budget.xlsx"
    book.save(path)
    return path


def _number_or_text(cell: str) -> float | str:
    try:
        return float(cell) if "." in cell else cell
    except ValueError:
        return cell
