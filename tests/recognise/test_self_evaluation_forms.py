"""绩效自评表 forms (recognise/self_evaluation.py): the name, the 年度资金总额 row and the 总分.

Grids imitate the ruled PDF forms; the figures were read by hand off the printed pages named in
each test (西安市卫生健康委员会 2022 决算, 国家信访局 2024 决算).
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.model import Table
from budgetlint.recognise import recognise_table
from budgetlint.recognise.self_evaluation import attach_scores, read_forms
from tests.recognise.helpers import city_doc
from tests.samples import ruled_grid

# 西安 2022 卫健委 p.70 and p.71: two forms under the same title, printed as one table by the reader.
_TWO_FORMS = [
    ["项目名称", "", "中职免学费补助（市级资金）", "", "", "", "", "", "", "", ""],
    ["主管部门", "", "西安市卫生健康委员会", "", "", "", "实施单位", "", "西安市卫生学校", "", ""],
    [
        "项目资金（万元）",
        "",
        "",
        "",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "",
        "得分",
    ],
    ["", "", "年度资金总额", "", "352.74", "352.74", "352.66", "10", "99.98%", "", "9.98"],
    ["", "", "其中：当年财政拨款", "", "352.74", "352.74", "352.66", "10", "99.98%", "", "9.98"],
    ["", "", "上年结转资金", "", "", "", "", "—", "", "", "—"],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        "",
    ],
    ["", "产出指标（50分）", "数量指标", "惠及中职学生", "", ">1000人", ">1000人", "20", "20", "", ""],
    ["总分", "", "", "", "", "", "", "100", "90", "", ""],
    ["项目名称", "", "中职免学费补助（中央资金）", "", "", "", "", "", "", "", ""],
    [
        "项目资金（万元）",
        "",
        "",
        "",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "",
        "得分",
    ],
    ["", "", "年度资金总额", "", "235.16", "235.16", "197.09", "10", "83.81%", "", "8.38"],
    ["总分", "", "", "", "", "", "", "100", "88", "", ""],
]


def _table(title: str, rows: list[list[str]]) -> Table:
    return recognise_table(ruled_grid(title, rows, [title, "（2022年度）"]), "t1", [])


def test_each_project_name_starts_a_form():
    table = _table("西安市级2022年中职免学费补助项目绩效自评表", _TWO_FORMS)
    assert table.kind == "self_evaluation"
    assert [(f.scope, f.name) for f in table.forms] == [
        ("project", "中职免学费补助（市级资金）"),
        ("project", "中职免学费补助（中央资金）"),
    ]
    first, second = table.forms
    assert first.figures == {
        "start_budget": Decimal("352.74"),
        "budget": Decimal("352.74"),
        "actual": Decimal("352.66"),
        "score": Decimal(90),
    }
    assert second.figures == {
        "start_budget": Decimal("235.16"),
        "budget": Decimal("235.16"),
        "actual": Decimal("197.09"),
        "score": Decimal(88),
    }


def test_a_blank_or_dash_figure_is_not_printed():
    # 西安 2022 p.85: 年初预算数 printed "-"
    rows = [
        ["项目名称", "", "新冠疫情防控", "", "", "", "", ""],
        ["项目资金（万元）", "", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "得分"],
        ["", "", "年度资金总额", "-", "1,033.00", "1,033.00", "10", "10.00"],
    ]
    (form,) = _table("西安市级2022年新冠疫情防控经费项目绩效自评表", rows).forms
    assert "start_budget" not in form.figures
    assert form.figures["budget"] == Decimal("1033.00")
    assert "score" not in form.figures


def test_amounts_only_from_a_form_in_wan_yuan():
    rows = [
        ["项目名称", "", "某项目", "", "", ""],
        ["项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "得分"],
        ["", "年度资金总额", "1200000", "1200000", "1100000", "9"],
        ["总分", "", "", "", "100", "95"],
    ]
    (form,) = _table("某某项目支出绩效自评表", rows).forms
    assert form.figures == {"score": Decimal(95)}


def test_scope_from_the_title():
    fund = _table("西安市级卫生健康事业发展专项资金绩效自评表", [["项目名称", "", "卫生健康事业发展专项资金"]])
    assert [f.scope for f in fund.forms] == ["fund"]
    # a project financed by a special fund is still a project (西安 2022 p.100)
    project = _table(
        "西安市级城市公立医院取消药品加成财政补偿资金（卫生健康事业发展专项资金）项目绩效自评表",
        [["项目名称", "", "城市公立医院取消药品加成财政补偿资金"]],
    )
    assert [f.scope for f in project.forms] == ["project"]
    dept = _table("西安市卫生健康委员会部门整体支出绩效自评表", [["部门（单位）名称", "", "", "西安市卫生健康委员会"]])
    assert [(f.scope, f.name) for f in dept.forms] == [("dept", "西安市卫生健康委员会")]


def test_the_score_of_a_form_continued_on_the_next_page():
    # 西安 2022: 部门整体支出绩效自评表 金额合计 on p.30, its 总分 99.5 on p.31 under no title
    first = ruled_grid(
        "西安市卫生健康委员会部门整体支出绩效自评表",
        [
            ["部门（单位）名称", "", "", "西安市卫生健康委员会", "", "", "", "", "", "", "", "", ""],
            [
                "年度主要任务完成情况",
                "任务名称",
                "主要内容",
                "完成情况",
                "全年预算数（万元）",
                "",
                "",
                "全年执行数（万元）",
                "",
                "",
                "分值",
                "执行率",
                "得分",
            ],
            [
                "",
                "金额合计",
                "",
                "",
                "2,495,142.55",
                "869,407.93",
                "1625734.62",
                "2074962.01",
                "869329.38",
                "1205632.63",
                "10",
                "83.16%",
                "10",
            ],
        ],
        ["西安市卫生健康委员会部门整体支出绩效自评表"],
    )
    rest = ruled_grid(
        "",
        [
            ["年度绩效指标完成情况", "一级指标", "二级指标", "指标内容", "年度指标值", "实际完成值", "分值", "得分"],
            ["总分", "", "", "", "", "", "100", "99.5"],
        ],
        [],
    )
    rest = rest.model_copy(update={"provenance": rest.provenance.model_copy(update={"page": 2})})
    rest.rows = [
        [c.model_copy(update={"provenance": c.provenance.model_copy(update={"page": 2})}) for c in r] for r in rest.rows
    ]
    tables = [recognise_table(first, "t1", []), recognise_table(rest, "t2", [])]
    attach_scores(tables)
    (form,) = tables[0].forms
    assert form.figures == {"budget": Decimal("2495142.55"), "actual": Decimal("2074962.01"), "score": Decimal("99.5")}
    assert tables[1].forms == []


def test_read_forms_of_a_table_without_forms():
    assert (
        read_forms(ruled_grid("收入支出决算总表", [["项目", "金额"], ["一般公共预算财政拨款收入", "12.00"]], [])) == []
    )


# ------------------------------------------------------------------ the corpus


def test_xian_2022_weijianwei_forms():
    doc = city_doc("xian_2022_weijianwei_js.pdf")
    forms = [f for t in doc.tables for f in t.forms]
    projects = [f for f in forms if f.scope == "project"]
    # pp.55–141: one 项目绩效自评表 per page, 87 in all (counted on the printed pages)
    assert len(projects) == 87
    assert {f.provenance.page for f in projects} == set(range(55, 142))
    (fund,) = [f for f in forms if f.scope == "fund"]
    assert (fund.name, fund.provenance.page) == ("卫生健康事业发展专项资金", 143)
    assert fund.figures == {
        "start_budget": Decimal(52110),
        "budget": Decimal(52110),
        "actual": Decimal("51552.90"),
        "score": Decimal(98),
    }
    (dept,) = [f for f in forms if f.scope == "dept"]
    assert dept.figures == {"budget": Decimal("2495142.55"), "actual": Decimal("2074962.01"), "score": Decimal("99.5")}
    first = projects[0]
    assert (first.name, first.figures) == (
        "2022年病媒生物防制",
        {"start_budget": Decimal(240), "budget": Decimal("229.19"), "actual": Decimal("229.19"), "score": Decimal(100)},
    )


def test_central_2024_xinfangju_forms():
    doc = city_doc("central_2024_guojiaxinfangju_js.pdf")
    forms = [f for t in doc.tables for f in t.forms]
    assert [(f.scope, f.name) for f in forms] == [
        ("project", "信访干部培训专项"),
        ("project", "信访研究宣传立法专项"),
        ("project", "资产运行维护"),
        ("project", "信息化运行维护"),
    ]
    # p.35: 年度资金总额 1638.67 | 1639.34 | 1032.99; p.36: 总分 100 | 90.5
    assert forms[3].figures == {
        "start_budget": Decimal("1638.67"),
        "budget": Decimal("1639.34"),
        "actual": Decimal("1032.99"),
        "score": Decimal("90.5"),
    }
