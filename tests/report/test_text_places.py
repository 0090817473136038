"""What the text report shows a clerk of a failing sum: the printed figures, the printed cells.

The summary below is examples/2024-laocheng-zwfw-budget.txt's 部门收支预算表 printed in 元
(2301.43 万元 = 23014300.00 元 …) with 一般公共服务 misprinted 22412500.00 (the page: 22402500.00):
its 本年支出合计 23014300.00 is 10000.00 元 short of the lines, 22412500.00 + 284300.00 + 166400.00
+ 161100.00 = 23024300.00. The sum runs over 30 printed 类 lines, 26 of them blank.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from budgetlint.cli import main

BLANK_LINES = [
    "二、外交", "三、国防", "四、公共安全", "五、教育", "六、科学技术", "七、文化旅游体育与传媒",
    "九、社会保险基金支出", "十一、节能环保", "十二、城乡社区事务", "十三、农林水事务", "十四、交通运输",
    "十五、资源勘探信息等", "十六、商业服务业等", "十七、金融支出", "十九、援助其他地区支出",
    "二十、自然资源海洋气象等支出", "二十二、粮油物资储备支出", "二十三、国有资本经营预算",
    "二十四、灾害防治及应急管理", "二十七、预备费", "二十九、其他支出", "三十、转移性支出",
    "三十一、债务还本支出", "三十二、债务付息支出", "三十三、债务发行费用支出", "三十四、抗疫特别国债安排的支出",
]  # fmt: skip
PRINTED = {1: "一、一般公共服务\t22412500.00", 8: "八、社会保障和就业\t284300.00", 10: "十、卫生健康\t166400.00"}


def _summary() -> str:
    income = ["一、一般公共预算\t23014300.00", "其中：财政拨款\t23014300.00"] + [""] * 40
    expense = [PRINTED[1], *BLANK_LINES[:6], PRINTED[8], BLANK_LINES[6], PRINTED[10], *BLANK_LINES[7:17]]
    expense += ["二十一、住房保障支出\t161100.00", *BLANK_LINES[17:]]
    lines = [f"{income[i] or chr(9)}\t{e}" for i, e in enumerate(expense)]
    return (
        "2024年部门预算\n\n2024 年部门收支预算表\n\n部门名称：洛阳市老城区政务服务和大数据管理局\n\n单位：元\n\n"
        "收入\t\t支出\t\n项目\t金额\t项目\t金额\n"
        + "\n".join(lines)
        + "\n本年收入合计\t23014300.00\t本年支出合计\t23014300.00\n"
        + "上年结转结余\t\t年终结转结余\t0.00\n收入总计\t23014300.00\t支出总计\t23014300.00\n"
    )


def _check(tmp_path, *args: str) -> str:
    path = tmp_path / "summary.txt"
    path.write_text(_summary(), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--fail-on", "never", *args], catch_exceptions=False)
    return result.output


def _bl204(text: str) -> str:
    block = text.split("BL204", 1)[1]
    return block.split("\n  ", 1)[0] if "\n  错误" in block or "\n  警告" in block else block


def test_a_yuan_summary_is_reported_in_its_printed_figures(tmp_path):
    block = _bl204(_check(tmp_path))
    assert "本年支出合计 23014300.00，但各类支出之和 = 23024300.00，相差 -10000.00 元" in block
    assert "[" not in block.split("\n", 2)[1]  # the rounding interval only with --verbose


def test_the_printed_lines_are_listed_and_the_blank_ones_counted(tmp_path):
    block = _bl204(_check(tmp_path))
    for line in (PRINTED[1], PRINTED[8], PRINTED[10], "二十一、住房保障支出\t161100.00"):
        assert line.replace("\t", "：") in block
    assert "（空）" not in block
    assert f"另有 {len(BLANK_LINES)} 个空白单元格参与计算" in block


def test_verbose_lists_every_cell_and_the_intervals(tmp_path):
    block = _bl204(_check(tmp_path, "--verbose"))
    assert block.count("（空）") == len(BLANK_LINES)
    assert "23014300.00 [23014299.995, 23014300.005]" in block


def test_the_json_report_keeps_every_place(tmp_path):
    report = json.loads(_check(tmp_path, "--format", "json"))
    (f,) = [f for f in report["documents"][0]["findings"] if f["rule_id"] == "BL204"]
    assert sum(loc["excerpt"].endswith("（空）") for loc in f["locations"]) == len(BLANK_LINES)
    assert (f["unit"], f["difference_value"]) == ("元", -10000)
