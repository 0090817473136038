"""BL904 on real tables: a 三公 table's prior-year block against last year's document.

重庆市人民政府办公厅 2026 预算, 第 20 页 表八 (read on the printed page): a "2025年预算数" band over
合计 396.97 | 因公出国（境）费 184.49 | 公务用车购置及运行费 小计 202.48 | 公务用车购置费 (blank) |
公务用车运行费 202.48 | 公务接待费 10.00, then the "2026年预算数" block. 西安 宣传部 2021 (a
fixture) heads its prior block "2020年" only: which figure that is the table does not say.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.pipeline import load_document
from budgetlint.store import Store, load_cross_rules
from budgetlint.store.crossdoc import check_record
from budgetlint.store.record import record_for_document
from tests.store.builders import record_from_spec

CHONGQING = CORPUS_DIR / "city_crawl_renwu" / "chongqing_2026_zhengfubangongting_ys.pdf"
XIAN_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "pdf" / "xian_2021_xuanchuanbu_ys.pdf"
BL904 = next(r for r in load_cross_rules() if r.id == "BL904")


def _findings(record, last_year_facts: dict[str, str]):
    store = Store(":memory:")
    store.put(record)
    spec = {"year": record.year - 1, "kind": record.kind, "department": record.department, "facts": last_year_facts}
    store.put(record_from_spec(spec, 1))
    return check_record(store, BL904, store.record(store.document_id(record.path)))


@pytest.mark.skipif(not CHONGQING.exists(), reason=f"{CHONGQING} not present (set BUDGETLINT_CORPUS)")
def test_prior_budget_block_compared_with_last_years_document():
    record = record_for_document(load_document(CHONGQING))
    prior = {f.address: f for f in record.facts if f.column_key.startswith("prior.")}
    assert prior["three_public[total].prior.total"].value == "396.97"
    assert prior["three_public[total].prior.total"].provenance["band"] == "2025年预算数"
    assert prior["three_public[total].prior.reception"].value == "10.00"
    # last year printed the same 合计 and another 公务接待费: one finding, on 公务接待费
    found = _findings(record, {"three_public[total].total": "396.97", "three_public[total].reception": "12.00"})
    assert [f.locations[0].address for f in found] == ["three_public[total].prior.reception"]
    assert found[0].actual == "10.00" and found[0].expected == "12.00"
    assert found[0].locations[0].page == 20
    assert "“2025年预算数 · 公务接待费”印为 10.00 万元" in found[0].message, found[0].message
    # last year's document as printed: nothing to say
    assert _findings(record, {"three_public[total].total": "396.97", "three_public[total].reception": "10.00"}) == []


def test_a_bare_year_band_is_not_compared():
    record = record_for_document(load_document(XIAN_FIXTURE))
    prior = [f for f in record.facts if f.column_key.startswith("prior.")]
    assert prior and {f.provenance.get("band") for f in prior} == {"2020年"}
    everything_differs = {f"{f.table_kind}[{f.row_key}].{f.column_key[6:]}": "99999.99" for f in prior}
    assert _findings(record, everything_differs) == []
