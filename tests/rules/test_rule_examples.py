"""Every rule's own examples behave as declared — for every pack in rules/, whoever wrote it."""

from __future__ import annotations

import pytest

from budgetlint.engine import load_rules
from budgetlint.pack_test import example_problems

RULES = load_rules()
CASES = [(rule, i, ex) for rule in RULES for i, ex in enumerate(rule.examples)]


def test_there_are_rules():
    assert len(RULES) >= 30


def test_builtin_rule_ids_are_unique_across_packs():
    from collections import Counter

    from budgetlint.engine.rules import builtin_rules_dir, load_pack, pack_files

    ids = Counter(r.id for f in pack_files(builtin_rules_dir()) for r in load_pack(f))
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_pass_and_fail_examples(rule):
    kinds = {e.expect for e in rule.examples}
    assert {"pass", "fail"} <= kinds
    assert rule.title and rule.rationale and rule.message


@pytest.mark.parametrize("rule,i,example", CASES, ids=[f"{r.id}-{i}-{e.expect}" for r, i, e in CASES])
def test_rule_example(rule, i, example):
    assert example_problems(rule, example) == []
