"""Department identity across documents: names as the covers and table captions print them
(read on the pages), normalised so one department's years and its 部门/单位 documents meet."""

from __future__ import annotations

import pytest

from budgetlint.corpus import CORPUS_DIR
from budgetlint.model import Document, Paragraph, Provenance
from budgetlint.store.identity import DEPARTMENT, UNIT, department_key, document_scope


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # 江苏 省委办公厅: 2017 captions print the long name, 2018 and 2019 the short one
        ("中国共产党江苏省委员会办公厅", "中共江苏省委办公厅"),
        # a title around the name: year, 部门预算, 公开
        ("江苏省政协办公厅2017年度部门预算", "江苏省政协办公厅"),
        ("2018年度江苏省高级人民法院部门预算公开", "江苏省高级人民法院"),
        ("江 苏 省 人 民 检 察 院", "江苏省人民检察院"),
        # 上海普陀: the 部门 and the 单位 document of one department print the same name
        ("上海市普陀区商务委员会", "上海市普陀区商务委"),
        ("上海市普陀区司法局（本级）", "上海市普陀区司法局"),
    ],
)
def test_the_same_department(a, b):
    assert department_key(a) == department_key(b) != ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("江苏省人大常委会办公厅", "江苏省政协办公厅"),
        ("上海市普陀区财政局", "上海市财政局"),
        ("上海市普陀区人民政府办公室", "上海市普陀区人民政府万里街道办事处"),
    ],
)
def test_different_departments(a, b):
    assert department_key(a) != department_key(b)


def _doc(*cover: str) -> Document:
    prov = Provenance(path="x.pdf", page=1)
    return Document(path="x.pdf", paragraphs=[Paragraph(text=t, provenance=prov) for t in cover])


def test_scope_from_the_cover():
    assert document_scope(_doc("上海市普陀区2025年区级部门预算", "预算主管部门：上海市普陀区商务委员会")) == DEPARTMENT
    assert document_scope(_doc("上海市普陀区2025年区级单位预算", "预算单位：上海市普陀区商务委员会")) == UNIT
    assert document_scope(_doc("2026年度苏州市水务局单位预算公开")) == UNIT
    assert document_scope(_doc("江苏省政协办公厅2017年度部门预算")) == DEPARTMENT
    assert document_scope(_doc("情况说明")) == DEPARTMENT  # nothing said: a department's


PUTUO = CORPUS_DIR / "shanghai_putuo"
JIANGSU = CORPUS_DIR / "jiangsu_open_budget"


@pytest.mark.corpus
def test_corpus_documents_meet_by_department():
    """The 上海普陀 部门/单位 pairs and 江苏 documents of three years: one key per department,
    the scope each cover prints."""
    from budgetlint.pipeline import load_document

    files = {
        PUTUO / "shanghai_putuo_2025_shangwuwei_ys_dept.pdf": ("商务委", DEPARTMENT),
        PUTUO / "shanghai_putuo_2025_shangwuwei_ys_unit.pdf": ("商务委", UNIT),
        PUTUO / "shanghai_putuo_2026_sifaju_ys_dept.pdf": ("司法局", DEPARTMENT),
        PUTUO / "shanghai_putuo_2026_sifaju_ys_unit.pdf": ("司法局", UNIT),
        JIANGSU / "jiangsu_2017_shengweiban_ys_tables.pdf": ("省委办公厅", DEPARTMENT),
        JIANGSU / "jiangsu_2018_shengweiban_ys_tables.pdf": ("省委办公厅", DEPARTMENT),
        JIANGSU / "jiangsu_2017_zhengxie_ys_tables.pdf": ("政协", DEPARTMENT),
        JIANGSU / "jiangsu_2019_zhengxie_ys_tables.pdf": ("政协", DEPARTMENT),
    }
    if not all(p.exists() for p in files):
        pytest.skip("corpus not present")
    keys: dict[str, set[str]] = {}
    for path, (department, scope) in files.items():
        doc = load_document(path)
        assert document_scope(doc) == scope, path.name
        keys.setdefault(department, set()).add(department_key(doc.department))
    assert all(len(k) == 1 and "" not in k for k in keys.values()), keys
    assert len({next(iter(k)) for k in keys.values()}) == len(keys)
