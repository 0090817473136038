"""Row hierarchy from a table's own arithmetic: unit rows above their projects, unit codes.

Hand-made tables first (amounts chosen so that each reading can be told apart), then the
printed pages of real documents (values read off the page images; skipped without the corpus).
"""

from __future__ import annotations

from decimal import Decimal


from budgetlint.engine import check_document, load_rules
from budgetlint.facts.index import TableIndex
from budgetlint.model import Table
from budgetlint.recognise.hierarchy import looks_like_unit_name, unit_codes
from tests.recognise.helpers import city_doc, only_table, recognise, values

PROJECTS_HEAD = "部门预算项目支出预算表\n\n单位：万元\n\n支出项目类别\t总计\t一般公共预算\t其他资金\n"


def _keys(table: Table) -> list[str | None]:
    return [r.key for r in table.rows]


def _bl110(doc):
    return [f for f in check_document(doc, load_rules(select=["BL110"])).findings]


def _children(table: Table, key: str) -> list[str | None]:
    index = TableIndex(table, table.kind or "t")
    node = index.rows_with_key(key)[0]
    return [index.nodes[i].key for i in node.children]


def test_unit_row_above_its_projects_is_their_parent_not_their_sibling() -> None:
    # 合计 130 = 测试局 110 + 测试中心 20; 测试局 = 60 + 50; 测试中心 = 20. Read flat, the rows
    # add up to 260 = 2 × 合计.
    doc = recognise(
        PROJECTS_HEAD
        + (
            "合计\t130.00\t120.00\t10.00\n"
            "测试局\t110.00\t100.00\t10.00\n"
            "机构运行经费\t60.00\t60.00\t0.00\n"
            "专项调查经费\t50.00\t40.00\t10.00\n"
            "测试中心\t20.00\t20.00\t0.00\n"
            "运行经费\t20.00\t20.00\t0.00\n"
        )
    )
    table = only_table(doc)
    assert table.kind == "projects"
    assert _keys(table) == ["total", "unit:n1", "p1", "p2", "unit:n2", "p3"]
    assert [r.label for r in table.rows if r.kind == "unit"] == ["测试局", "测试中心"]
    assert _children(table, "total") == ["unit:n1", "unit:n2"]
    assert _children(table, "unit:n1") == ["p1", "p2"]
    assert _bl110(doc) == []
    assert any(w.code == "rows-by-arithmetic" for w in doc.warnings)


def test_projects_that_add_up_flat_stay_projects() -> None:
    doc = recognise(
        PROJECTS_HEAD + ("合计\t130.00\t120.00\t10.00\n项目甲\t110.00\t100.00\t10.00\n项目乙\t20.00\t20.00\t0.00\n")
    )
    table = only_table(doc)
    assert _keys(table) == ["total", "p1", "p2"]
    assert _bl110(doc) == []


def test_a_printing_error_under_a_unit_row_is_reported_at_that_unit() -> None:
    # 机构运行经费 printed 61.00: 测试局 110 no longer equals its projects (111), but 合计 130 is
    # still 测试局 + 测试中心: one finding, at 测试局, differing by 1.00 — not 合计 against the
    # whole table read flat (261).
    doc = recognise(
        PROJECTS_HEAD
        + (
            "合计\t130.00\t120.00\t10.00\n"
            "测试局\t110.00\t100.00\t10.00\n"
            "机构运行经费\t61.00\t61.00\t0.00\n"
            "专项调查经费\t50.00\t40.00\t10.00\n"
            "测试中心\t20.00\t20.00\t0.00\n"
            "运行经费\t20.00\t20.00\t0.00\n"
        )
    )
    table = only_table(doc)
    assert _keys(table) == ["total", "unit:n1", "p1", "p2", "unit:n2", "p3"]
    findings = _bl110(doc)
    assert findings
    assert {f.locations[-1].row for f in findings} == {"unit:n1"}
    assert {f.difference for f in findings} == {"1.00"}


def test_flat_projects_with_a_wrong_total_stay_flat() -> None:
    # 合计 printed 131.00 over two projects of 110 + 20: no row is a parent of others.
    doc = recognise(
        PROJECTS_HEAD + ("合计\t131.00\t120.00\t10.00\n项目甲\t110.00\t100.00\t10.00\n项目乙\t20.00\t20.00\t0.00\n")
    )
    table = only_table(doc)
    assert _keys(table) == ["total", "p1", "p2"]
    assert _bl110(doc)


def test_unit_row_without_a_total_row_heads_its_projects() -> None:
    # 深圳 style: no 合计, the unit's own row first (110 = 60 + 50). The one unit of the table
    # is its total.
    doc = recognise(
        PROJECTS_HEAD
        + (
            "测试局（本级）\t110.00\t100.00\t10.00\n"
            "机构运行经费\t60.00\t60.00\t0.00\n"
            "专项调查经费\t50.00\t40.00\t10.00\n"
        )
    )
    table = only_table(doc)
    assert _keys(table) == ["total", "p1", "p2"]
    assert _children(table, "total") == ["p1", "p2"]


def test_unit_and_sub_unit_codes_in_a_project_table_nest() -> None:
    # 105 测试局 = 105001 测试局本级 = 项目甲 60 + 项目乙 40.
    doc = recognise(
        "项目支出预算表\n\n单位：万元\n\n单位编码\t单位名称\t项目名称\t合计\t一般公共预算\n"
        "\t合计\t\t100.00\t100.00\n"
        "105\t测试局\t\t100.00\t100.00\n"
        "105001\t测试局本级\t\t100.00\t100.00\n"
        "\t\t项目甲\t60.00\t60.00\n"
        "\t\t项目乙\t40.00\t40.00\n"
    )
    table = only_table(doc)
    assert _keys(table) == ["total", "unit:105", "unit:105001", "p1", "p2"]
    assert _children(table, "total") == ["unit:105"]
    assert _children(table, "unit:105") == ["unit:105001"]
    assert _children(table, "unit:105001") == ["p1", "p2"]
    assert _bl110(doc) == []


INCOME_HEAD = "收入总体情况表\n\n单位：万元\n\n单位名称\t合计\t一般公共预算拨款收入\t事业收入\n"


def test_units_printed_without_codes_are_units() -> None:
    # 广州 收入总体情况表: the units are printed by name only; 合计 100 = 60 + 40.
    doc = recognise(
        INCOME_HEAD + ("合计\t100.00\t90.00\t10.00\n测试局\t60.00\t50.00\t10.00\n测试中心\t40.00\t40.00\t0.00\n")
    )
    table = only_table(doc)
    assert table.kind == "income"
    assert _keys(table) == ["total", "unit:n1", "unit:n2"]
    assert _children(table, "total") == ["unit:n1", "unit:n2"]
    assert not any(w.code == "unkeyed-row" for w in doc.warnings)
    assert _bl110(doc) == []


def test_uncoded_department_row_above_its_units() -> None:
    # 测试局 100 (the department) = 测试局本级 60 + 测试中心 40; 合计 = 测试局.
    doc = recognise(
        INCOME_HEAD
        + (
            "合计\t100.00\t90.00\t10.00\n"
            "测试局\t100.00\t90.00\t10.00\n"
            "测试局本级\t60.00\t50.00\t10.00\n"
            "测试中心\t40.00\t40.00\t0.00\n"
        )
    )
    table = only_table(doc)
    assert _keys(table) == ["total", "unit:n1", "unit:n1.1", "unit:n1.2"]
    assert _children(table, "total") == ["unit:n1"]
    assert _children(table, "unit:n1") == ["unit:n1.1", "unit:n1.2"]
    assert _bl110(doc) == []


def test_uncoded_units_that_do_not_add_up_stay_unkeyed() -> None:
    # 测试中心 printed 41.00: no reading adds up. Rows without codes gave no facts before; they
    # are keyed only when the arithmetic confirms the reading, never to make a finding.
    doc = recognise(
        INCOME_HEAD
        + (
            "合计\t100.00\t90.00\t10.00\n"
            "测试局\t100.00\t90.00\t10.00\n"
            "测试局本级\t60.00\t50.00\t10.00\n"
            "测试中心\t41.00\t41.00\t0.00\n"
        )
    )
    table = only_table(doc)
    assert _keys(table) == ["total", None, None, None]
    assert _bl110(doc) == []


EXPENSE_BY_UNIT = (
    "2021年部门综合预算支出总表\n\n单位：元\n\n"
    "单位编码\t单位名称\t合计\t基本支出\t\t\t\t\t项目支出\t\t\n"
    "\t\t\t小计\t工资福利支出\t对个人和家庭的补助\t商品和服务支出\t资本性支出\t小计\t其他运转类\t特定目标类\n"
)


def test_three_digit_unit_code_is_not_a_function_class() -> None:
    # 201 is the department (中共测试市委宣传部), 201001 / 201002 its units: no 201 一般公共服务支出.
    doc = recognise(
        EXPENSE_BY_UNIT
        + (
            "\t合计\t300.00\t200.00\t150.00\t10.00\t30.00\t10.00\t100.00\t60.00\t40.00\n"
            "201\t中共测试市委宣传部\t300.00\t200.00\t150.00\t10.00\t30.00\t10.00\t100.00\t60.00\t40.00\n"
            "201001\t中共测试市委宣传部\t250.00\t150.00\t110.00\t5.00\t25.00\t10.00\t100.00\t60.00\t40.00\n"
            "201002\t中共测试市委讲师团\t50.00\t50.00\t40.00\t5.00\t5.00\t0.00\t0.00\t0.00\t0.00\n"
        )
    )
    table = only_table(doc)
    assert table.kind == "expense"
    assert _keys(table) == ["total", "unit:201", "unit:201001", "unit:201002"]
    assert values(table, "unit:201")["total"] == Decimal("300.00")
    assert _children(table, "unit:201") == ["unit:201001", "unit:201002"]
    assert _bl110(doc) == []


def test_sub_unit_that_does_not_add_up_is_reported() -> None:
    doc = recognise(
        EXPENSE_BY_UNIT
        + (
            "\t合计\t300.00\t200.00\t150.00\t10.00\t30.00\t10.00\t100.00\t60.00\t40.00\n"
            "201\t中共测试市委宣传部\t300.00\t200.00\t150.00\t10.00\t30.00\t10.00\t100.00\t60.00\t40.00\n"
            "201001\t中共测试市委宣传部\t250.00\t150.00\t110.00\t5.00\t25.00\t10.00\t100.00\t60.00\t40.00\n"
            "201002\t中共测试市委讲师团\t40.00\t40.00\t30.00\t5.00\t5.00\t0.00\t0.00\t0.00\t0.00\n"
        )
    )
    findings = _bl110(doc)
    assert findings and all(
        "unit:201" in (loc.address or "") or "total" in (loc.address or "")
        for f in findings
        for loc in f.locations[-1:]
    )


def test_unit_201_and_class_201_in_one_table_are_told_apart() -> None:
    # 单位代码 201 / 201001 (the department and its unit) above 类 201 一般公共服务支出: the same
    # three digits, a unit in the unit-code column and a class in the 类 column.
    values_row = "\t30.00\t20.00\t15.00\t1.00\t3.00\t1.00\t10.00\t6.00\t4.00\n"
    doc = recognise(
        "2024 年部门支出预算表\n\n单位：万元\n\n"
        "科目编码\t\t\t单位代码\t单位（科目名称）\t合计\t基本支出\t\t\t\t\t项目支出\t\t\n"
        "类\t款\t项\t\t\t\t小计\t人员经费\t\t公用经费\t\t小计\t其他运转类\t特定目标类\n"
        "\t\t\t\t\t\t\t工资福利支出\t对个人和家庭的补助\t商品和服务支出\t资本性支出\t\t\t\n"
        "\t\t\t\t合计"
        + values_row
        + "\t\t\t201\t中共测试市委宣传部"
        + values_row
        + "\t\t\t201001\t中共测试市委宣传部"
        + values_row
        + "201\t\t\t\t一般公共服务支出"
        + values_row
        + "201\t03\t01\t\t行政运行"
        + values_row
    )
    table = only_table(doc)
    assert _keys(table) == ["total", "unit:201", "unit:201001", "201", "2010301"]
    assert _children(table, "unit:201001") == ["201"]
    assert _bl110(doc) == []


def test_function_class_in_a_table_of_subjects_stays_a_class() -> None:
    doc = recognise(
        "一般公共预算支出表\n\n单位：万元\n\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "\t合计\t30.00\t20.00\t10.00\n"
        "201\t一般公共服务支出\t30.00\t20.00\t10.00\n"
        "20103\t政府办公厅（室）及相关机构事务\t30.00\t20.00\t10.00\n"
        "2010301\t行政运行\t30.00\t20.00\t10.00\n"
    )
    table = only_table(doc)
    assert _keys(table) == ["total", "201", "20103", "2010301"]


def test_unit_codes_from_sub_units_names_and_headers() -> None:
    rows = [("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("227", "预备费")]
    assert unit_codes(rows, unit_headed=False) == set()
    assert unit_codes(rows, unit_headed=True) == {"201", "208", "227"}
    assert unit_codes([("105", "测试"), ("105001", "测试")], unit_headed=False) == {"105", "105001"}
    assert unit_codes([("201", "中共测试市委宣传部")], unit_headed=False) == {"201"}
    # the unit column of a list of projects: 125001 beside each project heads none of them
    assert unit_codes([("125001", "项目甲"), ("125001", "项目乙")], unit_headed=False) == set()
    assert looks_like_unit_name("广州市统计监测中心（广州市统计发展中心）")
    assert not looks_like_unit_name("一般公共服务支出")
    assert not looks_like_unit_name("机构运行辅助经费")


# ------------------------------------------------------------ printed pages


def _by_label(table: Table, label: str):
    return next(r for r in table.rows if r.label == label)


def _printed(table: Table, row, header: str) -> Decimal:
    key = next(c.key for c in table.columns if c.header == [header])
    return next(c.value for c in row.cells if c.column == key)


def test_guangzhou_project_table_units_head_their_projects() -> None:
    # guangzhou 2026 统计局 表12 部门预算项目支出及其他支出预算表, p.21–22 (printed pages 19–20):
    # 合计 总计 1,082.05; 广州市统计局 1,075.05 over nine projects (86.37, 100.00, 50.00, 195.19,
    # 15.00, 5.35, 534.72, 76.30, 12.12); 广州市统计监测中心（广州市统计发展中心） 7.00 over
    # 其他运行经费 7.00.
    doc = city_doc("guangzhou_2026_tongjiju_ys.pdf")
    table = next(t for t in doc.tables if t.kind == "projects" and t.provenance.page == 21)
    bureau = _by_label(table, "广州市统计局")
    centre = _by_label(table, "广州市统计监测中心（广州市统计发展中心）")
    assert bureau.kind == centre.kind == "unit"
    assert _printed(table, bureau, "总计") == Decimal("1075.05")
    assert _printed(table, table.row("total"), "总计") == Decimal("1082.05")
    projects = [r for r in table.rows if r.kind == "project"]
    assert len(projects) == 10
    assert [_printed(table, r, "总计") for r in projects[:3]] == [Decimal("86.37"), Decimal("100.00"), Decimal("50.00")]
    assert _children(table, bureau.key) == [r.key for r in projects[:9]]
    assert _children(table, centre.key) == [projects[9].key]
    assert _children(table, "total") == [bureau.key, centre.key]
    assert not [f for f in _bl110(doc) if any(loc.table == table.id for loc in f.locations)]


def test_xian_unit_code_201_is_the_department_not_a_function_class() -> None:
    # xian 2021 宣传部 p.20 表3 部门综合预算支出总表 (单位：元): 单位编码 201 中共西安市委宣传部
    # 258,596,001.79; 201001 中共西安市委宣传部 255,197,284.29; 201002 中共西安市委理论讲师团
    # 3,398,717.50.
    doc = city_doc("xian_2021_xuanchuanbu_ys.pdf")
    table = next(t for t in doc.tables if t.kind == "expense" and t.provenance.page == 20)
    assert table.row("201") is None
    assert values(table, "unit:201")["total"] == Decimal("258596001.79")
    assert values(table, "unit:201001")["total"] == Decimal("255197284.29")
    assert values(table, "unit:201002")["total"] == Decimal("3398717.50")
    assert _children(table, "unit:201") == ["unit:201001", "unit:201002"]


SPECIAL_HEAD = "部门综合预算专项业务经费支出表\n\n单位：元\n\n单位编码\t单位（项目）名称\t项目金额\n"


def test_special_funds_list_groups_projects_under_uncoded_categories() -> None:
    # 西安 2026 审计局 表10 (p.32), values read off the page: 117 → 117001 → 通用项目 3,650,000
    # (大型活动 150,000 → 审计培训; 购买服务 3,500,000 → 购买中介机构审计服务) and 专用项目
    # 4,840,507.50 → 审计业务经费 → three projects. Read flat, 合计 would be a third of its rows.
    doc = recognise(
        SPECIAL_HEAD
        + (
            "\t合计\t8,490,507.50\n"
            "117\t西安市审计局\t8,490,507.50\n"
            "117001\t西安市审计局\t8,490,507.50\n"
            "\t通用项目\t3,650,000.00\n"
            "\t大型活动\t150,000.00\n"
            "\t审计培训\t150,000.00\n"
            "\t购买服务（审计、绩效、ppp项目评价）\t3,500,000.00\n"
            "\t购买中介机构审计服务\t3,500,000.00\n"
            "\t专用项目\t4,840,507.50\n"
            "\t审计业务经费\t4,840,507.50\n"
            "\t审计事务\t2,858,680.00\n"
            "\t审计专项补助经费\t1,000,000.00\n"
            "\t审计专项补助经费（结转）\t981,827.50\n"
        )
    )
    table = only_table(doc)
    assert table.kind == "projects"
    projects = [r.label for r in table.rows if r.kind == "project"]
    assert projects == ["审计培训", "购买中介机构审计服务", "审计事务", "审计专项补助经费", "审计专项补助经费（结转）"]
    assert [r.key for r in table.rows if r.kind == "project"] == ["p1", "p2", "p3", "p4", "p5"]
    assert _bl110(doc) == []


def test_special_funds_list_that_does_not_add_up_is_left_as_printed() -> None:
    # The same list with 审计事务 misprinted: no reading adds up, nothing is regrouped.
    doc = recognise(
        SPECIAL_HEAD
        + (
            "\t合计\t8,490,507.50\n"
            "117\t西安市审计局\t8,490,507.50\n"
            "\t通用项目\t3,650,000.00\n"
            "\t大型活动\t150,000.00\n"
            "\t购买服务\t3,500,000.00\n"
            "\t专用项目\t4,840,507.50\n"
            "\t审计事务\t2,858,000.00\n"
            "\t审计专项补助经费\t1,981,827.50\n"
        )
    )
    table = only_table(doc)
    assert not any(r.kind == "group" for r in table.rows)
