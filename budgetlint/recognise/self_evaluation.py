"""The 绩效自评表 forms: what a 决算's 绩效 section summarises (项目支出绩效自评表, 部门整体支出绩效自评表).

A form is words with a few figures. Read are only:

* the name: the cell after 项目名称 (部门（单位）名称 on the department's form); each name row starts a
  form, so two forms the reader printed as one table (the same title on consecutive pages: 西安
  中职免学费补助 市级资金 / 中央资金) stay two;
* the money row, 年度资金总额 (整体: 金额合计), under the header that names its columns 年初预算数 /
  全年预算数 / 全年执行数 (a header spanning 总额 | 财政拨款 | 其他资金 gives its first column, the 总额);
* the 总分 row's last number, the 得分.

What a form covers comes from its title: 整体 (or a 部门（单位）名称 row) → ``dept``; 专项资金绩效自评表
without 项目 → ``fund``; any other form with a 项目名称 → ``project``. A figure printed blank or “-”
is absent (missing is not zero). A form whose 总分 row was printed on the next page as a table without
title (西安 部门整体支出绩效自评表: 金额 on p.30, 指标 and 总分 on p.31) takes it from there
(``attach_scores``).
"""

from __future__ import annotations

import re
from itertools import pairwise

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import EvaluationForm, RawCell, RawTable, Table
from budgetlint.numbers import parse_number

_SPACE_RE = lazy_compile(r"\s+")
_NAME_LABELS = ("项目名称",)
_DEPT_LABELS = ("部门(单位)名称", "部门（单位）名称", "部门名称", "单位名称")
_MONEY_ROW_WORDS = ("年度资金总额", "金额合计", "资金总额合计")
# Header words of the money columns, most specific first (全年预算数 must not take 年初预算数's column).
_HEADER_WORDS = (("start_budget", "年初预算数"), ("budget", "全年预算数"), ("actual", "全年执行数"))
_FUND_TITLE_RE = lazy_compile(r"专项资金绩效自评表$")


def _squash(text: str) -> str:
    return _SPACE_RE.sub("", text or "")


def _texts(row: list[RawCell]) -> list[str]:
    return [_squash(c.text) for c in row]


def _scope(title: str, dept_row: bool) -> str:
    t = _squash(title)
    if "整体" in t or dept_row:
        return "dept"
    if _FUND_TITLE_RE.search(re.sub(r"[（(][^）)]*[）)]", "", t)) and "项目" not in t:
        return "fund"
    return "project"


def _value_cell(row: list[RawCell], start: int) -> RawCell | None:
    """The first filled cell right of ``start`` (the name beside its label)."""
    return next((c for c in row[start + 1 :] if _squash(c.text)), None)


def _put(form: EvaluationForm, key: str, cell: RawCell | None) -> None:
    if cell is None or key in form.figures:
        return
    number = parse_number(_squash(cell.text).rstrip("分"))
    if number is None:
        return  # blank, “-”, “—”: not printed
    form.figures[key] = number.value
    form.decimals[key] = number.decimals
    form.cells[key] = cell.provenance


def read_forms(raw: RawTable) -> list[EvaluationForm]:
    """The forms printed in one raw table (see the module docstring)."""
    forms: list[EvaluationForm] = []
    columns: dict[str, int] = {}
    current: EvaluationForm | None = None
    previous: list[str] = []  # the row before: a header's unit may stand there (项目资金（万元）)
    last: list[str] = []
    for row in raw.rows:
        texts = _texts(row)
        if not any(texts):
            continue
        previous, last = last, texts
        label_at = next((j for j, t in enumerate(texts[:3]) if t in _NAME_LABELS or t in _DEPT_LABELS), None)
        if label_at is not None:
            name = _value_cell(row, label_at)
            dept = texts[label_at] in _DEPT_LABELS
            current = EvaluationForm(
                scope=_scope(raw.title, dept),
                name=_squash(name.text) if name else "",
                title=_squash(raw.title),
                provenance=row[label_at].provenance,
            )
            forms.append(current)
            columns = {}
            continue
        if current is None:
            if texts[0] == "总分" and not forms:
                # The 总分 of a form begun on the page before (a title-less continuation).
                tail = EvaluationForm(provenance=row[0].provenance)
                _put(tail, "score", _last_number(row))
                return [tail] if tail.figures else []
            continue
        found: dict[str, int] = {}
        for key, word in _HEADER_WORDS:
            j = next((j for j, t in enumerate(texts) if word in t), None)
            if j is not None:
                found[key] = j
        if len(found) >= 2:
            # Amounts are read only from a form that says they are in 万元 (项目资金（万元）,
            # 全年预算数（万元）): another unit would need converting, and a guess is no reading.
            columns = found if any("万元" in t for t in texts) or any("万元" in t for t in previous) else {}
            continue
        if columns and any(w in t for t in texts[:6] for w in _MONEY_ROW_WORDS) and "budget" not in current.figures:
            for key, j in columns.items():
                _put(current, key, row[j] if j < len(row) else None)
            continue
        if texts[0] == "总分":
            _put(current, "score", _last_number(row))
    return forms


def _last_number(row: list[RawCell]) -> RawCell | None:
    return next((c for c in reversed(row) if parse_number(_squash(c.text)) is not None), None)


def attach_scores(tables: list[Table]) -> None:
    """A form without 总分 takes the 总分 of the title-less table printed on the next page."""
    for before, after in pairwise(tables):
        if not before.forms or not after.forms or after.forms[0].scope or after.forms[0].name:
            continue
        last, tail = before.forms[-1], after.forms[0]
        if "score" in last.figures or "score" not in tail.figures:
            continue
        page, next_page = last.provenance.page, tail.provenance.page
        if page is not None and next_page is not None and next_page - page != 1:
            continue
        last.figures["score"] = tail.figures["score"]
        last.decimals["score"] = tail.decimals["score"]
        last.cells["score"] = tail.cells["score"]
    for t in tables:
        t.forms = [f for f in t.forms if f.scope]  # the tails were read only to be attached


__all__ = ["attach_scores", "read_forms"]
