"""A whole document printed as one paragraph (a text export without line breaks) must cost
time linear in its length: the finding's snippet search and the look-back for the amount
stated before a number do not rescan the paragraph for every claim."""

from __future__ import annotations

import time

from budgetlint.claim_functions.values import _unique_snippet


def _occurrences(text: str, snippet: str) -> int:
    return sum(1 for i in range(len(text)) if text.startswith(snippet, i))


def test_the_snippet_is_the_shortest_left_widening_that_occurs_once():
    text = "收入0.00万元，支出0.00万元，结转0.00万元。"
    at = text.index("0.00万元", text.index("支出"))
    snippet = _unique_snippet(text, "0.00万元", at)
    assert snippet == "出0.00万元" and _occurrences(text, snippet) == 1
    assert _unique_snippet(text, "支出", text.index("支出")) == "支出"  # already unique


def test_a_span_repeated_beyond_reach_is_left_as_is():
    text = "甲" * 100 + "1.00万元" + "甲" * 100 + "1.00万元"
    assert _unique_snippet(text, "1.00万元", text.rindex("1.00万元")) == "1.00万元"  # 60 characters back: still twins


def test_snippets_of_a_long_paragraph_take_linear_time():
    sentence = "本部门收入预算合计1234.56万元，比上年增加12.34万元。"
    text = sentence * 3000  # 90,000 characters, every amount printed 3,000 times
    start = time.monotonic()
    for k in range(0, 3000, 3):
        at = k * len(sentence) + sentence.index("1234.56")
        assert _unique_snippet(text, "1234.56万元", at) == "1234.56万元"
    assert time.monotonic() - start < 10  # was 60 scans of the whole paragraph per claim (minutes)
