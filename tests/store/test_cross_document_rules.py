"""Every example of every cross-document rule (rules/across/cross_document.yaml) runs here:
the checked document and the documents beside it go into a store, and the rule must find
exactly what the example says."""

from __future__ import annotations

import pytest

from budgetlint.store import Store, load_cross_rules
from budgetlint.store.crossdoc import check_record
from tests.store.builders import growth_claim_record, record_from_spec

CASES = [(rule, i, ex) for rule in load_cross_rules() for i, ex in enumerate(rule.examples)]


def test_every_rule_has_a_pass_and_a_fail_example():
    for rule in load_cross_rules():
        assert {ex["expect"] for ex in rule.examples} == {"pass", "fail"}, rule.id
        assert rule.message and rule.rationale and rule.title


@pytest.mark.parametrize(("rule", "index", "example"), CASES, ids=[f"{r.id}-{i}" for r, i, _ in CASES])
def test_rule_example(rule, index, example):
    store = Store(":memory:")
    this = record_from_spec(example["this"], 0)
    store.put(this)
    for n, other in enumerate(example.get("others", []), start=1):
        # a related document is of the checked one's department, kind and scope unless it says otherwise
        defaults = {k: example["this"][k] for k in ("kind",) if k in example["this"]}
        store.put(record_from_spec(other, n, defaults))
    findings = check_record(store, rule, store.record(store.document_id(this.path)))
    if example["expect"] == "pass":
        assert findings == [], [f.message for f in findings]
    else:
        assert findings, example.get("name")
        if "findings" in example:
            assert len(findings) == example["findings"]
        f = findings[0]
        assert f.rule_id == rule.id and f.severity == rule.severity
        assert f.related and f.related[0].path != this.path  # it names the other document


def test_rounding_is_not_a_finding():
    """9146.785 … 9146.795 meets a base derived as 10150.48 − 1003.69 = 9146.79 ± 0.01."""
    rule = next(r for r in load_cross_rules() if r.id == "BL901")
    store = Store(":memory:")
    this = growth_claim_record(2018, "10150.48", "1003.69")
    store.put(this)
    store.put(record_from_spec({"year": 2017, "facts": {"expense[total].total": "9146.80"}}, 1))
    assert check_record(store, rule, store.record(1)) == []
    store.put(record_from_spec({"year": 2017, "facts": {"expense[total].total": "9146.82"}}, 1))
    assert len(check_record(store, rule, store.record(1))) == 1


def test_a_figure_printed_in_yuan_is_compared_in_wan():
    rule = next(r for r in load_cross_rules() if r.id == "BL903")
    store = Store(":memory:")
    dept = record_from_spec({"scope": "部门", "declared_units": 1, "facts": {"expense[total].total": "37151.4655"}}, 0)
    unit = record_from_spec({"scope": "单位", "facts": {}}, 1)
    from budgetlint.store.record import StoredFact

    unit.facts.append(StoredFact("expense", "total", "total", "371514655.00", "元", 2))
    store.put(dept)
    store.put(unit)
    assert check_record(store, rule, store.record(1)) == []
