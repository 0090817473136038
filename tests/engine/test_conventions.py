"""Conventions are not errors: BL141 (where a region files 30239/30299/303 parts) is an info note,
and a year inside a project or fund name is not a table title's wrong year (BL801)."""

from __future__ import annotations

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.engine.functions import table_years
from budgetlint.engine.rules import Example


def test_classification_convention_is_an_info_note_not_a_warning():
    # A basic-expense table that balances row by row and column by column, filing 30239 其他交通费用
    # under 人员经费 (西安): 人员经费 80.00 vs Σ301+303 70.00.
    facts = {
        "gpb_basic[total].total": "100.00",
        "gpb_basic[total].personnel": "80.00",
        "gpb_basic[total].public": "20.00",
        "gpb_basic[301].total": "70.00",
        "gpb_basic[302].total": "30.00",
    }
    doc = build_document(Example(expect="pass", facts=facts, doc={"kind": "budget"}))
    (f,) = check_document(doc, load_rules(select=["BL141"])).findings
    assert f.severity == "info"


@pytest.mark.parametrize(
    "title,years",
    [
        ("西安市级1.5TMRI（2021年医疗卫生机构能力提升补助资金）项目绩效自评表", []),  # 西安 2022 决算 p105
        ("2021年中央财政补助资金项目绩效自评表（2022年度）", [2022]),
        ("2023 年部门支出预算表", [2023]),
        ("2024年洛阳市老城区政务服务和大数据管理局项目支出预算表", [2024]),  # a department, not a project name
        ("2024 年项目支出预算表", [2024]),
        ("西安市卫生健康委员会2022年度部门决算", [2022]),
    ],
)
def test_years_that_date_the_table(title, years):
    assert table_years(title) == years


def test_template_year_is_still_found():
    doc = build_document(
        Example(
            expect="pass",
            facts={"expense[total].total": "1.00"},
            doc={"kind": "budget", "year": 2024, "tables": [{"kind": "expense", "title": "2023年部门支出预算表"}]},
        )
    )
    assert [f.rule_id for f in check_document(doc, load_rules(select=["BL801"])).findings] == ["BL801"]


WEIJIANWEI = CORPUS_DIR / "city_crawl_renwu" / "xian_2022_weijianwei_js.pdf"


@pytest.mark.corpus
@pytest.mark.skipif(not WEIJIANWEI.is_file(), reason="corpus not present")
def test_corpus_project_name_year_is_not_a_wrong_title_year():
    from budgetlint.pipeline import load_document

    report = check_document(load_document(WEIJIANWEI), load_rules(select=["BL801"]))
    assert [f.locations[0].page for f in report.findings] == []
