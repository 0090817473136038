"""Recognition of hand-made tables: units, columns, row keys, cells, dedupe, warnings."""

from __future__ import annotations

from decimal import Decimal

from budgetlint.model import Unit
from budgetlint.read.text import segment
from budgetlint.recognise import recognise_all
from tests.recognise.helpers import only_table, recognise, values


EXPENSE_HEADER = (
    "科目编码\t\t\t单位代码\t单位（科目名称）\t合计\t基本支出\t\t\t\t项目支出\t\t\n"
    "类\t款\t项\t\t\t\t小计\t人员经费\t\t公用经费\t\t小计\t其他运转类\t特定目标类\n"
    "\t\t\t\t\t\t\t工资福利支出\t对个人和家庭的补助\t商品和服务支出\t资本性支出\t\t\t\n"
)


def test_expense_table_columns_from_header_and_row_keys() -> None:
    text = (
        "2024 年一般公共预算支出预算表\n\n部门名称：测试局\n\n单位：万元\n\n"
        + EXPENSE_HEADER
        + "\t\t\t\t合计\t100.00\t60.00\t50.00\t\t10.00\t\t40.00\t40.00\t\n"
        "\t\t\t045\t测试局\t100.00\t60.00\t50.00\t\t10.00\t\t40.00\t40.00\t\n"
        "201\t03\t01\t\t行政运行\t60.00\t60.00\t50.00\t\t10.00\t\t\t\t\n"
        "2010302\t\t\t\t一般行政管理事务\t40.00\t\t\t\t\t\t40.00\t40.00\t\n"
    )
    doc = recognise(text)
    table = only_table(doc)
    assert table.kind == "gpb_expense"
    assert [c.key for c in table.columns] == [
        "total",
        "basic",
        "basic.personnel.wages",
        "basic.personnel.family",
        "basic.public.goods",
        "basic.public.capital",
        "project",
        "project.operating",
        "project.specific",
    ]
    assert "表头" in table.kind_reason
    assert [r.key for r in table.rows] == ["total", "unit:045", "2010301", "2010302"]
    assert values(table, "2010301") == {
        "total": Decimal("60.00"),
        "basic": Decimal("60.00"),
        "basic.personnel.wages": Decimal("50.00"),
        "basic.public.goods": Decimal("10.00"),
    }
    assert values(table, "2010302")["project.operating"] == Decimal("40.00")
    assert table.unit is Unit.WAN and table.unit_stated
    assert doc.department == "测试局"


def test_misaligned_header_falls_back_to_standard_layout() -> None:
    # laocheng line 234: the leaf header row slid left, so header words sit over the code columns
    header = (
        "科目编码\t\t\t单位代 码\t单位（科目名称）\t合计\t基本支出\t\t\t\t项目支出\t\t\n"
        "\t\t\t\t\t\t小计\t人员经费\t\t公用经费\t\t小计\t其他运转类\t特定目标类\n"
        "类\t款\t项\t工资福利 支出\t对个人和 家庭的补 助\t商品和服 务支出\t\t资本性支出\t\t\t\t\t\t\n"
    )
    text = (
        "2024 年部门支出预算表\n\n单位：万元\n\n"
        + header
        + "\t\t\t\t合计\t2301.43\t1743.43\t1721.29\t9.46\t12.68\t\t558.00\t558.00\t\n"
    )
    table = only_table(recognise(text))
    assert table.kind == "expense"
    assert "标准列顺序" in table.kind_reason
    assert values(table, "total") == {
        "total": Decimal("2301.43"),
        "basic": Decimal("1743.43"),
        "basic.personnel.wages": Decimal("1721.29"),
        "basic.personnel.family": Decimal("9.46"),
        "basic.public.goods": Decimal("12.68"),
        "project": Decimal("558.00"),
        "project.operating": Decimal("558.00"),
    }


def test_garbled_ocr_header_uses_standard_layout_and_parses_spaced_numbers() -> None:
    # yanjin lines 203-207
    text = (
        "2024 年部门支出总体情况表\n\n部门名称: 延津县政务服务和大数据管理局\n\n"
        "Ŧ\t目编\t£П\t\t\t\t\t\t基本支出\t\t\t\t项目支出\t\n"
        "类\t款\t项\t十四八四\t平位(竹口1147)\tПИ\t小计\t工资福利支\t对个人和家\t商品和服务\t资本性支出\t小计\t其他运转类\t特定目标类\n"
        "\t\t\t\t合计\t421. 29\t163 . 42\t153. 59\t\t9. 83\t\t257. 87\t257.87\t\n"
    )
    table = only_table(recognise(text))
    assert table.unit_stated is False and table.unit is Unit.WAN
    got = values(table, "total")
    assert got["total"] == Decimal("421.29")
    assert got["basic"] == Decimal("163.42")
    assert got["basic.public.goods"] == Decimal("9.83")
    assert got["project.operating"] == Decimal("257.87")
    cell = table.row("total").cell("basic")
    assert cell.raw == "163 . 42" and cell.decimals == 2 and cell.provenance.line == 7


def test_malformed_code_and_fragment_rows_get_no_key_and_a_warning() -> None:
    text = (
        "2024年一般公共预算支出情况表\n\n" + EXPENSE_HEADER + "\t\t\t\t合计\t10.00\t10.00\t10.00\t\t\t\t\t\t\n"
        "201\t0.5\t33\t\t支出\t140.01\t\t\t\t\t\t140.01\t140.01\t\n"
        "\t\t\t\t缴费支出\t10.00\t10.00\t10.00\t\t\t\t\t\t\n"
    )
    doc = recognise(text)
    table = only_table(doc)
    assert [r.key for r in table.rows] == ["total", None, None]
    lines = sorted(w.provenance.line for w in doc.warnings if w.code == "unkeyed-row")
    assert lines == [7, 8]


def test_economic_rows_split_over_two_lines_share_their_code() -> None:
    # laocheng lines 318-319: the second 奖金 line has no 部门预算 code
    text = (
        "2024 年一般公共预算基本支出预算表\n\n单位：万元\n\n"
        "部门预算支出经济分类科目\t\t政府预算支出经济分类科目\t\t本年一般公共预算基本支出\t\t\n"
        "科目编码\t科目名称\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "合计\t\t\t\t1537.55\t1537.55\t\n"
        "30103\t奖金\t50101\t工资奖金津补贴\t1513.40\t1513.40\t\n"
        "\t奖金\t50101\t工资奖金津补贴\t24.15\t24.15\t\n"
    )
    table = only_table(recognise(text))
    assert [r.key for r in table.rows] == ["total", "30103", "30103#2"]
    assert table.row("30103#2").label == "奖金"
    assert values(table, "30103#2") == {"total": Decimal("24.15"), "personnel": Decimal("24.15")}


def test_row_missing_a_separator_is_shifted_back() -> None:
    # yanjin line 329: "505\t01 工资福利支出" lost a tab, so the numbers start one column early
    text = (
        "2024年支出经济分类汇总表\n\n"
        "类\t款\t科目名称\t类\t款\t科目名称\t总计\t小计\t其中:财政拨款\n"
        "\t\t合计\t\t\t\t0.76\t0.76\t0.76\n"
        "301\t12\t其他社会保障缴费\t505\t01 工资福利支出\t0.76\t0. 76\t0.76\n"
    )
    table = only_table(recognise(text))
    assert values(table, "30112") == {"total": Decimal("0.76"), "gpb": Decimal("0.76"), "gpb.fiscal": Decimal("0.76")}
    assert table.row("30112").cell("total").provenance.note


def test_projects_keys_and_labels() -> None:
    text = (
        "2024 年项目支出预算表\n\n单位： 万元\n\n"
        "类型\t项目名称\t项目单位\t合计\t本年拨款\t\t\t财政拨款结转结余\t\t\t财政专户管理资金\t单位资金\n"
        "\t\t\t\t一般公共预算\t政府性基金预算\t国有资本经营预算\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t\n"
        "\t\t\t30.00\t30.00\t\t\t\t\t\t\t\n"
        "\t045\t测试局\t30.00\t30.00\t\t\t\t\t\t\t\n"
        "其他运转 类\t信息创新项目\t测试局\t20.00\t20.00\t\t\t\t\t\t\t\n"
        "其他运转类\t12345 专项经费\t测试局\t10.00\t10.00\t\t\t\t\t\t\t\n"
    )
    table = only_table(recognise(text))
    assert [(r.key, r.kind) for r in table.rows] == [
        ("total", "total"),
        ("unit:045", "unit"),
        ("p1", "project"),
        ("p2", "project"),
    ]
    assert table.row("p1").label == "信息创新项目"
    assert values(table, "p2") == {"total": Decimal("10.00"), "gpb": Decimal("10.00")}


def test_three_public_single_row() -> None:
    text = (
        "2024 年一般公共预算“三公”经费预算表\n\n单位：万元\n\n"
        "“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
        "\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
        "9.50\t\t4.50\t\t4.50\t5.00\n"
    )
    table = only_table(recognise(text))
    assert values(table, "total") == {
        "total": Decimal("9.50"),
        "vehicle": Decimal("4.50"),
        "vehicle.operation": Decimal("4.50"),
        "reception": Decimal("5.00"),
    }
    assert table.row("total").cell("abroad").state == "blank"


def test_empty_table_keeps_its_note() -> None:
    text = (
        "2024 年政府性基金支出预算表\n\n单位：万\n元\n\n" + EXPENSE_HEADER + "\t\t\t\t合计\t\t\t\t\t\t\t\t\n\n"
        "备注：本单位无政府性基金预算拨款安排的支出，故此表无数据。\n"
    )
    table = only_table(recognise(text))
    assert table.kind == "gov_fund" and table.empty
    assert table.unit_stated and table.unit is Unit.WAN
    assert table.notes == ["备注：本单位无政府性基金预算拨款安排的支出，故此表无数据。"]


def test_unit_yuan_from_caption() -> None:
    text = "2024 年一般公共预算“三公”经费预算表\n\n金额单位：元\n\n“三公”经费合计\t因公出国（境）费\n15000.00\t\n"
    table = only_table(recognise(text))
    assert table.unit is Unit.YUAN and table.unit_stated


def test_table_printed_twice_is_deduplicated_with_a_warning() -> None:
    block = "2024 年一般公共预算“三公”经费预算表\n\n单位：万元\n\n“三公”经费合计\t因公出国（境）费\n11.50\t\n\n"
    doc = recognise(block + block)
    assert len(doc.tables) == 1
    (dup,) = [w for w in doc.warnings if w.code == "duplicate-table"]
    assert dup.provenance.line == 8


def test_two_copies_with_different_values_are_both_kept() -> None:
    a = "2024 年一般公共预算“三公”经费预算表\n\n单位：万元\n\n“三公”经费合计\t因公出国（境）费\n11.50\t\n\n"
    doc = recognise(a + a.replace("11.50", "9.00"))
    assert [t.kind for t in doc.tables] == ["three_public", "three_public"]


def test_unrecognised_table_gets_kind_none_and_a_warning() -> None:
    doc = recognise("人员编制情况表\n\n编制数\t实有人数\n12.00\t10.00\n")
    table = only_table(doc)
    assert table.kind is None
    (w,) = [w for w in doc.warnings if w.code == "unrecognised-table"]
    assert "人员编制情况表" in w.message and w.provenance.line == 1


def test_text_in_a_numeric_cell_is_state_text_with_a_warning() -> None:
    text = "2024 年一般公共预算“三公”经费预算表\n\n“三公”经费合计\t因公出国（境）费\n421. 2¢\t0.00\n"
    doc = recognise(text)
    cell = only_table(doc).row("total").cell("total")
    assert cell.state == "text" and cell.value is None
    assert [w.code for w in doc.warnings if w.code == "unparsed-number"] == ["unparsed-number"]


def test_document_metadata() -> None:
    text = (
        "**洛阳市洛龙区人民政府办公室\n2023 年度部门预算**\n\n2023 年 2 月\n\n"
        "2023 年部门收支预算表\n\n部门名称：洛阳市洛龙区人民政府办公室\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n本年收入合计\t1.00\t本年支出合计\t1.00\n"
    )
    doc = recognise(text)
    assert doc.title == "洛阳市洛龙区人民政府办公室2023 年度部门预算"
    assert doc.year == 2023 and doc.kind is not None and doc.kind.value == "budget"
    assert doc.department == "洛阳市洛龙区人民政府办公室"


def test_several_raw_documents_make_one_document() -> None:
    a = segment("2024 年部门预算说明\n\n正文。\n", "a.txt")
    b = segment("2024 年一般公共预算“三公”经费预算表\n\n“三公”经费合计\t因公出国（境）费\n1.00\t\n", "b.txt")
    doc = recognise_all([a, b])
    assert doc.paths == ["a.txt", "b.txt"] and doc.path == "a.txt"
    assert len(doc.paragraphs) == 2 and len(doc.tables) == 1
    assert doc.tables[0].provenance.path == "b.txt"


def test_other_region_layout_is_not_forced_into_the_standard_one() -> None:
    # Beijing 预算05表: 基本支出 = 小计 / 人员经费 / 公用经费, then 项目支出总数 and a column we have no name for.
    text = (
        "预算05表 一般公共预算支出表\n\n单位：万元\n\n"
        "科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出\t\n"
        "\t\t\t小计\t人员经费\t公用经费\t项目支出总数\t扣除基建项目后预算数\n"
        "\t合计\t150.00\t100.00\t90.00\t10.00\t50.00\t50.00\n"
        "2010601\t行政运行\t100.00\t100.00\t90.00\t10.00\t\t\n"
        "2010602\t一般行政管理事务\t50.00\t\t\t\t50.00\t50.00\n"
    )
    doc = recognise(text)
    table = only_table(doc)
    assert [c.key for c in table.columns] == ["total", "basic", "basic.personnel", "basic.public", "project", "c7"]
    assert values(table, "2010602") == {"total": Decimal("50.00"), "project": Decimal("50.00"), "c7": Decimal("50.00")}
    assert [w.code for w in doc.warnings if w.code == "unknown-column"] == ["unknown-column"]


def test_line_and_column_number_columns_of_final_tables_are_dropped() -> None:
    text = (
        "收入支出决算总表\n\n单位：万元\n\n"
        "收入\t\t\t支出\t\t\n项目\t行次\t金额\t项目\t行次\t金额\n栏次\t\t1\t栏次\t\t2\n"
        "一、一般公共预算财政拨款收入\t1\t349.76\t一、一般公共服务支出\t32\t318.99\n"
        "本年收入合计\t9\t449.76\t本年支出合计\t58\t449.76\n"
    )
    doc = recognise(text)
    table = only_table(doc)
    assert table.kind == "final_summary"
    assert table.row("in.gpb").cell("amount").value == Decimal("349.76")
    assert table.row("201").cell("amount").value == Decimal("318.99")
    assert table.row("out.current_total").cell("amount").value == Decimal("449.76")
    assert not [w for w in doc.warnings if w.code == "unknown-row-label"]


def test_many_unkeyed_rows_make_one_warning() -> None:
    rows = "".join(f"2010601-行政运行\t50101-工资\t3010{n}-基本工资\t{n}.00\t{n}.00\n" for n in range(1, 6))
    text = "预算03表 支出总表\n\n支出功能分类科目\t政府支出经济分类科目\t部门支出经济分类科目\t合计\t基本支出\n" + rows
    doc = recognise(text)
    unkeyed = [w for w in doc.warnings if w.code == "unkeyed-row"]
    assert len(unkeyed) == 1 and "5 行" in unkeyed[0].message
    assert not [f for t in doc.tables for r in t.rows if r.key for f in r.cells]


def test_year_and_department_from_captions_when_the_title_has_none() -> None:
    # xigong: "部门名称：洛阳市西工区政务服务和大数据管理局 2023 年度 单位：万元"
    text = (
        "洛阳市西工区政务服务和大数据管理局部门决算公开\n\n"
        "收入支出决算总表\n\n公开 01 表\n\n部门名称：洛阳市西工区政务服务和大数据管理局 2023 年度 单位：万元\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n本年收入合计\t449.76\t本年支出合计\t449.76\n"
    )
    doc = recognise(text)
    assert doc.year == 2023 and doc.kind is not None and doc.kind.value == "final"
    assert doc.department == "洛阳市西工区政务服务和大数据管理局"
    assert doc.tables[0].unit_stated
