"""The plain layout-text reader (budgetlint.read.layout) on small hand-made inputs."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.model import RawDocument, RawParagraph, RawTable
from budgetlint.read.layout import read_layout
from budgetlint.recognise.header_layouts import header_layouts
from tests.samples import INCOME_HEAD

P = Path("doc.txt")


def _read(text: str) -> RawDocument:
    return read_layout(P, text, header_layouts())


def _tables(doc: RawDocument) -> list[RawTable]:
    return [b for b in doc.blocks if isinstance(b, RawTable)]


def _paras(doc: RawDocument) -> list[RawParagraph]:
    return [b for b in doc.blocks if isinstance(b, RawParagraph)]


def _texts(row) -> list[str]:
    return [c.text for c in row]


def _line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, ln in enumerate(text.split("\n")) if needle in ln)


# ------------------------------------------------------------ broken numbers


def test_number_broken_across_lines_is_rejoined_with_a_note():
    text = (
        INCOME_HEAD
        + "合计 449.\n\n76 449.76 0 0 0 0 0\n\n2010301 行政运行 5\n\n6.94 56.94 0 0 0 0 0\n\n注：本表反映收入。\n"
    )
    t = _tables(_read(text))[0]
    assert t.aligned
    total = next(r for r in t.rows if r[1].text == "合计")
    assert _texts(total) == ["", "合计", "449.76", "449.76", "0", "0", "0", "0", "0"]
    cell = total[2]
    assert cell.provenance.raw == "449.\n76"
    assert (cell.provenance.line, cell.provenance.end_line) == (
        _line_of(text, "合计 449."),
        _line_of(text, "76 449.76"),
    )
    assert "合并为 449.76" in cell.provenance.note and "恰有 7 个数值" in cell.provenance.note
    row = next(r for r in t.rows if r[0].text == "2010301")
    assert _texts(row)[2:4] == ["56.94", "56.94"]
    assert row[2].provenance.raw == "5\n6.94"
    # Cells that were not repaired carry no note.
    assert row[3].provenance.note is None


def test_rejoin_requires_the_row_identity_when_the_table_has_one():
    # Every complete row has total = sum of the others; a join that breaks that is refused.
    text = (
        INCOME_HEAD + "合计 10.00 10.00 0 0 0 0 0\n\n"
        "201 一般公共服务支出 10.00 10.00 0 0 0 0 0\n\n"
        "2010301 行政运行 9.00 5\n\n6.94 0 0 0 0 0\n\n注：本表反映收入。\n"
    )
    doc = _read(text)
    t = _tables(doc)[0]
    row = next(r for r in t.rows if r[0].text == "2010301")
    assert "56.94" not in _texts(row)
    assert not t.aligned
    assert any(w.code == "broken-number-unresolved" for w in doc.warnings)


def test_two_possible_joins_are_not_guessed():
    text = INCOME_HEAD + "2010301 行政运行 5\n\n6.94 5\n\n6.94 0 0 0 0\n\n注：本表反映收入。\n"
    doc = _read(text)
    row = next(r for r in _tables(doc)[0].rows if r[0].text == "2010301")
    assert [c.text for c in row[2:]] == ["5", "6.94", "5", "6.94", "0", "0", "0", "0"]
    assert not _tables(doc)[0].aligned


def test_row_with_too_few_values_marks_table_unaligned():
    text = INCOME_HEAD + "合计 449.76 449.76\n\n201 一般公共服务支出 318.99 318.99 0 0 0 0 0\n\n注：本表。\n"
    t = _tables(_read(text))[0]
    assert not t.aligned
    total = next(r for r in t.rows if r[1].text == "合计")
    assert _texts(total) == ["", "合计", "449.76", "449.76", "", "", "", "", ""]


def test_header_is_rebuilt_from_the_layout_template():
    t = _tables(_read(INCOME_HEAD + "合计 1.00 1.00 0 0 0 0 0\n\n注：本表。\n"))[0]
    head = t.rows[0]
    assert _texts(head) == [
        "科目代码",
        "科目名称",
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    assert "附属单位上缴收\n\n入" not in head[7].provenance.raw  # blank lines are not kept
    assert "附属单位上缴收\n入" in head[7].provenance.raw
    assert head[7].provenance.note.startswith("表头按版式模板")
    assert not any("栏次" in c.text for r in t.rows for c in r)


def test_unknown_header_is_kept_as_printed():
    text = " 某某表\n\n公开 99 表\n\n单位：万元\n\n甲 乙\n\n丙\n\n栏次 1 2\n\n合计 1.00 2.00\n"
    t = _tables(_read(text))[0]
    # No template fits: the header lines stay as printed, padded to the grid width (2 labels + 2 values).
    assert _texts(t.rows[0]) == ["甲", "乙", "", ""]
    assert _texts(t.rows[1]) == ["丙", "", "", ""]
    assert t.rows[1][0].provenance.line == 9 and t.rows[1][0].provenance.note is None
    assert _texts(t.rows[2]) == ["", "合计", "1.00", "2.00"]


# ------------------------------------------------------------ two-sided tables


SUMMARY = """ 收入支出决算总表

公开 01 表

部门名称：某局 2023 年度 单位：万元

收入 支出

项目 行次 金额 项目 行次 金额

栏次 1 栏次 2

一、一般公共预算财政拨款收入 1 349.76 一、一般公共服务支出 32 318.99

三、国有资本经营预算财政拨款收入 3 0 三、国防支出 34 0

9 九、卫生健康支出 40 7.78

年初结转和结余 29 0 年末结转和结余 60 0

30 61

一般公共预算财政拨款 29 0 62

注：本表反映总收支。
"""


def test_two_sided_lines_split_into_left_and_right_items():
    t = _tables(_read(SUMMARY))[0]
    assert _texts(t.rows[0]) == ["收入", "", "支出", ""] and t.rows[0][1].covered
    assert _texts(t.rows[1]) == ["项目", "金额", "项目", "金额"]
    data = [_texts(r) for r in t.rows[2:]]
    assert data == [
        ["一、一般公共预算财政拨款收入", "349.76", "一、一般公共服务支出", "318.99"],
        ["三、国有资本经营预算财政拨款收入", "0", "三、国防支出", "0"],
        ["", "", "九、卫生健康支出", "7.78"],
        ["年初结转和结余", "0", "年末结转和结余", "0"],
        ["", "", "", ""],
        ["一般公共预算财政拨款", "0", "", ""],  # "62" is the right side's 行次, not a value
    ]
    assert t.rows[4][2].provenance.note == "行次 40"
    assert t.aligned


# ------------------------------------------------------------ items and vertical tables


def test_side_by_side_items_become_rows():
    text = (
        " 一般公共预算财政拨款基本支出决算明细表\n\n公开 06 表\n\n单位：万元\n\n人员经费 公用经费\n\n"
        "科目名称 决算数\n\n科目名称 决算数\n\n"
        "301 工资福利支出 171.07 302 商品和服务支出 4.05\n\n30299 其他商品和服务支出 0\n\n"
        "人员经费合计 172.32 公用经费合计 4.05\n\n注：本表。\n"
    )
    t = _tables(_read(text))[0]
    assert [_texts(r) for r in t.rows[1:]] == [
        ["301", "工资福利支出", "171.07"],
        ["302", "商品和服务支出", "4.05"],
        ["30299", "其他商品和服务支出", "0"],
        ["", "人员经费合计", "172.32"],
        ["", "公用经费合计", "4.05"],
    ]


def test_vertical_table_keeps_numbers_out_of_the_narrative():
    text = (
        "部门项目绩效自评表\n 项目单位自评表\n单位:万元\n\n单位编\n\n码\n\n项目名称\n\n"
        "113001\n\n洛阳市\n\n某局\n\n113\n\n智慧平台建设\n\n498 100 0 20.08% 100% 87.01 是\n\n"
        "第四部分\n\n名词解释\n"
    )
    doc = _read(text)
    t = _tables(doc)[0]
    assert t.title == "项目单位自评表" and not t.aligned
    row = t.rows[-1]
    assert _texts(row)[:4] == ["113001", "洛阳市某局", "113", "智慧平台建设"]
    assert row[1].provenance.raw == "洛阳市\n某局" and row[2].provenance.line == text.split("\n").index("113") + 1
    assert _texts(row)[-3:] == ["100%", "87.01", "是"]
    assert [p.text for p in _paras(doc)] == ["第四部分", "名词解释"]


# ------------------------------------------------------------ paragraphs


NARRATIVE = """二、收入决算情况说明

2023 年度收入合计 449.76 万元，其中：财政拨款收入 449.

76 万元，占 100.00%；上级补助收入 0.00 万元，占 0.00%；事

业收入 0.00 万元，占 0.00%。



- 28 -

三、支出决算情况说明

1.一般公共服务支出（类）政府办公厅（室）及相关机构事

务（款）行政运行（项）。年初预算数为 50.67 万元，决算数 5

6.94 万元,完成年初预算的 112.37%，决算数与年初预算数存在

差异的主要原因是人员增加。

2.一般公共服务支出（类）政府办公厅（室）及相关机构事

务（款）一般行政管理事务（项）。
"""


def test_paragraphs_join_wrapped_lines_and_keep_spans():
    paras = _paras(_read(NARRATIVE))
    texts = [p.text for p in paras]
    assert texts[0] == "二、收入决算情况说明"
    assert texts[1] == (
        "2023 年度收入合计 449.76 万元，其中：财政拨款收入 449.76 万元，占 100.00%；"
        "上级补助收入 0.00 万元，占 0.00%；事业收入 0.00 万元，占 0.00%。"
    )
    assert texts[2] == "三、支出决算情况说明"
    assert "决算数 56.94 万元,完成年初预算的 112.37%" in texts[3]
    assert texts[4].startswith("2.一般公共服务支出")
    p = paras[1]
    off = p.text.index("76 万元，占 100.00%")
    assert p.provenance_at(off).line == 5 and p.provenance_at(off - 1).line == 3
    assert [s[1].line for s in p.spans] == [3, 5, 7]
    assert p.spans[1][1].raw == "76 万元，占 100.00%；上级补助收入 0.00 万元，占 0.00%；事"


def test_page_numbers_are_dropped():
    assert not any("- 28 -" in p.text or p.text == "28" for p in _paras(_read(NARRATIVE)))


# ------------------------------------------------------------ whole example + robustness


def test_read_path_routes_layout_text_here():
    from budgetlint.read import read_path

    path = Path(__file__).resolve().parents[2] / "examples" / "2023-xigong-zwfw-final.txt"
    doc = read_path(path, header_layouts=header_layouts())
    assert sum(isinstance(b, RawTable) for b in doc.blocks) == 10
    assert doc.format == "text"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    doc = _read(text)
    assert isinstance(doc, RawDocument)


_PIECES = st.sampled_from(
    [
        "公开 01 表",
        "公开 02 表",
        "收入决算表",
        "栏次 1 2 3",
        "栏次 1 栏次 2 3",
        "1 2 3",
        "合计",
        "201",
        "2010301",
        "行政运行",
        "5",
        "6.94",
        "449.",
        "76",
        "0",
        "注：本表。",
        "说明：无。",
        "单位：万元",
        "单位:万元",
        "部门名称：某局",
        "项目单位自评表",
        "自评表",
        "113001",
        "是",
        "20.08%",
        "- 8 -",
        "第三部分",
        "一、",
        "（一）",
        "1.",
        "其中：",
        "",
        " ",
        "\n",
        "\n\n",
        "。",
        "，",
        "收入",
        "支出",
        "项目",
        "行次",
        "金额",
        "科目代码",
        "科目名称",
        "决算数",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map(lambda xs: " ".join(xs) if len(xs) % 3 else "\n".join(xs)))
def test_never_raises_on_table_like_text(text):
    doc = _read(text)
    for b in doc.blocks:
        if isinstance(b, RawTable):
            assert all(c.provenance.path == "doc.txt" for r in b.rows for c in r)


def test_marker_above_title_and_prose_after_a_table_without_notes():
    text = (
        "公开 05 表\n\n一般公共预算财政拨款支出决算表\n\n单位：万元\n\n项目 本年支出\n\n科目代码 科目名称 小计 基本支出 项目支出\n\n"
        "栏次 1 2 3\n\n合计 3.00 1.00 2.00\n\n"
        "2023 年度一般公共预算财政拨款支出 3.00 万元，占支出合计的 77.77%。与上年度相比，减少 8.11 万元。\n"
    )
    doc = _read(text)
    t = _tables(doc)[0]
    assert t.title == "一般公共预算财政拨款支出决算表" and t.caption == ["公开 05 表", "单位：万元"]
    assert t.provenance.line == 1  # where the table starts: its 公开 05 表 line
    assert _texts(t.rows[1]) == ["", "", "小计", "基本支出", "项目支出"]
    assert _texts(t.rows[-1]) == ["", "合计", "3.00", "1.00", "2.00"]
    assert [p.text for p in _paras(doc)] == [text.strip().split("\n")[-1]]


def test_numbers_with_no_row_are_reported():
    text = INCOME_HEAD + "201 一般公共服务支出 1.00 1.00 0 0 0 0 0\n\n2 3\n\n注：本表。\n"
    doc = _read(text)
    t = _tables(doc)[0]
    assert _texts(t.rows[-1])[:4] == ["", "", "2", "3"]
    assert not t.aligned
    assert [w.code for w in doc.warnings] == ["orphan-values"]
    assert doc.warnings[0].provenance.line == text.split("\n").index("2 3") + 1


def test_codes_printed_in_three_columns_are_joined():
    text = INCOME_HEAD + "201 03 01 行政运行 56.94 56.94 0 0 0 0 0\n\n注：本表。\n"
    row = _tables(_read(text))[0].rows[-1]
    assert _texts(row)[:3] == ["2010301", "行政运行", "56.94"]
    assert row[0].provenance.raw == "201 03 01"


def test_two_sided_header_without_template_drops_line_number_words():
    text = SUMMARY.replace("收入支出决算总表", "某某收支表").replace("收入 支出\n", "来源 用途\n")
    t = _tables(_read(text))[0]
    assert _texts(t.rows[1]) == ["项目", "金额", "项目", "金额"]
    assert t.rows[1][0].provenance.note is None  # kept as printed, not from a template


def test_items_without_amounts_and_thousands_separators():
    text = (
        " 一般公共预算财政拨款基本支出决算明细表\n公开 06 表\n单位：万元\n人员经费 公用经费\n科目名称 决算数\n"
        "301 工资福利支出 6,982.75 302 商品和服务支出 2,239.41 307 债务利息及费用支出\n"
        "30106 伙食补助费 30204 手续费 0.66 31001 房屋建筑物购建\n注：本表。\n"
    )
    t = _tables(_read(text))[0]
    assert [_texts(r) for r in t.rows[1:]] == [
        ["301", "工资福利支出", "6,982.75"],
        ["302", "商品和服务支出", "2,239.41"],
        ["307", "债务利息及费用支出", ""],
        ["30106", "伙食补助费", ""],
        ["30204", "手续费", "0.66"],
        ["31001", "房屋建筑物购建", ""],
    ]


def test_title_printed_after_the_table_and_data_on_the_count_line():
    text = (
        "公开 02 表\n部门：某局 金额单位：万元\n项目\n本年收入合\n计\n财政拨款收\n入\n上级补助收\n入\n事业收入 经营收入\n"
        "附属单位\n上缴收入\n其他收入 科目代码 科目名称\n栏次 1 2 3 4 5 6 7 合计 20,451.35 19,572.91 878.44\n"
        "201 一般公共服务支出 16,770.89 15,892.45 878.44\n注：本表反映收入。\n收入决算表\n\n二、下一节\n"
    )
    doc = _read(text)
    t = _tables(doc)[0]
    assert t.title == "收入决算表" and t.provenance.line == 1
    assert t.notes == ["注：本表反映收入。"]
    assert _texts(t.rows[0])[2] == "本年收入合计"
    assert _texts(t.rows[1]) == ["", "合计", "20,451.35", "19,572.91", "878.44", "", "", "", ""]
    assert t.rows[1][2].provenance.line == 14
    assert not t.aligned  # empty cells were dropped: positions must be inferred
    assert [p.text for p in _paras(doc)] == ["二、下一节"]


def test_two_sided_without_count_row_and_rows_run_together():
    # Shape of a central-government 决算 export: no 栏次 row, empty cells dropped,
    # and two printed rows run onto one line (line 12 below).
    text = """财政拨款收入支出决算总表
公开 04 表
部门：某局 金额单位：万元
收 入 支 出
项目 行次 金额 项目 行次 合计
一般公共预算
财政拨款
政府性基金预
算财政拨款
国有资本经营
预算财政拨款
一、一般公共预算财政拨款 1 19,572.91 一、一般公共服务支出 33 9,846.82 9,846.82
年初财政拨款结转和结余 28 1,154.62 年末财政拨款结转和结余 60 6,993.74 6,993.74 一般公共预算财政拨款 29 1,154.62 61
政府性基金预算财政拨款 30 62
注：本表反映财政拨款总收支。
"""
    t = _tables(_read(text))[0]
    assert _texts(t.rows[1]) == [
        "项目",
        "金额",
        "项目",
        "合计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ]
    data = [_texts(r) for r in t.rows[2:]]
    assert data == [
        ["一、一般公共预算财政拨款", "19,572.91", "一、一般公共服务支出", "9,846.82", "9,846.82", "", ""],
        ["年初财政拨款结转和结余", "1,154.62", "年末财政拨款结转和结余", "6,993.74", "6,993.74", "", ""],
        ["一般公共预算财政拨款", "1,154.62", "", "", "", "", ""],
        ["政府性基金预算财政拨款", "", "", "", "", "", ""],
    ]
    assert [r[0].provenance.line for r in t.rows[2:]] == [12, 13, 13, 14]
    assert t.rows[4][0].provenance.note == "行次 29" and t.rows[4][2].provenance.note == "行次 61"
    assert not t.aligned  # the right side printed 2 of 4 values: positions need inference


def test_bare_page_numbers_between_paragraphs_are_dropped():
    text = "一、部门职责\n负责全区政务服务工作。\n\n16\n二、机构设置\n内设机构 2 个。\n"
    assert [p.text for p in _paras(_read(text))] == [
        "一、部门职责",
        "负责全区政务服务工作。",
        "二、机构设置",
        "内设机构 2 个。",
    ]
