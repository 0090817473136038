"""The rule expression parser: what it accepts, what it refuses, and that it only ever raises RuleError."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.engine import expr as E
from budgetlint.errors import RuleError


def test_address_with_dotted_column_and_row_key():
    node = E.parse("expense[2010301].basic.personnel.wages")
    assert node == E.Addr("expense", "2010301", "basic.personnel.wages")


def test_second_copy_and_item_keys():
    assert E.parse("expense#2[total].total") == E.Addr("expense#2", "total", "total")
    assert E.parse("income_expense_summary[in.grand_total].amount").row == "in.grand_total"
    assert E.parse("income[unit:045001].total").row == "unit:045001"


def test_precedence_sum_binds_tighter_than_comparison_and_and():
    node = E.parse("a[1].x == a[2].x + a[3].x and not a[4].x < 2")
    assert isinstance(node, E.BinOp) and node.op == "and"
    left = node.left
    assert left.op == "==" and isinstance(left.right, E.BinOp) and left.right.op == "+"
    assert isinstance(node.right, E.Not)


def test_subtraction_is_left_associative():
    node = E.parse("1 - 2 - 3")
    assert node.op == "-" and node.left.op == "-" and node.right == E.Num(Decimal(3))


def test_function_call_list_and_strings():
    node = E.parse('contains_any(text(it), ["XX", "××"])')
    assert isinstance(node, E.Call) and node.name == "contains_any"
    assert node.args[1] == E.ListLit((E.Str("XX"), E.Str("××")))


def test_list_literal_after_space_is_not_a_row_selector():
    assert isinstance(E.parse("sum([1, 2])"), E.Call)


@pytest.mark.parametrize(
    "src",
    [
        "",
        "expense[",
        "expense[total",
        "expense[].total",
        "a == b == c",
        "(1 + 2",
        "1 +",
        "foo(1,",
        "expense[total].",
        "x.__class__",
        "1 ; 2",
        "expense[tot al].total",
        "#2",
        "expense#2",
        "[total].x",
        "'unterminated",
    ],
)
def test_bad_expressions_raise_rule_error(src):
    with pytest.raises(RuleError):
        E.parse(src)


def test_unknown_function_parses_but_is_refused_when_a_rule_compiles():
    from budgetlint.engine.rules import Rule

    assert isinstance(E.parse("__import__('os')"), E.Call)
    rule = Rule(
        id="X1",
        title="t",
        severity="error",
        check="__import__('os') == 1",
        message="m",
        rationale="r",
        examples=[{"expect": "pass"}, {"expect": "fail"}],
    )
    with pytest.raises(RuleError, match="未知的函数"):
        rule.compile()


def test_attribute_access_on_a_name_is_not_possible():
    # "x.y" parses only as an address column path after a row selector; a bare name cannot be followed by "."
    with pytest.raises(RuleError):
        E.parse("it.title")


def test_size_limits():
    with pytest.raises(RuleError):
        E.parse("1 + " * 2000 + "1")
    with pytest.raises(RuleError):
        E.parse("(" * 100 + "1" + ")" * 100)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=120))
def test_parser_never_raises_anything_but_rule_error(src):
    try:
        E.parse(src)
    except RuleError:
        pass


_TOKENS = st.sampled_from(
    [
        "expense",
        "[",
        "]",
        "*",
        "total",
        ".",
        "basic",
        "(",
        ")",
        "+",
        "-",
        "==",
        "<=",
        "and",
        "or",
        "not",
        "sum",
        "children",
        ",",
        "1.5",
        "'x'",
        "@functional",
        "#2",
        " ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, max_size=30))
def test_parser_on_token_soup_raises_only_rule_error(tokens):
    try:
        E.parse("".join(tokens))
    except RuleError:
        pass
