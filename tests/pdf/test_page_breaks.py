"""Rows at a page break that the lattice grid cannot see, from real corpus PDFs.

Values as printed on the pages (checked on the rendered pages): 江苏高院 2018
p.13 starts with "2040504 案件审判 1,833.30", a row whose top rule is the
previous page's bottom border; 无锡信访局 2025 p.13 holds only the running header
and "2210203 购房补贴 130.02 130.02", the last row of the 支出总表 of p.12.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.facts import flatten
from budgetlint.pipeline import load_document

CASES = [
    ("jiangsu_open_budget/jiangsu_2018_gaoyuan_ys_full.pdf", "gpb_expense[2040504].total", "1833.30", 13),
    ("city_crawl_renwu/wuxi_2025_xinfangju_ys.pdf", "expense[2210203].total", "130.02", 13),
    ("city_crawl_renwu/wuxi_2025_xinfangju_ys.pdf", "expense[2210203].basic", "130.02", 13),
]


@pytest.mark.parametrize("name, address, value, page", CASES)
def test_row_after_page_break_is_read(name, address, value, page):
    path = CORPUS_DIR / name
    if not path.is_file():
        pytest.skip("corpus not present")
    facts = {f.address: f for f in flatten(load_document(path))}
    assert facts[address].value == Decimal(value)
    assert facts[address].provenance.page == page


def test_running_header_is_not_narrative():
    path = CORPUS_DIR / "city_crawl_renwu/wuxi_2025_xinfangju_ys.pdf"
    if not path.is_file():
        pytest.skip("corpus not present")
    doc = load_document(path)
    assert not any(p.text.strip() == "无锡市信访局2025年度部门预算公开" for p in doc.paragraphs)


def test_continuation_with_cells_spanning_columns_is_laid_onto_the_previous_columns():
    # 江苏 2017 收支预算总表 p.9: 小计 | 金额 | 结转下年资金 (over three columns of p.8) | 金额
    from budgetlint.model import Provenance, RawCell
    from budgetlint.read.pdf import _onto_columns

    prov = Provenance(path="x.pdf", page=9)
    row = [RawCell(text=t, provenance=prov) for t in ("收入合计", "13,649.07", "支出合计", "13,649.07")]
    previous = [87.0, 169.0, 310.0, 414.0, 533.0, 632.0, 780.0]
    laid = _onto_columns([row], [87.0, 169.5, 310.0, 632.0, 780.0], previous)[0]
    assert [c.text for c in laid] == ["收入合计", "13,649.07", "支出合计", "", "", "13,649.07"]
    assert [c.covered for c in laid] == [False, False, False, True, True, False]
    # an edge the previous part does not have: another table, left as it is
    assert _onto_columns([row], [87.0, 169.0, 350.0, 632.0, 780.0], previous) == [row]
