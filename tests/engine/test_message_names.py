"""A message names what was compared: the columns a row identity added, as the table prints
them ({right_columns}), the column whose identity failed ({left_columns}), and the line of the
table that failed ({left_label}).

BL101 adds 基本支出 (or 人员经费 + 公用经费 where no 基本支出 column is printed), 项目支出 and,
where the table has them, 单位预留机动经费 and 结转下年资金: a message saying "基本支出 + 项目支出"
of a sum that also holds the reserve would misstate what was added.
"""

from __future__ import annotations

import pytest

from budgetlint.engine import load_rules
from budgetlint.engine.examples import run_example
from budgetlint.engine.rules import Example

RULES = {r.id: r for r in load_rules(select=["BL101", "BL141", "BL304"])}


def _message(facts: dict[str, str]) -> str:
    (f,) = run_example(RULES["BL101"], Example(expect="fail", facts=facts)).findings
    return f.message


@pytest.mark.parametrize(
    "facts,named",
    [
        # 老城区 2024 支出表合计行 with 项目支出 misprinted 568.00 (printed 558.00): 1743.43 + 568.00
        (
            {"expense[total].total": "2301.43", "expense[total].basic": "1743.43", "expense[total].project": "568.00"},
            "但基本支出 + 项目支出 = 2311.43",
        ),
        # a table with a 单位预留机动经费 column: it is added and named
        (
            {"expense[total].total": "100.00", "expense[total].basic": "60.00", "expense[total].project": "30.00"}
            | {"expense[total].reserve": "5.00"},
            "但基本支出 + 项目支出 + 单位预留机动经费 = 95.00",
        ),
        # 西安 2026 审计局: no 基本支出 column, 人员经费 + 公用经费 printed instead (figures in 元)
        (
            {"gpb_expense[total].total": "40052896.08", "gpb_expense[total].basic.personnel": "31558364.40"}
            | {"gpb_expense[total].basic.public": "1985851.68", "gpb_expense[total].project": "6580680.00"},
            "但人员经费 + 公用经费 + 项目支出 = ",
        ),
    ],
)
def test_the_columns_added_are_named(facts, named):
    assert named in _message(facts)


def test_the_failing_line_of_the_summary_is_named():
    # BL304 compares the summary's 收入总计 and, where the revenue table prints it, 本年收入合计:
    # the message names the line that disagrees (hand-made facts label a row by its key)
    agree = "2301.43"
    base = {
        "income_expense_summary[in.grand_total].amount": agree,
        "income_expense_summary[in.current_total].amount": agree,
        "income[total].total": agree,
        "income[total].current.total": agree,
    }
    (f,) = run_example(
        RULES["BL304"], Example(expect="fail", facts={**base, "income[total].current.total": "2300.43"})
    ).findings
    assert f.message.startswith("收支总表“in.current_total” 2301.43")
    (f,) = run_example(
        RULES["BL304"], Example(expect="fail", facts={**base, "income[total].total": "2300.43"})
    ).findings
    assert f.message.startswith("收支总表“in.grand_total” 2301.43")


def test_the_failing_side_of_a_two_part_identity_is_named():
    # BL141: 人员经费 70.00 against 301 + 303 = 61.15 + 8.85 = 70.00 holds; 公用经费 4.50 against
    # 302 + 310 + 399 = 3.00 fails: the message names 公用经费, not "人员经费/公用经费"
    facts = {
        "gpb_basic[total].personnel": "70.00",
        "gpb_basic[total].public": "4.50",
        "gpb_basic[30101].total": "61.15",
        "gpb_basic[30302].total": "8.85",
        "gpb_basic[30201].total": "3.00",
    }
    (f,) = run_example(RULES["BL141"], Example(expect="fail", facts=facts)).findings
    assert f.message.startswith("基本支出表公用经费合计 4.50")
