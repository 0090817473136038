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
             subject's amount stated before it; ``保持一致/持平`` = no change;
             ``stated_base`` = the year-before figure printed in the comparison
             (``比 2025 年年初预算数 B 万元增加``) or earlier in the sentence
             (``2025年当年预算执行数为 B 万元，…，比2025年预算执行数增加 Y%``)
- execution  budget A, actual B, rate Y; ``大于/小于/等于/无差异`` words
- breakdown  the amount before ``其中``/``主要用于`` and the amounts listed after it
- count      ``共 N 个项目``; ``N 个优、M 个良``; ``共有车辆 N 辆，其中 …``
- date       years in comparisons, ``X 年期末``, ``截至 X 年 M 月 D 日``, headlines
- admission  the text admits a data error (误计, 统计成, 系统统计 …)
- large_carryover  the text calls the carry-over large (结转结余资金数额较大, 结转结余率超过 15%)
                 or says money carries over into the next year (经费结转下年度使用)
- evaluation_count / evaluation_amount / evaluation_score  what the 绩效 section says of the
             绩效自评表 printed (evaluation.py)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from msgspec import Struct, field
from decimal import Decimal

from msgspec.structs import replace

from budgetlint.document_cache import per_document
from budgetlint.lazy_regex import lazy_compile
from budgetlint.claims.carryover import large_carryover_spans
from budgetlint.claims.evaluation import find_evaluation_claims
from budgetlint.claims.patterns import (
    ADMISSION,
    ADMISSION_ALONE_NOT,
    TARGET_BEFORE,
    VERSUS_BUDGET_YEAR,
    AS_OF,
    BARE_SIDE,
    BUDGET_WORD,
    COLUMN_HEADING,
    CHANGE_DOWN,
    CHANGE_UP,
    MORE_LESS_END,
    FUND_WORDS,
    COMPARE,
    COMPARE_BUDGET,
    COMPARE_YEAR,
    COMPARED_WITH,
    CONNECTIVE,
    FLAT,
    GRADE,
    GRADE_TOTAL,
    HEADLINE,
    LAST_YEAR_CLAUSE,
    THIS_YEAR_CLAUSE,
    HEAD_MARK,
    NEAR,
    PART_TO_SHARE,
    PERIOD_END,
    PRIOR_BASE,
    PRIOR_EXECUTION,
    RATE_VERSUS_EXECUTION,
    PROJECT_COUNT,
    RATE_AFTER_CHANGE,
    SENTENCE_END,
    SHARE_MARK,
    SIDE,
    STATED_BASE,
    STRUCTURAL,
    SUBJECT_TO_AMOUNT_MAX,
    VEHICLES,
    VEHICLE_CHANGE,
    VEHICLE_PART,
)
from budgetlint.claims.share_totals import mark_share_totals
from budgetlint.claims.text import Folded, fold_text
from budgetlint.claims.tokens import Token, tokenise
from budgetlint.claims.project_names import with_project_names
from budgetlint.claims.vocab import Vocabulary, load_vocabulary
from budgetlint.claims.draft import ClaimDraft, freeze
from budgetlint.claims.kinds import Claim
from budgetlint.model import Document, Paragraph, Provenance


class _Para(Struct):
    """One paragraph as extraction reads it: folded text, vocabulary and tokens."""

    paragraph: Paragraph
    folded: Folded
    vocab: Vocabulary
    tokens: list[Token] = field(default_factory=list)
    claims: list[ClaimDraft] = field(default_factory=list)
    serial: int = 0
    compared: set[int] = field(default_factory=set)  # where comparison words were read
    share_at: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # share id -> 占, number start, end
    earlier_years: list[tuple[int, int]] = field(default_factory=list)  # see _earlier_year_clauses


def _before(p: _Para, pos: int):
    """The paragraph's tokens starting before ``pos``, nearest first (tokens are in text
    order: found by bisection, so a long paragraph is not rescanned from its end)."""
    i = bisect_left(p.tokens, pos, key=_start)
    return (p.tokens[k] for k in range(i - 1, -1, -1))


def _clause_end(text: str, at: int, marks: str = ",;。") -> int:
    """Where the clause running at ``at`` ends: the first of ``marks`` from there (folded text
    has ASCII "," and ";"), or the paragraph's end."""
    ends = [i for i in (text.find(c, at) for c in marks) if i >= 0]
    return min(ends) if ends else len(text)


def _start(t: Token) -> int:
    return t.start


def extract(doc: Document, vocab: Vocabulary | None = None) -> list[Claim]:
    """Every claim in the document's narrative paragraphs, in reading order."""
    vocab = with_project_names(vocab or load_vocabulary(), doc)
    claims: list[Claim] = []
    seen: set[str] = set()
    for _paragraph, found in paragraph_claims(doc.paragraphs, vocab):
        for claim in found:
            base, n, unique = claim.id, 1, claim.id
            while unique in seen:  # ids stay unique when two paragraphs share a line
                n += 1
                unique = f"{base}.{n}"
            seen.add(unique)
            claims.append(claim if unique == claim.id else replace(claim, id=unique))
    return claims


def paragraph_claims(
    paragraphs: list[Paragraph], vocab: Vocabulary | None = None
) -> list[tuple[Paragraph, list[Claim]]]:
    """Each narrative paragraph with its claims: paragraphs a page break cut mid-sentence are
    read joined, and the shares of a "其中：" list printed one item per paragraph take the
    whole stated just before the list (see ``_ListHead``)."""
    vocab = vocab or load_vocabulary()
    drafts: list[tuple[Paragraph, list[ClaimDraft]]] = []
    head = _ListHead()
    for paragraph in join_broken(paragraphs):
        found = _drafts(paragraph, vocab)
        head.apply(paragraph, found, drafts[-1] if drafts else None)
        drafts.append((paragraph, found))
    return [(paragraph, [freeze(d) for d in found]) for paragraph, found in drafts]


_ITEM_START = lazy_compile(
    r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[.、．](?![0-9])|第[一二三四五六七八九十]+部分)"
)
_FINAL = "。；;：:！？!?"


def join_broken(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs cut by a page break in mid-sentence, joined ("…其中，一般公共预算拨款收入
    16,474.82万元，占32.55%；其他收" + "入31,888.00万元，占63.0%…"): the first stops without
    closing punctuation and is no heading, the next is in the same section and opens no item."""
    out: list[Paragraph] = []
    for p in paragraphs:
        prev = out[-1] if out else None
        if prev is not None and prev.section == p.section and _runs_on(prev.text.strip(), p.text.strip()):
            base = len(prev.text)
            out[-1] = prev.model_copy(
                update={"text": prev.text + p.text, "spans": [*prev.spans, *[(base + o, pr) for o, pr in p.spans]]}
            )
            continue
        out.append(p)
    return out


def _runs_on(prev: str, cur: str) -> bool:
    if not prev or not cur or prev[-1] in _FINAL or _ITEM_START.match(cur):
        return False
    if re.search(r"[(（](?:类|款|项)[)）](?:支出)?$", prev):
        return True  # "1.一般公共服务支出（类）信访事务（款）行政运行（项）" + "2026年预算数为5,826.21万元…"
    # A numbered line is a heading unless a sentence has begun on it: a comma, an amount, or words
    # after its colon ("3.信息化运行维护项目绩效自评综述：根据年初设定的绩效" + "目标，项目自评得分…", 中央).
    heading = _ITEM_START.match(prev) and not re.search(r"[，,；;]|万元|[:：].", prev)
    return len(prev) >= 20 and not heading


class _ListHead:
    """A "其中" list whose items are paragraphs of their own:

        2026年收入预算5,876.67万元，比上年执行数增加48.92万元。      (the head)
        其中：一般公共预算拨款收入5,753.07万元，占97.9%；其他收入…
    or
        …收入预算合计3,210.1万元，包括本年收入3,210.1万元，上年结转结余0万元。
        其中：
        本年一般公共预算收入3,210.1万元，占100%；
        本年政府性基金预算收入0万元，占0%；  …

    The shares of the items are shares of the head: the first amount of the last sentence
    before the list. The list runs, in the same section, until an item ends with "。"."""

    def __init__(self) -> None:
        self.head: ClaimDraft | None = None
        self.section = ""

    def apply(
        self, paragraph: Paragraph, claims: list[ClaimDraft], prev: tuple[Paragraph, list[ClaimDraft]] | None
    ) -> None:
        text = _fold(paragraph.text).text
        if paragraph.section != self.section:
            self.head = None
        self.section = paragraph.section
        if (
            self.head is None
            and prev is not None
            and prev[0].section == paragraph.section
            and HEAD_MARK.match(text)
            and not _opens_own_list(prev[0])
        ):
            self.head = _head_amount(*prev)
        if self.head is not None:
            for c in claims:
                if c.kind == "share" and "whole" not in c.numbers and not c.words.get("whole_subject"):
                    c.words["whole_subject"] = self.head.subject or ""
                    c.words["whole_text"] = self.head.subject_text
                    _put_value(c, "whole", self.head, "amount")
        if re.fullmatch(r"(?:其中|主要包括|包括)[:：]?", text):
            return  # the list starts with the next paragraph (head already taken from the one before)
        if text.endswith(("其中:", "其中：", "其中")):
            self.head = _head_amount(paragraph, claims)
        elif text.endswith("。") or not claims:
            self.head = None


def _opens_own_list(paragraph: Paragraph) -> bool:
    """The paragraph already lists parts after a 其中 of its own: a further list is not of its head."""
    text = _fold(paragraph.text).text
    return bool(HEAD_MARK.search(text)) and not text.endswith(("其中:", "其中"))


def _head_amount(paragraph: Paragraph, claims: list[ClaimDraft]) -> ClaimDraft | None:
    """The first amount of the paragraph's last sentence, when it names its subject (a later
    amount is more often a part — "…合计3,210.1万元，包括本年收入…，上年结转结余0万元" — than the head)."""
    amounts = [c for c in claims if c.kind == "amount" and "amount" in c.numbers]
    if not amounts:
        return None
    first = next(c for c in amounts if c.sentence == amounts[-1].sentence)
    if not first.subject or first.words.get("aside") or first.words.get("role") not in (None, "budget"):
        return None
    return first


def _put_value(claim: ClaimDraft, role: str, source: ClaimDraft, source_role: str) -> None:
    claim.numbers[role] = source.numbers[source_role]
    claim.decimals[role] = source.decimals.get(source_role, 0)
    claim.units[role] = source.units.get(source_role, "万元")


# A paragraph is folded by the extraction and again by the list context around it, and a section
# heading once per paragraph under it: folded once (Folded is frozen; nothing changes it).
_fold = per_document(maxsize=2048)(fold_text)


def extract_paragraph(paragraph: Paragraph, vocab: Vocabulary | None = None) -> list[Claim]:
    """Claims of one paragraph (see the module docstring for the kinds)."""
    return [freeze(d) for d in _drafts(paragraph, vocab or load_vocabulary())]


def _drafts(paragraph: Paragraph, vocab: Vocabulary) -> list[ClaimDraft]:
    folded = _fold(paragraph.text)
    if not folded.text or _is_definition(paragraph, folded.text):
        return []
    p = _Para(paragraph, folded, vocab)
    p.tokens = tokenise(folded.text, vocab)
    _subject_from_heading(p)
    p.earlier_years = _earlier_year_clauses(p)
    _executions(p)
    _changes(p)
    _flats(p)
    _shares(p)
    _share_groups(p)
    mark_share_totals(p.claims, p.folded.text, p.share_at)
    _amounts(p)
    _breakdowns(p)
    _counts(p)
    _dates(p)
    _large_carryover(p)
    find_evaluation_claims(p.folded.text, lambda kind, at, end, **fields: _new(p, kind, at, end, **fields))
    _admissions(p)
    _mark_admitted(p)
    p.claims.sort(key=lambda c: (c.provenance.line or 0, _order(c)))
    return p.claims


# ------------------------------------------------------------------ tokens


def _earlier_year_clauses(p: _Para) -> list[tuple[int, int]]:
    """Clauses stating an earlier year's figure after the current one's, each opened by its
    year: "2024年收入预算2301.43万元；2023年收入预算2100.00万元，增加201.43万元" — the second
    is the base of the change that follows, not a second figure of this year, and its year is a
    comparison year. (start, end) of each: from the year to the clause's end."""
    text = p.folded.text
    found: list[tuple[int, int]] = []
    # "…449.76 万元，上年度收、支总计均为 357.87 万元，增加 91.89 万元": a clause opened by 上年
    # (not 上年结转/结余: this year's money brought forward)
    for m in LAST_YEAR_CLAUSE.finditer(text):
        if any(t.kind == "subject" and t.start == m.start("word") for t in p.tokens):
            continue  # 上年 begins a name of this year's money: "上年实户资金余额 0 万元"
        end = _clause_end(text, m.end())
        if any(t.kind == "amount" and m.start("word") <= t.start < end for t in p.tokens):
            found.append((m.start("word"), end))
    # (sentence start, year) of the sentence's statement of the current year; "本年度收、支总计…"
    # is this year's whatever its number
    this_year: dict[int, int] = {}  # sentence start -> where its first 本年 statement starts
    for m in THIS_YEAR_CLAUSE.finditer(text):
        this_year.setdefault(text.rfind(SENTENCE_END, 0, m.start()) + 1, m.start())
    latest: tuple[int, int] | None = None
    for m in HEADLINE.finditer(text):
        year = int(m.group("year"))
        sentence = text.rfind(SENTENCE_END, 0, m.start()) + 1
        if latest is None or latest[0] != sentence:
            latest = (sentence, 9999) if this_year.get(sentence, m.start()) < m.start() else None
        if latest is not None and latest[0] == sentence and year < latest[1]:
            found.append((m.start(), _clause_end(text, m.end())))
            continue
        latest = (sentence, year)
    return found


def _in_earlier_year(p: _Para, at: int) -> bool:
    return any(a <= at < b for a, b in p.earlier_years)


def _is_definition(paragraph: Paragraph, text: str) -> bool:
    """名词解释 paragraphs and formula cells define words; they state no figures."""
    return "名词解释" in paragraph.section or "=" in text and ("×100%" in text or "*100%" in text)


def _subject_from_heading(p: _Para) -> None:
    """Under a heading that is nothing but a subject — the section's ("（二）公务接待费") or the
    paragraph's own first sentence ("（一）因公出国（境）费用。2026年预算数173.52万元…") — the
    first amount after it, named by no word of its own, is that subject's."""
    text = p.folded.text
    own = re.match(r"[^。:]*[。:]", text)
    if own and _ITEM_START.match(own.group(0)):
        subject = _only_subject(own.group(0)[:-1], p.vocab)
        if subject is not None:
            _give_first_amount(p, subject, own.end())
            return
    section = _fold(p.paragraph.section).text
    if section and not text.startswith(section):
        subject = _only_subject(section, p.vocab)
        if subject is not None:
            _give_first_amount(p, subject, 0)


def _only_subject(heading: str, vocab: Vocabulary) -> Token | None:
    """The subject a heading consists of, item marker and closing colon aside."""
    name = _ITEM_START.sub("", heading).rstrip(":：")
    if not name or name == heading:
        return None
    found = tokenise(name, vocab)
    if len(found) != 1 or found[0].kind != "subject" or found[0].start != 0 or found[0].end != len(name):
        return None
    return found[0]


def _give_first_amount(p: _Para, subject: Token, since: int) -> None:
    first = next((t for t in p.tokens if t.start >= since and t.kind != "subject"), None)
    if (
        first is None
        or first.kind != "amount"
        or first.subject is not None
        or first.role not in ("plain", "budget")
        or any(t.kind == "subject" and since <= t.start < first.start for t in p.tokens)
        or any(c in p.folded.text[since : first.start] for c in ",;。")
        or first.start - since > SUBJECT_TO_AMOUNT_MAX
        or "分别" in p.folded.text[since : first.start]  # "…（项）、…（项）。年初预算分别为 a、b": several
    ):
        return
    first.subject = subject


# ------------------------------------------------------------------ claims


def _new(p: _Para, kind: str, at: int, end: int, **fields) -> ClaimDraft:
    p.serial += 1
    origin = p.folded.origin(at)
    prov = p.paragraph.provenance_at(origin)
    prov = prov.model_copy(update={"raw": _sentence(p, at)})
    line = prov.line if prov.line is not None else 0
    claim = ClaimDraft(id=f"l{line}:{kind}:{p.serial}", kind=kind, sentence=_sentence(p, at), provenance=prov, **fields)
    # The printed words of the claim, as they stand in the paragraph (locates findings).
    claim.words["span"] = p.paragraph.text[origin : p.folded.origin(max(end - 1, at)) + 1]
    if _gpb_scope(p, at):
        claim.words["scope"] = "gpb"  # 一般公共预算 figures, not all funds
    if claim.subject and claim.subject.startswith(("func:", "funcname:")):
        part = _spending_part(p, at)
        if part:
            claim.words["part_of"] = part
    text = p.folded.text
    headings = COLUMN_HEADING.findall(text, text.rfind(SENTENCE_END, 0, at) + 1, at)
    if headings:  # "②公用经费：商品和服务支出（302）126万元" (西安): that column's amount
        claim.words["column_heading"] = headings[-1]
    if _ONE_PROJECT.search(text, text.rfind(SENTENCE_END, 0, at) + 1, at):
        claim.words["one_project"] = "1"  # "该项目批复的年初预算数为…，其中…上年结转120.00万元"
    elif _SELF_EVALUATION.search(text, text.rfind(SENTENCE_END, 0, at) + 1, at):
        claim.words["self_evaluation"] = "1"  # "…项目绩效自评综述：全年预算数229.19万元，执行数…" (西安)
    funds = next((w for w in FUND_WORDS if w in p.paragraph.section), None)
    if funds:
        claim.words["section_funds"] = funds  # the section speaks of one kind of money only
    claim.words["_at"] = str(at)  # folded position, dropped after extraction
    claim.words["offset"] = str(origin)  # where the claim starts in Paragraph.text
    p.claims.append(claim)
    return claim


_PARTS = {"基本支出": "basic", "项目支出": "project"}
# A sentence about one project's money (绩效自评 reports): its figures are the project's own.
_ONE_PROJECT = lazy_compile(r"(?:该|此|本)项目|项目(?:批复的?)?(?:全年|年初)(?:预算|资金)")
# A figure of a 绩效自评 (a project's, a special fund's or the department's whole 全年预算数 / 执行数,
# "部门整体支出自评得分99.5，全年预算数…"): the self-evaluation form's, not a restated table figure.
_SELF_EVALUATION = lazy_compile(r"自评")


def _spending_part(p: _Para, at: int) -> str:
    """Whether a 功能分类 figure is the 基本支出 or 项目支出 part of its row: the paragraph or
    its section opens with that word ("（二）项目支出：…其中：一般公共服务支出3.00万元") → "basic" /
    "project"; the word stands earlier in the claim's own sentence → "?" (which part, or the
    whole, cannot be told); else ""."""
    for opening in (_fold(p.paragraph.section).text, p.folded.text):
        head = _ITEM_START.sub("", opening)
        for word, part in _PARTS.items():
            if head.startswith(word):
                return part
    text = p.folded.text
    start = text.rfind(SENTENCE_END, 0, at) + 1
    return "?" if any(w in text[start:at] for w in _PARTS) else ""


def _gpb_scope(p: _Para, at: int) -> bool:
    """The claim speaks of 一般公共预算 money: its section or sentence says so, or it is
    in a "其中：…" list whose head sentence does ("一般公共预算财政拨款支出 X。其中：…")."""
    if "一般公共预算" in p.paragraph.section or "财政拨款基本支出" in p.paragraph.section:
        return True  # (基本支出 is funded by 一般公共预算 alone)
    text = p.folded.text
    start = text.rfind(SENTENCE_END, 0, at) + 1
    end = text.find(SENTENCE_END, at)
    if "一般公共预算" in text[start : len(text) if end < 0 else end]:
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
    prev = next(
        (
            x
            for x in _before(p, t.start)
            if x.kind == "amount" and (x.role in roles or (x.role == "budget" and not x.used))
        ),
        None,
    )
    if prev is None or prev.subject is None or (prev.subject.key or "").startswith("funcname:"):
        return None, ""  # (a 类 known by its name alone may be one item of a list: 其中：…住房保障支出 X；支出增加 Y)
    text = p.folded.text
    sentence_start = max(text.rfind(c, 0, t.start) for c in ";。") + 1
    if (
        t.kind in ("amount", "pct")
        and t.role in ("change", "change_rate")
        and HEAD_MARK.search(text, max(sentence_start, 0), prev.start)
    ):
        return None, ""
    return prev.subject.key, prev.subject.text


def _put(claim: ClaimDraft, role: str, t: Token) -> None:
    assert t.value is not None  # only number tokens are put
    claim.numbers[role] = t.value
    claim.decimals[role] = t.decimals
    claim.units[role] = t.unit


def _executions(p: _Para) -> None:
    tokens = p.tokens
    last = -1
    for idx, t in enumerate(tokens):
        if t.kind != "pct" or t.role != "exec_rate":
            continue
        window = [x for x in tokens[last + 1 : idx] if x.kind == "amount"]
        budget = _rate_budget(t, [x for x in window if x.role == "budget"])
        actual = next(
            (
                x
                for x in reversed(window)
                if x.role in ("actual", "plain") and (budget is None or x.start > budget.start)
            ),
            None,
        )
        last = idx
        t.used = True
        subject_token = budget or actual
        key, words = _subject_of(p, subject_token, ("plain", "actual", "budget")) if subject_token else (None, "")
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
        nxt = next((x for x in tokens[idx + 1 :] if x.kind == "pct" and x.role == "exec_rate"), None)
        limit = min(stop if stop >= 0 else len(text), nxt.start if nxt else len(text))
        m = COMPARE.search(text, t.end, limit)
        word = (m.group(1) or m.group(2)) if m else None
        if m is None and (m := COMPARE_BUDGET.search(text, t.end, limit)) is not None:  # 决算数比年初预算减少
            word = m.group("word") or m.group("word2")
        if m is not None:
            p.compared.add(m.start())
            # "…完成全年预算的 75.33%。决算数大于年初预算数": of the budget this claim does not hold
            if word and not _names_other_budget(m.group(0), budget):
                claim.words["comparison"] = word
    _comparisons(p)


_ADJUSTED_BUDGET = lazy_compile(r"全年|调整")


def _budget_named(words: str) -> str:
    """Which budget ``words`` name: "年初", "全年" (the year's adjusted budget) or "" (neither)."""
    return "年初" if "年初" in words else ("全年" if _ADJUSTED_BUDGET.search(words) else "")


def _names_other_budget(words: str, budget: Token | None) -> bool:
    """A comparison naming 年初 or 全年/调整 budget while the claim holds the other one."""
    named = _budget_named(words)
    return bool(named) and budget is not None and named != (_budget_named(budget.gap[-12:]) or "年初")


def _rate_budget(rate: Token, budgets: list[Token]) -> Token | None:
    """The budget a completion rate is of: the one its words name ("完成年初预算的" → the 年初预算,
    "完成全年（调整后）预算的" → the adjusted one) when the sentence prints both, else the last."""
    named = _budget_named(rate.gap[-12:])
    if not named or len(budgets) < 2:
        return budgets[-1] if budgets else None
    # (a budget named neither way is the 年初 one: "年初预算" or a bare "预算为")
    return next((b for b in reversed(budgets) if (_budget_named(b.gap[-12:]) or "年初") == named), None)


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
        if (
            budget.kind != "amount"
            or budget.role != "budget"
            or budget.used
            or actual.kind != "amount"
            or actual.role not in ("actual", "plain")
        ):
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
            if (
                nxt is not None
                and nxt.kind == "pct"
                and nxt.role == "change_rate"
                and nxt.subject is None
                and RATE_AFTER_CHANGE.match(nxt.gap)
            ):
                rate = nxt
        else:
            rate = t
        bare = BARE_SIDE.search(t.gap) if t.subject is None else None
        stated = (
            _stated_base(p, idx)
            if t.gap in ("增加", "减少") or (t.kind == "pct" and t.gap in ("增长", "下降"))
            else None
        )
        if t.subject is None and stated is not None and stated[0].subject is not None:
            # "收入预算32852.05万元，比2025年年初预算数30385.62万元增加2466.43万元": the current figure's subject
            key, words = stated[0].subject.key, stated[0].subject.text
        elif t.subject is not None:
            key, words = t.subject.key, t.subject.text
        elif bare and _side_subject(p, bare.group(1), t.start) is not None:
            key, words = (
                _side_subject(p, bare.group(1), t.start),
                bare.group(1),
            )  # 收入总计 …，收入增加 X: the 收入 side
        elif CONNECTIVE.match(t.gap):
            key, words = _subject_of(p, t)  # “……11.50 万元，预算数比 2023 年增加 11.00 万元”
            if key and key.startswith("func:") and re.match(r"^[,;:。]?(?:支出|收入)", t.gap):
                key, words = None, ""  # "…住房保障支出539.91万元；支出比2025年增加…": all spending, not the last item
        else:
            key, words = None, ""  # some other noun we do not know: better unbound than wrong
        claim = _new(p, "change", t.start, (rate or t).end, subject=key, subject_text=words)
        t.used = True
        if key is None and _in_reason(p, t.start):
            claim.words["reason_detail"] = "1"  # "…原因是…培训费今年预算10.19万元，较上年增加了1.71万元"
        if _VERSUS_BUDGET.search(t.gap):
            claim.words["versus_budget"] = "1"  # "决算数较预算数减少5.91万元": actual − budget, not a year's change
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
        if stated is None and now is not None and _in_earlier_year(p, now.start):
            # "…2301.43万元；2023年收入预算2100.00万元，增加201.43万元": the earlier year's figure is
            # the base; the current one is the same subject's figure before it
            current = _previous_amount(p, key, now.start)
            stated = (current, now) if current is not None else None
            now = current
        if stated is not None:
            now, base_amount = stated
            _put(claim, "stated_base", base_amount)
        elif rate is t and now is not None and (prior := _prior_execution_base(p, idx, now)) is not None:
            _put(claim, "stated_base", prior)
        if now is not None:
            _put(claim, "now", now)
        base = COMPARE_YEAR.search(p.folded.text[max(0, t.start - 40) : t.start])
        if base:
            claim.words["base_year"] = base.group("year")
        text = p.folded.text
        end = text.find(SENTENCE_END, t.end)
        if STRUCTURAL.search(text, t.end, len(text) if end < 0 else end):
            claim.words["structural_reason"] = "1"  # "主要原因是专项资金列入部门预算"


_VERSUS_BUDGET = lazy_compile(r"决算数?(?:较|比|与)(?:年初|全年)?预算数?")
_SIDE_ALSO = {"收入": ("income_budget",), "支出": ("expense_budget",)}


def _side_subject(p: _Para, side: str, before: int) -> str | None:
    """The subject "收入/支出 比上年增加 X" speaks of: the 收入总计 (支出总计) stated before it,
    else the 收入预算 (支出预算) stated before it."""
    for key in (SIDE[side], *_SIDE_ALSO[side]):
        if _previous_amount(p, key, before) is not None:
            return key
    return None


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
    if any(c in text[prev.end : t.start] for c in "。;"):
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
    if (
        now.kind != "amount"
        or base.kind != "amount"
        or now.used
        or now.role not in ("plain", "budget")
        or base.role not in ("plain", "budget")
    ):
        return None
    text = p.folded.text
    if not STATED_BASE.match(text[now.end : base.start]):
        return None
    sentence_start = max(text.rfind(c, 0, now.start) for c in ";。") + 1
    if HEAD_MARK.search(text, sentence_start, now.start):
        return None
    return now, base


def _prior_execution_base(p: _Para, idx: int, now: Token) -> Token | None:
    """The year-before figure a rate alone is measured from, printed earlier in its sentence
    (上海: "2025年当年预算执行数为 A 万元，2026年预算安排 B 万元，比2025年预算执行数增加 Y%"):
    the sentence prints exactly that figure, then the current one, then the rate, and the
    rate's comparison names the execution figure again."""
    t = p.tokens[idx]
    if not RATE_VERSUS_EXECUTION.search(t.gap):
        return None
    text = p.folded.text
    sentence_start = text.rfind(SENTENCE_END, 0, t.start) + 1
    numbers = [x for x in p.tokens[:idx] if x.kind != "subject" and x.start >= sentence_start]
    if len(numbers) != 2 or numbers[1] is not now:
        return None
    base = numbers[0]
    if base.kind != "amount" or base.role != "plain" or not PRIOR_EXECUTION.search(base.gap):
        return None
    return base


def _direction(gap: str) -> str:
    """The last direction word near the end of ``gap``: '增加' (up) or '减少' (down).

    A template's "增加（减少）" names both: the direction is unknown ('')."""
    near = gap[-NEAR:]
    if any(w in near for w in CHANGE_UP) and any(w in near for w in CHANGE_DOWN):
        return ""
    bare = MORE_LESS_END.search(near)
    if bare:
        return "减少" if "少" in bare.group(0) else "增加"
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
        return (
            x.kind == "amount"
            and x.role in ("plain", "actual", "budget")
            and not (x.role == "budget" and x.used)
            and x.subject is not None
            and x.subject.key == key
        )

    for x in _before(p, before):
        if usable(x):
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
        base = COMPARE_YEAR.search(text[max(0, m.start() - 30) : m.start()])
        if base:
            claim.words["base_year"] = base.group("year")


def _head_before(p: _Para, pos: int) -> Token | None:
    """The amount before the nearest 其中/主要用于 marker preceding ``pos`` whose list reaches
    ``pos`` (see ``_list_reaches``)."""
    text = p.folded.text
    for mark in reversed([m for m in HEAD_MARK.finditer(text, 0, pos)]):
        head = next(
            (
                x
                for x in _before(p, mark.start())
                if x.kind == "amount" and not x.used and x.role in ("plain", "actual", "budget")
            ),
            None,
        )
        if head is not None and _list_reaches(p, head, mark.end(), pos):
            return head
    return None


def _list_reaches(p: _Para, head: Token, after_mark: int, pos: int) -> bool:
    """Whether the list a marker opens after ``head`` still runs at ``pos``. It ends with its
    sentence, and at the clause's "；" already when it lists nothing ("基本支出 1743.43 万元，占 75.75%，主要用于日常办公；
    项目支出 558.00 万元，占 24.25%": 项目支出 is no use of 基本支出) or when its head is itself an item
    with a share of its own ("一般公共服务（类）支出 2240.25 万元，占 97.34%，其中行政运行（项）…；
    社会保障和就业（类）支出 28.43 万元，占 1.24%": the next class is no part of the first)."""
    text = p.folded.text
    end = _clause_end(text, after_mark, ";。")
    if pos < end:
        return True
    if SENTENCE_END in text[after_mark:pos]:
        return False  # "…其中：基本支出…；项目支出…。基本支出中，人员经费…，占 99.27%": a new sentence
    lists_amounts = any(t.kind == "amount" and after_mark <= t.start < end for t in p.tokens)
    own_share = any(t.kind == "pct" and t.role == "share" and head.end <= t.start < after_mark for t in p.tokens)
    return lists_amounts and not own_share


def _shares(p: _Para) -> None:
    for idx, t in enumerate(p.tokens):
        if t.kind != "pct" or t.role != "share":
            continue
        lead = t.lead or t  # (a "分别占 x%、y%" list: its first share's words name the whole)
        mark = lead.start - len(lead.gap) + lead.gap.rfind(SHARE_MARK)
        if t.part is not None:  # "A、B 分别为 a、b，分别占 x%、y%" (tokens._respectively; itself: unpaired)
            part = t.part if t.part is not t else None
        else:
            part = next(
                (x for x in reversed(p.tokens[:idx]) if x.kind == "amount" and x.role in ("plain", "actual")), None
            )
            if part is not None and not PART_TO_SHARE.match(p.folded.text[part.end : mark]):
                part = None  # "…合同金额占货物支出金额的 9.16%": the part is not the amount before
        key, words = _subject_of(p, part) if part is not None else (None, "")
        claim = _new(p, "share", (part or t).start, t.end, subject=key, subject_text=words)
        if part is not None and _performance_coverage(p, part.start):
            claim.words["performance"] = "1"
        _put(claim, "share", t)
        p.share_at[claim.id] = (mark, t.start, t.end)
        if part is not None:
            _put(claim, "part", part)
        whole_subject = lead.subject if lead.subject is not None and lead.subject.start > mark else None
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
    groups: dict[str, list[ClaimDraft]] = {}
    for c in p.claims:
        if c.kind == "share" and "part" in c.numbers and c.units.get("part") == "万元":
            key = c.words.get("whole_subject") or f"head:{c.numbers.get('whole')}"
            groups.setdefault(key, []).append(c)
    for members in groups.values():
        if len(members) < 2:
            continue
        shares = sum((c.numbers["share"] for c in members), Decimal(0))
        slack = sum(Decimal(10) ** -c.decimals.get("share", 0) for c in members)
        if abs(shares - 100) > slack:
            continue
        total = sum((c.numbers["part"] for c in members), Decimal(0))
        half = sum((Decimal(5) * Decimal(10) ** (-(c.decimals.get("part", 0) + 1)) for c in members), Decimal(0))
        for c in members:
            c.numbers["whole_sum"] = total
            c.numbers["whole_sum_half"] = half


def _amounts(p: _Para) -> None:
    for t in p.tokens:
        if t.kind != "amount" or t.used or t.role not in ("plain", "actual", "budget"):
            continue
        key, words = (t.subject.key, t.subject.text) if t.subject is not None else (None, "")
        if t.subject is None and t.role == "actual":
            after = _after_budget_word(p, t)
            key, words = after if after else _subject_of(p, t, ("budget",))
        item_part = _item_part(p, t, key)
        if item_part is not None:  # "事业运行（项）220.99 万元，其中：基本支出 88.65 万元": the row's part
            key, words = item_part[0].subject, item_part[0].subject_text
        aside = _in_brackets(p, t.start)
        if aside:  # "（2016年度部门支出预算安排为 8,648.07 万元）": last year's figure or a note
            key, words = None, ""
        claim = _new(p, "amount", t.start, t.end, subject=key, subject_text=words)
        if item_part is not None:
            claim.words["part_of"] = item_part[1]
        if aside:
            claim.words["aside"] = "1"
        if key is None and _in_use_list(p, t.start):
            claim.words["use_detail"] = "1"
        elif key is None and _in_reason(p, t.start):
            claim.words["reason_detail"] = "1"
        if _performance_coverage(p, t.start):
            claim.words["performance"] = "1"
        if PRIOR_EXECUTION.search(t.gap) or PRIOR_BASE.search(t.gap):
            claim.words["prior_year"] = "1"
        if _in_earlier_year(p, t.start):
            claim.words["earlier_year"] = "1"
        _put(claim, "amount", t)
        if t.role != "plain":
            claim.words["role"] = t.role
        elif BUDGET_WORD.search(t.gap):
            claim.words["budget_word"] = "1"  # a 决算 binds it to the 预算数 column, if any


def _item_part(p: _Para, t: Token, key: str | None) -> tuple[ClaimDraft, str] | None:
    """A 基本支出 / 项目支出 amount listed under a 功能分类 item's amount ("一般公共服务支出（类）
    318.99 万元，其中：基本支出 145.59 万元，项目支出 173.39 万元"; "…事业运行（项）…支出决算为 220.99
    万元。其中：基本支出 88.65 万元"): the item's claim and the part, "basic" or "project" — the
    row's column, not the department's. The item is the one the list's head amount was read as."""
    if key is None or key not in _PARTS.values():
        return None
    text = p.folded.text
    marks = list(HEAD_MARK.finditer(text, 0, t.start))
    if not marks:
        return None
    mark = marks[-1]
    head = next(
        (x for x in _before(p, mark.start()) if x.kind == "amount" and x.role in ("plain", "actual", "budget")), None
    )
    if head is None or not _list_reaches(p, head, mark.end(), t.start):
        return None
    claims = [(int(c.words.get("_at", "-1")), c) for c in p.claims]
    exact = [c for at, c in claims if at == head.start]
    found: ClaimDraft | None
    if exact:
        found = exact[-1]
    else:  # an execution claim starts at its budget, before the 决算数 that heads the list
        sentence = text.rfind(SENTENCE_END, 0, head.start) + 1
        found = next((c for at, c in reversed(claims) if sentence <= at < head.start), None)
    if found is None or not (found.subject or "").startswith(("func:", "funcname:")):
        return None
    return found, key


def _after_budget_word(p: _Para, t: Token) -> tuple[str, str] | None:
    """ "…“三公”经费支出预算593.46万元，支出决算587.55万元" (西安 决算): the 决算数 stated right
    after an amount its words call a 预算, in the same clause run, speaks of that amount's subject."""
    prev = next((x for x in _before(p, t.start) if x.kind in ("amount", "pct")), None)
    if (
        prev is None
        or prev.kind != "amount"
        or prev.role != "plain"
        or prev.subject is None
        or not BUDGET_WORD.search(prev.gap)
        or (prev.subject.key or "").startswith("funcname:")
    ):
        return None
    between = p.folded.text[prev.end : t.start]
    if any(c in between for c in ";。") or HEAD_MARK.search(between):
        return None
    return prev.subject.key or "", prev.subject.text


def _in_reason(p: _Para, at: int) -> bool:
    """Position ``at`` follows "原因" in its clause run (up to the last "；" or "。"): a figure the
    reason for a change gives ("主要原因是…等业务维持406.39万元", 西安) — a project's or a use's
    amount, which no table of the set states."""
    text = p.folded.text
    start = max(text.rfind(c, 0, at) for c in ";。") + 1
    return "原因" in text[start:at]


def _in_use_list(p: _Para, at: int) -> bool:
    """Position ``at`` follows "主要用于" in its sentence: an amount of a list of uses of the
    item before ("…（项）1153.00 万元，主要用于…综合管理经费等支出 652.00 万元"), which no
    table of the set breaks down."""
    text = p.folded.text
    start = text.rfind(SENTENCE_END, 0, at) + 1
    return "主要用于" in text[start:at]


def _performance_coverage(p: _Para, at: int) -> bool:
    """ "…均实行绩效目标管理，共计3个一级项目，涉及资金2,131.61万元": the money a 绩效 scheme
    covers, stated after 涉及 in a sentence about 绩效 — a scope, not a restated table total."""
    text = p.folded.text
    start = text.rfind(SENTENCE_END, 0, at) + 1
    end = text.find(SENTENCE_END, at)
    sentence = text[start : len(text) if end < 0 else end]
    return "绩效" in sentence and "涉及" in text[start:at]


def _in_brackets(p: _Para, at: int) -> bool:
    """Position ``at`` lies inside a bracket opened earlier in its sentence."""
    text = p.folded.text
    start = text.rfind(SENTENCE_END, 0, at) + 1
    before = text[start:at]
    return before.count("(") > before.count(")")


def _breakdowns(p: _Para) -> None:
    text = p.folded.text
    for m in HEAD_MARK.finditer(text):
        head = next(
            (
                x
                for x in _before(p, m.start())
                if x.kind == "amount" and not x.used and x.role in ("plain", "actual", "budget")
            ),
            None,
        )
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
        head_aside = _in_brackets(p, head.start)
        for x in p.tokens:
            if not (m.end() <= x.start < stop) or x.kind != "amount" or x.role not in ("plain", "actual"):
                continue
            if _in_brackets(p, x.start) and not head_aside:
                continue  # "基本支出 1743.43 万元（人员经费 1730.75 万元，公用经费 12.68 万元）": a part's own parts
            sk = x.subject.key if x.subject is not None else None
            is_class = bool(
                sk
                and sk.startswith(("func:", "funcname:"))
                and sk.split("|")[1] == "类"
                and p.vocab.lists_classes(key or "")
            )
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
        if text[max(0, m.start() - 1) : m.start()] == "等":
            continue  # "对信息创新项目等共 2 个项目开展事前绩效评估": some projects, named by example
        if re.search(r"(?:增加|减少|新增|增|减)了?$", text[max(0, m.start() - 4) : m.start()]):
            continue  # "项目数量较上年减少共 3 个项目": a change in the count, not the count
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
        seg = text[m.end() : seg_end]
        if "其中" not in seg:
            continue
        parts = []
        for x in VEHICLE_PART.finditer(seg, seg.index("其中")):
            if seg.count("(", 0, x.start()) > seg.count(")", 0, x.start()):
                continue  # "公务用车2辆（机要通信用车1辆、其他用车1辆）": a kind's own kinds
            words = seg[max(seg.rfind(c, 0, x.start()) for c in ",;:、()") + 1 : x.start()]
            if "车" not in words or VEHICLE_CHANGE.search(words):
                break  # "…，2023年报废车辆1辆" or "比上年增加1辆": no kind of car held, the list has ended
            parts.append(Decimal(x.group("n")))
        claim = _new(p, "count", m.start(), seg_end, subject="vehicles", subject_text="车辆")
        claim.numbers["total"] = Decimal(m.group("n"))
        for i, v in enumerate(parts, 1):
            claim.numbers[f"part{i}"] = v
        claim.words["parts"] = ",".join(f"part{i}" for i in range(1, len(parts) + 1))


def _large_carryover(p: _Para) -> None:
    for start, end in large_carryover_spans(p.folded.text):
        claim = _new(p, "large_carryover", start, end, subject=None, subject_text="年末结转和结余")
        claim.words["said"] = p.folded.text[start:end]


def _dates(p: _Para) -> None:
    text = p.folded.text
    for regex, context in (
        (AS_OF, "as_of"),
        (PERIOD_END, "period_end"),
        (COMPARE_YEAR, "comparison"),
        (HEADLINE, "headline"),
    ):
        for m in regex.finditer(text):
            if context == "headline" and not _is_headline(p, m):
                continue
            if context == "comparison" and PERIOD_END.match(text, m.start() + 1):
                continue  # "比 2022 年末增加 1 辆": a comparison of year ends, dated as one (below)
            # a headline of an earlier year's figure after this year's: the year compared with
            kind = "comparison" if context == "headline" and _in_earlier_year(p, m.start()) else context
            after, before = text[m.end() : m.end() + 8], text[max(0, m.start() - 4) : m.start()]
            claim = _new(p, "date", m.start(), m.end(), subject=None, subject_text=m.group(0))
            claim.numbers["year"] = Decimal(m.group("year"))
            claim.words["context"] = kind
            if kind == "comparison" and VERSUS_BUDGET_YEAR.match(after):
                claim.words["versus"] = "budget"  # "比 2023 年年初预算减少": a 决算 against its own year's budget
            if kind == "period_end" and before.endswith(("比", "较", "与")):
                claim.words["versus"] = "period_end"  # "比 2022 年末增加 1 辆": the year end before
            elif kind == "period_end" and TARGET_BEFORE.search(before):
                claim.words["versus"] = "target"  # "计划于 2024 年末完成": a date ahead, any year
            if kind == "as_of":
                claim.numbers["month"] = Decimal(m.group("month"))
                if m.group("day"):
                    claim.numbers["day"] = Decimal(m.group("day"))


def _is_headline(p: _Para, m: re.Match) -> bool:
    """“2024 年收入总计 2301.43 万元”: the year opens a statement of this year's
    figure — an amount follows in the same clause — and is no comparison (与/比/较
    2023 年, 上年) nor a mention of another year (不存在 2018 年……收入)."""
    text = p.folded.text
    before = text[max(0, m.start() - 3) : m.start()]
    if any(w in before for w in ("与", "比", "较", "上", "去", "存在", "在")):
        return False
    end = _clause_end(text, m.end())
    return any(t.kind == "amount" and m.end() <= t.start < end for t in p.tokens)


def _admission_words(text: str) -> list:
    """The words of ``text`` (a paragraph) that admit a data error (patterns.ADMISSION)."""
    found = list(ADMISSION.finditer(text))
    if all(m.group(0) in ADMISSION_ALONE_NOT for m in found):
        return []
    return found


def _admissions(p: _Para) -> None:
    text = p.folded.text
    seen: set[int] = set()
    for m in _admission_words(text):
        start = text.rfind(SENTENCE_END, 0, m.start()) + 1
        clause = max(text.rfind(c, 0, m.start()) for c in ",;:。") + 1
        if start in seen and clause <= start:
            continue
        seen.add(clause)
        claim = _new(p, "admission", m.start(), m.end(), subject=None, subject_text=text[clause : m.end() + 20])
        claim.words["keyword"] = m.group(0)
        claim.words["clause"] = _clause(p, m.start())


def _mark_admitted(p: _Para) -> None:
    """Figures in a clause that admits an error (“1500 元系统统计成 1500 万元”) describe
    the error; they restate no table figure and are not checked against one."""
    text = p.folded.text
    clauses = []
    for m in _admission_words(text):
        start = max(text.rfind(c, 0, m.start()) for c in ",;。") + 1
        clauses.append((start, _clause_end(text, m.end())))
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
    end = _clause_end(text, at)
    return p.paragraph.text[p.folded.origin(start) : p.folded.origin(end - 1) + 1].strip()


_KIND_ORDER = {
    "amount": 0,
    "share": 1,
    "change": 2,
    "execution": 3,
    "breakdown": 4,
    "count": 5,
    "date": 6,
    "admission": 7,
    "large_carryover": 8,
    "evaluation_count": 9,
    "evaluation_amount": 10,
    "evaluation_score": 11,
}


def _order(c: ClaimDraft) -> int:
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
