"""``budgetlint history DEPARTMENT``: a department's documents by year from the store — the totals
they print and how many findings each has."""

from __future__ import annotations

import json
from decimal import Decimal

from budgetlint.store.db import Store
from budgetlint.store.identity import department_key

# Totals shown per document, first printed wins (the 收支总表's 总计, else the 决算 01 表's).
TOTALS = {
    "收入总计": ["income_expense_summary[in.grand_total].amount", "final_summary[in.grand_total].amount"],
    "支出合计": ["expense[total].total", "final_expense[total].total"],
    "基本支出": ["expense[total].basic", "final_expense[total].basic"],
    "项目支出": ["expense[total].project", "final_expense[total].project"],
    "三公经费": ["three_public[total].total", "final_three_public[total].total"],
}
KIND = {"budget": "预算", "final": "决算"}


def find_department(store: Store, name: str) -> str:
    """The department key ``name`` stands for: its own key, else the one stored key containing it
    (or contained in it: "西工区政务服务和大数据管理局" for "洛阳市西工区政务服务和大数据管理局")."""
    key = department_key(name)
    keys = [k for k, _ in store.departments()]
    if key in keys or not key:
        return key
    near = [k for k in keys if key in k or k in key]
    return near[0] if len(near) == 1 else key


def department_history(store: Store, name: str) -> dict:
    key = find_department(store, name)
    rows = []
    for doc_id in store.related(key):
        record = store.record(doc_id, facts=False)
        facts = {f.address: f for f in store.facts(doc_id) if f.table_kind != "narrative"}
        totals = {}
        for label, addresses in TOTALS.items():
            fact = next((facts[a] for a in addresses if a in facts), None)
            if fact is not None:
                from budgetlint.model import Unit

                totals[label] = str(Unit(fact.unit).to_wan(Decimal(fact.value)).normalize())
        counts = store.finding_counts(doc_id)
        rows.append(
            {
                "year": record.year,
                "kind": KIND.get(record.kind or "", record.kind),
                "scope": record.scope,
                "department": record.department,
                "path": record.path,
                "totals_wan": totals,
                "findings": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
            }
        )
    return {"department": name, "key": key, "documents": rows}


def render_history(history: dict, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(history, ensure_ascii=False, indent=2)
    if not history["documents"]:
        return f"库中没有“{history['department']}”的文件（按名称“{history['key']}”查找）"
    lines = [f"{history['documents'][-1]['department'] or history['department']}：{len(history['documents'])} 份文件"]
    for d in history["documents"]:
        totals = "，".join(f"{k} {v} 万元" for k, v in d["totals_wan"].items()) or "未识别出总数"
        f = d["findings"]
        lines.append(
            f"  {d['year']} 年 {d['scope']}{d['kind']}：{totals}；问题 错误 {f['error']}，警告 {f['warning']}，"
            f"提示 {f['info']}（{d['path']}）"
        )
    return "\n".join(lines)
