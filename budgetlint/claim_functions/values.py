"""Rule-language functions for narrative claims and plausibility bounds.

Its functions join the claims' library (``budgetlint.claim_functions``); rules/narrative.yaml and
rules/plausibility.yaml use them. Claims are extracted and bound once per
document (cached on the engine's DocIndex).

Claims in rules:
  ``each: claims("share")``          one binding per claim (``it``)
  ``num(it, "rate")``                a number the text prints, as an interval
                                     (money in 万元, ± half its last printed digit)
  ``has(it, "budget")``              the claim prints that number
  ``word(it, "direction")``          a word the claim carries ('' if none)
  ``fact(it)``                       the bound table figure (missing when unbound)
  ``part(it)`` / ``whole(it)``       a share's part and whole: the bound facts,
                                     else the amounts the text prints
  ``now(it)`` / ``base(it)``         a change's current amount (text, else fact) and
                                     the implied previous amount (now − X, or now + X)
  ``parts_sum(it)``                  Σ of a breakdown's / count's parts
  ``shares_total(it)``               Σ of the shares of one whole listed together (on the last)
  ``comparison_holds(it)``           决算数大于/小于/等于预算数 (无差异/存在差异) agrees with B and A
  ``expected_year(it)``              the year a date claim should name
  ``same_subject_ok(it)``            no earlier claim states this subject with another amount
  ``change_parts_ok(it)``            a change agrees with the stated changes of its parts
  ``subject(it)``                    the claim's subject key ('' if none)
  ``restates_table(it)``             an amount/share that should restate a table figure
  ``admits_error(it)``               the claim is a sentence admitting a data error
  ``growth_subject(it)``             the change is about a total the growth bound covers
  ``shown(x)``                       x unchanged; its midpoint becomes {computed}
Bounds: ``bound("name")`` reads rules/vocab/plausibility_bounds.yaml;
``ratio(a, b)`` is a / b (sets {ratio} for messages); ``row_code_length()`` is
the length of the current row's code.

Every claim function also sets message variables: {claim} (the printed words),
{sentence}, {subject}, each printed number by role ({amount}, {rate}, …).
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache

from budgetlint.document_cache import per_document
from budgetlint.claims.bind import NOT_PRINTED_REASON, FactLookup, bind_document, restates_table
from budgetlint.claims.kinds import (
    AdmissionClaim,
    AmountClaim,
    BoundClaim,
    ChangeClaim,
    Claim,
    EvaluationClaim,
    ExecutionClaim,
    ShareClaim,
)
from budgetlint.claims.vocab import load_vocabulary
from budgetlint.engine.evaluate import EvalContext, ParagraphItem
from budgetlint.claim_functions.library import register
from budgetlint.engine.expr import Missing, Skip
from budgetlint.facts.index import FactHit
from budgetlint.numbers import parse_number
from budgetlint.facts.interval import ZERO, Interval, distinct_places, fmt_decimal
from budgetlint.errors import RuleError
from budgetlint.model import Paragraph
from budgetlint.resources import known_column_name, load_data_file, vocab_dir


class ClaimItem(ParagraphItem):
    """A claim with its binding and paragraph; a ParagraphItem so findings point at its line."""

    def __init__(self, paragraph: Paragraph, bound: BoundClaim, lookup: FactLookup, place: int):
        super().__init__(paragraph)
        self.place = place  # its place among the document's claims
        self.bound = bound
        self.claim: Claim = bound.claim
        self.binding = bound.binding
        self.lookup = lookup


def document_claims(ctx: EvalContext) -> list[ClaimItem]:
    """All claims of the document, extracted and bound once per index."""
    cached = ctx.index.memo.get("claims")
    if cached is not None:
        return cached
    items: list[ClaimItem] = []
    lookup, paragraphs = bind_document(ctx.doc, ctx.index)
    for paragraph, bound in paragraphs:
        items.extend(ClaimItem(paragraph, b, lookup, len(items) + k) for k, b in enumerate(bound))
    ctx.index.memo["claims"] = items
    return items


def claims_by_subject(ctx: EvalContext) -> dict[str | None, list[ClaimItem]]:
    """The document's claims grouped by bound subject, in document order (once per index: the
    rules that compare a claim with the earlier ones of a subject scanned every claim before it,
    which made a long narrative quadratic)."""
    cached = ctx.index.memo.get("claims_by_subject")
    if cached is None:
        cached = {}
        for item in document_claims(ctx):
            cached.setdefault(item.binding.subject, []).append(item)
        ctx.index.memo["claims_by_subject"] = cached
    return cached


def _latest_before(ctx: EvalContext, item: ClaimItem, subject: str | None):
    """The claims of ``subject`` printed before ``item``, the nearest first."""
    claims = claims_by_subject(ctx).get(subject, [])
    for k in range(bisect_left(claims, item.place, key=lambda c: c.place) - 1, -1, -1):
        yield claims[k]


def _item(it) -> ClaimItem:
    if not isinstance(it, ClaimItem):
        raise RuleError("这个函数需要一条叙述陈述（each: claims(...) 中的 it）")
    return it


def _point(ctx: EvalContext, item: ClaimItem) -> None:
    """Message variables and the finding's location for this claim."""
    c = item.claim
    span = c.span or c.sentence
    text = item.paragraph.text
    if span and span in text:
        ctx.vars["found"] = _unique_snippet(text, span, c.offset)
    ctx.vars["claim"] = span
    ctx.vars["sentence"] = c.sentence
    for name in _MESSAGE_WORDS:  # (a word the claim does not state is None: no variable)
        value = getattr(c, name, None)
        if isinstance(value, str):
            ctx.vars[name] = value
    subject = item.binding.subject
    ctx.vars["subject"] = load_vocabulary().name(subject) if subject else "（未识别）"
    if c.subject_text:
        ctx.vars["subject_text"] = c.subject_text


@per_document(maxsize=4096)  # asked again by every rule reading the claim
def _unique_snippet(text: str, span: str, offset: int) -> str:
    """``span`` widened to the left until it occurs once in ``text``: the engine
    locates a finding by searching the paragraph for this text ("0.00 万元" recurs).

    Only the places where ``span`` occurs can match a widening, so they are compared one
    character further left at each step (linear in the paragraph, which may be a whole
    document on one line); a span printed more than ``_MAX_REPEATS`` times is left as is."""
    if text[offset : offset + len(span)] != span:
        return span
    repeats = text.count(span)
    if repeats <= 1 or repeats > _MAX_REPEATS:
        return span
    others = []
    at = text.find(span)
    while at != -1:
        if at != offset:
            others.append(at)
        at = text.find(span, at + 1)
    for step in range(1, 60):
        start = offset - step
        if start < 0:
            break
        ch = text[start]
        others = [p for p in others if p - step >= 0 and text[p - step] == ch]
        if not others:
            return text[start : offset + len(span)]
    return span


_MAX_REPEATS = 200

_MESSAGE_WORDS = (
    "direction",
    "rate_direction",
    "comparison",
    "keyword",
    "flat_word",
    "base_year",
    "context",
    "whole_text",
)


def _printed_where(item: ClaimItem, address: str) -> str:
    """'“行政运行”（第 11 页）印为 6,964,796' — where a clerk finds the cell, in the table's own words."""
    parts = []
    for a in address.split("+"):
        e = item.lookup.by_address.get(a)
        if e is None or e.provenance is None:
            return f"（{address}）"
        page = (
            f"（第 {e.provenance.page} 页）"
            if e.provenance.page
            else (f"（第 {e.provenance.line} 行）" if e.provenance.line else "")
        )
        raw = (e.provenance.raw or "").strip() or fmt_decimal(e.wan)
        printed = parse_number(raw)
        unit = " 元" if printed is not None and printed.value != e.wan and printed.value == e.wan * 10000 else ""
        # a row printing several money columns (三公经费表's 合计 row): its column too
        column = known_column_name(e.column) if e.column not in ("", "total", "amount") else None
        place = f"“{(e.label or a).strip()}”行“{column}”列" if column else f"“{(e.label or a).strip()}”"
        parts.append(f"{place}{page}印为 {raw}{unit}")
    return "，".join(parts)


def _touch(ctx: EvalContext, item: ClaimItem, address: str) -> None:
    for a in address.split("+"):
        e = item.lookup.by_address.get(a)
        if e is not None and e.provenance is not None:
            raw = (e.provenance.raw or "").strip() or fmt_decimal(e.wan)
            ctx.touched.append(FactHit(a, Interval(e.wan, e.half), e.provenance, e.label, raw))


@register(
    "claims",
    'claims("kind") — 叙述中该种陈述（amount share change execution breakdown count date admission '
    "large_carryover evaluation_count evaluation_amount evaluation_score）",
)
def fn_claims(ctx: EvalContext, kind=None) -> list:
    items = document_claims(ctx)
    if kind is None:
        return list(items)
    return [i for i in items if i.claim.kind == kind]


@register("num", 'num(it, "role") — 陈述中印出的数（金额为万元区间，百分比、个数按印出精度）')
def fn_num(ctx: EvalContext, it, role) -> Interval:
    item = _item(it)
    _point(ctx, item)
    printed = item.claim.number(role)
    if printed is None:
        raise Skip(f"陈述中没有 {role}")
    ctx.vars[role] = printed.text
    if printed.money:
        ctx.vars["unit"] = printed.unit
        return Interval(printed.wan, printed.half_wan)
    if printed.decimals is None:
        return Interval.exact(printed.value)
    if printed.unit == "%":
        # A printed percentage may be off by one in its last digit without any
        # error: authors truncate (16.0775 → 16.07) or force shares to add to 100%.
        return Interval(printed.value, Decimal(10) ** (-printed.decimals))
    return Interval(printed.value, Decimal(5) * Decimal(10) ** (-(printed.decimals + 1)))


@register("shown", "shown(x) — 原样返回 x，并把 x 的中点（两位小数）记为消息变量 {computed}")
def fn_shown(ctx: EvalContext, x) -> Interval:
    iv = ctx.value(x)
    ctx.vars["computed"] = fmt_decimal(iv.mid.quantize(Decimal("0.01")))
    return iv


@register(
    "restates_table", "restates_table(it) — 该金额/占比陈述应当复述表格数字（不是自述错误句中的数字，对象也有表格）"
)
def fn_restates_table(ctx: EvalContext, it) -> bool:
    return restates_table(_item(it).bound)


@register("has", 'has(it, "role") — 陈述印出了该数')
def fn_has(ctx: EvalContext, it, role) -> bool:
    item = _item(it)
    _point(ctx, item)
    return item.claim.number(role) is not None


@register("word", 'word(it, "name") — 陈述携带的词（方向词等），没有时为空字符串')
def fn_word(ctx: EvalContext, it, name) -> str:
    item = _item(it)
    _point(ctx, item)
    return item.claim.word(name)


@register("subject", "subject(it) — 陈述对象的标准键（rules/vocab/subjects.yaml），未识别时为空字符串")
def fn_subject(ctx: EvalContext, it) -> str:
    item = _item(it)
    _point(ctx, item)
    return item.binding.subject or ""


@register("admits_error", "admits_error(it) — 叙述自述数据有误（误计、统计成、系统统计……）；设置 {keyword}")
def fn_admits_error(ctx: EvalContext, it) -> bool:
    item = _item(it)
    c = item.claim
    if not isinstance(c, AdmissionClaim):
        return False
    _point(ctx, item)
    clause = c.clause
    if clause and clause in item.paragraph.text:
        ctx.vars["found"] = clause
    ctx.vars["keyword"] = c.keyword
    ctx.vars["clause"] = clause or c.sentence
    return True


@register("fact", "fact(it) — 陈述绑定的表格数字（未绑定时数据不足）")
def fn_fact(ctx: EvalContext, it) -> Interval:
    item = _item(it)
    c, b = item.claim, item.binding
    _point(ctx, item)
    if not b.bound_to or b.fact is None:
        raise Missing(f"叙述“{c.span[:30]}”没有对应的表格数字")
    _touch(ctx, item, b.bound_to[0])
    ctx.vars["address"] = b.bound_to[0]
    ctx.vars["where"] = _printed_where(item, b.bound_to[0])
    if isinstance(c, EvaluationClaim):
        _evaluation_vars(ctx, item, c)
    fact, half = b.fact.mid, b.fact.half
    ctx.vars["fact_value"] = (
        str(int(fact))
        if c.kind in ("count", "evaluation_count")
        else (format(fact, "f") if c.kind == "evaluation_score" else fmt_decimal(fact))
    )
    h = c.amount.half_wan if isinstance(c, AmountClaim) else ZERO
    if isinstance(c, AmountClaim):
        # Show both at the text's own precision, more only where they would look equal.
        text = c.amount.wan
        places = distinct_places(text, fact, places=max(0, -int(text.normalize().as_tuple().exponent), 2))
        ctx.vars["fact_value"] = fmt_decimal(fact, places)
        ctx.vars["difference"] = fmt_decimal(text - fact, places)
    if half < h:
        # The table is more precise than the text (a 元 table, 万元 text), and the text
        # may have cut the figure instead of rounding it (877080 元 → 87.70 万元): the
        # printed v is right when fact − 2h ≤ v ≤ fact + h, i.e. when v's own interval
        # [v − h, v + h] meets [fact − h, fact]. Non-negative figures only.
        if fact >= 0:
            # The allowance moves the interval's middle; the clerk must still see
            # the printed table figure as what the text should say.
            ctx.vars["shown_expected"] = ctx.vars["fact_value"]
            ctx.vars["shown_difference"] = ctx.vars["difference"]
            return Interval(fact - h / 2, h / 2 + half)
    return Interval(fact, half)


def _evaluation_vars(ctx: EvalContext, item: ClaimItem, c: EvaluationClaim) -> None:
    """A 绩效自评 claim: every form it sums is a place of the finding; {forms} names where they are."""
    bound_to = item.binding.bound_to
    for address in bound_to[1:]:
        _touch(ctx, item, address)
    pages = sorted(
        {
            e.provenance.page
            for a in bound_to
            if (e := item.lookup.by_address.get(a)) is not None
            and e.provenance is not None
            and e.provenance.page is not None
        }
    )
    first = item.lookup.by_address.get(bound_to[0])
    name = (first.label if first is not None else "") or "自评表"
    if c.kind == "evaluation_count":
        ctx.vars["forms"] = item.binding.forms
    elif len(bound_to) > 1:
        span = f"第 {pages[0]}–{pages[-1]} 页" if len(pages) > 1 else (f"第 {pages[0]} 页" if pages else "附表")
        figure = "年初预算数" if bound_to[0].endswith(".start_budget") else "全年预算数"
        ctx.vars["forms"] = f"{span}的 {len(bound_to)} 张自评表{figure}合计"
    else:
        ctx.vars["forms"] = ctx.vars.get("where", f"“{name}”")
    ctx.vars["measure"] = {"budget": "全年预算数", "actual": "全年执行数", "total": "涉及的预算资金"}.get(
        c.measure, "得分"
    )


@register("part", "part(it) — 占比的部分：叙述印出的金额，没有时取绑定的表格数字")
def fn_part(ctx: EvalContext, it) -> Interval:
    item = _item(it)
    c, b = item.claim, item.binding
    _point(ctx, item)
    if c.number("part") is not None:
        if b.bound_to:
            _touch(ctx, item, b.bound_to[0])  # shown beside the finding
        printed = fn_num(ctx, item, "part")
        if b.fact is not None:
            # "110 万元" in the text is the table's 110.00: the share is of that number.
            return _narrowed(printed, b.fact)
        return printed
    if b.fact is None:
        raise Missing(f"叙述“{c.span[:30]}”缺少部分")
    ctx.vars["part"] = fmt_decimal(b.fact.mid)
    if b.bound_to:
        _touch(ctx, item, b.bound_to[0])
    return b.fact


@register(
    "whole",
    "whole(it) — 占比的总数：各项占比合计 100% 时为各部分之和；否则本段叙述的总数、绑定的表格数字、前文同一对象的金额，依次取用",
)
def fn_whole(ctx: EvalContext, it) -> Interval:
    item = _item(it)
    c, b = item.claim, item.binding
    _point(ctx, item)
    if b.whole_bound:
        _touch(ctx, item, b.whole_bound)  # shown beside the finding
    whole_sum = c.whole_sum if isinstance(c, ShareClaim) else None
    if whole_sum is not None:
        summed = whole_sum
        if b.whole_fact is not None:
            # The parts' sum is as coarse as its coarsest part ("110 万元" is ±0.5); the
            # table's whole, when it agrees, is the same number printed more finely.
            summed = _narrowed(summed, b.whole_fact)
        ctx.vars["whole"] = fmt_decimal(summed.mid)
        return summed
    if c.number("whole") is not None:
        return fn_num(ctx, item, "whole")
    if b.whole_fact is not None:
        ctx.vars["whole"] = fmt_decimal(b.whole_fact.mid)
        return b.whole_fact
    earlier = _earlier_amount(ctx, item, b.whole_subject)
    if earlier is not None:
        ctx.vars["whole"] = fmt_decimal(earlier.mid)
        return earlier
    raise Missing(f"叙述“{c.span[:30]}”的占比没有可用的总数")


def _narrowed(a: Interval, b: Interval) -> Interval:
    """The common part of two intervals that stand for one number; ``a`` when they do not meet
    (then the two printings disagree, which is BL501's or BL522's finding, not this one's)."""
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo > hi:
        return a
    return Interval((lo + hi) / 2, (hi - lo) / 2)


def _plain_amount(c: Claim) -> bool:
    return isinstance(c, AmountClaim) and not c.role and not c.in_admission


def _earlier_amount(ctx: EvalContext, item: ClaimItem, subject: str) -> Interval | None:
    """The amount the narrative last stated for ``subject`` before this claim."""
    if not subject:
        return None
    found = next(
        (o for o in _latest_before(ctx, item, subject) if _plain_amount(o.claim)),
        None,
    )
    if found is None:
        return None
    iv = fn_num(ctx, found, "amount")
    _point(ctx, item)
    return iv


@register("now", "now(it) — 变动陈述的本年数：叙述印出的金额，否则绑定的表格数字")
def fn_now(ctx: EvalContext, it) -> Interval:
    item = _item(it)
    c, b = item.claim, item.binding
    _point(ctx, item)
    if c.number("now") is not None:
        return fn_num(ctx, item, "now")
    if b.fact is not None:
        _touch(ctx, item, b.bound_to[0])
        ctx.vars["now"] = fmt_decimal(b.fact.mid)
        return b.fact
    raise Missing(f"叙述“{c.span[:30]}”缺少本年数")


@register("now_agrees", "now_agrees(it) — 变动陈述印出的本年数与绑定的表格数字相符（或没有绑定）；不符时由 BL501 报告")
def fn_now_agrees(ctx: EvalContext, it) -> bool:
    item = _item(it)
    now, fact = item.claim.number("now"), item.binding.fact
    if now is None or fact is None:
        return True
    return Interval(now.wan, now.half_wan).meets(fact)


@register("base", "base(it) — 变动陈述隐含的上年数：增加时 本年数 − 变动额，减少时 本年数 + 变动额")
def fn_base(ctx: EvalContext, it) -> Interval:
    item = _item(it)
    c = item.claim
    direction = c.word("direction")
    if direction not in ("增加", "减少"):
        raise Skip("没有增减方向")
    change = fn_num(ctx, item, "change")
    now = fn_now(ctx, item)
    return now - change if direction == "增加" else now + change


@register("parts_sum", "parts_sum(it) — 分项（part1、part2…或 优/良/中/差）之和")
def fn_parts_sum(ctx: EvalContext, it) -> Interval:
    item = _item(it)
    c = item.claim
    _point(ctx, item)
    printed = c.printed()
    roles = [r for r in printed if r.startswith("part") or r in ("优", "良", "中", "差")]
    if not roles:
        raise Skip("没有分项")
    total = Interval(ZERO, ZERO)
    for r in roles:
        total = total + fn_num(ctx, item, r)
    money = any(printed[r].money for r in roles)
    ctx.vars["parts"] = fmt_decimal(total.mid) if money else format(total.mid.normalize(), "f")
    return total


@register("shares_total", "shares_total(it) — 同一总数下一并列出的各项占比之和（%）")
def fn_shares_total(ctx: EvalContext, it) -> Interval:
    item = _item(it)
    c = item.claim
    _point(ctx, item)
    if not isinstance(c, ShareClaim) or c.shares_total is None:
        raise Skip("没有一并列出的占比")
    if c.shares_parts_printed and item.binding.whole_fact is not None:
        raise Skip("各项占比已按印出的金额与表格总数逐项核对（BL502）")
    ctx.vars["shares"] = c.shares_listed
    ctx.vars["shares_total"] = format(c.shares_total.mid, "f")
    # Each share may be off by one in its last digit (cut, or forced to add to 100 %).
    return c.shares_total


_COMPARISON = {
    "大于": ">",
    "高于": ">",
    "增加": ">",
    "小于": "<",
    "低于": "<",
    "减少": "<",
    "等于": "=",
    "持平": "=",
    "一致": "=",
    "相等": "=",
    "相同": "=",
    "无差异": "=",
    "没有差异": "=",
    "不存在差异": "=",
    "存在差异": "!=",
}


@register("comparison_holds", "comparison_holds(it) — “决算数大于/小于/等于预算数（无差异/存在差异）”与两数相符")
def fn_comparison_holds(ctx: EvalContext, it) -> bool:
    item = _item(it)
    c = item.claim
    word = c.comparison if isinstance(c, ExecutionClaim) else None
    if not word or c.number("budget") is None or c.number("actual") is None:
        raise Skip("没有比较词或缺少预算数/决算数")
    a, b = fn_num(ctx, item, "budget"), fn_num(ctx, item, "actual")
    op = _COMPARISON[word]
    ctx.vars.update(word=word, expected=f"预算数 {fmt_decimal(a.mid)}", actual=f"决算数 {fmt_decimal(b.mid)}")
    if op == "=":
        return b.meets(a)
    if op == "!=":
        return a.mid != b.mid  # 存在差异 is wrong only when both print the same figure
    if op == ">":
        return a.possibly_lt(b)
    return b.possibly_lt(a)


# 预算: comparisons name the previous year, 期末/截至 the end of the previous year,
# headlines the budget year. 决算: 期末/截至 the accounts year itself.
_YEAR_OFFSET = {
    ("budget", "comparison"): -1,
    ("budget", "period_end"): -1,
    ("budget", "as_of"): -1,
    ("budget", "headline"): 0,
    ("final", "comparison"): -1,
    ("final", "period_end"): 0,
    ("final", "as_of"): 0,
    ("final", "headline"): 0,
}


@register("expected_year", "expected_year(it) — 日期陈述应写的年份（由文件年度、预算/决算和语境决定）")
def fn_expected_year(ctx: EvalContext, it) -> Interval:
    item = _item(it)
    _point(ctx, item)
    if ctx.doc.year is None or ctx.doc.kind is None:
        raise Missing("文件年度或类型")
    context, versus, kind = item.claim.word("context"), item.claim.word("versus"), ctx.doc.kind.value
    offset = _YEAR_OFFSET.get((kind, context))
    if offset is None or versus == "target":
        raise Skip("无法判断应有的年份")
    if versus == "period_end":
        offset -= 1  # compared with the year end before the one the document reports
    elif versus == "budget" and kind == "final":
        offset = 0  # a 决算 set against its own year's 年初预算
    year = ctx.doc.year + offset
    if (kind, context) == ("final", "as_of"):
        # 截至 the year's end, or a date of the months before publication (决算 appear mid-year)
        ctx.vars["expected_year"] = f"{year} 或 {year + 1}"
        return Interval(Decimal(year) + Decimal("0.5"), Decimal("0.5"))
    if (kind, context) == ("budget", "as_of"):
        # 截至 上年末, or a date early in the budget year (budgets are published in spring)
        ctx.vars["expected_year"] = f"{year} 或 {year + 1}"
        return Interval(Decimal(year) + Decimal("0.5"), Decimal("0.5"))
    ctx.vars["expected_year"] = str(year)
    return Interval.exact(year)


@register(
    "same_subject_ok", "same_subject_ok(it) — 前面的段落没有以不同金额陈述同一对象（只看没有表格数字可核对的对象）"
)
def fn_same_subject_ok(ctx: EvalContext, it) -> bool:
    item = _item(it)
    c = item.claim
    subject = item.binding.subject
    _point(ctx, item)
    vocab = load_vocabulary()
    # (a subject only some regions' tables print is tableless where this set does not print it)
    tableless = subject in vocab.subjects and (
        not vocab.subjects[subject].facts or item.binding.unbound_reason == NOT_PRINTED_REASON
    )
    if not tableless or not _comparable(ctx, c):
        raise Skip("有表格可核对（BL501）或没有对象")
    other = _first_disagreeing(ctx, item, subject)
    if other is None:
        return True
    a, b = fn_num(ctx, other, "amount"), fn_num(ctx, item, "amount")  # b last: its words are the message's
    o = other.claim
    _point(ctx, item)
    places = distinct_places(a.mid, b.mid)
    ctx.vars.update(
        expected=fmt_decimal(a.mid, places),
        actual=fmt_decimal(b.mid, places),
        other=o.span,
        other_where=o.provenance.place() or "前文",  # 第 12 行 (text) or 第 3 页 (PDF)
    )
    return False


def _comparable(ctx: EvalContext, c: Claim) -> bool:
    """An amount BL530 compares: in a 决算, 年初预算 and 决算 figures of one subject differ by nature."""
    final = ctx.doc.kind is not None and ctx.doc.kind.value == "final"
    return isinstance(c, AmountClaim) and not (final and c.role == "budget") and not c.in_admission


def _first_disagreeing(ctx: EvalContext, item: ClaimItem, subject: str | None) -> ClaimItem | None:
    """The first claim of ``subject`` before ``item``, outside its paragraph (within one paragraph
    a second figure is a sub-scope: "其中一般公共预算……"), whose amount does not meet item's.

    Claims that print the same amount agree or disagree alike, so each distinct amount is
    tried once, at its first place and at its first place in another paragraph (the first
    may share item's): a narrative repeating one figure many times is checked in linear time.
    """
    b = fn_num(EvalContext(ctx.index), item, "amount")
    found: ClaimItem | None = None
    for firsts in _amounts_of(ctx, subject).values():
        for other in firsts:
            if other.place >= item.place:
                break
            if other.paragraph is item.paragraph:
                continue
            if not fn_num(EvalContext(ctx.index), other, "amount").meets(b) and (
                found is None or other.place < found.place
            ):
                found = other
            break
    return found


def _amounts_of(ctx: EvalContext, subject: str | None) -> dict[tuple, list[ClaimItem]]:
    """A subject's comparable amount claims by printed amount (its interval): the first place of
    each amount, and the first place in a paragraph other than that first one's."""
    memo = ctx.index.memo.setdefault("amounts_by_subject", {})
    if subject in memo:
        return memo[subject]
    out: dict[tuple, list[ClaimItem]] = {}
    for other in claims_by_subject(ctx).get(subject, []):
        if not _comparable(ctx, other.claim):
            continue
        iv = fn_num(EvalContext(ctx.index), other, "amount")
        firsts = out.setdefault((iv.mid, iv.half), [])
        if not firsts or (len(firsts) == 1 and firsts[0].paragraph is not other.paragraph):
            firsts.append(other)
    memo[subject] = out
    return out


def _stated_change(ctx, key: str) -> Interval | None:
    """The change a document's narrative states first for subject ``key`` (持平 = 0); signed."""
    for i in claims_by_subject(ctx).get(key, ()):
        c = i.claim
        if i.paragraph is not None and isinstance(c, ChangeClaim) and c.change is not None:
            iv = fn_num(ctx, i, "change")
            return -iv if c.direction == "减少" else iv
    return None


@register("change_parts_ok", "change_parts_ok(it) — 变动额与各组成部分（如三公经费的各项）所述变动之和相符")
def fn_change_parts_ok(ctx: EvalContext, it) -> bool:
    item = _item(it)
    c = item.claim
    vocab = load_vocabulary()
    subject = vocab.subjects.get(item.binding.subject or "")
    if subject is None or not subject.parts or not subject.changes_add_up or c.number("change") is None:
        raise Skip("没有逐项说明变动的组成部分")

    def change_of(key: str) -> Interval | None:
        stated = _stated_change(ctx, key)
        if stated is not None:
            return stated
        sub = vocab.subjects.get(key)
        if sub is None or not sub.parts:
            return None
        total = Interval(ZERO, ZERO)
        for p in sub.parts:
            v = change_of(p)
            if v is None:
                return None
            total = total + v
        return total

    parts_total = Interval(ZERO, ZERO)
    for p in subject.parts:
        v = change_of(p)
        if v is None:
            raise Skip("部分组成没有说明变动")
        parts_total = parts_total + v
    own = fn_num(ctx, item, "change")
    own = -own if c.word("direction") == "减少" else own
    _point(ctx, item)
    places = distinct_places(parts_total.mid, own.mid)
    ctx.vars.update(expected=fmt_decimal(parts_total.mid, places), actual=fmt_decimal(own.mid, places))
    return own.meets(parts_total)


# ------------------------------------------------------------ plausibility


@lru_cache(maxsize=1)
def _bounds() -> dict:
    data = load_data_file(vocab_dir() / "plausibility_bounds.yaml") or {}
    return data.get("bounds", data)


@register("bound", 'bound("name") — rules/vocab/plausibility_bounds.yaml 中的界限值')
def fn_bound(ctx: EvalContext, name) -> Interval:
    spec = _bounds().get(name)
    if spec is None:
        raise RuleError(f"plausibility_bounds.yaml 中没有界限 {name}")
    value = spec["value"] if isinstance(spec, dict) else spec
    ctx.vars[f"bound_{name}"] = str(value)
    ctx.vars["bound"] = str(value)
    return Interval.exact(Decimal(str(value)))


@register("ratio", "ratio(a, b) — a / b（区间）；设置消息变量 {ratio}；b 可能为 0 时跳过")
def fn_ratio(ctx: EvalContext, a, b) -> Interval:
    x, y = ctx.value(a), ctx.value(b)
    if y.lo <= ZERO <= y.hi:
        raise Skip("除数可能为零")
    r = x.div(y)
    ctx.vars["ratio"] = fmt_decimal(r.mid.quantize(Decimal("0.01")))
    ctx.vars["numerator"] = fmt_decimal(x.mid)
    ctx.vars["denominator"] = fmt_decimal(y.mid)
    return r


@register("row_code_length", "row_code_length() — 当前行编码的位数（3 = 类，5 = 款）")
def fn_row_code_length(ctx: EvalContext) -> Interval:
    if ctx.row is None or not ctx.row.key:
        raise Skip("没有当前行")
    key = ctx.row.key.lstrip("g")
    if not key.isdigit():
        raise Skip("不是编码行")
    ctx.vars["code"] = ctx.row.key
    ctx.vars["label"] = (ctx.row.row.label or "").strip()
    return Interval.exact(len(key))


@register(
    "growth_subject",
    "growth_subject(it) — 变动陈述的对象属于 plausibility_bounds.yaml 中 growth_subjects 所列（总额、基本支出类）",
)
def fn_growth_subject(ctx: EvalContext, it) -> bool:
    item = _item(it)
    subjects = _bounds().get("growth_subjects", {})
    keys = subjects.get("value", subjects) if isinstance(subjects, dict) else subjects
    return (item.binding.subject or "") in set(keys or [])
