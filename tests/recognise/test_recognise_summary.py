"""Two-sided summary tables (收支总表, 财政拨款收支表): rows found by their labels."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.read.text import segment
from budgetlint.recognise import recognise_all
from budgetlint.recognise.summary import functional_class, normalise_label
from budgetlint.recognise.vocab import row_vocab


def test_labels_lose_numbering_and_map_to_class_codes() -> None:
    vocab = row_vocab()
    assert normalise_label("（二十一） 住房保障支出") == "住房保障支出"
    assert normalise_label("其中： 财政拨款") == "财政拨款"
    assert functional_class("一、一般公共服务", vocab) == "201"
    assert functional_class("(十) 卫生健康支出", vocab) == "210"
    assert functional_class("二十九、其他支出", vocab) == "229"
    assert functional_class("（七）文化体育旅游与传媒支出", vocab) == "207"
    assert functional_class("十八、抜助共他地区文出", vocab) is None  # OCR garble: no guess


def test_income_expense_summary_items_and_classes() -> None:
    text = (
        "2024 年部门收支预算表\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
        "一、一般公共预算\t2301.43\t一、一般公共服务\t2240.25\n"
        "其中：财政拨款\t2301.43\t二、外交\t\n"
        "\t\t八、社会保障和就业\t28.43\n"
        "本年收入合计\t2301.43\t本年支出合计\t2301.43\n"
        "上年结转结余\t\t年终结转结余\t0.00\n"
        "收入总计\t2301.43\t支出总计\t2301.43\n"
    )
    doc = recognise_all([segment(text, "s.txt")])
    (t,) = doc.tables
    got = {(r.key, c.column): c.value for r in t.rows for c in r.cells if c.state == "value"}
    assert got == {
        ("in.gpb", "amount"): Decimal("2301.43"),
        ("201", "amount"): Decimal("2240.25"),
        ("in.gpb_fiscal", "amount"): Decimal("2301.43"),
        ("208", "amount"): Decimal("28.43"),
        ("in.current_total", "amount"): Decimal("2301.43"),
        ("out.current_total", "amount"): Decimal("2301.43"),
        ("out.carryover", "amount"): Decimal("0.00"),
        ("in.grand_total", "amount"): Decimal("2301.43"),
        ("out.grand_total", "amount"): Decimal("2301.43"),
    }
    assert t.row("in.grand_total").provenance.line == 12


def test_fiscal_summary_carryover_children_and_expense_columns() -> None:
    text = (
        "2024 年财政拨款收支预算表\n\n"
        "收入\t\t支出\t\t\t\t\t\n"
        "项 目\t金 额\t项 目\t合 计\t一般公共预算\t\t政府性基金\t国有资本经营 预算\n"
        "\t\t\t\t小 计\t其中：财政拨 款\t\t\n"
        "一、本年收入\t100.00\t一、本年支出\t100.00\t100.00\t100.00\t\t\n"
        "（一）一般公共预算拨款\t100.00\t（一）一般公共服务支出\t90.00\t90.00\t90.00\t\t\n"
        "二、上年结转\t\t（二）外交支出\t\t\t\t\t\n"
        "（一）一般公共预算拨款\t5.00\t(二十一) 住房保障支出\t10.00\t10.00\t10.00\t\t\n"
        "收入合计\t105.00\t支出合计\t100.00\t100.00\t100.00\t\t\n"
    )
    (t,) = recognise_all([segment(text, "f.txt")]).tables
    assert t.kind == "fiscal_summary"
    assert {c.column: c.value for c in t.row("221").cells if c.state == "value"} == {
        "total": Decimal("10.00"),
        "gpb": Decimal("10.00"),
        "gpb.fiscal": Decimal("10.00"),
    }
    assert t.row("in.gpb").cell("amount").value == Decimal("100.00")
    assert t.row("in.carryover.gpb").cell("amount").value == Decimal("5.00")
    assert t.row("in.grand_total").cell("amount").value == Decimal("105.00")


def test_left_label_lost_by_the_export_is_inferred_from_the_right_label() -> None:
    # yanjin lines 182-184: "421. 29⇥本年支出合计⇥421. 29" — the 本年收入合计 cell is gone
    text = (
        "2024 年部门收支总体情况表\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
        "一、一般公共预算\t421. 29\t一、一般公共服务\t381.79\n"
        "\t二十一、住房保障支出\t13.56\n"
        "421. 29\t本年支出合计\t421. 29\n"
        "421. 29\t支出总计\t421. 29\n"
    )
    doc = recognise_all([segment(text, "y.txt")])
    (t,) = doc.tables
    row = t.row("in.current_total")
    assert row is not None and row.cell("amount").value == Decimal("421.29")
    assert row.cell("amount").provenance.inferred and "本年支出合计" in row.cell("amount").provenance.note
    assert t.row("in.grand_total").cell("amount").value == Decimal("421.29")
    assert t.row("221").cell("amount").value == Decimal("13.56")  # shifted expense label still read
    assert t.row("out.grand_total").cell("amount").value == Decimal("421.29")


def test_unknown_label_with_a_value_is_reported() -> None:
    text = "2024 年部门收支预算表\n\n收入\t\t支出\t\n项目\t金额\t项目\t金额\n本年收入合计\t1.00\t乱码项目\t1.00\n"
    doc = recognise_all([segment(text, "u.txt")])
    assert [w.code for w in doc.warnings] == ["unknown-row-label"]
    assert "乱码项目" in doc.warnings[0].message
