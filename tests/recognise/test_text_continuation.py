"""A table a text export prints in two parts, the second under "（续）" or "续表": one table.

A text export has no pages, so a part is joined to the table before it only when its title says
it continues (recognise/continued.py); left apart, the first part's 合计 was compared with its
own rows only (BL110 ×3 on a correct 支出决算表). The table is the 2023 西工区 支出决算表
(examples/2023-xigong-zwfw-final.txt, lines 263–298), tab-separated, cut after 2101102.
"""

from __future__ import annotations

import pytest

from budgetlint.engine import check_document, load_rules
from budgetlint.pipeline import load_document

HEADER = "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出"
FIRST = """\
\t合计\t449.76\t176.37\t273.39\t0\t0\t0
201\t一般公共服务支出\t318.99\t145.59\t173.39\t0\t0\t0
20103\t政府办公厅（室）及相关机构事务\t313.99\t145.59\t168.40\t0\t0\t0
2010301\t行政运行\t56.94\t56.94\t0\t0\t0\t0
2010302\t一般行政管理事务\t36.06\t0\t36.06\t0\t0\t0
2010350\t事业运行\t220.99\t88.65\t132.34\t0\t0\t0
20113\t商贸事务\t5.00\t0\t5.00\t0\t0\t0
2011308\t招商引资\t5.00\t0\t5.00\t0\t0\t0
208\t社会保障和就业支出\t13.21\t13.21\t0\t0\t0\t0
20805\t行政事业单位养老支出\t13.21\t13.21\t0\t0\t0\t0
2080502\t事业单位离退休\t1.31\t1.31\t0\t0\t0\t0
2080505\t机关事业单位基本养老保险缴费支出\t11.90\t11.90\t0\t0\t0\t0
210\t卫生健康支出\t7.78\t7.78\t0\t0\t0\t0
21011\t行政事业单位医疗\t7.78\t7.78\t0\t0\t0\t0
2101101\t行政单位医疗\t3.17\t3.17\t0\t0\t0\t0
2101102\t事业单位医疗\t4.61\t4.61\t0\t0\t0\t0
"""
SECOND = """\
221\t住房保障支出\t9.79\t9.79\t0\t0\t0\t0
22102\t住房改革支出\t9.79\t9.79\t0\t0\t0\t0
2210201\t住房公积金\t9.79\t9.79\t0\t0\t0\t0
229\t其他支出\t100.00\t0\t100.00\t0\t0\t0
22904\t其他政府性基金及对应专项债务收入安排的支出\t100.00\t0\t100.00\t0\t0\t0
2290402\t其他地方自行试点项目收益专项债券收入安排的支出\t100.00\t0\t100.00\t0\t0\t0
"""


def _export(tmp_path, continued_title: str):
    text = (
        "2023年度部门决算\n\n支出决算表\n\n部门名称：洛阳市西工区政务服务和大数据管理局\n\n单位：万元\n\n"
        f"{HEADER}\n{FIRST}\n- 10 -\n\n{continued_title}\n\n{HEADER}\n{SECOND}\n"
    )
    path = tmp_path / "final.txt"
    path.write_text(text, encoding="utf-8")
    return load_document(path)


@pytest.mark.parametrize("title", ["支出决算表（续）", "续表：支出决算表", "支出决算表（续表）", "续表"])
def test_a_continued_part_is_joined(tmp_path, title):
    doc = _export(tmp_path, title)
    tables = [t for t in doc.tables if t.kind]
    assert len(tables) == 1
    assert [r.key for r in tables[0].rows][-1] == "2290402" and tables[0].row("201") is not None
    assert check_document(doc, load_rules(select=["BL1"])).findings == []


def test_another_table_of_the_same_kind_is_not_joined(tmp_path):
    # no 续 in its title: a second table (a unit's), not a continuation
    doc = _export(tmp_path, "支出决算表")
    assert len([t for t in doc.tables if t.kind]) == 2
