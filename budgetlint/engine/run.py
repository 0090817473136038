"""Run rules over a Document: bindings, findings, not-evaluated records.

For each rule:
1. ``applies_to`` (document kind, profile, required tables) — else *not applicable*.
2. Tables the check mentions must all be present — else *not applicable*.
3. Bindings: ``each`` items, or the row variable ``*`` over the rows of the
   first table written with ``[*]`` (filtered by ``rows``), times the column
   variable ``*`` (``columns``). A rule that mentions a single table kind runs
   on every printed copy of it (``expense``, ``expense#2``…).
4. Per binding: ``when`` false → skipped; a missing fact → not evaluated;
   the check false → a finding pointing at every fact in the failed comparison.
A rule with no evaluated binding is reported as *insufficient data* (facts
missing) or *not applicable* (nothing to check). Rounding never fails a check:
comparisons are interval overlaps (facts/interval.py).
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from budgetlint.engine import expr as E
from budgetlint.engine.consequences import fold_consequences
from budgetlint.engine.evaluate import (
    EvalContext,
    ParagraphItem,
    RequiredTableItem,
    Ref,
    TableItem,
    Uncertain,
    evaluate,
    truthy,
)
from budgetlint.diagnose.fold import fold_into_diagnoses
from budgetlint.engine.explain import explain, not_printed
from budgetlint.facts.index import DocIndex, FactHit, RowNode, TableIndex
from budgetlint.facts.interval import Interval, distinct_places, fmt_decimal
from budgetlint.engine.rules import Rule, family_fix
from budgetlint.i18n import N_, _, _f, language, rule_text
from budgetlint.model import (
    Document,
    DocumentReport,
    Finding,
    Location,
    NotEvaluated,
    NotEvaluatedCause,
    RuleCoverage,
    Unit,
)
from budgetlint.resources import known_column_name

KIND_NAMES = {"budget": N_("预算"), "final": N_("决算")}
_MISREAD_TABLE = N_(
    "表 {table} 与自身的恒等式大面积不符（{by}），疑为识别有误；与该表比较的 {n} 处不符未作为问题报告，请人工核对："
)
_MISREAD_COLUMN = N_(
    "{where}有 {n}/{checked} 处不符本表自身的恒等式，更可能是表格列识别有误而非文件本身的错误，未作为问题报告，请人工核对该表。未报告的 {n} 处："
)


def check_document(doc: Document, rules: list[Rule], index: DocIndex | None = None) -> DocumentReport:
    """Run every rule on one document (``index``: its fact index, when the caller keeps it for more)."""
    index = index if index is not None else DocIndex(doc)
    report = DocumentReport(
        path=doc.path,
        paths=doc.paths or [doc.path],
        kind=doc.kind.value if doc.kind else None,
        year=doc.year,
        department=doc.department,
        profile=doc.profile,
        parse_warnings=list(doc.warnings),
        table_titles={t.id: " ".join(t.title.split()) for t in doc.tables if t.title},
    )
    # Rules inside one table run first: they tell which tables are misread, and the
    # comparisons between tables then leave those out. Reported in rule order.
    misread: dict[tuple[str, str], str] = {}  # (table id, column or "") -> the rule that found it misread
    order = sorted(range(len(rules)), key=lambda i: len(rules[i].table_kinds()) > 1)
    results = {i: run_rule(rules[i], doc, index, misread=misread) for i in order}
    for i in range(len(rules)):
        findings, not_eval = results[i]
        report.findings.extend(findings)
        report.not_evaluated.extend(not_eval)
    report.findings = fold_consequences(report.findings)
    report.findings = fold_into_diagnoses(report.findings, {tid for tid, _ in misread})
    for f in report.findings:
        cap_locations(f)
        _label_pages(f, doc.page_labels)
    report.coverage = rule_coverage([r.id for r in rules], report.not_evaluated)
    return report


# A finding names at most this many places (and counts the rest): a rule over a 100k-row
# table would otherwise list every row it summed (a report of hundreds of MB). Above the
# rows of any department's printed table, so a wrong cell of one is always named.
MAX_LOCATIONS = 100


def cap_locations(f: Finding, limit: int = MAX_LOCATIONS) -> None:
    """Keep ``limit`` locations (and related ones) of ``f``, in their order: the first place of
    every table first, so a sum over many rows still shows the table it is compared with."""
    f.locations, f.locations_omitted = _first_places(f.locations, limit)
    f.related, f.related_omitted = _first_places(f.related, limit)


def _label_pages(f: Finding, labels: dict[str, dict[int, str]]) -> None:
    """Give each place the page number printed in its footer, which the clerk looks for."""
    if not labels:
        return
    for loc in (*f.locations, *f.related):
        if loc.page is not None:
            loc.printed_page = labels.get(loc.path, {}).get(loc.page)


def _first_places(locations: list[Location], limit: int) -> tuple[list[Location], int]:
    if len(locations) <= limit:
        return locations, 0
    keep: set[int] = set()
    tables: set[str | None] = set()
    for i, loc in enumerate(locations):
        if loc.table not in tables and len(keep) < limit:
            tables.add(loc.table)
            keep.add(i)
    for i in range(len(locations)):
        if len(keep) >= limit:
            break
        keep.add(i)
    return [loc for i, loc in enumerate(locations) if i in keep], len(locations) - len(keep)


def rule_coverage(rule_ids: list[str] | int, not_evaluated: list[NotEvaluated]) -> RuleCoverage:
    """Applicable rules (right kind and profile) and how many of them checked something.

    Counted per rule: a rule that ran on part of its places counts as evaluated (it
    has a ``partial`` record, whatever else it has); one that ran and found nothing of
    its kind to check (no 0/0 rate, no such claim) did run. Any other record means the
    rule did not run, under the cause of its first record.
    """
    records: dict[str, list[str]] = {}
    for ne in not_evaluated:
        records.setdefault(ne.rule_id, []).append(ne.cause)
    count = rule_ids if isinstance(rule_ids, int) else len(rule_ids)
    causes: dict[str, int] = {}
    not_run = kind = 0
    for rule_causes in records.values():
        # A rule for another kind/profile, or one whose tables cover different money here, does not apply.
        if "kind" in rule_causes or "scope" in rule_causes:
            kind += 1
            continue
        if "partial" in rule_causes:
            causes["partial"] = causes.get("partial", 0) + 1
            continue
        main = next((c for c in rule_causes if c != "nothing"), "nothing")
        causes[main] = causes.get(main, 0) + 1
        if main != "nothing":
            not_run += 1
    applicable = count - kind
    return RuleCoverage(
        applicable=applicable,
        evaluated=applicable - not_run,
        printed=applicable - causes.get("not_printed", 0),
        not_evaluated=dict(sorted(causes.items())),
    )


def run_rule(
    rule: Rule, doc: Document, index: DocIndex, misread: dict[tuple[str, str], str] | None = None
) -> tuple[list[Finding], list[NotEvaluated]]:
    """Findings and not-evaluated records of one rule; ``misread`` collects the tables (and
    columns) that a rule inside one table found systematically failing."""
    na = _not_applicable(rule, doc, index)
    if na:
        return [], [
            NotEvaluated(
                rule_id=rule.id, status="not_applicable", reason=explain(na[1], index), cause=na[0], detail=na[1]
            )
        ]
    findings: list[Finding] = []
    # Per table (and column, for column-wise rules): how many places were
    # checked and which findings came from there, to spot systematic misreading.
    groups: dict[tuple[str, str, str], list[int]] = {}
    group_findings: dict[tuple[str, str, str], list[Finding]] = {}
    evaluated = skipped = 0
    missing: list[str] = []  # what was missing, as fact addresses (the record's detail)
    missing_seen: set[str] = set()  # the same, for a constant-time "already listed" (one per row)
    clerk: list[str] = []  # the same in the document's words (the record's reason)
    scope_differs: list[str] = []  # bindings between facts of different scope (not applicable)
    scope_seen: set[str] = set()
    seen_fp: set[str] = set()
    any_binding = False

    def note_missing(what: str) -> None:
        if f"缺少 {what}" not in missing_seen:
            missing_seen.add(f"缺少 {what}")
            missing.append(f"缺少 {what}")
            clerk.append(explain(what, index))

    items: list | None = None
    if rule.each_ast is not None:
        # Evaluated once, up front: a fact the list lacks means the rule has nothing to run on.
        try:
            items = list(evaluate(rule.each_ast, EvalContext(index)))
        except E.Missing as m:
            note_missing(m.what)
            items = []
    for ctx in _bindings(rule, index, items):
        any_binding = True
        try:
            if rule.when_ast is not None and not truthy(evaluate(rule.when_ast, ctx)):
                skipped += 1
                continue
            ctx.touched.clear()
            ctx.failures.clear()
            ok = truthy(evaluate(rule.check_ast, ctx))
        except E.Missing as m:
            note_missing(m.what)
            continue
        except E.ScopeDiffers as d:
            if d.why not in scope_seen:
                scope_seen.add(d.why)
                scope_differs.append(d.why)
            continue
        except E.Skip:
            skipped += 1
            continue
        except Uncertain as u:
            note = f"列位置不确定，差异可能来自导出错位（{u.addresses[0]}）"
            if note not in missing_seen:
                missing_seen.add(note)
                missing.append(note)
                clerk.append(
                    f"{explain(u.addresses[0], index).split('的“')[0]}有单元格列位置不确定，差异可能来自导出错位"
                )
            continue
        except E.EvalLimit:
            missing.append(_("计算量超出上限"))
            clerk.append(_("计算量超出上限"))
            continue
        evaluated += 1
        group = _group_of(ctx)
        if group is not None:
            groups.setdefault(group, [0])[0] += 1
        if not ok:
            f = _finding(rule, doc, ctx)
            if f.fingerprint not in seen_fp:
                seen_fp.add(f.fingerprint)
                findings.append(f)
                if group is not None:
                    group_findings.setdefault(group, []).append(f)
    # The guard is for a table that disagrees with its own identities, so it applies to rules
    # inside one table only. A table that disagrees with other tables is a finding (the other
    # tables may agree among themselves); such comparisons are withheld only when one of their
    # tables was found misread by its own identities (check_document).
    withheld: list[NotEvaluated] = []
    if len(rule.table_kinds()) > 1 and misread:
        findings, on_misread = _on_misread_tables(findings, misread)
        evaluated -= sum(len(v) for v in on_misread.values())
        for (tid, by), failed in on_misread.items():
            withheld.append(
                NotEvaluated(
                    rule_id=rule.id,
                    status="insufficient_data",
                    cause="misread",
                    reason=_f(_MISREAD_TABLE, table=tid, by=by, n=len(failed)) + _places(failed),
                )
            )
    elif len(rule.table_kinds()) <= 1:
        for group, failed in group_findings.items():
            checked = groups[group][0]
            if not _systematic(len(failed), checked):
                continue
            dropped = {id(f) for f in failed}
            findings = [f for f in findings if id(f) not in dropped]
            evaluated -= checked
            table_id, table, column = group
            if misread is not None:
                misread.setdefault((table_id, column), rule.id)
            where = _f("表 {table}", table=table) + (
                _f(" 的 {column} 列", column=_column_name(None, column)) if column else ""
            )
            withheld.append(
                NotEvaluated(
                    rule_id=rule.id,
                    status="insufficient_data",
                    cause="misread",
                    reason=_f(_MISREAD_COLUMN, where=where, n=len(failed), checked=checked) + _places(failed),
                )
            )
    not_eval: list[NotEvaluated] = []
    if missing or (withheld and evaluated):
        detail = "、".join(missing[:12]) + ("等" if len(missing) > 12 else "")
        clerk = list(dict.fromkeys(clerk))
        shown = "；".join(clerk[:4]) + ("等" if len(clerk) > 4 else "")
        if withheld:
            shown = _("；").join(x for x in (shown, _("部分表格疑为识别有误（见 misread 记录）")) if x)
        if evaluated:
            reason = _f("部分未检查：{shown}（已检查 {n} 处）", shown=shown, n=evaluated)
        else:
            reason = shown
        cause: NotEvaluatedCause
        if evaluated:
            cause = "partial"
        elif not withheld and all(not_printed(w, index) for w in missing):
            cause = "not_printed"  # every missing fact is a column the document's tables do not print
        else:
            cause = "facts_missing"
        not_eval.append(
            NotEvaluated(rule_id=rule.id, status="insufficient_data", reason=reason, cause=cause, detail=detail)
        )
    if withheld:
        not_eval.extend(withheld)
    elif not evaluated and not missing and scope_differs:
        not_eval.append(
            NotEvaluated(
                rule_id=rule.id,
                status="not_applicable",
                cause="scope",
                reason=_("不比较（恒等式只在口径相同的表之间成立）：") + "；".join(scope_differs[:2]),
            )
        )
    elif not evaluated and not missing:
        why = _("没有需要检查的行或项目") if not any_binding or skipped else _("没有可检查的内容")
        not_eval.append(NotEvaluated(rule_id=rule.id, status="not_applicable", reason=why, cause="nothing"))
    return findings, not_eval


# Real errors are local: a hand edit breaks a row or two. When one rule fails
# on most of the rows of one table (or one column), the likelier cause is that
# the table's columns were misread (a PDF layout we do not know yet), so we say
# so instead of reporting a wall of errors. Thresholds: at least this many
# failures, and more than this share of the places checked there.
SYSTEMATIC_MIN_FAILURES = 4
SYSTEMATIC_SHARE = 0.5


def _systematic(failed: int, checked: int) -> bool:
    return failed >= SYSTEMATIC_MIN_FAILURES and failed > SYSTEMATIC_SHARE * checked


def _group_of(ctx: EvalContext) -> tuple[str, str, str] | None:
    """(table id, table shown to people, column) a row-wise binding checks, or None for other rules."""
    if ctx.row_table is None:
        return None
    table = ctx.row_table.table.id or ctx.row_table.name
    return (table, f"{table}（{ctx.row_table.name}）", ctx.column or "")


def _places(findings: list[Finding]) -> str:
    """Every withheld place, named as a clerk finds it: row, page, the difference."""
    out = []
    for f in findings:
        loc = f.locations[0] if f.locations else None
        if loc is None:
            continue
        label = (loc.excerpt.split("：", 1)[0] if loc.excerpt else "") or loc.row or ""
        where = "、".join(
            x
            for x in (
                f"行 {loc.row}" if loc.row else "",
                label if label != loc.row else "",
                f"第 {loc.page} 页" if loc.page else "",
                f"第 {loc.line} 行" if loc.line else "",
            )
            if x
        )
        out.append(where + (f"，相差 {f.difference}" if f.difference else ""))
    return "；".join(out)


def _on_misread_tables(
    findings: list[Finding], misread: dict[tuple[str, str], str]
) -> tuple[list[Finding], dict[tuple[str, str], list[Finding]]]:
    """Split a comparison's findings: those that involve a table (column) found misread by its
    own identities, by (table id, the rule that found it), and the others."""
    kept: list[Finding] = []
    withheld: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        hit = next(
            (
                (tid, by)
                for loc in f.locations
                for (tid, column), by in misread.items()
                if loc.table == tid and (not column or loc.column == column)
            ),
            None,
        )
        if hit is None:
            kept.append(f)
        else:
            withheld.setdefault(hit, []).append(f)
    return kept, withheld


def _absent_cause(doc: Document) -> NotEvaluatedCause:
    """A table the rule needs is missing: ``not_printed`` when every table the document prints
    was recognised (it does not print this one), ``table_absent`` when some table was not
    (it may be the one)."""
    unrecognised = any(t.kind is None for t in doc.tables) or any(w.code == "unrecognised-table" for w in doc.warnings)
    return "table_absent" if unrecognised or not doc.tables else "not_printed"


def _not_applicable(rule: Rule, doc: Document, index: DocIndex) -> tuple[NotEvaluatedCause, str] | None:
    """(cause, reason) when the rule cannot run on this document at all."""
    at = rule.applies_to
    kind = doc.kind.value if doc.kind else None
    if kind is None and len(at.kind) < 2:
        return "facts_missing", _("文件类型（预算/决算）未识别")
    if kind is not None and kind not in at.kind:
        return "kind", _f("仅适用于{kinds}文件", kinds="/".join(_(KIND_NAMES[k]) for k in at.kind))
    if at.profile and (doc.profile or "") not in at.profile:
        return "kind", _f("仅适用于配置 {profiles}", profiles="/".join(at.profile))
    groups = rule.alternative_table_kinds()
    optional = {k for g in groups for k in g}
    absent = [k for k in [*at.tables, *rule.table_kinds()] if k not in index.instances and k not in optional]
    absent += ["/".join(g) for g in groups if not any(k in index.instances for k in g)]
    if absent:
        return _absent_cause(doc), "缺少表：" + "、".join(dict.fromkeys(absent))
    if rule.tables and not any(k in index.instances for k in rule.tables):
        return _absent_cause(doc), "缺少表：" + "/".join(rule.tables)
    return None


# ------------------------------------------------------------------ bindings


def _bindings(rule: Rule, index: DocIndex, items: list | None) -> Iterator[EvalContext]:
    if items is not None:
        for item in items:
            yield EvalContext(index, names={"it": item})
        return
    kinds = rule.table_kinds()
    addrs = E.addresses(rule.check_ast) + (E.addresses(rule.when_ast) if rule.when_ast else [])
    explicit = any("#" in a.table for a in addrs)
    instance_sets: list[dict[str, TableIndex]] = [{}]
    if rule.tables:
        instance_sets = [{"table": ti} for k in rule.tables for ti in index.instances.get(k, [])]
    elif len(kinds) == 1 and not explicit:
        instance_sets = [{kinds[0]: ti} for ti in index.instances.get(kinds[0], [])]
    driver_addr = next((a for a in addrs if a.row == "*"), None)
    col_star = any("*" in a.column.split(".") for a in addrs)
    for override in instance_sets:
        ctx_t = EvalContext(index, table_override=override)
        driver = None
        if driver_addr is not None or col_star:
            src = driver_addr or next(a for a in addrs if "*" in a.column.split("."))
            try:
                driver = ctx_t.table(src.table)
            except E.Missing:
                continue
        rows: list[RowNode | None] = [None]
        by_key = len(kinds) + (1 if rule.tables else 0) > 1
        if driver_addr is not None and driver is not None:
            rows = [n for n in driver.nodes if _row_selected(rule, n)]
            if by_key:  # one binding per row key, covering all its printings
                seen_keys: set[str | None] = set()
                unique: list[RowNode | None] = []
                for n in rows:
                    if n is not None and n.base not in seen_keys:
                        seen_keys.add(n.base)
                        unique.append(n)
                rows = unique
        columns: list[str | None] = [None]
        if col_star and driver is not None:
            columns = [c for c in (rule.columns or driver.numeric_columns()) if c not in rule.columns_exclude]
        for node in rows:
            for col in columns:
                yield EvalContext(
                    index,
                    table_override=override,
                    row_table=driver if node else None,
                    row=node,
                    column=col,
                    by_key=by_key,
                )


def _row_selected(rule: Rule, node: RowNode) -> bool:
    if not node.key:
        return False
    f = rule.rows
    if f is None:
        return True
    if f.kinds and node.kind not in f.kinds and not (node.key == "total" and "total" in f.kinds):
        return False
    if f.keys and node.key not in f.keys:
        return False
    if f.exclude and node.key in f.exclude:
        return False
    if f.prefix and not any(node.key.startswith(p) for p in f.prefix):
        return False
    return True


# ------------------------------------------------------------------ findings

_VAR_RE = re.compile(r"\{([a-z_]+)\}")


def unfilled_placeholders(message: str) -> list[str]:
    """The {name}s a rendered message still shows: a failing path that sets no value for them."""
    return _VAR_RE.findall(message)


def render_template(template: str, values: dict[str, str]) -> str:
    """Substitute {name} placeholders; unknown names stay as written. No attribute access."""
    return _VAR_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _excerpt(hit: FactHit) -> str:
    label = (hit.label or "").strip()
    raw = "（空）" if hit.blank and not hit.raw else hit.raw
    return f"{label}：{raw}" if label else raw


def _finding(rule: Rule, doc: Document, ctx: EvalContext) -> Finding:
    values: dict[str, str] = {}
    locations: list[Location] = []
    seen: set[str] = set()

    def add_hit(hit: FactHit) -> None:
        if hit.address in seen:
            return
        seen.add(hit.address)
        locations.append(Location.from_provenance(hit.provenance, excerpt=_excerpt(hit), address=hit.address))

    expected = actual = difference = None
    numbers: dict = {}
    failure = ctx.failures[-1] if ctx.failures else None
    if failure is not None and isinstance(failure.left, Interval) and isinstance(failure.right, Interval):
        left, right = failure.left, failure.right
        unit: str = rule.unit
        printed = None
        if unit == "万元" and failure.left_facts and failure.right_facts and "shown_expected" not in ctx.vars:
            printed = _printed_unit(doc, failure.left_facts + failure.right_facts)
        if printed is not None:
            # a clerk reads the 元 table's own figures, not their 万元 conversions
            k = Unit.WAN.in_yuan / printed.in_yuan
            left, right, unit = left.scale(k), right.scale(k), printed.value
        places = distinct_places(left.mid, right.mid)
        actual, expected = left.show(places), right.show(places)
        difference = fmt_decimal(left.mid - right.mid, places)
        numbers = {
            "actual_value": left.mid,
            "expected_value": right.mid,
            "difference_value": left.mid - right.mid,
            "unit": unit,
        }
        values.update(
            unit=_UNIT_EN.get(unit, unit) if language() == "en" else unit,
            actual=actual,
            expected=expected,
            difference=difference,
            gap=fmt_decimal(left.gap(right), places),
            left=_addr_list(failure.left_facts),
            right=_addr_list(failure.right_facts),
            right_columns=_columns_added(failure.right_facts),
            left_columns=_columns_added(failure.left_facts),
            left_label="、".join(dict.fromkeys(h.label.strip() for h in failure.left_facts if h.label.strip())),
        )
        for h in failure.left_facts + failure.right_facts:
            add_hit(h)
    for f in ctx.failures[:-1]:
        for h in f.left_facts + f.right_facts:
            add_hit(h)
    if not locations:
        for h in ctx.touched:
            add_hit(h)
    for node in rule.also_ast:
        try:
            ref = ctx.resolve_addr(node)
            if isinstance(ref, Ref):
                for h in ctx.hits(ref):
                    add_hit(h)
        except (E.Missing, E.Skip):
            pass
    item = ctx.names.get("it")
    if isinstance(item, TableItem):
        t = item.table
        locations.append(Location.from_provenance(t.provenance.model_copy(update={"table": t.id}), excerpt=t.title))
        values.update(title=t.title, table=t.kind or t.id)
    elif isinstance(item, ParagraphItem):
        p = item.paragraph
        sentence = _sentence_around(p.text, ctx.vars.get("found", ""))
        offset = p.text.find(ctx.vars.get("found", "")) if ctx.vars.get("found") else 0
        locations.append(Location.from_provenance(p.provenance_at(max(offset, 0)), excerpt=sentence))
        values.update(text=sentence, title=p.section)
    elif isinstance(item, RequiredTableItem):
        locations.append(Location.from_provenance(item.provenance, excerpt=f"应公开：{item.name}"))
        values.update(name=item.name, table=item.kind, count=str(item.set_size))
    if ctx.row is not None:
        values.update(row=ctx.row.key or "", label=(ctx.row.row.label or ctx.row.key or "").strip())
    if ctx.column is not None:
        values["column"] = _column_name(ctx, ctx.column)
    values.update(ctx.vars)
    # A check without an interval comparison (a year, a name) says what it expected and found;
    # a claim role that happens to be called "actual" (决算数) must not replace the compared value.
    if expected is None and "expected" in ctx.vars:
        expected = ctx.vars["expected"]
    if actual is None and "actual" in ctx.vars:
        actual = ctx.vars["actual"]
    expected = ctx.vars.get("shown_expected", expected)  # the printed figure, not a shifted middle
    difference = ctx.vars.get("shown_difference", difference)
    if "shown_expected" in ctx.vars and numbers:
        numbers["expected_value"] = Decimal(ctx.vars["shown_expected"].replace(",", ""))
        numbers["difference_value"] = numbers["actual_value"] - numbers["expected_value"]
    message = render_template(rule_text(rule.id, "message", rule.message), values)
    # (provenance, excerpt, note) or, for a table cell, (…, address)
    related = [
        Location.from_provenance(prov, excerpt=excerpt, address=addr[0] if addr else None).model_copy(
            update={"note": note}
        )
        for prov, excerpt, note, *addr in ctx.related
    ]
    fp_parts = [rule.id, Path(doc.path).name] + sorted(l.address or f"{l.table}:{l.excerpt[:40]}" for l in locations)
    fingerprint = hashlib.sha256("|".join(fp_parts).encode("utf-8")).hexdigest()[:16]
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        title=rule_text(rule.id, "title", rule.title),
        message=message,
        locations=locations,
        expected=expected,
        actual=actual,
        difference=difference,
        **numbers,
        fix=rule_text(rule.id, "fix", rule.fix, family_default=rule.fix == family_fix(rule.id)),
        fingerprint=fingerprint,
        related=related,
    )


_UNIT_EN = {"万元": "10,000 yuan", "元": "yuan", "亿元": "100 million yuan"}


def _printed_unit(doc: Document, hits: list[FactHit]) -> Unit | None:
    """The unit every compared cell is printed in, when it is one and not 万元 (a 元 table
    checked against itself); None when the sides mix units or come from no table."""
    units = {t.id: t.unit for t in doc.tables}
    seen = {units.get(h.provenance.table) if h.provenance.table else None for h in hits}
    if len(seen) != 1:
        return None
    (only,) = seen
    return only if only is not None and only is not Unit.WAN else None


def _column_name(ctx: EvalContext | None, key: str) -> str:
    """'工资福利支出（basic.personnel.wages）' from rules/vocab/column_names.yaml, else the key."""
    name = known_column_name(key)
    return f"{name}（{key}）" if name else key


def _columns_added(hits: list[FactHit]) -> str:
    """'基本支出 + 项目支出 + 单位预留机动经费': the columns one side of an identity read, as printed
    (a column the table does not have, or an alternative not taken, is not named)."""
    names: dict[str, None] = {}
    for h in hits:
        column = h.address.split("].", 1)[1] if "]." in h.address else h.address
        names[known_column_name(column) or column] = None
    return " + ".join(names)


def _addr_list(hits: list[FactHit]) -> str:
    return " + ".join(h.address for h in hits[:6]) + (" + …" if len(hits) > 6 else "")


def _sentence_around(text: str, needle: str) -> str:
    if not needle or needle not in text:
        return text[:120]
    i = text.find(needle)
    start = max(text.rfind("。", 0, i) + 1, i - 60, 0)
    end_candidates = [j for j in (text.find("。", i),) if j >= 0]
    end = min(end_candidates[0] + 1 if end_candidates else len(text), i + len(needle) + 60)
    return text[start:end].strip()
