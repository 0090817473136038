"""Which kind of table a RawTable is, from its title (or header words), and why."""

from __future__ import annotations

import re

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import RawTable
from budgetlint.recognise.vocab import KindRule, kind_rules

_YEAR_RE = lazy_compile(r"(19|20)\d{2}\s*年度?")
_NOISE_RE = lazy_compile(r"[\s“”\"'‘’「」『』()（）]")


def normalise_title(title: str) -> str:
    """Title without spaces, quotes, brackets and the year: comparable across regions."""
    return _NOISE_RE.sub("", _YEAR_RE.sub("", title))


def header_text(raw: RawTable, max_rows: int = 4) -> str:
    """The first rows' text joined, spaces removed (for header-word matching)."""
    parts = []
    for row in raw.rows[:max_rows]:
        for cell in row:
            parts.append(cell.text)
    return re.sub(r"\s+", "", "".join(parts))


def _by_title(text: str) -> tuple[KindRule, str] | None:
    title = normalise_title(text)
    if not title:
        return None
    for rule in kind_rules():
        if any(neg in title for neg in rule.negative):
            continue
        for pattern in rule.titles:
            if pattern.search(title):
                return rule, pattern.pattern
    return None


def title_kind(text: str) -> KindRule | None:
    """The kind a table name names, or None."""
    hit = _by_title(text)
    return hit[0] if hit else None


_YEAR_LABEL_RE = lazy_compile(r"^(19|20)\d{2}年?度?$")


def _compares_years(raw: RawTable) -> bool:
    """A small table of the narrative whose rows are years (年度 | 总收入支出 | … with lines 2021,
    2022, 变化: 西安 2022 气象局 p.10): a comparison of two years, not one of the budget's tables,
    whatever the heading above it says."""
    firsts = ["".join(r[0].text.split()) for r in raw.rows if r]
    return (
        len(firsts) >= 3
        and sum(1 for t in firsts if _YEAR_LABEL_RE.match(t)) >= 2
        and (firsts[0] in ("年度", "年份") or _YEAR_LABEL_RE.match(firsts[0]) is not None)
    )


def classify(raw: RawTable) -> tuple[KindRule | None, str]:
    """Return the matching kind rule (or None) and a Chinese reason."""
    if _compares_years(raw):
        rule = next((r for r in kind_rules() if r.kind == "not_budget"), None)
        if rule is not None:
            return rule, "各行为年度（两年对比），不是预算表"
    hit = _by_title(raw.title)
    if hit:
        return hit[0], f"标题“{raw.title}”匹配“{hit[1]}”"
    # The title the reader took may be a section heading (第二部分 部门预算表) or a sentence
    # of the narrative; the table's own name is then one of the caption lines above it.
    for line in raw.caption:
        if line.strip() and line.strip() != raw.title.strip():
            hit = _by_title(line)
            if hit:
                return hit[0], f"表名“{line.strip()}”匹配“{hit[1]}”"
    header = header_text(raw)
    for rule in kind_rules():
        if rule.header_all and all(word in header for word in rule.header_all):
            return rule, f"表头含“{'、'.join(rule.header_all)}”"
    for rule in kind_rules():
        hits = [word for word in rule.header_any if word in header]
        if hits:
            return rule, f"表头含“{hits[0]}”"
    if not raw.title:
        return None, "表格没有标题，表头也不含已知的表名关键词"
    return None, f"标题“{raw.title}”和表头都不含已知的表名关键词"
