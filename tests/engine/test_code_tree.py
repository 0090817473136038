"""The row tree: a code's parent is the nearest row above whose code is a prefix of it.

决算 公开06表 prints its 经济分类 in three blocks side by side (工资福利 | 商品和服务 | 资本性…);
read row by row, 301, 302, 307 come first, then 30101, 30201, 30701 on the next line.
The tree must still hang 30101 under 301 and 30201 under 302, so 类 = Σ 款 is checked.
"""

from budgetlint.engine import check_document, load_rules
from budgetlint.engine.examples import build_document
from budgetlint.facts.index import DocIndex
from budgetlint.engine.rules import Example

# xigong 2023 公开06表, first lines as read (values from the printed page, 万元)
SIDE_BY_SIDE = {
    "final_gpb_basic[301].amount": "171.07",
    "final_gpb_basic[302].amount": "4.05",
    "final_gpb_basic[30101].amount": "57.00",
    "final_gpb_basic[30201].amount": "1.17",
    "final_gpb_basic[30102].amount": "20.02",
    "final_gpb_basic[30207].amount": "0.59",
    "final_gpb_basic[30103].amount": "33.56",
    "final_gpb_basic[30211].amount": "0.31",
    "final_gpb_basic[30107].amount": "25.15",
    "final_gpb_basic[30213].amount": "0.33",
    "final_gpb_basic[30108].amount": "11.90",
    "final_gpb_basic[30229].amount": "1.66",
    "final_gpb_basic[30110].amount": "5.32",
    "final_gpb_basic[30111].amount": "2.46",
    "final_gpb_basic[30112].amount": "0.52",
    "final_gpb_basic[30113].amount": "9.79",
    "final_gpb_basic[30199].amount": "5.36",
}


def _doc(facts):
    return build_document(Example(expect="pass", facts=facts, doc={"kind": "final"}), path="/tmp/final.txt")


def test_blocks_read_side_by_side_keep_their_parents():
    ti = DocIndex(_doc(SIDE_BY_SIDE)).tables["final_gpb_basic"]
    keys = {n.index: n.key for n in ti.nodes}
    children = {n.key: sorted(keys[c] for c in n.children) for n in ti.nodes if n.children}
    assert children["301"] == sorted(
        ["30101", "30102", "30103", "30107", "30108", "30110", "30111", "30112", "30113", "30199"]
    )
    assert children["302"] == sorted(["30201", "30207", "30211", "30213", "30229"])


def test_class_total_of_side_by_side_blocks_is_checked():
    rules = load_rules(select=["BL110"])
    assert check_document(_doc(SIDE_BY_SIDE), rules).findings == []
    wrong = dict(SIDE_BY_SIDE, **{"final_gpb_basic[30102].amount": "22.02"})  # 2 万元 more than 301 allows
    (f,) = check_document(_doc(wrong), rules).findings
    assert f.rule_id == "BL110"
    assert {loc.address for loc in f.locations} >= {"final_gpb_basic[301].amount", "final_gpb_basic[30102].amount"}
