"""Which stored documents a cross-document rule compares a document with."""

from __future__ import annotations

import sqlite3

from budgetlint.store import Store, load_cross_rules
from budgetlint.store.crossdoc import check_record, related_records
from budgetlint.store.identity import department_key
from tests.store.builders import growth_claim_record, record_from_spec


def _rule(rule_id: str):
    return next(r for r in load_cross_rules() if r.id == rule_id)


def _letters(i: int) -> str:
    """``i`` written with the letters a-z (no digits)."""
    out = ""
    while True:
        i, d = divmod(i, 26)
        out = chr(ord("a") + d) + out
        if not i:
            return out


def _last_year(n: int, total: str):
    return record_from_spec({"year": 2022, "facts": {"expense[total].total": total}}, n)


def test_a_copy_of_last_years_document_is_compared_once():
    store = Store(":memory:")
    this = growth_claim_record(2023, "120.00", "20.00")
    store.put(this)
    first, copy = _last_year(1, "90.00"), _last_year(2, "90.00")
    copy.sha256 = first.sha256  # the same bytes under another name: a file downloaded twice
    store.put(first)
    store.put(copy)
    other = _last_year(3, "90.00")  # a second, different document of that year: compared too
    store.put(other)
    rule = _rule("BL901")
    related = related_records(store, rule, store.record(store.document_id(this.path)))
    assert [r.path for r in related] == [first.path, other.path]
    # 100.00 derived from the narrative against the printed 90.00: one finding, naming the first copy
    findings = check_record(store, rule, store.record(store.document_id(this.path)))
    assert len(findings) == 1 and findings[0].related[0].path == first.path


def test_a_departments_units_are_found_among_every_other_department_of_the_year():
    store = Store(":memory:")
    units = ["某某局机关", "某某局信息中心"]
    dept = record_from_spec(
        {
            "scope": "部门",
            "department": "某某局",
            "declared_units": 2,
            "unit_rows": {"unit:101001": units[0], "unit:101002": units[1]},
            "facts": {"expense[total].total": "30.00"},
        },
        0,
    )
    store.put(dept)
    n = 1
    for name in [f"其他第{i}局" for i in range(40)] + units:
        store.put(
            record_from_spec({"scope": "单位", "department": name, "facts": {"expense[total].total": "10.00"}}, n)
        )
        n += 1
    rule = _rule("BL903")
    found = related_records(store, rule, store.record(store.document_id(dept.path)))
    assert sorted(r.department for r in found) == sorted(units)
    # 30.00 printed against 10.00 + 10.00: the units' sum disagrees
    assert len(check_record(store, rule, store.record(store.document_id(dept.path)))) == 1


def test_documents_of_a_year_by_department_over_more_keys_than_one_statement_takes():
    store = Store(":memory:")
    # SQLite before 3.32 takes at most 999 parameters in one statement: more keys than that
    store.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    count = 1100
    names = [f"单位{_letters(i)}" for i in range(count)]  # no digits: a year in a name is not its key
    wanted = {names[3], names[count // 2], names[-1]}
    for n, name in enumerate(sorted(wanted) + ["别的单位"]):
        store.put(record_from_spec({"scope": "单位", "department": name}, n))
    keys = {department_key(name) for name in names}
    assert len(keys) == count
    ids = store.documents_of_year(2023, "budget", "单位", department_keys=keys)
    assert sorted(store.record(i, facts=False).department for i in ids) == sorted(wanted)
    assert ids == sorted(ids)  # oldest first, as without the keys
    assert len(store.documents_of_year(2023, "budget", "单位")) == 4


def test_a_related_document_is_read_at_the_addresses_compared_only():
    store = Store(":memory:")
    this = growth_claim_record(2023, "120.00", "20.00")
    store.put(this)
    last = record_from_spec(
        {
            "year": 2022,
            "facts": {
                "expense[total].total": "90.00",
                "expense[total].basic": "60.00",
                "income[total].total": "90.00",
            },
        },
        1,
    )
    store.put(last)
    doc_id = store.document_id(last.path)
    assert len(store.record(doc_id).facts) == 3
    only = store.record(doc_id, addresses={"expense[total].basic", "expense[other].total"})
    assert [(f.address, f.value) for f in only.facts] == [("expense[total].basic", "60.00")]
    # the rule asks for what the narrative's growth claim compares with: last year's total
    rule = _rule("BL901")
    (related,) = related_records(store, rule, store.record(store.document_id(this.path)), {"expense[total].total"})
    assert [f.address for f in related.facts] == ["expense[total].total"]
    # read that way, the figure is still compared: 100.00 from the narrative against 90.00 printed
    findings = check_record(store, rule, store.record(store.document_id(this.path)))
    assert len(findings) == 1 and findings[0].expected == "90.00", findings
