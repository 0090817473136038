"""Evaluate a parsed rule expression against a document's fact index.

Values during evaluation: ``Interval`` (money, 万元), ``bool``, ``str``,
``list``, ``Ref`` (an unresolved fact reference) and document items
(``TableItem``, ``ParagraphItem``, ``RequiredTableItem``). A ``Ref`` becomes an ``Interval`` when
arithmetic or a comparison needs it; every fact resolved that way is recorded
in ``ctx.touched`` so a failed comparison can point at its cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from budgetlint.engine import expr as E
from budgetlint.engine.expr import Failure, Missing, Skip
from budgetlint.facts.index import DocIndex, FactHit, RowNode, TableIndex
from budgetlint.facts.interval import ZERO, Interval, sum_intervals
from budgetlint.errors import RuleError
from budgetlint.model import Paragraph, Provenance, Table

MAX_STEPS = 200_000  # per binding


@dataclass
class Ref:
    """A fact reference: one table, the printed rows it covers, one column."""

    table: TableIndex
    nodes: list[RowNode]
    column: str
    address: str


@dataclass
class TableItem:
    """A table as a rule's ``it``."""

    index: TableIndex | None
    table: Table

    @property
    def provenance(self) -> Provenance:
        return self.table.provenance


@dataclass
class ParagraphItem:
    """A paragraph as a rule's ``it``."""

    paragraph: Paragraph

    @property
    def provenance(self) -> Provenance:
        return self.paragraph.provenance


@dataclass
class RequiredTableItem:
    """A table the document's set requires and the recogniser did not find (rules/vocab/table_sets.yaml)."""

    kind: str
    name: str  # its standard name, for the message
    provenance: Provenance  # where it belongs: after the last table of the set before it
    set_size: int = 0


@dataclass
class EvalContext:
    """What a rule expression is evaluated against: the document's facts and the current binding."""

    index: DocIndex
    table_override: dict[str, TableIndex] = field(default_factory=dict)
    row_table: TableIndex | None = None
    row: RowNode | None = None
    column: str | None = None
    by_key: bool = False  # cross-table rule: * means the row key (all printings), not one printed row
    names: dict[str, Any] = field(default_factory=dict)
    touched: list[FactHit] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    vars: dict[str, str] = field(default_factory=dict)  # extra message variables set by functions
    locations: list[Any] = field(default_factory=list)  # extra (provenance, excerpt) set by functions
    related: list[Any] = field(default_factory=list)  # (provenance, excerpt, note) a function adds to the finding
    steps: int = 0
    overrides: dict[str, Interval] = field(default_factory=dict)  # address -> value tried for an uncertain cell
    probing: bool = False  # inside a robustness re-evaluation

    @property
    def doc(self):
        return self.index.doc

    # ------------------------------------------------------------ facts

    def table(self, name: str) -> TableIndex:
        base = name.split("#", 1)[0]
        if "#" not in name and base in self.table_override:
            return self.table_override[base]
        t = self.index.table(name)
        if t is None:
            raise Missing(f"缺少表 {name}")
        return t

    def resolve_addr(self, node: E.Addr):
        t = self.table(node.table)
        column = node.column
        if "*" in column.split("."):
            if self.column is None:
                raise RuleError(f"{node.text()}：列通配符 * 没有绑定（规则缺少行/列遍历）")
            column = ".".join(self.column if p == "*" else p for p in column.split("."))
        row = node.row
        if row == "*":
            if self.row is None:
                raise RuleError(f"{node.text()}：行通配符 * 没有绑定")
            key = (self.row.base if self.by_key else self.row.key) or ""
            if self.row_table is t and not self.by_key:
                nodes = [self.row]
            else:
                nodes = t.rows_with_key(key)
        elif row.startswith("@"):
            if row.startswith("@prefix:") and not t.tree_ok:
                # a row whose code could not be read may be one of them: the sum would be short
                raise Missing(f"{t.name}[{row}]（表中有无法识别编码的数据行，按编码前缀求和不完整）")
            found = t.rows_of_kind(row[1:])
            if not found and row.startswith("@prefix:") and t.tree_ok and t.has_codes_like(row[len("@prefix:") :]):
                return []  # a code table without rows under this prefix: the sum is 0
            if not found:
                raise Missing(f"{t.name}[{row}]（没有这类行）")
            return [Ref(t, [n], column, t.address(n, column)) for n in found]
        else:
            nodes, key = t.rows_with_key(row), row
        address = f"{t.name}[{key}]" + (f".{column}" if column else "")
        return Ref(t, nodes, column, address)

    def hits(self, ref: Ref) -> list[FactHit]:
        if not ref.nodes:
            raise Missing(ref.address)
        out = []
        for n in ref.nodes:
            hit = ref.table.cell_hit(n, ref.column)
            if hit is None:
                raise Missing(ref.table.address(n, ref.column))
            out.append(hit)
        return out

    def value(self, v: Any) -> Interval:
        """Coerce a value to an Interval (resolving references)."""
        if isinstance(v, Interval):
            return v
        if isinstance(v, Ref):
            hits = self.hits(v)
            self.touched.extend(hits)
            return sum_intervals(self.overrides.get(h.address, h.interval) for h in hits)
        if isinstance(v, bool):
            raise RuleError("这里需要数值，得到的是真假值")
        if isinstance(v, (int, Decimal)):
            return Interval.exact(v)
        if isinstance(v, list):
            raise RuleError("这里需要数值，得到的是列表（用 sum(...) 求和）")
        raise RuleError(f"这里需要数值，得到的是 {type(v).__name__}")

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise E.EvalLimit("evaluation step budget exceeded")


def truthy(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    raise RuleError("检查表达式的结果必须是真假值（比较或 and/or/not）")


def evaluate(node: E.Node, ctx: EvalContext) -> Any:
    ctx.tick()
    if isinstance(node, E.Num):
        return Interval.exact(node.value)
    if isinstance(node, E.Str):
        return node.value
    if isinstance(node, E.Bool):
        return node.value
    if isinstance(node, E.ListLit):
        return [evaluate(n, ctx) for n in node.items]
    if isinstance(node, E.Name):
        if node.name in ctx.names:
            return ctx.names[node.name]
        raise RuleError(f"未知的名字“{node.name}”")
    if isinstance(node, E.Addr):
        return ctx.resolve_addr(node)
    if isinstance(node, E.Call):
        spec = E.FUNCTIONS.get(node.name)
        if spec is None:
            raise RuleError(f"未知的函数“{node.name}”")
        if spec.lazy:
            return spec.fn(ctx, *node.args)
        return spec.fn(ctx, *[evaluate(a, ctx) for a in node.args])
    if isinstance(node, E.Not):
        return not truthy(evaluate(node.operand, ctx))
    if isinstance(node, E.Neg):
        return -ctx.value(evaluate(node.operand, ctx))
    if isinstance(node, E.BinOp):
        op = node.op
        if op == "and":
            return truthy(evaluate(node.left, ctx)) and truthy(evaluate(node.right, ctx))
        if op == "or":
            start = len(ctx.failures)
            if truthy(evaluate(node.left, ctx)):
                return True
            mid = len(ctx.failures)
            if truthy(evaluate(node.right, ctx)):
                return True
            if start < mid < len(ctx.failures):
                # Both alternatives failed: the finding's figures (the last failure) are the
                # first alternative's, the rule's own identity, not a fallback's ("opt(x) == y"
                # printing 0.00 for a column the table does not have).
                ctx.failures[start:] = ctx.failures[mid:] + ctx.failures[start:mid]
            return False
        if op in E.COMPARISONS:
            return _compare(node, ctx)
        a = ctx.value(evaluate(node.left, ctx))
        b = ctx.value(evaluate(node.right, ctx))
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a.mul(b)
        if op == "/":
            try:
                return a.div(b)
            except ZeroDivisionError:
                raise Skip("除数可能为零") from None
    raise RuleError(f"无法计算的表达式节点 {type(node).__name__}")  # pragma: no cover


def _compare(node: E.BinOp, ctx: EvalContext) -> bool:
    start = len(ctx.touched)
    left = evaluate(node.left, ctx)
    if not isinstance(left, (str, bool)):
        left = ctx.value(left)
    mid = len(ctx.touched)
    right = evaluate(node.right, ctx)
    if not isinstance(right, (str, bool)):
        right = ctx.value(right)
    end = len(ctx.touched)
    op = node.op
    if isinstance(left, (str, bool)) or isinstance(right, (str, bool)):
        if op not in ("==", "!="):
            raise RuleError("文字或真假值只能用 == 或 != 比较")
        ok = (left == right) if op == "==" else (left != right)
    elif op == "==":
        ok = left.meets(right)
    elif op == "!=":
        ok = not left.meets(right)
    elif op == "<=":
        ok = left.possibly_le(right)
    elif op == "<":
        ok = left.possibly_lt(right)
    elif op == ">=":
        ok = right.possibly_le(left)
    else:
        ok = right.possibly_lt(left)
    if not ok and not ctx.probing:
        for side in (ctx.touched[start:mid], ctx.touched[mid:end]):
            if side and all(h.dead for h in side):
                raise Missing(f"{side[0].address} 等列在表中没有任何数值（该表可能不分列填报）")
        uncertain = {h.address: h for h in ctx.touched[start:end] if h.candidates}
        if uncertain and not _fails_for_every_placement(node, ctx, list(uncertain.values())):
            raise Uncertain(sorted(uncertain))
        ctx.failures.append(Failure(op, left, right, ctx.touched[start:mid], ctx.touched[mid:end]))
    return ok


MAX_PLACEMENTS = 512


class Uncertain(Exception):
    """A comparison fails as printed, but would hold if a row whose columns the
    recogniser could not fix had its values in other columns: not a finding."""

    def __init__(self, addresses: list[str]):
        super().__init__(", ".join(addresses))
        self.addresses = addresses


def _fails_for_every_placement(node: E.BinOp, ctx: EvalContext, hits: list[FactHit]) -> bool:
    """True when the comparison fails whichever of its row's values (or blank) each uncertain cell holds.

    The candidate set of a cell is every value of its row that the printed order
    allows in its column, plus 0 (``placement.possible_cells``): a superset of the
    placements the export may have lost, so this only ever removes findings. Too
    many combinations count as "not certain".
    """
    import itertools

    combos = 1
    for h in hits:
        combos *= len(h.candidates or ())
    if combos > MAX_PLACEMENTS:
        return False
    saved_touched, saved_failures = len(ctx.touched), list(ctx.failures)
    ctx.probing = True
    try:
        for choice in itertools.product(*(h.candidates or () for h in hits)):
            ctx.overrides = {h.address: iv for h, iv in zip(hits, choice)}
            try:
                if _compare(node, ctx):
                    return False
            except (Missing, Skip):
                return False
        return True
    finally:
        ctx.probing = False
        ctx.overrides = {}
        del ctx.touched[saved_touched:]
        ctx.failures[:] = saved_failures


def zero() -> Interval:
    return Interval(ZERO, ZERO)
