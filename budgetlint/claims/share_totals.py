"""Shares of one whole, listed together, must not add up to more than 100 %.

"本年支出中，基本支出占 59.21%，项目支出占 60.79%" states two shares of the same
whole; whatever the parts are, they cannot exceed it. BL502 checks a share
against its part and whole, but only when both are printed or bound; this
total needs neither, so it also catches a wrong share whose amounts the text
leaves out.

Only lists that are clearly of one whole are summed: the same sentence, the
same words between 占 and the number ("占 …%" or "占支出总额的 …%"), the same
stated whole, no "其中" (a nested part) and no year (another year's share)
between the first and the last, and parts that are not one inside another.
A list whose every share prints its part and whole is left to BL502, and so is
one whose parts are printed and whose whole a table gives (``shares_total``
skips it once the claims are bound).
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlint.claims.draft import ClaimDraft

# A nested part ("…，其中行政运行占 …") or another year's figure ("2023 年占 …")
# between two shares means they are not parts of one whole.
NOT_ONE_WHOLE = re.compile(r"其中|含|(?:19|20)[0-9]{2}年")


def mark_share_totals(claims: list[ClaimDraft], text: str, share_at: dict[str, tuple[int, int, int]]) -> None:
    """Put the total of each qualifying list on its last share claim.

    ``share_at`` maps a share claim's id to (position of 占, start and end of the
    printed percentage) in ``text``. Sets ``numbers["shares_total"]``,
    ``numbers["shares_total_half"]`` (the sum of the members' last-digit
    allowances) and ``words["shares_listed"]`` on the last member.
    """
    groups: dict[tuple[str, ...], list[ClaimDraft]] = {}
    for claim in claims:
        if claim.kind != "share" or claim.id not in share_at or "share" not in claim.numbers:
            continue
        mark, start, _ = share_at[claim.id]
        of = text[mark + 1 : start].strip() if 0 <= mark < start else ""
        key = (claim.sentence, of, claim.words.get("whole_subject", ""), str(claim.numbers.get("whole", "")))
        groups.setdefault(key, []).append(claim)
    for members in groups.values():
        if _one_whole(members, text, share_at):
            last = members[-1]
            last.numbers["shares_total"] = sum((c.numbers["share"] for c in members), Decimal(0))
            last.numbers["shares_total_half"] = sum(
                (Decimal(10) ** -c.decimals.get("share", 0) for c in members), Decimal(0)
            )
            last.words["shares_listed"] = "、".join(_printed(c) for c in members)
            if all("part" in c.numbers for c in members):
                last.words["shares_parts_printed"] = "1"


def _one_whole(members: list[ClaimDraft], text: str, share_at: dict[str, tuple[int, int, int]]) -> bool:
    if len(members) < 2:
        return False
    if all("part" in c.numbers and ("whole" in c.numbers or "whole_sum" in c.numbers) for c in members):
        return False  # BL502 checks each share against its printed part and whole
    first, last = share_at[members[0].id][0], share_at[members[-1].id][2]
    if NOT_ONE_WHOLE.search(text[first:last]):
        return False
    names = [c.subject_text for c in members if c.subject_text]
    # 财政拨款 and 一般公共预算财政拨款: one inside the other, not two parts.
    return not any(a != b and a in b for a in names for b in names) and len(set(names)) == len(names)


def _printed(claim: ClaimDraft) -> str:
    d = claim.decimals.get("share", 0)
    return format(claim.numbers["share"].quantize(Decimal(10) ** -d), "f") + "%"
