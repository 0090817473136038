"""Placement inference for left-packed rows (budgetlint.recognise.placement).

The laocheng rows are copied by hand from examples/2024-laocheng-zwfw-budget.txt:
the 支出表 (lines 235–243) prints 208 05 01 and 208 05 02 left-packed, while the
一般公共预算支出表 (lines 299–307) prints the same rows with the gap:
``5.50 5.50 _ 5.17 0.33`` and ``4.29 4.29 _ 4.29``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.model import Cell, Column, Provenance, Row, Table
from budgetlint.recognise import placement
from budgetlint.recognise.placement import equations_for, infer_placements

PATH = "examples/2024-laocheng-zwfw-budget.txt"
EXPENSE_COLS = [
    "total",
    "basic",
    "basic.personnel.wages",
    "basic.personnel.family",
    "basic.public.goods",
    "basic.public.capital",
    "project",
    "project.operating",
    "project.specific",
]


def _row(key: str, label: str, line: int, values: list[str | None], cols: list[str], kind: str = "functional") -> Row:
    """A recognised row as a positional recogniser builds it: value i in column i, blanks elsewhere."""
    prov = Provenance(path=PATH, line=line, row=key)
    cells = []
    for col, text in zip(cols, values + [None] * (len(cols) - len(values))):
        if text is None:
            cells.append(Cell(column=col, raw="", state="blank", provenance=prov.model_copy(update={"column": col})))
        else:
            d = Decimal(text)
            cells.append(
                Cell(
                    column=col,
                    raw=text,
                    value=d,
                    decimals=max(0, -d.as_tuple().exponent),
                    state="value",
                    provenance=prov.model_copy(update={"column": col, "raw": text}),
                )
            )
    return Row(key=key, kind=kind, label=label, cells=cells, provenance=prov)


def _table(kind: str, cols: list[str], rows: list[Row]) -> Table:
    return Table(
        id="t1",
        kind=kind,
        title="test",
        precision=2,
        columns=[Column(key=c, index=5 + i) for i, c in enumerate(cols)],
        rows=rows,
        provenance=Provenance(path=PATH, line=226),
    )


def _laocheng_expense(with_total: bool = True) -> Table:
    _ = None
    rows = []
    if with_total:
        rows.append(
            _row(
                "total",
                "合计",
                235,
                ["2301.43", "1743.43", "1721.29", "9.46", "12.68", _, "558.00", "558.00"],
                EXPENSE_COLS,
                "total",
            )
        )
    rows += [
        _row(
            "unit:045",
            "洛阳市老城区政务服务和大数据管理局",
            236,
            ["2301.43", "1743.43", "1721.29", "9.46", "12.68", _, "558.00", "558.00"],
            EXPENSE_COLS,
            "unit",
        ),
        _row("2010301", "行政运行", 237, ["1682.25", "1682.25", "1669.90", _, "12.35"], EXPENSE_COLS),
        _row("2010302", "一般行政管理事务", 238, ["558.00", _, _, _, _, _, "558.00", "558.00"], EXPENSE_COLS),
        _row("2080501", "行政单位离退休", 239, ["5.50", "5.50", "5.17", "0.33"], EXPENSE_COLS),
        _row("2080502", "事业单位离退休", 240, ["4.29", "4.29", "4.29"], EXPENSE_COLS),
        _row("2080505", "机关事业单位基本养老保险缴费支出", 241, ["18.64", "18.64", "18.64"], EXPENSE_COLS),
        _row("2101101", "行政单位医疗", 242, ["16.64", "16.64", "16.64"], EXPENSE_COLS),
        _row("2210201", "住房公积金", 243, ["16.11", "16.11", "16.11"], EXPENSE_COLS),
    ]
    return _table("expense", EXPENSE_COLS, rows)


def _values(row: Row) -> dict[str, str]:
    return {c.column: c.raw for c in row.cells if c.state == "value"}


def test_laocheng_expense_rows_are_placed_by_column_sums():
    table = _laocheng_expense()
    warnings = infer_placements(table)

    r1, r2 = table.row("2080501"), table.row("2080502")
    assert _values(r1) == {
        "total": "5.50",
        "basic": "5.50",
        "basic.personnel.family": "5.17",
        "basic.public.goods": "0.33",
    }
    assert _values(r2) == {"total": "4.29", "basic": "4.29", "basic.personnel.family": "4.29"}
    # The rows that were already right stay where they were (wages: 1721.29 = 1669.90+18.64+16.64+16.11).
    for key in ("2080505", "2101101", "2210201"):
        assert set(_values(table.row(key))) == {"total", "basic", "basic.personnel.wages"}

    placed = [w for w in warnings if w.code == "placed-by-inference"]
    assert {w.provenance.line for w in placed} == {239, 240}
    assert not [w for w in warnings if w.code == "ambiguous-row"]


def test_moved_cells_say_so_and_keep_their_values():
    table = _laocheng_expense()
    infer_placements(table)
    row = table.row("2080501")
    family = row.cell("basic.personnel.family")
    assert family.value == Decimal("5.17") and family.raw == "5.17"
    assert family.provenance.inferred is True
    assert family.provenance.column == "basic.personnel.family"
    assert "勾稽" in family.provenance.note and "合计" in family.provenance.note
    # One cell per column after the move; the vacated wages column is blank.
    assert len({c.column for c in row.cells}) == len(row.cells) == len(EXPENSE_COLS)
    assert row.cell("basic.personnel.wages").state == "blank"
    # Unmoved cells are not marked as inferred.
    assert row.cell("total").provenance.inferred is False


def test_rows_with_a_gap_are_trusted_even_when_wrong():
    table = _laocheng_expense()
    # A value typed into the wrong column of a row with a gap: a real error, must stay.
    wrong = _row("2010303", "机关服务", 250, ["7.00", "7.00", None, None, None, None, None, "7.00"], EXPENSE_COLS)
    table.rows.append(wrong)
    infer_placements(table)
    assert _values(table.row("2010303")) == {"total": "7.00", "basic": "7.00", "project.operating": "7.00"}
    assert all(not c.provenance.inferred for c in table.row("2010303").cells)


def test_without_a_total_row_the_row_is_ambiguous_and_left_as_printed():
    table = _laocheng_expense(with_total=False)
    warnings = infer_placements(table)
    amb = [w for w in warnings if w.code == "ambiguous-row"]
    assert amb, "several placements satisfy the row identities; nothing decides between them"
    assert all("按原样保留" in w.message for w in amb)
    assert _values(table.row("2080501")) == {
        "total": "5.50",
        "basic": "5.50",
        "basic.personnel.wages": "5.17",
        "basic.personnel.family": "0.33",
    }
    assert not [w for w in warnings if w.code == "placed-by-inference"]


def test_table_that_adds_up_as_printed_is_untouched():
    cols = ["total", "basic", "project", "remit", "business", "subsidy"]
    _ = None
    table = _table(
        "final_expense",
        cols,
        [
            _row("total", "合计", 10, ["92.99", "56.94", "36.05", "0", "0", "0"], cols, "total"),
            _row("2010301", "行政运行", 11, ["56.94", "56.94"], cols),
            _row("2010302", "一般行政管理事务", 12, ["36.05", _, "36.05"], cols),
        ],
    )
    assert infer_placements(table) == []
    assert _values(table.row("2010301")) == {"total": "56.94", "basic": "56.94"}


def test_final_expense_row_placed_in_project_column():
    """Hand-made 决算 row: 一般行政管理事务 36.06 is all 项目支出 (xigong 公开03表 line 273)."""
    cols = ["total", "basic", "project", "remit", "business", "subsidy"]
    table = _table(
        "final_expense",
        cols,
        [
            _row("total", "合计", 265, ["93.00", "56.94", "36.06", "0", "0", "0"], cols, "total"),
            _row("2010301", "行政运行", 271, ["56.94", "56.94", "0", "0", "0", "0"], cols),
            _row("2010302", "一般行政管理事务", 273, ["36.06", "36.06"], cols),  # printed left-packed
        ],
    )
    warnings = infer_placements(table)
    assert _values(table.row("2010302")) == {"total": "36.06", "project": "36.06"}
    assert [w.code for w in warnings] == ["placed-by-inference"]
    assert "项目支出" in warnings[0].message


def test_row_identity_rejects_impossible_placements():
    # total = basic + project + …: 5.00 5.00 3.00 cannot be placed without breaking it → ambiguous.
    cols = ["total", "basic", "project", "remit", "business", "subsidy"]
    table = _table(
        "final_expense",
        cols,
        [
            _row("total", "合计", 1, ["5.00", "5.00", "0", "0", "0", "0"], cols, "total"),
            _row("2010301", "行政运行", 2, ["5.00", "5.00", "3.00"], cols),
        ],
    )
    warnings = infer_placements(table)
    assert [w.code for w in warnings] == ["ambiguous-row"]
    assert "勾稽" in warnings[0].message
    assert _values(table.row("2010301")) == {"total": "5.00", "basic": "5.00", "project": "3.00"}


def test_rounding_tolerance_in_row_identity():
    # Three printed items: tolerance 3 × 0.005 = 0.015. 10.01 vs 5.00+5.00 holds; 10.02 does not.
    eqs = equations_for("final_expense", ["total", "basic", "project", "remit", "business", "subsidy"])
    placed = {"total": Decimal("10.01"), "basic": Decimal("5.00"), "project": Decimal("5.00")}
    assert all(placement._holds(e, placed, Decimal("0.005")) for e in eqs)
    placed["total"] = Decimal("10.02")
    assert not all(placement._holds(e, placed, Decimal("0.005")) for e in eqs)


def test_equations_expand_missing_subtotal_columns():
    eqs = equations_for("expense", EXPENSE_COLS)
    texts = {e.text for e in eqs}
    assert "合计=基本支出+项目支出" in texts
    assert "基本支出=工资福利支出+对个人和家庭的补助+商品和服务支出+资本性支出" in texts
    assert "项目支出=其他运转类+特定目标类" in texts
    # An identity whose right side is not printed at all is not used.
    assert [e.text for e in equations_for("expense", ["total", "basic", "project"])] == ["合计=基本支出+项目支出"]


def test_search_is_capped(monkeypatch):
    monkeypatch.setattr(placement, "MAX_NODES", 10)
    table = _laocheng_expense()
    warnings = infer_placements(table)
    assert warnings and all(w.code == "ambiguous-row" for w in warnings)
    assert any("上限" in w.message for w in warnings)
    assert _values(table.row("2080501"))["basic.personnel.wages"] == "5.17"  # untouched


@pytest.mark.parametrize("kind", [None, "unknown_kind", "income", "three_public", "final_gov_fund"])
def test_never_raises_on_other_kinds(kind):
    table = _laocheng_expense()
    table.kind = kind
    infer_placements(table)  # identities differ or are absent: must simply not fail


def _full(key: str, sums: dict[str, Decimal], kind: str = "functional") -> Row:
    return _row(key, key, 1, [str(sums[c]) for c in EXPENSE_COLS], EXPENSE_COLS, kind)


def test_many_rows_under_printed_parents_are_all_placed():
    """40 left-packed 项 rows under 10 款 rows printed in full: each 款 group decides its rows."""
    import random

    rng = random.Random(7)
    leaf_cols = [
        "basic.personnel.wages",
        "basic.personnel.family",
        "basic.public.goods",
        "project.operating",
        "project.specific",
    ]
    zero = {c: Decimal("0.00") for c in EXPENSE_COLS}
    total, rows, truth = dict(zero), [], {}
    for g in range(10):
        part, kids = dict(zero), []
        for j in range(4):
            v = Decimal(rng.randint(100, 99999)) / 100
            col = rng.choice(leaf_cols)
            mid = "basic" if col.startswith("basic") else "project"
            key = f"201{g + 1:02d}{j + 1:02d}"
            truth[key] = {"total", mid, col}
            for c in ("total", mid, col):
                part[c] += v
                total[c] += v
            kids.append(_row(key, key, 1, [str(v)] * 3, EXPENSE_COLS))
        rows += [_full(f"201{g + 1:02d}", part)] + kids
    table = _table("expense", EXPENSE_COLS, [_full("total", total, "total")] + rows)
    warnings = infer_placements(table)
    assert not [w for w in warnings if w.code == "ambiguous-row"]
    for key, cols in truth.items():
        assert set(_values(table.row(key))) == cols, key


def _zero_rows(n: int) -> list[Row]:
    """Left-packed 项 rows printing 0.00 three times (a zero in any placement)."""
    return [_row(f"20103{50 + i}", f"其他事务{i}", 300 + i, ["0.00", "0.00", "0.00"], EXPENSE_COLS) for i in range(n)]


def test_rows_of_zeros_do_not_hide_the_rows_the_sums_can_place(monkeypatch):
    """Twenty rows of zeros fit anywhere: searched with the others, their placements multiplied
    past the cap and left 208 05 01/02 unplaced too (a table that had nothing else wrong)."""
    calls = []
    real = placement._search

    def counting(live, *args):
        calls.append(len(live))
        return real(live, *args)

    monkeypatch.setattr(placement, "_search", counting)
    monkeypatch.setattr(placement, "MAX_NODES", 2_000)  # the laocheng rows alone need ~100 placements
    table = _laocheng_expense()
    table.rows[3:3] = _zero_rows(20)
    warnings = infer_placements(table)
    assert calls, "the table went to the search"
    assert not any("上限" in w.message for w in warnings)
    assert _values(table.row("2080501")) == {
        "total": "5.50",
        "basic": "5.50",
        "basic.personnel.family": "5.17",
        "basic.public.goods": "0.33",
    }
    assert _values(table.row("2080502")) == {"total": "4.29", "basic": "4.29", "basic.personnel.family": "4.29"}
    # a row of zeros has no one place, and says so
    zero_warnings = [w for w in warnings if "其他事务" in w.message]
    assert len(zero_warnings) == 20 and all(w.code == "ambiguous-row" for w in zero_warnings)


def test_a_table_whose_only_unplaced_rows_are_zeros_is_judged_by_its_sums():
    """Nothing left to search but zeros: the sums of the table as it stands decide. Without
    208 05 01/02 the 合计 row's 9.46 of 对个人和家庭的补助 has no parts, so no placement of
    the zeros can make the columns add up, and each row says that."""
    table = _laocheng_expense()
    table.rows = [r for r in table.rows if r.key not in ("2080501", "2080502")]
    table.rows[3:3] = _zero_rows(3)
    warnings = infer_placements(table)
    zero_warnings = [w for w in warnings if "其他事务" in w.message]
    assert len(zero_warnings) == 3
    assert all("没有一种摆放能使各列之和与合计行（或上级科目）相符" in w.message for w in zero_warnings)


def test_groups_no_sum_ties_together_are_searched_apart(monkeypatch):
    """No 合计 row: each 款 row in full ties only its own two 项 rows. Twenty-one such groups
    searched as one multiplied their placements (2²⁰ before the first group's rows could change)
    and hit the cap, leaving the one group that has a single answer unplaced too."""
    monkeypatch.setattr(placement, "MAX_NODES", 20_000)
    zero = {c: Decimal("0.00") for c in EXPENSE_COLS}

    def parent(key: str, **amounts: str) -> Row:
        sums = dict(zero)
        for col, text in amounts.items():
            sums[col] = Decimal(text)
        sums["basic"] = sum((sums[c] for c in EXPENSE_COLS if c.startswith("basic.")), Decimal(0))
        sums["total"] = sums["basic"]
        return _full(key, sums)

    rows = [  # the group with one answer: 5.00 is the wages, 3.00 the goods
        parent("20101", **{"basic.personnel.wages": "5.00", "basic.public.goods": "3.00"}),
        _row("2010101", "甲", 2, ["5.00", "5.00", "5.00"], EXPENSE_COLS),
        _row("2010102", "乙", 3, ["3.00", "3.00", "3.00"], EXPENSE_COLS),
    ]
    for g in range(2, 22):  # twenty groups whose two equal rows may swap: two answers each
        rows += [
            parent(f"201{g:02d}", **{"basic.personnel.wages": "4.29", "basic.personnel.family": "4.29"}),
            _row(f"201{g:02d}01", "丙", 4, ["4.29", "4.29", "4.29"], EXPENSE_COLS),
            _row(f"201{g:02d}02", "丁", 5, ["4.29", "4.29", "4.29"], EXPENSE_COLS),
        ]
    table = _table("expense", EXPENSE_COLS, rows)
    warnings = infer_placements(table)
    assert not any("上限" in w.message for w in warnings)
    assert set(_values(table.row("2010101"))) == {"total", "basic", "basic.personnel.wages"}
    assert set(_values(table.row("2010102"))) == {"total", "basic", "basic.public.goods"}
    swapped = [w for w in warnings if "至少有 2 种摆放" in w.message]
    assert len(swapped) == 40  # the equal rows are rightly left as printed, each saying why
