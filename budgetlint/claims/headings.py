"""Headings and 目录 entries that name the document's year.

A heading is a short paragraph that states no figure and ends no sentence:
``第三部分 国家信访局2024年度部门决算情况说明``, a 目录 line with dot leaders and
a page number, a part title. Only a year that names *this* document counts —
the year directly before the document's own kind word (``2024年度部门决算``,
``2026年市级部门财政拨款收支预算总表``). A year in a project or fund name
(``2021年度…补助资金绩效评价报告``), a comparison (``与2023年``) or, in a 决算,
the budget it was executed against (``2024年度预算绩效``) is not the document's.
"""

from __future__ import annotations

from msgspec import Struct

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import Paragraph
from budgetlint.numbers import fold

HEADING_MAX = 60  # characters, after dot leaders and the page number are dropped
_LEADER = lazy_compile(r"(?:[.．·…。\-—_ ]{3,}|…+)\s*[0-9]*\s*$")
# Words that may stand between the year and the kind word: the level, the scope and
# the table or part name of a disclosure.
_SCOPE = (
    r"(?:市级|区级|县级|省级|本级|部门|单位|综合|财政拨款|一般公共|政府性基金|国有资本经营|收入|支出|收支|财务|公开)*"
)
# "2024年度部门决算", "2026年市级部门财政拨款收支预算总表", and with the department's
# name between: "2024年度上海市审计局部门决算" (no digit or punctuation in between).
_DOC_YEAR = lazy_compile(
    r"(?P<year>(?:19|20)[0-9]{2})\s*年度?\s*(?:"
    + _SCOPE
    + r"|[^0-9,;:。、()（）]{1,20}?(?=(?:部门|单位)))"
    + _SCOPE
    + r"(?P<kind>预算|决算)(?!执行|完成|调整|绩效|数)"
)  # 2024年预算执行: last year's
_NOT_OWN_YEAR = ("比", "较", "与", "同", "上", "去", "对", "至", "和", "及", "、", "-", "—", "~")
_KIND_WORD = {"budget": "预算", "final": "决算"}


class HeadingYear(Struct):
    """The year a heading names, with the words naming it as printed."""

    year: int
    text: str  # the heading as printed (leaders and page number dropped)
    found: str  # the words naming the year, as printed
    kind_word: str | None  # None when the document's kind is not known


def heading_text(paragraph: Paragraph) -> str | None:
    """The paragraph's text when it reads as a heading or 目录 entry, else None."""
    text = _LEADER.sub("", paragraph.text.strip()).strip()
    folded = fold(text)
    if not folded or len(folded) > HEADING_MAX:
        return None
    if any(c in folded for c in "。,;:%") or "万元" in folded or "亿元" in folded:
        return None  # a sentence or a figure, not a title
    return text.strip()


def heading_years(paragraph: Paragraph, doc_kind: str) -> list[HeadingYear]:
    """The years a heading gives for a document of ``doc_kind`` (budget | final)."""
    text = heading_text(paragraph)
    if text is None:
        return []
    own = _KIND_WORD.get(doc_kind)
    found = []
    for m in _DOC_YEAR.finditer(text):
        if m.group("kind") != own:
            continue  # a 决算 citing its budget, a budget citing last year's 决算
        before = text[max(0, m.start() - 2) : m.start()]
        if any(w in before for w in _NOT_OWN_YEAR):
            continue  # a comparison or a range of years
        found.append(HeadingYear(int(m.group("year")), text, m.group(0), own))
    return found
