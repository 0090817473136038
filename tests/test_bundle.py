"""Grouping the files of one document (narrative + tables published separately)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.bundle import NARRATIVE, TABLES, group_files, name_key
from budgetlint.cli import main
from budgetlint.corpus import CORPUS_DIR as CORPUS
from budgetlint.pipeline import discover

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Every file name of the corpus MANIFEST (as plain paths; nothing is opened). The split
# pairs below are the ones the MANIFEST notes as "narrative-only … tables published as
# separate file" / "tables-only attachment" / 北京 "附件1 情况说明 only" + "附件2 部门预算报表 only".
CORPUS_NAMES = [
    "jiangsu_open_budget/jiangsu_2017_renda_ys_full.pdf",
    "jiangsu_open_budget/jiangsu_2019_renda_ys_text.pdf",
    "jiangsu_open_budget/jiangsu_2019_renda_ys_tables.pdf",
    "jiangsu_open_budget/jiangsu_2018_renda_ys_full.pdf",
    "jiangsu_open_budget/jiangsu_2017_jianchayuan_ys_full.pdf",
    "jiangsu_open_budget/jiangsu_2017_shengweiban_ys_text.pdf",
    "jiangsu_open_budget/jiangsu_2017_shengweiban_ys_tables.pdf",
    "jiangsu_open_budget/jiangsu_2018_shengweiban_ys_text.pdf",
    "jiangsu_open_budget/jiangsu_2018_shengweiban_ys_tables.pdf",
    "jiangsu_open_budget/jiangsu_2019_shengweiban_ys_text.pdf",
    "jiangsu_open_budget/jiangsu_2019_shengweiban_ys_tables.pdf",
    "jiangsu_open_budget/jiangsu_2017_zhengxie_ys_tables.pdf",
    "jiangsu_open_budget/jiangsu_2017_zhengxie_ys_text.pdf",
    "jiangsu_open_budget/jiangsu_2018_zhengxie_ys_text.pdf",
    "jiangsu_open_budget/jiangsu_2018_zhengxie_ys_tables.pdf",
    "jiangsu_open_budget/jiangsu_2019_zhengxie_ys_text.pdf",
    "jiangsu_open_budget/jiangsu_2019_zhengxie_ys_tables.pdf",
    "jiangsu_open_budget/jiangsu_2019_gaoyuan_ys_full.pdf",
    "shanghai_putuo/shanghai_putuo_2025_quzhengfuban_ys_dept.pdf",
    "shanghai_putuo/shanghai_putuo_2025_quzhengfuban_ys_unit.pdf",
    "shanghai_putuo/shanghai_putuo_2026_sifaju_ys_dept.pdf",
    "shanghai_putuo/shanghai_putuo_2026_sifaju_ys_unit.pdf",
    "city_crawl_renwu/beijing_2026_shenjiju_ys_text.pdf",
    "city_crawl_renwu/beijing_2026_shenjiju_ys_tables.pdf",
    "city_crawl_renwu/beijing_2026_caizhengju_ys_text.pdf",
    "city_crawl_renwu/beijing_2026_caizhengju_ys_tables.pdf",
    "city_crawl_renwu/central_2026_guojiaxinfangju_ys.pdf",
    "city_crawl_renwu/central_2024_guojiaxinfangju_js.pdf",
    "city_crawl_renwu/xian_2019_anjianju_ys_tables.pdf",
    "city_crawl_renwu/suzhou_2026_shuiwuju_ys_unit.pdf",
]
EXPECTED_PAIRS = {
    ("jiangsu_2019_renda_ys_text.pdf", "jiangsu_2019_renda_ys_tables.pdf"),
    ("jiangsu_2017_shengweiban_ys_text.pdf", "jiangsu_2017_shengweiban_ys_tables.pdf"),
    ("jiangsu_2018_shengweiban_ys_text.pdf", "jiangsu_2018_shengweiban_ys_tables.pdf"),
    ("jiangsu_2019_shengweiban_ys_text.pdf", "jiangsu_2019_shengweiban_ys_tables.pdf"),
    ("jiangsu_2017_zhengxie_ys_text.pdf", "jiangsu_2017_zhengxie_ys_tables.pdf"),
    ("jiangsu_2018_zhengxie_ys_text.pdf", "jiangsu_2018_zhengxie_ys_tables.pdf"),
    ("jiangsu_2019_zhengxie_ys_text.pdf", "jiangsu_2019_zhengxie_ys_tables.pdf"),
    ("beijing_2026_shenjiju_ys_text.pdf", "beijing_2026_shenjiju_ys_tables.pdf"),
    ("beijing_2026_caizhengju_ys_text.pdf", "beijing_2026_caizhengju_ys_tables.pdf"),
}


def _names(groups: list[list[Path]]) -> list[tuple[str, ...]]:
    return [tuple(p.name for p in g) for g in groups]


def test_corpus_names_pair_narrative_with_tables_only():
    files = [Path(n) for n in CORPUS_NAMES]
    groups = group_files(files)
    pairs = {g for g in _names(groups) if len(g) > 1}
    assert pairs == EXPECTED_PAIRS
    # every file appears exactly once; the rest stay alone
    flat = [p for g in groups for p in g]
    assert sorted(flat) == sorted(files)
    assert len(groups) == len(files) - len(EXPECTED_PAIRS)


def test_dept_and_unit_budgets_of_one_body_are_two_documents():
    files = [
        Path("shanghai_putuo/shanghai_putuo_2025_quzhengfuban_ys_dept.pdf"),
        Path("shanghai_putuo/shanghai_putuo_2025_quzhengfuban_ys_unit.pdf"),
    ]
    assert group_files(files) == [[files[0]], [files[1]]]


def test_order_is_deterministic_narrative_first():
    files = [
        Path("d/jiangsu_2019_renda_ys_tables.pdf"),
        Path("d/zz_full.pdf"),
        Path("d/jiangsu_2019_renda_ys_text.pdf"),
    ]
    groups = group_files(files)
    assert _names(groups) == [("jiangsu_2019_renda_ys_text.pdf", "jiangsu_2019_renda_ys_tables.pdf"), ("zz_full.pdf",)]
    assert group_files(list(files)) == groups  # same input, same output


def test_chinese_names_and_formats():
    files = [
        Path("某某局2024年部门预算说明.docx"),
        Path("某某局2024年部门预算公开表.xlsx"),
        Path("某某局2023年部门预算公开表.xlsx"),
        Path("另一局2024年部门预算公开表.xlsx"),
    ]
    assert _names(group_files(files)) == [
        ("某某局2024年部门预算说明.docx", "某某局2024年部门预算公开表.xlsx"),
        ("某某局2023年部门预算公开表.xlsx",),  # another year
        ("另一局2024年部门预算公开表.xlsx",),  # another department
    ]


def test_workbook_and_docx_pair_by_format_when_names_say_no_role():
    files = [Path("x/某某局2024年部门预算.docx"), Path("x/某某局2024年部门预算.xlsx")]
    assert name_key(files[0]).role == NARRATIVE and name_key(files[1]).role == TABLES
    assert group_files(files) == [files]


def test_longer_department_name_on_tables_file_still_pairs():
    # The real Jiangsu upload names: 人大常委会 (说明) vs 人大常委会办公厅 (公开表).
    files = [
        Path("江苏省人大常委会2019年度部门预算公开说明.pdf"),
        Path("江苏省人大常委会办公厅2019年部门预算公开表.pdf"),
    ]
    assert group_files(files) == [files]


def test_budget_and_final_of_same_department_do_not_pair():
    files = [Path("某某局2024年部门预算说明.pdf"), Path("某某局2024年部门决算公开表.pdf")]
    assert len(group_files(files)) == 2


def test_ambiguous_tables_file_stays_alone():
    files = [
        Path("a/某某局2024年部门预算说明.pdf"),
        Path("a/某某局2024年部门预算情况说明.docx"),
        Path("a/某某局2024年部门预算公开表.pdf"),
    ]
    assert _names(group_files(files)) == [(f.name,) for f in files]


def test_files_in_different_folders_do_not_pair():
    files = [Path("a/jiangsu_2019_renda_ys_text.pdf"), Path("b/jiangsu_2019_renda_ys_tables.pdf")]
    assert len(group_files(files)) == 2


def test_examples_stay_one_document_each():
    files = sorted(EXAMPLES.glob("*.txt"))
    assert group_files(files) == [[f] for f in files]


@pytest.mark.skipif(not (CORPUS / "MANIFEST.csv").exists(), reason="corpus not present")
def test_discover_on_corpus_folder_groups_the_split_pairs():
    with open(CORPUS / "MANIFEST.csv", encoding="utf-8") as fh:
        manifest = [row["file"] for row in csv.DictReader(fh)]
    groups = discover([CORPUS])
    assert {g for g in _names(groups) if len(g) > 1} == EXPECTED_PAIRS
    assert sorted(str(p.relative_to(CORPUS)) for g in groups for p in g) == sorted(manifest)


def test_explicit_files_stay_separate_unless_together(tmp_path: Path):
    a = tmp_path / "x_2024_ys_text.txt"
    b = tmp_path / "x_2024_ys_tables.txt"
    a.write_text("x", encoding="utf-8")
    b.write_text("y", encoding="utf-8")
    assert discover([a, b]) == [[a], [b]]
    assert discover([a, b], together=True) == [[a, b]]
    assert discover([tmp_path]) == [[a, b]]


def test_a_file_reached_twice_is_one_document_but_links_in_one_folder_are_each_one(tmp_path: Path):
    folder = tmp_path / "folder"
    folder.mkdir()
    a = folder / "1-甲局.txt"
    a.write_text("x", encoding="utf-8")
    link = folder / "2-乙局.txt"
    link.symlink_to(a)  # a folder of links, as benchmarks/batch_memory.py builds its batches
    assert discover([folder]) == [[a], [link]]
    # named, then reached again (inside a named folder, or named through a link): once
    assert discover([a, folder]) == [[a]]
    assert discover([folder, a, link]) == [[a], [link]]
    assert discover([a, link, a]) == [[a]]


def test_check_together_reports_one_document():
    laocheng = EXAMPLES / "2024-laocheng-zwfw-budget.txt"
    yanjin = EXAMPLES / "2024-yanjin-zwfw-budget.txt"
    import json

    apart = CliRunner().invoke(main, ["check", str(laocheng), str(yanjin), "--format", "json", "--fail-on", "never"])
    together = CliRunner().invoke(
        main, ["check", "--together", str(laocheng), str(yanjin), "--format", "json", "--fail-on", "never"]
    )
    assert apart.exit_code == 0 and together.exit_code == 0, together.output
    assert len(json.loads(apart.output)["documents"]) == 2
    docs = json.loads(together.output)["documents"]
    assert len(docs) == 1 and docs[0]["paths"] == [str(laocheng), str(yanjin)]


def test_check_dir_reads_workbook_and_docx_as_one_document(tmp_path: Path):
    import json

    docx = pytest.importorskip("docx")
    openpyxl = pytest.importorskip("openpyxl")
    d = docx.Document()
    d.add_paragraph("某某局2024年部门预算")
    d.add_paragraph("2024年“三公”经费预算6.60万元。")  # the table says 5.60
    d.save(tmp_path / "某某局2024年部门预算说明.docx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "三公"
    ws.append(["2024年一般公共预算“三公”经费预算表"])
    ws.append(["单位：万元"])
    ws.append(["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"])
    ws.append([None, None, "小计", "公务用车购置费", "公务用车运行费", None])
    ws.append([5.6, 0, 3, 0, 3, 2.6])
    wb.save(tmp_path / "某某局2024年部门预算公开表.xlsx")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.output)["documents"]
    assert [Path(p).name for p in doc["paths"]] == ["某某局2024年部门预算说明.docx", "某某局2024年部门预算公开表.xlsx"]
    parsed = CliRunner().invoke(
        main, ["parse", "--format", "json", *[str(tmp_path / Path(p).name) for p in doc["paths"]]]
    )
    model = json.loads(parsed.output)
    assert [t["kind"] for t in model["tables"]] == ["three_public"]
    assert any("6.60万元" in p["text"] for p in model["paragraphs"])
    # the stale narrative figure is reported with both places: the workbook cell and the paragraph
    locations = {
        (Path(loc["path"]).suffix, loc.get("sheet"), loc.get("cell"), loc.get("line"))
        for f in doc["findings"]
        for loc in f["locations"]
    }
    assert (".xlsx", "三公", "A5", None) in locations
    assert (".docx", None, None, 2) in locations
