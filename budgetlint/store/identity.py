"""Who a document is about, so documents of different years and scopes can be related.

``department_key(name)``: the department's name without years, the words of a title (部门/单位,
预算/决算, 公开 …), brackets naming a part of it ((本级)) and spaces, after the standard abbreviations
of rules/vocab/organisations.yaml: "2018年度中国共产党江苏省委员会办公厅部门预算" and "中共江苏省委办公厅"
give the same key. ``document_scope(doc)``: 部门 (a department with its units, 预算主管部门) or 单位 (one
budget unit), from the cover and the table titles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from budgetlint.model import Document

DEPARTMENT, UNIT = "部门", "单位"

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?度?")
_SPACE = re.compile(r"[\s\u3000]+")
_PUNCT = re.compile(r"[：:，,。、“”\"'《》·.\-—_]")


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    from budgetlint.resources import load_yaml, vocab_dir

    with (vocab_dir() / "organisations.yaml").open(encoding="utf-8") as fh:
        return load_yaml(fh)


def department_key(name: str | None) -> str:
    """The normalised department name ('' when there is none)."""
    if not name:
        return ""
    vocab = _vocabulary()
    text = _SPACE.sub("", name)
    text = _YEAR.sub("", text)
    marks = "|".join(map(re.escape, vocab["part_marks"]))
    text = re.sub(rf"[（(](?:{marks})[)）]", "", text)
    for long, short in vocab["abbreviations"]:
        text = text.replace(long, short)
    for word in sorted(vocab["noise_words"], key=len, reverse=True):
        if text.endswith(word) or text.startswith(word):
            text = text.removesuffix(word).removeprefix(word)
    # a second pass: "部门预算公开" leaves "部门" once "预算公开" is gone
    for word in sorted(vocab["noise_words"], key=len, reverse=True):
        text = text.removesuffix(word).removeprefix(word)
    return _PUNCT.sub("", text)


_UNIT_WORDS = re.compile(r"单位预算|单位决算|预算单位[：:]|预算单位(?:财务|收入|支出|财政)")
_DEPT_WORDS = re.compile(r"部门预算|部门决算|预算主管部门|部门(?:财务|收入|支出|财政)")


def document_scope(doc: Document) -> str:
    """单位 when the cover or the table titles say the document is one budget unit's, else 部门."""
    cover = " ".join(p.text for p in doc.paragraphs[:12])
    titles = " ".join(t.title for t in doc.tables)
    for text in (doc.title + " " + cover, titles):
        flat = _SPACE.sub("", text)
        unit, dept = len(_UNIT_WORDS.findall(flat)), len(_DEPT_WORDS.findall(flat))
        if unit or dept:
            return UNIT if unit > dept else DEPARTMENT
    return DEPARTMENT


def unit_rows(doc: Document) -> dict[str, str]:
    """Unit rows printed in the document's tables: key (unit:045001, unit:n1) -> printed name."""
    out: dict[str, str] = {}
    for table in doc.tables:
        for row in table.rows:
            if row.key and row.key.startswith("unit:") and row.key not in out:
                out[row.key] = row.label.strip()
    return out
