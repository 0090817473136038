"""``budgetlint parse --format claims``: every claim, its binding, and coverage.

Binding here uses the same fact view as the rules (the engine's index, where
a blank cell of a printed row is 0), so what this shows is what the narrative
rules check.
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.claims.bind import FactLookup, bind, bound_share, restates_table
from budgetlint.claims.extract import extract
from budgetlint.claims.vocab import load_vocabulary
from budgetlint.i18n import N_, _, _f
from budgetlint.model import Claim, Document
from budgetlint.facts.index import DocIndex

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


def lookup_for(doc: Document) -> FactLookup:
    return FactLookup.from_index(DocIndex(doc))


def bound_claims(doc: Document) -> list[Claim]:
    """Extract and bind the document's claims against its tables."""
    vocab = load_vocabulary()
    return bind(extract(doc, vocab), lookup_for(doc), vocab, doc.kind.value if doc.kind else None)


def _num(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")


def _printed(v: Decimal, decimals: int | None) -> str:
    return format(v.quantize(Decimal(10) ** -decimals), "f") if decimals is not None else _num(v)


def describe(claim: Claim) -> str:
    vocab = load_vocabulary()
    shown = {k: v for k, v in claim.numbers.items() if not k.startswith(("fact", "whole_fact", "whole_sum_half"))}
    nums = " ".join(f"{k}={_printed(v, claim.decimals.get(k))}{claim.units.get(k, '')}" for k, v in shown.items())
    words = " ".join(
        f"{k}={v}" for k, v in claim.words.items() if k not in ("span", "clause", "whole_bound", "whole_text", "offset")
    )
    subject = vocab.name(claim.subject) if claim.subject else "—"
    line = claim.provenance.line if claim.provenance.line is not None else "?"
    head = f"L{line:<5} {_(KIND_NAMES.get(claim.kind, claim.kind)):<4} {subject}  {nums}"
    if words:
        head += f"  [{words}]"
    if claim.bound_to:
        target = claim.bound_to[0]
        fact = claim.numbers.get("fact")
        head += f"\n        → {target}" + (f" = {_num(fact)}" if fact is not None else "")
        if claim.words.get("whole_bound"):
            head += _f(
                "；总数 → {address} = {value}",
                address=claim.words["whole_bound"],
                value=_num(claim.numbers["whole_fact"]),
            )
    elif claim.kind in ("amount", "share", "change", "execution", "count") or claim.kind.startswith("evaluation_"):
        head += "\n        ✗ " + _f("未绑定：{reason}", reason=claim.unbound_reason or _("原因不明"))
    span = claim.words.get("span", "")
    if span:
        head += f"\n        “{span.strip()[:80]}”"
    return head


def render_claims(doc: Document) -> str:
    claims = bound_claims(doc)
    lines = [_f("{path}：叙述陈述 {n} 条", path=doc.path, n=len(claims))]
    lines += [describe(c) for c in claims]
    bound, total = bound_share(claims)
    relevant = [c for c in claims if restates_table(c)]
    others = [c for c in claims if c.kind in ("amount", "share") and not restates_table(c)]
    unbound = [c for c in relevant if not c.bound_to]
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
        lines.append(f"  L{c.provenance.line}: “{c.words.get('span', '')[:40]}” — {c.unbound_reason}")
    if others:
        lines.append(_f("不复述表格数字的金额陈述 {n} 条（不计入绑定率）：", n=len(others)))
        for c in others:
            lines.append(f"  L{c.provenance.line}: “{c.words.get('span', '')[:40]}” — {c.unbound_reason}")
    return "\n".join(lines)
