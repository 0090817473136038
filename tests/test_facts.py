"""facts.flatten: one Fact per value cell, addressed <kind>[<row>].<column>."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.facts import flatten
from budgetlint.model import Unit
from budgetlint.read.text import segment
from budgetlint.recognise import recognise_all

THREE_PUBLIC = (
    "2024 年一般公共预算“三公”经费预算表\n\n单位：万元\n\n"
    "“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
    "\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
    "{row}\n\n"
)


def facts_of(text: str):
    return flatten(recognise_all([segment(text, "f.txt")]))


def test_addresses_values_and_provenance() -> None:
    facts = facts_of(THREE_PUBLIC.format(row="11.50\t\t11.50\t\t11.50\t"))
    assert [f.address for f in facts] == [
        "three_public[total].total",
        "three_public[total].vehicle",
        "three_public[total].vehicle.operation",
    ]
    f = facts[2]
    assert (f.value, f.unit, f.decimals, f.table_kind, f.row, f.column) == (
        Decimal("11.50"),
        Unit.WAN,
        2,
        "three_public",
        "total",
        "vehicle.operation",
    )
    assert f.provenance.line == 7 and f.provenance.raw == "11.50" and f.provenance.column == "vehicle.operation"
    assert f.wan == Decimal("11.50") and f.half_width_wan == Decimal("0.005")


def test_cell_printed_with_fewer_decimals_stands_for_its_own_rounding() -> None:
    # Beside 0.00 the table prints its zeros: a bare 558 has a rounder format of its own (±0.5).
    facts = facts_of(THREE_PUBLIC.format(row="558\t0.00\t\t\t\t"))
    by_address = {f.address: f for f in facts}
    assert by_address["three_public[total].total"].value == Decimal("558")
    assert by_address["three_public[total].total"].decimals == 0
    assert by_address["three_public[total].total"].half_width_wan == Decimal("0.5")
    assert by_address["three_public[total].abroad"].decimals == 2


def test_table_that_drops_trailing_zeros_keeps_its_precision_for_short_numbers() -> None:
    # 12.5 beside 545.25 and no printed trailing zero: a general number format, so 558 is 558.00.
    facts = facts_of(THREE_PUBLIC.format(row="558\t12.5\t545.25\t\t545.25\t0"))
    by_address = {f.address: f for f in facts}
    assert by_address["three_public[total].total"].decimals == 2
    assert by_address["three_public[total].abroad"].decimals == 2
    assert by_address["three_public[total].reception"].decimals == 2  # a zero is exact


def test_printed_zero_takes_table_precision() -> None:
    facts = facts_of(THREE_PUBLIC.format(row="12.30\t0\t12.30\t\t12.30\t"))
    by_address = {f.address: f for f in facts}
    assert by_address["three_public[total].abroad"].half_width_wan == Decimal("0.005")


def test_second_table_of_a_kind_is_addressed_with_suffix() -> None:
    text = THREE_PUBLIC.format(row="1.00\t\t\t\t\t") + THREE_PUBLIC.format(row="2.00\t\t\t\t\t")
    facts = facts_of(text)
    assert [(f.address, f.value) for f in facts] == [
        ("three_public[total].total", Decimal("1.00")),
        ("three_public#2[total].total", Decimal("2.00")),
    ]


def test_rows_without_key_give_no_facts_and_order_is_stable() -> None:
    text = (
        "2024年一般公共预算支出情况表\n\n"
        "科目编码\t\t\t单位代码\t单位（科目名称）\t合计\t基本支出\n"
        "\t\t\t\t合计\t10.00\t10.00\n"
        "201\t0.5\t33\t\t支出\t140.01\t\n"
        "201\t03\t01\t\t行政运行\t10.00\t10.00\n"
    )
    first = [f.address for f in facts_of(text)]
    assert first == [
        "gpb_expense[total].total",
        "gpb_expense[total].basic",
        "gpb_expense[2010301].total",
        "gpb_expense[2010301].basic",
    ]
    assert first == [f.address for f in facts_of(text)]
