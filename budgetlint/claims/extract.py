"""Find the claims a narrative paragraph makes (amounts, shares, changes, …).

The paragraph is folded (``text.py``) and scanned once into tokens
(``tokens.py``): subjects (vocabulary terms and functional-classification
names such as ``一般公共服务支出（类）``), amounts with a money unit,
percentages and counts. The words right before a number decide its role:
``增加`` makes a change, ``占`` a share, ``完成年初预算的`` an execution rate,
``年初预算为`` a budget base (wording: ``patterns.py``). Claims are then
assembled from the tokens in reading order:

- amount     subject + value (+ unit, printed decimals)
- share      part / whole = rate; the whole is named (``占支出合计的``) or is
             the amount before the nearest ``其中``/``主要用于``
- change     change amount and/or rate with direction words, ``now`` = the
             subject's amount stated before it; ``保持一致/持平`` = no change
- execution  budget A, actual B, rate Y; ``大于/小于/等于/无差异`` words
- breakdown  the amount before ``其中``/``主要用于`` and the amounts listed after it
- count      ``共 N 个项目``; ``N 个优、M 个良``; ``共有车辆 N 辆，其中 …``
- date       years in comparisons, ``X 年期末``, ``截至 X 年 M 月 D 日``, headlines
- admission  the text admits a data error (误计, 统计成, 系统统计 …)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from budgetlint.claims.patterns import (
    ADMISSION,
    AS_OF,
    BARE_SIDE,
    CHANGE_DOWN,
    CHANGE_UP,
    COMPARE,
    COMPARE_BUDGET,
    COMPARE_YEAR,
    COMPARED_WITH,
    CONNECTIVE,
    FLAT,
    GRADE,
    GRADE_TOTAL,
    HEADLINE,
    HEAD_MARK,
    NEAR,
    PART_TO_SHARE,
    PERIOD_END,
    PRIOR_EXECUTION,
    PROJECT_COUNT,
    RATE_AFTER_CHANGE,
    SENTENCE_END,
    SHARE_MARK,
    SIDE,
    STATED_BASE,
    STRUCTURAL,
    VEHICLES,
    VEHICLE_PART,
)
from budgetlint.claims.text import Folded, fold_text
from budgetlint.claims.tokens import Token, tokenise
from budgetlint.claims.project_names import with_project_names
from budgetlint.claims.vocab import Vocabulary, load_vocabulary
from budgetlint.model import Claim, Document, Paragraph, Provenance

@dataclass
class _Para:
    paragraph: Paragraph
    folded: Folded
    vocab: Vocabulary
    tokens: list[Token] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    serial: int = 0
    compared: set[int] = field(default_factory=set)  # where comparison words were read


def extract(doc: Document, vocab: Vocabulary | None = None) -> list[Claim]:
    """Every claim in the document's narrative paragraphs, in reading order."""
    vocab = with_project_names(vocab or load_vocabulary(), doc)
    claims: list[Claim] = []
    seen: set[str] = set()
    for paragraph in doc.paragraphs:
        for claim in extract_paragraph(paragraph, vocab):
            base, n = claim.id, 1
            while claim.id in seen:  # ids stay unique when two paragraphs share a line
                n += 1
                claim.id = f"{base}.{n}"
            seen.add(claim.id)
            claims.append(claim)
    return claims


def extract_paragraph(paragraph: Paragraph, vocab: Vocabulary | None = None) -> list[Claim]:
    """Claims of one paragraph (see the module docstring for the kinds)."""
    vocab = vocab or load_vocabulary()
    folded = fold_text(paragraph.text)
    if not folded.text or _is_definition(paragraph, folded.text):
        return []
    p = _Para(paragraph, folded, vocab)
    p.tokens = tokenise(folded.text, vocab)
    _executions(p)
    _changes(p)
    _flats(p)
    _shares(p)
    _share_groups(p)
    _amounts(p)
    _breakdowns(p)
    _counts(p)
    _dates(p)
    _admissions(p)
    _mark_admitted(p)
    p.claims.sort(key=lambda c: (c.provenance.line or 0, _order(c)))
    return p.claims


# ------------------------------------------------------------------ tokens


def _is_definition(paragraph: Paragraph, text: str) -> bool:
    """名词解释 paragraphs and formula cells define words; they state no figures."""
    return "名词解释" in paragraph.section or "=" in text and ("×100%" in text or "*100%" in text)


# ------------------------------------------------------------------ claims


def _new(p: _Para, kind: str, at: int, end: int, **fields) -> Claim:
    p.serial += 1
    origin = p.folded.origin(at)
    prov = p.paragraph.provenance_at(origin)
    prov = prov.model_copy(update={"raw": _sentence(p, at)})
    line = prov.line if prov.line is not None else 0
    claim = Claim(id=f"l{line}:{kind}:{p.serial}", kind=kind, sentence=_sentence(p, at), provenance=prov, **fields)
    # The printed words of the claim, as they stand in the paragraph (locates findings).
    claim.words["span"] = p.paragraph.text[origin:p.folded.origin(max(end - 1, at)) + 1]
    if _gpb_scope(p, at):
        claim.words["scope"] = "gpb"  # 一般公共预算 figures, not all funds
    claim.words["_at"] = str(at)  # folded position, dropped after extraction
    claim.words["offset"] = str(origin)  # where the claim starts in Paragraph.text
    p.claims.append(claim)
    return claim


def _gpb_scope(p: _Para, at: int) -> bool:
    """The claim speaks of 一般公共预算 money: its section or sentence says so, or it is
    in a "其中：…" list whose head sentence does ("一般公共预算财政拨款支出 X。其中：…")."""
    if "一般公共预算" in p.paragraph.section:
        return True
    text = p.folded.text
    start = text.rfind(SENTENCE_END, 0, at) + 1
    end = text.find(SENTENCE_END, at)
    if "一般公共预算" in text[start:len(text) if end < 0 else end]:
        return True
    if text.startswith("其中", start) and start > 0:
        prev_start = text.rfind(SENTENCE_END, 0, start - 1) + 1
        return "一般公共预算" in text[prev_start:start]
    return False


def _sentence(p: _Para, at: int) -> str:
    """The original sentence holding folded position ``at``."""
    text = p.folded.text
    start = text.rfind(SENTENCE_END, 0, at) + 1
    end = text.find(SENTENCE_END, at)
    end = len(text) if end < 0 else end + 1
    o_start = p.folded.origin(start) if start < len(text) else len(p.paragraph.text)
    o_end = p.folded.origin(end - 1) + 1
    return p.paragraph.text[o_start:o_end].strip()


def _subject_of(p: _Para, t: Token, roles: tuple[str, ...] = ("plain", "actual")) -> tuple[str | None, str]:
    """Subject key and words for number token ``t``: its own, else that of the amount
    stated just before it (of one of ``roles``) — only that one: when it names no known
    subject, neither does ``t``. After "其中：" the amount before is one item of a list
    ("其中：a 万元、b 万元，较上年增加 X"), so the change may be about the whole: unknown."""
    if t.subject is not None:
        return t.subject.key, t.subject.text
    prev = next((x for x in reversed(p.tokens) if x.kind == "amount" and x.start < t.start and
                 (x.role in roles or (x.role == "budget" and not x.used))), None)
    if prev is None or prev.subject is None or (prev.subject.key or "").startswith("funcname:"):
        return None, ""  # (a 类 known by its name alone may be one item of a list: 其中：…住房保障支出 X；支出增加 Y)
    text = p.folded.text
    sentence_start = max(text.rfind(c, 0, t.start) for c in ";。") + 1
    if t.kind in ("amount", "pct") and t.role in ("change", "change_rate") \
            and HEAD_MARK.search(text, max(sentence_start, 0), prev.start):
        return None, ""
    return prev.subject.key, prev.subject.text


def _put(claim: Claim, role: str, t: Token) -> None:
    claim.numbers[role] = t.value
    claim.decimals[role] = t.decimals
    claim.units[role] = t.unit


def _executions(p: _Para) -> None:
    tokens = p.tokens
    last = -1
    for idx, t in enumerate(tokens):
        if t.kind != "pct" or t.role != "exec_rate":
            continue
        window = [x for x in tokens[last + 1:idx] if x.kind == "amount"]
        budget = next((x for x in reversed(window) if x.role == "budget"), None)
        actual = next((x for x in reversed(window) if x.role in ("actual", "plain") and
                       (budget is None or x.start > budget.start)), None)
        last = idx
        t.used = True
        subject_token = budget or actual
        key, words = (_subject_of(p, subject_token, ("plain", "actual", "budget")) if subject_token else (None, ""))
        claim = _new(p, "execution", (budget or t).start, t.end, subject=key, subject_text=words)
        _put(claim, "rate", t)
        if budget is not None:
            _put(claim, "budget", budget)
            budget.used = True
        if actual is not None:
            _put(claim, "actual", actual)
        # 决算数大于/小于/等于预算数, 无差异/存在差异: within this sentence or the next.
        text = p.folded.text
        stop = text.find(SENTENCE_END, t.end)
        stop = text.find(SENTENCE_END, stop + 1) if stop >= 0 else len(text)
        nxt = next((x for x in tokens[idx + 1:] if x.kind == "pct" and x.role == "exec_rate"), None)
        limit = min(stop if stop >= 0 else len(text), nxt.start if nxt else len(text))
        m = COMPARE.search(text, t.end, limit)
        if m:
            claim.words["comparison"] = m.group(1) or m.group(2)
            p.compared.add(m.start())
        elif (m := COMPARE_BUDGET.search(text, t.end, limit)) is not None:  # 决算数比年初预算减少
            claim.words["comparison"] = m.group("word") or m.group("word2")
            p.compared.add(m.start())
    _comparisons(p)


def _comparisons(p: _Para) -> None:
    """``年初预算为 A 万元，支出决算为 B 万元。决算数大于预算数的主要原因……`` with no
    completion rate: an execution claim of A, B and the comparison word, when A and B
    are the last two amounts printed before the word (in its sentence or the one before)."""
    text = p.folded.text
    for m in COMPARE_BUDGET.finditer(text):
        if any(m.start() <= c < m.end() for c in p.compared):
            continue  # already read with the completion rate it follows
        sentence = text.rfind(SENTENCE_END, 0, m.start())
        since = text.rfind(SENTENCE_END, 0, sentence) + 1 if sentence >= 0 else 0
        before = [x for x in p.tokens if x.kind in ("amount", "pct") and since <= x.start < m.start()]
        if len(before) < 2:
            continue
        budget, actual = before[-2], before[-1]
        if budget.kind != "amount" or budget.role != "budget" or budget.used \
                or actual.kind != "amount" or actual.role not in ("actual", "plain"):
            continue
        key, words = _subject_of(p, budget, ("plain", "actual", "budget"))
        claim = _new(p, "execution", budget.start, m.end(), subject=key, subject_text=words)
        _put(claim, "budget", budget)
        _put(claim, "actual", actual)
        claim.words["comparison"] = m.group("word") or m.group("word2")
        p.compared.add(m.start())


def _changes(p: _Para) -> None:
    tokens = p.tokens
    for idx, t in enumerate(tokens):
        if t.used or not ((t.kind == "amount" and t.role == "change") or (t.kind == "pct" and t.role == "change_rate")):
            continue
        rate = None
        if t.kind == "amount":
            nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
            if nxt is not None and nxt.kind == "pct" and nxt.role == "change_rate" and nxt.subject is None \
                    and RATE_AFTER_CHANGE.match(nxt.gap):
                rate = nxt
        else:
            rate = t
        bare = BARE_SIDE.search(t.gap) if t.subject is None else None
        if t.subject is not None:
            key, words = t.subject.key, t.subject.text
        elif bare and _previous_amount(p, SIDE[bare.group(1)], t.start) is not None:
            key, words = SIDE[bare.group(1)], bare.group(1)  # 收入总计 …，收入增加 X: the 收入 side
        elif CONNECTIVE.match(t.gap):
            key, words = _subject_of(p, t)  # “……11.50 万元，预算数比 2023 年增加 11.00 万元”
        else:
            key, words = None, ""  # some other noun we do not know: better unbound than wrong
        claim = _new(p, "change", t.start, (rate or t).end, subject=key, subject_text=words)
        t.used = True
        if t.kind == "amount":
            _put(claim, "change", t)
            claim.words["direction"] = _direction(t.gap)
        if rate is not None:
            rate.used = True
            _put(claim, "rate", rate)
            claim.words["rate_direction"] = _direction(rate.gap)
        if "direction" not in claim.words:
            claim.words["direction"] = claim.words.get("rate_direction", "")
        now = _previous_amount(p, key, t.start, after_too=True)
        if now is None and CONNECTIVE.match(t.gap):
            now = _amount_just_before(p, idx)
        stated = _stated_base(p, idx) if t.kind == "amount" and t.gap in ("增加", "减少") else None
        if stated is not None:
            now, base_amount = stated
            _put(claim, "stated_base", base_amount)
        if now is not None:
            _put(claim, "now", now)
        base = COMPARE_YEAR.search(p.folded.text[max(0, t.start - 40):t.start])
        if base:
            claim.words["base_year"] = base.group("year")
        text = p.folded.text
        end = text.find(SENTENCE_END, t.end)
        if STRUCTURAL.search(text, t.end, len(text) if end < 0 else end):
            claim.words["structural_reason"] = "1"  # "主要原因是专项资金列入部门预算"


def _amount_just_before(p: _Para, idx: int) -> Token | None:
    """The amount a change follows directly in its sentence ("收入预算为 1200.00 万元，比上年
    增加 8.00 万元"): the current figure, whatever its subject — the change speaks of it.
    Not after 其中/主要用于 (the amount before is then one item of a list) and not when
    the number before is no plain amount (a share, a count, a budget base already used)."""
    prev = next((x for x in reversed(p.tokens[:idx]) if x.kind != "subject"), None)
    if prev is None or prev.kind != "amount" or prev.role not in ("plain", "actual", "budget") or prev.used:
        return None
    text = p.folded.text
    t = p.tokens[idx]
    if any(c in text[prev.end:t.start] for c in "。;"):
        return None
    sentence_start = max(text.rfind(c, 0, prev.start) for c in ";。") + 1
    if HEAD_MARK.search(text, sentence_start, prev.start):
        return None
    clause_start = max(text.rfind(c, 0, prev.start) for c in ",;:。") + 1
    if COMPARED_WITH.search(text, clause_start, prev.start):
        return None  # "比 2025 年预算数 30385.62 万元增加": that amount is the base, not the current one
    return prev


def _stated_base(p: _Para, idx: int) -> tuple[Token, Token] | None:
    """The current figure and the printed base a change is measured from: the two amounts
    right before the change, joined only by a comparison phrase ("收入预算 32852.05 万元，
    比 2025 年年初预算数 30385.62 万元增加 2466.43 万元")."""
    numbers = [x for x in p.tokens[:idx] if x.kind != "subject"]
    if len(numbers) < 2:
        return None
    now, base = numbers[-2], numbers[-1]
    if now.kind != "amount" or base.kind != "amount" or now.used or now.role not in ("plain", "budget") \
            or base.role not in ("plain", "budget"):
        return None
    text = p.folded.text
    if not STATED_BASE.match(text[now.end:base.start]):
        return None
    sentence_start = max(text.rfind(c, 0, now.start) for c in ";。") + 1
    if HEAD_MARK.search(text, sentence_start, now.start):
        return None
    return now, base


def _direction(gap: str) -> str:
    """The last direction word near the end of ``gap``: '增加' (up) or '减少' (down).

    A template's "增加（减少）" names both: the direction is unknown ('')."""
    near = gap[-NEAR:]
    if any(w in near for w in CHANGE_UP) and any(w in near for w in CHANGE_DOWN):
        return ""
    best, where = "", -1
    for w in CHANGE_UP:
        i = gap.rfind(w)
        if i > where:
            best, where = "增加", i
    for w in CHANGE_DOWN:
        i = gap.rfind(w)
        if i > where:
            best, where = "减少", i
    return best


def _previous_amount(p: _Para, key: str | None, before: int, after_too: bool = False) -> Token | None:
    """The amount of subject ``key`` stated before position ``before`` (else, with
    ``after_too``, later in the paragraph: "…增加 129.07 万元。其中：一般公共预算拨款收入
    2796.14 万元")."""
    if key is None:
        return None

    def usable(x: Token) -> bool:
        # a budget base is the current amount too, unless an execution rate used it (决算)
        return x.kind == "amount" and x.role in ("plain", "actual", "budget") and not (x.role == "budget" and x.used) \
            and x.subject is not None and x.subject.key == key

    for x in reversed(p.tokens):
        if x.start < before and usable(x):
            return x
    if after_too:
        for x in p.tokens:
            if x.start > before and usable(x):
                return x
    # 收支总计 restates 收入总计 and 支出总计 alike.
    if key == "income_total":
        return _previous_amount(p, "expense_total", before, after_too)
    return None


def _flats(p: _Para) -> None:
    """``预算数与 2023 年保持一致``: a change claim stating no change."""
    text = p.folded.text
    for m in FLAT.finditer(text):
        before = [t for t in p.tokens if t.end <= m.start()]
        clause_start = max(text.rfind(c, 0, m.start()) for c in ",;:。") + 1
        subj = next((t for t in reversed(before) if t.kind == "subject" and t.start >= clause_start), None)
        if subj is None:
            # 预算数与 2023 年保持一致: the subject of the amount stated before it.
            subj_tok = next((t for t in reversed(before) if t.kind == "subject"), None)
            num = next((t for t in reversed(before) if t.kind == "amount" and t.role in ("plain", "actual")), None)
            if num is not None and num.subject is not None and (subj_tok is None or subj_tok.end <= num.start):
                subj = num.subject
            else:
                subj = subj_tok
        if subj is None:
            continue
        sentence_start = max(text.rfind(c, 0, m.start()) for c in ";。") + 1
        since = max(sentence_start, subj.start)
        nums_in_clause = [t for t in before if t.start >= since and t.kind == "amount" and t.role == "change"]
        claim = _new(p, "change", m.start(), m.end(), subject=subj.key, subject_text=subj.text)
        claim.words["direction"] = "持平"
        claim.words["flat_word"] = m.group(0)
        claim.numbers["change"] = Decimal(0)
        claim.decimals["change"] = 2  # compared like a printed 0.00
        claim.units["change"] = "万元"
        if nums_in_clause:  # 持平 yet a change amount in the same clause
            _put(claim, "stated_change", nums_in_clause[-1])
        now = _previous_amount(p, subj.key, m.start())
        if now is not None:
            _put(claim, "now", now)
        base = COMPARE_YEAR.search(text[max(0, m.start() - 30):m.start()])
        if base:
            claim.words["base_year"] = base.group("year")


def _head_before(p: _Para, pos: int) -> Token | None:
    """The amount before the nearest 其中/主要用于 marker preceding ``pos``."""
    text = p.folded.text
    marks = [m for m in HEAD_MARK.finditer(text, 0, pos)]
    if not marks:
        return None
    mark = marks[-1]
    for x in reversed(p.tokens):
        if x.start < mark.start() and x.kind == "amount" and not x.used and x.role in ("plain", "actual", "budget"):
            return x
    return None


def _shares(p: _Para) -> None:
    for idx, t in enumerate(p.tokens):
        if t.kind != "pct" or t.role != "share":
            continue
        part = next((x for x in reversed(p.tokens[:idx]) if x.kind == "amount" and x.role in ("plain", "actual")), None)
        mark = t.start - len(t.gap) + t.gap.rfind(SHARE_MARK)
        if part is not None and not PART_TO_SHARE.match(p.folded.text[part.end:mark]):
            part = None  # "…合同金额占货物支出金额的 9.16%": the part is not the amount before
        key, words = (_subject_of(p, part) if part is not None else (None, ""))
        claim = _new(p, "share", (part or t).start, t.end, subject=key, subject_text=words)
        _put(claim, "share", t)
        if part is not None:
            _put(claim, "part", part)
        mark_at = t.start - len(t.gap) + t.gap.rfind(SHARE_MARK)
        whole_subject = t.subject if t.subject is not None and t.subject.start > mark_at else None
        if whole_subject is not None:
            claim.words["whole_subject"] = whole_subject.key or ""
            claim.words["whole_text"] = whole_subject.text
            whole = _previous_amount(p, whole_subject.key, t.start)
            if whole is not None:
                _put(claim, "whole", whole)
        else:
            head = _head_before(p, (part or t).start)
            if head is not None and head is not part:
                _put(claim, "whole", head)
                if head.subject is not None:
                    claim.words["whole_subject"] = head.subject.key or ""
                    claim.words["whole_text"] = head.subject.text


def _share_groups(p: _Para) -> None:
    """Shares of one whole that add up to 100% list every part: their whole is
    the sum of the parts ("财政拨款收入 449.76，占 100.00%；上级补助收入 0.00，占 0.00%…").

    Using that sum keeps the share check about the shares themselves: whether the
    stated whole (or the table's) equals the sum of the parts is BL501/BL522's question."""
    groups: dict[str, list[Claim]] = {}
    for c in p.claims:
        if c.kind == "share" and "part" in c.numbers and c.units.get("part") == "万元":
            key = c.words.get("whole_subject") or f"head:{c.numbers.get('whole')}"
            groups.setdefault(key, []).append(c)
    for members in groups.values():
        if len(members) < 2:
            continue
        shares = sum(c.numbers["share"] for c in members)
        slack = sum(Decimal(10) ** -c.decimals.get("share", 0) for c in members)
        if abs(shares - 100) > slack:
            continue
        total = sum(c.numbers["part"] for c in members)
        half = sum(Decimal(5) * Decimal(10) ** (-(c.decimals.get("part", 0) + 1)) for c in members)
        for c in members:
            c.numbers["whole_sum"] = total
            c.numbers["whole_sum_half"] = half


def _amounts(p: _Para) -> None:
    for t in p.tokens:
        if t.kind != "amount" or t.used or t.role not in ("plain", "actual", "budget"):
            continue
        key, words = (t.subject.key, t.subject.text) if t.subject is not None else (None, "")
        if t.subject is None and t.role == "actual":
            key, words = _subject_of(p, t, ("budget",))
        aside = _in_brackets(p, t.start)
        if aside:  # "（2016年度部门支出预算安排为 8,648.07 万元）": last year's figure or a note
            key, words = None, ""
        claim = _new(p, "amount", t.start, t.end, subject=key, subject_text=words)
        if aside:
            claim.words["aside"] = "1"
        if PRIOR_EXECUTION.search(t.gap):
            claim.words["prior_year"] = "1"
        _put(claim, "amount", t)
        if t.role != "plain":
            claim.words["role"] = t.role


def _in_brackets(p: _Para, at: int) -> bool:
    """Position ``at`` lies inside a bracket opened earlier in its sentence."""
    text = p.folded.text
    start = text.rfind(SENTENCE_END, 0, at) + 1
    before = text[start:at]
    return before.count("(") > before.count(")")


def _breakdowns(p: _Para) -> None:
    text = p.folded.text
    for m in HEAD_MARK.finditer(text):
        head = next((x for x in reversed(p.tokens) if x.start < m.start() and x.kind == "amount"
                     and not x.used and x.role in ("plain", "actual", "budget")), None)
        end = text.find(SENTENCE_END, m.end())
        end = len(text) if end < 0 else end
        nxt = HEAD_MARK.search(text, m.end(), end)
        stop = nxt.start() if nxt else end
        if head is None or head.subject is None:
            continue
        key, words = head.subject.key, head.subject.text
        # The list runs while each amount names a member of the head (its parts in
        # the vocabulary, or 功能分类 类 under a spending total); anything else ends it.
        allowed = p.vocab.members(key or "")
        parts: list[Token] = []
        for x in p.tokens:
            if not (m.end() <= x.start < stop) or x.kind != "amount" or x.role not in ("plain", "actual"):
                continue
            sk = x.subject.key if x.subject is not None else None
            is_class = bool(sk and sk.startswith("func:") and sk.split("|")[1] == "类" and p.vocab.lists_classes(key or ""))
            if sk not in allowed and not is_class:
                break
            parts.append(x)
        if not parts:
            continue
        claim = _new(p, "breakdown", m.start(), stop, subject=key, subject_text=words)
        _put(claim, "total", head)
        names = []
        for i, part in enumerate(parts, 1):
            _put(claim, f"part{i}", part)
            names.append(part.subject.key if part.subject and part.subject.key else "?")
        claim.words["parts"] = ",".join(names)


def _counts(p: _Para) -> None:
    text = p.folded.text
    for m in PROJECT_COUNT.finditer(text):
        claim = _new(p, "count", m.start(), m.end(), subject="projects_count", subject_text=m.group(0))
        claim.numbers["count"] = Decimal(m.group("n"))
        claim.units["count"] = "个"
    grades = list(GRADE.finditer(text))
    if grades:
        total = None
        for tm in GRADE_TOTAL.finditer(text, 0, grades[0].start()):
            total = tm
        claim = _new(p, "count", grades[0].start(), grades[-1].end(), subject="grades", subject_text="自评等级")
        if total is not None:
            claim.numbers["total"] = Decimal(total.group("n"))
        for g in grades:
            claim.numbers[g.group("grade")] = claim.numbers.get(g.group("grade"), Decimal(0)) + Decimal(g.group("n"))
        claim.words["parts"] = ",".join(g.group("grade") for g in grades)
    for m in VEHICLES.finditer(text):
        end = text.find(SENTENCE_END, m.end())
        end = len(text) if end < 0 else end
        seg_end = text.find(";单", m.end(), end)  # 单位价值 … 设备 starts another list
        seg_end = end if seg_end < 0 else seg_end
        seg = text[m.end():seg_end]
        if "其中" not in seg:
            continue
        parts = [Decimal(x.group("n")) for x in VEHICLE_PART.finditer(seg)]
        claim = _new(p, "count", m.start(), seg_end, subject="vehicles", subject_text="车辆")
        claim.numbers["total"] = Decimal(m.group("n"))
        for i, v in enumerate(parts, 1):
            claim.numbers[f"part{i}"] = v
        claim.words["parts"] = ",".join(f"part{i}" for i in range(1, len(parts) + 1))


def _dates(p: _Para) -> None:
    text = p.folded.text
    for regex, context in ((AS_OF, "as_of"), (PERIOD_END, "period_end"), (COMPARE_YEAR, "comparison"),
                           (HEADLINE, "headline")):
        for m in regex.finditer(text):
            if context == "headline" and not _is_headline(p, m):
                continue
            claim = _new(p, "date", m.start(), m.end(), subject=None, subject_text=m.group(0))
            claim.numbers["year"] = Decimal(m.group("year"))
            claim.words["context"] = context
            if context == "as_of":
                claim.numbers["month"] = Decimal(m.group("month"))
                if m.group("day"):
                    claim.numbers["day"] = Decimal(m.group("day"))


def _is_headline(p: _Para, m: re.Match) -> bool:
    """“2024 年收入总计 2301.43 万元”: the year opens a statement of this year's
    figure — an amount follows in the same clause — and is no comparison (与/比/较
    2023 年, 上年) nor a mention of another year (不存在 2018 年……收入)."""
    text = p.folded.text
    before = text[max(0, m.start() - 3):m.start()]
    if any(w in before for w in ("与", "比", "较", "上", "去", "存在", "在")):
        return False
    ends = [i for i in (text.find(c, m.end()) for c in ",;。") if i >= 0]
    end = min(ends) if ends else len(text)
    return any(t.kind == "amount" and m.end() <= t.start < end for t in p.tokens)


def _admissions(p: _Para) -> None:
    text = p.folded.text
    seen: set[int] = set()
    for m in ADMISSION.finditer(text):
        start = text.rfind(SENTENCE_END, 0, m.start()) + 1
        clause = max(text.rfind(c, 0, m.start()) for c in ",;:。") + 1
        if start in seen and clause <= start:
            continue
        seen.add(clause)
        claim = _new(p, "admission", m.start(), m.end(), subject=None, subject_text=text[clause:m.end() + 20])
        claim.words["keyword"] = m.group(0)
        claim.words["clause"] = _clause(p, m.start())


def _mark_admitted(p: _Para) -> None:
    """Figures in a clause that admits an error (“1500 元系统统计成 1500 万元”) describe
    the error; they restate no table figure and are not checked against one."""
    text = p.folded.text
    clauses = []
    for m in ADMISSION.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in ",;。") + 1
        ends = [i for i in (text.find(c, m.end()) for c in ",;。") if i >= 0]
        clauses.append((start, min(ends) if ends else len(text)))
    for claim in p.claims:
        if claim.kind in ("amount", "share", "change", "execution"):
            at = claim.words.get("_at")
            if at is not None and any(a <= int(at) < b for a, b in clauses):
                claim.words["in_admission"] = "1"
    for claim in p.claims:
        claim.words.pop("_at", None)


def _clause(p: _Para, at: int) -> str:
    text = p.folded.text
    start = max(text.rfind(c, 0, at) for c in ",;。") + 1
    ends = [i for i in (text.find(c, at) for c in ",;。") if i >= 0]
    end = min(ends) if ends else len(text)
    return p.paragraph.text[p.folded.origin(start):p.folded.origin(end - 1) + 1].strip()


_KIND_ORDER = {"amount": 0, "share": 1, "change": 2, "execution": 3, "breakdown": 4, "count": 5, "date": 6, "admission": 7}


def _order(c: Claim) -> int:
    return _KIND_ORDER.get(c.kind, 9)


def paragraph_from_text(text: str, path: str = "<text>", line: int = 1, section: str = "") -> Paragraph:
    """A Paragraph from lines of text (wrap breaks joined), for tests and tools.

    Each source line becomes a span, so claims report the line they start on.
    """
    spans: list[tuple[int, Provenance]] = []
    parts: list[str] = []
    offset = 0
    for i, raw_line in enumerate(text.split("\n")):
        spans.append((offset, Provenance(path=path, line=line + i)))
        parts.append(raw_line)
        offset += len(raw_line)
    return Paragraph(text="".join(parts), spans=spans, provenance=Provenance(path=path, line=line), section=section)
