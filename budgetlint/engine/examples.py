"""Build small Documents from a rule's examples and check them.

An example gives ``facts`` (address → printed value string, ``""`` = a blank
cell, any non-number = unreadable text) and optionally ``doc``:

    doc:
      kind: budget            # default budget
      year: 2024
      department: 某某局
      profile: henan
      paragraphs: ["……"]      # narrative paragraphs
      contents:               # the 目录 of tables (是否空表 / 公开空表理由)
        - {number: 表9, title: 2019年部门综合预算政府性基金收支表, empty: true, reason: 本单位无政府性基金预算}
      tables:                 # extra table metadata, matched by kind (or added)
        - kind: gov_fund
          title: 2024 年政府性基金支出预算表
          caption: ["部门名称：某某局", "单位：万元"]
          notes: ["备注：本部门无政府性基金预算拨款安排的支出，故此表无数据。"]
          empty: true
          unit: 万元
          unit_stated: true
          labels: {"2010301": 行政运行}
          scope: {funds: gpb, period: current}   # otherwise from the title, as the recogniser does
      zero_sources: [carryover]   # differences between scopes the document shows to be zero
      forms:                  # 绩效自评表 forms (a figure left out is not printed)
        - {scope: project, name: 2022年病媒生物防制, start_budget: "240", budget: "229.19", actual: "229.19", score: "100"}

Two-sided tables (``in.``/``out.`` rows) mark the lines between their 本年 total and their 总计
as the recogniser does.

Rows are created in the order their addresses first appear; the row kind
comes from the key (``total``, ``unit:…``, ``p1``, digits = functional code,
or economic code in economic tables, ``in.``/``out.`` items).
"""

from __future__ import annotations

import re

from budgetlint.engine.rules import Example, Rule
from budgetlint.engine.run import check_document, unfilled_placeholders
from budgetlint.model import (
    Cell,
    Column,
    ContentsEntry,
    DocKind,
    Document,
    DocumentReport,
    Paragraph,
    Provenance,
    RawTable,
    Row,
    Table,
    Unit,
)
from budgetlint.numbers import parse_number
from budgetlint.recognise.precision import set_precision
from budgetlint.recognise.scope import table_scope
from budgetlint.recognise.summary import mark_below_total
from budgetlint.recognise.vocab import row_vocab

ECONOMIC_TABLES = {"gpb_basic", "economic_summary", "operating_funds", "final_gpb_basic"}
_ADDR_RE = re.compile(r"^(?P<table>[A-Za-z_][A-Za-z0-9_]*(?:#[0-9]+)?)\[(?P<row>[^\]]+)\](?:\.(?P<col>.+))?$")


def row_kind(table_kind: str, key: str) -> str:
    key = key.split("#", 1)[0]  # a repeated printing (30103#2) has the kind of its code
    if key == "total":
        return "total"
    if key.startswith("unit:"):
        return "unit"
    if re.fullmatch(r"p[0-9]+", key):
        return "project"
    if re.fullmatch(r"g?[0-9]+", key):
        if key.startswith("g") or table_kind in ECONOMIC_TABLES or (key[:1] == "3" and len(key) in (3, 5)):
            return "economic"
        return "functional"
    return "item"


def build_document(example: Example, path: str = "example.txt", default_kind: str = "budget") -> Document:
    spec = dict(example.doc)
    kind = spec.get("kind", default_kind)
    line = 1

    def prov(**kw) -> Provenance:
        nonlocal line
        line += 1
        return Provenance(path=path, line=line, **kw)

    tables: dict[str, Table] = {}
    meta = {t.get("name") or t["kind"]: t for t in spec.get("tables", [])}
    order: list[str] = []

    def table_for(name: str) -> Table:
        if name not in tables:
            m = meta.get(name, {})
            base = name.split("#", 1)[0]
            tid = f"t{len(tables) + 1}"
            tables[name] = Table(
                id=tid,
                kind=base,
                title=m.get("title", base),
                unit=Unit(m.get("unit", "万元")),
                unit_stated=m.get("unit_stated", True),
                notes=list(m.get("notes", [])),
                empty=bool(m.get("empty", False)),
                caption=list(m.get("caption", [])),
                provenance=prov(table=tid, raw=m.get("title", base)),
            )
            order.append(name)
        return tables[name]

    for name in meta:
        table_for(name)
    labels_of = {name: {str(k): v for k, v in (m.get("labels") or {}).items()} for name, m in meta.items()}
    for address, printed in example.facts.items():
        m = _ADDR_RE.match(address.strip())
        if not m:
            raise ValueError(f"示例中的地址不合法：{address}")
        name, key, col = m.group("table"), m.group("row"), m.group("col") or "total"
        t = table_for(name)
        if all(c.key != col for c in t.columns):
            t.columns.append(Column(key=col, header=[col], index=len(t.columns)))
        row = t.row(key)
        if row is None:
            label = str(labels_of.get(name, {}).get(key, key))
            row = Row(
                key=key, kind=row_kind(t.kind or "", key), label=label, provenance=prov(table=t.id, row=key, raw=label)
            )
            t.rows.append(row)
        text = "" if printed is None else str(printed)
        parsed = parse_number(text)
        p = prov(table=t.id, row=key, column=col, raw=text)
        if parsed is not None:
            cell = Cell(column=col, raw=text, value=parsed.value, decimals=parsed.decimals, state="value", provenance=p)
        elif text.strip() in ("", "-", "—"):
            cell = Cell(column=col, raw=text, state="blank", provenance=p)
        else:
            cell = Cell(column=col, raw=text, state="text", provenance=p)
        row.cells.append(cell)
    doc_tables = [tables[name] for name in order]
    if spec.get("forms"):
        doc_tables.append(_forms_table(spec["forms"], f"t{len(doc_tables) + 1}", prov))
    for name in order:
        _scope_and_lines(tables[name], meta.get(name, {}))
    for t in doc_tables:
        set_precision(t)
    paragraphs = [Paragraph(text=text, provenance=prov(raw=text[:40])) for text in spec.get("paragraphs", [])]
    contents = [
        ContentsEntry(
            number=str(e.get("number", "")),
            title=e["title"],
            empty=e.get("empty"),
            reason=e.get("reason", ""),
            provenance=prov(raw=e["title"]),
        )
        for e in spec.get("contents", [])
    ]
    return Document(
        path=path,
        paths=[path],
        title=spec.get("title", ""),
        department=spec.get("department"),
        year=spec.get("year"),
        kind=DocKind(kind) if kind else None,
        profile=spec.get("profile"),
        paragraphs=paragraphs,
        tables=doc_tables,
        contents=contents,
        zero_sources=spec.get("zero_sources"),
    )


_FORM_FIGURES = ("start_budget", "budget", "actual", "score")


def _forms_table(specs: list[dict], tid: str, prov) -> Table:
    """``doc: {forms: [{scope, name, title, budget, actual, start_budget, score, page}]}``: 绩效自评表
    forms (recognise/self_evaluation.py), one table holding them all; a figure left out is not printed."""
    from budgetlint.model import EvaluationForm

    forms = []
    for spec in specs:
        form = EvaluationForm(
            scope=spec.get("scope", "project"),
            name=spec.get("name", ""),
            title=spec.get("title", ""),
            provenance=prov(table=tid, page=spec.get("page"), raw=spec.get("name", "")),
        )
        for figure in _FORM_FIGURES:
            parsed = parse_number(str(spec[figure])) if figure in spec else None
            if parsed is not None:
                form.figures[figure] = parsed.value
                form.decimals[figure] = parsed.decimals
                form.cells[figure] = prov(table=tid, page=spec.get("page"), raw=str(spec[figure]))
        forms.append(form)
    return Table(
        id=tid,
        kind="self_evaluation",
        title="项目支出绩效自评表",
        forms=forms,
        provenance=prov(table=tid, raw="项目支出绩效自评表"),
    )


def _scope_and_lines(table: Table, meta: dict) -> None:
    """Scope from the title (or the example's ``scope``); 本年/总计 lines of two-sided tables."""
    table_scope(RawTable(title=table.title, provenance=table.provenance), table)
    if "scope" in meta:
        table.scope = table.scope.model_copy(update=meta["scope"])
    if any((r.key or "").startswith(("in.", "out.")) for r in table.rows):
        sides = ["in" if (r.key or "").startswith("in.") else "out" for r in table.rows]
        mark_below_total(table.rows, sides, row_vocab())


def run_example(rule: Rule, example: Example) -> DocumentReport:
    if example.text is not None:
        raise ValueError("text 示例需经读取与识别：用 budgetlint.pack_test.example_problems")
    kinds = rule.applies_to.kind
    default = "budget" if "budget" in kinds else kinds[0]
    return check_document(build_document(example, default_kind=default), [rule])


def example_problems(rule: Rule, example: Example) -> list[str]:
    """Why a ``facts`` example does not behave as declared (empty list = fine). ``text`` examples
    need the readers and the recogniser: budgetlint.pack_test runs both forms."""
    return judge_example(rule, example, run_example(rule, example))


def judge_example(rule: Rule, example: Example, report: DocumentReport) -> list[str]:
    """Why the report of an example's document is not what the example declares (empty = fine)."""
    problems: list[str] = []
    n = len(report.findings)
    if example.expect == "pass":
        if n:
            problems.append(f"应通过，却有 {n} 条问题：{[f.message for f in report.findings]}")
        if any(ne.rule_id == rule.id for ne in report.not_evaluated if not ne.reason.startswith("部分")):
            problems.append(f"应通过，却未执行：{[ne.reason for ne in report.not_evaluated]}")
    elif example.expect == "fail":
        if n == 0:
            problems.append(f"应失败，却没有问题（未执行：{[ne.reason for ne in report.not_evaluated]}）")
        if example.findings is not None and n != example.findings:
            problems.append(f"应有 {example.findings} 条问题，实际 {n} 条：{[f.message for f in report.findings]}")
        for f in report.findings:
            if unfilled_placeholders(f.message):
                problems.append(f"消息中有未填的占位符 {unfilled_placeholders(f.message)}：{f.message}")
        addrs = {loc.address for f in report.findings for loc in f.locations}
        missing = [a for a in example.addresses if a not in addrs]
        if missing:
            problems.append(f"问题位置缺少 {missing}（实际 {sorted(a for a in addrs if a)}）")
    else:
        if n:
            problems.append(f"应不执行，却有问题：{[f.message for f in report.findings]}")
        statuses = {ne.status for ne in report.not_evaluated}
        if not statuses:
            problems.append("应不执行，却执行了")
        elif example.status and example.status not in statuses:
            problems.append(f"应为 {example.status}，实际 {statuses}")
    return problems
