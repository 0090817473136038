"""Tokens of a folded paragraph: subjects, amounts, percentages and counts.

``tokenise`` scans the folded text once. Each number gets a role from the
words right before it (its gap): change, budget base, actual, share,
execution rate, change rate — or plain. Each number also gets the subject
that names it: the last vocabulary term (or 类/款/项 chain) before it, when
that term is close enough to still speak of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budgetlint.claims.patterns import (
    ACTUAL_MARK,
    AMOUNT_RE,
    BUDGET_MARK,
    CHANGE_END,
    CHANGE_THEN_NOUN,
    COUNT_RE,
    EXEC_RATE,
    HEAD_MARK,
    FUNC_CODE_RE,
    FUNC_RE,
    _LEVEL_OF_LENGTH,
    NEAR,
    NEAR_SHARE,
    PCT_RE,
    SENTENCE_END,
    SHARE_MARK,
    SUBJECT_TO_AMOUNT_MAX,
    SUBJECT_TO_CHANGE,
    TERM_AFTER,
)
from budgetlint.claims.vocab import Vocabulary


@dataclass
class Token:
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


def tokenise(text: str, vocab: Vocabulary) -> list[Token]:
    tokens: list[Token] = []
    taken = [False] * len(text)
    for m in FUNC_RE.finditer(text):
        # A chain 类/款/项 is one subject named by its deepest level.
        tokens.append(Token("subject", m.start(), m.end(), key=f"func:{m.group('name')}|{m.group('level')}",
                            text=m.group(0)))
        for i in range(m.start(), m.end()):
            taken[i] = True
    for m in FUNC_CODE_RE.finditer(text):
        # "行政运行（2010801）": the code names the row; "#code" follows the name and level.
        if any(taken[m.start():m.end()]):
            continue
        code = m.group("code")
        tokens.append(Token("subject", m.start(), m.end(),
                            key=f"func:{m.group('name')}|{_LEVEL_OF_LENGTH[len(code)]}|#{code}", text=m.group(0)))
        for i in range(m.start(), m.end()):
            taken[i] = True
    for m in _class_names_re(vocab).finditer(text):
        # "一般公共服务支出1378.41万元" (长春): a 类 named without （类） right before its amount
        if any(taken[m.start():m.end()]) or not _term_starts_phrase(text, m.start()):
            continue
        # "funcname:": known by its name alone, so binding only confirms it (bind.py), and a
        # change stated after it does not inherit it (extract.py _subject_of)
        tokens.append(Token("subject", m.start(), m.end(), key=f"funcname:{m.group('name')}|类", text=m.group(0)))
        for i in range(m.start(), m.end()):
            taken[i] = True
    for term, key in vocab.terms:
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(taken[start:end]) and _term_starts_phrase(text, start) \
                    and (not (key.startswith("projrow:") or term in vocab.tight) or _AMOUNT_NEXT.match(text, end)):
                tokens.append(Token("subject", start, end, key=key, text=term))
                for i in range(start, end):
                    taken[i] = True
            start = text.find(term, end)
    for regex, kind in ((AMOUNT_RE, "amount"), (PCT_RE, "pct"), (COUNT_RE, "count")):
        for m in regex.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            frac = m.group("frac") or ""
            value = Decimal(m.group("int").replace(",", "") + ("." + frac if frac else ""))
            unit = m.groupdict().get("unit") or m.groupdict().get("measure") or "%"
            tokens.append(Token(kind, m.start(), m.end(), value=value, decimals=len(frac), unit=unit,
                                text=m.group(0)))
            for i in range(m.start(), m.end()):
                taken[i] = True
    tokens.sort(key=lambda t: t.start)
    _merge_func_chains(tokens)
    # A number's gap: the words since the previous number, within its sentence.
    prev_end = 0
    for t in tokens:
        start = max(prev_end, max(text.rfind(c, 0, t.start) for c in "。;") + 1)
        t.gap = text[start:t.start]
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
            elif CHANGE_END.search(near) or CHANGE_THEN_NOUN.search(gap.rstrip()):
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
            if current is not None and t.kind == "amount" and t.role in ("plain", "actual", "budget") \
                    and not _subject_reaches(text[current.end:t.start]):
                current = None
            # A change names its subject right before the direction words ("人员经费支出
            # 增加", "三公经费支出预算数比 2023 年增加"); a subject further back belongs to
            # something else ("…附属单位上缴收入之外取得的收入…，比上年增加").
            if current is not None and t.role in ("change", "change_rate") \
                    and not SUBJECT_TO_CHANGE.match(text[current.end:t.start]):
                current = None
            t.subject = current
            current = None
    # 年初预算数为 A 万元，决算数 B 万元 / 预算合计 A，支出合计 B: B speaks of A's subject.
    last_budget: Token | None = None
    for t in tokens:
        if t.kind == "amount" and t.role == "budget":
            last_budget = t
        elif t.kind == "amount" and t.role in ("actual", "plain") and last_budget is not None \
                and SENTENCE_END not in text[last_budget.end:t.start] \
                and not HEAD_MARK.search(text, last_budget.end, t.start):  # "年初预算数 A，其中：…B": B is a part
            if t.subject is None or t.subject.key == "expense_current_total":  # 预算合计 A，支出合计 B
                t.subject = last_budget.subject
                t.role = "actual"
            last_budget = None
        elif t.kind in ("amount", "pct") and t.role not in ("exec_rate",):
            last_budget = None
    return tokens


# A project's name names an amount only when the amount follows at once: "信访专项486.39万元",
# not the sub-item "信访专项经费81.90万元" that begins with the same words.
_AMOUNT_NEXT = re.compile(r"(?:为|是)?[0-9]")
_CLASS_RES: dict[int, re.Pattern] = {}


def _class_names_re(vocab: Vocabulary) -> re.Pattern:
    """The 功能分类 类 names (subjects.yaml functional_classes) followed at once by an amount."""
    found = _CLASS_RES.get(id(vocab.classes))
    if found is None:
        names = sorted((n + "支出" for n in vocab.classes), key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in names) or "(?!)"
        found = re.compile(rf"(?P<name>{alternatives})(?=(?:为|是)?[0-9])")
        _CLASS_RES[id(vocab.classes)] = found
    return found


def _subject_reaches(between: str) -> bool:
    """Whether a subject still names the amount after the words ``between`` them."""
    cut = max(between.rfind(c) for c in ",;:。")
    if cut < 0:
        return len(between) <= SUBJECT_TO_AMOUNT_MAX
    rest = between[cut + 1:]
    return bool(BUDGET_MARK.search(rest) or ACTUAL_MARK.search(rest)) and len(rest) <= SUBJECT_TO_AMOUNT_MAX


def _term_starts_phrase(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] in TERM_AFTER


def _merge_func_chains(tokens: list[Token]) -> None:
    """Join adjacent 类/款/项 subjects into one subject named by its deepest level.

    The key lists the levels deepest first — ``func:行政运行|项|政府办公厅（室）及相关机构
    事务|款|一般公共服务支出|类`` — so binding can tell apart items with the same name.
    """
    i = 0
    while i + 1 < len(tokens):
        a, b = tokens[i], tokens[i + 1]
        if a.kind == b.kind == "subject" and a.key and b.key and a.key.startswith("func:") \
                and b.key.startswith("func:") and b.start - a.end <= 1:
            b.text = a.text + b.text
            b.key = b.key + "|" + a.key[5:]
            b.start = a.start
            del tokens[i]
            continue
        i += 1
