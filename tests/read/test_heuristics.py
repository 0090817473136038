"""The text heuristics the readers share (budgetlint.read.heuristics): each variant does what
its comment says, and differs from the others where it says it must."""

from __future__ import annotations

import pytest

from budgetlint.read.heuristics import (
    CAPTION_RE,
    CLAUSE_END,
    FRAMED_PAGE_NUMBER_RE,
    NOTE_RE,
    PAGE_NUMBER_RE,
    PDF_NOT_TITLE_RE,
    PDF_NOTE_RE,
    SENTENCE_END,
    TABLE_NAME_RE,
    WRAPPED_NOTE_RE,
)


@pytest.mark.parametrize("line", ["3", "- 3 -", "— 12 —", "·8·", "第 3 页", "第3页 共20页", "3/20", "3 ／ 20"])
def test_whole_line_page_numbers(line):
    assert PAGE_NUMBER_RE.match(line)


@pytest.mark.parametrize("line", ["3 万元", "第三部分", "2024年", "12.5"])
def test_not_page_numbers(line):
    assert not PAGE_NUMBER_RE.match(line)


def test_layout_page_numbers_are_framed_or_worded():
    """Inside the layout export's tables a bare number or -5 is a value, not a page number."""
    assert FRAMED_PAGE_NUMBER_RE.match("- 8 -") and FRAMED_PAGE_NUMBER_RE.match("第 8 页，共 20 页")
    for value in ("16", "-5", "5 -"):
        assert PAGE_NUMBER_RE.match(value) and not FRAMED_PAGE_NUMBER_RE.match(value)


def test_colon_ends_a_clause_not_a_sentence():
    assert "：" in CLAUSE_END and "：" not in SENTENCE_END
    assert set(SENTENCE_END) < set(CLAUSE_END)


def test_notes_of_whole_lines_and_of_wrapped_lines():
    for note in ("注：本表为空", "（注1：见说明）", "备注：无", "说明二：单位为万元"):
        assert NOTE_RE.search(note), note
    assert NOTE_RE.search("本表反映部门收入") and NOTE_RE.search("此表为空表")
    # a hard-wrapped line may start with 本表 in mid-paragraph: only a label and a colon count
    assert not WRAPPED_NOTE_RE.match("本表反映部门收入") and not WRAPPED_NOTE_RE.match("注重实效，")
    assert WRAPPED_NOTE_RE.match("注：本表反映") and WRAPPED_NOTE_RE.match("说明1：")
    # the PDF reader also takes a 注 whose colon its text layer lost
    assert PDF_NOTE_RE.search("注 1.本表") and not NOTE_RE.search("注 1.本表")


def test_caption_lines_are_not_titles():
    for caption in (
        "单位：万元",
        "金额单位：元",
        "编报单位：某局",
        "部门（单位）名称：某局",
        "预算03表",
        "公开表三",
        "表3",
        "续表",
    ):
        assert CAPTION_RE.search(caption), caption
        assert PDF_NOT_TITLE_RE.search(caption), caption
    assert not CAPTION_RE.search("部门收支总表")
    # a PDF prints a bare table number over the title
    assert PDF_NOT_TITLE_RE.search("三") and not CAPTION_RE.search("三")


def test_table_names():
    assert TABLE_NAME_RE.search("部门收支总表") and TABLE_NAME_RE.search("部门收支总表（2024年度）")
    assert not TABLE_NAME_RE.search("表格说明如下")
