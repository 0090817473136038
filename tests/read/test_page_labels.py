"""Printed footer page numbers ("第 20 页（页脚 19）"): which are trusted, and how reports show them."""

from pathlib import Path

import pytest

from budgetlint.model import Location
from budgetlint.read.pdf import printed_page_numbers
from budgetlint.report.text import where

FIXTURE = Path(__file__).parents[1] / "fixtures" / "pdf" / "hangzhou_2026_qixiangju_ys.pdf"


def test_a_running_footer_is_kept():
    assert printed_page_numbers({3: "1", 4: "2", 5: "3"}) == {3: "1", 4: "2", 5: "3"}


def test_a_lone_number_at_the_edge_is_not_a_page_number():
    # page 9's "250" is out of step with its neighbours: a stray amount, not a footer
    assert printed_page_numbers({7: "5", 8: "6", 9: "250", 10: "8"}) == {7: "5", 8: "6", 10: "8"}


def test_numbering_that_restarts_keeps_both_runs():
    found = {2: "1", 3: "2", 10: "1", 11: "2"}
    assert printed_page_numbers(found) == found


def test_the_text_report_gives_both_page_numbers():
    loc = Location(path="a.pdf", page=20, printed_page="19")
    assert where(loc).startswith("第 20 页（页脚 19）")
    assert where(Location(path="a.pdf", page=20)) == "第 20 页"


@pytest.mark.skipif(not FIXTURE.exists(), reason="fixture PDF missing")
def test_footers_read_from_a_real_pdf():
    from budgetlint.read.pdf import read_pdf

    labels = read_pdf(FIXTURE).page_labels
    # read by hand on the printed pages: the cover is unnumbered, PDF page 2 is "1",
    # page 15 is "14", page 20 is "19"
    assert 1 not in labels
    assert (labels[2], labels[15], labels[20]) == ("1", "14", "19")


@pytest.mark.skipif(not FIXTURE.exists(), reason="fixture PDF missing")
def test_the_json_report_carries_the_printed_page():
    import json

    import jsonschema
    from click.testing import CliRunner

    from budgetlint.cli import main
    from budgetlint.report.json_report import report_schema

    out = CliRunner().invoke(main, ["check", "--format", "json", str(FIXTURE)]).output
    report = json.loads(out)
    jsonschema.validate(report, report_schema())
    places = [loc for d in report["documents"] for f in d["findings"] for loc in f["locations"]]
    assert places, "the fixture has a finding on its 基本支出表"
    # the 基本支出表 is on PDF page 20, printed as page 19
    assert {(loc["page"], loc.get("printed_page")) for loc in places if loc["page"] == 20} == {(20, "19")}
