"""Tokens of a folded paragraph: subjects, amounts, percentages and counts.

``tokenise`` scans the folded text once. Each number gets a role from the
words right before it (its gap): change, budget base, actual, share,
execution rate, change rate — or plain. Each number also gets the subject
that names it: the last vocabulary term (or 类/款/项 chain) before it, when
that term is close enough to still speak of it.
"""

from __future__ import annotations

import re

from msgspec import Struct
from decimal import Decimal

from budgetlint.lazy_regex import lazy_compile
from budgetlint.numbers import plausible_digits
from budgetlint.claims.patterns import (
    ACTUAL_MARK,
    ADJUSTMENT_END,
    ARRANGED_AFTER_PRIOR,
    AMOUNT_RE,
    BUDGET_MARK,
    CHANGE_END,
    CHANGE_THEN_NOUN,
    CODE_FUNC_RE,
    COUNT_RE,
    EXEC_RATE,
    HEAD_MARK,
    FUNC_CODE_RE,
    FUNC_RE,
    _LEVEL_OF_LENGTH,
    NEAR,
    NEAR_SHARE,
    PCT_RE,
    PRIOR_EXECUTION,
    SENTENCE_END,
    SHARE_MARK,
    SUBJECT_TO_AMOUNT_MAX,
    SUBJECT_TO_CHANGE,
    MORE_LESS_END,
    TERM_AFTER,
)
from budgetlint.claims.vocab import Vocabulary


class Token(Struct):
    """A subject, amount, percentage or count found in a paragraph."""

    kind: str  # subject | amount | pct | count
    start: int
    end: int
    key: str | None = None  # subject key
    text: str = ""
    value: Decimal | None = None
    decimals: int = 0
    unit: str = ""
    gap: str = ""  # folded text between the previous token and this one
    role: str = "plain"
    used: bool = False
    subject: "Token | None" = None
    # a share in a "分别占 a%、b%" list: the amount it is the share of, and the list's first
    # share, whose words (占 …的) name the whole of all (see _respectively)
    part: "Token | None" = None
    lead: "Token | None" = None


def tokenise(text: str, vocab: Vocabulary) -> list[Token]:
    tokens: list[Token] = []
    taken = [False] * len(text)
    for m in FUNC_RE.finditer(text):
        # A chain 类/款/项 is one subject named by its deepest level.
        name, start = m.group("name"), m.start()
        if m.group("level") == "类" and vocab.class_code(name) is None:
            # "…吴淞江整治工程在农林水支出（类）": the 类 is the known name the words end with
            cut = next(
                (
                    i
                    for i in range(1, len(name) - 1)
                    if vocab.class_code(name[i:]) is not None and _term_starts_phrase(text, start + i)
                ),
                None,
            )
            if cut is not None:
                name, start = name[cut:], start + cut
        tokens.append(
            Token("subject", start, m.end(), key=f"func:{name}|{m.group('level')}", text=text[start : m.end()])
        )
        for i in range(start, m.end()):
            taken[i] = True
    # "行政运行（2010801）" and "2014099其他信访事务支出": the code names the row; "#code"
    # follows the name and level.
    for m in [*FUNC_CODE_RE.finditer(text), *CODE_FUNC_RE.finditer(text)]:
        if any(taken[m.start() : m.end()]):
            continue
        code = m.group("code")
        tokens.append(
            Token(
                "subject",
                m.start(),
                m.end(),
                key=f"func:{m.group('name')}|{_LEVEL_OF_LENGTH[len(code)]}|#{code}",
                text=m.group(0),
            )
        )
        for i in range(m.start(), m.end()):
            taken[i] = True
    for term in vocab.class_terms:  # "科学技术支出 28.00 万元": a 类 named without "（类）"
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(taken[start:end]) and _term_starts_phrase(text, start) and text[end : end + 1] != "(":
                # Heading a list item of its own right before its amount ("2.社会保障和就业支出 1608.51
                # 万元，主要用于…", 江苏): the 类's total. Elsewhere such a name is often one use of a
                # part ("项目支出……其中：一般公共服务支出 417.41 万元"): known by its name alone, so
                # binding only confirms it ("funcname:", bind.py) and a change after it does not
                # inherit it (extract.py).
                listed = _LIST_ITEM_START.fullmatch(text[:start]) and _CLASS_AMOUNT_NEXT.match(text, end)
                tokens.append(
                    Token("subject", start, end, key=f"{'func' if listed else 'funcname'}:{term}|类", text=term)
                )
                for i in range(start, end):
                    taken[i] = True
            start = text.find(term, end)
    for term, key in vocab.terms:
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            if (
                not any(taken[start:end])
                and _term_starts_phrase(text, start)
                and (not (key.startswith("projrow:") or term in vocab.tight) or _AMOUNT_NEXT.match(text, end))
            ):
                tokens.append(Token("subject", start, end, key=key, text=term))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(term, end)
    for regex, kind in ((AMOUNT_RE, "amount"), (PCT_RE, "pct"), (COUNT_RE, "count")):
        for m in regex.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            frac = m.group("frac") or ""
            whole = m.group("int").replace(",", "")
            if not plausible_digits(whole, frac):
                continue
            value = Decimal(whole + ("." + frac if frac else ""))
            unit = m.groupdict().get("unit") or m.groupdict().get("measure") or "%"
            tokens.append(Token(kind, m.start(), m.end(), value=value, decimals=len(frac), unit=unit, text=m.group(0)))
            for i in range(m.start(), m.end()):
                taken[i] = True
    tokens.sort(key=lambda t: t.start)
    _merge_func_chains(tokens)
    # A number's gap: the words since the previous number, within its sentence.
    prev_end = 0
    for t in tokens:
        start = max(prev_end, max(text.rfind(c, 0, t.start) for c in "。;") + 1)
        t.gap = text[start : t.start]
        if t.kind != "subject":
            prev_end = t.end
    # Roles from the words right before the number (the end of its gap): a
    # marker further back belongs to an earlier clause ("预算执行率较低……超过 15%").
    for t in tokens:
        gap = t.gap
        near = gap[-NEAR:]
        if t.kind == "amount":
            if BUDGET_MARK.search(gap):
                t.role = "budget"
            elif ADJUSTMENT_END.search(near):
                t.role = "adjustment"  # (no claim reads it)
            elif CHANGE_END.search(near) or MORE_LESS_END.search(near) or CHANGE_THEN_NOUN.search(gap.rstrip()):
                t.role = "change"
            elif ACTUAL_MARK.search(gap):
                t.role = "actual"
        elif t.kind == "pct":
            if EXEC_RATE.search(gap):
                t.role = "exec_rate"
            elif SHARE_MARK in gap[-NEAR_SHARE:]:
                t.role = "share"
            elif CHANGE_END.search(near):
                t.role = "change_rate"
    # Subject of each number: the last subject since the previous number.
    current: Token | None = None
    for t in tokens:
        if t.kind == "subject":
            current = t
        else:
            if (
                current is not None
                and t.kind == "amount"
                and t.role in ("plain", "actual", "budget")
                and not _subject_reaches(text[current.end : t.start])
            ):
                current = None
            # A change names its subject right before the direction words ("人员经费支出
            # 增加", "三公经费支出预算数比 2023 年增加"); a subject further back belongs to
            # something else ("…附属单位上缴收入之外取得的收入…，比上年增加").
            if (
                current is not None
                and t.role in ("change", "change_rate")
                and not SUBJECT_TO_CHANGE.match(text[current.end : t.start])
            ):
                current = None
            t.subject = current
            current = None
    _arranged_after_prior(tokens)
    _respectively(tokens, text)
    # 年初预算数为 A 万元，决算数 B 万元 / 预算合计 A，支出合计 B: B speaks of A's subject.
    last_budget: Token | None = None
    for t in tokens:
        if t.kind == "amount" and t.role == "budget":
            last_budget = t
        elif (
            t.kind == "amount"
            and t.role in ("actual", "plain")
            and last_budget is not None
            and SENTENCE_END not in text[last_budget.end : t.start]
            and not HEAD_MARK.search(text, last_budget.end, t.start)
        ):  # "年初预算数 A，其中：…B": B is a part
            if t.subject is None or t.subject.key == "expense_current_total":  # 预算合计 A，支出合计 B
                t.subject = last_budget.subject
                t.role = "actual"
            last_budget = None
        elif t.kind in ("amount", "pct") and t.role not in ("exec_rate",):
            last_budget = None
    return tokens


# Between the items of a list: "、", "和", "及", "与", a comma (units belong to the amounts).
_LIST_SEP = lazy_compile(r"^(?:、|,|和|及|与|以及)$")
_SUBJECT_TO_RESPECTIVELY = 8  # "…住房保障支出分别为", "…的决算数分别为"


def _respectively(tokens: list[Token], text: str) -> None:
    """ "A、B、C 分别为 a、b、c 万元，分别占 …的 x%、y%、z%": the i-th amount is the i-th subject's and
    the i-th share is of the i-th amount (read one by one, every amount was the last subject's
    and every share of the last amount). When the subjects before 分别 are not as many as the
    amounts, the amounts name no subject and the shares are of none: better unchecked than
    paired wrongly ("行政单位医疗（项）、事业单位医疗（项）。年初预算分别为 5.14 万元、10.72 万元")."""
    for m in re.finditer("分别", text):
        sentence = text.rfind(SENTENCE_END, 0, m.start()) + 1
        end = text.find(SENTENCE_END, m.end())
        end = len(text) if end < 0 else end
        # (a whole named after 分别占 is a subject token: "分别占一般公共预算财政拨款支出的 91.20%、…")
        after = [t for t in tokens if m.end() <= t.start < end and t.kind != "subject"]
        kind = after[0].kind if after else ""
        if kind not in ("amount", "pct"):
            continue
        items = _list_run(after, kind, text)
        if len(items) < 2:
            continue
        if kind == "pct":
            if items[0].role != "share":
                continue
            amounts = [t for t in tokens if sentence <= t.start < m.start() and t.kind == "amount"]
            amounts = _list_run(list(reversed(amounts)), "amount", text, backwards=True)[::-1]
            for share, amount in zip(items, amounts if len(amounts) == len(items) else [None] * len(items)):
                share.part = amount if amount is not None else share
                share.role = "share"
                share.lead = items[0]
            continue
        subjects = [t for t in tokens if sentence <= t.start < m.start() and t.kind == "subject"]
        subjects = _list_run(list(reversed(subjects)), "subject", text, backwards=True)[::-1]
        near = bool(subjects) and len(text[subjects[-1].end : m.start()]) <= _SUBJECT_TO_RESPECTIVELY
        for i, amount in enumerate(items):
            amount.subject = subjects[i] if near and len(subjects) == len(items) else None


def _list_run(tokens: list[Token], kind: str, text: str, backwards: bool = False) -> list[Token]:
    """The leading tokens of ``kind`` joined by list separators only (in reading order when
    ``tokens`` run forwards; nearest first when ``backwards``)."""
    run: list[Token] = []
    for t in tokens:
        if t.kind != kind:
            break
        if run:
            a, b = (t, run[-1]) if backwards else (run[-1], t)
            if not _LIST_SEP.match(text[a.end : b.start].strip()):
                break
        run.append(t)
    return run


# Nothing but a list number before the name: "2.", "(二)", "三、".
_LIST_ITEM_START = lazy_compile(r"(?:\(?[0-9一二三四五六七八九十]{1,3}[).、]?)?")


def _arranged_after_prior(tokens: list[Token]) -> None:
    """上海: "…行政运行（01项）1672.67 万元。主要用于：…。2025年当年预算执行数为 1690.69 万元，
    2026年预算安排 1672.67 万元，比 2025 年预算执行数减少 1.07%". The amount arranged this year,
    stated right after last year's execution, is the item's amount the paragraph opened with:
    it speaks of that item (only when the paragraph named one, and nothing else, before)."""
    amounts = [t for t in tokens if t.kind == "amount"]
    for i, t in enumerate(amounts):
        if t.subject is not None or i < 2 or not ARRANGED_AFTER_PRIOR.match(t.gap):
            continue
        prior = amounts[i - 1]
        if prior.subject is not None or not PRIOR_EXECUTION.search(prior.gap):
            continue
        named = [a for a in amounts[: i - 1] if a.subject is not None]
        if len(named) == 1 and named[0].role == "plain":
            t.subject = named[0].subject


# A project's name names an amount only when the amount follows at once: "信访专项486.39万元",
# not the sub-item "信访专项经费81.90万元" that begins with the same words.
# (or its change from last year: "2022年本部门预算收入较上年增加406.39万元", 西安)
_AMOUNT_NEXT = lazy_compile(r"(?:为|是)?[0-9]|(?:较|比)上年度?(?:增加|减少|增长|下降)")
_CLASS_AMOUNT_NEXT = lazy_compile(r"(?:预算)?(?:为)?[0-9]")


def _subject_reaches(between: str) -> bool:
    """Whether a subject still names the amount after the words ``between`` them: not when
    they name another sum of money ("一般公共预算拨款安排的项目支出 X", "…财政拨款运行经费 X")."""
    if _OTHER_MONEY.search(_OWN_WORDS.sub("", between, count=1)):
        return False
    cut = max(between.rfind(c) for c in ",;:。")
    if cut < 0:
        return len(between) <= SUBJECT_TO_AMOUNT_MAX
    rest = between[cut + 1 :]
    return bool(BUDGET_MARK.search(rest) or ACTUAL_MARK.search(rest)) and len(rest) <= SUBJECT_TO_AMOUNT_MAX


# Words right after a subject that still belong to it ("公务接待费支出 3 万元", "三公经费预算数为").
_OWN_WORDS = lazy_compile(r"^(?:资金|支出|收入|预算|决算|数)*")
_OTHER_MONEY = lazy_compile(r"支出|经费|收入|资金|采购|项目")
# "一般公共预算拨款安排的“三公”经费", "纳入财政预决算管理的“三公”经费": a clause ending in
# 安排的 / 管理的 says whose money it is, and the term after it names the subject; not "上年结转
# 结余的政府性基金预算收入" or "上年度列入此项的预留机动经费" (another year's money).
_ARRANGED_BY = lazy_compile(r"(?:安排|管理)的$")
_OTHER_YEARS = lazy_compile(r"上年|去年|结转|结余|以前年度")


def _term_starts_phrase(text: str, start: int) -> bool:
    if start == 0 or text[start - 1] in TERM_AFTER:
        return True
    clause = text[max(text.rfind(c, 0, start) for c in ",;:。、") + 1 : start]
    return bool(_ARRANGED_BY.search(clause)) and not _OTHER_YEARS.search(clause)


def _merge_func_chains(tokens: list[Token]) -> None:
    """Join adjacent 类/款/项 subjects into one subject named by its deepest level.

    The key lists the levels deepest first — ``func:行政运行|项|政府办公厅（室）及相关机构
    事务|款|一般公共服务支出|类`` — so binding can tell apart items with the same name.
    """
    i = 0
    while i + 1 < len(tokens):
        a, b = tokens[i], tokens[i + 1]
        if (
            a.kind == b.kind == "subject"
            and a.key
            and b.key
            and a.key.startswith("func:")
            and b.key.startswith("func:")
            and b.start - a.end <= 1
        ):
            b.text = a.text + b.text
            b.key = b.key + "|" + a.key[5:]
            b.start = a.start
            del tokens[i]
            continue
        i += 1
