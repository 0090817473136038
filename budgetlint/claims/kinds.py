"""What a narrative claim is: one frozen record (a msgspec Struct) per kind, its roles as typed fields.

A claim states figures (``Printed``: the value with its printed precision and unit) and
carries the words that decide how it is checked (a direction, a comparison word, flags such
as "inside brackets"). It is made once by extraction (extract.py) and never changed:
binding its figures to table facts gives a separate ``Binding`` (bind.py), and the rules
read the two together (``BoundClaim``).

Kinds (``kind`` of each class): amount, share, change, execution, breakdown, count, date,
admission, large_carryover, evaluation_count, evaluation_amount, evaluation_score.

The rule language names a claim's figures and words by role (``num(it, "rate")``,
``word(it, "direction")``): ``number(role)`` and ``word(name)`` answer those by field name.

msgspec Structs, not pydantic (the check path stays free of it, issue 14), nor dataclasses (a
Struct class is made in C: the 17 frozen claim dataclasses took ~15 ms of start-up): the JSON schema
of ``parse --format claims`` is built at that boundary only (render.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from msgspec import Struct

from budgetlint.facts.interval import Interval
from budgetlint.model import Provenance, Unit

MONEY_UNITS = ("万元", "元", "亿元")


class Printed(Struct, frozen=True):
    """A number as the text prints it: value, decimals printed (None: not a decimal figure,
    e.g. a count or a year) and unit (万元 / 元 / 亿元 / % / 个 / 分, '' when none)."""

    value: Decimal
    decimals: int | None = None
    unit: str = ""

    @property
    def text(self) -> str:
        """As printed, decimals kept ("558.00")."""
        d = self.decimals
        return format(self.value.quantize(Decimal(10) ** -d), "f") if d is not None else format(self.value, "f")

    @property
    def money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def wan(self) -> Decimal:
        """The value in 万元 (a figure without a money unit is taken as 万元)."""
        return _unit(self.unit).to_wan(self.value)

    @property
    def half_wan(self) -> Decimal:
        """Half a unit of the printed precision, in 万元."""
        return _unit(self.unit).to_wan(Decimal(5) * Decimal(10) ** (-((self.decimals or 0) + 1)))


def _unit(word: str) -> Unit:
    return {"元": Unit.YUAN, "亿元": Unit.YI}.get(word, Unit.WAN)


class ClaimBase(Struct, frozen=True, kw_only=True):
    """What every claim has: where it is, what it is about, and the sentence's context."""

    kind: ClassVar[str] = ""
    # Roles of the printed figures, as the rule language names them (each a Printed | None field).
    NUMBER_ROLES: ClassVar[tuple[str, ...]] = ()

    id: str  # stable within a document: "l77:share:1"
    subject: str | None = None  # canonical subject key (rules/vocab/subjects.yaml)
    subject_text: str = ""  # the subject's words as printed
    sentence: str = ""  # the sentence holding it
    provenance: Provenance
    span: str = ""  # the claim's own words, as they stand in the paragraph (locates findings)
    offset: int = 0  # where ``span`` starts in Paragraph.text
    gpb_scope: bool = False  # its section or sentence speaks of 一般公共预算 money, not all funds
    part_of: str = ""  # a 功能分类 figure's part: "basic" / "project", "?" when it cannot be told
    column_heading: str = ""  # "②公用经费：…" before it in its sentence: that column's figure
    one_project: bool = False  # the sentence is about one project's money
    self_evaluation: bool = False  # a figure of a 绩效自评
    section_funds: str = ""  # the section speaks of one kind of money only (一般公共预算, 财政拨款 …)
    in_admission: bool = False  # inside a clause that admits a data error

    def printed(self) -> dict[str, Printed]:
        """Every figure the claim prints, by role (in role order)."""
        out = {}
        for role in self.NUMBER_ROLES:
            value = getattr(self, role)
            if value is not None:
                out[role] = value
        return out

    def number(self, role: str) -> Printed | None:
        """The printed figure of ``role`` (``num(it, role)``), None when not printed."""
        return self.printed().get(role)

    def word(self, name: str) -> str:
        """A word the claim carries (``word(it, name)``): '' when it carries none; a flag is '1'."""
        value = getattr(self, name, None) if not name.startswith("_") else None
        if isinstance(value, bool):
            return "1" if value else ""
        return value if isinstance(value, str) else ""


class AmountClaim(ClaimBase, frozen=True, kw_only=True):
    """``基本支出 1743.43 万元``: a subject's figure."""

    kind: ClassVar[str] = "amount"
    NUMBER_ROLES: ClassVar[tuple[str, ...]] = ("amount",)

    amount: Printed
    role: str = ""  # "budget" (年初预算 …) / "actual" (决算 …); '' for a plain figure
    budget_word: bool = False  # its words call it a 预算 (a 决算 binds it to the 预算数 column)
    prior_year: bool = False  # last year's figure (上年执行数 …)
    earlier_year: bool = False  # an earlier year's figure stated after this year's, with its year
    aside: bool = False  # inside brackets: last year's figure or a note
    use_detail: bool = False  # an amount of the uses listed after "主要用于"
    reason_detail: bool = False  # an amount the reason for a change gives
    performance: bool = False  # the money a 绩效 scheme covers ("涉及…")


class ShareClaim(ClaimBase, frozen=True, kw_only=True):
    """``基本支出 1743.43 万元，占 75.75%``: part / whole = share."""

    kind: ClassVar[str] = "share"
    NUMBER_ROLES: ClassVar[tuple[str, ...]] = ("share", "part", "whole")

    share: Printed
    part: Printed | None = None  # the amount before it
    whole: Printed | None = None  # the whole's amount, when the text prints it
    whole_subject: str = ""  # the whole it names (``占支出合计的``) or the list's head
    whole_text: str | None = None  # the whole's words as printed
    performance: bool = False
    # Shares of one whole adding up to 100 % list every part: the whole is their sum (± half-widths).
    whole_sum: Interval | None = None
    # On the last share of a list of one whole: Σ shares (± a unit of each last digit), the shares
    # as printed, and whether every share prints its part.
    shares_total: Interval | None = None
    shares_listed: str = ""
    shares_parts_printed: bool = False


class ChangeClaim(ClaimBase, frozen=True, kw_only=True):
    """``比上年增加 11.00 万元，增长 5.84%`` (or ``保持一致``): change and/or rate, and the figures around it."""

    kind: ClassVar[str] = "change"
    NUMBER_ROLES: ClassVar[tuple[str, ...]] = ("change", "rate", "now", "stated_base", "stated_change")

    change: Printed | None = None
    rate: Printed | None = None
    now: Printed | None = None  # the current figure stated before it
    stated_base: Printed | None = None  # the year-before figure the sentence prints
    stated_change: Printed | None = None  # 持平 yet a change amount in the clause
    direction: str = ""  # 增加 / 减少 / 持平; '' when the words name both
    rate_direction: str | None = None  # the rate's own direction word, when a rate is printed
    flat_word: str | None = None  # 持平 / 保持一致 …
    base_year: str | None = None  # the year it compares with
    reason_detail: bool = False  # a change the reason for another gives
    versus_budget: bool = False  # 决算数较预算数…: actual − budget, not a year's change
    structural_reason: bool = False  # 主要原因是专项资金列入部门预算 …


class ExecutionClaim(ClaimBase, frozen=True, kw_only=True):
    """``年初预算 A，决算 B，完成年初预算的 Y%`` and ``决算数大于预算数``."""

    kind: ClassVar[str] = "execution"
    NUMBER_ROLES: ClassVar[tuple[str, ...]] = ("rate", "budget", "actual")

    rate: Printed | None = None
    budget: Printed | None = None
    actual: Printed | None = None
    comparison: str | None = None  # 大于 / 小于 / 等于 / 无差异 / 存在差异 …


class BreakdownClaim(ClaimBase, frozen=True, kw_only=True):
    """``支出 X 万元，其中：a 万元、b 万元``: the total and the parts listed after it."""

    kind: ClassVar[str] = "breakdown"

    total: Printed
    parts: tuple[Printed, ...] = ()
    part_subjects: tuple[str, ...] = ()  # each part's subject key ('?' when none)

    def printed(self) -> dict[str, Printed]:
        return {"total": self.total, **{f"part{i}": p for i, p in enumerate(self.parts, 1)}}


class CountClaim(ClaimBase, frozen=True, kw_only=True):
    """``共 4 个项目`` (subject projects_count), ``N 个优、M 个良`` (grades), ``共有车辆 N 辆，其中 …`` (vehicles)."""

    kind: ClassVar[str] = "count"

    count: Printed | None = None  # projects_count
    total: Printed | None = None  # the stated total of the parts
    parts: tuple[tuple[str, Printed], ...] = ()  # (grade 优/良/中/差, or part1, part2 …) in printed order

    def printed(self) -> dict[str, Printed]:
        out = {role: p for role, p in (("count", self.count), ("total", self.total)) if p is not None}
        return {**out, **dict(self.parts)}


class DateClaim(ClaimBase, frozen=True, kw_only=True):
    """A year the text names: in a comparison, ``X 年期末``, ``截至 X 年 M 月 D 日``, a headline."""

    kind: ClassVar[str] = "date"
    NUMBER_ROLES: ClassVar[tuple[str, ...]] = ("year", "month", "day")

    year: Printed
    month: Printed | None = None
    day: Printed | None = None
    context: str = ""  # comparison / period_end / as_of / headline
    # what the year is set against: budget (比 2023 年年初预算), period_end (比 2022 年末),
    # target (计划于 2024 年末完成: a plan, any year), or "" (the context alone says)
    versus: str = ""


class AdmissionClaim(ClaimBase, frozen=True, kw_only=True):
    """The text admits a data error (误计, 统计成, 系统统计 …)."""

    kind: ClassVar[str] = "admission"

    keyword: str
    clause: str = ""


class LargeCarryoverClaim(ClaimBase, frozen=True, kw_only=True):
    """The text calls the carry-over large, or says money carries over into the next year."""

    kind: ClassVar[str] = "large_carryover"

    said: str


class EvaluationClaim(ClaimBase, frozen=True, kw_only=True):
    """What the 绩效 section says of the 绩效自评表 printed (evaluation.py)."""

    NUMBER_ROLES: ClassVar[tuple[str, ...]] = ("stated", "count")

    stated: Printed
    form_set: str = ""  # the forms spoken of: project / fund (a set), dept / item (one form)
    name: str = ""  # an item's name as the text gives it
    measure: str = ""  # evaluation_amount: budget / actual / total
    count: Printed | None = None  # evaluation_amount of a set: how many forms the sentence counts


class EvaluationCountClaim(EvaluationClaim, frozen=True, kw_only=True):
    """A count of evaluated projects."""

    kind: ClassVar[str] = "evaluation_count"


class EvaluationAmountClaim(EvaluationClaim, frozen=True, kw_only=True):
    """An amount of evaluated projects' funds."""

    kind: ClassVar[str] = "evaluation_amount"


class EvaluationScoreClaim(EvaluationClaim, frozen=True, kw_only=True):
    """An evaluation's score."""

    kind: ClassVar[str] = "evaluation_score"


Claim = (
    AmountClaim
    | ShareClaim
    | ChangeClaim
    | ExecutionClaim
    | BreakdownClaim
    | CountClaim
    | DateClaim
    | AdmissionClaim
    | LargeCarryoverClaim
    | EvaluationCountClaim
    | EvaluationAmountClaim
    | EvaluationScoreClaim
)

CLAIM_KINDS: dict[str, type[ClaimBase]] = {
    cls.kind: cls
    for cls in (
        AmountClaim,
        ShareClaim,
        ChangeClaim,
        ExecutionClaim,
        BreakdownClaim,
        CountClaim,
        DateClaim,
        AdmissionClaim,
        LargeCarryoverClaim,
        EvaluationCountClaim,
        EvaluationAmountClaim,
        EvaluationScoreClaim,
    )
}


class Binding(Struct, frozen=True, kw_only=True):
    """What binding found for one claim (bind.py): the table facts it restates, or why none.

    ``fact`` is the claim's main figure as the tables print it (万元 ± rounding; a count for
    counts); ``whole_fact`` a share's whole. ``subject`` / ``whole_subject`` are the subjects
    bound — a 类 the text names without （类） is bound as that 类, and a share naming no whole
    takes the whole the vocabulary implies."""

    subject: str | None = None
    bound_to: tuple[str, ...] = ()  # fact addresses (an ``a+b`` sum is one entry)
    fact: Interval | None = None
    whole_subject: str = ""
    whole_bound: str | None = None
    whole_fact: Interval | None = None
    unbound_reason: str | None = None
    forms: str = ""  # evaluation_count: where the forms are printed, for messages

    @property
    def bound(self) -> bool:
        return bool(self.bound_to)


class BoundClaim(Struct, frozen=True):
    """A claim with its binding: what the rules check."""

    claim: Claim
    binding: Binding


__all__ = [
    "CLAIM_KINDS",
    "AdmissionClaim",
    "AmountClaim",
    "Binding",
    "BoundClaim",
    "BreakdownClaim",
    "ChangeClaim",
    "Claim",
    "ClaimBase",
    "CountClaim",
    "DateClaim",
    "EvaluationAmountClaim",
    "EvaluationClaim",
    "EvaluationCountClaim",
    "EvaluationScoreClaim",
    "ExecutionClaim",
    "LargeCarryoverClaim",
    "MONEY_UNITS",
    "Printed",
    "ShareClaim",
]
