"""Document-level facts: title, department, year, budget vs final accounts, sections."""

from __future__ import annotations

import re
from collections import Counter

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import DocKind, Document, Paragraph, RawParagraph, RawTable

_YEAR_RE = lazy_compile(r"((?:19|20)\d{2})\s*年")
_TRAILING_YEAR_RE = lazy_compile(r"(19|20)\d{2}年度?$")
_HEADING_RE = lazy_compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|附件)"
)


def document_title(paragraphs: list[RawParagraph]) -> str:
    for p in paragraphs[:5]:
        if p.text.strip() and ("预算" in p.text or "决算" in p.text):
            return p.text.strip()
    return paragraphs[0].text.strip() if paragraphs else ""


def document_year(title: str, tables: list[RawTable], paragraphs: list[RawParagraph]) -> int | None:
    """The year of the title; else the most common year in table titles, then captions, then the opening text."""
    m = _YEAR_RE.search(title)
    if m:
        return int(m.group(1))
    for texts in (
        [t.title for t in tables],
        [line for t in tables for line in t.caption],
        [p.text for p in paragraphs[:10]],
    ):
        years = Counter(int(m.group(1)) for text in texts if (m := _YEAR_RE.search(text)))
        if years:
            return years.most_common(1)[0][0]
    # No table read (a layout the reader does not know): the narrative names the document's
    # own year where it names the 预算/决算 ("纳入本部门 2023 年度部门决算编制范围的…").
    years = Counter(int(m.group(1)) for p in paragraphs for m in _OWN_YEAR_RE.finditer("".join(p.text.split())))
    return years.most_common(1)[0][0] if years else None


_OWN_YEAR_RE = lazy_compile(r"((?:19|20)\d{2})年度?(?:部门|单位)(?:综合)?(?:预算|决算)")


def _kind_named(text: str) -> DocKind | None:
    if "决算" in text:
        return DocKind.FINAL
    if "预算" in text:
        return DocKind.BUDGET
    return None


# Tables agreeing on the kind outvote the title: at least this many, twice the others.
_TABLES_DECIDE = 3


def document_kind(title: str, tables: list[RawTable]) -> DocKind | None:
    """The kind the tables' titles agree on (ten 决算 tables of a workbook whose first text is a
    绩效自评表's header cell naming 预算数), else the kind the title names, else the first table's."""
    votes = Counter(kind for t in tables if (kind := _kind_named(t.title)) is not None)
    if votes:
        kind, n = votes.most_common(1)[0]
        if n >= _TABLES_DECIDE and n >= 2 * (votes.total() - n):
            return kind
    return next((kind for text in [title] + [t.title for t in tables] if (kind := _kind_named(text))), None)


# A labelled department line, on a cover or in a table caption: 部门名称：X, 部门：X, 单位名称：X,
# 部门（单位）：X, 编制部门：X, 预算单位：X, 预算主管部门：X. "单位：万元" is the unit, not a name.
_LABELLED_DEPT_RE = lazy_compile(
    r"(?:编制|预算)?(?:主管)?(?:部门|单位)(?:（单位）|\(单位\))?(?:名称)?[:：](?P<name>[^\s:：]+?)"
    r"(?=单位[:：]|金额单位|$|\s)"
)
_MONEY_UNIT_RE = lazy_compile(r"(?:人民币)?[千万亿]?元")
# What a department's or unit's name ends with (a title's remainder must look like one).
_ORG_END_RE = lazy_compile(
    r"(?:局|院|厅|办公室|委员会|委|部|会|中心|所|站|队|处|室|馆|园|校|社|团|办|府|署|行|台|库|集团|公司|"
    r"[（(](?:本级|汇总|部门|机关)[)）])$"
)
# A document title around the name: [year] NAME [year] [区级/市级…] 部门/单位 [综合] 预算/决算.
_TITLE_DEPT_RE = lazy_compile(
    r"^(?:(?:19|20)\d{2}年度?)?(?P<name>.*?)(?:(?:19|20)\d{2}年度?)?(?:[省市区县]级)?(?:部门|单位)?(?:综合)?(?:预|决)算"
)


def _clean_name(text: str) -> str:
    name = re.sub(r"\s+", "", text or "")
    name = _TRAILING_YEAR_RE.sub("", name)
    return re.sub(r"^(?:19|20)\d{2}年度?", "", name)


def _labelled_name(text: str) -> str:
    m = _LABELLED_DEPT_RE.search(re.sub(r"[ \u3000]+", "", text or ""))
    if not m:
        return ""
    name = _clean_name(m.group("name"))
    if len(name) < 3 or _MONEY_UNIT_RE.fullmatch(name) or not any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return ""
    return name


def _cover_name(paragraphs: list[RawParagraph]) -> str:
    """The department as the cover or the document title prints it.

    "长沙市信访局2026年部门预算公开", "2026年度苏州市审计局部门预算公开", or the name on its own
    line(s) above "2026年度部门预算" ("江苏省人民检察院 / 2017年部门预算"; "2026年度 / 泉州市市场监管
    综合监测 / 与技术保障中心 / 单位预算"). Only a remainder that ends like an organisation counts.
    """
    head = [p.text.strip() for p in paragraphs[:12] if p.text.strip()]
    for i, text in enumerate(head):
        flat = re.sub(r"\s+", "", text)
        m = _TITLE_DEPT_RE.match(flat)
        if not m or "部分" in flat[:6]:
            continue
        name = _clean_name(m.group("name"))
        if not name:
            # The name printed on the lines just above (without years and 附件 marks).
            above = [_clean_name(t) for t in head[max(0, i - 3) : i]]
            name = "".join(t for t in above if t and not re.fullmatch(r"附件\d*|[.·]", t))
        if _ORG_END_RE.search(name) and 3 <= len(name) <= 40:
            return name
    return ""


def department(tables: list[RawTable], paragraphs: list[RawParagraph] | None = None) -> str | None:
    """The department: the name most table captions state; else a labelled line on the cover
    (预算单位：…, 预算主管部门：…); else the name in the document title."""
    names: Counter[str] = Counter()
    for t in tables:
        for line in t.caption:
            name = _labelled_name(line)
            if name:
                names[name] += 1
    if names:
        return names.most_common(1)[0][0]
    paragraphs = paragraphs or []
    for p in paragraphs[:12]:
        name = _labelled_name(p.text)
        if name:
            return name
    return _cover_name(paragraphs) or None


def is_heading(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= 40 and not any(ch in t for ch in "，,。；;") and bool(_HEADING_RE.match(t))


def sectioned(paragraphs: list[RawParagraph]) -> list[Paragraph]:
    """Paragraphs with the heading they sit under."""
    out: list[Paragraph] = []
    section = ""
    for p in paragraphs:
        if is_heading(p.text):
            section = p.text.strip()
        out.append(Paragraph(text=p.text, spans=p.spans, provenance=p.provenance, section=section))
    return out


def fill_metadata(doc: Document, paragraphs: list[RawParagraph], tables: list[RawTable]) -> None:
    doc.title = document_title(paragraphs)
    doc.year = document_year(doc.title, tables, paragraphs)
    doc.kind = document_kind(doc.title, tables)
    doc.department = department(tables, paragraphs)
