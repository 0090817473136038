"""Rule-language functions about scope (which money a fact covers: budgetlint.scope) and the
lines a summary prints between its 本年 total and its 总计.

``same_scope(a, b, …)`` and ``scope_is(a, "gpb")`` are preconditions for ``when:``: they are
true, or they end the binding as *not applicable because the scopes differ* (cause ``scope``),
never a finding. ``counterpart(a, b, c, …)`` is the first of b, c, … that covers the same money
as a (支出表合计 is compared with 本年支出合计, or with 收入总计 when the 支出表 lists 上年结转
among its sources). ``extra_lines(total)`` gives the lines under a 本年 total.
"""

from __future__ import annotations

from budgetlint.engine import expr as E
from budgetlint.engine.evaluate import EvalContext, Ref, evaluate
from budgetlint.engine.expr import Missing, ScopeDiffers, register
from budgetlint.errors import RuleError
from budgetlint.scope import FUNDS_NAMES, PERIOD_NAMES, describe, fact_scope, same_money, scope_vocab


def _scope(ref: Ref) -> tuple[str | None, str | None]:
    node = ref.nodes[0] if ref.nodes else None
    key = node.key if node else ref.address.split("[", 1)[1].split("]", 1)[0]
    kind = node.kind if node else ""
    return fact_scope(ref.table.table, key, kind, ref.column)


def _name_of(ref: Ref) -> str:
    """'一般公共预算支出表合计行', '收支总表“收入总计”': the table and row an amount was taken from."""
    name = (scope_vocab().get("kind_names") or {}).get(ref.table.kind) or _title(ref)
    node = ref.nodes[0] if ref.nodes else None
    if node is None or node.key == "total":
        return f"{name}合计行"
    return f"{name}“{(node.row.label or node.key or '').strip()}”"


def _title(ref: Ref) -> str:
    return ref.table.table.title or ref.table.name


@register(
    "same_scope",
    "same_scope(a, b, …) — 各事实口径相同（资金范围、是否含上年结转；文件表明差额为零时也算相同）；"
    "不同则本条规则不适用（口径不同），不报告问题",
)
def fn_same_scope(ctx: EvalContext, *refs) -> bool:
    facts = [r for r in refs if isinstance(r, Ref)]
    if len(facts) != len(refs) or len(facts) < 2:
        raise RuleError("same_scope() 需要两个以上事实地址")
    first = _scope(facts[0])
    for other in facts[1:]:
        ok, diff = same_money(first, _scope(other), ctx.doc.zero_sources)
        if not ok:
            raise ScopeDiffers(
                f"“{_title(facts[0])}”（{describe(*first)}）与“{_title(other)}”"
                f"（{describe(*_scope(other))}）口径不同（{diff}）"
            )
    return True


@register("scope_matches", "scope_matches(a, b) — 两个事实口径相同（真假值，不影响规则是否适用）")
def fn_scope_matches(ctx: EvalContext, a, b) -> bool:
    if not isinstance(a, Ref) or not isinstance(b, Ref):
        raise RuleError("scope_matches() 需要两个事实地址")
    return same_money(_scope(a), _scope(b), ctx.doc.zero_sources)[0]


def _counterpart(ctx: EvalContext, first, *alternatives):
    ref = evaluate(first, ctx)
    if not isinstance(ref, Ref) or not alternatives:
        raise RuleError("counterpart() 需要一个事实地址和至少一个候选地址")
    mine = _scope(ref)
    absent, differs = [], []
    unread: Ref | None = None
    for node in alternatives:
        if not isinstance(node, E.Addr):
            raise RuleError("counterpart() 的候选只能是事实地址")
        try:
            cand = evaluate(node, ctx)
        except Missing:
            absent.append(node.table)
            continue
        if isinstance(cand, Ref) and (
            not cand.nodes or any(cand.table.cell_hit(n, cand.column) is None for n in cand.nodes)
        ):
            unread = unread or cand  # the table is printed without that row or column: try the next
            continue
        ok, diff = same_money(mine, _scope(cand), ctx.doc.zero_sources)
        if ok:
            ctx.vars["counterpart"] = _name_of(cand)
            return cand
        differs.append(f"“{_title(cand)}”（{describe(*_scope(cand))}）")
    if differs:
        raise ScopeDiffers(f"“{_title(ref)}”（{describe(*mine)}）与{'、'.join(differs)}口径不同")
    if unread is not None:
        return unread  # reading it says which row or column is missing
    raise Missing("缺少表 " + "/".join(absent))


register(
    "counterpart",
    "counterpart(a, b, c, …) — 候选 b、c… 中第一个与 a 口径相同的事实（候选的表可以不存在）；"
    "都不同则本条规则不适用（口径不同）",
    lazy=True,
)(_counterpart)


@register(
    "scope_is",
    'scope_is(ref, "gpb") — 该事实所在表（行、列）的口径是所给的资金范围或期间'
    "（all/fiscal/gpb/gov_fund/soe/current/with_carryover）；未注明时视为相符；否则本条规则不适用",
)
def fn_scope_is(ctx: EvalContext, ref, wanted) -> bool:
    if not isinstance(ref, Ref) or not isinstance(wanted, str):
        raise RuleError("scope_is() 需要一个事实地址和口径名")
    funds, period = _scope(ref)
    if wanted in FUNDS_NAMES:
        actual, names = funds, FUNDS_NAMES
    elif wanted in PERIOD_NAMES:
        actual, names = period, PERIOD_NAMES
    else:
        raise RuleError(f"scope_is()：未知的口径“{wanted}”")
    if actual is not None and actual != wanted:
        raise ScopeDiffers(f"“{_title(ref)}”为{names.get(actual, actual)}口径，本规则只比较{names[wanted]}口径的表")
    return True


@register(
    "extra_lines",
    "extra_lines(ref) — 收支总表中印在“本年收入合计”（或本年支出合计）与总计之间的各行"
    "（上年结转、上年实户资金余额、用事业基金弥补收支差额…，同一列）；其中有无法识别的行时数据不足",
)
def fn_extra_lines(ctx: EvalContext, ref) -> list:
    if not isinstance(ref, Ref):
        raise RuleError("extra_lines() 需要本年合计行的事实地址")
    t = ref.table
    side = ref.address.split("[", 1)[1].split(".", 1)[0]
    start = min((n.index for n in ref.nodes), default=None)
    end = next((n.index for n in t.nodes if n.key == f"{side}.grand_total"), len(t.nodes))
    out = []
    for n in t.nodes:
        unknown = (
            n.key is None
            and n.kind in (f"below_{side}", f"unknown_{side}")
            and any(c.state == "value" and c.value for c in n.row.cells)
        )
        if unknown and start is not None and start < n.index < end:
            raise Missing(f"{t.name} 中“{(n.row.label or '').strip()}”（本年合计与总计之间的项目）无法识别")
        if n.kind == f"below_{side}" and n.key is not None:
            out.append(Ref(t, [n], ref.column, t.address(n, ref.column)))
    return out
