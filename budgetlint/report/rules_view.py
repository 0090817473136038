"""`budgetlint rules` and `budgetlint rule ID`: the rule catalogue for people."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from budgetlint.engine.rules import Rule, family_fix
from budgetlint.i18n import N_, _, _f, rule_text
from budgetlint.report.text import SEVERITY_STYLE, label

KIND = {"budget": N_("预算"), "final": N_("决算")}


def _compact_json(fields: dict) -> str:
    """The fields that are set (not left at their empty default), as compact JSON."""
    return json.dumps({k: v for k, v in fields.items() if v}, ensure_ascii=False, separators=(",", ":"))


def render_rule_list(rules: list[Rule], console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    t = RichTable(show_header=True, header_style="bold")
    t.add_column(_("规则"))
    t.add_column(_("级别"))
    t.add_column(_("适用"))
    t.add_column(_("标题"))
    for r in rules:
        t.add_row(
            r.id,
            f"[{SEVERITY_STYLE[r.severity]}]{label(r.severity)}[/]",
            "/".join(_(KIND[k]) for k in r.applies_to.kind),
            escape(rule_text(r.id, "title", r.title)),
        )
    console.print(t)
    console.print(_f("共 {n} 条规则。用 budgetlint rule <ID> 查看说明和示例。", n=len(rules)))


def render_rule(rule: Rule, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    p = console.print
    p(f"[bold]{rule.id}[/]  {escape(rule_text(rule.id, 'title', rule.title))}")
    p(
        _f(
            "级别：{severity}    来源：{source}",
            severity=f"[{SEVERITY_STYLE[rule.severity]}]{label(rule.severity)}[/]",
            source=escape(rule.source),
        )
    )
    at = rule.applies_to
    scope = "/".join(_(KIND[k]) for k in at.kind)
    tables = rule.tables or rule.table_kinds() or at.tables
    p(
        escape(
            _f("适用：{scope}", scope=scope)
            + (_f("；表：{tables}", tables=", ".join(tables)) if tables else "")
            + (_f("；配置：{profiles}", profiles=", ".join(repr(x) for x in at.profile)) if at.profile else "")
        )
    )
    if rule.identity:
        p(_f("恒等式：{text}", text=escape(rule_text(rule.id, "identity", rule.identity))))
    p(_f("依据：{text}", text=escape(rule_text(rule.id, "rationale", rule.rationale))))
    if rule.each:
        p(_f("逐项：{text}", text=escape(rule.each)))
    if rule.rows:
        p(_f("行：{text}", text=escape(_compact_json(asdict(rule.rows)))))
    if rule.columns:
        p(_f("列：{text}", text=escape(", ".join(rule.columns))))
    if rule.when:
        p(_f("前提：{text}", text=escape(rule.when)))
    p(_f("检查：{text}", text=escape(rule.check)))
    if rule.also_show:
        p(_f("同时显示：{text}", text=escape(", ".join(rule.also_show))))
    p(_f("消息：{text}", text=escape(rule_text(rule.id, "message", rule.message))))
    p(_("示例："))
    labels = {"pass": _("通过"), "fail": _("失败"), "not_evaluated": _("不执行")}
    for i, ex in enumerate(rule.examples, 1):
        extra = ""
        if ex.expect == "fail" and ex.findings is not None:
            extra = _f("（{n} 条问题）", n=ex.findings)
        p(f"  {i}. [{labels[ex.expect]}]{extra} {escape(ex.name)}")
        for addr, val in ex.facts.items():
            p(f"       {escape(addr)} = {escape(repr(str(val)))}")
        for line in (ex.text or "").splitlines():
            p(f"       | {escape(line.replace(chr(9), ' | '))}")
        if ex.doc:
            for k, v in ex.doc.items():
                p(f"       doc.{k}: {escape(str(v))[:200]}")
        if ex.addresses:
            p("       " + _f("问题应指向：{text}", text=escape(", ".join(ex.addresses))))


def rule_catalogue(rules: list[Rule]) -> dict:
    """The rule catalogue as data (``budgetlint rules --format json``): what each rule
    checks, why, where it applies and its examples, for auditors' own tooling."""
    return {
        "schema_version": 1,
        "rules": [
            {
                "id": r.id,
                "title": rule_text(r.id, "title", r.title),
                "severity": r.severity,
                "identity": rule_text(r.id, "identity", r.identity),
                "rationale": rule_text(r.id, "rationale", r.rationale),
                "fix": rule_text(r.id, "fix", r.fix, family_default=r.fix == family_fix(r.id)),
                "message": rule_text(r.id, "message", r.message),
                "applies_to": {
                    "kind": list(r.applies_to.kind),
                    "tables": list(r.applies_to.tables),
                    "profile": list(r.applies_to.profile),
                },
                "pack": Path(r.source).name if r.source else "",
                "check": r.check,
                "when": r.when,
                "each": r.each,
                "examples": [{"name": e.name, "expect": e.expect} for e in r.examples],
            }
            for r in rules
        ],
    }


def render_rule_catalogue_json(rules: list[Rule]) -> str:
    return json.dumps(rule_catalogue(rules), ensure_ascii=False, indent=2)
