"""Golden cells of the 2023 西工区政务服务和大数据管理局 部门决算 (plain layout text).

Every expected value below was read by hand from
``examples/2023-xigong-zwfw-final.txt`` (line numbers are that file's, 1-based),
not copied from the program's output.

Two levels:
* the reader's ``RawDocument`` (always checked): table titles, rows, cell texts
  and line numbers, narrative paragraphs;
* the recognised facts (``pipeline.load_document`` + ``facts.flatten``), checked
  once the recogniser knows the 决算 column vocabulary (rules/vocab/final_columns.yaml);
  until then those tests skip and say why.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.model import RawParagraph, RawTable
from budgetlint.read.layout import read_layout
from budgetlint.recognise.header_layouts import header_layouts

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2023-xigong-zwfw-final.txt"


@pytest.fixture(scope="module")
def raw():
    return read_layout(EXAMPLE, EXAMPLE.read_text(encoding="utf-8"), header_layouts())


def _table(raw, title: str) -> RawTable:
    found = [b for b in raw.blocks if isinstance(b, RawTable) and b.title == title]
    assert len(found) == 1, f"table {title!r} found {len(found)} times"
    return found[0]


def _row(table: RawTable, first: str) -> list:
    """The data row whose code (or, without a code, label) is ``first``."""
    for r in table.rows:
        if r and (r[0].text == first or (not r[0].text and len(r) > 1 and r[1].text == first)):
            return r
    raise AssertionError(f"row {first!r} not in {table.title}")


def _texts(row) -> list[str]:
    return [c.text for c in row]


# ------------------------------------------------------------ table list


def test_all_nine_tables_in_order(raw):
    titles = [b.title for b in raw.blocks if isinstance(b, RawTable)]
    assert titles[:9] == [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算明细表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款支出决算表",
        "财政拨款“三公”经费支出决算表",
    ]
    starts = [b.provenance.line for b in raw.blocks if isinstance(b, RawTable)][:9]
    assert starts == [102, 175, 246, 317, 416, 466, 547, 583, 600]
    t = _table(raw, "收入决算表")
    assert t.caption == ["公开 02 表", "部门名称：洛阳市西工区政务服务和大数据管理局 2023 年度 单位：万元"]
    assert t.notes == ["注：本表反映部门本年度取得的各项收入情况。本表金额转换为万元时，因四舍五入可能存在尾差。"]
    assert all(b.aligned for b in raw.blocks if isinstance(b, RawTable) and b.title.endswith("决算表"))


# ------------------------------------------------- 公开01 (two-sided)

SUMMARY_01 = [
    # line, left label, left amount, right label, right amount
    (114, "一、一般公共预算财政拨款收入", "349.76", "一、一般公共服务支出", "318.99"),
    (116, "二、政府性基金预算财政拨款收入", "100.00", "二、外交支出", "0"),
    (128, "八、其他收入", "0", "八、社会保障和就业支出", "13.21"),
    (130, "", "", "九、卫生健康支出", "7.78"),
    (149, "", "", "十九、住房保障支出", "9.79"),
    (157, "", "", "二十三、其他支出", "100.00"),
    (165, "本年收入合计", "449.76", "本年支出合计", "449.76"),
    (167, "使用非财政拨款结余和专用结余", "0", "结余分配", "0"),
    (172, "总计", "449.76", "总计", "449.76"),
]


@pytest.mark.parametrize("line,ll,la,rl,ra", SUMMARY_01)
def test_final_summary_two_sided_rows(raw, line, ll, la, rl, ra):
    t = _table(raw, "收入支出决算总表")
    row = [r for r in t.rows if r[0].provenance.line == line and r[2].text == rl]
    assert len(row) == 1
    assert _texts(row[0]) == [ll, la, rl, ra]
    assert all(c.provenance.line == line for c in row[0])


def test_final_summary_keeps_line_numbers_in_provenance(raw):
    t = _table(raw, "收入支出决算总表")
    row = next(r for r in t.rows if r[2].text == "九、卫生健康支出")
    assert row[0].provenance.note == "行次 9" and row[2].provenance.note == "行次 40"


# ------------------------------------------------- 公开02 收入决算表


def test_final_income_cells(raw):
    t = _table(raw, "收入决算表")
    assert _texts(t.rows[0]) == [
        "科目代码",
        "科目名称",
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    assert _texts(_row(t, "合计")) == ["", "合计", "449.76", "449.76", "0", "0", "0", "0", "0"]
    r = _row(t, "2010301")
    assert _texts(r)[:4] == ["2010301", "行政运行", "56.94", "56.94"] and r[2].provenance.line == 200
    assert _texts(_row(t, "2080505"))[:4] == ["2080505", "机关事业单位基本养老保险缴费支出", "11.90", "11.90"]


def test_final_income_wrapped_names(raw):
    t = _table(raw, "收入决算表")
    r = _row(t, "22904")
    assert r[1].text == "其他政府性基金及对应专项债务收入安排的支出"
    assert (r[1].provenance.line, r[1].provenance.end_line) == (233, 235)
    assert [c.text for c in r[2:4]] == ["100.00", "100.00"] and r[2].provenance.line == 237
    r = _row(t, "2290402")
    assert r[1].text == "其他地方自行试点项目收益专项债券收入安排的支出"
    assert r[0].provenance.line == 239 and r[2].text == "100.00" and r[2].provenance.line == 243


# ------------------------------------------------- 公开03 支出决算表


def test_final_expense_cells(raw):
    t = _table(raw, "支出决算表")
    assert _texts(t.rows[0])[2:] == [
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ]
    assert _texts(_row(t, "合计"))[2:] == ["449.76", "176.37", "273.39", "0", "0", "0"]
    r = _row(t, "2010301")
    assert _texts(r) == ["2010301", "行政运行", "56.94", "56.94", "0", "0", "0", "0"]
    assert r[2].provenance.line == 271
    assert _texts(_row(t, "2010350"))[2:5] == ["220.99", "88.65", "132.34"]
    r = _row(t, "22904")
    assert r[1].provenance.line == 304 and _texts(r)[2:5] == ["100.00", "0", "100.00"] and r[2].provenance.line == 308
    assert _texts(_row(t, "2290402"))[2:5] == ["100.00", "0", "100.00"]


# ------------------------------------------------- 公开04 (two-sided, 4 columns on the right)


def test_final_fiscal_summary_cells(raw):
    t = _table(raw, "财政拨款收入支出决算总表")
    assert _texts(t.rows[1]) == [
        "项目",
        "金额",
        "项目",
        "合计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ]
    assert t.rows[1][0].provenance.note.startswith("表头按版式模板")
    by_line = {r[0].provenance.line: _texts(r) for r in t.rows[2:]}
    assert by_line[350] == ["一、一般公共预算财政拨款", "349.76", "一、一般公共服务支出", "318.99", "318.99", "0", "0"]
    assert by_line[393] == ["", "", "二十三、其他支出", "100.00", "0", "100.00", "0"]
    assert by_line[401] == ["本年收入合计", "449.76", "本年支出合计", "449.76", "349.76", "100.00", "0"]
    assert by_line[405] == ["一般公共预算财政拨款", "0", "", "", "", "", ""]
    assert by_line[411] == ["总计", "449.76", "总计", "449.76", "349.76", "100.00", "0"]


# ------------------------------------------------- 公开05 / 06 / 07 / 08 / 09


def test_final_gpb_expense_cells(raw):
    t = _table(raw, "一般公共预算财政拨款支出决算表")
    assert _texts(t.rows[1])[2:] == ["小计", "基本支出", "项目支出"]
    assert _texts(_row(t, "合计"))[2:] == ["349.76", "176.37", "173.39"]
    assert _texts(_row(t, "2010302"))[2:] == ["36.06", "0", "36.06"]
    r = _row(t, "2210201")
    assert _texts(r) == ["2210201", "住房公积金", "9.79", "9.79", "0"] and r[0].provenance.line == 463


GPB_BASIC = [
    ("301", "工资福利支出", "171.07", 489),
    ("302", "商品和服务支出", "4.05", 489),
    ("30103", "奖金", "33.56", 495),
    ("30217", "公务接待费", "0", 521),
    ("31013", "公务用车购置", "0", 519),
    ("30231", "公务用车运行维护费", "0", 536),
    ("30299", "其他商品和服务支出", "0", 542),
    ("30302", "退休费", "1.25", 521),
]


@pytest.mark.parametrize("code,name,amount,line", GPB_BASIC)
def test_final_gpb_basic_items(raw, code, name, amount, line):
    t = _table(raw, "一般公共预算财政拨款基本支出决算明细表")
    r = _row(t, code)
    assert _texts(r) == [code, name, amount]
    assert r[2].provenance.line == line


def test_final_gpb_basic_totals(raw):
    t = _table(raw, "一般公共预算财政拨款基本支出决算明细表")
    assert _texts(_row(t, "人员经费合计")) == ["", "人员经费合计", "172.32"]
    assert _texts(_row(t, "公用经费合计")) == ["", "公用经费合计", "4.05"]


def test_final_gov_fund_cells(raw):
    t = _table(raw, "政府性基金预算财政拨款收入支出决算表")
    assert _texts(_row(t, "合计"))[2:] == ["0", "100.00", "100.00", "0", "100.00", "0"]
    r = _row(t, "22904")
    assert r[0].provenance.line == 570 and r[1].provenance.line == 571
    assert _texts(r)[2:] == ["0", "100.00", "100.00", "0", "100.00", "0"] and r[3].provenance.line == 574


def test_final_soe_capital_is_empty_with_its_note(raw):
    t = _table(raw, "国有资本经营预算财政拨款支出决算表")
    assert _texts(_row(t, "合计")) == ["", "合计", "", "", ""]
    assert t.notes[1].startswith("说明：本部门没有国有资本经营收入")


def test_final_three_public(raw):
    t = _table(raw, "财政拨款“三公”经费支出决算表")
    assert [c.text for c in t.rows[0] if not c.covered] == ["预算数", "决算数"]
    assert _texts(t.rows[2])[2:5] == ["小计", "公务用车购置费", "公务用车运行维护费"]
    data = t.rows[-1]
    assert _texts(data) == ["0"] * 12 and all(c.provenance.line == 644 for c in data)


# ------------------------------------------------- narrative


def _para(raw, start: str) -> RawParagraph:
    found = [b for b in raw.blocks if isinstance(b, RawParagraph) and b.text.startswith(start)]
    assert len(found) == 1, f"{len(found)} paragraphs start with {start!r}"
    return found[0]


def test_execution_claim_with_number_broken_across_lines(raw):
    p = _para(raw, "1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）")
    assert p.text == (
        "1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算数为 50.67 万元，"
        "决算数 56.94 万元,完成年初预算的 112.37%，决算数与年初预算数存在差异的主要原因是人员增加。"
    )
    at = p.text.index("56.94")
    assert p.provenance_at(at).line == 725  # the "5"
    assert p.provenance_at(at + 1).line == 727  # "6.94 万元,…"


def test_execution_claims_come_out_whole(raw):
    p = _para(raw, "2023年度一般公共预算财政拨款支出年初预算为")
    assert (
        p.text
        == "2023年度一般公共预算财政拨款支出年初预算为985.35万元，支出决算为 349.76 万元，完成年初预算的 35.50%。其中："
    )
    p = _para(raw, "6.社会保障和就业支出（类）")
    assert "年初预算数为 13.58 万元，决算数 11.90 万元,完成年初预算的 87.63%" in p.text
    p = _para(raw, "2023 年度政府性基金预算财政拨款支出年初预算数为")
    assert p.text.startswith(
        "2023 年度政府性基金预算财政拨款支出年初预算数为 1500.00 万元，支出决算为 100.00 万元，完成年初预算的 6.67%。"
    )
    assert p.provenance.line == 831


def test_paragraphs_across_broken_numbers_and_pages(raw):
    p = _para(raw, "2023 年度收入合计 449.76 万元")
    assert "财政拨款收入 449.76 万元，占 100.00%；上级补助收入 0.00 万元" in p.text
    assert (p.provenance.line, p.provenance.end_line) == (664, 672)
    p = _para(raw, "公用经费 4.05 万元")
    assert "公用经费支出减少 150.16 万元，下降 97.37%" in p.text
    # Item 2 continues over the page number "- 28 -" (line 735).
    p = _para(raw, "2.一般公共服务支出（类）")
    assert "相关机构事务（款）一般行政管理事务（项）。年初预算数为 557.96 万元" in p.text
    assert p.spans[-1][1].line == 741


def test_headings_are_their_own_paragraphs(raw):
    assert _para(raw, "五、一般公共预算财政拨款支出决算情况说明").text == "五、一般公共预算财政拨款支出决算情况说明"
    assert _para(raw, "（三）具体情况").text == "（三）具体情况"
    assert _para(raw, "六、一般公共预算财政拨款基本支出决算情况说明").provenance.end_line is None


def test_no_table_numbers_leak_into_paragraphs(raw):
    texts = [b.text for b in raw.blocks if isinstance(b, RawParagraph)]
    assert not any("栏次" in t or "449.76 176.37" in t or "87.01 是" in t for t in texts)


# ------------------------------------------------- recognised facts (pipeline)


def _recogniser_ready() -> str | None:
    try:
        from budgetlint.recognise.vocab import column_vocab
    except ImportError as exc:  # pragma: no cover - depends on the other stage
        return f"recogniser not importable: {exc}"
    if not column_vocab("final_expense").standard:
        return "recogniser does not load rules/vocab/final_columns.yaml yet (决算 column keys unknown)"
    return None


FACTS = [
    ("final_summary[in.gpb].amount", "349.76", 114),
    ("final_summary[in.grand_total].amount", "449.76", 172),
    ("final_summary[out.grand_total].amount", "449.76", 172),
    ("final_income[total].total", "449.76", 194),
    ("final_income[2010301].total", "56.94", 200),
    ("final_income[2290402].current.fiscal", "100.00", 243),
    ("final_expense[total].basic", "176.37", 265),
    ("final_expense[total].project", "273.39", 265),
    ("final_expense[2010301].total", "56.94", 271),
    ("final_expense[2010350].project", "132.34", 275),
    ("final_expense[22904].project", "100.00", 308),
    ("final_fiscal_summary[out.current_total].gpb", "349.76", 401),
    ("final_gpb_expense[total].total", "349.76", 428),
    ("final_gpb_expense[2010302].project", "36.06", 436),
    ("final_gpb_basic[301].amount", "171.07", 489),
    ("final_gpb_basic[30302].amount", "1.25", 521),
    ("final_gov_fund[total].total", "100.00", 566),
    ("final_gov_fund[total].carryover.start", "0", 566),  # the 0 before 100.00
    ("final_gov_fund[2290402].carryover.start", "0", 580),
    ("final_three_public[total].total", "0", 644),  # 公开09: 0 0 … 0
    ("final_three_public[total].budget.vehicle.operation", "0", 644),
    ("final_summary[in.carryover].amount", "0", 169),
    ("final_summary[out.carryover].amount", "0", 169),
    ("final_fiscal_summary[in.carryover].amount", "0", 403),
    ("final_fiscal_summary[out.carryover].total", "0", 403),
    ("final_fiscal_summary[in.grand_total].amount", "449.76", 411),
    ("final_fiscal_summary[out.grand_total].total", "449.76", 411),
]


@pytest.fixture(scope="module")
def facts():
    reason = _recogniser_ready()
    if reason:
        pytest.skip(reason)
    from budgetlint import facts as facts_mod
    from budgetlint.pipeline import load_document

    return {f.address: f for f in facts_mod.flatten(load_document(EXAMPLE))}


@pytest.mark.parametrize("address,value,line", FACTS)
def test_recognised_facts(facts, address, value, line):
    assert address in facts, f"{address} missing"
    f = facts[address]
    assert f.value == Decimal(value)
    assert f.provenance.line == line


def test_zeros_of_an_all_zero_table_keep_the_table_precision(facts):
    # 公开09 prints "0" in a 0.00 万元 table: exactly zero, not 0 ± 0.5
    assert facts["final_three_public[total].total"].decimals == 2


def test_label_less_zero_row_is_not_an_orphan(raw):
    assert not [w for w in raw.warnings if w.code == "orphan-values"]
