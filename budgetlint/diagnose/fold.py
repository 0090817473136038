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
    findings = [f for f in findings
                if not (f.rule_id in DIAGNOSIS_RULES and f.locations and f.locations[0].table in misread_tables)]
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
            if (i in absorbed or f.rule_id in DIAGNOSIS_RULES or f.severity == "info"
                    or not f.rule_id.startswith(TABLE_FAMILIES) or not f.locations):
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
