"""Checks across documents: this year against last year, a 决算 against its 预算, a 部门 against
its 单位 (rules/across/cross_document.yaml).

The rules are declarative: a relation (which documents are related to the checked one), which of
its figures are compared (facts at listed addresses, or figures implied by its narrative) and with
which table of the related document. Values are intervals at their printed precision, so rounding
is never a finding; a figure missing on either side is not compared (missing is not zero); only the
same table kind, row and column (the same scope) are compared.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from budgetlint.facts.interval import Interval, distinct_places, fmt_decimal
from budgetlint.errors import RuleError
from budgetlint.i18n import rule_text
from budgetlint.resources import table_names
from budgetlint.model import Finding, Location, Severity, Unit
from budgetlint.rounding import half_ulp
from budgetlint.store.db import Store
from budgetlint.store.identity import DEPARTMENT, UNIT, department_key
from budgetlint.store.record import NARRATIVE, PRIOR, DocumentRecord, StoredFact

RELATIONS = ("previous_year", "budget_of_year", "units")
KIND_NAMES = {"budget": "部门预算", "final": "部门决算"}
_FIELDS = {"id", "title", "severity", "relation", "this", "other", "message", "rationale", "fix", "examples"}


@dataclass(frozen=True)
class CrossRule:
    id: str
    title: str
    severity: Severity
    relation: str
    narrative: str | None
    addresses: tuple[str, ...]
    prior_columns: bool
    tables: dict[str, str]
    message: str
    rationale: str
    fix: str = ""
    examples: tuple = field(default=(), compare=False)


def rules_path() -> Path:
    from budgetlint.resources import rules_dir

    return rules_dir() / "across" / "cross_document.yaml"


@lru_cache(maxsize=4)
def load_cross_rules(path: Path | None = None) -> tuple[CrossRule, ...]:
    from budgetlint.resources import load_yaml

    path = path or rules_path()
    with path.open(encoding="utf-8") as fh:
        entries = load_yaml(fh) or []
    rules = []
    for e in entries:
        unknown = set(e) - _FIELDS
        if unknown or e.get("relation") not in RELATIONS or e.get("severity") not in ("error", "warning", "info"):
            raise RuleError(f"{path}: 规则 {e.get('id')} 的字段有误（{sorted(unknown) or e.get('relation')}）")
        this = e.get("this") or {}
        rules.append(
            CrossRule(
                id=e["id"],
                title=e["title"],
                severity=e["severity"],
                relation=e["relation"],
                narrative=this.get("narrative"),
                addresses=tuple(this.get("addresses") or ()),
                prior_columns=this.get("columns") == "prior",
                tables=dict((e.get("other") or {}).get("tables") or {}),
                message=e["message"],
                rationale=" ".join(str(e["rationale"]).split()),
                fix=e.get("fix", ""),
                examples=tuple(e.get("examples") or ()),
            )
        )
    return tuple(rules)


# ------------------------------------------------------------------ values


def interval_of(f: StoredFact) -> Interval:
    """The 万元 interval of a stored figure: printed precision, or the narrative figure's own width."""
    unit = Unit(f.unit)
    if f.half_width is not None:
        return Interval(unit.to_wan(Decimal(f.value)), Decimal(f.half_width))
    return Interval(unit.to_wan(Decimal(f.value)), unit.to_wan(half_ulp(f.decimals or 0)))


def _same_scope(a: StoredFact, b: StoredFact) -> bool:
    return all(x is None or y is None or x == y for x, y in ((a.funds, b.funds), (a.period, b.period)))


def _printed_facts(record: DocumentRecord) -> dict[str, StoredFact]:
    """address -> fact; an address printed twice in a table is left out (which printing is meant?)."""
    seen: dict[str, StoredFact | None] = {}
    for f in record.facts:
        if f.table_kind == NARRATIVE or "#" in f.table_kind:
            continue
        seen[f.address] = None if f.address in seen else f
    return {a: f for a, f in seen.items() if f is not None}


def _show(iv: Interval, other: Interval) -> str:
    return fmt_decimal(iv.mid, distinct_places(iv.mid, other.mid))


# ------------------------------------------------------------------ relations


def related_records(
    store: Store, rule: CrossRule, record: DocumentRecord, addresses: Collection[str] | None = None
) -> list[DocumentRecord]:
    """The documents ``rule`` compares ``record`` with, each with its facts at ``addresses`` (all
    when None): a batch's checks across documents hold one document's facts and what its related
    documents print at the addresses compared, not every fact of every related document."""
    if not record.department_key or record.year is None or record.kind is None:
        return []
    if rule.relation == "previous_year":
        ids = store.related(record.department_key, record.year - 1, record.kind, record.scope)
    elif rule.relation == "budget_of_year":
        if record.kind != "final":
            return []
        ids = store.related(record.department_key, record.year, "budget", record.scope)
    else:
        return _unit_records(store, record, addresses)
    # A byte-identical copy under another name (a file downloaded twice) is the same document:
    # compared once, its facts loaded once
    out, seen = [], set()
    for i in ids:
        head = store.record(i, facts=False)
        if head.path != record.path and head.sha256 not in seen and _codes_agree(head, record):
            seen.add(head.sha256)
            head.facts = store.facts(i, addresses=addresses)
            out.append(head)
    return out


def _dept_codes(record: DocumentRecord) -> set[str]:
    return {k[5:8] for k in record.unit_rows if k[5:].isdigit() and len(k) >= 8}


def _codes_agree(a: DocumentRecord, b: DocumentRecord) -> bool:
    """Two documents printing unit codes of different departments are not the same department."""
    ca, cb = _dept_codes(a), _dept_codes(b)
    return not (ca and cb and not ca & cb)


def _unit_records(store: Store, record: DocumentRecord, addresses: Collection[str] | None) -> list[DocumentRecord]:
    """The 单位 documents of this 部门 document, when they are all present (else none)."""
    if record.scope != DEPARTMENT or not record.declared_units:
        return []
    if record.year is None or record.kind is None:
        return []  # no year or kind to match: SQL's `= NULL` would find no unit document either
    names = {record.department_key} | {department_key(label) for label in record.unit_rows.values() if label}
    found: dict[str, DocumentRecord] = {}
    # only the documents of ``names`` (the query picks them), the first of each department
    for doc_id in store.documents_of_year(record.year, record.kind, UNIT, department_keys=names):
        other = store.record(doc_id, facts=False)
        if other.department_key not in found and _codes_agree(other, record):
            other.facts = store.facts(doc_id, addresses=addresses)
            found[other.department_key] = other
    return list(found.values()) if len(found) == record.declared_units else []


# ------------------------------------------------------------------ checking


def check_record(store: Store, rule: CrossRule, record: DocumentRecord) -> list[Finding]:
    if rule.relation == "units":
        others = related_records(store, rule, record, set(rule.addresses))
        return _check_units(rule, record, others) if others else []
    if rule.prior_columns:
        compared = _prior_columns_compared(record)
        others = related_records(store, rule, record, {theirs for _, theirs in compared}) if compared else []
        return _check_prior_columns(rule, record, others, compared) if others else []
    mine = {
        fig.address: _narrative_address(rule, fig)
        for fig in record.facts
        if fig.table_kind == NARRATIVE and fig.row_key == rule.narrative
    }
    others = related_records(store, rule, record, set(mine.values())) if mine else []
    if not others:
        return []
    findings = []
    printed = [_printed_facts(o) for o in others]
    own = _printed_facts(record)
    for fig in record.facts:
        if fig.address not in mine:
            continue
        address = mine[fig.address]
        this_bound = own.get(fig.column_key)
        candidates = [
            (o, p[address])
            for o, p in zip(others, printed)
            if address in p and (this_bound is None or _same_scope(this_bound, p[address]))
        ]
        claim = fig.provenance.get("span") or fig.provenance.get("sentence", "")
        findings.extend(_disagreement(rule, record, fig, candidates, claim=claim))
    return findings


def _narrative_address(rule: CrossRule, fig: StoredFact) -> str:
    """The address in the related document of what a narrative figure states."""
    kind, rest = fig.column_key.split("[", 1)
    return f"{rule.tables.get(kind, kind)}[{rest}"


def _check_units(rule: CrossRule, record: DocumentRecord, units: list[DocumentRecord]) -> list[Finding]:
    findings = []
    mine = _printed_facts(record)
    theirs = [_printed_facts(u) for u in units]
    for address in rule.addresses:
        if address not in mine or any(address not in t or not _same_scope(mine[address], t[address]) for t in theirs):
            continue
        total = Interval(Decimal(0), Decimal(0))
        for t in theirs:
            total = total + interval_of(t[address])
        mine_iv = interval_of(mine[address])
        if mine_iv.meets(total):
            continue
        label = mine[address].provenance.get("label") or address
        findings.append(
            _finding(
                rule, record, mine[address], mine_iv, units[0], theirs[0][address], total, label=label, units=len(units)
            )
        )
    return findings


# A prior-year band names the figure it prints: 上年预算数 / 2025年预算数 in a 预算 document is last
# year's published budget; 上年执行数, 调整预算 or a bare 上年 may be another figure, so not compared.
_BAND_OF_KIND = {"budget": re.compile(r"预算"), "final": re.compile(r"决算")}
_OTHER_FIGURE = re.compile(r"执行|调整|追加|实际|快报|预计")


def _band_names_kind(band: str, kind: str | None) -> bool:
    pattern = _BAND_OF_KIND.get(kind or "")
    return bool(pattern and pattern.search(band) and not _OTHER_FIGURE.search(band))


def _prior_columns_compared(record: DocumentRecord) -> list[tuple[StoredFact, str]]:
    """This year's 上年 cells (keys ``prior.…``) whose band names last year's published figure,
    each with the address of the same cell in last year's document."""
    return [
        (fig, f"{fig.table_kind}[{fig.row_key}].{fig.column_key[len(PRIOR) :]}")
        for fig in _printed_facts(record).values()
        if fig.column_key.startswith(PRIOR) and _band_names_kind(fig.provenance.get("band") or "", record.kind)
    ]


def _check_prior_columns(
    rule: CrossRule, record: DocumentRecord, others: list[DocumentRecord], compared: list[tuple[StoredFact, str]]
) -> list[Finding]:
    """This year's tables' 上年 columns against last year's document's same cell."""
    findings = []
    printed = [_printed_facts(o) for o in others]
    for fig, theirs in compared:
        candidates = [(o, p[theirs]) for o, p in zip(others, printed) if theirs in p]
        # no candidate: last year's document does not print that cell, and missing is not zero
        heading = " · ".join(x for x in (fig.provenance.get("band"), fig.provenance.get("heading")) if x)
        findings.extend(
            _disagreement(
                rule,
                record,
                fig,
                candidates,
                label=fig.provenance.get("label") or fig.row_key,
                column=heading or fig.column_key,
                table=table_names().get(fig.table_kind, fig.table_kind),
            )
        )
    return findings


def _disagreement(
    rule: CrossRule,
    record: DocumentRecord,
    fig: StoredFact,
    candidates: list[tuple[DocumentRecord, StoredFact]],
    **words,
) -> list[Finding]:
    """A finding when no related document's figure meets ``fig`` (one that agrees is enough: last
    year's duplicates may differ); none when there is nothing to compare with."""
    if not candidates:
        return []
    mine = interval_of(fig)
    if any(mine.meets(interval_of(f)) for _, f in candidates):
        return []
    other, fact = candidates[0]
    return [_finding(rule, record, fig, mine, other, fact, interval_of(fact), **words)]


def _finding(
    rule: CrossRule,
    record: DocumentRecord,
    fig: StoredFact,
    mine: Interval,
    other: DocumentRecord,
    fact: StoredFact,
    expected: Interval,
    **words,
) -> Finding:
    difference = mine - expected
    values = {
        "actual": _show(mine, expected),
        "expected": _show(expected, mine),
        "difference": fmt_decimal(abs(difference.mid), distinct_places(mine.mid, expected.mid)),
        "other_year": other.year,
        "other_kind": KIND_NAMES.get(other.kind or "", "文件"),
        "other_file": os.path.basename(other.path),
        "other_page": fact.page or "?",
        **words,
    }
    values.setdefault("claim", "")
    message = rule_text(rule.id, "message", rule.message).format(**values)
    here = Location(
        path=record.path,
        page=fig.page,
        line=fig.provenance.get("line"),
        excerpt=fig.provenance.get("span") or fig.provenance.get("raw") or "",
        address=fig.address,
    )
    there = Location(
        path=fact.provenance.get("path") or other.path,
        page=fact.page,
        address=fact.address,
        excerpt=fact.provenance.get("raw") or "",
        note=f"{other.year}年{values['other_kind']}",
    )
    fp = f"{rule.id}|{os.path.basename(record.path)}|{fig.address}|{os.path.basename(other.path)}|{fact.address}"
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        title=rule_text(rule.id, "title", rule.title),
        message=message,
        locations=[here],
        related=[there],
        expected=values["expected"],
        actual=values["actual"],
        difference=values["difference"],
        expected_value=expected.mid,
        actual_value=mine.mid,
        difference_value=difference.mid,
        unit="万元",
        fix=rule_text(rule.id, "fix", rule.fix),
        fingerprint=hashlib.sha256(fp.encode("utf-8")).hexdigest()[:16],
    )


def check_batch(store: Store, paths: list[str], rules: tuple[CrossRule, ...] | None = None) -> dict[str, list[Finding]]:
    """Cross-document findings of the batch's documents (by resolved path), against everything in the store."""
    rules = rules if rules is not None else load_cross_rules()
    out: dict[str, list[Finding]] = {}
    for path in paths:
        doc_id = store.document_id(path)
        if doc_id is None:
            continue
        record = store.record(doc_id)
        found = [f for rule in rules for f in check_record(store, rule, record)]
        if found:
            out[path] = found
    return out
