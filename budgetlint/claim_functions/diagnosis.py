"""Engine functions for the diagnosis rules (rules/diagnosis.yaml).

``diagnoses("cell" | "row" | "tie")`` lists the document's diagnoses of that sort (an ``each``
item per diagnosis); ``diagnosed(it)`` is true for a diagnosis and sets the message variables
({where} {table} {label} {column} {printed} {restored} {basis} {cause}), the cells it points at
and, as related locations, the identities it breaks.
"""

from __future__ import annotations

from budgetlint.claim_functions.library import register
from budgetlint.diagnose.causes import fmt
from budgetlint.diagnose.model import Diagnosis, Tie
from budgetlint.diagnose.run import Checked, checked_tables, diagnose_document
from budgetlint.engine.evaluate import EvalContext
from budgetlint.engine.explain import column_name, table_name
from budgetlint.errors import RuleError
from budgetlint.i18n import _f

ROW_CAUSES = ("missing_row", "shifted")


@register(
    "diagnoses",
    'diagnoses("cell"|"row"|"tie") — 本文件各表的错误定位结果：单元格错误、整行错位或漏行、同样可能的多个答案',
)
def fn_diagnoses(ctx: EvalContext, sort: str) -> list:
    if sort not in ("cell", "row", "tie"):
        raise RuleError(f"diagnoses() 的参数应为 cell、row 或 tie，而不是 {sort}")
    found = diagnose_document(ctx.index)
    out: list[Diagnosis | Tie]
    if sort == "tie":
        out = [d for d in found if isinstance(d, Tie)]
    else:
        rows = sort == "row"
        out = [d for d in found if isinstance(d, Diagnosis) and (d.cause in ROW_CAUSES) == rows]
    # every other table with identities was checked and needs no diagnosis of this sort
    named = {id(d.table) for d in out}
    return out + [Checked(t) for t in checked_tables(ctx.index) if id(t) not in named]


@register(
    "diagnosed",
    "diagnosed(it) — 这一条定位结果成立（设置 {where} {table} {label} {column} {printed} {restored} {basis} {cause}）",
)
def fn_diagnosed(ctx: EvalContext, item) -> bool:
    if isinstance(item, Checked):
        return False
    if isinstance(item, Tie):
        return _tie(ctx, item)
    if not isinstance(item, Diagnosis):
        raise RuleError("diagnosed() 需要 diagnoses() 的一项")
    cell = item.cells[0]
    ctx.touched.extend(c.hit for c in item.cells)
    ctx.touched.extend(item.extra)
    ctx.vars.update(
        where=_where(cell.hit.provenance),
        table=_table(item.table),
        label=_row(cell),
        column=column_name(cell.column),
        printed=_shown(cell, cell.value),
        restored=_shown(cell, item.restored[0]),
        basis=item.basis,
        cause=item.cause_text,
        expected=fmt(item.restored[0], cell.decimals),
        actual=fmt(cell.value, cell.decimals),
        should="" if item.cause == "missing_row" else f"，应为 {_shown(cell, item.restored[0])}",
    )
    if len(item.cells) > 1:
        ctx.vars["cause"] += "；" + "，".join(
            f"{column_name(c.column)} 印为 {_shown(c, c.value)} 应为 {_shown(c, r)}"
            for c, r in zip(item.cells[1:], item.restored[1:])
        )
    _broken(ctx, item.table, item.broken, {c.address for c in item.cells})
    return True


def _tie(ctx: EvalContext, tie: Tie) -> bool:
    ctx.touched.extend(c.hit for option in tie.options for c in option)
    first = tie.options[0][0]
    ctx.vars.update(
        where=_where(first.hit.provenance),
        table=_table(tie.table),
        options="；或 ".join(
            "、".join(f"{_row(c)} 的 {column_name(c.column)}（{_shown(c, c.value)}）" for c in option)
            for option in tie.options
        ),
    )
    return True


def _broken(ctx: EvalContext, table, broken, own: set[str]) -> None:
    system_cells = {}
    for eq in broken:
        note = f"不成立的勾稽关系：{eq.text}"
        for hit in _hits(table, eq):
            if hit.address in own or hit.address in system_cells:
                continue
            system_cells[hit.address] = True
            label = (hit.label or "").strip()
            ctx.related.append((hit.provenance, f"{label}：{hit.raw}" if label else hit.raw, note, hit.address))


def _hits(table, eq):
    from budgetlint.diagnose.system import table_system

    system = table_system(table)
    return [system.cells[i].hit for i, _ in eq.terms]


def _shown(cell, value) -> str:
    """A value as the table prints it: 64,840,547.00 where the table groups thousands; 空白."""
    printed = cell.node.row.cell(cell.column)
    if printed is not None and printed.state == "blank" and value == cell.value:
        return "空白"
    raw = printed.raw if printed is not None else ""
    return f"{value:,.{cell.decimals}f}" if "," in (raw or "") else fmt(value, cell.decimals)


def _where(prov) -> str:
    if prov.page:
        return f"第 {prov.page} 页"
    if prov.line:
        return f"第 {prov.line} 行"
    return ""


def _table(table) -> str:
    title = " ".join((table.table.title or "").split())
    return title if title and title != table.kind else table_name(table.kind)


def _row(cell) -> str:
    key = (cell.node.key or "").split("#")[0]
    label = (cell.node.row.label or "").strip()
    if key.startswith(("unit:", "p", "in.", "out.")) or key == "total" or not key[:1].isdigit():
        return label or key
    return key if label in ("", key) else f"{key} {label}"


@register(
    "round_note",
    'round_note(part, whole, limit, "carried"|"alone") — 总是为真；设置 {round_note}：part 中'
    "若有一个整数部分（如 1500）原是以元计的金额，把它换回万元后 part / whole 不超过 limit，则说明之（carried：whole 也含这一部分）",
)
def fn_round_note(ctx: EvalContext, part, whole, limit, carried) -> bool:
    """The diagnosis of a slip every sum carries: no identity fails, so the cell cannot be found by
    localisation; the plausibility rule that finds it asks here for the round component that
    explains it (老城区 2024: 奖金 1513.40 = 13.40 + 1500, the 1500 being 1500 元 = 0.15 万元)."""
    ctx.vars["round_note"] = ""
    try:
        x, y, bound = ctx.value(part).mid, ctx.value(whole).mid, limit.mid
    except Exception:  # noqa: BLE001 - a note only; the check itself reports what is missing
        return True
    found = round_component(x, y, bound, carried == "carried")
    if found is not None:
        r, corrected, ratio = found
        note = "。其中 {round} 万元是一个整数：若它原是 {round} 元（{small} 万元），此项应为 {corrected} 万元，比值 {ratio}，与真实文件相符"
        ctx.vars["round_note"] = _f(
            note, round=f"{r:.0f}", small=f"{r / 10_000:.2f}", corrected=f"{corrected:.2f}", ratio=f"{ratio:.2f}"
        )
    return True


def round_component(x, whole, bound, carried: bool):
    """(r, x corrected, ratio corrected): the round part r of x (≤ 2 significant digits, ≥ 100,
    the finest such: 1500 of 1513.40 rather than 1000) whose return from 万元 to 元 brings
    x / whole under ``bound``; None when none does."""
    from decimal import Decimal

    if x <= 0 or whole <= 0:
        return None
    digits = len(str(int(x)))
    for k in range(2, digits):
        step = Decimal(10) ** k
        r = (x // step) * step
        if r < 100 or len(str(int(r)).rstrip("0")) > 2:
            continue
        corrected = x - r + r / 10_000
        base = whole - r + r / 10_000 if carried else whole
        if base > 0 and corrected / base <= bound:
            return r, corrected, corrected / base
    return None
