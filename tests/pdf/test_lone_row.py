"""A table's last row carried alone onto the next page, in its own ruled box with no header.

A one-row box is no table of its own (boxes around a paragraph are ruled too), so the row was
read as narrative and the table lost it: a 项目支出表 whose 11 projects add up to its 合计
513.60 was read with 10 (BL110 "相差 -30.00", BL520 "共11个项目 … 列出10个": false errors, from
a review re-printing 洛龙区 2023's tables as PDF with the page break before the last row). The
box is a row of that table when it is the first thing on the page and sits in the table's
columns; anywhere else it is read as printed lines, as before.
"""

from __future__ import annotations

from budgetlint.model import RawParagraph, RawTable
from budgetlint.read.pdf import _assemble, _free_lines
from budgetlint.read.pdfgrid import Char, PageLayout, Rule, find_grids

COLUMNS = [50.0, 250.0, 400.0, 550.0]
GLYPH = 10.0


def _text(s: str, x: float, top: float) -> list[Char]:
    return [Char(ch, x + i * GLYPH, top, x + (i + 1) * GLYPH, top + GLYPH, GLYPH) for i, ch in enumerate(s)]


def _box(rows: list[list[str]], top: float, xs: list[float] = COLUMNS) -> tuple[list[Char], list[Rule]]:
    """A ruled grid: every cell boxed, 20 points a line of text ("\n" wraps a cell's text onto
    a second line, as a narrow 项目名称 column does), text 5 points inside its cell."""
    heights = [20 * max(t.count("\n") + 1 for t in row) for row in rows]
    ys = [top + sum(heights[:i]) for i in range(len(rows) + 1)]
    rules = [Rule(xs[0], y, xs[-1], y, True) for y in ys] + [Rule(x, ys[0], x, ys[-1]) for x in xs]
    chars = [
        c
        for i, row in enumerate(rows)
        for j, t in enumerate(row)
        for k, line in enumerate(t.split("\n"))
        for c in _text(line, xs[j] + 5, ys[i] + 5 + 15 * k)
    ]
    return chars, rules


def _read(pages: list[tuple[list[Char], list[Rule]]]):
    layouts, grids, free, texts = [], [], [], []
    for n, (chars, rules) in enumerate(pages, start=1):
        layout = PageLayout(n, 595.0, 842.0, chars, rules)
        page_grids = find_grids(layout)
        free.append(_free_lines(layout, page_grids))
        texts.append(True)
        layouts.append(layout)
        grids.append(page_grids)
    return _assemble("x.pdf", layouts, grids, free, texts, len(pages))


HEAD = ["项目名称", "金额", "项目类别"]
FIRST = [HEAD, ["区政府值班经费", "483.60", "其他运转类"], ["专家团队经费", "30.00", "特定目标类"]]
LAST = ["12345便民热线\n办公经费", "4.25", "特定目标类"]


def _page_one():
    chars, rules = _box(FIRST, 300.0)
    return _text("2023年项目支出预算表", 200, 250) + chars, rules


def _tables(doc) -> list[RawTable]:
    return [b for b in doc.blocks if isinstance(b, RawTable)]


def test_the_last_row_alone_on_the_next_page_ends_the_table():
    chars, rules = _box([LAST], 60.0)
    (table,) = _tables(_read([_page_one(), (chars, rules)]))
    assert [[c.text for c in row] for row in table.rows] == [*FIRST, ["12345便民热线办公经费", *LAST[1:]]]
    assert table.rows[-1][1].provenance.page == 2


def test_a_boxed_row_in_other_columns_is_printed_lines():
    chars, rules = _box([["注", "本表金额单位为万元"]], 60.0, [50.0, 120.0, 550.0])
    doc = _read([_page_one(), (chars, rules)])
    (table,) = _tables(doc)
    assert len(table.rows) == len(FIRST)
    assert any("本表金额单位为万元" in b.text for b in doc.blocks if isinstance(b, RawParagraph))


def test_a_boxed_row_below_narrative_is_not_the_tables():
    chars, rules = _box([LAST], 120.0)
    doc = _read([_page_one(), (_text("二、其他需要说明的情况", 50, 60) + chars, rules)])
    (table,) = _tables(doc)
    assert len(table.rows) == len(FIRST)
    assert any("12345便民热线" in b.text for b in doc.blocks if isinstance(b, RawParagraph))


def test_a_tables_caption_repeated_at_the_top_of_every_page_is_no_running_header():
    # "部门名称：…" printed above the table of every page, inside the top edge band (A4 with an
    # 18 mm top margin puts it at 100 points): it names the table's department, which BL802
    # checks (a review's PDFs lost it: "部门名称：洛阳市西工区…" in a 老城区 document was not seen)
    pages = []
    for _ in range(4):
        chars, rules = _box(FIRST, 120.0)
        pages.append(
            (_text("部门名称：洛阳市洛龙区人民政府办公室", 50, 90) + _text("单位：万元", 450, 90) + chars, rules)
        )
    doc = _read(pages)
    assert all(any("部门名称：洛阳市洛龙区人民政府办公室" in line for line in t.caption) for t in _tables(doc))
