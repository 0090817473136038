"""An empty table is explained wherever the document explains it (BL804), and a full one is never empty.

Texts are the printed wording of real documents (上海, 江苏, 西安, 北京), read by hand.
"""

from __future__ import annotations

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.engine import check_document, load_rules
from budgetlint.engine.empty_tables import explanation
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example
from budgetlint.model import Provenance, RawCell, RawTable
from budgetlint.recognise import recognise_table
from budgetlint.recognise.contents import read_contents


def _doc(paragraphs=(), tables=(), contents=()):
    facts = {f"{t['kind']}[total].total": t.pop("total", "") for t in tables}
    return build_document(
        Example(
            expect="pass",
            facts=facts,
            doc={"kind": "budget", "paragraphs": list(paragraphs), "tables": list(tables), "contents": list(contents)},
        )
    )


def _bl804(doc):
    return [f for f in check_document(doc, load_rules(select=["BL804"])).findings]


GOV_FUND = {"kind": "gov_fund", "title": "2026年预算单位政府性基金预算支出功能分类预算表", "empty": True}


@pytest.mark.parametrize(
    "sentence",
    [
        "一般公共预算拨款支出预算19,577万元，比2025年预算减少290万元；政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为0。",
        "本部门无当年政府性基金预算收支，并已公开空表。",
        "江苏省高级人民法院2017年政府性基金支出预算支出0万元。",
        "省检察院无政府性基金预算相关收支项目。",
    ],
)
def test_narrative_saying_the_fund_is_zero_or_absent_explains_the_table(sentence):
    assert _bl804(_doc([sentence], [dict(GOV_FUND)])) == []


def test_this_item_in_the_funds_own_paragraph_explains_it():
    para = "某部门2019年政府性基金支出预算支出万元。与上年相比增加（减少）0万元，增长（减少）0%。主要原因是本部门无此项支出。"
    assert _bl804(_doc([para], [dict(GOV_FUND)])) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "2.政府性基金预算拨款收入0万元。",  # income, not the expense table
        "（2）政府性基金收入预算0万元，与上年相比增加（减少）0万元。主要原因是本部门无此项收入。",
        "本部门国有资本经营预算拨款支出预算为0。",  # another fund
        "一般公共预算拨款支出预算19,577万元。",
    ],
)
def test_other_statements_do_not_explain_it(sentence):
    # Asked of the narrative alone (a hand-made document prints its paragraphs after its tables,
    # where they would also count as the text that follows the table).
    doc = _doc([sentence], [dict(GOV_FUND)])
    assert explanation(doc, doc.tables[0]) == ""


def test_the_message_says_where_was_looked():
    # with a narrative that does not explain the table: the three places were read
    (f,) = _bl804(_doc(["一般公共预算拨款支出预算19,577万元。"], [dict(GOV_FUND)]))
    assert "表注、目录和叙述中都没有说明为什么为空" in f.message
    # a file of tables only (江苏 公开表, its 情况说明 published apart): no claim about a narrative
    (f,) = _bl804(_doc([], [dict(GOV_FUND)]))
    assert "表注和目录中没有（本文件没有叙述文字）说明为什么为空" in f.message and "叙述中" not in f.message


def test_contents_entry_with_a_reason_explains_the_table_by_number():
    table = {"kind": "expense", "title": "2022部门综合预算财政拨款结转资金支出表", "caption": ["表11"], "empty": True}
    contents = [
        {"number": "表9", "title": "2022年部门综合预算政府性基金收支表", "empty": True, "reason": "不涉及"},
        {"number": "表11", "title": "2022年部门综合预算财政拨款上年结转资金支出表", "empty": True, "reason": "不涉及"},
    ]
    doc = _doc([], [table], contents)
    assert explanation(doc, doc.tables[0]) == "目录：不涉及"


def test_contents_entry_of_another_table_does_not_explain_it():
    table = {"kind": "expense", "title": "2022部门综合预算财政拨款结转资金支出表", "caption": ["表11"], "empty": True}
    contents = [
        {"number": "表9", "title": "2022年部门综合预算政府性基金收支表", "empty": True, "reason": "不涉及"},
        {"number": "表11", "title": "2022年部门综合预算财政拨款上年结转资金支出表", "empty": False},
    ]
    assert len(_bl804(_doc([], [table], contents))) == 1


def _raw(rows: list[list[str]], title: str = "目录") -> RawTable:
    prov = Provenance(path="t.pdf", page=2)
    return RawTable(title=title, rows=[[RawCell(text=t, provenance=prov) for t in r] for r in rows], provenance=prov)


def test_contents_grid_is_read_with_its_empty_flags_and_reasons():
    # 西安 2019 目录 (p2), as printed.
    raw = _raw(
        [
            ["报表", "报表名称", "是否空表", "公开空表理由"],
            ["表1", "2019年部门综合预算收支总表", "否", ""],
            ["表9", "2019年部门综合预算政府性基金收支表", "是", "本单位无政府性基金预算"],
            ["表15", "2019年专项资金整体绩效目标表", "是", "本单位无专项资金预算"],
        ]
    )
    entries = read_contents([raw])
    assert [(e.number, e.empty, e.reason) for e in entries] == [
        ("表1", False, ""),
        ("表9", True, "本单位无政府性基金预算"),
        ("表15", True, "本单位无专项资金预算"),
    ]
    assert entries[1].title == "2019年部门综合预算政府性基金收支表"


def test_grid_without_an_empty_column_is_not_a_contents():
    assert read_contents([_raw([["报表", "报表名称"], ["表1", "收支总表"]])]) == []


def test_a_table_whose_rows_were_read_into_its_header_is_not_empty():
    # 上海普陀 万里街道 2024 p11: every amount ended up in the header; the table is full.
    raw = _raw(
        [
            ["项目", "", "收入预算", "", ""],
            ["功能分类科目编码", "功能分类科目名称", "合计", "财政拨款收入", "事业收入"],
            ["201", "一般公共服务支出", "2,932,700", "2,932,700", "0"],
        ],
        title="2024年部门收入预算总表",
    )
    table = recognise_table(raw, "t1", [])
    if not any(c.state == "value" for r in table.rows for c in r.cells):  # whatever the recogniser made of it
        assert not table.empty


def test_a_table_with_nothing_printed_is_empty():
    raw = _raw(
        [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "", "", ""]],
        title="本年政府性基金预算支出表",
    )
    assert recognise_table(raw, "t1", []).empty


# ---------------------------------------------------------------- the corpus (skipped without it)

REAL = CORPUS_DIR / "city_crawl_renwu"


def _corpus_bl804(*names):
    from budgetlint.pipeline import load_document

    paths = [p for n in names if (p := next(CORPUS_DIR.rglob(n), None)) is not None]
    if len(paths) != len(names):
        pytest.skip("corpus not present")
    report = check_document(load_document(paths), load_rules(select=["BL804"]))
    return sorted(f.locations[0].page for f in report.findings)


@pytest.mark.corpus
@pytest.mark.parametrize(
    "names",
    [
        ("shanghai_2026_shenjiju_ys_unit.pdf",),  # narrative p6: 政府性基金拨款支出预算为0
        ("xian_2019_anjianju_ys_tables.pdf",),  # 目录 p2: 是 / 本单位无政府性基金预算
        ("xian_2022_qixiangju_ys.pdf",),  # 目录 + narrative
        ("jiangsu_2019_jianchayuan_ys_full.pdf",),  # 此表为空
        ("jiangsu_2019_renda_ys_text.pdf", "jiangsu_2019_renda_ys_tables.pdf"),  # the text file: 本部门无此项支出
        ("shanghai_putuo_2024_wanlijiedao_ys_dept.pdf",),  # tables full of rows are not empty
    ],
    ids=lambda n: n[0],
)
def test_corpus_explained_empty_tables_are_not_findings(names):
    assert _corpus_bl804(*names) == []


@pytest.mark.corpus
def test_corpus_unexplained_empty_tables_are_still_findings():
    # 长春 p13/p15: empty, no explanation anywhere. 北京: the narrative only says the fund's
    # 收入 is 0, nothing about the expense tables (reviewed Tw).
    assert _corpus_bl804("changchun_2026_xinfangju_ys_unit.pdf") == [13, 15]
    assert _corpus_bl804("beijing_2026_shenjiju_ys_text.pdf", "beijing_2026_shenjiju_ys_tables.pdf") == [7, 8]


def test_contents_header_variants_and_text_lines():
    raw = _raw(
        [
            ["序号", "内容", "是否为空表", "空表原因"],
            ["表8", "国有资本经营预算财政拨款支出决算表", "是", "本部门不涉及"],
        ]
    )
    (entry,) = read_contents([raw])
    assert (entry.number, entry.empty, entry.reason) == ("表8", True, "本部门不涉及")
    from budgetlint.model import RawParagraph

    para = RawParagraph(
        text="表9 2019年部门综合预算政府性基金收支表 是 本单位无政府性基金预算\n表10 2019年部门综合预算专项业务经费支出表 否",
        provenance=Provenance(path="t.pdf", page=2),
    )
    entries = read_contents([], [para])
    assert [(e.number, e.empty, e.reason) for e in entries] == [
        ("表9", True, "本单位无政府性基金预算"),
        ("表10", False, ""),
    ]


def test_income_and_expense_said_in_one_sentence():
    # "无…收入，也没有使用…安排的支出": the second clause is about the expense.
    doc = _doc(["本部门无政府性基金预算拨款收入，也没有使用政府性基金预算拨款安排的支出。"], [dict(GOV_FUND)])
    assert explanation(doc, doc.tables[0]).startswith("叙述")
