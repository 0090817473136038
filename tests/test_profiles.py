"""Profiles (rules/profiles/*.yaml): loading, choosing with a reason, forcing from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import main
from budgetlint.corpus import CORPUS_DIR as CORPUS
from budgetlint.model import DocKind, Document, Paragraph, Provenance, Table
from budgetlint.pipeline import load_document
from budgetlint.profiles import (
    choose_profile,
    get_profile,
    load_profiles,
    profile_names,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_P = Provenance(path="x")


def _doc(
    kind: str | None,
    titles: list[str] = (),
    captions: list[str] = (),
    department: str | None = None,
    title: str = "",
    opening: str = "",
    kinds: list[str] = (),
) -> Document:
    tables = [
        Table(
            id=f"t{i}",
            title=t,
            caption=list(captions) if i == 1 else [],
            provenance=_P,
            kind=(list(kinds)[i - 1] if i <= len(kinds) else None),
        )
        for i, t in enumerate(titles, start=1)
    ]
    paragraphs = [Paragraph(text=opening, provenance=_P)] if opening else []
    return Document(
        path="x",
        kind=DocKind(kind) if kind else None,
        department=department,
        title=title,
        tables=tables,
        paragraphs=paragraphs,
    )


def test_every_profile_loads_with_title_kind_and_tables():
    profiles = load_profiles()
    assert [p.name for p in profiles] == ["beijing", "final", "henan", "jiangsu", "national", "shanghai"]
    for p in profiles:
        assert p.title and p.doc_kind in ("budget", "final") and p.tables
    assert len(get_profile("henan").tables) == 14
    assert len(get_profile("final").tables) == 9
    # one default per document kind
    assert sorted((p.doc_kind, p.name) for p in profiles if p.default) == [("budget", "national"), ("final", "final")]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("2023-luolong-zfb-budget.txt", "henan"),
        ("2024-laocheng-zwfw-budget.txt", "henan"),
        ("2024-yanjin-zwfw-budget.txt", "henan"),
        ("2025-luolong-zwfw-budget.txt", "henan"),
        ("2023-xigong-zwfw-final.txt", "final"),
    ],
)
def test_examples_choose_their_profile(name: str, expected: str):
    doc = load_document(EXAMPLES / name)
    assert doc.profile == expected
    assert doc.profile_reason


def test_reason_names_the_evidence():
    doc = load_document(EXAMPLES / "2025-luolong-zwfw-budget.txt")
    # 部门名称 printed in the captions of that file: 洛龙区政务服务中心; it has the 机构运转经费 table
    assert "洛龙" in doc.profile_reason and "机构运转经费" in doc.profile_reason
    assert "部门预算" in doc.profile_reason


def test_shanghai_by_region_and_table_names():
    doc = _doc(
        "budget",
        title="上海市普陀区2025年区级部门预算",
        titles=["2025年部门财务收支预算总表", "2025年部门“三公”经费和机关运行经费预算表"],
    )
    name, reason = choose_profile(doc)
    assert name == "shanghai"
    assert "上海" in reason and "财务收支预算总表" in reason


def test_jiangsu_by_table_numbers_without_region_word():
    doc = _doc("budget", titles=["收支预算总表", "财政拨款收支预算总表"], captions=["公开01表"])
    assert choose_profile(doc)[0] == "jiangsu"


def test_beijing_split_tables_file():
    doc = _doc(
        "budget",
        title="北京市财政局2026年度部门预算信息公开",
        titles=["预算01表 收支总表", "预算11表 财政拨款政府购买服务明细表"],
    )
    name, reason = choose_profile(doc)
    assert name == "beijing" and "北京" in reason


def test_one_shared_table_name_is_not_a_region():
    """A 重庆 budget printing 整体绩效目标表 and 项目绩效目标表 is not a 河南 one."""
    doc = _doc("budget", title="重庆市水利局2026年部门预算", titles=["部门整体绩效目标表", "项目绩效目标表"])
    name, reason = choose_profile(doc)
    assert name == "national"
    assert "默认" in reason


def test_region_word_only_in_narrative_is_not_enough():
    doc = _doc("budget", opening="赴上海学习交流，差旅费 2.00 万元。", titles=["一般公共预算支出表"])
    assert choose_profile(doc)[0] == "national"


def test_final_accounts_choose_final_even_in_henan():
    doc = _doc("final", department="洛阳市西工区某局", titles=["收入支出决算总表"], captions=["公开01表"])
    name, reason = choose_profile(doc)
    assert name == "final" and "部门决算" in reason


def test_no_kind_and_no_evidence_gives_no_profile():
    name, reason = choose_profile(_doc(None, titles=["某某表"]))
    assert name is None and reason


def test_expected_table_coverage_in_reason():
    doc = _doc("final", titles=["收入支出决算总表", "收入决算表"], kinds=["final_summary", "final_income"])
    assert "预期表格 9 张，已识别 2 张" in choose_profile(doc)[1]


def test_forced_profile_wins():
    doc = load_document(EXAMPLES / "2024-yanjin-zwfw-budget.txt", profile="national")
    assert doc.profile == "national"
    assert "--profile" in doc.profile_reason


def test_unknown_profile_is_a_usage_error_listing_names():
    result = CliRunner().invoke(main, ["parse", "--profile", "nosuch", str(EXAMPLES / "2024-yanjin-zwfw-budget.txt")])
    assert result.exit_code == 2
    for name in profile_names():
        assert name in result.output
    result = CliRunner().invoke(main, ["check", "--profile", "nosuch", str(EXAMPLES)])
    assert result.exit_code == 2 and "henan" in result.output


def test_parse_text_shows_profile_and_reason():
    result = CliRunner().invoke(main, ["parse", str(EXAMPLES / "2024-yanjin-zwfw-budget.txt")])
    assert result.exit_code == 0
    line = next(l for l in result.output.splitlines() if l.startswith("配置："))
    assert "henan" in line and "延津" in line


def test_bl420_runs_for_henan_and_not_for_a_forced_other_profile():
    """BL420 (机构运转经费 = 公用经费) is a Henan rule: forcing national makes it not applicable."""
    path = str(EXAMPLES / "2025-luolong-zwfw-budget.txt")

    def bl420_status(*extra: str) -> str:
        out = CliRunner().invoke(main, ["check", path, "--format", "json", "--fail-on", "never", "--verbose", *extra])
        report = json.loads(out.output)["documents"][0]
        skipped = {n["rule_id"] for n in report.get("not_evaluated", [])}
        return "skipped" if "BL420" in skipped else "ran"

    assert bl420_status() == "ran"
    assert bl420_status("--profile", "national") == "skipped"


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not present")
@pytest.mark.parametrize(
    "files,expected",
    [
        (
            [
                "city_crawl_renwu/beijing_2026_caizhengju_ys_text.pdf",
                "city_crawl_renwu/beijing_2026_caizhengju_ys_tables.pdf",
            ],
            "beijing",
        ),
        (["shanghai_putuo/shanghai_putuo_2025_caizhengju_ys_dept.pdf"], "shanghai"),
        (["city_crawl_renwu/central_2026_guojiaxinfangju_ys.pdf"], "national"),
        (["city_crawl_renwu/central_2024_guojiaxinfangju_js.pdf"], "final"),
    ],
)
def test_corpus_profiles(files: list[str], expected: str):
    doc = load_document([CORPUS / f for f in files])
    assert doc.profile == expected, doc.profile_reason
