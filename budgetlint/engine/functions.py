"""Built-in functions of the rule language (see rules/README.md for the list).

Other packages add functions with ``budgetlint.engine.register``; each takes
the evaluation context first. Raise ``Missing`` for absent data (the rule is
then "insufficient data", not a pass) and ``Skip`` when the check does not
apply to the current row.
"""

from __future__ import annotations

import re
from collections import Counter

from budgetlint.lazy_regex import lazy_compile
from budgetlint.engine.evaluate import EvalContext, ParagraphItem, Ref, TableItem, evaluate
from budgetlint.facts.index import CODE_KINDS
from budgetlint.engine.expr import Missing, Skip, register
from budgetlint.facts.interval import ZERO, Interval, sum_intervals
from budgetlint.errors import RuleError
from budgetlint.numbers import fold

# ------------------------------------------------------------ numbers


def _refs(v) -> list:
    if isinstance(v, list):
        return v
    return [v]


@register("sum", "sum(list) — 区间求和（列表为空时为 0）")
def fn_sum(ctx: EvalContext, items) -> Interval:
    return sum_intervals(ctx.value(x) for x in _refs(items))


@register("children", "children(ref) — 该行在本表中的直接下级行（同一列），没有下级时本行跳过")
def fn_children(ctx: EvalContext, ref) -> list:
    if not isinstance(ref, Ref):
        raise RuleError("children() 需要一个事实地址")
    t = ref.table
    if not ref.nodes:
        raise Missing(ref.address)
    if not t.tree_ok:
        raise Missing(f"{t.name} 有无法定位的无编码行，层级不可靠")
    kids = [t.nodes[i] for n in ref.nodes for i in n.children]
    if not kids:
        raise Skip("没有下级行")
    return [Ref(t, [k], ref.column, t.address(k, ref.column)) for k in kids]


@register("rollup", "rollup(ref) — 该编码行的金额；未印出时取其最近一级下级行之和")
def fn_rollup(ctx: EvalContext, ref) -> Interval:
    if not isinstance(ref, Ref):
        raise RuleError("rollup() 需要一个事实地址")
    if ref.nodes:
        return ctx.value(ref)
    key = ref.address.split("[", 1)[1].split("]", 1)[0]
    if not ref.table.tree_ok:
        raise Missing(ref.address)
    desc = ref.table.descendants_rollup(key)
    if not desc:
        raise Missing(ref.address)
    return sum_intervals(ctx.value(Ref(ref.table, [d], ref.column, ref.table.address(d, ref.column))) for d in desc)


@register(
    "or_zero",
    "or_zero(ref) — 编码行的金额：印出则取之；未印出但有下级行则取下级之和；表中既无此编码也无其上级或下级时为 0",
)
def fn_or_zero(ctx: EvalContext, ref) -> Interval:
    if not isinstance(ref, Ref):
        return ctx.value(ref)
    if ref.nodes:
        return ctx.value(ref)
    t = ref.table
    key = ref.address.split("[", 1)[1].split("]", 1)[0]
    # 0 only where the table prints codes of this classification: a table keyed by 部门经济分类
    # (30102) says nothing of a 政府经济分类 code (g50101), nor a functional table of 30102
    if not t.tree_ok or t.table.empty or not t.has_codes_like(key):
        raise Missing(ref.address)
    if ref.column and ref.column not in t.column_set:
        raise Missing(ref.address)
    if t.descendants_rollup(key):
        return fn_rollup(ctx, ref)
    if t.has_ancestor_code(key) and not _listed_in_full(ctx, ref, key):
        raise Missing(ref.address)  # the table prints only a coarser level: the amount is unknown
    return Interval(ZERO, ZERO)


def _listed_in_full(ctx: EvalContext, ref: Ref, key: str) -> bool:
    """The nearest printed ancestor of ``key`` lists rows of ``key``'s level beneath it and they add
    up to it in this column (西安 prints only the 款 that hold money: 302 = 30201 + 30206 + …): a code
    of that level not listed there is 0. A coarser level alone, or children that do not add up,
    leave the amount unknown."""
    t = ref.table
    ancestors = [n for n in t.nodes if n.base and n.kind in CODE_KINDS and n.base != key and key.startswith(n.base)]
    if not ancestors:
        return False
    deepest = max(len(n.base or "") for n in ancestors)
    parents = [n for n in ancestors if len(n.base or "") == deepest]
    kids = [t.nodes[i] for p in parents for i in p.children]
    if not kids or any(len(k.base or "") != len(key) or k.kind not in CODE_KINDS for k in kids):
        return False
    try:
        whole = sum_intervals(ctx.value(Ref(t, [p], ref.column, t.address(p, ref.column))) for p in parents)
        parts = sum_intervals(ctx.value(Ref(t, [k], ref.column, t.address(k, ref.column))) for k in kids)
    except Missing:
        return False
    return whole.meets(parts)


@register("exists", "exists(ref) — 该事实存在（表、行都在，单元格可读）")
def fn_exists(ctx: EvalContext, ref) -> bool:
    if isinstance(ref, list):
        return bool(ref)
    if not isinstance(ref, Ref):
        return True
    try:
        ctx.hits(ref)
    except Missing:
        return False
    return True


@register("has_table", 'has_table("expense") — 文件中有该种表')
def fn_has_table(ctx: EvalContext, kind) -> bool:
    return isinstance(kind, str) and kind in ctx.index.instances


@register("title_says", 'title_says("kind", "词", …) — 文件中该种表的标题含其中一个词（全角/半角折叠后）')
def fn_title_says(ctx: EvalContext, kind, *words) -> bool:
    if not isinstance(kind, str) or not words or not all(isinstance(w, str) for w in words):
        raise RuleError("title_says() 需要表的种类和至少一个词")
    titles = [fold(ti.table.title) for ti in ctx.index.instances.get(kind, [])]
    return any(fold(w) in t for t in titles for w in words)


@register("abs", "abs(x) — 绝对值区间")
def fn_abs(ctx: EvalContext, x) -> Interval:
    return abs(ctx.value(x))


@register("count", "count(list) — 列表元素个数（精确值）")
def fn_count(ctx: EvalContext, items) -> Interval:
    if not isinstance(items, list):
        raise RuleError("count() 需要列表")
    return Interval.exact(len(items))


@register("nonzero", "nonzero(x) — x 一定不为 0（区间不含 0）")
def fn_nonzero(ctx: EvalContext, x) -> bool:
    iv = ctx.value(x)
    return not (iv.lo <= ZERO <= iv.hi)


@register("skip_if", "skip_if(cond) — 条件为真时本行不适用（跳过），否则为真")
def fn_skip_if(ctx: EvalContext, cond) -> bool:
    if cond is True:
        raise Skip("条件不适用")
    return True


# ------------------------------------------------------------ document items


@register("tables", "tables() — 文件中识别出的全部表格（供 each 使用）")
def fn_tables(ctx: EvalContext) -> list:
    out = []
    for t in ctx.doc.tables:
        ti = None
        for cand in ctx.index.tables.values():
            if cand.table is t:
                ti = cand
        out.append(TableItem(ti, t))
    return out


@register("paragraphs", "paragraphs() — 全部叙述段落（供 each 使用）")
def fn_paragraphs(ctx: EvalContext) -> list:
    return [ParagraphItem(p) for p in ctx.doc.paragraphs]


@register("text", "text(item) — 表格标题或段落文字")
def fn_text(ctx: EvalContext, item) -> str:
    if isinstance(item, TableItem):
        return item.table.title
    if isinstance(item, ParagraphItem):
        return item.paragraph.text
    if isinstance(item, str):
        return item
    raise RuleError("text() 需要表格或段落")


@register("notes", "notes(table) — 表格下方的注/备注/说明文字（合并）")
def fn_notes(ctx: EvalContext, item) -> str:
    if not isinstance(item, TableItem):
        raise RuleError("notes() 需要表格")
    return "\n".join(item.table.notes)


@register(
    "is_empty", "is_empty(table) — 空表：识别器标为空，或有数据行但没有任何非零数字（没有读出任何行的表不算空表）"
)
def fn_is_empty(ctx: EvalContext, item) -> bool:
    if not isinstance(item, TableItem):
        raise RuleError("is_empty() 需要表格")
    t = item.table
    if t.empty:
        return True
    if not t.rows:
        return False  # nothing read: unknown, not empty
    for r in t.rows:
        for c in r.cells:
            if c.state == "value" and c.value not in (None, ZERO):
                return False
            if c.state == "text" and c.raw.strip():
                return False  # unreadable content: cannot call the table empty
    return True


@register("recognised", "recognised(table) — 表格种类已识别")
def fn_recognised(ctx: EvalContext, item) -> bool:
    return isinstance(item, TableItem) and bool(item.table.kind)


@register("unit_stated", "unit_stated(table) — 表格注明了金额单位")
def fn_unit_stated(ctx: EvalContext, item) -> bool:
    if not isinstance(item, TableItem):
        raise RuleError("unit_stated() 需要表格")
    return item.table.unit_stated


@register("unit", "unit(table) — 表格的金额单位（元/万元/亿元）；设 {unit}")
def fn_unit(ctx: EvalContext, item) -> str:
    if not isinstance(item, TableItem):
        raise RuleError("unit() 需要表格")
    ctx.vars["unit"] = item.table.unit.value
    return item.table.unit.value


@register(
    "usual_unit",
    "usual_unit() — 本文件多数表格（已识别、注明单位、有非零数字）的金额单位；一样多时取万元；设 {usual_unit}",
)
def fn_usual_unit(ctx: EvalContext) -> str:
    # A document printed in 元 throughout (some regions publish so) is consistent: what stands
    # out is a table whose unit differs from the document's other tables, not from 万元.
    unit = ctx.index.memo.get("usual_unit")
    if unit is None:
        counts = Counter(
            t.unit.value
            for t in ctx.doc.tables
            if t.kind and t.unit_stated and any(c.state == "value" and c.value for r in t.rows for c in r.cells)
        )
        most = max(counts.values(), default=0)
        unit = "万元" if counts.get("万元", 0) == most else counts.most_common(1)[0][0]
        ctx.index.memo["usual_unit"] = unit
    ctx.vars["usual_unit"] = unit
    return unit


@register("doc_year", "doc_year() — 文件的预算/决算年度；未识别时数据不足")
def fn_doc_year(ctx: EvalContext) -> Interval:
    if ctx.doc.year is None:
        raise Missing("文件年度")
    return Interval.exact(ctx.doc.year)


@register("doc_kind", "doc_kind() — budget 或 final")
def fn_doc_kind(ctx: EvalContext) -> str:
    if ctx.doc.kind is None:
        raise Missing("文件类型")
    return ctx.doc.kind.value


_YEAR_RE = lazy_compile(r"(?<![0-9])(20[0-9]{2})\s*年")


@register("years_in", "years_in(text) — 文字中“20xx 年”的年份列表")
def fn_years_in(ctx: EvalContext, text) -> list:
    if not isinstance(text, str):
        raise RuleError("years_in() 需要文字")
    return [Interval.exact(int(y)) for y in _YEAR_RE.findall(fold(text))]


# A year inside a name is not the table's year: "（2021年医疗卫生机构能力提升补助资金）项目",
# "2021年中央财政补助资金项目绩效自评表". The table's own year stands alone or in a
# subtitle of its own ("（2022年度）"), before the department or the table's name.
_BRACKETS_RE = lazy_compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]")
_YEAR_ONLY_RE = lazy_compile(r"^\s*20[0-9]{2}\s*年度?\s*$")
_NAMED_YEAR_RE = lazy_compile(
    r"(?<![0-9])20[0-9]{2}\s*年(?!度)([^，,。；;:：\s]{2,40}?)(?:项目(?!支出)|专项资金|资金|工程)"
)
_TABLE_WORDS = ("部门", "单位", "预算", "决算", "收支", "收入", "支出", "财政拨款", "一般公共", "三公", "表")
_ORG_END_RE = lazy_compile(r"(?:局|委员会|委|办公室|办|院|厅|部|政府|街道|镇|乡|署|会)$")


def table_years(title: str) -> list[int]:
    """The years that date the table itself, leaving out years that are part of a project or fund name."""
    text = fold(title)

    def blank(m: re.Match) -> str:
        return " " * len(m.group(0))

    text = _BRACKETS_RE.sub(lambda m: m.group(0) if _YEAR_ONLY_RE.match(m.group(1)) else blank(m), text)
    text = _NAMED_YEAR_RE.sub(
        lambda m: (
            m.group(0) if any(w in m.group(1) for w in _TABLE_WORDS) or _ORG_END_RE.search(m.group(1)) else blank(m)
        ),
        text,
    )
    return [int(y) for y in _YEAR_RE.findall(text)]


@register(
    "title_year_ok",
    "title_year_ok(table) — 表题中表格本身的年份（如有；项目、资金名称中的年份除外）等于文件年度；不一致时在消息中给出 {found}",
)
def fn_title_year_ok(ctx: EvalContext, item) -> bool:
    title = fn_text(ctx, item)
    years = table_years(title)
    if not years:
        raise Skip("标题中没有年份")
    if ctx.doc.year is None:
        raise Missing("文件年度")
    wrong = [y for y in years if y != ctx.doc.year]
    if wrong:
        ctx.vars["found"] = "、".join(str(y) for y in wrong)
        ctx.vars["expected"] = str(ctx.doc.year)
        ctx.vars["actual"] = ctx.vars["found"]
        return False
    return True


def _norm_name(s: str) -> str:
    s = re.sub(r"\s+", "", fold(s))
    return s


@register("department_ok", "department_ok(table) — 表格“部门名称”与文件部门一致（互相包含即可）；表头无部门名称时跳过")
def fn_department_ok(ctx: EvalContext, item) -> bool:
    if not isinstance(item, TableItem):
        raise RuleError("department_ok() 需要表格")
    if not ctx.doc.department:
        raise Missing("文件部门名称")
    stated = table_department(item.table)
    if stated is None:
        raise Skip("表头没有部门名称")
    want = _norm_name(ctx.doc.department)
    got = _norm_name(stated)
    if want in got or got in want:
        return True
    ctx.vars.update(found=stated, expected=ctx.doc.department, actual=stated)
    return False


_DEPT_RE = lazy_compile(
    r"(?:部门|单位)(?:\(单位\))?名称\s*[:：]\s*(\S.*?)\s*(?:单位\s*[:：]|金额单位|20[0-9]{2}\s*年度?|$)"
)


def table_department(table) -> str | None:
    """The department named in a table caption ('部门名称：…'), if any."""
    for line in getattr(table, "caption", []) or []:
        m = _DEPT_RE.search(fold(line).replace("\u3000", " "))
        if m and m.group(1).strip():
            return m.group(1).strip()
    return None


# Placeholder text left from a template: XX / ×× / ＸＸ, *not* part of a longer
# Latin word (XXL) and not a roman numeral run (XXI, XXV, XXX …).
_PLACEHOLDER_RE = lazy_compile(r"(?<![A-Za-z])(?:[Xx]{2,}(?![A-Za-z])|[×✕╳]{2,}|[○〇]{2,}(?=年|月|日))")


@register("placeholder", "placeholder(text) — 文字中的占位符（XX、××、○○年），没有时为空字符串；找到时设 {found}")
def fn_placeholder(ctx: EvalContext, text) -> str:
    if not isinstance(text, str):
        raise RuleError("placeholder() 需要文字")
    folded = fold(text)
    m = _PLACEHOLDER_RE.search(folded)
    if not m:
        return ""
    start = max(0, m.start() - 15)
    ctx.vars["found"] = m.group(0)
    ctx.vars["context"] = folded[start : m.end() + 15]
    return m.group(0)


@register("contains", "contains(text, word) — 文字包含该词（先做全角/半角折叠）")
def fn_contains(ctx: EvalContext, text, word) -> bool:
    if not isinstance(text, str) or not isinstance(word, str):
        raise RuleError("contains() 需要两个文字参数")
    return fold(word) in fold(text)


@register("contains_any", "contains_any(text, [word, …]) — 文字包含其中任一词")
def fn_contains_any(ctx: EvalContext, text, words) -> bool:
    if not isinstance(words, list):
        raise RuleError("contains_any() 的第二个参数需要列表")
    return any(fn_contains(ctx, text, w) for w in words)


@register("kind", "kind(table) — 表格种类（slug），未识别时为空字符串")
def fn_kind(ctx: EvalContext, item) -> str:
    if not isinstance(item, TableItem):
        raise RuleError("kind() 需要表格")
    return item.table.kind or ""


@register("profile", "profile() — 文件使用的地区/表套配置名，未设时为空字符串")
def fn_profile(ctx: EvalContext) -> str:
    return ctx.doc.profile or ""


@register("opt", "opt(ref) — 可选的行或列：未印出时为 0（前提：表中没有无法识别的行或列，否则数据不足）")
def fn_opt(ctx: EvalContext, ref) -> Interval:
    if not isinstance(ref, Ref):
        return ctx.value(ref)
    t = ref.table
    if t.table.empty or not t.nodes:
        raise Missing(ref.address)
    if ref.column and ref.column not in t.column_set:
        if t.has_unknown_columns():
            raise Missing(ref.address)
        if ref.nodes:
            return Interval(ZERO, ZERO)
    if ref.nodes:
        return ctx.value(ref)
    if t.tree_ok:
        return Interval(ZERO, ZERO)
    raise Missing(ref.address)


@register(
    "first",
    "first(a, b, …) — 第一个数据齐全的表达式的值（同一行的不同印法：收支总表印“一般公共预算”各行，"
    "或只印一行“财政拨款/预算拨款”）；都不齐全时数据不足",
    lazy=True,
)
def fn_first(ctx: EvalContext, *nodes):
    if not nodes:
        raise RuleError("first() 至少需要一个表达式")
    missing: Missing | None = None
    for node in nodes:
        try:
            value = evaluate(node, ctx)
            return ctx.value(value) if isinstance(value, Ref) else value  # a fact is read here, not later
        except Missing as exc:
            missing = missing or exc
    assert missing is not None  # nodes is not empty
    raise missing


@register(
    "nearby_text",
    "nearby_text(table) — 表注加上该表与下一张表之间的叙述文字（表后的“本部门无……故此表无数据”常被排成段落）",
)
def fn_nearby_text(ctx: EvalContext, item) -> str:
    if not isinstance(item, TableItem):
        raise RuleError("nearby_text() 需要表格")
    t = item.table
    parts = list(t.notes)
    start = _position(t.provenance)
    if start is not None:
        later = [p for other in ctx.doc.tables if (p := _position(other.provenance)) is not None and p > start]
        end = min(later) if later else None
        for para in ctx.doc.paragraphs:
            pos = _position(para.provenance)
            if pos is not None and pos > start and (end is None or pos < end):
                parts.append(para.text)
    return "\n".join(parts)


def _position(prov) -> tuple | None:
    """Sort key of a place in the source: (file, page, line); None when unknown."""
    if prov.line is None and prov.page is None:
        return None
    return (prov.path, prov.page or 0, prov.line or 0)


@register("has_values", "has_values(table) — 表中有非零数字")
def fn_has_values(ctx: EvalContext, item) -> bool:
    if not isinstance(item, TableItem):
        raise RuleError("has_values() 需要表格")
    return any(c.state == "value" and c.value not in (None, ZERO) for r in item.table.rows for c in r.cells)
