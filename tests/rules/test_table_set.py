"""BL807 (a required table missing from the set) on real documents of the corpus.

The table sets were read off the printed pages: 江苏 2019 高院 prints 公开01–08 with its 三公 table;
江苏 2018 检察院 prints 公开09“三公”经费、会议费、培训费支出预算表 on p.19 with its title over two
lines (the recogniser reads "支出预算表"); 国家信访局 2024 决算's 目录 lists 一 … 九 (九、国有资本经营
预算财政拨款支出决算表); 佛山 2019 决算 prints and lists 8 tables (一 … 八, no 国有资本经营 table).
Skipped when the shared corpus is absent.
"""

from __future__ import annotations

import pytest

from budgetlint.checker import load_rules
from budgetlint.corpus import CORPUS_DIR
from budgetlint.engine import check_document
from budgetlint.engine.table_set import _kinds, required
from budgetlint.pipeline import load_document

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def rule():
    return [r for r in load_rules() if r.id == "BL807"]


def _doc(name: str):
    path = CORPUS_DIR / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return load_document(path)


def _without(doc, kind: str):
    """The document with the tables of one required kind removed (as if not printed)."""
    req = next(r for r in required(doc) if r.kind == kind)
    out = doc.model_copy(deep=True)
    out.tables = [t for t in out.tables if t.kind not in _kinds(req)]
    return out


def test_a_complete_jiangsu_set_passes_and_a_dropped_table_is_named(rule):
    doc = _doc("jiangsu_open_budget/jiangsu_2019_gaoyuan_ys_full.pdf")
    report = check_document(doc, rule)
    assert report.findings == []
    assert not [n for n in report.not_evaluated if n.rule_id == "BL807"]  # it ran
    dropped = check_document(_without(doc, "three_public"), rule)
    assert [f.rule_id for f in dropped.findings] == ["BL807"]
    assert "“三公”经费表" in dropped.findings[0].message


def test_an_unnumbered_table_among_numbered_ones_makes_the_rule_stand_aside(rule):
    doc = _doc("jiangsu_open_budget/jiangsu_2018_jianchayuan_ys_full.pdf")
    assert not any(t.kind == "three_public" for t in doc.tables)  # its 三公 title is read as 支出预算表
    report = check_document(doc, rule)
    assert report.findings == []
    assert [n.rule_id for n in report.not_evaluated] == ["BL807"]


def test_a_table_the_contents_list_names_is_not_missing(rule):
    doc = _doc("city_crawl_renwu/central_2024_guojiaxinfangju_js.pdf")
    assert check_document(_without(doc, "final_soe_capital"), rule).findings == []


def test_a_2019_final_with_eight_tables_is_complete(rule):
    doc = _doc("city_crawl_renwu/foshan_2019_guidaojiaotongju_js.pdf")
    assert len(required(doc)) == 8
    report = check_document(doc, rule)
    assert report.findings == [] and not report.not_evaluated


def test_a_narrative_only_file_is_not_checked(rule):
    doc = _doc("jiangsu_open_budget/jiangsu_2019_renda_ys_text.pdf")
    report = check_document(doc, rule)
    assert report.findings == []
    assert [n.rule_id for n in report.not_evaluated] == ["BL807"]
