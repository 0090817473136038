"""A diagnosis explains the identity findings of its cells: they become its related locations.

After the rule run: every error or warning of a rule inside one table (BL1…, BL7…) that points
at a diagnosed cell, all of its places in that cell's table, is folded into the diagnosis (its
places become related locations noted "rule：message"). Comparisons between tables stay
findings of their own. A diagnosis of a table the misread guard withheld is dropped: the
table's identities are not trusted there, so neither is a diagnosis built on them.
"""

from __future__ import annotations

from budgetlint.model import Finding

DIAGNOSIS_RULES = ("BL190", "BL191")
# Families of rules inside one table whose findings a diagnosis can explain.
TABLE_FAMILIES = ("BL1", "BL7")


def fold_into_diagnoses(findings: list[Finding], misread_tables: set[str]) -> list[Finding]:
    findings = [
        f
        for f in findings
        if not (f.rule_id in DIAGNOSIS_RULES and f.locations and f.locations[0].table in misread_tables)
    ]
    findings = _fold_twins(findings)
    diagnoses = [f for f in findings if f.rule_id in DIAGNOSIS_RULES]
    if not diagnoses:
        return findings
    folded: dict[int, Finding] = {}
    absorbed: set[int] = set()
    for d in diagnoses:
        cells = {loc.address for loc in d.locations if loc.address}
        table = d.locations[0].table if d.locations else None
        related = list(d.related)
        seen = {loc.address for loc in d.locations}
        position = {loc.address: k for k, loc in enumerate(related) if loc.address}
        for i, f in enumerate(findings):
            if (
                i in absorbed
                or f.rule_id in DIAGNOSIS_RULES
                or f.severity == "info"
                or not f.rule_id.startswith(TABLE_FAMILIES)
                or not f.locations
            ):
                continue
            if any(loc.table != table for loc in f.locations):
                continue  # a comparison with another table: its own finding
            if not cells & {loc.address for loc in [*f.locations, *f.related]}:
                continue
            absorbed.add(i)
            note = f"{f.rule_id}：{f.message}"
            for loc in [*f.locations, *f.related]:
                if loc.address in seen:
                    continue
                seen.add(loc.address)
                moved = loc.model_copy(update={"note": loc.note or note})
                if loc.address in position:  # a cell of a broken identity: now named by its rule
                    related[position[loc.address]] = moved
                else:
                    related.append(moved)
        folded[id(d)] = d.model_copy(update={"related": related})
    return [folded.get(id(f), f) for i, f in enumerate(findings) if i not in absorbed]


def _fold_twins(findings: list[Finding]) -> list[Finding]:
    """The same diagnosis of the twin table (支出表 and 一般公共预算支出表 printing the same row with
    the same wrong value, the same restoring value): one printed error, one finding — the first
    printed; the twin's places become related locations."""
    first: dict[tuple, int] = {}
    out: list[Finding] = []
    for f in findings:
        key = _twin_key(f)
        if key is None or key not in first:
            if key is not None:
                first[key] = len(out)
            out.append(f)
            continue
        main = out[first[key]]
        seen = {loc.address for loc in [*main.locations, *main.related]}
        note = f"{f.rule_id}：{f.message}"
        extra = [
            loc.model_copy(update={"note": loc.note or note})
            for loc in [*f.locations, *f.related]
            if loc.address not in seen
        ]
        out[first[key]] = main.model_copy(update={"related": [*main.related, *extra]})
    return out


def _twin_key(f: Finding) -> tuple | None:
    if f.rule_id not in DIAGNOSIS_RULES or not f.locations or not f.locations[0].address:
        return None
    address = f.locations[0].address
    row_and_column = address.split("[", 1)[1]  # "2040601].project": the same row and column in any table
    return f.rule_id, row_and_column, f.actual, f.expected
