"""`budgetlint rules` and `budgetlint rule ID`: the rule catalogue for people."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from budgetlint.engine.rules import Rule
from budgetlint.report.text import SEVERITY_LABEL, SEVERITY_STYLE

KIND = {"budget": "预算", "final": "决算"}


def render_rule_list(rules: list[Rule], console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    t = RichTable(show_header=True, header_style="bold")
    t.add_column("规则")
    t.add_column("级别")
    t.add_column("适用")
    t.add_column("标题")
    for r in rules:
        t.add_row(r.id, f"[{SEVERITY_STYLE[r.severity]}]{SEVERITY_LABEL[r.severity]}[/]",
                  "/".join(KIND[k] for k in r.applies_to.kind), escape(r.title))
    console.print(t)
    console.print(f"共 {len(rules)} 条规则。用 budgetlint rule <ID> 查看说明和示例。")


def render_rule(rule: Rule, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    p = console.print
    p(f"[bold]{rule.id}[/]  {escape(rule.title)}")
    p(f"级别：[{SEVERITY_STYLE[rule.severity]}]{SEVERITY_LABEL[rule.severity]}[/]    来源：{escape(rule.source)}")
    at = rule.applies_to
    scope = "/".join(KIND[k] for k in at.kind)
    tables = rule.tables or rule.table_kinds() or at.tables
    p(escape(f"适用：{scope}" + (f"；表：{', '.join(tables)}" if tables else "")
             + (f"；配置：{', '.join(repr(x) for x in at.profile)}" if at.profile else "")))
    if rule.identity:
        p(f"恒等式：{escape(rule.identity)}")
    p(f"依据：{escape(rule.rationale)}")
    if rule.each:
        p(f"逐项：{escape(rule.each)}")
    if rule.rows:
        p(f"行：{escape(rule.rows.model_dump_json(exclude_defaults=True))}")
    if rule.columns:
        p(f"列：{escape(', '.join(rule.columns))}")
    if rule.when:
        p(f"前提：{escape(rule.when)}")
    p(f"检查：{escape(rule.check)}")
    if rule.also_show:
        p(f"同时显示：{escape(', '.join(rule.also_show))}")
    p(f"消息：{escape(rule.message)}")
    p("示例：")
    labels = {"pass": "通过", "fail": "失败", "not_evaluated": "不执行"}
    for i, ex in enumerate(rule.examples, 1):
        extra = ""
        if ex.expect == "fail" and ex.findings is not None:
            extra = f"（{ex.findings} 条问题）"
        p(f"  {i}. [{labels[ex.expect]}]{extra} {escape(ex.name)}")
        for addr, val in ex.facts.items():
            p(f"       {escape(addr)} = {escape(repr(str(val)))}")
        for line in (ex.text or "").splitlines():
            p(f"       | {escape(line.replace(chr(9), ' | '))}")
        if ex.doc:
            for k, v in ex.doc.items():
                p(f"       doc.{k}: {escape(str(v))[:200]}")
        if ex.addresses:
            p(f"       问题应指向：{escape(', '.join(ex.addresses))}")


def rule_catalogue(rules: list[Rule]) -> dict:
    """The rule catalogue as data (``budgetlint rules --format json``): what each rule
    checks, why, where it applies and its examples, for auditors' own tooling."""
    return {
        "schema_version": 1,
        "rules": [
            {"id": r.id, "title": r.title, "severity": r.severity, "identity": r.identity,
             "rationale": r.rationale, "fix": r.fix, "message": r.message,
             "applies_to": {"kind": list(r.applies_to.kind), "tables": list(r.applies_to.tables),
                            "profile": list(r.applies_to.profile)},
             "pack": Path(r.source).name if r.source else "",
             "check": r.check, "when": r.when, "each": r.each,
             "examples": [{"name": e.name, "expect": e.expect} for e in r.examples]}
            for r in rules
        ],
    }


def render_rule_catalogue_json(rules: list[Rule]) -> str:
    return json.dumps(rule_catalogue(rules), ensure_ascii=False, indent=2)
