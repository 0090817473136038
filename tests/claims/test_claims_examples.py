"""Narrative and plausibility rules on the five real documents in examples/.

Expected findings were established by reading the documents by hand:
- 2024 老城区 budget: 1500 元 booked as 1500 万元 inside 30103 奖金 (基本支出表
  line 318: 奖金 1513.40 beside 基本工资 61.15); lines 69/81 admit it, line 103
  admits 交通补贴误计入“三公”经费 and that 运行维护费 实际为 1.50 万元.
- 2023 西工区 final accounts: line 1235–1237 "全年预算资金总额 2485.35 万元 …
  实际执行数为 449.76 万元，预算执行率为 18.01%" (449.76 / 2485.35 = 18.10%);
  line 753 招商引资 年初预算 0.00、决算 5.00、"完成年初预算的 0.00%"; line 901
  机关运行经费 年初预算 0.00、决算 1.03、"0.00%"; line 981 "自评项目 17 个 …
  9 个优，6 个良，0 个中" (15 ≠ 17).
- The three other budgets: every narrative figure agrees with its table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint.claims import bound_share
from budgetlint.claims.render import bound_claims
from budgetlint.engine import check_document, load_rules
from budgetlint.pipeline import load_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NARRATIVE = load_rules(select=["BL5", "BL6"])


@pytest.fixture(scope="module")
def docs():
    return {p.name: load_document(p) for p in sorted(EXAMPLES.glob("*.txt"))}


def findings(doc):
    return check_document(doc, NARRATIVE).findings


@pytest.mark.parametrize(
    "name",
    [
        "2023-luolong-zfb-budget.txt",
        "2023-xigong-zwfw-final.txt",
        "2024-laocheng-zwfw-budget.txt",
        "2024-yanjin-zwfw-budget.txt",
        "2025-luolong-zwfw-budget.txt",
    ],
)
def test_bound_share_at_least_90_percent(docs, name):
    bound, total = bound_share(bound_claims(docs[name]))
    assert total >= 25 and bound / total >= 0.9, (bound, total)


@pytest.mark.parametrize(
    "name", ["2023-luolong-zfb-budget.txt", "2024-yanjin-zwfw-budget.txt", "2025-luolong-zwfw-budget.txt"]
)
def test_consistent_documents_have_no_findings(docs, name):
    assert findings(docs[name]) == []


def test_laocheng_unit_slip_found_without_the_admission(docs):
    doc = docs["2024-laocheng-zwfw-budget.txt"].model_copy(deep=True)
    doc.paragraphs = [
        p for p in doc.paragraphs if not any(w in p.text for w in ("统计成", "系统统计", "误计", "实际为"))
    ]
    got = findings(doc)
    assert not [f for f in got if f.rule_id == "BL550"]
    bonus = [f for f in got if f.rule_id in ("BL601", "BL603")]
    assert {f.rule_id for f in bonus} == {"BL601", "BL603"}
    for f in bonus:
        assert "30103 奖金" in f.message and "“元”" in f.message and "“万元”" in f.message
        assert any(loc.address and loc.address.startswith("gpb_basic[30103]") for loc in f.locations)


def test_laocheng_findings(docs):
    got = findings(docs["2024-laocheng-zwfw-budget.txt"])
    by_rule = {}
    for f in got:
        by_rule.setdefault(f.rule_id, []).append(f)
    # admissions: lines 69 and 81 (1500 元系统统计成 1500 万元), line 103 (误计入, 实际为)
    assert sorted(loc.line for f in by_rule["BL550"] for loc in f.locations) == [69, 81, 103, 103]
    assert any("1500 元" in f.message for f in by_rule["BL550"])
    # plausibility: bonus ratio, wage bill vs pension, single code share, growth 582.65% (lines 69 and 81)
    assert len(by_rule["BL601"]) == len(by_rule["BL602"]) == len(by_rule["BL603"]) == 1
    assert sorted(loc.line for f in by_rule["BL604"] for loc in f.locations if loc.address is None) == [69, 81]
    assert set(by_rule) == {"BL550", "BL601", "BL602", "BL603", "BL604"}  # no narrative error: text = tables


def test_xigong_findings(docs):
    got = findings(docs["2023-xigong-zwfw-final.txt"])
    summary = sorted((f.rule_id, [loc.line for loc in f.locations if loc.address is None][0]) for f in got)
    # BL513 (info): 0 ÷ 0 printed as "完成全年预算的 0.00%" for the 三公 total (line 851),
    # 因公出国 (868), 公务用车 (874) and 公务接待 (886), read off the example by hand.
    # BL514: "年末结转和结余资金数额较大" (line 835) and "结转结余率较高…超过 15%" (line 1258)
    # while the 收入支出决算总表 prints 年末结转和结余 0 (line 169).
    assert summary == [
        ("BL510", 1235),
        ("BL511", 753),
        ("BL511", 901),
        ("BL513", 851),
        ("BL513", 868),
        ("BL513", 874),
        ("BL513", 886),
        ("BL514", 835),
        ("BL514", 1258),
        ("BL521", 981),
    ]
    (rate,) = [f for f in got if f.rule_id == "BL510"]
    assert "18.01" in rate.message and "18.10" in rate.message


def test_parse_format_claims(tmp_path):
    from click.testing import CliRunner

    from budgetlint.cli import main

    result = CliRunner().invoke(main, ["parse", "--format", "claims", str(EXAMPLES / "2024-laocheng-zwfw-budget.txt")])
    assert result.exit_code == 0, result.output
    out = result.output
    # 第 127 行 "共 4 个项目" against the four rows of the 项目支出表 (lines 427–430)
    assert "L127   计数   项目个数  count=4个\n        → projects[p*] = 4" in out
    # 第 77 行 基本支出 1743.43 万元 restates the 支出表 合计行 基本支出 (line 235)
    assert "→ expense[total].basic = 1743.43" in out
    # the admitted 1500 元 / 1500 万元 is listed, not bound, with its reason
    assert "“1500 元” — 自述数据错误的句子中的数字，不与表格核对" in out
    assert "复述表格数字的金额与占比陈述" in out and "已绑定" in out


def test_total_stated_as_zero_shows_the_printed_table_figure(tmp_path):
    """Issue 9.3: "收、支总计均为 0 万元" against 收入支出决算总表 总计 449.76 (line 172).

    The text's "0" stands for ±0.5 万元, so the comparison allows for a cut
    figure; the report must still say the text should read 449.76, not the
    middle of that allowance.
    """
    text = (EXAMPLES / "2023-xigong-zwfw-final.txt").read_text(encoding="utf-8")
    planted = text.replace("2023 年度收、支总计均为 449.76 万元", "2023 年度收、支总计均为 0 万元", 1)
    assert planted != text
    path = tmp_path / "2023-xigong-zwfw-final.txt"
    path.write_text(planted, encoding="utf-8")
    got = [f for f in findings(load_document(path)) if f.rule_id == "BL501"]
    assert len(got) == 1
    assert got[0].expected == "449.76" and got[0].difference == "-449.76"
