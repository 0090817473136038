"""Golden cells of five real PDFs from five regions, read by eye from the rendered pages.

Each value was read off the page image (pypdfium2 render at 1.4×), not from
budgetlint's output. Covered: 上海 (a table in 元), 广东佛山 (a 决算), 江苏,
北京 (6-decimal 万元), 浙江杭州 (a table without subject codes).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.facts import flatten
from budgetlint.model import Unit
from budgetlint.pipeline import load_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pdf"

GOLDEN = {
    # 2025年预算单位支出预算总表, 编制单位：上海市普陀区人民政府办公室, 单位：元 (p.11)
    "shanghai_putuo_2025_quzhengfuban_ys_unit.pdf": (
        11,
        Unit.YUAN,
        {
            "expense[201].total": "82096797.42",
            "expense[201].basic": "15686797.42",
            "expense[201].project": "66410000.00",
            "expense[2010301].total": "12029501.84",
            "expense[2010301].basic": "11919501.84",
            "expense[2010301].project": "110000.00",
            "expense[2010302].project": "46140000.00",
            "expense[2010350].basic": "3767295.58",
            "expense[2010350].project": "40000.00",
            "expense[2010399].total": "20120000.00",
            "expense[208].total": "4213779.28",
            "expense[2080505].total": "1763159.52",
            "expense[2080506].basic": "881579.76",
            "expense[2080599].total": "14820.00",
        },
    ),
    # 表3 支出决算表, 部门：佛山市轨道交通局, 单位：万元 (p.10)
    "foshan_2019_guidaojiaotongju_js.pdf": (
        10,
        Unit.WAN,
        {
            "final_expense[total].total": "1668.14",
            "final_expense[total].basic": "746.39",
            "final_expense[total].project": "921.75",
            "final_expense[total].remit": "0.00",
            "final_expense[208].total": "76.23",
            "final_expense[20805].basic": "76.23",
            "final_expense[2080505].total": "53.45",
            "final_expense[2080506].total": "22.78",
            "final_expense[214].total": "1531.04",
            "final_expense[214].basic": "609.29",
            "final_expense[21401].project": "921.75",
            "final_expense[2140101].total": "609.29",
            "final_expense[2140102].project": "905.60",
            "final_expense[2140199].project": "16.15",
            "final_expense[221].total": "60.87",
        },
    ),
    # 公开表七 一般公共预算支出预算表（功能科目）, 江苏省人大常委会办公厅, 单位：万元 (p.7)
    "jiangsu_2019_renda_ys_tables.pdf": (
        7,
        Unit.WAN,
        {
            "gpb_expense[total].total": "18330.37",
            "gpb_expense[201].total": "13907.78",
            "gpb_expense[2010101].total": "7448.20",
            "gpb_expense[2010102].total": "2464.02",
            "gpb_expense[2010104].total": "1469.73",
            "gpb_expense[2010199].total": "628.30",
            "gpb_expense[208].total": "1121.39",
            "gpb_expense[2080504].total": "271.45",
            "gpb_expense[2080505].total": "607.10",
            "gpb_expense[2210201].total": "752.90",
            "gpb_expense[2210202].total": "2548.30",
        },
    ),
    # 预算09表 财政拨款"三公"经费支出表, 金额单位：万元 (p.9)
    "beijing_2026_shenjiju_ys_tables.pdf": (
        9,
        Unit.WAN,
        {
            "three_public[total].total": "244.848000",
            "three_public[total].abroad": "173.520000",
            "three_public[total].reception": "6.000000",
            "three_public[total].vehicle": "65.328000",
            "three_public[total].vehicle.purchase": "37.380000",
            "three_public[total].vehicle.operation": "27.948000",
        },
    ),
    # 表3：2026年市级部门支出预算总表, 部门名称：杭州市气象局, 单位：万元 (p.17)
    "hangzhou_2026_qixiangju_ys.pdf": (
        17,
        Unit.WAN,
        {
            "expense[total].total": "5876.67",
            "expense[total].basic.personnel": "2906.80",
            "expense[total].basic.public": "838.27",
            "expense[total].project": "2131.61",
        },
    ),
}

CASES = [(name, addr, value) for name, (_, _, cells) in GOLDEN.items() for addr, value in cells.items()]


@pytest.fixture(scope="module")
def facts_by_file():
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = {f.address: f for f in flatten(load_document(FIXTURES / name))}
        return cache[name]

    return get


@pytest.mark.parametrize("name, address, value", CASES, ids=[f"{n.split('_')[0]}:{a}" for n, a, _ in CASES])
def test_golden_cell(facts_by_file, name, address, value):
    page, unit, _ = GOLDEN[name]
    fact = facts_by_file(name).get(address)
    assert fact is not None, f"{name}: no fact {address}"
    assert fact.value == Decimal(value), f"{name} {address}: read {fact.value}, page prints {value}"
    assert fact.provenance.page == page
    assert fact.unit == unit
    assert fact.provenance.bbox is not None  # every PDF cell points at its box on the page


def test_yuan_table_converts_exactly_to_wan(facts_by_file):
    fact = facts_by_file("shanghai_putuo_2025_quzhengfuban_ys_unit.pdf")["expense[201].total"]
    assert fact.wan == Decimal("8209.679742")  # 82,096,797.42 元
    assert fact.half_width_wan == Decimal("0.0000005")  # half a fen
