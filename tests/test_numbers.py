"""Number parsing: the shapes real exports print, and properties over generated text."""

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from budgetlint.model import Unit
from budgetlint.numbers import fold, is_blank, parse_number, parse_percent, parse_unit
from budgetlint.rounding import half_ulp


@pytest.mark.parametrize(
    "text, value, decimals",
    [
        ("2301.43", "2301.43", 2),
        ("558", "558", 0),
        ("0.00", "0.00", 2),
        ("1,234.56", "1234.56", 2),
        ("12,345,678.9", "12345678.9", 1),
        ("421. 29", "421.29", 2),  # OCR space after the point (延津 example)
        ("163 . 42", "163.42", 2),  # spaces around the point
        ("497.3 1", "497.31", 2),  # a space inside the fraction (洛龙 2025 example)
        ("２３０１．４３", "2301.43", 2),  # full-width digits and point
        ("-5.00", "-5.00", 2),
        ("−5.00", "-5.00", 2),  # U+2212 minus sign
        ("－12", "-12", 0),  # full-width hyphen
        ("(3.50)", "-3.50", 2),  # accounting negative
        ("+7.1", "7.1", 1),
        (" 56.94 ", "56.94", 2),
        ("5\n6.94", "56.94", 2),  # broken across lines, already joined by the reader
        ("449.\n76", "449.76", 2),
    ],
)
def test_parses_printed_amounts(text, value, decimals):
    parsed = parse_number(text)
    assert parsed is not None, text
    assert parsed.value == Decimal(value)
    assert parsed.decimals == decimals
    assert parsed.raw == text


def test_comma_read_for_decimal_point_is_repaired_and_flagged():
    parsed = parse_number("421, 29")  # 延津 example, line 205
    assert parsed is not None and parsed.value == Decimal("421.29") and parsed.repaired


@pytest.mark.parametrize("text", ["", " ", "-", "—", "——", "－", "/", "…", None])
def test_dashes_and_empty_are_blank_not_zero(text):
    assert is_blank(text)
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["421. 2¢", "ė.", "合计", "12a", "1.2.3", "1,23.4", "3%", "١٢٣"])
def test_garbage_is_not_a_number(text):
    assert parse_number(text) is None


def test_thousands_separator_needs_groups_of_three():
    assert parse_number("1,2345") is None
    assert parse_number("12,345").value == Decimal("12345")


def test_percent():
    assert parse_percent("75.75%").value == Decimal("75.75")
    assert parse_percent("７５．７５％").value == Decimal("75.75")
    assert parse_percent("75.75") is None


@pytest.mark.parametrize(
    "caption, unit",
    [
        ("单位：万元", Unit.WAN),
        ("单位:元", Unit.YUAN),
        ("金额单位：亿元", Unit.YI),
        ("单 位： 万 元", Unit.WAN),
        ("部门名称：某局 单位：万元", Unit.WAN),
    ],
)
def test_unit_captions(caption, unit):
    assert parse_unit(caption) == unit


def test_unit_conversion_is_exact():
    assert Unit.YUAN.to_wan(Decimal("15000")) == Decimal("1.5")
    assert Unit.YI.to_wan(Decimal("1.5")) == Decimal("15000")
    assert half_ulp(2) == Decimal("0.005")


# ---------------------------------------------------------------- properties

amounts = st.decimals(
    min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2, allow_nan=False, allow_infinity=False
)


@given(amounts)
def test_roundtrip_plain(value):
    parsed = parse_number(f"{value:.2f}")
    assert parsed.value == value and parsed.decimals == 2


@given(amounts)
def test_roundtrip_thousands_separated(value):
    parsed = parse_number(f"{value:,.2f}")
    assert parsed.value == value


_FULL = str.maketrans("0123456789.-,", "０１２３４５６７８９．－，")


@given(amounts)
def test_roundtrip_full_width(value):
    parsed = parse_number(f"{value:.2f}".translate(_FULL))
    assert parsed.value == value


@given(amounts, st.data())
def test_roundtrip_with_spaces_and_breaks_inserted(value, data):
    text = f"{value:.2f}"
    pos = data.draw(st.integers(min_value=1, max_value=len(text) - 1))
    gap = data.draw(st.sampled_from([" ", "  ", "\n", " \n"]))
    parsed = parse_number(text[:pos] + gap + text[pos:])
    assert parsed is not None and parsed.value == value


@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    parsed = parse_number(text)
    if parsed is not None:
        # Whatever it accepts is built from ASCII digits after folding.
        assert all(ch.isascii() for ch in str(parsed.value))
    is_blank(text)
    parse_percent(text)
    parse_unit(text)
    fold(text)
