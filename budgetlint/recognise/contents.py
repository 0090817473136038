"""The 目录 of a document's tables, when it says which tables are published empty and why.

西安 and other regions print the list of tables as a grid: 报表 | 报表名称 | 是否空表 |
公开空表理由 (or 表格为空的理由). That is where an empty table is explained, so the
empty-table check (BL804) must read it. The grid is recognised by its header, not
by its place in the document; a 目录 printed as text lines ("表9 …收支表 是 不涉及") is
read from the paragraphs when no such grid was found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import ContentsEntry, RawParagraph, RawTable
from budgetlint.numbers import fold

_EMPTY_HEADER_RE = lazy_compile(r"是否.{0,2}空表|是否为空")  # 是否空表, 是否为空表, 是否为空
_REASON_WORDS = ("理由", "原因", "说明")
# A 目录 printed as text lines: "表9 2019年部门综合预算政府性基金收支表 是 本单位无政府性基金预算".
_LINE_RE = lazy_compile(r"^(表\s*[0-9]+)\s*(\S.*?表(?:[（(][^）)]*[）)])?)\s+(是|否)(?:\s+(\S.*))?$")
_NAME_WORDS = ("名称", "内容", "表名")
_NUMBER_RE = lazy_compile(r"^表\s*[0-9０-９]+$|^[0-9]+$")
_HEADER_ROWS = 3


def read_contents(raw_tables: list[RawTable], paragraphs: Sequence[RawParagraph] = ()) -> list[ContentsEntry]:
    """Entries of every 目录 grid that has a 是否空表 column, or of 目录 lines printed as text."""
    entries: list[ContentsEntry] = []
    for raw in raw_tables:
        entries.extend(_entries(raw))
    if not entries:
        entries = _text_entries(paragraphs)
    return entries


def _text_entries(paragraphs: Sequence[RawParagraph]) -> list[ContentsEntry]:
    out = []
    for para in paragraphs:
        for line in para.text.split("\n"):
            m = _LINE_RE.match(fold(line).strip())
            if m:
                out.append(
                    ContentsEntry(
                        number=re.sub(r"\s+", "", m.group(1)),
                        title=m.group(2).strip(),
                        empty=m.group(3) == "是",
                        reason=(m.group(4) or "").strip(),
                        provenance=para.provenance,
                    )
                )
    return out


def _entries(raw: RawTable) -> list[ContentsEntry]:
    for h, row in enumerate(raw.rows[:_HEADER_ROWS]):
        texts = [_clean(c.text) for c in row]
        if not any(_EMPTY_HEADER_RE.search(t) for t in texts):
            continue
        empty_col = next(i for i, t in enumerate(texts) if _EMPTY_HEADER_RE.search(t))
        reason_col = next(
            (i for i, t in enumerate(texts) if i != empty_col and any(w in t for w in _REASON_WORDS)), None
        )
        name_col = next((i for i, t in enumerate(texts) if any(w in t for w in _NAME_WORDS)), None)
        out = []
        for data in raw.rows[h + 1 :]:
            cells = [_clean(c.text) for c in data]
            number = next((t for t in cells if _NUMBER_RE.match(t)), "")
            title = _cell(cells, name_col) or max(cells, key=len, default="")
            if not title or title == number:
                continue
            flag = _cell(cells, empty_col)
            empty = True if flag.startswith("是") else False if flag.startswith("否") else None
            out.append(
                ContentsEntry(
                    number=number.replace(" ", ""),
                    title=title,
                    empty=empty,
                    reason=_cell(cells, reason_col),
                    provenance=data[0].provenance if data else raw.provenance,
                )
            )
        return out
    return []


def _cell(cells: list[str], i: int | None) -> str:
    return cells[i] if i is not None and i < len(cells) else ""


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", fold(text or ""))
