"""The 决算's 财政拨款收入支出决算总表 names its expense columns by fund, each followed by 财政拨款
(一般公共预算财政拨款 | 政府性基金预算财政拨款 | 国有资本经营预算财政拨款): the fund names the
column. Read by the first word found, 财政拨款, the three were one 其中：财政拨款 column and two
unnamed ones (every 决算 PDF of the corpus: BL714/BL715/BL718 not evaluated). Figures:
examples/2023-xigong-zwfw-final.txt, 公开04: 本年支出 449.76 = 一般公共预算 349.76 + 政府性基金 100.00.
"""

from __future__ import annotations

from budgetlint.recognise import recognise_table
from tests.samples import ruled_grid

FUNDS = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
ROWS = [
    ["收入", "^", "支出", "^", "^", "^", "^"],
    ["项目", "金额", "项目", "合计", *FUNDS],
    ["一、一般公共预算财政拨款", "349.76", "", "", "", "", ""],
    ["二、政府性基金预算财政拨款", "100.00", "", "", "", "", ""],
    ["本年收入合计", "449.76", "本年支出合计", "449.76", "349.76", "100.00", ""],
    ["总计", "449.76", "总计", "449.76", "349.76", "100.00", ""],
]


def test_each_fund_names_its_column():
    grid = ruled_grid("财政拨款收入支出决算总表", ROWS, ["公开04表", "单位：万元"])
    table = recognise_table(grid, "t1", [])
    assert [c.key for c in table.columns] == ["amount", "total", "gpb", "gov_fund", "soe"]
    spent = table.row("out.current_total")
    assert spent is not None
    assert {c.column: c.raw for c in spent.cells} == {
        "total": "449.76",
        "gpb": "349.76",
        "gov_fund": "100.00",
        "soe": "",
    }


def test_a_budgets_own_fiscal_column_is_still_fiscal():
    # 一般公共预算 | 其中：财政拨款 (a budget's 财政拨款收支总表): the column under the fund is its 财政拨款
    rows = [
        ["收入", "^", "支出", "^", "^", "^"],
        ["项目", "金额", "项目", "合计", "一般公共预算", "其中：财政拨款"],
        ["本年收入合计", "449.76", "本年支出合计", "449.76", "349.76", "349.76"],
    ]
    table = recognise_table(ruled_grid("财政拨款收支预算总表", rows, ["单位：万元"]), "t1", [])
    keys = [c.key for c in table.columns]
    assert keys.index("gpb") + 1 == keys.index("gpb.fiscal")
