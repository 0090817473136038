"""The narrative rules that compare a claim with the earlier claims of its subject (BL530) or
look up a subject's stated change (BL507) do work in proportion to the claims, not to their
square: a narrative repeating one figure in many paragraphs took minutes (5 MB: 61 s, of
which BL530 and BL507 grew fourfold per doubling). Counted, not timed: the number of printed
amounts read (``fn_num``) per claim."""

from __future__ import annotations

import budgetlint.claim_functions.values as values
from budgetlint.checker import load_rules
from budgetlint.engine import check_document
from budgetlint.engine.examples import build_document
from budgetlint.engine.rules import Example
from tests.walked import Walked

REPEATS = 200


def _check(paragraphs: list[str], rule_id: str, monkeypatch):
    """The report, the printed amounts read and the claims walked over."""
    reads = []
    read, claims = values.fn_num, values.document_claims
    monkeypatch.setattr(values, "fn_num", lambda *args: reads.append(1) or read(*args))
    monkeypatch.setattr(values, "document_claims", lambda ctx: Walked(claims(ctx)))
    monkeypatch.setattr(Walked, "walked", 0)
    doc = build_document(Example(expect="pass", doc={"paragraphs": paragraphs}))  # one paragraph a line
    rule = next(r for r in load_rules() if r.id == rule_id)
    return check_document(doc, [rule]), len(reads), Walked.walked


def test_a_figure_repeated_in_many_paragraphs_is_compared_in_linear_work(monkeypatch):
    paragraphs = ["2024 年政府采购预算安排 522.00 万元。"] * REPEATS + ["政府采购预算安排 52.20 万元，全部为货物。"]
    report, reads, walked = _check(paragraphs, "BL530", monkeypatch)
    assert [f.rule_id for f in report.findings] == ["BL530"]  # the last one, against the first
    assert "52.20" in report.findings[0].message and "第 2 行" in report.findings[0].message  # the first
    assert reads < 5 * len(paragraphs)  # was one pair of reads per earlier claim: ~40,000
    assert walked < 10 * len(paragraphs)


def test_a_stated_change_is_looked_up_once_per_subject(monkeypatch):
    parts = "其中：因公出国（境）费减少 1.00 万元，公务接待费减少 1.00 万元，公务用车购置及运行费减少 1.00 万元。"
    paragraphs = [f"“三公”经费预算减少 3.00 万元。{parts}"] * REPEATS
    report, reads, walked = _check(paragraphs, "BL507", monkeypatch)
    assert report.findings == []
    assert reads < 10 * len(paragraphs)
    assert walked < 20 * len(paragraphs)  # was every claim of the document for each one: ~320,000
