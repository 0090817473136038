"""Link each claim to the table fact(s) it restates.

A claim's subject names candidate addresses (rules/vocab/subjects.yaml); a
candidate ``a+b`` is the sum of two facts. Binding takes the first candidate
whose facts all exist and agree with the claim (interval overlap: the
claim's printed precision against the facts'); when none agrees, the first
candidate that exists, so the disagreement becomes a finding. Functional
classification subjects (``一般公共服务支出（类）``, ``行政运行（项）``) bind by
row label in the expense tables. ``共 N 个项目`` binds to the project table's
row count.

What binding records on the claim:
- ``bound_to``: the address (or ``a+b`` sum) of the claim's main figure;
- ``numbers["fact"]`` / ``numbers["fact_half"]``: that figure in 万元 with
  its rounding half-width (``whole_fact`` / ``whole_fact_half`` and
  ``words["whole_bound"]`` for the whole of a share; ``now_fact`` for the
  current amount of a change);
- ``unbound_reason`` when nothing could be bound, in Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budgetlint.claims.text import fold_text
from budgetlint.claims.vocab import Vocabulary, load_vocabulary
from budgetlint.model import Claim, Fact, Provenance, Unit
from budgetlint.numbers import fold

ZERO = Decimal(0)

# Tables searched for functional-classification subjects, in order, by the
# doc's kind; the column is the row's total.
_FUNC_TABLES = ("gpb_expense", "final_gpb_expense", "expense", "final_expense")
_FUNC_GPB_TABLES = ("gpb_expense", "final_gpb_expense")
_LEVEL_LEN = {"类": 3, "款": 5, "项": 7}
# Subjects that exist both for all funds and for 一般公共预算 alone, and the tables of the latter.
_SCOPED = {"basic", "project", "personnel", "public"}
_GPB_KINDS = {"gpb_expense", "gpb_basic", "final_gpb_expense", "final_gpb_basic"}
PRIOR_YEAR_REASON = "上年执行数：预算表只印本年数"
# Subjects bound to all-funds figures only: a sentence about one kind of money states another amount.
_ALL_FUNDS_ONLY = {"carryover_in", "carryover_out"}
_NARROWER_FUNDS = ("一般公共预算", "财政拨款", "政府性基金", "国有资本经营")


@dataclass(frozen=True)
class Entry:
    """One fact as binding sees it: 万元 value and rounding half-width."""

    address: str
    wan: Decimal
    half: Decimal
    provenance: Provenance | None = None
    label: str = ""
    row: str = ""
    table_kind: str = ""
    column: str = ""
    blank: bool = False  # a blank cell of a printed row (counts as 0, but nothing was printed)


class FactLookup:
    """Facts by address, plus the few table-shaped questions binding asks."""

    def __init__(self, entries: list[Entry], project_rows: int | None = None,
                 empty_tables: dict[str, tuple[set[str], Provenance]] | None = None):
        # kind -> (columns, provenance) of tables printed empty ("故本表无数据"): every figure is 0.
        self.empty_tables = empty_tables or {}
        self.distrusted: dict[str, str] = {}  # table kind -> why its facts are not used
        # Sources the document shows to be zero (Document.zero_sources); None = not known.
        self.zero_sources: list[str] | None = None
        self.checked = False
        self.by_address: dict[str, Entry] = {}
        for e in entries:
            if e.address in self.by_address:  # the same key printed twice: the sum (as the engine does)
                old = self.by_address[e.address]
                e = Entry(e.address, old.wan + e.wan, old.half + e.half, old.provenance, old.label, old.row,
                          old.table_kind, old.column, old.blank and e.blank)
            self.by_address[e.address] = e
        self.project_rows = project_rows

    @classmethod
    def from_facts(cls, facts: list[Fact]) -> "FactLookup":
        entries = [Entry(f.address, f.wan, f.half_width_wan, f.provenance, f.label, f.row, f.table_kind, f.column)
                   for f in facts if "#" not in f.address.split("[", 1)[0]]
        projects = {f.row for f in facts if f.table_kind == "projects" and re.fullmatch(r"p[0-9]+", f.row)}
        return cls(entries, len(projects) if any(f.table_kind == "projects" for f in facts) else None)

    @classmethod
    def from_index(cls, index) -> "FactLookup":
        """From the engine's DocIndex: blank cells of present rows count as exact 0."""
        entries: list[Entry] = []
        project_rows = None
        empty: dict[str, tuple[set[str], Provenance]] = {}
        distrusted: dict[str, str] = {}
        for name, ti in index.tables.items():
            if "#" in name:
                continue
            why = _not_understood(ti.table)
            if why:
                distrusted[ti.kind] = why
            if ti.table.empty and not ti.nodes and _says_no_data(ti.table):
                empty[ti.kind] = (set(ti.column_set), ti.table.provenance.model_copy(update={"table": ti.table.id}))
            if ti.kind == "projects":
                project_rows = sum(1 for n in ti.nodes if n.kind == "project" and n.key)
            for node in ti.nodes:
                if not node.key:
                    continue
                for column in sorted(ti.column_set):
                    hit = ti.cell_hit(node, column)
                    if hit is None:
                        continue
                    entries.append(Entry(hit.address, hit.interval.mid, hit.interval.half, hit.provenance,
                                         node.row.label, node.key, ti.kind, column, hit.blank))
        lookup = cls(entries, project_rows, empty)
        lookup.distrusted.update(distrusted)
        lookup.zero_sources = index.doc.zero_sources
        return lookup

    def only_gpb_money(self) -> bool:
        """All the money is 一般公共预算 (other funds shown zero), or nobody can tell (no summary)."""
        if self.zero_sources is None:
            return True
        return {"other_funds", "gov_fund", "soe"} <= set(self.zero_sources)

    def resolve(self, candidate: str) -> tuple[Decimal, Decimal] | None:
        """Value and half-width of a candidate (``a+b`` sums); None when a part is missing."""
        total, half = ZERO, ZERO
        for address in candidate.split("+"):
            e = self.by_address.get(address.strip()) or self._empty_entry(address.strip())
            if e is None:
                return None
            total += e.wan
            half += e.half
        return total, half

    def all_blank(self, candidate: str) -> bool:
        """Every fact of the candidate is a blank cell (nothing printed)."""
        entries = [self.by_address.get(a.strip()) for a in candidate.split("+")]
        return all(e is not None and e.blank for e in entries)

    def _empty_entry(self, address: str) -> Entry | None:
        """A figure of a table printed empty is 0 (only its 合计 row and known columns)."""
        m = re.match(r"^([a-z_]+)\[total\]\.(.+)$", address)
        if not m or m.group(1) not in self.empty_tables:
            return None
        columns, prov = self.empty_tables[m.group(1)]
        if columns and m.group(2) not in columns:  # (headers not read: the note still says "nothing")
            return None
        entry = Entry(address, ZERO, ZERO, prov, "（空表）", "total", m.group(1), m.group(2))
        self.by_address[address] = entry
        return entry

    def rows_labelled(self, name: str, level: str, kinds: tuple[str, ...]) -> list[Entry]:
        want = _norm_label(name)
        n = _LEVEL_LEN.get(level)
        out = []
        for kind in kinds:
            for e in self.by_address.values():
                if e.table_kind != kind or e.column != "total" or not e.row.isdigit():
                    continue
                if n is not None and len(e.row) != n:
                    continue
                if _norm_label(e.label) == want:
                    out.append(e)
            if out:
                return out
        return out


_UNNAMED_COLUMN = re.compile(r"^c[0-9]+$")
_NO_DATA = re.compile(r"无数据|空表|没有.{0,30}(?:收入|支出|经费)|无.{0,30}(?:安排的|收入|支出)")


def _says_no_data(table) -> bool:
    """An empty table counts as zeros only when its note says there is nothing to show
    ("故本表无数据"); a table of which nothing was read is not empty."""
    return any(_NO_DATA.search(fold(line)) for line in [*table.notes, *getattr(table, "caption", [])])


def _not_understood(table) -> str | None:
    """Why binding should not trust a table the recogniser only partly understood:
    values in columns it could not name (a second year's columns beside this year's),
    or 三公 rows it could not key (a vertical layout read as one row)."""
    for row in table.rows:
        for cell in row.cells:
            if cell.state == "value" and _UNNAMED_COLUMN.match(cell.column) and cell.value:
                return f"{table.kind} 表有未识别的数值列（{cell.column}），可能读错"
        if row.key is None and row.kind != "other_year" and table.kind in ("three_public", "final_three_public") \
                and any(c.state == "value" and c.value for c in row.cells):
            return f"{table.kind} 表有无法定位的数据行（{row.label[:10]}），可能读错"
    return None


def _norm_label(s: str) -> str:
    s = re.sub(r"\s+|[（）()]|支出$|（类）|（款）|（项）", "", fold(s or ""))
    return re.sub(r"支出$", "", s)


def claim_half(claim: Claim, role: str) -> Decimal:
    """Half a unit of the claim's printed precision, in 万元."""
    unit = _unit(claim.units.get(role, "万元"))
    d = claim.decimals.get(role, 0)
    return unit.to_wan(Decimal(5) * Decimal(10) ** (-(d + 1)))


def claim_wan(claim: Claim, role: str) -> Decimal:
    return _unit(claim.units.get(role, "万元")).to_wan(claim.numbers[role])


def _unit(word: str) -> Unit:
    return {"元": Unit.YUAN, "亿元": Unit.YI}.get(word, Unit.WAN)


def _agrees(claim: Claim, role: str, value: tuple[Decimal, Decimal]) -> bool:
    if role not in claim.numbers:
        return True
    return abs(claim_wan(claim, role) - value[0]) <= claim_half(claim, role) + value[1]


def distrust_unbalanced(lookup: FactLookup, vocab: Vocabulary) -> None:
    """Drop the facts of tables whose own identities fail (subjects.yaml: table_identities)."""
    for whole, parts in vocab.table_identities:
        kind = whole.split("[", 1)[0]
        if kind in lookup.distrusted:
            continue
        w = lookup.resolve(whole)
        ps = [lookup.resolve(p) for p in parts]
        if w is None or any(p is None for p in ps):
            continue
        total = sum((p[0] for p in ps), ZERO)
        slack = w[1] + sum((p[1] for p in ps), ZERO)
        if abs(w[0] - total) > slack:
            lookup.distrusted[kind] = f"{whole} ≠ 各部分之和（{total}），该表可能读错"
    if lookup.distrusted:  # (from_index also marks tables it only partly understood)
        for address in [a for a, e in lookup.by_address.items() if e.table_kind in lookup.distrusted]:
            del lookup.by_address[address]


def bind(claims: list[Claim], facts: list[Fact] | FactLookup, vocab: Vocabulary | None = None,
         doc_kind: str | None = None) -> list[Claim]:
    """Bind every claim in place (and return the list). See the module docstring."""
    vocab = vocab or load_vocabulary()
    lookup = facts if isinstance(facts, FactLookup) else FactLookup.from_facts(facts)
    if not lookup.checked:
        distrust_unbalanced(lookup, vocab)
        lookup.checked = True
    if doc_kind is None:  # 决算 tables are the final_* kinds
        kinds = {e.table_kind for e in lookup.by_address.values()} | set(lookup.empty_tables)
        doc_kind = "final" if any(k.startswith("final_") for k in kinds) else "budget"
    for claim in claims:
        _bind_one(claim, lookup, vocab, doc_kind)
    return claims


def _candidates(subject: str | None, vocab: Vocabulary, lookup: FactLookup, gpb: bool) -> list[str]:
    if subject is None:
        return []
    if subject.startswith("func:"):
        parts = subject[5:].split("|")
        code = parts.pop()[1:] if parts and parts[-1].startswith("#") else None
        levels = list(zip(parts[0::2], parts[1::2]))  # deepest first
        if not levels:
            return []
        (name, level), ancestors = levels[0], levels[1:]
        kinds = _FUNC_GPB_TABLES + _FUNC_TABLES if gpb else _FUNC_TABLES
        if code is not None:
            return _coded_candidates(name, code, kinds, lookup, gpb)
        code = vocab.class_code(name) if level == "类" else None
        if code is not None:
            return _class_candidates(code, gpb)
        rows = lookup.rows_labelled(name, level, kinds)
        for anc_name, anc_level in ancestors:  # 项 names repeat across 款: narrow by the chain
            if len({r.row for r in rows}) <= 1:
                break
            if anc_level == "类":
                prefixes = {vocab.class_code(anc_name)} - {None}
            else:
                prefixes = {r.row for r in lookup.rows_labelled(anc_name, anc_level, kinds)}
            narrowed = [r for r in rows if any(r.row.startswith(pre) for pre in prefixes)]
            rows = narrowed or rows
        if len({r.row for r in rows}) > 1:
            return []  # several items of this name: better unbound than bound to the wrong one
        rows = [r for r in rows if _chain_agrees(r, ancestors, lookup, vocab)]
        return [r.address for r in rows]
    if subject.startswith("projrow:"):
        # the project row of that name (project_names.py); fold_text as the narrative was folded
        name = subject[len("projrow:"):]
        rows = [e.address for e in lookup.by_address.values()
                if e.table_kind == "projects" and e.column == "total" and re.fullmatch(r"p[0-9]+", e.row)
                and fold_text(e.label).text == name]
        return rows if len(rows) == 1 else []
    s = vocab.subjects.get(subject)
    return list(s.facts) if s else []


def _coded_candidates(name: str, code: str, kinds: tuple[str, ...], lookup: FactLookup, gpb: bool) -> list[str]:
    """The rows of the code the narrative prints ("行政运行（2010801）"), when the tables
    give that row the same name; another name under that code leaves the claim unbound."""
    rows = [e for kind in kinds for e in lookup.by_address.values()
            if e.table_kind == kind and e.column == "total" and e.row == code]
    if any(e.label and _norm_label(e.label) != _norm_label(name) for e in rows):
        return []
    if len(code) == 3:
        return _class_candidates(code, gpb)
    # (none read: the rows' addresses all the same, so the claim says which table is missing or distrusted)
    return [e.address for e in rows] or [f"{kind}[{code}].total" for kind in kinds]


def _chain_agrees(row: Entry, ancestors, lookup: FactLookup, vocab: Vocabulary) -> bool:
    """The row sits under the 款/类 the narrative names, where the tables show them
    (“林业和草原（款）一般行政管理事务（项）” is not 2130302 under 水利)."""
    for anc_name, anc_level in ancestors:
        if anc_level == "类":
            code = vocab.class_code(anc_name)
            if code is not None and not row.row.startswith(code):
                return False
        elif anc_level == "款":
            parent = next((e for e in lookup.by_address.values() if e.row == row.row[:5] and e.column == "total"
                           and e.table_kind == row.table_kind), None)
            if parent is not None and parent.label and _norm_label(parent.label) != _norm_label(anc_name):
                return False
            if parent is None and lookup.rows_labelled(anc_name, "款", (row.table_kind,)):
                return False  # the named 款 is printed elsewhere, not above this row
    return True


def _is_gpb_address(candidate: str) -> bool:
    """A 一般公共预算 figure: a gpb table, or the gpb column of a summary table."""
    first = candidate.split("+", 1)[0]
    kind = first.split("[", 1)[0]
    column = first.split("].", 1)[1] if "]." in first else ""
    return kind in _GPB_KINDS or column == "gpb"


def _class_candidates(code: str, gpb: bool) -> list[str]:
    """Where a 类 total is printed: expense tables, then the summary tables' 类 rows."""
    gpb_first = [f"gpb_expense[{code}].total", f"final_gpb_expense[{code}].total", f"fiscal_summary[{code}].gpb",
                 f"final_fiscal_summary[{code}].gpb"]
    all_funds = [f"expense[{code}].total", f"final_expense[{code}].total", f"income_expense_summary[{code}].amount",
                 f"final_summary[{code}].amount", f"fiscal_summary[{code}].total", f"final_fiscal_summary[{code}].total",
                 f"final_fiscal_summary[{code}].amount"]
    return gpb_first + all_funds if gpb else all_funds + gpb_first


def _pick(claim: Claim, role: str, candidates: list[str], lookup: FactLookup):
    first = None
    for cand in candidates:
        value = lookup.resolve(cand)
        if value is None:
            continue
        if lookup.all_blank(cand) and (role not in claim.numbers or claim.numbers[role] != 0):
            # A blank cell beside a non-zero narrative figure is more often a cell the
            # reader could not place than a real 0: do not bind to it.
            continue
        if first is None:
            first = (cand, value)
        if _agrees(claim, role, value):
            return cand, value
    return first


def _bind_one(claim: Claim, lookup: FactLookup, vocab: Vocabulary, doc_kind: str) -> None:
    claim.bound_to = []
    claim.unbound_reason = None
    kind = claim.kind
    if doc_kind == "final" and claim.words.get("role") == "budget":
        claim.unbound_reason = "决算表中没有年初预算数"
        return
    if kind in ("date", "admission", "breakdown"):
        claim.unbound_reason = "此类陈述不对应单个表格数字"
        return
    if doc_kind != "final" and claim.words.get("prior_year"):
        claim.unbound_reason = PRIOR_YEAR_REASON
        return
    if claim.words.get("aside"):
        claim.unbound_reason = "括号中的补充数字（多为上年数或说明），不与本年表格核对"
        return
    if claim.words.get("in_admission"):
        claim.unbound_reason = "自述数据错误的句子中的数字，不与表格核对"
        return
    if kind == "count":
        if claim.subject == "projects_count":
            if lookup.project_rows is None:
                claim.unbound_reason = "文件中没有项目支出表"
            else:
                claim.bound_to = ["projects[p*]"]
                claim.numbers["fact"] = Decimal(lookup.project_rows)
                claim.numbers["fact_half"] = ZERO
        else:
            claim.unbound_reason = "计数只在叙述内部核对（各部分之和）"
        return
    gpb = "一般公共预算" in claim.sentence or "一般公共预算" in claim.subject_text
    by_name = bool(claim.subject and claim.subject.startswith("funcname:"))
    if by_name:  # a 类 named without （类） (tokens.py): bound like one, but only where it agrees
        claim.subject = "func:" + claim.subject.split(":", 1)[1]
    role = {"amount": "amount", "share": "part", "change": "now", "execution": "actual"}.get(kind, "amount")
    if claim.subject is None:
        claim.unbound_reason = "没有识别出陈述的对象（主语）"
    elif claim.subject in _ALL_FUNDS_ONLY and any(w in claim.sentence for w in _NARROWER_FUNDS):
        claim.unbound_reason = f"句中限定了资金范围，表中只有全部资金的“{vocab.name(claim.subject)}”"
    else:
        candidates = _candidates(claim.subject, vocab, lookup, gpb)
        if claim.words.get("scope") == "gpb" and (claim.subject in _SCOPED or claim.subject.startswith("func:")):
            # "一般公共预算支出……其中：基本支出": the 一般公共预算 tables, never all funds
            candidates = [c for c in candidates if _is_gpb_address(c)]
        elif not gpb and not claim.subject.startswith("func:") and not lookup.only_gpb_money():
            # "基本支出 X 万元" speaks of all funds: a 一般公共预算 table states another amount
            # unless the document shows the other funds to be zero. (功能分类 items are listed in
            # the 一般公共预算 section and keep their table order, 一般公共预算 tables included.)
            candidates = [c for c in candidates if not _is_gpb_address(c)]
        if not candidates:
            claim.unbound_reason = (f"“{vocab.name(claim.subject)}”没有对应的表格数字" if claim.subject in vocab.subjects
                                    and not vocab.subjects[claim.subject].facts else
                                    f"表中找不到“{vocab.name(claim.subject)}”，或有多个同名科目")
        else:
            picked = _pick(claim, role, candidates, lookup)
            distrusted = [lookup.distrusted[k] for k in dict.fromkeys(c.split("[", 1)[0] for c in candidates)
                          if k in lookup.distrusted]
            if picked is None and distrusted:
                claim.unbound_reason = f"不据此核对：{distrusted[0]}"
            elif picked is None:
                claim.unbound_reason = f"表中没有“{vocab.name(claim.subject)}”的数字（候选：{'、'.join(candidates[:3])}）"
            elif by_name and not _agrees(claim, role, picked[1]):
                # "项目支出…其中：公共安全支出 X": a 类 named in a list may be part of the class
                claim.unbound_reason = (f"“{vocab.name(claim.subject)}”只按名称识别，与表中该类合计不同，"
                                        "可能只是其中一部分（如项目支出中的该类），不据此核对")
            else:
                address, (value, half) = picked
                claim.bound_to = [address]
                claim.numbers["fact"] = value
                claim.numbers["fact_half"] = half
    if kind == "share":
        whole_subject = claim.words.get("whole_subject")
        if not whole_subject and claim.subject:
            whole_subject = vocab.parent_of(claim.subject) or ""
            if whole_subject:
                claim.words["whole_subject"] = whole_subject
        if whole_subject:
            picked = _pick(claim, "whole", _candidates(whole_subject, vocab, lookup, gpb), lookup)
            if picked is not None:
                address, (value, half) = picked
                claim.words["whole_bound"] = address
                claim.numbers["whole_fact"] = value
                claim.numbers["whole_fact_half"] = half
        if "whole_bound" not in claim.words and claim.bound_to:
            claim.bound_to = []
            claim.unbound_reason = "占比的分母（总数）没有对应的表格数字"


def restates_table(claim: Claim, vocab: Vocabulary | None = None) -> bool:
    """Whether an amount/share claim is one that should restate a table figure.

    Not: figures inside a sentence admitting an error, and subjects no table
    of the set carries (政府采购 in the Henan sets: ``facts: []``).
    """
    vocab = vocab or load_vocabulary()
    if claim.kind not in ("amount", "share") or claim.words.get("in_admission"):
        return False
    if claim.unbound_reason in ("决算表中没有年初预算数", PRIOR_YEAR_REASON):
        return False
    s = vocab.subjects.get(claim.subject or "")
    return not (s is not None and not s.facts)


def bound_share(claims: list[Claim]) -> tuple[int, int]:
    """(bound, total) over the amount and share claims that restate a table figure."""
    relevant = [c for c in claims if restates_table(c)]
    return sum(1 for c in relevant if c.bound_to), len(relevant)
