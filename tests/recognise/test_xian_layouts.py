"""西安 部门综合预算 layouts (issue 8, coverage): tables by source of funds, 专项业务经费 as
项目支出, the 收支总表 printing the expense side three times, a narrative year comparison.

Grids imitate the ruled PDF tables (every cell boxed); the amounts were read by hand off the
printed pages named in each test.
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.claims.bind import _heading_column
from budgetlint.claims.extract import extract_paragraph, paragraph_from_text
from budgetlint.engine import check_document, load_rules
from budgetlint.model import Document, DocKind, ParseWarning, RawTable, Table
from budgetlint.recognise import recognise_table
from budgetlint.recognise.kinds import classify
from tests.samples import ruled_grid


def _grid(title: str, rows: list[list[str]], caption: str = "单位：元") -> RawTable:
    return ruled_grid(title, rows, [title, caption])


def _table(raw: RawTable, warnings: list[ParseWarning] | None = None) -> Table:
    return recognise_table(raw, "t1", warnings if warnings is not None else [])


def _report(*tables: Table):
    doc = Document(path="x.pdf", paths=["x.pdf"], format="pdf", kind=DocKind.BUDGET, tables=list(tables))
    return check_document(doc, load_rules())


def _cause(report, rule_id: str) -> str | None:
    """The not-evaluated cause of a rule, None when it ran everywhere."""
    return next((n.cause for n in report.not_evaluated if n.rule_id == rule_id), None)


def _errors(report) -> list[str]:
    return [f.rule_id for f in report.findings if f.severity in ("error", "warning")]


# ------------------------------------------------------------ 支出总表 / 收入总表 by source of funds

# 西安 2022 气象局 表3 p.20 (amounts in 元)
EXPENSE_BY_SOURCE = [
    ["单位编码", "单位名称", "部门预算", "^", "^", "^", "^", "^", "^", "^", "^", "^"],
    [
        "^",
        "^",
        "合计",
        "公共预算拨款",
        "^",
        "政府性基金拨款",
        "事业收入",
        "事业单位经营收入",
        "对附属单位上缴收入",
        "上年实户资金余额",
        "其他收入",
        "上年结转",
    ],
    ["^", "^", "^", "小计", "其中：专项资金列入部门预算的项目", "^", "^", "^", "^", "^", "^", "^"],
    ["", "合计", "18999011.66", "18999011.66", "0", "0", "0", "0", "0", "0", "0", "0"],
    ["234", "西安市气象局", "18999011.66", "18999011.66", "0", "0", "0", "0", "0", "0", "0", "0"],
    ["234001", "西安市气象局", "17159700", "17159700", "0", "0", "0", "0", "0", "0", "0", "0"],
    ["234002", "西安市人工影响天气服务保障中心", "1839311.66", "1839311.66", "0", "0", "0", "0", "0", "0", "0", "0"],
]


def test_expense_table_by_source_of_funds_names_every_column_and_prints_no_basic_column():
    table = _table(_grid("2022年部门综合预算支出总表", EXPENSE_BY_SOURCE))
    assert table.kind == "expense"
    assert [c.key for c in table.columns] == [
        "total",
        "source.gpb",
        "source.gpb.special_projects",
        "source.gov_fund",
        "source.business",
        "source.operating",
        "source.subsidiary",
        "source.account_balance",
        "source.other",
        "source.carryover",
    ]
    assert table.row("unit:234002").cell("source.gpb").value == Decimal("1839311.66")
    report = _report(table)
    # the table prints no 基本支出/项目支出 columns: the rules needing them say so, nothing was misread
    for rule in ("BL101", "BL102", "BL105", "BL106"):
        assert _cause(report, rule) == "not_printed", rule


# 西安 2026 审计局 表2 p.23 (元): 合计 = 一般公共预算拨款 + 上年实户资金余额 + 其他收入
INCOME_HEADER = [
    ["单位编码", "单位名称", "部门预算", "^", "^", "^", "^", "^", "^", "^", "^", "^", "^", "^"],
    [
        "^",
        "^",
        "合计",
        "一般公共预算拨款",
        "^",
        "政府性基金拨款",
        "上级补助收入",
        "事业收入",
        "事业单位经营收入",
        "使用非财政拨款结余",
        "对附属单位上缴收入",
        "上年结转",
        "上年实户资金余额",
        "其他收入",
    ],
    ["^", "^", "^", "小计", "其中：专项资金列入部门预算项目", "^", "^", "^", "^", "^", "^", "^", "^", "^"],
]


def _income(balance: str) -> Table:
    return _table(
        _grid(
            "部门综合预算收入总表",
            INCOME_HEADER
            + [
                [
                    "合计",
                    "^",
                    "42,034,723.58",
                    "40,052,896.08",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    balance,
                    "1,000,000.00",
                ],
                [
                    "117",
                    "西安市审计局",
                    "42,034,723.58",
                    "40,052,896.08",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    balance,
                    "1,000,000.00",
                ],
                [
                    "117001",
                    "西安市审计局",
                    "42,034,723.58",
                    "40,052,896.08",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    balance,
                    "1,000,000.00",
                ],
            ],
        )
    )


def test_income_table_counts_the_account_balance_beside_this_years_income():
    table = _income("981,827.50")
    keys = [c.key for c in table.columns]
    assert "current.gpb.special_projects" in keys and "account_balance" in keys
    assert not any(k.startswith("c") and k[1:].isdigit() for k in keys), keys
    assert table.row("total").cell("account_balance").value == Decimal("981827.50")
    report = _report(table)
    assert _cause(report, "BL120") is None and "BL120" not in _errors(report)
    assert _cause(report, "BL121") == "not_printed"  # no 本年收入合计 column is printed


def test_income_table_balance_misprinted_is_found():
    report = _report(_income("918,827.50"))  # 63,000.00 元 short on every row
    assert _errors(report).count("BL120") >= 1


def test_total_printed_twice_is_one_total_not_an_unknown_column():
    # 西安 2019 安监局 表2 p.4 (万元): 总计 | 部门预算：合计 | 一般公共预算拨款 …
    table = _table(
        _grid(
            "2019年部门综合预算收入总表",
            [
                ["单位编码", "单位名称", "总计", "部门预算", "^", "^", "^", "^"],
                ["^", "^", "^", "合计", "一般公共预算拨款", "^", "上年结转", "上年实户资金余额"],
                ["^", "^", "^", "^", "小计", "其中：专项资金列入部门预算项目", "^", "^"],
                ["", "合计", "3,695.91", "3,695.91", "3,643.37", "", "11.61", "40.93"],
                ["125001", "西安市安全生产监督管理局", "2,123.93", "2,123.93", "2,080.32", "", "11.61", "32.00"],
            ],
            caption="单位：万元",
        )
    )
    keys = [c.key for c in table.columns]
    assert keys[:3] == ["total", "total.again", "current.gpb"], keys
    assert _cause(_report(table), "BL120") is None  # 3643.37 + 11.61 + 40.93 = 3695.91


# ------------------------------------------------------------ 专项业务经费 is 项目支出


def _gpb_expense(education: str) -> Table:
    # 西安 2026 审计局 表5 p.26 (元): classes 201 and 205 as printed, 合计 of those two classes
    return _table(
        _grid(
            "部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
            [
                ["功能科目编码", "功能科目名称", "合计", "人员经费支出", "公用经费支出", "专项业务经费支出", "备注"],
                ["合计", "^", "29,951,089.50", "21,523,949.82", "1,918,459.68", "6,508,680.00", ""],
                ["201", "一般公共服务支出", "29,741,089.50", "21,523,949.82", "1,858,459.68", "6,358,680.00", ""],
                ["20108", "审计事务", "29,741,089.50", "21,523,949.82", "1,858,459.68", "6,358,680.00", ""],
                ["2010801", "行政运行", "23,382,409.50", "21,523,949.82", "1,858,459.68", "", ""],
                ["2010804", "审计业务", "6,358,680.00", "", "", "6,358,680.00", ""],
                ["205", "教育支出", "210,000.00", "", "60,000.00", "150,000.00", ""],
                ["20508", "进修及培训", "210,000.00", "", "60,000.00", "150,000.00", ""],
                ["2050803", "培训支出", education, "", "60,000.00", "150,000.00", ""],
            ],
        )
    )


def test_project_column_named_by_its_xian_name_and_remarks_take_no_key():
    table = _gpb_expense("210,000.00")
    assert [c.key for c in table.columns] == ["total", "basic.personnel", "basic.public", "project"]
    report = _report(table)
    assert _cause(report, "BL101") is None and "BL101" not in _errors(report)


def test_total_against_personnel_public_and_project_can_fail():
    report = _report(_gpb_expense("201,000.00"))  # digits transposed in 培训支出's 合计
    # one printed error, one finding: BL101 on the row is reported, or folded into the parent's sum
    places = {(f.rule_id, loc.row) for f in report.findings if f.severity == "error" for loc in f.locations}
    places |= {((loc.note or "")[:5], loc.row) for f in report.findings for loc in f.related}
    assert ("BL101", "2050803") in places, places


# ------------------------------------------------------------ 收支总表 with parallel breakdowns


def test_summary_reads_the_functional_block_and_keeps_economic_blocks_out_of_its_identities():
    # 西安 2022 气象局 表1 p.18 (元), the first lines and the closing lines
    raw = _grid(
        "2022年部门综合预算收支总表",
        [
            ["收 入", "^", "支 出", "^", "^", "^", "^", "^"],
            [
                "项 目",
                "预算数",
                "支出功能分科目（按大类）",
                "预算数",
                "部门预算支出经济科目（按大类）",
                "预算数",
                "政府预算支出经济分类科目（按大类）",
                "预算数",
            ],
            [
                "一、部门预算",
                "18999011.66",
                "一、部门预算",
                "18999011.66",
                "一、部门预算",
                "18999011.66",
                "一、部门预算",
                "18999011.66",
            ],
            [
                "1、财政拨款",
                "18999011.66",
                "1、一般公共服务支出",
                "0.00",
                "1、人员经费和公用经费支出",
                "1839311.66",
                "1、机关工资福利支出",
                "3055700.00",
            ],
            [
                "(1)一般公共预算拨款",
                "18999011.66",
                "8、社会保障和就业支出",
                "44699.18",
                "(1)工资福利支出",
                "1732620.66",
                "2、机关商品和服务支出",
                "14104000.00",
            ],
            [
                "其中：专项资金列入部门预",
                "0.00",
                "10、卫生健康支出",
                "55279.20",
                "(2)商品和服务支出",
                "106691.00",
                "5、对事业单位经常性补",
                "1839311.66",
            ],
            [
                "(2)政府性基金拨款",
                "0.00",
                "19、自然资源海洋气象等支出",
                "18803323.32",
                "2、专项业务经费支出",
                "17159700.00",
                "",
                "",
            ],
            ["3、事业收入", "0.00", "20、住房保障支出", "95709.96", "3、上缴上级支出", "0.00", "", ""],
            ["其中：纳入财政专户管理的收", "0.00", "", "", "", "", "", ""],
            [
                "本年收入合计",
                "18999011.66",
                "本年支出合计",
                "18999011.66",
                "本年支出合计",
                "18999011.66",
                "本年支出合计",
                "18999011.66",
            ],
            ["上年实户资金余额", "0.00", "结转下年", "0.00", "结转下年", "0.00", "结转下年", "0.00"],
            [
                "收入总计",
                "18999011.66",
                "支出总计",
                "18999011.66",
                "支出总计",
                "18999011.66",
                "支出总计",
                "18999011.66",
            ],
        ],
    )
    warnings: list[ParseWarning] = []
    table = _table(raw, warnings)
    assert table.kind == "income_expense_summary"
    assert not [w for w in warnings if w.code == "unknown-row-label"], [w.message for w in warnings]
    keyed = {r.key: r.cell("amount").value for r in table.rows if r.key}
    assert keyed["in.gpb.special_projects"] == Decimal("0.00")
    assert keyed["in.business.special_account"] == Decimal("0.00")
    assert keyed["220"] == Decimal("18803323.32")
    assert "out.remit" not in keyed  # 上缴上级支出 of the economic block: a line of that breakdown only
    assert not any(k.startswith("out.current_total#") for k in keyed)
    details = [r.label for r in table.rows if r.kind == "detail"]
    assert "一、部门预算" in details and "2、专项业务经费支出" in details
    report = _report(table)
    # 本年收入合计 = 财政拨款 + 事业收入 (其中 lines not added again): 18999011.66
    assert _cause(report, "BL205") is None and "BL205" not in _errors(report)


# ------------------------------------------------------------ a narrative table of two years


def test_year_comparison_grid_is_not_a_budget_table():
    # 西安 2022 气象局 p.10, under “（三）一般公共预算拨款支出明细情况” (万元)
    raw = _grid(
        "（三）一般公共预算拨款支出明细情况",
        [
            ["年度", "总收入支出", "专项业务费", "基本支出"],
            ["2021", "1493.51", "1290.47", "203.04"],
            ["2022", "1899.9", "1535.82", "183.93"],
            ["变化", "+406.39", "+425.5", "-19.11"],
        ],
        caption="",
    )
    rule, _ = classify(raw)
    assert rule is not None and rule.kind == "not_budget"


# ------------------------------------------------------------ narrative items under a column heading


def test_items_under_a_column_heading_restate_that_column():
    # 西安 2021 宣传部 p.8: （2）公用经费：…②培训支出（2050803）2 万元 — the 公用经费 part of 109.60
    def columns(text):
        return [
            (c.subject_text, _heading_column(c))
            for c in extract_paragraph(paragraph_from_text(text))
            if c.kind == "amount"
        ]

    found = columns(
        "（2）公用经费：①行政运行（2013201）124.00万元，较上年减少55.42万元；"
        "②培训支出（2050803）2万元，较上年增加2万元。"
    )
    assert [col for _, col in found] == ["basic.public", "basic.public"]
    found = columns("（3）专项业务经费：①一般行政管理事务（2013302）3096.4万元；②培训支出（2050803）107.6万元。")
    assert [col for _, col in found] == ["project", "project"]
    assert [col for _, col in columns("培训支出（2050803）109.6万元，较上年增加109.6万元。")] == [None]
    # 西安 2021 宣传部 p.9: the heading nearest before each item, in one sentence
    found = columns(
        "其中①人员经费：工资福利支出（301）2079.07万元，较上年增加248.96万元；商品和服务支出（302）"
        "105.9万元；②公用经费：商品和服务支出（302）126万元，较上年减少53.42万元；③专项业务经费："
        "商品和服务支出（302）23469.41万元。"
    )
    assert [col for _, col in found] == ["basic.personnel", "basic.personnel", "basic.public", "project"]


# ------------------------------------------------------------ 三公 table with clipped header words


def test_three_public_this_years_block_with_clipped_vehicle_headers():
    # 西安 2019 安监局 表13 p.32 (万元): the print cuts 公务用车购置及运行维护费 to 务用车购置及运行维护
    # and 公务用车运行维护费 to 公务用车运行维护; 2018年 | 2019年 blocks, this year's is the rules'.
    band = "一般公共预算拨款安排的“三公”经费预算"
    table = _table(
        _grid(
            "2019年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
            [
                [
                    "单位编码",
                    "单位名称",
                    "2018年",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "2019年",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                ],
                [
                    "^",
                    "^",
                    "合计",
                    band,
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "会议费",
                    "培训费",
                    "合计",
                    band,
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "会议费",
                    "培训费",
                ],
                [
                    "^",
                    "^",
                    "^",
                    "小计",
                    "因公出国（",
                    "公务接待费",
                    "务用车购置及运行维护",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "小计",
                    "因公出国（",
                    "公务接待费",
                    "务用车购置及运行维护",
                    "^",
                    "^",
                    "^",
                    "^",
                ],
                [
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "小计",
                    "公务用车购置经费",
                    "公务用车运行维护",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "^",
                    "小计",
                    "公务用车购置经费",
                    "公务用车运行维护",
                    "^",
                    "^",
                ],
                [
                    "",
                    "合计",
                    "24.08",
                    "2.86",
                    "",
                    "2.86",
                    "21.22",
                    "",
                    "21.22",
                    "4.32",
                    "29.79",
                    "83.74",
                    "28.38",
                    "",
                    "4.38",
                    "24.00",
                    "",
                    "24.00",
                    "19.06",
                    "36.30",
                ],
            ],
            caption="单位：万元",
        )
    )
    got = {c.column: c.value for c in table.row("total").cells if c.state == "value"}
    assert got["total"] == Decimal("28.38")  # the 三公 小计, not 合计 83.74 with 会议费 and 培训费
    assert got["reception"] == Decimal("4.38")
    assert got["vehicle"] == Decimal("24.00")
    assert got["vehicle.operation"] == Decimal("24.00")
    assert table.row("total").cell("abroad").state == "blank"
