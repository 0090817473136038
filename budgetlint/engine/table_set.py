"""Which required tables a document does not publish (for BL807).

A 决算 publishes 公开01–09, a 预算 its region's 8/9 tables (rules/vocab/table_sets.yaml, per
profile and year). A table counts as published when the recogniser found a table of its kind,
or when the document names it anywhere — a table title or caption the recogniser did not place,
the 目录, a note or sentence (本表为空, 本部门无国有资本经营预算…) — because then it is printed
or its absence is explained (BL804 handles empty tables). Only a document whose table part was
read can lack a table: fewer than half of the set recognised (a narrative-only file, tables in
another file) or a table whose kind is in doubt (unrecognised, or unnumbered among numbered
tables: it may be the one that seems missing) makes the rule stand aside.
"""

from __future__ import annotations

from msgspec import Struct
from functools import lru_cache

from budgetlint.lazy_regex import lazy_compile
from budgetlint.engine.empty_tables import SUBJECTS, _narrative_says_absent
from budgetlint.engine.evaluate import EvalContext, RequiredTableItem
from budgetlint.engine.expr import register
from budgetlint.errors import RuleError
from budgetlint.model import Document, Table
from budgetlint.numbers import fold
from budgetlint.recognise.kinds import title_kind
from budgetlint.resources import load_data_file, table_names, vocab_dir

# A 决算 table and the budget table of the same figures: a 决算 naming "“三公”经费支出表"
# (without 决算) names its 三公 table.
_COUNTERPART = {
    "final_summary": "income_expense_summary",
    "final_income": "income",
    "final_expense": "expense",
    "final_fiscal_summary": "fiscal_summary",
    "final_gpb_expense": "gpb_expense",
    "final_gpb_basic": "gpb_basic",
    "final_gov_fund": "gov_fund",
    "final_soe_capital": "soe_capital",
    "final_three_public": "three_public",
}
# Kinds that are not tables of the set (narrative tables, 目录): they cast no doubt.
_NOT_SET = {"not_budget", "self_evaluation", "performance_indicators", "project_performance", "dept_performance"}
# A printed table number: 公开07表, 预算03表, 表7, 表十一.
_NUMBER_RE = lazy_compile(
    r"(?:公开|预算|决算|附)\s*[0-9]{1,2}\s*表|表\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?![0-9])"
)
# A name ending in 表, inside a sentence, a 目录 line or a caption.
_TABLE_NAME_RE = lazy_compile(r"[^。；;，,、:：\n表]{2,40}表")


class Requirement(Struct, frozen=True):
    """A table kind a document must have (or one of its alternatives)."""

    kind: str
    since: int | None = None
    alternatives: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def table_sets() -> dict[str, tuple[Requirement, ...]]:
    """Profile name -> the tables its documents must publish (rules/vocab/table_sets.yaml)."""
    data = load_data_file(vocab_dir() / "table_sets.yaml") or {}  # parsed once per change (user cache)
    out: dict[str, tuple[Requirement, ...]] = {}
    for profile, entries in (data.get("sets") or {}).items():
        reqs = []
        for e in entries or ():
            if isinstance(e, str):
                reqs.append(Requirement(e))
            else:
                reqs.append(Requirement(str(e["kind"]), e.get("since"), tuple(e.get("or") or ())))
        out[str(profile)] = tuple(reqs)
    return out


def required(doc: Document) -> list[Requirement]:
    """The tables this document's profile requires in its year."""
    reqs = table_sets().get(doc.profile or "", ())
    return [r for r in reqs if r.since is None or (doc.year is not None and doc.year >= r.since)]


def _kinds(req: Requirement) -> set[str]:
    kinds = {req.kind, *req.alternatives}
    return kinds | {_COUNTERPART[k] for k in kinds if k in _COUNTERPART}


def recognised(doc: Document, req: Requirement) -> bool:
    kinds = _kinds(req)
    return any(t.kind in kinds for t in doc.tables)


def _set_kinds(reqs: list[Requirement]) -> set[str]:
    return set().union(*(_kinds(r) for r in reqs)) if reqs else set()


def doubt(doc: Document, reqs: list[Requirement]) -> str:
    """Why the document's table set cannot be judged ("" when it can)."""
    found = sum(1 for r in reqs if recognised(doc, r))
    if found * 2 < len(reqs) or found == 0:
        return f"只识别出 {found}/{len(reqs)} 张应公开的表（说明与报表可能分文件发布）"
    unknown = [t for t in doc.tables if not t.kind]
    if unknown:
        return f"有未识别种类的表格“{unknown[0].title[:30]}”"
    set_kinds = _set_kinds(reqs)
    tables = [t for t in doc.tables if t.kind not in _NOT_SET]
    numbered = [t for t in tables if _number(t)]
    if numbered and len(numbered) * 2 >= len(tables):
        loose = next((t for t in tables if not _number(t) and t.kind in set_kinds), None)
        if loose is not None:  # an unnumbered table among numbered ones: it may be any of them
            return f"表格“{loose.title[:30]}”没有表号，种类存疑"
    return ""


def _number(table: Table) -> str:
    m = _NUMBER_RE.search(fold(" ".join([table.title, *table.caption])))
    return m.group(0) if m else ""


def named_where(doc: Document, req: Requirement) -> str:
    """Where the document names this table (a title, the 目录, a note, a sentence), or ""."""
    kinds = _kinds(req)
    for t in doc.tables:
        for line in [t.title, *t.caption, *t.notes]:
            if _names(line, kinds):
                return f"表格“{t.title[:30]}”"
    for entry in doc.contents:
        if _names(entry.title, kinds):
            return f"目录“{entry.title[:30]}”"
    subject = next((s for s in SUBJECTS if s in standard_name(req.kind)), None)
    for para in doc.paragraphs:
        if _names(para.text, kinds):
            return f"文字“{para.text[:40]}”"
        if subject and _narrative_says_absent(para, subject, income_too=True):
            return f"叙述说明无{subject}"
    return ""


def _names(text: str, kinds: set[str]) -> bool:
    for m in _TABLE_NAME_RE.finditer(fold(text or "")):
        rule = title_kind(m.group(0))
        if rule is not None and rule.kind in kinds:
            return True
    return False


def standard_name(kind: str) -> str:
    return table_names().get(kind, kind)


@register(
    "required_tables",
    "required_tables() — 本文件（按配置与年度）应公开的各表（供 each 使用）；"
    "报表部分未读出（识别不足一半）或有种类存疑的表格时为空",
)
def fn_required_tables(ctx: EvalContext) -> list:
    doc = ctx.doc
    reqs = required(doc)
    if not reqs or doubt(doc, reqs):  # no set for this profile, or the table part was not read well enough
        return []
    return [
        RequiredTableItem(
            kind=req.kind, name=standard_name(req.kind), provenance=_where(doc, reqs[:i]), set_size=len(reqs)
        )
        for i, req in enumerate(reqs)
    ]


@register("table_found", "table_found(item) — 识别出了这种表（或其对应的表）")
def fn_table_found(ctx: EvalContext, item) -> bool:
    return recognised(ctx.doc, _requirement(ctx, item))


@register("table_named", "table_named(item) — 文件中提到了这张应公开的表（表题、目录、表注或叙述）；设 {how}")
def fn_table_named(ctx: EvalContext, item) -> bool:
    how = named_where(ctx.doc, _requirement(ctx, item))
    if how:
        ctx.vars["how"] = how
    return bool(how)


def _requirement(ctx: EvalContext, item) -> Requirement:
    if not isinstance(item, RequiredTableItem):
        raise RuleError("需要 required_tables() 的表")
    return next((r for r in required(ctx.doc) if r.kind == item.kind), Requirement(item.kind))


def _where(doc: Document, before: list[Requirement]):
    """The place the missing table belongs: after the last recognised table of the set before it."""
    kinds = _set_kinds(before)
    previous = [t for t in doc.tables if t.kind in kinds]
    anchor = previous[-1] if previous else next((t for t in doc.tables if t.kind), doc.tables[0])
    return anchor.provenance.model_copy(update={"table": anchor.id})
