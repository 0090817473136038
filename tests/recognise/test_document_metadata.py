"""The document's year and kind from what it prints.

The year when no table was read: the narrative names it where it names the 预算 or
决算 itself. examples/2023-xigong-zwfw-final.txt printed without any ruling lines (a layout the PDF
reader reads no table from) opens with 职责 paragraphs; its year stands in the 23rd paragraph
("本决算为汇总决算，纳入本部门 2023 年度部门决算编制范围的…"), so the document was reported as no
disclosure at all, and none of its narrative was checked.
"""

from __future__ import annotations

from budgetlint.model import DocKind, Provenance, RawParagraph, RawTable
from budgetlint.recognise.metadata import document_kind, document_year


def _paragraphs(*texts: str) -> list[RawParagraph]:
    return [RawParagraph(text=t, provenance=Provenance(path="x.pdf", page=1)) for t in texts]


def test_the_year_the_narrative_gives_its_own_final_accounts():
    duties = ["1.贯彻执行国家、省、市有关政务服务、大数据管理工作的方针、政策和法规。"] * 20
    own = "本决算为汇总决算，纳入本部门 2023 年度部门决算编制范围的二级预算单位包括：…"
    assert document_year("洛阳市西工区政务服务和大数据管理局部门决算公开", [], _paragraphs(*duties, own)) == 2023


def test_other_years_further_in_the_narrative_are_not_the_documents():
    duties = ["1.贯彻执行国家、省、市有关政务服务、大数据管理工作的方针、政策和法规。"] * 10
    later = "2019年成立，2021年完成机构改革，承担2022年重点项目。"
    assert document_year("某局部门决算公开", [], _paragraphs(*duties, later)) is None


FINAL_TABLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
]


def _table(title: str) -> RawTable:
    return RawTable(title=title, provenance=Provenance(path="x.xlsx", sheet=title))


def test_the_tables_outvote_a_first_text_naming_a_budget():
    # the 西工区 决算 as a workbook of tables only, its first text a 绩效自评表 header cell
    # ("…全年预算数全年执行数…"): ten 决算 tables say what the document is
    first = "单位编码单位名称主管部门编码主管部门名称项目名称项目类型资金归口处室全年预算数全年执行数"
    assert document_kind(first, [_table(t) for t in FINAL_TABLES]) is DocKind.FINAL


def test_the_title_decides_when_the_tables_do_not_agree():
    tables = [_table("收入决算表"), _table("部门收支预算总表"), _table("部门收入预算表")]
    assert document_kind("某局2024年部门预算", tables) is DocKind.BUDGET
