"""``budgetlint rules --test PACK``: a pack's examples, both forms, pass or fail as declared."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from budgetlint.cli import main
from budgetlint.engine.rules import Example, load_pack
from budgetlint.pack_test import check_pack, example_problems

# 老城区 2024 部门支出预算表 as the text export prints it (examples/2024-laocheng-zwfw-budget.txt)
TABLE = (
    "2024 年部门支出预算表\n\n部门名称：洛阳市老城区政务服务和大数据管理局\n\n单位：万元\n\n"
    "科目编码\t\t\t单位代 码\t单位（科目名称）\t合计\t基本支出\t\t\t\t项目支出\t\t\n"
    "\t\t\t\t\t\t小计\t人员经费\t\t公用经费\t\t小计\t其他运转类\t特定目标类\n"
    "类\t款\t项\t工资福利 支出\t对个人和 家庭的补 助\t商品和服 务支出\t\t资本性支出\t\t\t\t\t\t\n"
    "\t\t\t\t合计\t2301.43\t1743.43\t1721.29\t9.46\t12.68\t\t{project}\t558.00\t\n"
    "201\t03\t01\t\t行政运行\t1682.25\t1682.25\t1669.90\t\t12.35\t\t\t\t\n"
)

PACK = """\
- id: ZZ101
  title: 支出表合计行：合计 = 基本支出 + 项目支出
  severity: error
  check: expense[total].total == expense[total].basic + expense[total].project
  message: 合计 {actual} 不等于 {expected}
  rationale: 测试
  examples:
    - name: 印出的表
      expect: pass
      text: |
%s
    - name: 事实地址
      expect: fail
      facts: {"expense[total].total": "3.00", "expense[total].basic": "1.00", "expense[total].project": "1.00"}
"""


def _indent(text: str) -> str:
    return "\n".join("        " + line if line else "" for line in text.splitlines())


def _pack(tmp_path: Path, project: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK % _indent(TABLE.format(project=project)), encoding="utf-8")
    return path


def test_a_text_example_goes_through_the_reader_and_the_recogniser(tmp_path):
    (rule,) = load_pack(_pack(tmp_path, "558.00"))
    assert example_problems(rule, rule.examples[0]) == []
    # the printed 合计 row's 项目支出 changed: the same rule now fails on the recognised table
    wrong = Example(expect="pass", text=TABLE.format(project="568.00"))
    assert example_problems(rule, wrong) != []


def test_rules_test_reports_each_example_and_exits_1_on_a_failure(tmp_path):
    good = CliRunner().invoke(main, ["rules", "--test", str(_pack(tmp_path, "558.00"))])
    assert good.exit_code == 0, good.output
    assert "2 个示例，2 个符合预期，0 个不符" in good.output
    bad = CliRunner().invoke(main, ["rules", "--test", str(_pack(tmp_path, "568.00"))])
    assert bad.exit_code == 1
    assert "失败  ZZ101 示例 1" in bad.output and "通过  ZZ101 示例 2" in bad.output


def test_every_builtin_pack_passes_its_own_examples():
    results = check_pack(Path(__file__).resolve().parents[1] / "rules" / "tables.yaml")
    assert any(r.rule_id == "BL101" for r in results)
    assert [r for r in results if not r.passed] == []


def test_a_failing_example_whose_message_keeps_a_placeholder_is_a_problem(tmp_path):
    # {computed} is set by no function this check calls: the finding would print "{computed}"
    path = tmp_path / "pack.yaml"
    path.write_text(
        PACK.replace("{expected}", "{computed}") % _indent(TABLE.format(project="558.00")), encoding="utf-8"
    )
    (rule,) = load_pack(path)
    (problem,) = example_problems(rule, rule.examples[1])
    assert "未填的占位符 ['computed']" in problem
    (rule,) = load_pack(_pack(tmp_path, "558.00"))
    assert example_problems(rule, rule.examples[1]) == []
