"""Link each claim to the table fact(s) it restates.

A claim's subject names candidate addresses (rules/vocab/subjects.yaml); a
candidate ``a+b`` is the sum of two facts. Binding takes the first candidate
whose facts all exist and agree with the claim (interval overlap: the
claim's printed precision against the facts'); when none agrees, the first
candidate that exists, so the disagreement becomes a finding. Functional
classification subjects (``一般公共服务支出（类）``, ``行政运行（项）``) bind by
row label in the expense tables. ``共 N 个项目`` binds to the project table's
row count.

Claims are never changed: binding gives each a ``Binding`` (kinds.py), and ``bind`` returns
the claims with theirs (``BoundClaim``). A binding records
- ``bound_to``: the address (or ``a+b`` sum) of the claim's main figure;
- ``fact``: that figure in 万元 with its rounding half-width (``whole_bound`` /
  ``whole_fact`` for the whole of a share);
- ``subject`` / ``whole_subject``: the subjects bound (a 类 named without （类） binds as
  one; a share naming no whole takes the one its subject implies);
- ``unbound_reason`` when nothing could be bound, in Chinese.

``bind_document`` is the one way a document's claims are extracted and bound: the rules
(claim_functions), ``parse --format claims`` and the findings store all use it.
"""

from __future__ import annotations

import re
from msgspec import Struct
from decimal import Decimal

from budgetlint.lazy_regex import lazy_compile
from budgetlint.claims.economic_lines import government_economic_lines
from budgetlint.claims.evaluation import FORM_TABLE, bind_evaluation, form_entries
from budgetlint.claims.extract import paragraph_claims
from budgetlint.claims.kinds import (
    AdmissionClaim,
    AmountClaim,
    Binding,
    BoundClaim,
    BreakdownClaim,
    ChangeClaim,
    Claim,
    CountClaim,
    DateClaim,
    EvaluationClaim,
    ExecutionClaim,
    Printed,
    ShareClaim,
)
from budgetlint.claims.project_names import with_project_names
from budgetlint.claims.uncoded_rows import function_items, is_synthetic, synthetic_level, synthetic_parent
from budgetlint.claims.text import fold_text
from budgetlint.claims.patterns import FUND_WORDS
from budgetlint.claims.vocab import Vocabulary, load_vocabulary
from budgetlint.facts.index import DocIndex
from budgetlint.facts.interval import Interval
from budgetlint.model import Document, EvaluationForm, Paragraph, Provenance
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

# The expense column a heading names (Claim.column_heading).
_HEADING_COLUMN = {
    "人员经费": "basic.personnel",
    "公用经费": "basic.public",
    "专项业务经费": "project",
    "项目支出": "project",
    "基本支出": "basic",
}


# 经济分类 类 subjects, and the tables that print them split by 人员经费 / 公用经费 / 项目支出 columns.
_ECONOMIC_CODES = {"wages": "301", "goods_services": "302", "family_subsidy": "303", "capital": "310"}
_ECONOMIC_SPLIT_TABLES = ("economic_summary", "gpb_economic")


def _heading_column(claim: Claim) -> str | None:
    """The expense column a heading before the claim names, if any (the last before it in
    its sentence)."""
    word = claim.column_heading
    return _HEADING_COLUMN.get(word) if word else None


PRIOR_YEAR_REASON = "上年执行数：预算表只印本年数"
NOT_PRINTED_REASON = "本套表格没有印这一数字（只有部分地区的表格列出）"
# Unbound for these reasons, a claim restates no printed table figure (not counted in binding rates).
NOT_RESTATING_REASONS = ("决算表中没有年初预算数", PRIOR_YEAR_REASON, NOT_PRINTED_REASON)
# Subjects bound to all-funds figures only: a sentence about one kind of money states another amount.
_ALL_FUNDS_ONLY = {"carryover_in", "carryover_out"}
_FISCAL_SIDE = {"carryover_in": "in", "carryover_out": "out"}
_CLAUSE_BREAK = lazy_compile(r"[，,；;、。]")


def _narrowed_funds(claim: Claim) -> str | None:
    """The kind of money a carry-over claim is limited to: words in its own clause ("一般公共
    预算上年结转 …"), in the head of its sentence ("财政拨款收入包括：…") or its section
    (财政拨款收支 …), or before it in its sentence — but not after "其中": another item of
    a list ("其中：一般公共预算拨款收入 …；上年结转结余 …") does not narrow it."""
    sentence = fold(claim.sentence or "")
    head = sentence.split("：", 1)[0].split(":", 1)[0] if ("：" in sentence or ":" in sentence) else ""
    words = fold(claim.subject_text or "")
    at = sentence.find(words) if words else -1
    clause = ""
    if at >= 0:
        start = max([m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)], default=0)
        clause = sentence[start : at + len(words)]
    before = sentence[:at] if at >= 0 else ""
    before = before[: before.find("其中")] if "其中" in before else before  # (the items of a 其中 list)
    for place in (clause, head, claim.section_funds, before):
        for w in FUND_WORDS:
            if w in place:
                return w
    return None


class Entry(Struct, frozen=True):
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

    def __init__(
        self,
        entries: list[Entry],
        project_rows: int | None = None,
        empty_tables: dict[str, tuple[set[str], Provenance]] | None = None,
    ):
        # kind -> (columns, provenance) of tables printed empty ("故本表无数据"): every figure is 0.
        self.empty_tables = empty_tables or {}
        self.distrusted: dict[str, str] = {}  # table kind -> why its facts are not used
        # Sources the document shows to be zero (Document.zero_sources); None = not known.
        self.zero_sources: list[str] | None = None
        self.checked = False
        self.by_address: dict[str, Entry] = {}
        # (table kind, column) of every cell read, trusted or not: what the set prints at all
        self.printed = {(e.table_kind, e.column) for e in entries} | {
            (kind, column) for kind, (columns, _) in self.empty_tables.items() for column in columns
        }
        for e in entries:
            if e.address in self.by_address:  # the same key printed twice: the sum (as the engine does)
                old = self.by_address[e.address]
                e = Entry(
                    e.address,
                    old.wan + e.wan,
                    old.half + e.half,
                    old.provenance,
                    old.label,
                    old.row,
                    old.table_kind,
                    old.column,
                    old.blank and e.blank,
                )
            self.by_address[e.address] = e
        self.project_rows = project_rows
        self._labelled: dict[tuple[str, str], list[Entry]] | None = None  # see rows_labelled
        self.forms: list[EvaluationForm] = []  # the 绩效自评表 forms, in printed order (claims/evaluation.py)

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
            extra = function_items(ti) if ti.kind in _FUNC_TABLES else []
            for node in [*ti.nodes, *extra]:
                if not node.key:
                    continue
                for column in sorted(ti.column_set):
                    hit = ti.cell_hit(node, column)
                    if hit is None:
                        continue
                    entries.append(
                        Entry(
                            hit.address,
                            hit.interval.mid,
                            hit.interval.half,
                            hit.provenance,
                            node.row.label,
                            node.key,
                            ti.kind,
                            column,
                            hit.blank,
                        )
                    )
            for address, interval, prov, label in government_economic_lines(ti, load_vocabulary().gov_economic):
                entries.append(
                    Entry(
                        address,
                        interval.mid,
                        interval.half,
                        prov,
                        label,
                        address.split("[", 1)[1].split("]", 1)[0],
                        ti.kind,
                        "amount",
                    )
                )
        forms = [f for t in index.doc.tables for f in t.forms]
        for address, value, half, prov, label in form_entries(forms):
            entries.append(
                Entry(
                    address,
                    value,
                    half,
                    prov,
                    label,
                    address.split("[", 1)[1].split("]", 1)[0],
                    FORM_TABLE,
                    address.rsplit(".", 1)[1],
                )
            )
        lookup = cls(entries, project_rows, empty)
        lookup.forms = forms
        lookup.distrusted.update(distrusted)
        lookup.zero_sources = index.doc.zero_sources
        return lookup

    def drop(self, addresses: list[str]) -> None:
        """Forget these facts (a table found misread)."""
        for address in addresses:
            del self.by_address[address]
        self._labelled = None

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
        self._labelled = None
        return entry

    def rows_labelled(self, name: str, level: str, kinds: tuple[str, ...]) -> list[Entry]:
        want = _norm_label(name)
        n = _LEVEL_LEN.get(level)
        if self._labelled is None:
            # the 合计 column's facts by table kind and normalised label, in printed order: asked
            # once per named claim, a walk over every fact each time was claims × facts
            self._labelled = {}
            for e in self.by_address.values():
                if e.column == "total":
                    self._labelled.setdefault((e.table_kind, _norm_label(e.label)), []).append(e)
        out = []
        for kind in kinds:
            for e in self._labelled.get((kind, want), ()):
                if e.row.isdigit():
                    if n is not None and len(e.row) != n:
                        continue
                elif synthetic_level(e.row) is None or (n is not None and synthetic_level(e.row) != level):
                    continue  # (款/项 printed without a code: uncoded_rows.py)
                out.append(e)
            if out:
                return out
        return out


_UNNAMED_COLUMN = lazy_compile(r"^c[0-9]+$")
_NO_DATA = lazy_compile(r"无数据|空表|没有.{0,30}(?:收入|支出|经费)|无.{0,30}(?:安排的|收入|支出)")


def _says_no_data(table) -> bool:
    """An empty table counts as zeros only when its note says there is nothing to show
    ("故本表无数据"); a table of which nothing was read is not empty."""
    return any(_NO_DATA.search(fold(line)) for line in [*table.notes, *getattr(table, "caption", [])])


def _not_understood(table) -> str | None:
    """Why binding should not trust a table the recogniser only partly understood:
    values in columns it could not name (a second year's columns beside this year's),
    or 三公 rows it could not key (a vertical layout read as one row) — unless those
    rows are the 合计 row's breakdown by unit (杭州, 湖州, 长沙: they add up to it)."""
    three_public = table.kind in ("three_public", "final_three_public")
    for row in table.rows:
        for cell in row.cells:
            if cell.state == "value" and _UNNAMED_COLUMN.match(cell.column) and cell.value:
                return f"{table.kind} 表有未识别的数值列（{cell.column}），可能读错"
        if (
            row.key is None
            and row.kind != "other_year"
            and three_public
            and any(c.state == "value" and c.value for c in row.cells)
            and not _unit_breakdown(table)
        ):
            return f"{table.kind} 表有无法定位的数据行（{row.label[:10]}），可能读错"
    return None


def _unit_breakdown(table) -> bool:
    """The unkeyed rows of a one-row table add up, column by column, to its 合计 row (and
    none is keyed otherwise): they list the units the 合计 covers — or the first repeats the
    合计 (the department's own line) and the others add up to it (西安: 合计 | 部门 | 单位…)."""
    total = table.row("total")
    if total is None or any(r.key not in (None, "total") for r in table.rows):
        return False
    parts = [r for r in table.rows if r.key is None and any(c.state == "value" and c.value for c in r.cells)]
    if not parts:
        return False
    return _adds_up_to(total, parts) or (
        len(parts) > 1 and _adds_up_to(total, parts[:1]) and _adds_up_to(total, parts[1:])
    )


def _adds_up_to(total, parts) -> bool:
    """Every column of ``parts`` adds up to the ``total`` row's (within rounding)."""
    columns = {c.column for r in [total, *parts] for c in r.cells if c.state == "value"}
    for column in columns:
        whole = total.cell(column)
        if whole is None or whole.state != "value" or whole.value is None:
            return False
        cells = [c for r in parts if (c := r.cell(column)) is not None and c.state == "value" and c.value is not None]
        got = sum((c.value for c in cells), ZERO)
        slack = sum((Decimal(5) * Decimal(10) ** -((c.decimals or 0) + 1) for c in [whole, *cells]), ZERO)
        if abs(whole.value - got) > slack:
            return False
    return True


def _norm_label(s: str) -> str:
    s = re.sub(r"\s+|[（）()]|支出$|（类）|（款）|（项）", "", fold(s or ""))
    return re.sub(r"支出$", "", s)


def _agrees(printed: Printed | None, value: tuple[Decimal, Decimal]) -> bool:
    if printed is None:
        return True
    return abs(printed.wan - value[0]) <= printed.half_wan + value[1]


def distrust_unbalanced(lookup: FactLookup, vocab: Vocabulary) -> None:
    """Drop the facts of tables whose own identities fail (subjects.yaml: table_identities)."""
    for whole, parts in vocab.table_identities:
        kind = whole.split("[", 1)[0]
        if kind in lookup.distrusted:
            continue
        w = lookup.resolve(whole)
        resolved = [lookup.resolve(p) for p in parts]
        ps = [p for p in resolved if p is not None]
        if w is None or len(ps) < len(resolved):
            continue
        total = sum((p[0] for p in ps), ZERO)
        slack = w[1] + sum((p[1] for p in ps), ZERO)
        if abs(w[0] - total) > slack:
            lookup.distrusted[kind] = f"{whole} ≠ 各部分之和（{total}），该表可能读错"
    if lookup.distrusted:  # (from_index also marks tables it only partly understood)
        lookup.drop([a for a, e in lookup.by_address.items() if e.table_kind in lookup.distrusted])


def bind(
    claims: list[Claim], lookup: FactLookup, vocab: Vocabulary | None = None, doc_kind: str | None = None
) -> list[BoundClaim]:
    """Each claim with its binding (see the module docstring)."""
    vocab = vocab or load_vocabulary()
    if not lookup.checked:
        distrust_unbalanced(lookup, vocab)
        lookup.checked = True
    if doc_kind is None:  # 决算 tables are the final_* kinds
        kinds = {e.table_kind for e in lookup.by_address.values()} | set(lookup.empty_tables)
        doc_kind = "final" if any(k.startswith("final_") for k in kinds) else "budget"
    return [BoundClaim(claim, _bind_one(claim, lookup, vocab, doc_kind)) for claim in claims]


def bind_document(
    doc: Document, index: DocIndex | None = None, vocab: Vocabulary | None = None
) -> tuple[FactLookup, list[tuple[Paragraph, list[BoundClaim]]]]:
    """The document's claims, paragraph by paragraph, bound to its tables as the rules see them
    (``index``: the engine's fact index of ``doc``, where a blank cell of a printed row is 0),
    and the facts they were bound to."""
    vocab = with_project_names(vocab or load_vocabulary(), doc)
    lookup = FactLookup.from_index(index if index is not None else DocIndex(doc))
    kind = doc.kind.value if doc.kind else None
    found = paragraph_claims(doc.paragraphs, vocab)
    return lookup, [(paragraph, bind(claims, lookup, vocab, kind)) for paragraph, claims in found]


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
        if not rows and level in ("类", "款"):
            return _economic_candidates(name, level, lookup)
        for anc_name, anc_level in ancestors:  # 项 names repeat across 款: narrow by the chain
            if len({r.row for r in rows}) <= 1:
                break
            if anc_level == "类":
                prefixes = {code for code in (vocab.class_code(anc_name),) if code is not None}
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
        name = subject[len("projrow:") :]
        addresses = [
            e.address
            for e in lookup.by_address.values()
            if e.table_kind == "projects"
            and e.column == "total"
            and re.fullmatch(r"p[0-9]+", e.row)
            and fold_text(e.label).text == name
        ]
        return addresses if len(addresses) == 1 else []
    s = vocab.subjects.get(subject)
    return list(s.facts) if s else []


# 经济分类 tables, in the order a 基本支出 item is looked up (3-digit 类, 5-digit 款 rows).
_ECONOMIC_TABLES = ("gpb_basic", "basic_economic", "admin_costs", "final_gpb_basic")


def _economic_candidates(name: str, level: str, lookup: FactLookup) -> list[str]:
    """A 类/款 no functional table names may be a 经济分类 item (江苏: "工资福利支出（类）2,097.51万元，
    其中：基本工资（款）737.94万元"). Several tables print such rows for different money (基本支出,
    机关运行经费): bound only to one that agrees ("?"), never contradicted."""
    out = []
    for kind in _ECONOMIC_TABLES:
        rows = lookup.rows_labelled(name, level, (kind,))
        if len({r.row for r in rows}) == 1:
            out.append("?" + rows[0].address)
    return out


def _coded_candidates(name: str, code: str, kinds: tuple[str, ...], lookup: FactLookup, gpb: bool) -> list[str]:
    """The rows of the code the narrative prints ("行政运行（2010801）"), when the tables
    give that row the same name; another name under that code leaves the claim unbound."""
    rows = [
        e
        for kind in kinds
        for e in lookup.by_address.values()
        if e.table_kind == kind and e.column == "total" and e.row == code
    ]
    if any(e.label and not _same_name(e.label, name) for e in rows):
        return []
    if len(code) == 3:
        return _class_candidates(code, gpb)
    # (none read: the rows' addresses all the same, so the claim says which table is missing or distrusted)
    return [e.address for e in rows] or [f"{kind}[{code}].total" for kind in kinds]


def _same_name(label: str, name: str) -> bool:
    """A table's row label names the narrative's item: the same words, or their start where the
    cell's width cut the label ("机关事业单位职业年金" for 机关事业单位职业年金缴费支出, 西安)."""
    printed, said = _norm_label(label), _norm_label(name)
    return printed == said or (len(printed) >= 8 and said.startswith(printed))


def _chain_agrees(row: Entry, ancestors, lookup: FactLookup, vocab: Vocabulary) -> bool:
    """The row sits under the 款/类 the narrative names, where the tables show them
    (“林业和草原（款）一般行政管理事务（项）” is not 2130302 under 水利)."""
    for anc_name, anc_level in ancestors:
        if anc_level == "类":
            code = vocab.class_code(anc_name)
            if code is not None and not row.row.startswith(code):
                return False
        elif anc_level == "款":
            parent_key = synthetic_parent(row.row) if is_synthetic(row.row) else row.row[:5]
            parent = next(
                (
                    e
                    for e in lookup.by_address.values()
                    if e.row == parent_key and e.column == "total" and e.table_kind == row.table_kind
                ),
                None,
            )
            if parent is not None and parent.label and _norm_label(parent.label) != _norm_label(anc_name):
                return False
            if parent is None and lookup.rows_labelled(anc_name, "款", (row.table_kind,)):
                return False  # the named 款 is printed elsewhere, not above this row
    return True


def _part_column(candidate: str, part: str) -> str:
    """``gpb_expense[204].total`` → ``gpb_expense[204].project``."""
    return candidate[: -len("total")] + part


def _gpb_section_only(claim: Claim) -> bool:
    """The claim's section is about 一般公共预算 money and its sentence names no other fund."""
    return claim.section_funds == "一般公共预算" and not any(
        w in (claim.sentence or "") for w in ("政府性基金", "国有资本经营")
    )


def _is_gpb_address(candidate: str) -> bool:
    """A 一般公共预算 figure: a gpb table, or the gpb column of a summary table."""
    first = candidate.lstrip("?").split("+", 1)[0]
    kind = first.split("[", 1)[0]
    column = first.split("].", 1)[1] if "]." in first else ""
    return kind in _GPB_KINDS or column == "gpb"


def _class_candidates(code: str, gpb: bool) -> list[str]:
    """Where a 类 total is printed: expense tables, then the summary tables' 类 rows."""
    gpb_first = [
        f"gpb_expense[{code}].total",
        f"final_gpb_expense[{code}].total",
        f"fiscal_summary[{code}].gpb",
        f"final_fiscal_summary[{code}].gpb",
    ]
    all_funds = [
        f"expense[{code}].total",
        f"final_expense[{code}].total",
        f"income_expense_summary[{code}].amount",
        f"final_summary[{code}].amount",
        f"fiscal_summary[{code}].total",
        f"final_fiscal_summary[{code}].total",
        f"final_fiscal_summary[{code}].amount",
    ]
    return gpb_first + all_funds if gpb else all_funds + gpb_first


def _pick(claim: Claim, role: str, candidates: list[str], lookup: FactLookup):
    printed = claim.number(role)
    first = None
    for cand in candidates:
        # "?a+b" (or "a+b?"): a reading some regions use and others do not (江苏 人员经费 = 301 + 303
        # rows; 福州 counts part of it as 公用经费): bound only where it agrees, never contradicted.
        only_if_agrees = cand.startswith("?") or cand.endswith("?")
        cand = cand.strip("?")
        value = lookup.resolve(cand)
        if value is None:
            continue
        if only_if_agrees and (printed is None or not _agrees(printed, value)):
            continue
        if lookup.all_blank(cand) and (printed is None or printed.value != 0):
            # A blank cell beside a non-zero narrative figure is more often a cell the
            # reader could not place than a real 0: do not bind to it.
            continue
        if first is None:
            first = (cand, value)
        if _agrees(printed, value):
            return cand, value
    return first


# The figure of each kind a table restates.
_MAIN_ROLE = {"amount": "amount", "share": "part", "change": "now", "execution": "actual"}


def _bind_one(claim: Claim, lookup: FactLookup, vocab: Vocabulary, doc_kind: str) -> Binding:
    subject = claim.subject
    amount = claim if isinstance(claim, AmountClaim) else None

    def unbound(reason: str) -> Binding:
        return Binding(subject=subject, unbound_reason=reason)

    if doc_kind == "final" and amount is not None and amount.role == "budget":
        return unbound("决算表中没有年初预算数")
    if isinstance(claim, EvaluationClaim):
        return bind_evaluation(claim, lookup.forms)
    if isinstance(claim, (DateClaim, AdmissionClaim, BreakdownClaim)):
        return unbound("此类陈述不对应单个表格数字")
    if doc_kind != "final" and amount is not None and amount.prior_year:
        return unbound(PRIOR_YEAR_REASON)
    if amount is not None and amount.earlier_year:
        return unbound("句中写明的上一年度数字（比较基数），不与本年表格核对")
    if amount is not None and amount.aside:
        return unbound("括号中的补充数字（多为上年数或说明），不与本年表格核对")
    if claim.in_admission:
        return unbound("自述数据错误的句子中的数字，不与表格核对")
    if isinstance(claim, CountClaim):
        if subject != "projects_count":
            return unbound("计数只在叙述内部核对（各部分之和）")
        if lookup.project_rows is None:
            return unbound("文件中没有项目支出表")
        return Binding(subject=subject, bound_to=("projects[p*]",), fact=Interval(Decimal(lookup.project_rows), ZERO))
    gpb = "一般公共预算" in claim.sentence or "一般公共预算" in claim.subject_text
    by_name = bool(subject and subject.startswith("funcname:"))
    if by_name and subject:  # a 类 named without （类） (tokens.py): bound like one, but only where it agrees
        subject = "func:" + subject.split(":", 1)[1]
    role = _MAIN_ROLE.get(claim.kind, "amount")
    performance = isinstance(claim, (AmountClaim, ShareClaim)) and claim.performance
    reason_detail = isinstance(claim, (AmountClaim, ChangeClaim)) and claim.reason_detail
    bound_to: tuple[str, ...] = ()
    fact: Interval | None = None
    reason: str | None = None
    if performance:
        reason = "绩效管理覆盖的资金（“涉及…”），不与表格合计核对"
    elif claim.one_project:
        reason = "单个项目的资金（绩效自评等），不与部门表格合计核对"
    elif claim.self_evaluation:
        reason = "绩效自评中的预算数、执行数（自评表口径），不与部门收支表格核对"
    elif subject is None and amount is not None and amount.use_detail:
        reason = "“主要用于”之后的用途明细金额，表中没有对应数字"
    elif subject is None and reason_detail:
        reason = "说明增减原因时举出的金额（某个项目或用途的数字），表中没有对应数字"
    elif subject is None:
        reason = "没有识别出陈述的对象（主语）"
    elif not _printed_in_set(subject, vocab, lookup):
        reason = NOT_PRINTED_REASON
    elif subject in _ALL_FUNDS_ONLY and _narrowed_funds(claim) not in (None, "财政拨款"):
        reason = f"句中限定了资金范围，表中只有全部资金的“{vocab.name(subject)}”"
    else:
        candidates = _candidates(subject, vocab, lookup, gpb)
        if (
            doc_kind == "final"
            and amount is not None
            and amount.budget_word
            and any(c.startswith("final_three_public[") for c in candidates)
        ):
            # "“三公”经费支出预算 593.46 万元" in a 决算: the table's 预算数 column, never its 决算数
            candidates = [c.replace("].", "].budget.", 1) for c in candidates if c.startswith("final_three_public[")]
        part = claim.part_of
        if part:  # the 基本支出 / 项目支出 column of the row (see extract._spending_part)
            candidates = (
                []
                if part == "?"
                else [
                    _part_column(c, part)
                    for c in candidates
                    if c.split("[", 1)[0] in _FUNC_TABLES and c.endswith("].total")
                ]
            )
        elif subject.startswith("func:"):
            column = _heading_column(claim)  # "（2）公用经费：…" / "（3）专项业务经费：…" (西安)
            if column is not None:
                candidates = [c[: -len(".total")] + "." + column for c in candidates if c.endswith("].total")]
        elif subject in _ECONOMIC_CODES and (column := _heading_column(claim)) is not None:
            # "②公用经费：商品和服务支出（302）126万元" (西安): that column of the 经济分类 table;
            # where it prints no such split, unbound (the row's total is another figure)
            code = _ECONOMIC_CODES[subject]
            candidates = [f"?{kind}[{code}].{column}" for kind in _ECONOMIC_SPLIT_TABLES]
        elif subject in _ECONOMIC_CODES and "经济分类" in claim.sentence:
            # "按支出经济分类划分：…商品和服务支出 48.68 万元": all the spending of that class, 项目支出
            # included; a table's 基本支出 figure of it is bound only where it agrees
            candidates = ["?" + c.strip("?") for c in candidates]
        if subject in _ALL_FUNDS_ONLY and _narrowed_funds(claim) == "财政拨款":
            # the 财政拨款收支总表's own carry-over, never the all-funds one
            candidates = [
                f"{kind}[{_FISCAL_SIDE[subject]}.carryover].{col}"
                for kind in ("fiscal_summary", "final_fiscal_summary")
                for col in ("amount", "total")
            ]
        if subject == "fiscal_expense" and _gpb_section_only(claim):
            # "五、一般公共预算财政拨款支出决算情况说明 … 财政拨款支出减少 X 万元": the 一般公共预算
            # column of the 财政拨款收支总表, not its total over every fund (西安 卫健委 2022)
            candidates = [f"{kind}[out.current_total].gpb" for kind in ("fiscal_summary", "final_fiscal_summary")]
        if claim.gpb_scope and (subject in _SCOPED or subject.startswith("func:")):
            # "一般公共预算支出……其中：基本支出": the 一般公共预算 tables, never all funds
            candidates = [c for c in candidates if _is_gpb_address(c)]
        elif not gpb and subject in _SCOPED and not lookup.only_gpb_money():
            # "基本支出 X 万元" speaks of all funds: a 一般公共预算 table states another amount
            # unless the document shows the other funds to be zero. (功能分类 items are listed in
            # the 一般公共预算 section and keep their table order, 一般公共预算 tables included.)
            candidates = [c for c in candidates if not _is_gpb_address(c)]
        func_distrust = (
            [lookup.distrusted[k] for k in _FUNC_TABLES if k in lookup.distrusted]
            if subject.startswith("func:")
            else []
        )
        if not candidates and part == "?":
            reason = "句中前文提到基本支出或项目支出：所述可能只是该科目的一部分，不据此核对"
        elif not candidates and func_distrust:
            reason = f"不据此核对：{func_distrust[0]}"
        elif not candidates:
            reason = (
                f"“{vocab.name(subject)}”没有对应的表格数字"
                if subject in vocab.subjects and not vocab.subjects[subject].facts
                else f"表中找不到“{vocab.name(subject)}”，或有多个同名科目"
            )
        else:
            picked = _pick(claim, role, candidates, lookup)
            distrusted = [
                lookup.distrusted[k]
                for k in dict.fromkeys(c.lstrip("?").split("[", 1)[0] for c in candidates)
                if k in lookup.distrusted
            ]
            if picked is None and distrusted:
                reason = f"不据此核对：{distrusted[0]}"
            elif picked is None:
                reason = f"表中没有“{vocab.name(subject)}”的数字（候选：{'、'.join(candidates[:3])}）"
            elif by_name and not _agrees(claim.number(role), picked[1]):
                # "项目支出…其中：公共安全支出 X": a 类 named in a list may be part of the class
                reason = (
                    f"“{vocab.name(subject)}”只按名称识别，与表中该类合计不同，"
                    "可能只是其中一部分（如项目支出中的该类），不据此核对"
                )
            else:
                address, (value, half) = picked
                bound_to, fact = (address,), Interval(value, half)
    if not isinstance(claim, ShareClaim):
        return Binding(subject=subject, bound_to=bound_to, fact=fact, unbound_reason=reason)
    whole_subject = claim.whole_subject
    picked = None
    if whole_subject:
        candidates = _candidates(whole_subject, vocab, lookup, gpb)
        if claim.whole is None:  # "占总支出94.24%": the reading of the named whole the share fits
            picked = next(
                (
                    (c.rstrip("?"), v)
                    for c in candidates
                    if (v := lookup.resolve(c.rstrip("?"))) is not None and _share_agrees(claim, fact, v)
                ),
                None,
            )
        picked = picked or _pick(claim, "whole", candidates, lookup)
    elif subject:
        implied, picked = _implied_whole(claim, subject, fact, vocab, lookup, gpb)
        whole_subject = implied or whole_subject
    whole_bound, whole_fact = None, None
    if picked is not None:
        whole_bound, (value, half) = picked
        whole_fact = Interval(value, half)
    if whole_bound is None and bound_to:
        # (the part's figure is kept: the share is still of that number)
        bound_to, reason = (), "占比的分母（总数）没有对应的表格数字"
    return Binding(
        subject=subject,
        bound_to=bound_to,
        fact=fact,
        whole_subject=whole_subject,
        whole_bound=whole_bound,
        whole_fact=whole_fact,
        unbound_reason=reason,
    )


def _implied_whole(
    claim: ShareClaim, subject: str, fact: Interval | None, vocab: Vocabulary, lookup: FactLookup, gpb: bool
):
    """The whole of a share that names none ("人员支出 2906.80 万元，占 49.4%"): the subject's
    parent in the vocabulary (基本支出 for 人员经费), else a further ancestor (支出合计) when
    the share agrees with that one only; a 类 of the 功能分类 is a share of the 一般公共预算
    支出 in its section, else of 支出合计 (the one the share agrees with, scope first)."""
    if subject.startswith("func:") and subject.split("|")[1:2] == ["类"]:
        chain = ["gpb_total", "expense_current_total"]
        if not claim.gpb_scope and not gpb:
            chain.reverse()
    else:
        chain = []
        parent = vocab.parent_of(subject)
        while parent and parent not in chain:
            chain.append(parent)
            parent = vocab.parent_of(parent)
    first = None
    for whole in chain:
        picked = _pick(claim, "whole", _candidates(whole, vocab, lookup, gpb), lookup)
        if picked is None:
            continue
        if first is None:
            first = (whole, picked)
        if _share_agrees(claim, fact, picked[1]):
            return whole, picked
    return first if first is not None else ("", None)


def _share_agrees(claim: ShareClaim, fact: Interval | None, whole: tuple[Decimal, Decimal]) -> bool:
    """part ÷ whole × 100 can print as the claim's share (a unit of its last digit of slack)."""
    if whole[0] <= 0:
        return False
    if claim.part is not None:
        part, part_half = claim.part.wan, claim.part.half_wan
    elif fact is not None:
        part, part_half = fact.mid, fact.half
    else:
        return False
    lo = (part - part_half) / (whole[0] + whole[1]) * 100 if whole[0] + whole[1] > 0 else Decimal(0)
    hi = (part + part_half) / (whole[0] - whole[1]) * 100 if whole[0] - whole[1] > 0 else Decimal(10) ** 9
    unit = Decimal(10) ** -(claim.share.decimals or 0)
    return lo - unit <= claim.share.value <= hi + unit


def _printed_in_set(subject: str, vocab: Vocabulary, lookup: FactLookup) -> bool:
    """False for a subject only some regions' tables print, when no table of this set prints it."""
    s = vocab.subjects.get(subject)
    if s is None or not s.only_where_printed:
        return True
    wanted = {(a.split("[", 1)[0], a.split("].", 1)[1]) for c in s.facts for a in c.lstrip("?").split("+") if "]." in a}
    return bool(wanted & lookup.printed)


def restates_table(bound: BoundClaim, vocab: Vocabulary | None = None) -> bool:
    """Whether an amount/share claim is one that should restate a table figure.

    Not: figures inside a sentence admitting an error, and subjects no table
    of the set carries (政府采购 in the Henan sets: ``facts: []``).
    """
    vocab = vocab or load_vocabulary()
    claim, binding = bound.claim, bound.binding
    if not isinstance(claim, (AmountClaim, ShareClaim)):
        return False
    amount = claim if isinstance(claim, AmountClaim) else None
    if (
        claim.in_admission
        or (amount is not None and amount.use_detail)
        or (claim.subject is None and amount is not None and amount.reason_detail)
        or claim.performance
        or claim.one_project
        or claim.self_evaluation
    ):
        return False
    if binding.unbound_reason in NOT_RESTATING_REASONS:
        return False
    s = vocab.subjects.get(binding.subject or "")
    return not (s is not None and not s.facts)


def states_table_figure(bound: BoundClaim, vocab: Vocabulary | None = None) -> bool:
    """Whether an amount / share / change / execution claim should be checked against a
    table figure: ``restates_table`` for amounts and shares; a change or execution rate of a
    subject no table carries (机关运行经费, 会议费 …), a 决算's 年初预算 base, a budget's
    figure of the year before, a 决算's difference from its 预算 ("决算数较预算数减少 X") and
    a 绩效自评's figures are not."""
    vocab = vocab or load_vocabulary()
    claim, binding = bound.claim, bound.binding
    if isinstance(claim, (AmountClaim, ShareClaim)):
        return restates_table(bound, vocab)
    if not isinstance(claim, (ChangeClaim, ExecutionClaim)):
        return False
    change = claim if isinstance(claim, ChangeClaim) else None
    if (
        claim.in_admission
        or claim.one_project
        or claim.self_evaluation
        or (change is not None and change.versus_budget)
        or (claim.subject is None and change is not None and change.reason_detail)
    ):
        return False
    if binding.unbound_reason in NOT_RESTATING_REASONS:
        return False
    s = vocab.subjects.get(binding.subject or "")
    return not (s is not None and not s.facts)


def bound_share(claims: list[BoundClaim]) -> tuple[int, int]:
    """(bound, total) over the amount and share claims that restate a table figure."""
    relevant = [c for c in claims if restates_table(c)]
    return sum(1 for c in relevant if c.binding.bound_to), len(relevant)
