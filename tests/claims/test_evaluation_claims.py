"""The 绩效 section against the 绩效自评表 (claims/evaluation.py, rules BL570–BL572).

Sentences are quoted from 西安市卫生健康委员会 2022 决算 (pp.23–24, 32–53, 142), 国家信访局 2024 决算
(pp.26–29), 佛山市轨道交通局 2019 决算 (pp.28–29) and 西工区 2023 决算; the figures of the forms were
read by hand off the printed forms.
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.claims.evaluation import bind_evaluation
from budgetlint.claims.extract import (
    extract_paragraph,
    join_broken,
    paragraph_from_text,
)
from budgetlint.engine import check_document, load_rules
from budgetlint.model import EvaluationForm, Provenance
from tests.recognise.helpers import city_doc


def _claims(text: str, kind: str | None = None):
    found = extract_paragraph(paragraph_from_text(text))
    return [c for c in found if c.kind.startswith("evaluation_") and (kind is None or c.kind == kind)]


def _form(name: str, scope: str = "project", **figures: str) -> EvaluationForm:
    return EvaluationForm(
        scope=scope,
        name=name,
        provenance=Provenance(path="x.pdf", page=1),
        figures={k: Decimal(v) for k, v in figures.items()},
        decimals={k: len(v.split(".")[1]) if "." in v else 0 for k, v in figures.items()},
    )


def test_reflected_count_and_its_funds_xian():
    found = _claims(
        "本部门在部门决算中反映机场入境人员核酸检测费用等82个一级项目的绩效自评结果，涉及预算资金597650.29万元，"
        "占部门预算项目支出总额的65.9%。"
    )
    assert [(c.kind, c.stated.value) for c in found] == [
        ("evaluation_count", Decimal(82)),
        ("evaluation_amount", Decimal("597650.29")),
    ]
    assert found[1].count.value == Decimal(82)


def test_reflected_count_central_names_the_projects():
    (count,) = _claims(
        "国家信访局在 2024 年度中央部门决算中反映了 “信访研究宣传立法专项”、“资产运行维护”、“信息化运行维护”和"
        "“信访干部培训专项”4 个项目绩效自评结果。"
    )
    assert count.stated.value == Decimal(4)


def test_counts_of_every_evaluated_project_are_not_read():
    # 佛山 2019, 中央 2024: all the projects evaluated, most of them not printed
    assert (
        _claims(
            "2019 年度我部门组织对 7 个一般公共预算项目支出开展绩效自评，其中一级项目 6 个，二级项目 1 个，"
            "共涉及资金 940.15 万元，占一般公共预算项目支出总额的 100%。"
        )
        == []
    )
    assert (
        _claims(
            "国家信访局组织对 2024 年度一般公共预算项目支出全面开展绩效自评，其中，一级项目 7 个、二级项目 16 个，"
            "共涉及资金 5105.75 万元，占一般公共预算项目支出总额的 100%。"
        )
        == []
    )


def test_item_of_a_central_review_split_over_two_paragraphs():
    # 国家信访局 2024 p.28: the numbered line breaks after "根据年初设定的绩效"
    paragraphs = join_broken(
        [
            paragraph_from_text("3.信息化运行维护项目绩效自评综述：根据年初设定的绩效"),
            paragraph_from_text(
                "目标，项目自评得分为 88.5 分。全年预算数为 1639.34 万元，执行数为 1032.99 万元，完成预算的 63.0%。"
            ),
        ]
    )
    assert len(paragraphs) == 1
    found = [c for c in extract_paragraph(paragraphs[0]) if c.kind.startswith("evaluation_")]
    assert [(c.kind, (c.measure or None), c.stated.value) for c in found] == [
        ("evaluation_amount", "budget", Decimal("1639.34")),
        ("evaluation_amount", "actual", Decimal("1032.99")),
        ("evaluation_score", None, Decimal("88.5")),
    ]
    assert {c.name for c in found} == {"信息化运行维护"}


def test_department_score_xian_and_xigong():
    found = _claims(
        "根据年度设定的绩效目标，部门整体支出自评得分99.5，全年预算数2,495,142.55万元，执行数2074962.01万元，完成预算的83.16%。"
    )
    assert [(c.kind, (c.measure or None), c.stated.value) for c in found] == [
        ("evaluation_amount", "budget", Decimal("2495142.55")),
        ("evaluation_amount", "actual", Decimal("2074962.01")),
        ("evaluation_score", None, Decimal("99.5")),
    ]
    (score,) = _claims("本部门整体绩效自评得分 90.01 分，评价等级为优。")
    assert (score.form_set, score.stated.value) == ("dept", Decimal("90.01"))


def test_count_binds_only_when_no_fewer_forms_are_printed():
    (count, _) = _claims(
        "本部门在部门决算中反映机场入境人员核酸检测费用等2个一级项目的绩效自评结果，涉及预算资金689.19万元。"
    )
    binding = bind_evaluation(count, [_form("甲项目"), _form("乙项目"), _form("丙项目"), _form("专项资金", "fund")])
    assert binding.fact.mid == Decimal(3)
    binding = bind_evaluation(count, [_form("甲项目")])
    assert not binding.bound_to and "少于所述个数" in binding.unbound_reason


def test_funds_of_a_set_bind_only_to_the_same_set():
    (_, funds) = _claims(
        "本部门在部门决算中反映机场入境人员核酸检测费用等2个一级项目的绩效自评结果，涉及预算资金689.19万元。"
    )
    binding = bind_evaluation(
        funds, [_form("甲项目", budget="229.19", start_budget="240"), _form("乙项目", budget="460")]
    )
    assert binding.fact.mid == Decimal("689.19")
    binding = bind_evaluation(
        funds, [_form("甲项目", budget="229.19"), _form("乙项目", budget="460"), _form("丙项目", budget="1")]
    )
    assert not binding.bound_to and "不是同一范围" in binding.unbound_reason


def test_a_form_by_the_end_of_the_name_the_text_gives():
    (budget, actual) = _claims(
        "1.西安市卫生健康委员会本级（机关）2022年病媒生物防制项目绩效自评综述：全年预算数229.19万元，"
        "执行数229.19万元，完成预算的100%。"
    )
    forms = [
        _form("2022年行政单位离休人员和保健对象医疗费", budget="1991"),
        _form("2022年病媒生物防制", start_budget="240", budget="229.19", actual="229.19"),
    ]
    assert bind_evaluation(budget, forms).bound_to == ("self_evaluation[form1].budget",)
    assert bind_evaluation(actual, forms).fact.mid == Decimal("229.19")


# ------------------------------------------------------------------ the corpus


def _findings(name: str) -> list[tuple[str, list[int | None]]]:
    doc = city_doc(name)
    rules = [r for r in load_rules() if r.id in ("BL570", "BL571", "BL572")]
    report = check_document(doc, rules)
    return sorted((f.rule_id, sorted({loc.page for loc in f.locations})) for f in report.findings)


def test_xian_2022_weijianwei():
    # p.23 "82个一级项目" against 87 forms (pp.55–141; p.32 says 87); p.142 "涉及预算金额51552.9万元" against
    # the 专项资金 form's 全年预算数 52110 (p.143; 51,552.90 is its 执行数); item 35 (p.41) 执行数 3215.02 against
    # 2,174.20 (p.89); item 84 (p.53) 512 / 512 against the 医用光学仪器 form's 7614.74 / 7614.74 (p.138).
    assert _findings("xian_2022_weijianwei_js.pdf") == [
        ("BL570", [23, 55]),
        ("BL571", [41, 89]),
        ("BL571", [53, 138]),
        ("BL571", [53, 138]),
        ("BL571", [142, 143]),
    ]


def test_central_2024_xinfangju():
    # p.28 "项目自评得分为 88.5 分" against the 信息化运行维护 form's 总分 90.5 (p.36)
    assert _findings("central_2024_guojiaxinfangju_js.pdf") == [("BL572", [28, 36])]
