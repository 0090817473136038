"""Document-level facts: title, department, year, budget vs final accounts, sections."""

from __future__ import annotations

import re
from collections import Counter

from budgetlint.model import DocKind, Document, Paragraph, RawParagraph, RawTable

_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_DEPT_RE = re.compile(r"部门(?:（单位）|\(单位\))?名称\s*[:：]\s*(?P<name>[^\s:：]+?)\s*(?:单位\s*[:：]|金额单位|$)")
_TRAILING_YEAR_RE = re.compile(r"(19|20)\d{2}年度?$")
_HEADING_RE = re.compile(
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
    return None


def document_kind(title: str, tables: list[RawTable]) -> DocKind | None:
    for text in [title] + [t.title for t in tables]:
        if "决算" in text:
            return DocKind.FINAL
        if "预算" in text:
            return DocKind.BUDGET
    return None


def department(tables: list[RawTable]) -> str | None:
    names: Counter[str] = Counter()
    for t in tables:
        for line in t.caption:
            m = _DEPT_RE.search(line.replace(" ", ""))
            name = _TRAILING_YEAR_RE.sub("", m.group("name")) if m else ""
            if len(name) >= 3:
                names[name] += 1
    return names.most_common(1)[0][0] if names else None


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
    doc.department = department(tables)
