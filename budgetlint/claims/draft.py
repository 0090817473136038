"""A claim while extraction assembles it, and its freezing into the typed claim of its kind.

Extraction reads a paragraph in passes (executions, changes, shares, amounts, …), and later
passes add to claims earlier ones made: the whole of a share from the head of a "其中：" list
printed as paragraphs of its own, the total of a list of shares, the in-admission flag. A
``ClaimDraft`` holds those roles by name until the paragraph is read; ``freeze`` then makes
the frozen claim (kinds.py) every later stage sees. Drafts never leave the claims package.
"""

from __future__ import annotations

from msgspec import Struct, field
from decimal import Decimal
from typing import TypedDict

from budgetlint.claims.kinds import (
    AdmissionClaim,
    AmountClaim,
    BreakdownClaim,
    ChangeClaim,
    Claim,
    CountClaim,
    DateClaim,
    EvaluationAmountClaim,
    EvaluationCountClaim,
    EvaluationScoreClaim,
    ExecutionClaim,
    LargeCarryoverClaim,
    Printed,
    ShareClaim,
)
from budgetlint.facts.interval import Interval
from budgetlint.model import Provenance

ZERO = Decimal(0)


class ClaimDraft(Struct):
    """A claim while extraction still fills it in (kinds.py makes the frozen claim from it)."""

    id: str
    kind: str
    provenance: Provenance
    sentence: str = ""
    subject: str | None = None
    subject_text: str = ""
    numbers: dict[str, Decimal] = field(default_factory=dict)  # role -> value
    decimals: dict[str, int] = field(default_factory=dict)  # role -> printed decimals
    units: dict[str, str] = field(default_factory=dict)  # role -> 万元 / 元 / 亿元 / % / 个 / 分
    words: dict[str, str] = field(default_factory=dict)  # context words and flags ("1")

    def put(self, role: str, value: Decimal, decimals: int | None = None, unit: str | None = None) -> None:
        self.numbers[role] = value
        if decimals is not None:
            self.decimals[role] = decimals
        if unit is not None:
            self.units[role] = unit

    def printed(self, role: str) -> Printed | None:
        if role not in self.numbers:
            return None
        return Printed(self.numbers[role], self.decimals.get(role), self.units.get(role, ""))

    def flag(self, name: str) -> bool:
        return bool(self.words.get(name))


class _Common(TypedDict):
    id: str
    subject: str | None
    subject_text: str
    sentence: str
    provenance: Provenance
    span: str
    offset: int
    gpb_scope: bool
    part_of: str
    column_heading: str
    one_project: bool
    self_evaluation: bool
    section_funds: str
    in_admission: bool


def freeze(d: ClaimDraft) -> Claim:
    """The typed claim of the draft's kind."""
    w = d.words
    common = _Common(
        id=d.id,
        subject=d.subject,
        subject_text=d.subject_text,
        sentence=d.sentence,
        provenance=d.provenance,
        span=w.get("span", ""),
        offset=int(w.get("offset", "0")),
        gpb_scope=w.get("scope") == "gpb",
        part_of=w.get("part_of", ""),
        column_heading=w.get("column_heading", ""),
        one_project=d.flag("one_project"),
        self_evaluation=d.flag("self_evaluation"),
        section_funds=w.get("section_funds", ""),
        in_admission=d.flag("in_admission"),
    )
    p = d.printed
    kind = d.kind
    if kind == "amount":
        amount = p("amount")
        assert amount is not None  # an amount claim is made with its figure
        return AmountClaim(
            **common,
            amount=amount,
            role=w.get("role", ""),
            budget_word=d.flag("budget_word"),
            prior_year=d.flag("prior_year"),
            earlier_year=d.flag("earlier_year"),
            aside=d.flag("aside"),
            use_detail=d.flag("use_detail"),
            reason_detail=d.flag("reason_detail"),
            performance=d.flag("performance"),
        )
    if kind == "share":
        share = p("share")
        assert share is not None
        return ShareClaim(
            **common,
            share=share,
            part=p("part"),
            whole=p("whole"),
            whole_subject=w.get("whole_subject", ""),
            whole_text=w.get("whole_text"),
            performance=d.flag("performance"),
            whole_sum=_interval(d, "whole_sum"),
            shares_total=_interval(d, "shares_total"),
            shares_listed=w.get("shares_listed", ""),
            shares_parts_printed=d.flag("shares_parts_printed"),
        )
    if kind == "change":
        return ChangeClaim(
            **common,
            change=p("change"),
            rate=p("rate"),
            now=p("now"),
            stated_base=p("stated_base"),
            stated_change=p("stated_change"),
            direction=w.get("direction", ""),
            rate_direction=w.get("rate_direction"),
            flat_word=w.get("flat_word"),
            base_year=w.get("base_year"),
            reason_detail=d.flag("reason_detail"),
            versus_budget=d.flag("versus_budget"),
            structural_reason=d.flag("structural_reason"),
        )
    if kind == "execution":
        return ExecutionClaim(
            **common, rate=p("rate"), budget=p("budget"), actual=p("actual"), comparison=w.get("comparison")
        )
    if kind == "breakdown":
        total = p("total")
        assert total is not None
        parts = tuple(x for i in range(1, len(d.numbers)) if (x := p(f"part{i}")) is not None)
        names = tuple(w["parts"].split(",")) if w.get("parts") else ()
        return BreakdownClaim(**common, total=total, parts=parts, part_subjects=names)
    if kind == "count":
        listed = tuple((role, x) for role in d.numbers if role not in ("count", "total") and (x := p(role)) is not None)
        return CountClaim(**common, count=p("count"), total=p("total"), parts=listed)
    if kind == "date":
        year = p("year")
        assert year is not None
        return DateClaim(
            **common,
            year=year,
            month=p("month"),
            day=p("day"),
            context=w.get("context", ""),
            versus=w.get("versus", ""),
        )
    if kind == "admission":
        return AdmissionClaim(**common, keyword=w.get("keyword", ""), clause=w.get("clause", ""))
    if kind == "large_carryover":
        return LargeCarryoverClaim(**common, said=w.get("said", ""))
    stated = p("stated")
    if stated is None or not kind.startswith("evaluation_"):
        raise ValueError(f"unknown claim kind {kind!r}")
    cls: type[EvaluationCountClaim | EvaluationAmountClaim | EvaluationScoreClaim] = (
        EvaluationCountClaim
        if kind == "evaluation_count"
        else EvaluationAmountClaim
        if kind == "evaluation_amount"
        else EvaluationScoreClaim
    )
    return cls(
        **common,
        stated=stated,
        form_set=w.get("set", ""),
        name=w.get("name", ""),
        measure=w.get("measure", ""),
        count=p("count"),
    )


def _interval(d: ClaimDraft, role: str) -> Interval | None:
    if role not in d.numbers:
        return None
    return Interval(d.numbers[role], d.numbers.get(role + "_half", ZERO))
