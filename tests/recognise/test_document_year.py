"""The document's year when no table was read: the narrative names it where it names the 预算 or
决算 itself. examples/2023-xigong-zwfw-final.txt printed without any ruling lines (a layout the PDF
reader reads no table from) opens with 职责 paragraphs; its year stands in the 23rd paragraph
("本决算为汇总决算，纳入本部门 2023 年度部门决算编制范围的…"), so the document was reported as no
disclosure at all, and none of its narrative was checked.
"""

from __future__ import annotations

from budgetlint.model import Provenance, RawParagraph
from budgetlint.recognise.metadata import document_year


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
