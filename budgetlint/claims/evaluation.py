"""What the 绩效 section says about the 绩效自评表 the document prints, and its binding to them.

Three kinds of claim (rules BL570–BL572):

* ``evaluation_count``  "在部门决算中反映…等 82 个一级项目的绩效自评结果" (西安), "在 2024 年度中央部门
  决算中反映了“…”4 个项目绩效自评结果" (中央): the number of project forms the document prints.
  Only this wording is read: it speaks of the forms printed here. "对 7 个项目开展绩效自评" (佛山)
  or "一级项目 7 个、二级项目 16 个" (中央) count every project evaluated, most of them not printed.
* ``evaluation_amount`` the money of a set of forms, in the sentence that counts them ("…82 个一级项目
  的绩效自评结果，涉及预算资金 597650.29 万元"; "…1 个专项资金项目进行自评，涉及预算金额 52110 万元"),
  and the 全年预算数 / 执行数 of one form ("部门整体支出自评得分 99.5，全年预算数 …，执行数 …";
  "1.…病媒生物防制项目绩效自评综述：全年预算数 229.19 万元，执行数 229.19 万元").
* ``evaluation_score``  the 得分 of one form ("项目自评得分为 88.5 分", "部门整体绩效自评得分 90.01 分").

Binding (``bind_evaluation``) is conservative: a set's money is compared only when the sentence's
count equals the number of forms of that set (the same set, every form printed); a count below
the forms printed is compared, a count above them is not (a form may be printed as an image or
in another file: missing is not zero); one form is found by its 项目名称, which must end the name
the text gives (after the unit's name: "西安市卫生健康委员会本级（机关）2022年病媒生物防制"); when
several forms' names do, the one whose figure the text states is taken, and none when no such form
agrees (a finding needs the one form the text speaks of).
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlint.lazy_regex import lazy_compile
from budgetlint.claims.patterns import NUM
from budgetlint.claims.text import fold_text
from budgetlint.claims.draft import ClaimDraft
from budgetlint.claims.kinds import Binding, EvaluationClaim
from budgetlint.facts.interval import Interval
from budgetlint.model import EvaluationForm, Provenance
from budgetlint.rounding import half_ulp

ZERO = Decimal(0)
_MONEY = NUM + r"(?P<unit>万元|亿元)"
# "在部门决算中反映…等82个一级项目的绩效自评结果"; the projects may be named between.
_REFLECTED = lazy_compile(
    r"决算中反映了?[^。]{0,120}?(?<![0-9.])(?P<n>[0-9]+)个(?:一级|二级)?项目(?:的)?(?:绩效)?自评结果"
)
# "…1个专项资金项目进行自评，涉及预算金额52110万元"
_FUND_COUNT = lazy_compile(r"(?<![0-9.])(?P<n>[0-9]+)个专项资金(?:项目)?(?:进行|开展)了?(?:绩效)?自评")
_COVERED = lazy_compile(r"^[^。;]{0,12}?涉及(?:预算)?(?:资金|金额)(?:总额)?(?:为|共|合计)?" + _MONEY)
# "部门整体支出自评得分99.5" / "本部门整体绩效自评得分90.01分" / "整体支出绩效自评得分为0分"
_DEPT_SCORE = lazy_compile(r"整体(?:支出)?(?:绩效)?自评(?:得分|分数)(?:为|是)?" + NUM + r"分?")
# "1.…项目绩效自评综述:" / "1.信访研究宣传立法专项项目综述:"
_ITEM = lazy_compile(r"(?:^|。)(?P<no>[0-9]{1,3})[.、](?![0-9])(?P<name>[^。:;]{2,80}?)(?:项目)?(?:绩效自评)?综述:")
_ITEM_SCORE = lazy_compile(r"自评(?:得分|分数)(?:为|是)?" + NUM + r"分?")
_ITEM_BUDGET = lazy_compile(r"全年预算数(?:为|是)?" + _MONEY)
_ITEM_ACTUAL = lazy_compile(r"(?<!预算)执行数(?:为|是)?" + _MONEY)
# The figures of a form follow its score or name closely, before another sentence begins another topic.
_FIGURES_REACH = 80


def _number(m: re.Match) -> tuple[Decimal, int]:
    whole = m.group("int").replace(",", "")
    frac = m.group("frac") or ""
    return Decimal(f"{whole}.{frac}" if frac else whole), len(frac)


def _wan(m: re.Match) -> tuple[Decimal, int]:
    value, decimals = _number(m)
    if m.group("unit") == "亿元":
        return value * 10000, decimals + 4
    return value, decimals


def find_evaluation_claims(text: str, new) -> None:
    """Claims of one folded paragraph; ``new(kind, start, end, **fields)`` makes each (extract._new)."""
    for m in _REFLECTED.finditer(text):
        claim = new("evaluation_count", m.start("n"), m.end(), subject=None, subject_text=m.group(0))
        _set(claim, "stated", Decimal(m.group("n")), 0, "个")
        claim.words["set"] = "project"
        _covered(text, m, "project", new)
    for m in _FUND_COUNT.finditer(text):
        _covered(text, m, "fund", new)
    for m in _DEPT_SCORE.finditer(text):
        claim = new("evaluation_score", m.start(), m.end(), subject=None, subject_text=m.group(0))
        value, decimals = _number(m)
        _set(claim, "stated", value, decimals, "分")
        claim.words["set"] = "dept"
        _figures(text, m.end(), {"set": "dept"}, new)
    for m in _ITEM.finditer(text):
        end = _item_end(text, m.end())
        name = m.group("name")
        score = _ITEM_SCORE.search(text, m.end(), end)
        if score is not None:
            claim = new("evaluation_score", score.start(), score.end(), subject=None, subject_text=name)
            value, decimals = _number(score)
            _set(claim, "stated", value, decimals, "分")
            claim.words.update({"set": "item", "name": name})
        _figures(text, m.end(), {"set": "item", "name": name}, new, end)


def _item_end(text: str, at: int) -> int:
    nxt = _ITEM.search(text, at)
    return nxt.start() if nxt else len(text)


def _covered(text: str, count: re.Match, scope: str, new) -> None:
    m = _COVERED.search(text[count.end() :])
    if m is None:
        return
    start, end = count.end() + m.group(0).find("涉及"), count.end() + m.end()
    claim = new("evaluation_amount", start, end, subject=None, subject_text=text[count.start() : end])
    value, decimals = _wan(m)
    _set(claim, "stated", value, decimals, "万元")
    claim.numbers["count"] = Decimal(count.group("n"))
    claim.words.update({"set": scope, "measure": "total"})


def _figures(text: str, at: int, words: dict[str, str], new, end: int | None = None) -> None:
    """全年预算数 / 执行数 of one form, stated right after its score or name."""
    stop = min(end if end is not None else len(text), at + _FIGURES_REACH)
    for regex, measure in ((_ITEM_BUDGET, "budget"), (_ITEM_ACTUAL, "actual")):
        m = regex.search(text, at, stop)
        if m is None:
            continue
        claim = new("evaluation_amount", m.start(), m.end(), subject=None, subject_text=m.group(0))
        value, decimals = _wan(m)
        _set(claim, "stated", value, decimals, "万元")
        claim.words.update(words)
        claim.words["measure"] = measure


def _set(claim: ClaimDraft, role: str, value: Decimal, decimals: int, unit: str) -> None:
    claim.put(role, value, decimals, unit)


# ------------------------------------------------------------------ binding

FORM_TABLE = "self_evaluation"
_MEASURE_NAMES = {"budget": "全年预算数", "actual": "全年执行数", "start_budget": "年初预算数", "score": "总分得分"}


def form_address(index: int, figure: str) -> str:
    """The address a form's figure is shown under: ``self_evaluation[form3].budget``."""
    return f"{FORM_TABLE}[form{index}].{figure}"


def _half(form: EvaluationForm, figure: str) -> Decimal:
    return half_ulp(form.decimals.get(figure, 0))


def _bare(name: str) -> str:
    text = fold_text(name).text
    return text[:-2] if text.endswith("项目") and len(text) > 4 else text


def _forms_named(forms: list[EvaluationForm], name: str) -> list[int]:
    """The forms whose 项目名称 ends the name the text gives ("西安急救中心疫情防控经费" ends with
    both 西安急救中心疫情防控经费 and 疫情防控经费)."""
    said = _bare(name)
    return [i for i, f in enumerate(forms) if len(_bare(f.name)) >= 4 and said.endswith(_bare(f.name))]


def _agrees(claim: EvaluationClaim, value: Decimal, half: Decimal) -> bool:
    stated, decimals = claim.stated.value, claim.stated.decimals or 0
    return abs(value - stated) <= half + half_ulp(decimals)


def bind_evaluation(claim: EvaluationClaim, forms: list[EvaluationForm]) -> Binding:
    """Bind one evaluation claim to the form(s) it speaks of (see the module docstring)."""
    scope = claim.form_set
    if not forms:
        return _unbound("文件中没有读出绩效自评表")
    if claim.kind == "evaluation_count":
        n = sum(1 for f in forms if f.scope == "project")
        if n < claim.stated.value:
            return _unbound(f"只读出 {n} 张项目绩效自评表，少于所述个数：可能未全部印出或未能读出，不据此核对")
        first = next(i for i, f in enumerate(forms) if f.scope == "project")
        pages = sorted({f.provenance.page for f in forms if f.scope == "project" and f.provenance.page is not None})
        span = (f"第 {pages[0]}–{pages[-1]} 页" if len(pages) > 1 else f"第 {pages[0]} 页") if pages else "附表中"
        return _bound([form_address(first, "name")], Decimal(n), ZERO, forms=f"{span}印有 {n} 张项目绩效自评表")
    if scope in ("project", "fund"):
        members = [i for i, f in enumerate(forms) if f.scope == scope]
        count = claim.count.value if claim.count is not None else None
        if Decimal(len(members)) != count:
            return _unbound(
                f"所述 {count} 个项目与读出的 {len(members)} 张"
                f"{'项目' if scope == 'project' else '专项资金'}绩效自评表不是同一范围，不据此核对"
            )
        return _bind_total(claim, forms, members)
    if scope == "dept":
        members = [i for i, f in enumerate(forms) if f.scope == "dept"]
        if len(members) != 1:
            return _unbound("没有（或不止一张）部门整体支出绩效自评表")
        index = members[0]
    figure = "score" if claim.kind == "evaluation_score" else claim.measure
    if scope != "dept":
        name = claim.name
        members = _forms_named(forms, name)
        if not members:
            return _unbound(f"没有项目名称与“{name}”相符的自评表")
        if len(members) > 1:
            # The name fits several forms: the one whose figure it states, else none (no guess).
            members = [
                i
                for i in members
                if figure in forms[i].figures and _agrees(claim, forms[i].figures[figure], _half(forms[i], figure))
            ]
            if not members:
                return _unbound(f"有几张自评表的项目名称都与“{name}”相符，所述数字与哪张都不同，不据此核对")
        index = members[0]
    form = forms[index]
    if figure not in form.figures:
        return _unbound(f"自评表中没有读出{_MEASURE_NAMES.get(figure, figure)}")
    return _bound([form_address(index, figure)], form.figures[figure], _half(form, figure))


def _bind_total(claim: EvaluationClaim, forms: list[EvaluationForm], members: list[int]) -> Binding:
    """Σ 全年预算数 of the set's forms, or Σ 年初预算数 when that is the one the text states."""
    readings = []
    for figure in ("budget", "start_budget"):
        if all(figure in forms[i].figures for i in members):
            total = sum((forms[i].figures[figure] for i in members), ZERO)
            half = sum((_half(forms[i], figure) for i in members), ZERO)
            readings.append(([form_address(i, figure) for i in members], total, half))
    if not readings:
        return _unbound("自评表中没有读出全部预算数")
    agreeing = [r for r in readings if _agrees(claim, r[1], r[2])]
    addresses, total, half = (agreeing or readings)[0]
    return _bound(addresses, total, half)


def _bound(addresses: list[str], value: Decimal, half: Decimal, forms: str = "") -> Binding:
    return Binding(bound_to=tuple(addresses), fact=Interval(value, half), forms=forms)


def _unbound(reason: str) -> Binding:
    return Binding(unbound_reason=reason)


def form_entries(forms: list[EvaluationForm]) -> list[tuple[str, Decimal, Decimal, Provenance, str]]:
    """(address, value, half-width, provenance, label) of every figure read, for finding locations."""
    out = []
    for i, f in enumerate(forms):
        label = f.name or f.title
        out.append((form_address(i, "name"), ZERO, ZERO, f.provenance, label))
        for figure, value in f.figures.items():
            out.append(
                (
                    form_address(i, figure),
                    value,
                    _half(f, figure),
                    f.cells.get(figure, f.provenance),
                    f"{label} {_MEASURE_NAMES.get(figure, figure)}",
                )
            )
    return out


__all__ = ["bind_evaluation", "find_evaluation_claims", "form_address", "form_entries"]
