"""When every alternative of an ``or`` fails, the finding's figures are the first alternative's.

A rule states its identity first and a fallback after it (BL322: 301+303 ≥ 人员经费, or the
economic table's own 人员经费 column equals it). The fallback's figures mean nothing when the
identity fails: an absent column would print as "0.00".
"""

from __future__ import annotations

from budgetlint.engine import load_rules
from budgetlint.engine.examples import run_example
from budgetlint.engine.rules import Example

RULES = {r.id: r for r in load_rules(select=["BL322"])}


def test_the_identity_s_figures_are_reported_not_the_fallback_s():
    # 经济分类汇总表 30101 61.15 + 30302 9.46 = 70.61, less than 基本支出表人员经费 1730.75;
    # the summary prints no 人员经费 column of its own (the fallback, opt(...), is 0)
    facts = {
        "economic_summary[30101].gpb": "61.15",
        "economic_summary[30302].gpb": "9.46",
        "gpb_basic[total].personnel": "1730.75",
    }
    (f,) = run_example(RULES["BL322"], Example(expect="fail", facts=facts)).findings
    assert "301+303 合计 70.61" in f.message and "1730.75" in f.message


def test_a_passing_fallback_still_passes():
    facts = {
        "economic_summary[total].gpb": "4005.29",
        "economic_summary[total].basic.personnel": "3155.84",
        "economic_summary[30101].gpb": "2981.28",
        "economic_summary[30239].gpb": "116.95",
        "economic_summary[30302].gpb": "57.60",
        "gpb_basic[total].personnel": "3155.84",
    }
    assert run_example(RULES["BL322"], Example(expect="pass", facts=facts)).findings == []
