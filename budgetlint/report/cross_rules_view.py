"""The cross-document rules (BL9xx, rules/across/) in `budgetlint rules` and `budgetlint rule ID`.

They are not rules of a pack (those check one document), so they have their own short view: what
document each compares with, and its examples as the documents beside the checked one."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from budgetlint.i18n import N_, _, _f, rule_text
from budgetlint.report.text import SEVERITY_STYLE, label
from budgetlint.store.crossdoc import CrossRule

RELATION = {
    "previous_year": N_("上年同一部门、同类文件"),
    "budget_of_year": N_("同年同一部门的部门预算（决算用）"),
    "units": N_("同年所属各单位的文件（部门文件用）"),
}


def render_cross_rule_list(rules: tuple[CrossRule, ...], console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    t = RichTable(show_header=True, header_style="bold", title=_("跨文件规则（相关文件在同一批或 --store 库中时执行）"))
    t.add_column(_("规则"))
    t.add_column(_("级别"))
    t.add_column(_("比对"))
    t.add_column(_("标题"))
    for r in rules:
        t.add_row(
            r.id,
            f"[{SEVERITY_STYLE[r.severity]}]{label(r.severity)}[/]",
            _(RELATION[r.relation]),
            escape(rule_text(r.id, "title", r.title)),
        )
    console.print(t)


def render_cross_rule(rule: CrossRule, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    p = console.print
    p(f"[bold]{rule.id}[/]  {escape(rule_text(rule.id, 'title', rule.title))}")
    p(
        _f(
            "级别：{severity}    来源：{source}",
            severity=label(rule.severity),
            source="rules/across/cross_document.yaml",
        )
    )
    p(_f("比对：{text}", text=_(RELATION[rule.relation])))
    if rule.addresses:
        p(_f("比对的数：{text}", text=escape(", ".join(rule.addresses))))
    p(_f("依据：{text}", text=escape(rule_text(rule.id, "rationale", rule.rationale))))
    p(_f("消息：{text}", text=escape(rule_text(rule.id, "message", rule.message))))
    if rule.fix:
        p(_f("修改：{text}", text=escape(rule_text(rule.id, "fix", rule.fix))))
    p(_("示例："))
    labels = {"pass": _("通过"), "fail": _("失败")}
    for i, ex in enumerate(rule.examples, 1):
        extra = _f("（{n} 条问题）", n=ex["findings"]) if ex.get("findings") is not None else ""
        p(f"  {i}. [{labels[ex['expect']]}]{extra} {escape(str(ex.get('name', '')))}")
        p("       " + _f("本文件：{text}", text=escape(str(ex.get("this", {})))[:300]))
        for other in ex.get("others", []):
            p("       " + _f("相关文件：{text}", text=escape(str(other))[:300]))


def cross_rule_catalogue(rules: tuple[CrossRule, ...]) -> list[dict]:
    """The cross-document rules as data, beside the pack rules in ``budgetlint rules --format json``."""
    return [
        {
            "id": r.id,
            "title": rule_text(r.id, "title", r.title),
            "severity": r.severity,
            "relation": r.relation,
            "rationale": rule_text(r.id, "rationale", r.rationale),
            "fix": rule_text(r.id, "fix", r.fix),
            "message": rule_text(r.id, "message", r.message),
            "pack": "cross_document.yaml",
            "examples": [{"name": e.get("name", ""), "expect": e["expect"]} for e in r.examples],
        }
        for r in rules
    ]
