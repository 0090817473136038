"""Sentences that call the carry-over large ("结转结余资金数额较大", "结转结余率超过 15%") or
say money carries over into the next year ("经费结转下年度使用").

A 决算 whose 收入支出决算总表 prints 年末结转和结余 0 cannot also have a large
carry-over or a carry-over rate above a threshold: carry-over balances are never
negative, so a zero total means every fund's and project's carry-over is zero.
BL514 compares these sentences with that total. Text is folded (full-width
punctuation as ASCII) before matching.
"""

from __future__ import annotations


from budgetlint.lazy_regex import lazy_compile

# 结转结余 / 结转和结余 / 结余结转 (资金)(数额|金额|规模|率|比例) … 较大 / 偏高 / 超过 15%
LARGE_CARRYOVER = lazy_compile(
    r"(?:结转(?:和|及)?结余|结余结转)(?:资金)?(?:的)?(?:数额|金额|规模|率|比例|比率)?(?:为|仍|依然|相对|比较)?"
    r"(?:较大|较多|较高|偏大|偏多|偏高|过大|过多|过高|超过[0-9.]+%|高于[0-9.]+%)"
)
# 国家信访局: "…尚未支付，经费结转下年度使用": money said to carry over into the next year is a
# 年末结转 too ("结转到下一年度继续使用", "结转至2025年使用").
CARRIED_TO_NEXT_YEAR = lazy_compile(
    r"结转(?:到|至|入)?(?:下一?年度?|以后年度|次年|(?:19|20)[0-9]{2}年度?)(?:继续|按[^,;:。]{0,8})?使用"
)
# Words before it in the same clause that deny or guard against it ("不存在结转结余较大的问题",
# "避免结转结余过大", "减少结转结余率较高的项目").
DENIED = lazy_compile(r"无|没有|不存在|未出现|未发生|避免|防止|杜绝|减少|压减|降低|控制|清理|盘活|是否")
CLAUSE_STOP = ",;:。!?"


def large_carryover_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each statement in ``text`` that the carry-over is large.

    Only the first of each sentence: one sentence says it once, however often
    it repeats the words.
    """
    spans: list[tuple[int, int]] = []
    last_sentence: int | None = None
    found = sorted([*LARGE_CARRYOVER.finditer(text), *CARRIED_TO_NEXT_YEAR.finditer(text)], key=lambda m: m.start())
    for m in found:
        clause = max(text.rfind(c, 0, m.start()) for c in CLAUSE_STOP) + 1
        if DENIED.search(text, clause, m.start()):
            continue
        sentence = text.rfind("。", 0, m.start())
        if sentence == last_sentence:
            continue
        last_sentence = sentence
        spans.append((m.start(), m.end()))
    return spans
