"""The document model: what every stage of budgetlint hands to the next.

Flow: read/ turns a file into a ``RawDocument`` (paragraphs and raw grids, no
meaning); recognise/ turns that into a ``Document`` (typed tables with kinds,
canonical column keys, row keys, units); facts.py flattens a ``Document`` into
``Fact`` objects with addresses; engine/ turns facts and claims into
``Finding`` objects; report/ renders findings.

Money is ``Decimal`` everywhere; nothing here is a float except PDF boxes.
Every value keeps a ``Provenance`` so a finding can point at it.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from typing import Literal

from budgetlint.rounding import half_ulp, rounding_decimals

# Every record here is a slotted dataclass, not a pydantic model: importing pydantic and building
# its validators was most of a small check's start-up, and a pydantic instance is several times
# the size. pydantic stays at the boundaries that need a schema: ``parse --format json`` and
# ``schema`` serialise these classes through a TypeAdapter (budgetlint.model_json); the JSON
# report has its own serialiser (report/json_report.py).


class _Copy:
    """pydantic's ``model_copy`` for the dataclasses: a copy (shallow, unless ``deep``) with
    ``update``'s fields changed."""

    __slots__ = ()

    def model_copy(self, *, update: dict | None = None, deep: bool = False):
        return replace(deepcopy(self) if deep else self, **(update or {}))  # type: ignore[type-var]


class Unit(str, Enum):
    """Printed money unit of a table or a narrative number."""

    YUAN = "元"
    WAN = "万元"
    YI = "亿元"

    @property
    def in_yuan(self) -> Decimal:
        return _IN_YUAN[self.value]

    def to_wan(self, value: Decimal) -> Decimal:
        """Convert a value printed in this unit to 万元 (the canonical unit)."""
        if self.value == "万元":
            return value  # the same number, and no second copy of it per cell (tables are in 万元)
        return value * _IN_YUAN[self.value] / _TEN_THOUSAND


_IN_YUAN = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_TEN_THOUSAND = Decimal(10_000)


class DocKind(str, Enum):
    BUDGET = "budget"  # 部门预算 / 单位预算
    FINAL = "final"  # 部门决算


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """Where a value or a sentence came from. All fields optional but ``path``.

    A slotted dataclass, not a pydantic model: there is one per printed cell (twice: raw and
    recognised), and a pydantic instance with its field set is ~8× the size. pydantic models
    holding it (Row, ParseWarning, …) accept and serialise it as a model of the same fields."""

    path: str
    line: int | None = None  # 1-based line in the source text (text exports)
    end_line: int | None = None
    page: int | None = None  # 1-based page (PDF)
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points
    sheet: str | None = None  # spreadsheet sheet name
    cell: str | None = None  # spreadsheet cell in A1 notation
    table: str | None = None  # table id within the document (e.g. "t3")
    row: str | None = None  # row key or label
    column: str | None = None  # canonical column key
    raw: str | None = None  # the raw text exactly as read
    inferred: bool = False  # placed by inference (export dropped empty cells)
    note: str | None = None  # why it was inferred, or other remarks

    def model_copy(self, *, update: dict | None = None) -> "Provenance":
        """A copy with ``update``'s fields changed (as pydantic's ``model_copy``)."""
        return replace(self, **update) if update else self

    def place(self) -> str:
        """'第 12 行' (text), '第 3 页' (PDF) or '工作表“收入表”B4' (spreadsheet): where a person
        finds the thing in the source."""
        if self.line is not None:
            return f"第 {self.line} 行"
        if self.page is not None:
            return f"第 {self.page} 页"
        if self.sheet is not None:
            return f"工作表“{self.sheet}”{self.cell or ''}"
        return ""

    def short(self) -> str:
        """Human-readable location: 'file:line' or 'file p.3'."""
        parts = [self.path]
        if self.sheet:
            parts.append(f"{self.sheet}!{self.cell or ''}")
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.line is not None:
            parts.append(f"L{self.line}")
        return " ".join(parts)


@dataclass(slots=True, kw_only=True)
class ParseWarning(_Copy):
    """Something the reader or recogniser could not do, said plainly."""

    code: str  # stable slug, e.g. "unrecognised-table", "unparsed-number"
    message: str  # Chinese, for people
    provenance: Provenance | None = None


# ---------------------------------------------------------------- raw stage


@dataclass(slots=True, kw_only=True)
class RawCell:
    """One cell as the reader saw it: text only, no meaning (a slotted dataclass: one per printed cell)."""

    text: str
    # shared by the cells of a text line when each reads as printed (raw None); its own otherwise
    provenance: Provenance
    covered: bool = False  # covered by a merged cell (distinct from empty text)
    # a value the file does not hold (a formula saved without its result): laid out as an empty
    # cell, read as unknown (never 0)
    unknown: bool = False

    @property
    def printed(self) -> str:
        """The cell's text exactly as printed (spaces included)."""
        return self.provenance.raw if self.provenance.raw is not None else self.text

    def model_copy(self, *, update: dict | None = None) -> "RawCell":
        return replace(self, **update) if update else replace(self)


@dataclass(slots=True, kw_only=True)
class RawTable(_Copy):
    """A grid as read from the file, before recognition.

    ``rows`` holds every row of the grid, header rows included; the recogniser
    decides where the header ends. ``aligned`` is False when the reader could
    not keep empty cells (space-separated layout text), so positions of values
    in a row are not reliable and must be placed by inference.
    """

    title: str = ""  # e.g. "2024 年部门支出预算表"
    caption: list[str] = field(default_factory=list)  # lines around the title: 部门名称, 单位, 公开03表 …
    rows: list[list[RawCell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # 注/备注 lines after the table
    aligned: bool = True
    # every cell stands where the file put it (a spreadsheet's, a Word table's): no export can
    # have dropped an empty cell and packed a row to the left
    positioned: bool = False
    provenance: Provenance  # where the table starts (title line / page)


@dataclass(slots=True, kw_only=True)
class _SpannedText(_Copy):
    """Text joined from several source lines, with ``spans`` mapping offsets back.

    Each span is (start offset in ``text``, provenance of the line that starts there).
    """

    text: str
    spans: list[tuple[int, Provenance]] = field(default_factory=list)
    provenance: Provenance

    def provenance_at(self, offset: int) -> Provenance:
        """Provenance of the source line holding character ``offset``."""
        found = self.provenance
        for start, prov in self.spans:
            if start <= offset:
                found = prov
            else:
                break
        return found


@dataclass(slots=True, kw_only=True)
class RawParagraph(_SpannedText):
    """A narrative paragraph with line breaks from wrapping removed."""


@dataclass(slots=True, kw_only=True)
class RawDocument(_Copy):
    """A file as read, before recognition."""

    path: str
    format: str  # "text", "pdf", "xlsx", "docx", …
    blocks: list[RawParagraph | RawTable] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    pages: int | None = None
    page_labels: dict[int, str] = field(default_factory=dict)  # PDF page -> the page number printed on it


# --------------------------------------------------------- recognised stage

CellState = Literal["value", "blank", "covered", "text"]


@dataclass(slots=True, kw_only=True)
class Cell:
    """A recognised table cell. ``value`` is set only when ``state == 'value'``.
    A slotted dataclass (one per printed cell); serialised like a model of the same fields."""

    column: str  # canonical column key, or "c<index>" when unknown
    raw: str
    value: Decimal | None = None
    decimals: int | None = None  # printed decimals of this cell
    state: CellState = "blank"
    provenance: Provenance

    def model_copy(self, *, update: dict | None = None) -> "Cell":
        return replace(self, **update) if update else replace(self)


@dataclass(slots=True, kw_only=True)
class Column(_Copy):
    key: str  # canonical column key (see rules/vocab/columns.yaml) or "c<index>"
    header: list[str] = field(default_factory=list)  # header path, top to bottom
    index: int


@dataclass(slots=True, kw_only=True)
class Row(_Copy):
    key: str | None = None  # "2010301", "30101", "total", "unit:045", "in.current_total", "p3", …
    kind: str = "item"  # functional | economic | unit | total | item | project
    label: str = ""  # 科目名称 / 项目名称 as printed
    cells: list[Cell] = field(default_factory=list)
    provenance: Provenance

    def cell(self, column: str) -> Cell | None:
        for c in self.cells:
            if c.column == column:
                return c
        return None


# Which money a table (or one of its columns) covers. ``funds``: all 部门 funds, 财政拨款
# (三本预算拨款), or one budget alone; ``period``: this year's money only, or including
# 上年结转/结余 and the other lines printed between 本年收入合计 and 收入总计.
# None = not stated and not shown by arithmetic: compatible with anything.
Funds = Literal["all", "fiscal", "gpb", "gov_fund", "soe"]
Period = Literal["current", "with_carryover"]


@dataclass(slots=True, kw_only=True)
class TableScope(_Copy):
    funds: Funds | None = None
    period: Period | None = None
    # per column key, when a column covers other money than its table (收入表 本年收入 columns)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    stated: list[str] = field(default_factory=list)  # parts ("funds", "period") its title or header states
    reason: str = ""  # why, in words: title/header words or the arithmetic that showed it


@dataclass(slots=True, kw_only=True)
class EvaluationForm(_Copy):
    """One form of a 绩效自评表: a project's, a special fund's or the department's whole.

    Only what the narrative's 绩效 section summarises is read: the name, the 年度资金总额
    (整体: 金额合计) row's 年初预算数 / 全年预算数 / 全年执行数 and the 总分 row's 得分.
    ``figures`` holds what was printed (a blank or “-” is absent, not 0).
    """

    scope: str = ""  # project | fund (专项资金) | dept (部门整体) | "" (not told)
    name: str = ""  # 项目名称 (部门（单位）名称 for the department's form)
    title: str = ""
    figures: dict[str, Decimal] = field(default_factory=dict)  # start_budget | budget | actual | score
    decimals: dict[str, int] = field(default_factory=dict)
    cells: dict[str, Provenance] = field(default_factory=dict)  # figure -> the printed cell
    provenance: Provenance


@dataclass(slots=True, kw_only=True)
class Table(_Copy):
    id: str  # "t1", "t2", … in document order
    kind: str | None = None  # slug (see rules/vocab/tables.yaml) or None if unrecognised
    kind_reason: str = ""  # why this kind was chosen (which title/header words matched)
    title: str = ""
    unit: Unit = Unit.WAN
    unit_stated: bool = False  # False when the unit was assumed, not read
    precision: int = 2  # decimals the table prints (max over its cells)
    # The table prints 12.5 for 12.50 (a "general" number format drops trailing zeros), so a
    # number printed with fewer decimals than ``precision`` is a shorter display of the same
    # precision, not a rounder one (recognise.precision).
    drops_trailing_zeros: bool = False
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)  # caption lines (部门名称：…, 单位：…), from RawTable.caption
    empty: bool = False  # printed with no data rows
    scope: TableScope = field(default_factory=TableScope)
    # 绩效自评表 forms read from this table (recognise/self_evaluation.py); a table printing
    # several forms one after another has one entry per 项目名称.
    forms: list[EvaluationForm] = field(default_factory=list)
    provenance: Provenance

    def row(self, key: str) -> Row | None:
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def decimals_of(self, cell: Cell) -> int:
        """Decimals that bound a value cell's rounding (budgetlint.rounding.rounding_decimals)."""
        return rounding_decimals(cell.decimals, cell.value or Decimal(0), self.precision, self.drops_trailing_zeros)


@dataclass(slots=True, kw_only=True)
class Paragraph(_SpannedText):
    """A narrative paragraph (wrap breaks removed) with its source mapping."""

    section: str = ""  # heading it sits under, e.g. "三、支出预算总体情况说明"


@dataclass(slots=True, kw_only=True)
class ContentsEntry(_Copy):
    """One line of the document's 目录 (table of contents) of its tables.

    Some regions list, per table, whether it is published empty (是否空表) and why
    (公开空表理由 / 表格为空的理由): that is the empty table's explanation.
    """

    number: str = ""  # "表9" as printed, or "" when the 目录 gives none
    title: str  # 报表名称 as printed
    empty: bool | None = None  # 是否空表: 是 → True, 否 → False, blank → None
    reason: str = ""  # the stated reason, as printed
    provenance: Provenance


@dataclass(slots=True, kw_only=True)
class Document(_Copy):
    path: str
    paths: list[str] = field(default_factory=list)  # all files of a split document
    format: str = "text"
    title: str = ""
    department: str | None = None
    year: int | None = None
    kind: DocKind | None = None
    profile: str | None = None
    profile_reason: str = ""
    # Money sources the document shows to be zero (from the 收支总表's lines when they add up):
    # scopes that differ only by these sources cover the same money.
    zero_sources: list[str] | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    contents: list[ContentsEntry] = field(default_factory=list)  # the 目录 of tables, when it says which are empty
    warnings: list[ParseWarning] = field(default_factory=list)
    # file -> PDF page -> the page number printed in its footer, when it differs from the PDF's
    page_labels: dict[str, dict[int, str]] = field(default_factory=dict)

    def tables_of(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]


# ---------------------------------------------------------- facts & claims


@dataclass(slots=True, kw_only=True)
class Fact(_Copy):
    """One addressable number: ``expense[2010301].basic.personnel.wages``.

    ``value`` is in the printed ``unit``; ``wan`` / ``half_width_wan`` give the
    canonical 万元 value and the rounding half-width (half a unit of the
    printed precision), so comparisons are interval overlaps.
    """

    address: str
    table_kind: str
    row: str
    column: str
    value: Decimal
    decimals: int
    unit: Unit
    provenance: Provenance
    label: str = ""  # row label, for messages
    funds: Funds | None = None  # which money the fact covers (table scope, refined by row/column)
    period: Period | None = None

    @property
    def wan(self) -> Decimal:
        return self.unit.to_wan(self.value)

    @property
    def half_width_wan(self) -> Decimal:
        return self.unit.to_wan(half_ulp(self.decimals))


# ----------------------------------------------------------------- findings


Severity = Literal["error", "warning", "info"]


@dataclass(slots=True, kw_only=True)
class Location(_Copy):
    """Where a finding points."""

    path: str
    line: int | None = None
    page: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    sheet: str | None = None
    cell: str | None = None
    excerpt: str = ""
    address: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # PDF: the cell's box, x0, top, x1, bottom in points
    printed_page: str | None = None  # the page number printed in the footer, when it differs from ``page``
    # On a related location (Finding.related): what it shows, e.g. "BL110：“司法”（20406）…相差 6484.05 万元".
    note: str | None = None

    @classmethod
    def from_provenance(cls, prov: Provenance, excerpt: str = "", address: str | None = None) -> "Location":
        return cls(
            path=prov.path,
            line=prov.line,
            page=prov.page,
            table=prov.table,
            row=prov.row,
            column=prov.column,
            sheet=prov.sheet,
            cell=prov.cell,
            excerpt=excerpt or (prov.raw or ""),
            address=address,
            bbox=prov.bbox,
        )


@dataclass(slots=True, kw_only=True)
class Finding(_Copy):
    """A rule's finding."""

    rule_id: str
    severity: Severity
    title: str
    message: str
    locations: list[Location] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    # the same as numbers (the middle of each interval) and their unit, for programs
    expected_value: Decimal | None = None
    actual_value: Decimal | None = None
    difference_value: Decimal | None = None
    unit: str | None = None
    fix: str = ""  # what to do about it, in the clerk's words (the rule's `fix`)
    fingerprint: str = ""
    # Where the same printed error shows again (the parent code's sum, the twin table, a second
    # column): places of findings folded into this one (engine/consequences.py). Not in the fingerprint.
    related: list[Location] = field(default_factory=list)
    # How many places were left out of ``locations`` / ``related`` (engine/run.py cap_locations):
    # a sum over 10,000 rows names its first places and the count, not every row.
    locations_omitted: int = 0
    related_omitted: int = 0


# Why a rule did not (fully) run on a document, as a stable code for reports and statistics.
#   kind          the rule is for another document kind or profile (it does not apply)
#   table_absent  a table the rule needs was not found, and some table of the document was not recognised
#   not_printed   the document does not print what the rule needs: the table (every table it prints
#                 was recognised) or the column (the table's every column was understood)
#   nothing       the rule ran but found nothing to check (no rows, no claims of its kind)
#   facts_missing cells, rows or bindings it needs were not understood
#   misread       the systematic-misread guard withheld its results for a table
#   partial       it ran on some places and not on others (counts as evaluated)
#   scope         the tables it compares cover different money (one budget vs all funds, with or
#                 without 上年结转): the identity does not hold between them, so it does not apply
NotEvaluatedCause = Literal[
    "kind", "scope", "not_printed", "table_absent", "nothing", "facts_missing", "misread", "partial"
]


@dataclass(slots=True, kw_only=True)
class NotEvaluated(_Copy):
    """A rule not evaluated on a document, and why."""

    rule_id: str
    status: Literal["not_applicable", "insufficient_data"]
    reason: str  # in the document's words (table, row and column names), for the clerk
    cause: NotEvaluatedCause = "facts_missing"
    detail: str = ""  # what was missing as fact addresses (--verbose, JSON)


@dataclass(slots=True, kw_only=True)
class RuleCoverage(_Copy):
    """How many rules applied to a document, and what became of them."""

    applicable: int = 0  # rules for this document's kind and profile
    evaluated: int = 0  # of those, rules that checked at least one place
    printed: int = 0  # applicable rules whose tables and columns the document prints (not not_printed)
    not_evaluated: dict[str, int] = field(default_factory=dict)  # cause -> rules (applicable ones only)

    @property
    def share(self) -> float:
        return self.evaluated / self.applicable if self.applicable else 1.0


# ------------------------------------------------------------------ reports


@dataclass(slots=True, kw_only=True)
class DocumentReport(_Copy):
    """Everything the report layer needs about one checked document."""

    path: str
    paths: list[str] = field(default_factory=list)
    kind: str | None = None
    year: int | None = None
    department: str | None = None
    profile: str | None = None
    error: str | None = None  # set when the document could not be read at all
    parse_warnings: list[ParseWarning] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    not_evaluated: list[NotEvaluated] = field(default_factory=list)
    coverage: RuleCoverage = field(default_factory=RuleCoverage)
    # table id -> its printed title, so reports name "一般公共预算支出表", not "t5"
    table_titles: dict[str, str] = field(default_factory=dict)
    # What the findings store keeps of the document (budgetlint.store.record.DocumentRecord), carried
    # from the worker that checked it to the store; not part of any report.
    _record: object | None = field(default=None, repr=False, compare=False)
