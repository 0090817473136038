"""``budgetlint parse --format claims``: every claim, its binding, and coverage.

Binding here uses the same fact view as the rules (the engine's index, where
a blank cell of a printed row is 0), so what this shows is what the narrative
rules check.
"""

from __future__ import annotations

from msgspec.structs import fields
from decimal import Decimal

from budgetlint.claims.bind import bind_document, bound_share, restates_table
from budgetlint.claims.kinds import BoundClaim, Claim, Printed
from budgetlint.claims.vocab import load_vocabulary
from budgetlint.facts.interval import Interval
from budgetlint.i18n import N_, _, _f
from budgetlint.model import Document

KIND_NAMES = {
    "amount": N_("金额"),
    "share": N_("占比"),
    "change": N_("增减"),
    "execution": N_("执行"),
    "breakdown": N_("构成"),
    "count": N_("计数"),
    "date": N_("年份"),
    "admission": N_("自述错误"),
    "large_carryover": N_("结转较大"),
    "evaluation_count": N_("自评个数"),
    "evaluation_amount": N_("自评金额"),
    "evaluation_score": N_("自评得分"),
}


def bound_claims(doc: Document) -> list[BoundClaim]:
    """The document's claims bound against its tables (bind.bind_document), in reading order."""
    _lookup, paragraphs = bind_document(doc)
    return [c for _paragraph, found in paragraphs for c in found]


def _num(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")


# Fields shown elsewhere in a claim's lines (or too long to show).
_NOT_WORDS = {"id", "subject", "subject_text", "sentence", "provenance", "span", "offset", "clause", "whole_text"}


def _words(claim: Claim) -> str:
    """The claim's words and flags that are set, as ``name=value`` (a flag by its name)."""
    out = []
    for f in fields(claim):
        value = getattr(claim, f.name)
        if f.name in _NOT_WORDS or not value or isinstance(value, (Printed, Interval)):
            continue
        if f.name == "parts":
            continue  # (printed with the figures)
        if isinstance(value, bool):
            out.append(f.name)
        elif isinstance(value, tuple):
            out.append(f"{f.name}={','.join(str(v) for v in value if not isinstance(v, Printed))}")
        else:
            out.append(f"{f.name}={value}")
    return " ".join(out)


def describe(bound: BoundClaim) -> str:
    claim, binding = bound.claim, bound.binding
    vocab = load_vocabulary()
    nums = " ".join(f"{role}={p.text}{p.unit}" for role, p in claim.printed().items())
    for role, total in (
        ("whole_sum", getattr(claim, "whole_sum", None)),
        ("shares_total", getattr(claim, "shares_total", None)),
    ):
        if total is not None:
            nums += f" {role}={_num(total.mid)}"
    words = _words(claim)
    subject = vocab.name(binding.subject) if binding.subject else "—"
    line = claim.provenance.line if claim.provenance.line is not None else "?"
    head = f"L{line:<5} {_(KIND_NAMES.get(claim.kind, claim.kind)):<4} {subject}  {nums}"
    if words:
        head += f"  [{words}]"
    if binding.bound_to:
        target = binding.bound_to[0]
        fact = binding.fact
        head += f"\n        → {target}" + (f" = {_num(fact.mid)}" if fact is not None else "")
        if binding.whole_bound and binding.whole_fact is not None:
            head += _f(
                "；总数 → {address} = {value}",
                address=binding.whole_bound,
                value=_num(binding.whole_fact.mid),
            )
    elif claim.kind in ("amount", "share", "change", "execution", "count") or claim.kind.startswith("evaluation_"):
        head += "\n        ✗ " + _f("未绑定：{reason}", reason=binding.unbound_reason or _("原因不明"))
    if claim.span:
        head += f"\n        “{claim.span.strip()[:80]}”"
    return head


def render_claims(doc: Document) -> str:
    claims = bound_claims(doc)
    lines = [_f("{path}：叙述陈述 {n} 条", path=doc.path, n=len(claims))]
    lines += [describe(c) for c in claims]
    bound, total = bound_share(claims)
    relevant = [c for c in claims if restates_table(c)]
    others = [c for c in claims if c.claim.kind in ("amount", "share") and not restates_table(c)]
    unbound = [c for c in relevant if not c.binding.bound_to]
    share = f"{bound * 100 / total:.1f}%" if total else "—"
    lines.append("")
    lines.append(
        _f(
            "复述表格数字的金额与占比陈述 {total} 条，已绑定 {bound} 条（{share}）；未绑定 {unbound} 条：",
            total=total,
            bound=bound,
            share=share,
            unbound=len(unbound),
        )
    )
    for c in unbound:
        lines.append(f"  L{c.claim.provenance.line}: “{c.claim.span[:40]}” — {c.binding.unbound_reason}")
    if others:
        lines.append(_f("不复述表格数字的金额陈述 {n} 条（不计入绑定率）：", n=len(others)))
        for c in others:
            lines.append(f"  L{c.claim.provenance.line}: “{c.claim.span[:40]}” — {c.binding.unbound_reason}")
    return "\n".join(lines)
