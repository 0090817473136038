"""Rule-language functions for headings and text hygiene (rules/text_hygiene.yaml).

Part of the claims' function library (``budgetlint.claim_functions``). Each ``each:`` function returns paragraph items that carry what was
found; the check functions set the message variables and point the finding at
the printed words ({found}).

  ``headings()``            one item per heading / 目录 entry naming the document's year
  ``heading_year(it)``      that year (sets {found}, {heading})
  ``doubled_punctuation(it)`` / ``doubled_character(it)``
                            the doubling in a paragraph, '' if none (sets {found}, {context})
  ``numbered_items()``      paragraphs that open with a list number
  ``numbering_ok(it)``      false for an item out of order (swapped / duplicate) (sets {found}, {number}, {previous}, {problem})
"""

from __future__ import annotations

from budgetlint.lazy_regex import lazy_compile
from budgetlint.claims.headings import HeadingYear, heading_years
from budgetlint.claims.hygiene import NumberingBreak, doubled_character as find_doubled_character
from budgetlint.claims.hygiene import doubled_punctuation as find_doubled_punctuation
from budgetlint.claims.hygiene import list_marker, numbering_breaks as find_numbering_breaks
from budgetlint.claims.vocab import load_vocabulary
from budgetlint.engine.evaluate import EvalContext, ParagraphItem
from budgetlint.claim_functions.library import register
from budgetlint.engine.expr import Missing
from budgetlint.facts.interval import Interval
from budgetlint.errors import RuleError
from budgetlint.model import Paragraph

TERM_MIN = 3  # shorter vocabulary terms are too common inside other words
LABEL_MIN, LABEL_MAX = 4, 20  # row labels used as terms: names, not fragments or notes
_LABEL_LEAD = lazy_compile(r"^[0-9一二三四五六七八九十、.．()（）]+")  # numbering before a row label
_HAN_ONLY = lazy_compile(r"[\u4e00-\u9fff]+")


class HeadingItem(ParagraphItem):
    def __init__(self, paragraph: Paragraph, heading: HeadingYear):
        super().__init__(paragraph)
        self.heading = heading


class NumberingItem(ParagraphItem):
    def __init__(self, paragraph: Paragraph, item: NumberingBreak | None):
        super().__init__(paragraph)
        self.item = item  # the break this list item makes, None when it is in order


@register("headings", "headings() — 标题与目录条目中写明本文件年度的地方（“2024年度部门决算”），每处一项")
def fn_headings(ctx: EvalContext) -> list:
    if ctx.doc.kind is None:
        raise Missing("文件类型（预算/决算）")
    return [HeadingItem(p, h) for p in ctx.doc.paragraphs for h in heading_years(p, ctx.doc.kind.value)]


@register("heading_year", "heading_year(it) — 标题中写的本文件年度；设置 {found}、{heading}")
def fn_heading_year(ctx: EvalContext, it) -> Interval:
    if not isinstance(it, HeadingItem):
        raise RuleError("heading_year() 需要 headings() 中的一项")
    h = it.heading
    ctx.vars.update(found=h.found, heading=h.text, year=str(h.year), kind_word=h.kind_word or "")
    ctx.vars["actual"] = str(h.year)
    if ctx.doc.year is not None:
        ctx.vars["expected_year"] = ctx.vars["expected"] = str(ctx.doc.year)
    return Interval.exact(h.year)


def _paragraph(it) -> Paragraph:
    if not isinstance(it, ParagraphItem):
        raise RuleError("需要段落（each: paragraphs()）")
    return it.paragraph


@register(
    "doubled_punctuation",
    "doubled_punctuation(it) — 段落中重复的标点（。。，，、、），没有时为空字符串；设置 {found}、{context}",
)
def fn_doubled_punctuation(ctx: EvalContext, it) -> str:
    hit = find_doubled_punctuation(_paragraph(it))
    if hit is None:
        return ""
    ctx.vars.update(found=hit.anchor, doubled=hit.found, context=hit.context)
    return hit.found


def _terms(ctx: EvalContext) -> list[str]:
    """Known terms: the subject vocabulary and the document's own row labels (行政运行,
    一般行政管理事务 …), whose inner characters are never doubled. Once per document."""
    cached = ctx.index.memo.get("terms")
    if cached is not None:
        return cached
    terms = {t for t, _ in load_vocabulary().terms if len(t) >= TERM_MIN}
    for table in ctx.doc.tables:
        for row in table.rows:
            label = _LABEL_LEAD.sub("", "".join((row.label or "").split()))
            if LABEL_MIN <= len(label) <= LABEL_MAX and _HAN_ONLY.fullmatch(label):
                terms.add(label)
    result = sorted(terms)
    ctx.index.memo["terms"] = result
    return result


@register(
    "doubled_character", "doubled_character(it) — 词中重复的汉字（接待费费），没有时为空字符串；设置 {found}、{context}"
)
def fn_doubled_character(ctx: EvalContext, it) -> str:
    hit = find_doubled_character(_paragraph(it), _terms(ctx))
    if hit is None:
        return ""
    ctx.vars.update(found=hit.anchor, doubled=hit.found, context=hit.context)
    return hit.found


@register("numbered_items", "numbered_items() — 以序号（一、（一）1. (1)）开头的段落，每段一项")
def fn_numbered_items(ctx: EvalContext) -> list:
    breaks = {id(b.paragraph): b for b in find_numbering_breaks(ctx.doc.paragraphs)}
    return [NumberingItem(p, breaks.get(id(p))) for p in ctx.doc.paragraphs if list_marker(p.text) is not None]


_PROBLEM = {"swapped": "顺序颠倒", "duplicate": "序号重复"}


@register("numbering_ok", "numbering_ok(it) — 该列表项序号正常；设置 {found}、{number}、{previous}、{problem}")
def fn_numbering_ok(ctx: EvalContext, it) -> bool:
    if not isinstance(it, NumberingItem):
        raise RuleError("numbering_ok() 需要 numbering_breaks() 中的一项")
    b = it.item
    if b is None:
        return True
    text = b.paragraph.text.strip()
    ctx.vars.update(
        found=text[:12], item=text[:30], previous_item=b.previous_text.strip()[:30], problem=_PROBLEM[b.kind]
    )
    return False
