"""政府预算经济分类 lines of the 西安 收支总表 / 财政拨款收支总表, as binding sees them.

西安 prints the expense side of its summaries three times: by 功能分类, by 部门预算经济分类
(工资福利支出 …) and by 政府预算经济分类 (1、机关工资福利支出 … 7、对企业补助). The economic
blocks are lines of no identity (recognise/summary.py keeps them as kind ``detail``), but
the narrative restates them ("机关工资福利支出（501）2137.56万元"). Binding reads them by
name (rules/vocab/subjects.yaml ``government_economic_classes``) as
``<kind>[gov_econ.<code>].amount``: only a name printed once, or printed again with the
same amount (对企业补助 is both 507 and the 部门预算 block's 312), so a line is never taken
for another.
"""

from __future__ import annotations

from budgetlint.lazy_regex import lazy_compile
from budgetlint.claims.text import fold_text

SUMMARY_KINDS = ("income_expense_summary", "fiscal_summary")
_NUMBERING = lazy_compile(r"^(?:[0-9]+[、.．]|\([0-9]+\)|[一二三四五六七八九十]+、)")


def _name(label: str) -> str:
    return _NUMBERING.sub("", fold_text(label or "").text)


def government_economic_lines(ti, names: dict[str, tuple[str, ...]]) -> list[tuple]:
    """(address, interval, provenance, label) of each 政府预算经济分类 line of a summary table
    ``ti`` (an engine TableIndex) that ``names`` (code -> folded names, one printed per set)
    knows and that is unambiguous."""
    if ti.kind not in SUMMARY_KINDS:
        return []
    by_name: dict[str, list] = {}
    for row in ti.table.rows:
        if row.kind != "detail" or not row.cells:
            continue
        by_name.setdefault(_name(row.label), []).append(row)
    out = []
    for code, wordings in names.items():
        rows = next((by_name[w] for w in wordings if w in by_name), [])
        cells = [r.cells[0] for r in rows if r.cells[0].state == "value" and r.cells[0].value is not None]
        if not rows or len(cells) != len(rows) or len({c.value for c in cells}) != 1:
            continue  # not printed, printed blank, or the same name with other amounts
        cell = cells[0]
        address = f"{ti.kind}[gov_econ.{code}].amount"
        prov = cell.provenance.model_copy(
            update={"table": cell.provenance.table or ti.table.id, "row": f"gov_econ.{code}", "column": "amount"}
        )
        out.append((address, ti.interval(cell), prov, rows[0].label))
    return out
