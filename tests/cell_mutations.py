"""Plant one printed error in one table cell and see whether the check reports it there.

Shared by tests/test_cell_mutation_properties.py (hypothesis, a few cells per
document) and benchmarks/mutation_catch.py (every cell). Two errors, as a clerk
makes them: a value multiplied by 10 000 (an amount in 元 typed into a 万元
cell) and two adjacent digits transposed (12.34 → 12.43).

Which cells can be caught is measured, not assumed: ``trace_check`` runs the
rules on the unmutated document and records, per evaluated binding, every
comparison and the cells on each of its sides. A cell on a side of an ``==``
the engine evaluated (an identity: 合计 = Σ parts, the same amount in two
tables, a narrative figure = its table cell) must be caught; a cell only under
an inequality (a plausibility bound, part ≤ whole) can be caught by ×10 000 on
the bounded side only; a cell no evaluated comparison touches cannot be caught
at all. Each group is counted, none is dropped.

A planted error counts as reported when the mutated document has an error or
warning finding that the unmutated one has not (same fingerprint and message
= the same finding) with a location on the cell: same table id and row key, or
the cell's fact address, or (for a text source mutated in place) its line.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from hypothesis import HealthCheck, settings

from budgetlint.engine import check_document
from budgetlint.engine import evaluate as ev
from budgetlint.engine import run as engine_run
from budgetlint.facts.index import DocIndex, TableIndex
from budgetlint.engine.rules import Rule
from budgetlint.model import Cell, Document, DocumentReport, Finding, Row, Table
from budgetlint.numbers import parse_number

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
PDF_FIXTURES = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))

TIMES_10000 = "x10000"
TRANSPOSE = "transpose"
KINDS = (TIMES_10000, TRANSPOSE)
REPORTED = ("error", "warning")
EQUALITY = "=="


# --------------------------------------------------------------------- cells


@dataclass(frozen=True)
class CellId:
    """One recognised cell: table id, row position in the table, column key."""

    table: str
    row: int
    column: str


@dataclass
class Target:
    """A numeric printed cell of a recognised table, with what a finding must point at."""

    id: CellId
    table: Table
    row: Row
    cell: Cell
    name: str  # the table's address name: expense, expense#2
    key: str | None  # the row key the engine uses (a code-less continuation line takes its code row's key)

    @property
    def address(self) -> str:
        return f"{self.name}[{self.key}].{self.cell.column}"

    def label(self) -> str:
        return f"{self.table.id} {self.name}[{self.key}].{self.cell.column} = {self.cell.raw!r}"


def targets(doc: Document) -> list[Target]:
    """Every non-zero numeric cell of every recognised table (keyed row or not)."""
    index = DocIndex(doc)
    out = []
    for ti in index.tables.values():
        table = ti.table
        for node in ti.nodes:
            for cell in node.row.cells:
                if cell.state == "value" and cell.value is not None and cell.value != 0:
                    out.append(
                        Target(CellId(table.id, node.index, cell.column), table, node.row, cell, ti.name, node.key)
                    )
    return out


# ------------------------------------------------------------------ mutations


def times_10000(raw: str, value: Decimal, decimals: int) -> str:
    """The printed text of ``value`` × 10 000 in the cell's own style (separators, decimals)."""
    new = value * 10_000
    text = f"{new:,.{decimals}f}" if "," in raw else f"{new:.{decimals}f}"
    return text


def swap_positions(raw: str) -> list[int]:
    """Positions i where raw[i], raw[i+1] are two different ASCII digits (a transposition there changes the value)."""
    return [
        i
        for i in range(len(raw) - 1)
        if raw[i].isdigit()
        and raw[i + 1].isdigit()
        and raw[i].isascii()
        and raw[i + 1].isascii()
        and raw[i] != raw[i + 1]
    ]


def transposed(raw: str, i: int) -> str:
    return raw[:i] + raw[i + 1] + raw[i] + raw[i + 2 :]


def mutated_raw(target: Target, kind: str, swap: int | None = None) -> str | None:
    """The printed text after the error, or None when this cell admits no such error."""
    cell = target.cell
    raw = (cell.raw or "").strip()
    if parse_number(raw) is None:  # printed with stray characters the recogniser cleaned: no faithful mutation
        return None
    if kind == TIMES_10000:
        return times_10000(raw, cell.value, cell.decimals or 0)
    positions = swap_positions(raw)
    if not positions:
        return None
    # Default: the least significant transposition (smallest change, hardest to see).
    return transposed(raw, positions[-1] if swap is None else swap)


def delta_wan(target: Target, new_raw: str) -> Decimal:
    new = parse_number(new_raw)
    return abs(target.table.unit.to_wan(new.value - target.cell.value))


@contextlib.contextmanager
def planted(target: Target, new_raw: str) -> Iterator[None]:
    """Plant the error in the recognised document in place (value, printed text, decimals: one interval)."""
    cell = target.cell
    parsed = parse_number(new_raw)
    assert parsed is not None, new_raw
    saved = (cell.raw, cell.value, cell.decimals, cell.provenance)
    cell.raw, cell.value, cell.decimals = new_raw, parsed.value, parsed.decimals
    cell.provenance = cell.provenance.model_copy(update={"raw": new_raw})
    try:
        yield
    finally:
        cell.raw, cell.value, cell.decimals, cell.provenance = saved


# ---------------------------------------------------------------------- trace


@dataclass
class Comparison:
    rule_id: str
    severity: str
    op: str
    cells: dict[CellId, str]  # cell -> side ("left" / "right")
    half: Decimal  # Σ half-widths of every fact compared: what rounding lets pass


@dataclass
class Trace:
    """What the engine evaluated on the unmutated document."""

    comparisons: list[Comparison] = field(default_factory=list)
    by_cell: dict[CellId, list[Comparison]] = field(default_factory=dict)

    def add(self, comp: Comparison) -> None:
        self.comparisons.append(comp)
        for c in comp.cells:
            self.by_cell.setdefault(c, []).append(comp)

    def reported(self, cell: CellId) -> list[Comparison]:
        return [c for c in self.by_cell.get(cell, []) if c.severity in REPORTED]

    def group(self, cell: CellId) -> str:
        """identity (an evaluated ==), bound (only inequalities) or untouched."""
        comps = self.reported(cell)
        if any(c.op == EQUALITY for c in comps):
            return "identity"
        return "bound" if comps else "untouched"

    def bounded_side(self, cell: CellId) -> bool:
        """The cell sits on the side an inequality bounds from above (a ×10 000 there breaks it)."""
        for c in self.reported(cell):
            side = c.cells[cell]
            if (c.op in ("<=", "<") and side == "left") or (c.op in (">=", ">") and side == "right"):
                return True
        return False

    def rule_ids(self, cell: CellId) -> set[str]:
        return {c.rule_id for c in self.by_cell.get(cell, [])}

    def tolerance(self, cell: CellId) -> Decimal | None:
        """The smallest rounding allowance of the identities the cell is in (twice Σ half-widths)."""
        halves = [c.half for c in self.reported(cell) if c.op == EQUALITY]
        return 2 * min(halves) if halves else None


def _cell_ids(doc: Document) -> dict[int, CellId]:
    """id(provenance) -> cell, for every cell (a FactHit carries its cell's provenance object)."""
    out = {}
    for table in doc.tables:
        for i, row in enumerate(table.rows):
            for cell in row.cells:
                out[id(cell.provenance)] = CellId(table.id, i, cell.column)
    return out


def trace_check(doc: Document, rules: list[Rule]) -> tuple[DocumentReport, Trace]:
    """Run the rules once, recording every comparison of every evaluated binding and its cells."""
    trace = Trace()
    prov_cells = _cell_ids(doc)
    check_rule = {id(r.check_ast): r for r in rules}
    state: dict[str, list | None] = {"pending": None}
    orig_cell_hit, orig_compare, orig_run_evaluate = TableIndex.cell_hit, ev._compare, engine_run.evaluate
    right_marks: list[tuple[object, list[int]]] = []

    def cell_hit(self, node, column):
        hit = orig_cell_hit(self, node, column)
        if hit is not None and id(hit.provenance) not in prov_cells:  # a provenance completed by the index
            prov_cells[id(hit.provenance)] = CellId(self.table.id, node.index, column)
            keep.append(hit.provenance)
        return hit

    def evaluate(node, ctx):
        # the right operand of the comparison in progress starts here: remember where
        if right_marks and node is right_marks[-1][0]:
            right_marks[-1][1].append(len(ctx.touched))
        return orig_evaluate(node, ctx)

    def compare(node, ctx):
        start = len(ctx.touched)
        mark: list[int] = []
        right_marks.append((node.right, mark))
        try:
            return orig_compare(node, ctx)
        finally:
            right_marks.pop()
            pending = state["pending"]
            if pending is not None and not ctx.probing:
                mid = mark[0] if mark else len(ctx.touched)
                pending.append((node.op, ctx.touched[start:mid], ctx.touched[mid:]))

    def run_evaluate(node, ctx):
        rule = check_rule.get(id(node))
        if rule is None:
            return orig_run_evaluate(node, ctx)
        state["pending"] = []
        try:
            result = orig_run_evaluate(node, ctx)
            for op, left, right in state["pending"]:
                cells: dict[CellId, str] = {}
                for side, hits in (("left", left), ("right", right)):
                    for h in hits:
                        cid = prov_cells.get(id(h.provenance))
                        if cid is not None and not h.blank:
                            cells.setdefault(cid, side)
                if cells:
                    half = sum((h.interval.half for h in left + right), Decimal(0))
                    trace.add(Comparison(rule.id, rule.severity, op, cells, half))
            return result
        finally:
            state["pending"] = None

    keep: list = []
    orig_evaluate = ev.evaluate
    TableIndex.cell_hit = cell_hit
    ev._compare = compare
    ev.evaluate = evaluate
    engine_run.evaluate = run_evaluate
    try:
        report = check_document(doc, rules)
    finally:
        TableIndex.cell_hit = orig_cell_hit
        ev._compare = orig_compare
        ev.evaluate = orig_evaluate
        engine_run.evaluate = orig_run_evaluate
    return report, trace


# ------------------------------------------------------------------- findings


def finding_key(f: Finding) -> tuple[str, str, str]:
    return (f.rule_id, f.fingerprint, f.message)


def baseline_keys(report: DocumentReport) -> set[tuple[str, str, str]]:
    return {finding_key(f) for f in report.findings}


def new_findings(report: DocumentReport, baseline: set) -> list[Finding]:
    return [f for f in report.findings if f.severity in REPORTED and finding_key(f) not in baseline]


def points_at(f: Finding, target: Target, line: int | None = None) -> bool:
    """A location of the finding is the cell: same table and row, its fact address, or its source line."""
    keys = {target.key, (target.key or "").split("#", 1)[0]} - {None, ""}
    base_address = f"{target.name}[{(target.key or '').split('#', 1)[0]}].{target.cell.column}"
    for loc in f.locations:
        if loc.table == target.table.id and loc.row in keys:
            return True
        if loc.address in (target.address, base_address):
            return True
        if line is not None and loc.line == line and loc.path == target.cell.provenance.path:
            return True
    return False


@dataclass
class Baseline:
    """The unmutated document: its report (the findings a mutation must add to) and what it evaluated."""

    doc: Document
    report: DocumentReport
    trace: Trace
    keys: set = field(default_factory=set)

    @classmethod
    def of(cls, doc: Document, rules: list[Rule]) -> "Baseline":
        report, trace = trace_check(doc, rules)
        return cls(doc, report, trace, baseline_keys(report))

    def flagged(self, target: Target) -> bool:
        """An error/warning of the unmutated document already points at the cell."""
        return any(f.severity in REPORTED and points_at(f, target) for f in self.report.findings)

    def must_catch(self, target: Target, new_raw: str) -> bool:
        """The cell is in an identity the engine evaluated, and the change exceeds what rounding
        allows there (twice the Σ half-widths of the tightest such identity): the identity
        cannot hold any more whatever the unprinted digits were."""
        tol = self.trace.tolerance(target.id)
        return tol is not None and delta_wan(target, new_raw) > tol


@dataclass
class Outcome:
    # "new": a new error/warning points at the cell; "already": one pointing at it was there before;
    # "row-warning": no finding, but a new parse warning says the cell's row cannot be placed; "missed"
    status: str
    new: list[Finding]  # every new error/warning
    at_cell: list[Finding]  # those pointing at the cell

    @property
    def reported(self) -> bool:
        return self.status in ("new", "already")


def outcome(base: Baseline, target: Target, report: DocumentReport, line: int | None = None) -> Outcome:
    new = new_findings(report, base.keys)
    at = [f for f in new if points_at(f, target, line)]
    if at:
        return Outcome("new", new, at)
    still = [f for f in report.findings if f.severity in REPORTED and points_at(f, target, line)]
    if still and base.flagged(target):
        return Outcome("already", new, still)
    if line is not None and _unplaceable(report, base.report, target, line):
        return Outcome("row-warning", new, [])
    return Outcome("missed", new, [])


def _unplaceable(report: DocumentReport, clean: DocumentReport, target: Target, line: int) -> bool:
    """The recogniser now warns that no column placement of the cell's row adds up (a left-packed
    row of a text export): the row is flagged, and the engine does not guess its columns."""
    before = {(w.code, w.message) for w in clean.parse_warnings}
    return any(
        w.code == "ambiguous-row"
        and w.provenance is not None
        and w.provenance.line == line
        and w.provenance.path == target.cell.provenance.path
        and (w.code, w.message) not in before
        for w in report.parse_warnings
    )


def check_planted(base: Baseline, target: Target, new_raw: str, rules: list[Rule]) -> Outcome:
    with planted(target, new_raw):
        report = check_document(base.doc, rules)
    return outcome(base, target, report)


def target_group(trace: Trace, target: Target) -> str:
    """The trace's group of the target's cell, where a row the recogniser could not key counts as
    ``bound``: no table identity reads such a row, only a narrative binding that places it by the
    table's arithmetic (杭州 款/项 printed without codes) or binds only where the figure agrees; a
    planted error there unbinds the claim rather than contradicting it."""
    group = trace.group(target.id)
    return "bound" if group == "identity" and target.key is None else group


def rules_touching(trace: Trace, cell: CellId, rules: list[Rule]) -> list[Rule]:
    """The rules that read the cell on the unmutated document.

    Rules run independently, so a finding of another rule cannot come from this
    cell unless the cell changes whether that rule's binding runs; the benchmark
    re-checks every miss with all rules to be exact.
    """
    ids = trace.rule_ids(cell)
    return [r for r in rules if r.id in ids]


# ------------------------------------------------------------ source text


def read_source(path: Path) -> str:
    from budgetlint.read.text import decode_bytes

    return decode_bytes(path.read_bytes(), str(path))


def source_mutant(text: str, target: Target, new_raw: str) -> str | None:
    """The text export with the cell's printed figure replaced on its own line, or None when
    the cell cannot be found there (a cell joined from two lines, a value the recogniser placed).

    The line is a tab-separated row or a layout-text row (figures between spaces); the same
    figure printed twice on it (合计 = 基本支出) is told apart by order: k-th cell, k-th figure.
    """
    prov = target.cell.provenance
    old = (target.cell.raw or "").strip()
    if prov.line is None or prov.end_line is not None or not prov.raw or not old:
        return None
    lines = text.split("\n")
    line = lines[prov.line - 1]
    if "\t" in line:
        spans, start = [], 0
        for field_text in line.split("\t"):
            if field_text == prov.raw:
                spans.append((start, start + len(field_text)))
            start += len(field_text) + 1
    else:
        spans = [m.span() for m in re.finditer(r"(?<!\S)" + re.escape(prov.raw.strip()) + r"(?!\S)", line)]
    twins = [c for c in target.row.cells if c.provenance.line == prov.line and c.provenance.raw == prov.raw]
    k = next((j for j, c in enumerate(twins) if c is target.cell), None)
    if k is None or k >= len(spans):
        return None
    a, b = spans[k]
    field_text = line[a:b]
    if old not in field_text:
        return None
    lines[prov.line - 1] = line[:a] + field_text.replace(old, new_raw, 1) + line[b:]
    return "\n".join(lines)


def recognise_text(text: str, path: Path) -> Document:
    """Read and recognise a text export given as a string (exactly what load_document does with the file)."""
    from budgetlint.read.text import parse_text
    from budgetlint.recognise import recognise_all
    from budgetlint.recognise.header_layouts import header_layouts

    return recognise_all([parse_text(text, str(path), header_layouts())])


def located(doc: Document, target: Target, new_raw: str) -> bool:
    """The mutated text was recognised as the same cell (same table, row, column) with the new figure."""
    table = next((t for t in doc.tables if t.id == target.table.id and t.kind == target.table.kind), None)
    if table is None or target.id.row >= len(table.rows):
        return False
    cell = table.rows[target.id.row].cell(target.cell.column)
    return cell is not None and (cell.raw or "").strip() == new_raw


def check_source_mutant(
    base: Baseline, target: Target, new_raw: str, text: str, path: Path, rules: list[Rule]
) -> Outcome | None:
    """Mutate the source text, read and recognise it again, check; None when the mutation
    could not be placed on the cell or the recogniser read the cell elsewhere."""
    mutant = source_mutant(text, target, new_raw)
    if mutant is None:
        return None
    doc = recognise_text(mutant, path)
    if not located(doc, target, new_raw):
        return None
    return outcome(base, target, check_document(doc, rules), line=target.cell.provenance.line)


def reproducible(max_examples: int) -> settings:
    """Hypothesis settings for a property over the real documents: the same inputs every run
    (derandomized, no example database), no deadline (one check takes seconds), and no health
    check on slow or filtered draws (a document has few cells of each kind)."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
