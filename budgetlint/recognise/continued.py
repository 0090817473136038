"""Tables continued across pages: join the parts of one printed table.

A PDF table longer than a page is printed in parts, each under the same title and
header, on consecutive pages; some systems repeat the 合计 row on every part
(foshan 2019 收入决算表: 合计 1668.14 on p.8 over 208/214 and again on p.9 over 221).
Left as separate tables, each part's 合计 is compared with a fraction of its rows.

A part continues the table before it when all of these hold:
- same kind, the same title (or none, or 续表) and the same column keys, the part starting on the page after the one
  the previous part ends on (a text export, which has no pages: the part's title says 续表 or （续）);
- no row key of the part (other than 合计) already occurs in the previous parts
  (a second copy of the table, for a unit, repeats the codes);
- a 合计 row in both parts has the same values (the repeated 合计); a different 合计
  means another table (a unit-level copy).
Project rows (``p1``, ``p2`` … numbered per part) are renumbered to continue.
"""

from __future__ import annotations


from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import RawCell, RawParagraph, RawTable, Row, Table
from budgetlint.recognise.grid import squash
from budgetlint.recognise.precision import set_precision

_PROJECT_KEY_RE = lazy_compile(r"^p(\d+)$")
_NEVER_CONTINUED = frozenset({"project_performance", "dept_performance"})


def _base(key: str) -> str:
    return key.split("#", 1)[0]


def _values(row: Row) -> dict[str, object]:
    return {c.column: c.value for c in row.cells if c.state == "value"}


_TITLE_NOISE_RE = lazy_compile(r"[\s（）():：]|续表|续")
_CONTINUED_RE = lazy_compile(r"续表|[（(]续[)）]")


def continuation_only(title: str) -> bool:
    """A title saying nothing but that the table continues: "续表", "（续）"."""
    return bool(_CONTINUED_RE.search(title)) and not _TITLE_NOISE_RE.sub("", title)


# A line between the parts of one split table: short, saying only that it continues (续表,
# "2024 年财政拨款收支预算表（续）").
_BETWEEN_PARTS_MAX = 40


def _flat_row(row: list[RawCell]) -> list[str]:
    return [squash(c.text) for c in row]


def split_part(previous: RawTable, part: RawTable, between: list[RawParagraph]) -> bool:
    """``part`` is the rest of ``previous``, one table split in two where the format has no
    pages (a Word table cut in two, its header repeated; a spreadsheet's second block): no
    page, nothing printed between the two but a 续表 line, no title of its own but 续表, and
    its first row is ``previous``'s first header row, cell for cell. Its parts are joined
    before recognition, so they are read as one table (a part alone keyed its 收入合计 as the
    table's 本年收入 and repeated codes of the 经济分类 table the first part had)."""
    if part.provenance.page is not None or previous.provenance.page is not None:
        return False
    if part.title.strip() and not _CONTINUED_RE.search(part.title):
        return False
    if any(
        p.text.strip() and not (_CONTINUED_RE.search(p.text) and len(p.text.strip()) <= _BETWEEN_PARTS_MAX)
        for p in between
    ):
        return False
    if not previous.rows or not part.rows:
        return False
    head = _flat_row(previous.rows[0])
    return sum(1 for t in head if t) >= 2 and head == _flat_row(part.rows[0])


def joined_parts(previous: RawTable, part: RawTable) -> RawTable:
    """``previous`` with ``part``'s rows after its repeated header rows."""
    k = 0
    while k < len(part.rows) and k < len(previous.rows) and _flat_row(part.rows[k]) == _flat_row(previous.rows[k]):
        k += 1
    return previous.model_copy(
        update={"rows": [*previous.rows, *part.rows[k:]], "notes": [*previous.notes, *part.notes]}
    )


def _same_title(a: str, b: str) -> bool:
    """Same printed title (a continuation may print none, or add 续表)."""
    b = _TITLE_NOISE_RE.sub("", b)
    return not b or _TITLE_NOISE_RE.sub("", a) == b


def _last_page(table: Table) -> int | None:
    pages = [r.provenance.page for r in table.rows if r.provenance.page is not None]
    return max(pages) if pages else table.provenance.page


def continues(previous: Table, part: Table) -> bool:
    """True when ``part`` is the next page of ``previous`` (see the module docstring)."""
    if not previous.kind or previous.kind != part.kind or previous.kind in _NEVER_CONTINUED:
        return False
    last, first = _last_page(previous), part.provenance.page
    if last is None or first is None:
        # a text export has no pages: the part must say it continues ("收入支出决算总表（续）", 续表)
        if not _CONTINUED_RE.search(part.title):
            return False
    elif first != last + 1:
        return False
    if [c.key for c in previous.columns] != [c.key for c in part.columns] or not part.rows:
        return False
    if previous.unit != part.unit or not _same_title(previous.title, part.title):
        return False
    before = {_base(r.key) for r in previous.rows if r.key and r.key != "total"}
    if any(
        r.key and not _PROJECT_KEY_RE.match(r.key) and _base(r.key) in before for r in part.rows if r.key != "total"
    ):
        return False
    old_total, new_total = previous.row("total"), part.row("total")
    if old_total is not None and new_total is not None and _values(old_total) != _values(new_total):
        return False
    return True


def join(previous: Table, part: Table) -> None:
    """Append the rows of ``part`` to ``previous`` (a repeated 合计 is dropped)."""
    projects = sum(1 for r in previous.rows if r.key and _PROJECT_KEY_RE.match(r.key))
    for row in part.rows:
        if row.key == "total" and previous.row("total") is not None:
            continue
        m = _PROJECT_KEY_RE.match(row.key or "")
        if m:
            key = f"p{projects + int(m.group(1))}"
            row = row.model_copy(
                update={
                    "key": key,
                    "provenance": row.provenance.model_copy(update={"row": key}),
                    "cells": [
                        c.model_copy(update={"provenance": c.provenance.model_copy(update={"row": key})})
                        for c in row.cells
                    ],
                }
            )
        previous.rows.append(row)
    previous.empty = previous.empty and part.empty
    set_precision(previous)
    previous.kind_reason += f"；续表（第 {part.provenance.page} 页）已并入"
