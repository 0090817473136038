"""Property: reading and recognising arbitrary text never raises; it returns a Document."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.facts import flatten
from budgetlint.model import Document
from budgetlint.read.text import segment
from budgetlint.recognise import recognise_all

# Tokens that steer the text into the reader's and recogniser's branches.
TOKENS = [
    "\t",
    "\n",
    "\n\n",
    " ",
    "2024 年",
    "部门收支预算表",
    "一般公共预算支出预算表",
    "基本支出预算表",
    "“三公”经费预算表",
    "项目支出预算表",
    "经济分类汇总表",
    "收入预算表",
    "财政拨款收支预算表",
    "部门名称：",
    "单位：万",
    "元",
    "注：",
    "备注：",
    "合计",
    "总计",
    "小计",
    "本年收入合计",
    "支出总计",
    "一、",
    "（一）",
    "其中：财政拨款",
    "201",
    "03",
    "01",
    "30103",
    "045",
    "421. 29",
    "0.0",
    "1,234.50",
    "497.3 1",
    "421, 29",
    "421. 2¢",
    "-",
    "—",
    "<p>",
    "</p>",
    "<sup>2</sup>",
    "**",
    "#",
    "\\rightarrow",
    "$x$",
    "\u21e5",
    "工资福利支出",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "奖金",
    "。",
    "- 3 -",
]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(TOKENS), max_size=120).map("".join) | st.text(max_size=400))
def test_reader_and_recogniser_never_raise(text: str) -> None:
    doc = recognise_all([segment(text, "fuzz.txt")])
    assert isinstance(doc, Document)
    for fact in flatten(doc):
        assert fact.provenance.path == "fuzz.txt"
