"""What the store keeps of one checked document, built in the worker that checked it.

A ``DocumentRecord`` is the document's identity (department, year, kind, scope), its facts as
printed, and the figures its narrative implies about other documents: the base of every growth
claim ("比上年增加 X 万元" under a figure bound to a table cell: last year's figure = now ∓ X) and
the 年初预算 of every execution claim of a 决算. Those are kept as facts of the pseudo table
``narrative`` (row ``change_base`` / ``initial_budget``, column = the address of the table cell the
claim restates), with the half-width of their interval.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path

from budgetlint.claims.kinds import BoundClaim, ChangeClaim, ExecutionClaim
from budgetlint.facts.index import DocIndex
from budgetlint.model import Document, Fact
from budgetlint.store.identity import department_key, document_scope, unit_rows

NARRATIVE = "narrative"
PRIOR = "prior."  # column keys under a 上年 / earlier-year band (recognise/grid.py)
CHANGE_BASE, INITIAL_BUDGET = "change_base", "initial_budget"

# A growth claim whose base is not last year's published figure of the same kind: an adjusted
# budget, last year's execution or final accounts compared with this year's budget.
_OTHER_BASE = re.compile(r"执行|决算数?比|调整|追加|实际|同口径|剔除|扣除")
_LAST_YEAR = re.compile(r"上年|上一年|去年|上年度")
_INITIAL = re.compile(r"年初预算")


@dataclass
class StoredFact:
    table_kind: str
    row_key: str
    column_key: str
    value: str  # as printed (Decimal text), in ``unit``
    unit: str
    decimals: int | None = None
    half_width: str | None = None  # narrative figures: the half-width in 万元
    funds: str | None = None
    period: str | None = None
    page: int | None = None
    provenance: dict = field(default_factory=dict)

    @property
    def address(self) -> str:
        return f"{self.table_kind}[{self.row_key}].{self.column_key}"


@dataclass
class DocumentRecord:
    path: str
    paths: list[str]
    sha256: str
    department: str | None
    department_key: str
    year: int | None
    kind: str | None
    scope: str
    unit_rows: dict[str, str] = field(default_factory=dict)
    declared_units: int | None = None
    facts: list[StoredFact] = field(default_factory=list)


def file_hash(paths: list[str]) -> str:
    digest = hashlib.sha256()
    for p in paths:
        try:
            digest.update(Path(p).read_bytes())
        except OSError:
            digest.update(p.encode("utf-8"))
    return digest.hexdigest()


def stored_fact(f: Fact, band: tuple[str, str] | None = None) -> StoredFact:
    """``band``: a prior-year column's band (上年预算数 …, kept to know its figure) and its own heading."""
    prov = f.provenance
    extra = {"band": band[0], "heading": band[1]} if band else {}
    return StoredFact(
        f.table_kind,
        f.row,
        f.column,
        str(f.value),
        f.unit.value,
        f.decimals,
        None,
        f.funds,
        f.period,
        prov.page,
        {"line": prov.line, "raw": prov.raw, "label": f.label, "path": prov.path, **extra},
    )


# The band word that made a column prior-year (recognise/grid.py): 上年预算数, 2025年预算数, 上年.
_PRIOR_BAND = re.compile(r"(?:上年度?|(?:19|20)\d{2}年度?)(?:预算|执行|决算|调整预算)?数?")


def prior_bands(doc: Document) -> dict[tuple[str, str], tuple[str, str]]:
    """(table kind, column key) -> (the band heading a table's prior-year columns, the column's own
    heading under it), first table of a kind.

    A band spans its columns but is printed above the first one only, so the band found over any
    of the table's prior-year columns names them all."""
    bands: dict[tuple[str, str], tuple[str, str]] = {}
    for table in doc.tables:
        prior = [c for c in table.columns if c.key.startswith(PRIOR)] if table.kind else []
        band = next((t.strip() for c in prior for t in c.header if _PRIOR_BAND.fullmatch(t.strip())), None)
        if band is None:
            continue
        for column in prior:
            own = " ".join(t.strip() for t in column.header if t.strip() != band)
            bands.setdefault((str(table.kind), column.key), (band, own))
    return bands


def stored_path(path: str) -> str:
    """How the store names a file: its resolved path, as a string. Not through pathlib, which
    interns every part of every path it parses: a batch's parent that made a ``Path`` of each
    document's name filled the interpreter's table of interned strings with its file names, and
    every time that table was rebuilt larger its old copy stayed behind in the heap."""
    return os.path.realpath(path)


def build_record(doc: Document, facts: list[Fact], claims: list[tuple[BoundClaim, str]]) -> DocumentRecord:
    """``claims``: the document's bound claims with the text of their paragraph."""
    paths = [stored_path(p) for p in (doc.paths or [doc.path])]
    bands = prior_bands(doc)
    record = DocumentRecord(
        path=paths[0],
        paths=paths,
        sha256=file_hash(paths),
        department=doc.department,
        department_key=department_key(doc.department),
        year=doc.year,
        kind=doc.kind.value if doc.kind else None,
        scope=document_scope(doc),
        unit_rows=unit_rows(doc),
        declared_units=declared_units(doc),
        facts=[stored_fact(f, bands.get((f.table_kind, f.column))) for f in facts],
    )
    record.facts.extend(narrative_figures(claims, record.year, record.kind))
    return record


def _compares_with_last_year(sentence: str, year: int | None, kind: str | None) -> bool:
    """The sentence compares with last year's figure of the same kind of document."""
    if not (_LAST_YEAR.search(sentence) or (year and re.search(rf"{year - 1}\s*年", sentence))):
        return False
    if _OTHER_BASE.search(sentence):
        return False
    # a budget compared with last year's 决算, a 决算 with a budget: another document's figure
    return not re.search(r"决算" if kind == "budget" else r"预算数?相比|预算数?比|年初预算|全年预算", sentence)


def narrative_figures(
    claims: list[tuple[BoundClaim, str]], year: int | None = None, kind: str | None = None
) -> list[StoredFact]:
    out: list[StoredFact] = []
    for bound, _paragraph in claims:
        claim, bound_to = bound.claim, bound.binding.bound_to
        if len(bound_to) != 1 or "+" in bound_to[0]:
            continue  # a claim bound to a sum of cells or to nothing names no one cell to compare
        address = bound_to[0]
        sentence = claim.sentence or ""
        prov = {
            "line": claim.provenance.line,
            "sentence": sentence[:200],
            "span": claim.span,
            "path": claim.provenance.path,
        }
        if isinstance(claim, ChangeClaim) and claim.change is not None and claim.now is not None:
            direction = claim.direction
            if direction not in ("增加", "减少") or not _compares_with_last_year(sentence, year, kind):
                continue
            now, change = claim.now.wan, claim.change.wan
            base = now - change if direction == "增加" else now + change
            half = claim.now.half_wan + claim.change.half_wan
            out.append(
                StoredFact(
                    NARRATIVE,
                    CHANGE_BASE,
                    address,
                    str(base),
                    "万元",
                    None,
                    str(half),
                    page=claim.provenance.page,
                    provenance=prov,
                )
            )
        elif isinstance(claim, ExecutionClaim) and claim.budget is not None and _INITIAL.search(sentence):
            out.append(
                StoredFact(
                    NARRATIVE,
                    INITIAL_BUDGET,
                    address,
                    str(claim.budget.wan),
                    "万元",
                    None,
                    str(claim.budget.half_wan),
                    page=claim.provenance.page,
                    provenance=prov,
                )
            )
    return out


# "包括本部以及下属 N 家预算单位" / "共有 N 家预算单位"; a unit "不单列预算" is merged into another.
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}
_SUBORDINATE = re.compile(
    r"(本部|本级|机关)[^。；]{0,12}?(?:以及|及|和)?下属(\d+|[一二三四五六七八九十])家[^。；]{0,6}?单位"
)
_TOTAL_UNITS = re.compile(r"(?:共有|共计|包括)(\d+|[一二三四五六七八九十])(?:家|个)[^。；]{0,4}?预算单位")
_MERGED = re.compile(r"不单列预算|不单独编制预算|不单独编报预算|并入本部|并入机关")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGITS[text]


def declared_units(doc: Document) -> int | None:
    """How many budget units the narrative says the department's budget consolidates, or None.

    Units that are "不单列预算" (merged into the headquarters' budget) do not count. None when
    the narrative does not say: then the units present cannot be known to be all of them.
    """
    text = "".join(p.text for p in doc.paragraphs)
    flat = re.sub(r"\s+", "", text)
    count = None
    m = _SUBORDINATE.search(flat)
    if m:
        count = 1 + _number(m.group(2))
    else:
        m = _TOTAL_UNITS.search(flat)
        if m:
            count = _number(m.group(1))
    if count is None:
        return None
    # one merged unit per sentence, however many ways it says so ("不单列预算，并入本部")
    count -= sum(1 for sentence in re.split(r"[。；;]", flat) if _MERGED.search(sentence))
    return count if count >= 1 else None


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def record_json(record) -> str:
    """A finding (any record of budgetlint.model) as compact JSON: every field, a Decimal as its
    string, an enum by its value; the JSON pydantic wrote when findings were its models
    (tests/store/test_store_cli.py compares the two)."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))


def _plain(value):
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def as_decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def record_for_document(doc: Document, index: DocIndex | None = None) -> DocumentRecord:
    """The record of a recognised document: its facts and its claims bound as the rules bind them.

    ``index``: the fact index the rules ran on; the claims they bound (kept in its memo by the
    claim functions) are used again instead of being extracted and bound a second time."""
    from budgetlint.claims.bind import bind_document
    from budgetlint.facts import flatten

    index = index if index is not None else DocIndex(doc)
    items = index.memo.get("claims")
    if items is not None:
        claims = [(it.bound, it.paragraph.text) for it in items]
    else:
        _lookup, paragraphs = bind_document(doc, index)
        claims = [(c, paragraph.text) for paragraph, found in paragraphs for c in found]
    return build_record(doc, flatten(doc, index), claims)
