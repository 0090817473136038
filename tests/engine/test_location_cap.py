"""A finding names at most MAX_LOCATIONS places and counts the others (engine/run.py)."""

from __future__ import annotations

from budgetlint.engine.run import MAX_LOCATIONS, cap_locations
from budgetlint.model import Finding, Location


def _loc(table: str, row: int) -> Location:
    return Location(path="d.txt", table=table, row=str(row), excerpt="")


def test_a_sum_over_many_rows_keeps_the_first_places_and_the_other_table():
    locs = [_loc("t1", i) for i in range(MAX_LOCATIONS + 30)] + [_loc("t2", 0)]
    f = Finding(rule_id="BL1", severity="error", title="", message="", locations=locs, related=locs[:5])
    cap_locations(f)
    assert len(f.locations) == MAX_LOCATIONS == 100
    assert f.locations_omitted == 31
    assert f.locations[-1].table == "t2"  # the compared table is never cut
    assert [loc.row for loc in f.locations[: MAX_LOCATIONS - 1]] == [str(i) for i in range(MAX_LOCATIONS - 1)]
    assert len(f.related) == 5 and f.related_omitted == 0


def test_a_short_finding_is_unchanged():
    locs = [_loc("t1", i) for i in range(3)]
    f = Finding(rule_id="BL1", severity="error", title="", message="", locations=list(locs))
    cap_locations(f)
    assert f.locations == locs and f.locations_omitted == 0


def test_the_report_schema_states_the_cap_in_force():
    from budgetlint.report.json_report import report_schema

    text = str(report_schema())
    assert f"places not listed in locations (at most {MAX_LOCATIONS} are)" in text
    assert f"places not listed in related (at most {MAX_LOCATIONS} are)" in text
