"""Why a rule was not evaluated, in words a finance clerk understands.

The engine knows what was missing as fact addresses (``gpb_expense[total].basic.personnel.wages``,
``缺少表：economic_summary``). A clerk needs the table, row and column as the document prints
them: “一般公共预算支出表中没有“工资福利支出”列”, “未找到支出经济分类汇总表”. The addresses stay
available as the record's ``detail`` (``--verbose``, JSON).
"""

from __future__ import annotations

import re

from budgetlint.lazy_regex import lazy_compile
from budgetlint.facts.index import DocIndex, TableIndex
from budgetlint.resources import known_column_name, table_name_vocab

# table[row].column, optionally followed by a note the engine appended
_ADDRESS_RE = lazy_compile(r"(?P<table>[a-z_]+)(?:#(?P<copy>\d+))?\[(?P<row>[^\]]+)\](?:\.(?P<column>[a-z_][\w.]*))?")
_NO_SUCH_ROWS = "（没有这类行）"
_DEAD_COLUMNS = "等列在表中没有任何数值"
_UNPLACED = "有无法定位的无编码行"


def _names() -> dict[str, dict[str, str]]:
    return table_name_vocab()


def table_name(kind: str, copy: str | None = None) -> str:
    """'一般公共预算支出表' (the second printed copy: '第 2 张一般公共预算支出表')."""
    name = _names()["tables"].get(kind, kind)
    return f"第 {copy} 张{name}" if copy and copy != "1" else name


def column_name(key: str) -> str:
    return known_column_name(key) or key


def row_name(key: str) -> str:
    """'合计行', '本年收入合计行', '科目 2010301 行', '单位 045 行', '第 3 个项目'."""
    key = key.split("#")[0]
    names = _names()
    if key in names["rows"]:
        return f"“{names['rows'][key]}”行"
    if key in names["selectors"]:
        return names["selectors"][key]
    if key.startswith("@prefix:"):
        return f"{key[8:]} 类经济科目行"
    if key.startswith("unit:"):
        return f"单位 {key[5:]} 行"
    if re.fullmatch(r"p\d+", key):
        return f"第 {key[1:]} 个项目"
    if re.fullmatch(r"g?\d{3,7}", key):
        return f"科目 {key.lstrip('g')} 行"
    return f"“{key}”行"


def _cell_phrase(m: re.Match, index: DocIndex | None) -> str:
    kind, copy, row, column = m.group("table"), m.group("copy"), m.group("row"), m.group("column")
    table = table_name(kind, copy)
    ti: TableIndex | None = index.tables.get(f"{kind}#{copy}" if copy else kind) if index else None
    if ti is None and index is not None and kind not in index.instances:
        return f"未找到{table}"
    if ti is not None and column and column not in ti.column_set:
        return f"{table}中没有“{column_name(column)}”列"
    if ti is not None and not row.startswith("@") and row not in ti.by_key and row.split("#")[0] not in ti.by_key:
        if not ti.tree_ok:  # an unlisted line counts as 0 only when every line was understood
            return f"{table}中没有{row_name(row)}（表中另有未能识别的行，不能按 0 计）"
        return f"{table}中没有{row_name(row)}"
    if column:
        return f"{table}{row_name(row)}的“{column_name(column)}”数未能读出"
    return f"{table}中没有{row_name(row)}"


_UNNAMED_COLUMN = lazy_compile(r"c\d+")


def not_printed(what: str, index: DocIndex) -> bool:
    """The missing thing is something the document's table does not print at all:
    - a column, in a table whose every column was understood (a 合计 | 基本支出 | 项目支出 支出表
      has no 工资福利 column);
    - a row or a kind of rows, in a table whose every line was understood, of a document whose
      every table was recognised (a 支出预算总表 printing only its 合计 has no 201 row; a
      财政拨款收支表 listing 支出用途 only has no 功能分类 rows); never the 合计 row.
    The document's layout lacks it, nothing was misread."""
    text = what[3:] if what.startswith("缺少 ") else what
    if text.endswith(_DEAD_COLUMNS + "（该表可能不分列填报）"):
        return True  # the column holds no value anywhere in its table: the layout does not split it
    no_such_rows = text.endswith(_NO_SUCH_ROWS)
    m = _ADDRESS_RE.fullmatch(text[: -len(_NO_SUCH_ROWS)] if no_such_rows else text)
    if not m:
        return False
    kind, copy, row, column = m.group("table"), m.group("copy"), m.group("row"), m.group("column")
    ti = index.tables.get(f"{kind}#{copy}" if copy else kind)
    if ti is None:
        return False
    if column and column not in ti.column_set:
        return bool(ti.columns) and not any(key is None or _UNNAMED_COLUMN.fullmatch(key) for key in ti.columns)
    if not _every_line_understood(ti, index):
        return False
    if no_such_rows:
        return True
    # 合计 is never "not printed": a table without a 合计 line prints its whole some other way
    # (a unit-level document's one unit row, a 项目支出表 of one unit), which is a reading matter.
    return (
        not row.startswith("@")
        and row.split("#")[0] != "total"
        and row not in ti.by_key
        and row.split("#")[0] not in ti.by_key
    )


def _every_line_understood(ti: TableIndex, index: DocIndex) -> bool:
    """Every line of the table was placed and every table of the document recognised (an
    unrecognised one may be this table's continuation)."""
    doc = index.doc
    return (
        ti.tree_ok
        and bool(ti.nodes)
        and all(t.kind for t in doc.tables)
        and not any(w.code == "unrecognised-table" for w in doc.warnings)
    )


def explain(what: str, index: DocIndex | None = None) -> str:
    """One missing thing (``Missing.what`` or a not-applicable reason) in a clerk's words."""
    if what.startswith("缺少表："):
        # "a、b": both are missing; "a/b": any one of them would do
        return "未找到" + "、".join("或".join(table_name(k) for k in part.split("/")) for part in what[4:].split("、"))
    text = what[3:] if what.startswith("缺少 ") else what
    if text == "文件部门名称":
        return "未能从封面或表头识别文件所属部门名称"
    if text in ("文件年度", "文件类型", "文件年度或类型"):
        return f"未能识别{text}"
    m = _ADDRESS_RE.match(text)
    if not m:
        return text
    table = table_name(m.group("table"), m.group("copy"))
    if _UNPLACED in text:
        return f"{table}中有无编码的行，无法确定上下级，层级合计未能核对"
    if _DEAD_COLUMNS in text:
        column = m.group("column")
        return f"{table}的“{column_name(column)}”列没有任何数值（该表可能不分列填报）" if column else text
    if _NO_SUCH_ROWS in text:
        return f"{table}中没有{row_name(m.group('row'))}"
    return _cell_phrase(m, index)
