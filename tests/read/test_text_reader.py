"""The text-export reader: decoding, debris removal, paragraphs, tables, provenance.

Inputs are small hand-made strings imitating the five example exports; the
expected values are read off those strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.errors import InputError
from budgetlint.model import RawDocument, RawParagraph, RawTable
from budgetlint.read import read_path
from budgetlint.read.text import clean_fragment, clean_line, decode_bytes, parse_text, segment


def paragraphs(doc: RawDocument) -> list[RawParagraph]:
    return [b for b in doc.blocks if isinstance(b, RawParagraph)]


def tables(doc: RawDocument) -> list[RawTable]:
    return [b for b in doc.blocks if isinstance(b, RawTable)]


# --------------------------------------------------------------- debris


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("## 2025 年部门收支预算表", "2025 年部门收支预算表"),  # Markdown heading
        ("（一）因公出国（境）费**0**万元", "（一）因公出国（境）费0万元"),  # bold inside a sentence
        ("**八、政府性基金支出预算情况说明**", "八、政府性基金支出预算情况说明"),
        ("**洛阳市洛龙区人民政府办公室", "洛阳市洛龙区人民政府办公室"),  # bold whose partner is on the next line
        ("- 一、主要职责", "一、主要职责"),  # list bullet
    ],
)
def test_clean_line_markdown(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<p>1. 年度履职目标是否符合</p> <p>2. 是否相关</p>", "1. 年度履职目标是否符合 2. 是否相关"),
        (">7800 m <sup>2</sup>", ">7800 m ²"),
        ("第一行<br>第二行", "第一行 第二行"),
        ("<u></u>", ""),
        ("\\rightarrow \\(\\lambda \\)", ""),  # yanjin line 193: stray LaTeX in a header cell
        ("\\P", ""),
        ("金额$x_1$万元", "金额 万元"),
        ("<10万元", "<10万元"),  # a comparison, not a tag
        ("《支出经济分类科目改革方案》", "《支出经济分类科目改革方案》"),
    ],
)
def test_clean_fragment_html_and_latex(raw: str, clean: str) -> None:
    assert clean_fragment(raw) == clean


# ------------------------------------------------------------ decoding


def test_decode_utf8_with_bom() -> None:
    assert decode_bytes("\ufeff收入总计".encode("utf-8"), "x.txt") == "收入总计"


def test_decode_falls_back_to_gb18030() -> None:
    assert decode_bytes("单位：万元".encode("gb18030"), "x.txt") == "单位：万元"


def test_decode_utf16_with_bom() -> None:
    assert decode_bytes("单位：万元\t合计".encode("utf-16"), "x.txt") == "单位：万元\t合计"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    with pytest.raises(InputError) as err:
        read_path(p)
    assert "不是文本文件" in err.value.reason


def test_undecodable_bytes_are_refused() -> None:
    with pytest.raises(InputError):
        decode_bytes(b"\xff\xfe\xfa" * 50 + b"\x81", "x.txt")


def test_gb18030_file_reads(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    text = "2024 年部门收支预算表\n\n单位：万元\n\n收入\t\t支出\t\n项目\t金额\t项目\t金额\n本年收入合计\t1.00\t本年支出合计\t1.00\n收入总计\t1.00\t支出总计\t1.00\n"
    p.write_bytes(text.encode("gb18030"))
    doc = read_path(p)
    assert tables(doc)[0].title == "2024 年部门收支预算表"


# ------------------------------------------------------------ paragraphs


def test_paragraph_broken_by_blank_line_mid_sentence_is_joined() -> None:
    # laocheng lines 125-127: a sentence broken by a blank line
    text = (
        "（三）预算绩效情况说明\n\n"
        "2024 年政务服务和大数据管理局对项目支出全面实施绩效\n\n"
        "目标管理，涉及预算拨款 558.00 万元,共 4 个项目。\n\n"
        "（四）国有资产占用情况\n"
    )
    paras = paragraphs(segment(text, "x.txt"))
    assert [p.text for p in paras] == [
        "（三）预算绩效情况说明",
        "2024 年政务服务和大数据管理局对项目支出全面实施绩效目标管理，涉及预算拨款 558.00 万元,共 4 个项目。",
        "（四）国有资产占用情况",
    ]
    joined = paras[1]
    assert joined.provenance.line == 3 and joined.provenance.end_line == 5
    offset = joined.text.index("558.00")
    assert joined.provenance_at(offset).line == 5
    assert joined.provenance_at(0).line == 3


def test_finished_sentence_and_heading_are_not_joined() -> None:
    text = "区政务服务和大数据管理局 2024 年无政府性基金预算拨款安排的支出。\n\n九、国有资本经营预算支出预算情况说明\n\n区政务服务和大数据管理局 2024 年无国有资本经营预算。\n"
    assert len(paragraphs(segment(text, "x.txt"))) == 3


def test_number_wrapped_after_digits_joins_without_space() -> None:
    # laocheng lines 101-103: "...预算数比2023" / "" / "年增加11.00万元..."
    text = "二是公务用车运行维护费**11.50**万元，预算数比2023\n\n年增加11.00万元，主要原因是业务需要。\n"
    (p,) = paragraphs(segment(text, "x.txt"))
    assert "预算数比2023年增加11.00万元" in p.text


def test_adjacent_lines_join_but_list_items_do_not() -> None:
    text = "**洛阳市洛龙区人民政府办公室\n2023 年度部门预算**\n\n- 第一项职责\n- 第二项职责\n"
    assert [p.text for p in paragraphs(segment(text, "x.txt"))] == [
        "洛阳市洛龙区人民政府办公室2023 年度部门预算",
        "第一项职责",
        "第二项职责",
    ]


def test_date_line_is_not_joined_to_the_cover_title() -> None:
    text = "# 2025 年洛龙区政务服务中心 部门预算公开\n\n2025 年 3 月\n"
    assert [p.text for p in paragraphs(segment(text, "x.txt"))] == [
        "2025 年洛龙区政务服务中心 部门预算公开",
        "2025 年 3 月",
    ]


# ---------------------------------------------------------------- tables

TABLE = (
    "正文一段。\n"  # line 1
    "\n"
    "2024 年部门支出预算表\n"  # 3
    "\n"
    "部门名称：洛阳市老城区政务服务和大数据管理局\n"  # 5
    "\n"
    "单位：万\n"  # 7
    "元\n"  # 8
    "\n"
    "科目编码\t\t\t单位代码\t单位（科目名称）\t合计\n"  # 10
    "\t\t\t\t合计\t2301.43\n"  # 11
    "- 3 -\n"  # 12: page number inside the table
    "201\t03\t01\t\t行政运行\t1682.25\n"  # 13
    "302\t31\t公务用车运行维护\t502\t08\t1.50\n"  # 14
    "\n"
    "\t\t费\t\t\t\n"  # 16: wrapped tail of line 14's text cell
    "\n"
    "备注：本表无政府性基金数据。\n"  # 18
    "\n"
    "后面的正文。\n"  # 20
)


def test_table_title_caption_rows_and_notes() -> None:
    doc = segment(TABLE, "t.txt")
    (table,) = tables(doc)
    assert table.title == "2024 年部门支出预算表"
    assert table.caption == ["部门名称：洛阳市老城区政务服务和大数据管理局", "单位：万元"]
    assert table.notes == ["备注：本表无政府性基金数据。"]
    assert table.provenance.line == 3
    assert [[c.text for c in row] for row in table.rows] == [
        ["科目编码", "", "", "单位代码", "单位（科目名称）", "合计"],
        ["", "", "", "", "合计", "2301.43"],
        ["201", "03", "01", "", "行政运行", "1682.25"],
        ["302", "31", "公务用车运行维护费", "502", "08", "1.50"],
    ]
    assert [p.text for p in paragraphs(doc)] == ["正文一段。", "后面的正文。"]


def test_cell_provenance_is_source_line_and_raw_text() -> None:
    (table,) = tables(segment(TABLE, "t.txt"))
    cell = table.rows[2][5]
    assert (cell.provenance.path, cell.provenance.line, cell.printed) == ("t.txt", 13, "1682.25")
    merged = table.rows[3][2]
    assert merged.provenance.line == 14 and merged.provenance.end_line == 16


def test_a_cell_printed_with_spaces_keeps_them_and_the_others_share_their_lines_place() -> None:
    text = "2024 年部门支出总体情况表\n\n201\t行政运行\t 123.92 \t5.00\n"
    (table,) = tables(segment(text, "y.txt"))
    code, name, padded, plain = table.rows[0]
    assert (padded.text, padded.printed, plain.printed) == ("123.92", " 123.92 ", "5.00")
    assert code.provenance is name.provenance is plain.provenance  # one record for the line
    assert padded.provenance.line == plain.provenance.line == 3


def test_numbers_broken_by_spaces_stay_raw_in_the_grid() -> None:
    text = (
        "2024 年部门支出总体情况表\n\n\t\t\t\t合计\t421. 29\t163 . 42\t497.3 1\n201\t03\t01\t\t行政运行\t123. 92\t\t\n"
    )
    (table,) = tables(segment(text, "y.txt"))
    assert [c.text for c in table.rows[0]][5:] == ["421. 29", "163 . 42", "497.3 1"]


def test_shredded_row_is_dropped_with_a_warning() -> None:
    # yanjin line 197: a row whose cells hold many numbers and arrow glyphs
    text = "2024年部门收入总体情况表\n\n合计\t421. 29\t421. 29\n\t名称 合计 421. 29 421. 29 421. 29 421. 29\t名称\n"
    doc = segment(text, "y.txt")
    (table,) = tables(doc)
    assert len(table.rows) == 1
    assert [w.code for w in doc.warnings] == ["shredded-row"]
    assert doc.warnings[0].provenance.line == 4


def test_page_footer_inside_a_table_is_skipped() -> None:
    text = "2024 年部门支出预算表\n\n\t\t\t\t合计\t1.00\n\n第 3 页 共 10 页\n\n201\t03\t01\t\t行政运行\t1.00\n"
    doc = segment(text, "x.txt")
    (table,) = tables(doc)
    assert [row[0].provenance.line for row in table.rows] == [3, 7]
    assert not paragraphs(doc)


def test_tab_indented_sentence_is_a_paragraph() -> None:
    text = "前一段。\n\n\t区政务服务和大数据管理局 2024 年收入总计 2301.43 万元，支出总计 2301.43 万元，收支平衡。\n\n后一段。\n"
    doc = segment(text, "x.txt")
    assert not tables(doc)
    assert paragraphs(doc)[1].text.startswith("区政务服务和大数据管理局 2024 年收入总计")


def test_table_printed_twice_is_kept_twice_by_the_reader() -> None:
    block = "2024 年一般公共预算“三公”经费预算表\n\n“三公”经费合计\t因公出国（境）费\n11.50\t\n\n"
    doc = segment(block + block, "x.txt")
    assert [t.provenance.line for t in tables(doc)] == [1, 6]


def test_sheet_label_above_title_joins_the_caption() -> None:
    text = "前文。\n\n预算 10 表\n\n2024 年国有资本经营支出预算表\n\n单位：万元\n\n合计\t\t\n\t合计\t\n"
    (table,) = tables(segment(text, "x.txt"))
    assert table.caption == ["预算 10 表", "单位：万元"]


# ---------------------------------------------------- empty-table remarks

# yanjin lines 347-361: an empty 政府性基金 table (only a 合计 row of 0.00), its 注 and then an
# unnumbered remark saying why it is empty; the next table's title follows.
EMPTY_TABLE = (
    "2024 年政府性基金预算支出情况表\n"  # 1
    "\n"
    "部门名称:延津县政务服务和大数据管理局\n"  # 3
    "\n"
    "类\t款\t项\t单位代码\t单位(科目名称)\t合计\t小计\n"  # 5
    "\t\t\t\t合计\t0.00\t0.00\n"  # 6
    "\n"
    "注: 本表仅含当年财政拨款安排的支出。\n"  # 8
    "\n"
    "我部门 2024 年没有使用政府性基金预算拨款安排的支出。\n"  # 10
    "\n"
    "2024年项目支出表\n"  # 12
    "\n"
    "类型\t项目名称\t合计\n"  # 14
    "\t\t\t257.87\n"  # 15
)


def test_remark_under_an_empty_table_is_a_note_not_a_paragraph() -> None:
    doc = segment(EMPTY_TABLE, "y.txt")
    first, second = tables(doc)
    assert first.notes == [
        "注: 本表仅含当年财政拨款安排的支出。",
        "我部门 2024 年没有使用政府性基金预算拨款安排的支出。",
    ]
    assert second.title == "2024年项目支出表"
    assert not paragraphs(doc)


def test_laocheng_style_note_under_empty_table_still_a_note() -> None:
    # laocheng lines 394-399: header rows only, then 备注：…故此表无数据。
    text = (
        "2024 年国有资本经营支出预算表\n\n单位：万元\n\n"
        "科目编码\t\t\t单位代码\t单位（科目名称）\t合计\n"
        "\t\t\t\t合计\t\n\n"
        "备注：区政务服务和大数据管理局 2024 年无国有资本经营预算拨款安排的支出，故此表无数据。\n\n"
        "正文继续。\n"
    )
    doc = segment(text, "l.txt")
    (table,) = tables(doc)
    assert table.notes == ["备注：区政务服务和大数据管理局 2024 年无国有资本经营预算拨款安排的支出，故此表无数据。"]
    assert [p.text for p in paragraphs(doc)] == ["正文继续。"]


def test_remark_like_sentence_under_a_table_with_amounts_stays_narrative() -> None:
    text = (
        "2024 年政府性基金预算支出情况表\n\n"
        "类\t款\t项\t单位代码\t单位(科目名称)\t合计\n"
        "\t\t\t\t合计\t12.50\n\n"
        "我部门 2024 年没有使用国有资本经营预算拨款安排的支出。\n"
    )
    doc = segment(text, "y.txt")
    (table,) = tables(doc)
    assert table.notes == []
    assert [p.text for p in paragraphs(doc)] == ["我部门 2024 年没有使用国有资本经营预算拨款安排的支出。"]


def test_department_label_printed_down_the_page_is_rejoined() -> None:
    # laocheng lines 209-217: 部门 / 名 <name> / 称： and 单 / 位： / 万元
    text = (
        "2024 年部门收入预算表\n\n部门\n名 洛阳市老城区政务服务和大数据管理局\n称：\n\n单\n位：\n万元\n\n"
        "单位代码\t单位名称\t合计\n\t合计\t2301.43\n"
    )
    (table,) = tables(segment(text, "l.txt"))
    assert table.caption == ["部门名称：洛阳市老城区政务服务和大数据管理局", "单位：万元"]


# ---------------------------------------------------------- layout hand-off


def test_text_without_tabs_goes_to_layout_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    import budgetlint.read.text as text_reader

    marker = RawDocument(path="marker", format="layout")
    monkeypatch.setattr(text_reader, "read_layout", lambda path, text, header_layouts=(): marker)
    assert parse_text("收入支出决算总表\n项目 行次 金额\n本年收入合计 1 449.76\n", "f.txt") is marker


def test_registered_for_txt_and_md(tmp_path: Path) -> None:
    for suffix in (".txt", ".md"):
        p = tmp_path / f"doc{suffix}"
        p.write_text(
            "2024 年部门收支预算表\n\n收入\t\t支出\t\n本年收入合计\t1.00\t本年支出合计\t1.00\n收入总计\t1.00\t支出总计\t1.00\n",
            encoding="utf-8",
        )
        assert read_path(p).format == "text"
