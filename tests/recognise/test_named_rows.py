"""Tables whose rows are known by their names only: a 功能分类 table printing no codes (杭州), a
"三公" table printed standing up (福建: the items as rows, one amount column). Hand-made tables
with amounts chosen so that each reading can be told apart."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.engine import check_document, load_rules
from budgetlint.facts.index import TableIndex
from tests.recognise.helpers import only_table, recognise, values

EXPENSE_HEAD = "部门支出预算总表\n\n单位：万元\n\n功能分类科目名称\t合计\t基本支出\t项目支出\n"


def test_class_rows_known_by_name_when_they_add_up_to_the_total() -> None:
    # 合计 130 = 一般公共服务支出 100 + 社会保障和就业支出 30; the 款/项 lines below repeat parts.
    doc = recognise(
        EXPENSE_HEAD
        + (
            "合计\t130.00\t80.00\t50.00\n"
            "一般公共服务支出\t100.00\t50.00\t50.00\n"
            "财政事务\t100.00\t50.00\t50.00\n"
            "行政运行\t50.00\t50.00\t0.00\n"
            "信息化建设\t50.00\t0.00\t50.00\n"
            "社会保障和就业支出\t30.00\t30.00\t0.00\n"
            "行政事业单位养老支出\t30.00\t30.00\t0.00\n"
        )
    )
    table = only_table(doc)
    assert [r.key for r in table.rows if r.key] == ["total", "201", "208"]
    assert values(table, "201")["total"] == Decimal("100.00")
    assert [r.kind for r in table.rows if r.key is None] == ["detail"] * 4
    assert TableIndex(table, "expense").tree_ok


def test_class_names_that_do_not_add_up_stay_unkeyed() -> None:
    # 一般公共服务支出 100 + 社会保障和就业支出 20 ≠ 合计 130: some class line was not understood.
    doc = recognise(
        EXPENSE_HEAD
        + (
            "合计\t130.00\t80.00\t50.00\n"
            "一般公共服务支出\t100.00\t50.00\t50.00\n"
            "行政运行\t100.00\t50.00\t50.00\n"
            "社会保障和就业支出\t20.00\t20.00\t0.00\n"
            "行政事业单位养老支出\t20.00\t20.00\t0.00\n"
        )
    )
    table = only_table(doc)
    assert [r.key for r in table.rows if r.key] == ["total"]
    assert not TableIndex(table, "expense").tree_ok


THREE_PUBLIC = (
    "一般公共预算“三公”经费支出预算表\n\n单位：万元\n\n项目\t预算数\n"
    "合计\t{total}\n1、因公出国（境）费用\t0.00\n2、公务接待费\t5.00\n3、公务用车购置及运行费\t3.00\n"
    "其中：（1）公务用车购置费\t0.00\n（2）公务用车运行费\t3.00\n"
)


def test_three_public_items_printed_as_rows_are_its_columns() -> None:
    table = only_table(recognise(THREE_PUBLIC.format(total="8.00")))
    assert values(table, "total") == {
        "total": Decimal("8.00"),
        "abroad": Decimal("0.00"),
        "reception": Decimal("5.00"),
        "vehicle": Decimal("3.00"),
        "vehicle.purchase": Decimal("0.00"),
        "vehicle.operation": Decimal("3.00"),
    }


def test_a_standing_three_public_table_that_does_not_add_up_is_reported() -> None:
    doc = recognise(THREE_PUBLIC.format(total="9.00"))
    findings = check_document(doc, load_rules(select=["BL150"])).findings
    assert len(findings) == 1


BASIC_HEAD = "一般公共预算基本支出预算表\n\n单位：万元\n\n经济分类科目名称\t合计\t人员经费\t公用经费\n"


def test_economic_rows_known_by_name_when_every_level_adds_up() -> None:
    doc = recognise(
        BASIC_HEAD
        + (
            "合计\t60.00\t40.00\t20.00\n"
            "工资福利支出\t40.00\t40.00\t0.00\n"
            "基本工资\t30.00\t30.00\t0.00\n"
            "奖金\t10.00\t10.00\t0.00\n"
            "商品和服务支出\t20.00\t0.00\t20.00\n"
            "维修（护）费\t5.00\t0.00\t5.00\n"
            "公务接待费\t15.00\t0.00\t15.00\n"
        )
    )
    table = only_table(doc)
    assert [r.key for r in table.rows] == ["total", "301", "30101", "30103", "302", "30213", "30217"]


def test_economic_names_whose_items_do_not_add_up_stay_unkeyed() -> None:
    # 基本工资 30 + 奖金 5 ≠ 工资福利支出 40: a line was not understood, so no name is trusted.
    doc = recognise(
        BASIC_HEAD
        + (
            "合计\t60.00\t40.00\t20.00\n"
            "工资福利支出\t40.00\t40.00\t0.00\n"
            "基本工资\t30.00\t30.00\t0.00\n"
            "奖金\t5.00\t5.00\t0.00\n"
            "商品和服务支出\t20.00\t0.00\t20.00\n"
            "办公费\t20.00\t0.00\t20.00\n"
        )
    )
    table = only_table(doc)
    assert [r.key for r in table.rows if r.key] == ["total"]
