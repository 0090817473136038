"""Grouping the files of one document published separately (narrative + tables).

Departments often publish the 情况说明 (narrative) and the 公开表 (tables) as
two files — ``jiangsu_2019_renda_ys_text.pdf`` + ``jiangsu_2019_renda_ys_tables.pdf``,
``XX局2024年部门预算说明.docx`` + ``XX局2024年部门预算公开表.xlsx`` — and the narrative
must be checked against those tables. ``group_files`` pairs them from the file
names alone (no file is opened):

1. each name gives a *role*: narrative (说明, 情况说明, text, …; a ``.docx`` with
   no role word), tables (公开表, 报表, 附表, tables, …; a workbook with no role
   word) or none (a complete document); the role words are then removed;
2. what is left gives the *key*: the year (2019), the document kind (ys/预算 →
   budget, js/决算 → final), the level (dept / unit: a 单位预算 is not the
   部门预算 of the same body) and the department tokens (``jiangsu renda``,
   ``江苏省人大常委会``); files pair only inside one folder;
3. a tables file joins the narrative file whose key matches: same year, kind and
   level, and the same department — equal, or one name containing the other
   (``江苏省人大常委会`` / ``江苏省人大常委会办公厅``). Equal names win; a tie
   between two narratives leaves the tables file alone.

Complete documents (no role word) are never grouped: two of them with the same
key are two documents (a dept-level and a unit-level budget, or the same
document in two formats). Order is deterministic: groups follow the first
appearance of their first file in the input; inside a group the narrative
comes first, then the tables files in input order.
"""

from __future__ import annotations

from msgspec import Struct
from pathlib import Path

from budgetlint.lazy_regex import lazy_compile

NARRATIVE, TABLES = "narrative", "tables"

# Role words, longest first so 情况说明 is removed before 说明. ASCII tokens are matched whole.
_NARRATIVE_WORDS = ("编制说明", "情况说明", "公开说明", "说明", "文字部分", "文字", "文本", "正文")
_TABLES_WORDS = ("公开报表", "公开表格", "公开表", "预算表", "决算表", "报表", "表格部分", "表格", "附表", "表")
_NARRATIVE_TOKENS = {"text", "narrative", "shuoming", "explanation"}
_TABLES_TOKENS = {"tables", "table", "biao", "baobiao", "sheets", "tab", "fubiao"}
_UNIT_TOKENS = {"unit", "danwei"}
_DEPT_TOKENS = {"dept", "bumen", "department"}
_BUDGET_TOKENS = {"ys", "yusuan", "budget"}
_FINAL_TOKENS = {"js", "juesuan", "final"}
_FILLER_TOKENS = {"full", "gongkai", "open", "public", "doc", "docx", "pdf", "xlsx", "fujian", "attachment"}
# Chinese words that say nothing about which department or document a file is.
_CJK_FILLER = lazy_compile(
    r"附件\s*[0-9一二三四五六七八九十]*|部门|公开|年度|年|关于|的|本级|汇总|综合|[()（）《》【】\[\]、，,：:]"
)
_YEAR = lazy_compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_TOKEN_SPLIT = lazy_compile(r"[\s_\-.·]+")
_CJK = lazy_compile(r"[\u3400-\u9fff]")

_FORMAT_ROLE = {
    ".docx": NARRATIVE,
    ".doc": NARRATIVE,
    ".wps": NARRATIVE,
    ".xlsx": TABLES,
    ".xls": TABLES,
    ".xlsm": TABLES,
    ".et": TABLES,
}


class NameKey(Struct, frozen=True):
    """What a file name says about the document it belongs to."""

    folder: str
    year: str | None
    kind: str | None  # budget | final | None
    level: str  # dept | unit
    department: str  # remaining department tokens, normalised
    role: str | None  # narrative | tables | None (a complete document)


def name_key(path: Path) -> NameKey:
    """The key and role of one file, from its name only."""
    stem = path.stem
    role: str | None = None
    kind: str | None = None
    level = "dept"
    year_match = _YEAR.search(stem)
    year = year_match.group(0) if year_match else None
    text = _YEAR.sub(" ", stem)
    # Chinese words first (role, kind, level), then ASCII tokens.
    if "单位预算" in text or "单位决算" in text:
        level = "unit"
    if "决算" in text:
        kind = "final"
    elif "预算" in text:
        kind = "budget"
    for word in _NARRATIVE_WORDS:
        if word in text:
            role = role or NARRATIVE
            text = text.replace(word, " ")
    for word in _TABLES_WORDS:
        if word in text and (word != "表" or role is None):
            role = role or TABLES
            text = text.replace(word, " ")
    text = text.replace("预算", " ").replace("决算", " ").replace("单位", " ")
    text = _CJK_FILLER.sub(" ", text)
    tokens: list[str] = []
    for token in _TOKEN_SPLIT.split(text.lower()):
        if not token or token.isdigit():
            continue
        if token in _NARRATIVE_TOKENS:
            role = role or NARRATIVE
        elif token in _TABLES_TOKENS:
            role = role or TABLES
        elif token in _BUDGET_TOKENS:
            kind = kind or "budget"
        elif token in _FINAL_TOKENS:
            kind = kind or "final"
        elif token in _UNIT_TOKENS:
            level = "unit"
        elif token in _DEPT_TOKENS or token in _FILLER_TOKENS:
            continue
        else:
            tokens.append(token)
    if role is None:
        role = _FORMAT_ROLE.get(path.suffix.lower())
    return NameKey(
        folder=str(path.parent),
        year=year,
        kind=kind,
        level=level,
        department="".join(tokens) if any(_CJK.search(t) for t in tokens) else " ".join(tokens),
        role=role,
    )


def _match(a: str, b: str) -> int:
    """How well two department strings match: 2 equal, 1 one contains the other, 0 no."""
    if a == b:
        return 2
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 2 and short in long_:
        return 1
    return 0


def group_files(files: list[Path]) -> list[list[Path]]:
    """Group narrative and tables files of the same document; every other file stays alone."""
    files = list(dict.fromkeys(files))  # a file named twice is read once
    keys = [name_key(f) for f in files]
    attach: dict[int, int] = {}  # tables file index -> narrative file index
    narratives = [i for i, k in enumerate(keys) if k.role == NARRATIVE]
    for t, tk in enumerate(keys):
        if tk.role != TABLES:
            continue
        scored = []
        for n in narratives:
            nk = keys[n]
            if (nk.folder, nk.year, nk.kind, nk.level) != (tk.folder, tk.year, tk.kind, tk.level):
                continue
            score = _match(nk.department, tk.department)
            if score:
                scored.append((score, n))
        if not scored:
            continue
        best = max(s for s, _ in scored)
        winners = [n for s, n in scored if s == best]
        if len(winners) == 1:
            attach[t] = winners[0]
    groups: dict[int, list[int]] = {}
    order: list[int] = []
    for i in range(len(files)):
        head = attach.get(i, i)
        if head not in groups:
            groups[head] = []
            order.append(head)
        groups[head].append(i)
    out: list[list[Path]] = []
    for head in sorted(order, key=lambda h: min(groups[h])):
        members = sorted(groups[head], key=lambda i: (i != head, i))
        out.append([files[i] for i in members])
    return out
