"""Which tables the recogniser names, when the name is not the reader's title.

A table whose title is a section heading or a sentence, a table printed below its name that
the reader kept as a paragraph, and pages that are no budget table (目录, list of units,
performance indicators) — these must not be left as tables nobody understood.
"""

from __future__ import annotations

from budgetlint.model import Provenance, RawCell, RawDocument, RawParagraph, RawTable
from budgetlint.recognise import recognise_all
from budgetlint.recognise.kinds import classify

P = Provenance(path="t.pdf", page=1)


def _table(title: str, rows: list[list[str]], caption: list[str] | None = None) -> RawTable:
    return RawTable(
        title=title,
        caption=caption if caption is not None else ([title] if title else []),
        rows=[[RawCell(text=t, provenance=P) for t in r] for r in rows],
        provenance=P,
    )


def _kind(raw: RawTable) -> str | None:
    rule, _ = classify(raw)
    return rule.kind if rule else None


def test_caption_line_names_a_table_whose_title_is_a_section_heading() -> None:
    raw = _table(
        "第二部分 2026年度部门预算表",
        [["项 目", "本年预算", "项 目", "本年预算"]],
        caption=["第二部分 2026年度部门预算表", "收支总表（预算表1）"],
    )
    assert _kind(raw) == "income_expense_summary"


def test_contents_and_unit_lists_are_not_budget_tables() -> None:
    contents = _table(
        "目 录", [["报表", "报表名称", "是否空表", "公开空表理由"], ["表1", "部门综合预算收支总表", "否", ""]]
    )
    units = _table(
        "纳入本部门2022年部门预算编制范围的预算单位共有2个，详细情况见下表：",
        [["序号", "单位名称", "拟变动情况"], ["1", "某某局（本级）", "/"]],
    )
    untitled_units = _table("", [["序号", "单位名称", "拟变动情况"], ["1", "某某局（本级）", ""]])
    assert {_kind(contents), _kind(units), _kind(untitled_units)} == {"not_budget"}


def test_indicator_pages_without_title_are_performance_words() -> None:
    raw = _table("", [["", "一级指标", "二级指标", "指标内容", "指标值"], ["", "", "数量指标", "指标1：检查", "≥80%"]])
    assert _kind(raw) == "performance_indicators"


def test_a_form_per_project_is_the_project_performance_table() -> None:
    raw = _table(
        "部门专项业务经费绩效目标表",
        [["项目名称", "", "", "审计事务"], ["资金金额(万元)", "", "实施期资金总额：", "285.87"]],
    )
    assert _kind(raw) == "project_performance"


def test_an_unknown_table_stays_unrecognised() -> None:
    raw = _table("", [["甲", "乙"], ["1", "2"]])
    assert _kind(raw) is None


def test_name_printed_as_a_paragraph_above_an_untitled_table_names_it() -> None:
    # 江苏 2018: "四、…财政拨款收支预算总表 | 单位：万元 | 收入 支出" read as paragraphs, the grid on the next page.
    blocks = [
        RawParagraph(text="四、2018年度某某单位财政拨款收支预算总表", provenance=P),
        RawParagraph(text="单位：万元", provenance=P),
        RawParagraph(text="收入 支出", provenance=P),
        _table(
            "",
            [
                ["项目名称", "金额", "项目名称", "金额"],
                ["一、一般公共预算", "10.00", "一、基本支出", "10.00"],
                ["收入合计", "10.00", "支出合计", "10.00"],
            ],
        ),
    ]
    doc = recognise_all([RawDocument(path="t.pdf", format="pdf", blocks=blocks)])
    assert [t.kind for t in doc.tables] == ["fiscal_summary"]


def test_a_sentence_above_an_untitled_table_does_not_name_it() -> None:
    blocks = [
        RawParagraph(
            text="本部门2018年财政拨款收支预算总表详见下表，收入合计与支出合计相等，均为本年财政拨款。", provenance=P
        ),
        _table("", [["甲", "乙"], ["1", "2"]]),
    ]
    doc = recognise_all([RawDocument(path="t.pdf", format="pdf", blocks=blocks)])
    assert [t.kind for t in doc.tables] == [None]


def test_next_page_of_a_project_form_without_its_title_is_project_performance() -> None:
    raw = _table(
        "",
        [
            ["", "金", "", "", ""],
            ["主管部门", "某某局", "", "实施单位", "某某局"],
            ["专项资金情况（万元）", "资金总额", "", "745.00", ""],
        ],
    )
    assert _kind(raw) == "project_performance"
