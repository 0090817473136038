"""Where a document explains an empty table (for BL804).

A table published with no data must say why, and documents say it in many
places: a note under the table, text printed inside it (此表为空,
（无政府性基金支出）), a 合计 row printed as 0, the 目录's 是否空表 / 公开空表理由
columns, or the narrative ("政府性基金拨款支出预算为0", "本部门无政府性基金预算",
"本部门无此项支出"), which may sit in another file of the same document.
Any of these is an explanation; only a table explained nowhere is a finding.
"""

from __future__ import annotations

import re

from budgetlint.lazy_regex import lazy_compile
from budgetlint.engine.evaluate import EvalContext, TableItem
from budgetlint.engine.expr import register
from budgetlint.facts.interval import ZERO
from budgetlint.errors import RuleError
from budgetlint.model import ContentsEntry, Document, Paragraph, Table
from budgetlint.numbers import fold
from budgetlint.engine.functions import fn_nearby_text

# What an empty table is about, by a word of its title; a narrative sentence about the
# same thing being absent or zero explains it. Longest first.
SUBJECTS = (
    "政府性基金",
    "国有资本",
    "三公",
    "上年结转",
    "结转",
    "政府采购",
    "购买服务",
    "专项",
    "项目支出",
    "机关运行",
)
# Words that say a thing is absent or zero ("无" but not 无需/无变化…).
_ABSENT_RE = lazy_compile(
    r"无(?!变化|需|须|法|论|误|偿|明显)|没有|未安排|未涉及|不涉及|为空|空表|为零|零元"
    r"|为\s*0(?![.\d])|(?<![\d.,])0(?:\.0+)?\s*(?:万元|元)"
)
# Words a note or in-table text uses to say the table itself is empty.
NOTE_WORDS = ("无", "没有", "不涉及", "未安排", "为空", "为零", "空表")
_SENTENCE_RE = lazy_compile(r"[。；;！!，,\n]")  # clauses: the zero must be said of the subject itself
_THIS_ITEM = ("此项", "该项", "此类", "该类", "本表", "此表", "该表")
_YEAR_RE = lazy_compile(r"20[0-9]{2}\s*年度?")
_TABLE_NO_RE = lazy_compile(r"表\s*([0-9]+)(?![0-9])")


@register(
    "empty_explained",
    "empty_explained(table) — 空表在文件某处有说明：表注或表后文字、表内文字（此表为空）、"
    "合计印为 0、目录的“是否空表/空表理由”，或叙述中说明该项资金或支出为 0 或没有；设 {how}",
)
def fn_empty_explained(ctx: EvalContext, item) -> bool:
    if not isinstance(item, TableItem):
        raise RuleError("empty_explained() 需要表格")
    how = explanation(ctx.doc, item.table, nearby=_nearby(ctx, item))
    if how:
        ctx.vars["how"] = how
    else:
        # A file of tables only (its 情况说明 published apart) cannot be said to leave the
        # table unexplained in its narrative: say where was looked.
        ctx.vars["looked"] = (
            "表注、目录和叙述中都没有" if ctx.doc.paragraphs else "表注和目录中没有（本文件没有叙述文字）"
        )
    return bool(how)


def explanation(doc: Document, table: Table, nearby: str = "") -> str:
    """Where the document explains this empty table ("" when nowhere)."""
    if any(w in fold(nearby) for w in NOTE_WORDS):
        return "表注或表后说明"
    if _says_empty_inside(table):
        return "表内文字"
    if _prints_zero_total(table):
        return "合计印为 0"
    entry = contents_entry(doc, table)
    if entry is not None and entry.empty and entry.reason:
        return f"目录：{entry.reason}"
    subject = subject_of(table)
    if subject:
        for para in doc.paragraphs:
            sentence = _narrative_says_absent(para, subject, income_too=_covers_income(table))
            if sentence:
                return f"叙述：{sentence[:60]}"
    return ""


def subject_of(table: Table) -> str | None:
    """The fund or expense a table is about, from its title (政府性基金, 国有资本, 三公, 结转…)."""
    title = fold(table.title or "")
    return next((s for s in SUBJECTS if s in title), None)


def contents_entry(doc: Document, table: Table) -> ContentsEntry | None:
    """The 目录 line for this table: by its printed number (表9) or by its title."""
    if not doc.contents:
        return None
    printed = " ".join([table.title, *table.caption])
    numbers = {f"表{n}" for n in _TABLE_NO_RE.findall(fold(printed))}
    title = _title_key(table.title)
    by_title = [e for e in doc.contents if title and len(title) >= 4 and _titles_match(title, _title_key(e.title))]
    if len(by_title) == 1:
        return by_title[0]
    by_number = [e for e in (by_title or doc.contents) if e.number and e.number in numbers]
    return by_number[0] if len(by_number) == 1 else None


def _titles_match(a: str, b: str) -> bool:
    return bool(b) and len(b) >= 4 and (a in b or b in a)


def _title_key(title: str) -> str:
    """A title without years, numbering, brackets' spacing and punctuation, for matching."""
    t = _YEAR_RE.sub("", fold(title or ""))
    t = re.sub(r"^[一二三四五六七八九十]+、", "", t)
    t = re.sub(r"[\s“”\"'《》·:：]", "", t)
    t = re.sub(r"^(?:预算|公开)?[0-9]+表", "", t)
    return t


def _says_empty_inside(table: Table) -> bool:
    """Text printed inside the table grid saying it is empty (此表为空, （无政府性基金支出）)."""
    texts = [r.label for r in table.rows] + [c.raw for r in table.rows for c in r.cells if c.state == "text"]
    for text in texts:
        t = fold(text or "")
        if ("为空" in t or "空表" in t or t.lstrip("(（").startswith("无")) and len(t) <= 40:
            return True
    return False


def _prints_zero_total(table: Table) -> bool:
    """The table prints its 合计 row as 0: it states that its total is zero."""
    total = table.row("total")
    if total is None:
        return False
    values = [c for c in total.cells if c.state == "value"]
    return bool(values) and all(c.value == ZERO for c in values)


def _covers_income(table: Table) -> bool:
    title = fold(table.title or "")
    return "收入" in title or "收支" in title


def _narrative_says_absent(para: Paragraph, subject: str, income_too: bool) -> str:
    """A sentence of the paragraph saying the subject's money is absent or zero, else ""."""
    text = fold(para.text)
    context = subject in text or subject in fold(para.section or "")
    if not context:
        return ""
    for sentence in _SENTENCE_RE.split(text):
        if not _ABSENT_RE.search(sentence):
            continue
        if subject not in sentence and not any(w in sentence for w in _THIS_ITEM):
            continue
        if not income_too and "收入" in sentence and "支出" not in sentence and "收支" not in sentence:
            continue  # "政府性基金预算拨款收入 0 万元" says nothing about the expense table
        return sentence.strip()
    return ""


def _nearby(ctx: EvalContext, item: TableItem) -> str:
    return fn_nearby_text(ctx, item)
