"""Grid tables: code/label columns on the left, numeric columns on the right.

Used for every kind except the two-sided summary tables. Steps:

1. split header rows from data rows (the first row holding a decimal number,
   or a 合计 row whose cells to the right are all blank/numbers);
2. find where the numbers start (first decimal number of the first data row);
3. name the numeric columns from the header words (``columns.yaml``), or fall
   back to the kind's standard layout when the header is garbled or misaligned;
4. key every data row (functional / economic / unit codes, 合计, projects).
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Literal

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import Column, ParseWarning, Provenance, RawCell, RawTable, Row, Table
from budgetlint.numbers import parse_number
from budgetlint.recognise.cells import make_cell, where
from budgetlint.recognise.hierarchy import unit_codes, unit_header
from budgetlint.recognise.identities import equations
from budgetlint.recognise.three_public import by_fund_keys, latest_year_row
from budgetlint.recognise.vocab import ColumnVocab, Identity, column_vocab, kind_rule, row_vocab
from budgetlint.rounding import adds_up, half_ulp, rounding_decimals, table_precision

_SPACE_RE = lazy_compile(r"\s+")
_TOTAL_WORDS: tuple[str, ...] = ("合计", "总计", "收入总计", "支出总计", "收入合计", "支出合计")
_CODE_RE = lazy_compile(r"^\d{2,8}$")
_CODE_LABEL_RE = lazy_compile(r"^(\d{3,8})[-－—–](\D.*)$")
_BRACKET_CODE_RE = lazy_compile(r"^[\[【［](\d{3,8})[\]】］](\D.*)$")


def squash(text: str) -> str:
    return _SPACE_RE.sub("", text or "")


def _is_decimal_number(text: str) -> bool:
    p = parse_number(text)
    return p is not None and p.decimals > 0


_GROUPED_RE = lazy_compile(r"\d[,，]\s?\d{3}(?!\d)")


def _is_amount(text: str) -> bool:
    """A printed amount, not a code or a year: decimals (``12.50``), or thousands groups
    (``8,661,624``: a 元 table printed without decimals)."""
    return _is_decimal_number(text) or (_GROUPED_RE.search(text) is not None and parse_number(text) is not None)


def _is_total_label(text: str) -> bool:
    # "总计:" (长春 支出总表): the label's own trailing colon is no part of the word
    return squash(text).rstrip(":：") in _TOTAL_WORDS


_ROW_ID_RE = lazy_compile(r"^[A-Za-z]*\d[0-9A-Za-z_-]*$")  # a row's ID printed beside its amounts (ID100000)


def _is_total_row(row: list[RawCell]) -> bool:
    """A 合计 row: a 合计/总计 cell with only blanks or numbers to its right (a 总计 in the last
    column heads that column: 政府采购支出表, suzhou 2026), or a row ID among them (a system's
    内部编号 column: "ID100000" beside an integer 合计 558)."""
    for i, cell in enumerate(row):
        if _is_total_label(cell.text):
            rest = [squash(c.text) for c in row[i + 1 :] if c.text.strip()]
            numbers = [t for t in rest if parse_number(t) is not None]
            return bool(row[i + 1 :]) and all(t in numbers or (numbers and _ROW_ID_RE.match(t)) for t in rest)
    return False


def _is_numbers_row(row: list[RawCell]) -> bool:
    """A row of bare numbers only ('0 0 0 … 0': an all-zero data row printed without decimals).

    Column numbers (1 2 3 … n, a 栏次 row the reader kept) are not data.
    """
    texts = [c.text.strip() for c in row if c.text.strip()]
    if len(texts) < 2 or any(parse_number(t) is None for t in texts):
        return False
    return not counts_up([squash(t) for t in texts])


def _repeated_column_numbers(lead: list[RawCell], values: list[RawCell]) -> bool:
    """A row numbering the columns (1 2 3 … n) with no name beside it but a 栏次 mark (**, 栏次)."""
    marks = [squash(c.text) for c in lead if squash(c.text)]
    if any(m not in ("*", "**", "栏次", "行次") for m in marks):
        return False
    texts = [squash(c.text) for c in values if squash(c.text)]
    return len(texts) >= 3 and counts_up(texts)


def counts_up(texts: list[str]) -> bool:
    """'1', '2', … 'n' in order: a row numbering the columns (栏次), not data."""
    return texts == [str(n) for n in range(1, len(texts) + 1)]


def split_header(rows: list[list[RawCell]]) -> int:
    """Index of the first data row (len(rows) when there is none).

    A data row holds an amount (decimals or thousands groups), or is a 合计 row, or holds
    nothing but numbers (an all-zero row printed as ``0``, which has no decimals to recognise it by).
    """
    for i, row in enumerate(rows):
        if any(_is_amount(c.text) for c in row) or _is_total_row(row) or _is_numbers_row(row) or _is_coded_row(row):
            return i
    return len(rows)


_SUBJECT_CODE_RE = lazy_compile(r"^[235]\d{2}(?:\d{2}){0,2}$")


def _is_coded_row(row: list[RawCell]) -> bool:
    """A subject row of an integer table: a functional/economic code first (``208``, ``30101``),
    then a name, then a number (``500``). No header row starts with a subject code."""
    texts = [squash(c.text) for c in row if squash(c.text)]
    if len(texts) < 3 or not _SUBJECT_CODE_RE.match(texts[0]):
        return False
    named = next((i for i, t in enumerate(texts) if parse_number(t) is None), None)
    return named is not None and any(parse_number(t) is not None for t in texts[named + 1 :])


_DAMAGED_DECIMAL_RE = lazy_compile(r"^\s*\d+\s*[.,]\s*\d*\s*\S?\s*$")


def _extend_left(header: list[list[RawCell]], first: list[RawCell], j: int, kind: str | None) -> int:
    """Move the start of the numbers left over integer cells printed before the first decimal.

    A value printed without decimals (``0`` for 年初结转和结余 before ``100.00``) is still a
    value: a bare ``0`` never is a code, and any integer or blank counts when the header above
    it names a value column of the kind (``columns.yaml``). Codes (``229``) are never taken.
    """
    vocab = column_vocab(kind) if kind else None
    while j > 0:
        text = first[j - 1].text if j - 1 < len(first) else ""
        parsed = parse_number(text)
        named = vocab is not None and _match_header(vocab, *_header_paths(header, j - 1)) is not None
        if squash(text) == "0" or (named and (parsed is not None or not text.strip())):
            j -= 1
            continue
        break
    return j


def find_data_start(header: list[list[RawCell]], data: list[list[RawCell]], kind: str | None = None) -> int:
    """Column where the numbers start (a damaged number such as '421. 2¢' counts)."""
    header_total = min(
        (
            j
            for row in header
            for j, cell in enumerate(row)
            if "合计" in squash(cell.text) or "总计" in squash(cell.text)
        ),
        default=None,
    )
    if data:
        for j, cell in enumerate(data[0]):
            if _is_amount(cell.text) or _DAMAGED_DECIMAL_RE.match(cell.text):
                # A total printed without decimals ("558") under the 合计 header starts the numbers earlier.
                if (
                    header_total is not None
                    and header_total < j
                    and all(not c.text.strip() or parse_number(c.text) is not None for c in data[0][header_total:j])
                    and any(parse_number(c.text) is not None for c in data[0][header_total:j])
                ):
                    return header_total
                return _extend_left(header, data[0], j, kind)
        if _is_numbers_row(data[0]):
            # An all-integer first row (every value 0): the numbers start at its first number.
            return next(j for j, c in enumerate(data[0]) if c.text.strip())
    for row in header:
        for j, cell in enumerate(row):
            if _is_total_label(cell.text):
                return j
    if data:
        for j, cell in enumerate(data[0]):
            if _is_total_label(cell.text):
                # 合计 spanning the code and name columns: the numbers start after its merged cell
                k = j + 1
                while k < len(data[0]) - 1 and data[0][k].covered and not data[0][k].text.strip():
                    k += 1
                return k
    return 0


# ----------------------------------------------------------------- columns


def _header_paths(header: list[list[RawCell]], col: int) -> tuple[str, list[str]]:
    """(leaf text, texts above it) of column ``col``; spans fill to the right above the leaf."""
    own = [squash(row[col].text) if col < len(row) else "" for row in header]
    leaf_row = max((r for r, t in enumerate(own) if t), default=None)
    if leaf_row is None:
        return "", []
    above = []
    for r in range(leaf_row):
        row = header[r]
        text = ""
        for j in range(min(col, len(row) - 1), -1, -1):
            if squash(row[j].text):
                text = squash(row[j].text)
                break
        above.append(text)
    return own[leaf_row], above


def word_names(word: str, text: str) -> bool:
    """A header word names a cell when it occurs in it; ``=预算`` only when it is the whole cell
    (a lone 预算 column, not 政府预算支出经济分类科目名称)."""
    return word[1:] == text if word.startswith("=") else word in text


def _match_rule(vocab: ColumnVocab, leaf: str, above: list[str]):
    """The first header rule naming this column, or None."""
    if not leaf:
        return None
    leaf = leaf.replace("其中：", "").replace("其中:", "")
    for rule in vocab.headers:
        if any(word_names(w, leaf) for w in rule.words):
            if rule.under and not any(u in a for a in above for u in rule.under):
                continue
            return rule
    return None


def _match_header(vocab: ColumnVocab, leaf: str, above: list[str]) -> str | None:
    rule = _match_rule(vocab, leaf, above)
    return rule.key if rule else None


def _rank(key: str, standard: tuple[str, ...]) -> float | None:
    """Printed order of a key: its place in the standard layout; a parent just before its first child."""
    if key in standard:
        return float(standard.index(key))
    for i, k in enumerate(standard):
        if k.startswith(key + "."):
            return i - 0.5
    return None


def _printed_terms(data: list[list[RawCell]], start: int) -> list[list[tuple[Decimal, Decimal] | None]]:
    """Each cell from ``start`` as (value, half-width of its printed precision), None when not a
    number; the half-widths follow the same rule as the engine's intervals (budgetlint.rounding)."""
    parsed = [[parse_number(c.text) for c in row[start:]] for row in data]
    precision, drops = table_precision((p.value, p.decimals) for row in parsed for p in row if p is not None)
    return [
        [
            None if p is None else (p.value, half_ulp(rounding_decimals(p.decimals, p.value, precision, drops)))
            for p in row
        ]
        for row in parsed
    ]


_UNNAMED_RE = lazy_compile(r"c\d+")


def _layout_check(
    vocab: ColumnVocab,
    keys: list[str],
    data: list[list[RawCell]],
    start: int,
    absent: Literal["zero", "missing"] = "missing",
) -> bool | None:
    """Whether the kind's row identities (rules/vocab/identities.yaml) hold within rounding under
    ``keys`` on all rows but at most one in ten (a real error in a row must not push the table
    out of its own layout); None when the layout gives no identity to check on this table.

    A subtotal the layout lacks stands for its own parts. For a positional guess (the standard
    layout, ``absent="missing"``) an identity is only checked where the layout gives its total and
    every part a column: the parts a truncated layout leaves out must not confirm it. A reading
    by the header's words (``absent="zero"``) is checked as the rules read it: a part the table
    does not print is 0. A blank cell is 0. One that can be checked on fewer than three rows must
    hold on all.
    """
    eqs = equations(vocab.identities, keys, absent=absent)
    if not eqs:
        return None
    index = {key: k for k, key in enumerate(keys)}
    terms = _printed_terms(data, start)
    checked = failed = 0
    blank = (Decimal(0), Decimal(0))  # an empty or unreadable cell: an exact 0
    for row in terms:
        cell = {key: (row[k] if k < len(row) else None) for key, k in index.items()}
        row_checked = row_failed = False
        for eq in eqs:
            # checked where the table prints the identity's total (or a balance's first term)
            if cell[eq.left[0]] is None:
                continue
            row_checked = True
            if not adds_up([cell[c] or blank for c in eq.left], [cell[c] or blank for c in eq.right]):
                row_failed = True
        checked += row_checked
        failed += row_failed
    if checked == 0:
        return None
    return failed == 0 if checked < 3 else failed <= max(1, checked // 10)


def _layout_adds_up(vocab: ColumnVocab, keys: list[str], data: list[list[RawCell]], start: int) -> bool:
    """The layout is confirmed by the table's own arithmetic (``_layout_check``): a table with
    values must confirm it; a table without values is confirmed by nothing and refuted by nothing."""
    if not vocab.identities:
        return True  # a kind with no identities of its own: nothing can confirm or refute it
    verdict = _layout_check(vocab, keys, data, start)
    if verdict is not None:
        return verdict
    return not any(parse_number(c.text) is not None for row in data for c in row[start:])


def _lone_total(keys: list[str]) -> bool:
    """The layout names one amount column, the table's total: no identity can confirm or refute
    it (the one-column lists of 江苏 收入总表, 基本支出 by economic code)."""
    return [k for k in keys if not _UNNAMED_RE.fullmatch(k)] == ["total"]


def _column_texts(header: list[list[RawCell]], col: int) -> list[str]:
    return [squash(row[col].text).replace("其中：", "").replace("其中:", "") for row in header if col < len(row)]


def _header_contradicts(vocab: ColumnVocab, texts: list[str], key: str) -> bool:
    """True when a column's own header cells name another column of the kind rather than ``key``.

    The standard layout may name a column whose header is blank, garbled (OCR noise matches no
    word) or split oddly, but not one whose printed words name something else (``小计`` under
    财政拨款收入 is not 本年收入合计; ``政府性基金预算收入`` is not 其中：财政拨款). A rule's words
    name a column weakly; with its ``under`` band found among the column's own cells, strongly
    (``一般公共预算拨款 | 小计`` is 一般公共预算's 小计, not 本年收入合计).
    """

    def names(k: str, strong: bool) -> bool:
        # a bare word (``=金额``) names a column only under its band: alone it names nothing
        return any(
            any(word_names(w, t) for w in rule.words for t in texts)
            and (
                not (strong or all(w.startswith("=") for w in rule.words))
                or not rule.under
                or any(u in t for u in rule.under for t in texts)
            )
            for rule in vocab.headers
            if rule.key == k
        )

    others = {rule.key for rule in vocab.headers if rule.key != key}
    if not names(key, strong=True) and any(
        names(k, strong=True) and any(r.under for r in vocab.headers if r.key == k) for k in others
    ):
        return True
    return not names(key, strong=False) and any(names(k, strong=False) for k in others)


def _generic_candidates(vocab: ColumnVocab, header: list[list[RawCell]], col: int) -> set[str]:
    """Keys a column headed by a generic word (小计, 合计) may stand for, whatever band it is under."""
    leaf = _header_paths(header, col)[0].replace("其中：", "").replace("其中:", "")
    # only keys the identities name can be settled by them (当年预算 | 小计 is in none)
    named = {k for ident in vocab.identities for k in (*ident.left, *ident.right)}
    return {rule.key for rule in vocab.headers if leaf and leaf in rule.words and rule.key in named}


def resolve_by_identities(
    vocab: ColumnVocab,
    keys: list[str],
    header: list[list[RawCell]],
    data: list[list[RawCell]],
    start: int,
) -> list[str]:
    """The header's keys, unless they break the table's own identities and exactly one other
    naming of its generic columns (小计, 合计) makes them hold.

    A 小计 names the subtotal of the band above it; when the bands are merged oddly or a blank
    column sits between them, the words alone may give the 三公 小计 the vehicle key. The
    table's arithmetic (合计 = 出国 + 车小计 + 接待, 车小计 = 购置 + 运行) settles which is which.
    """
    # The header's words are read as the rules read the table (a part it does not print is 0,
    # like opt()): a table printing only some of the income sources still checks its 合计.
    if not vocab.identities or not data or _layout_check(vocab, keys, data, start, absent="zero"):
        return keys
    generic = {k: cands for k in range(len(keys)) if len(cands := _generic_candidates(vocab, header, start + k)) > 1}
    if not generic or len(generic) > 4:
        return keys
    fixed = {key for k, key in enumerate(keys) if k not in generic}
    found = []
    for combo in itertools.product(*(sorted(generic[k]) for k in generic)):
        if len(set(combo)) < len(combo) or fixed & set(combo):
            continue
        trial = list(keys)
        for k, key in zip(generic, combo):
            trial[k] = key
        if _layout_check(vocab, trial, data, start, absent="zero"):
            found.append(trial)
    return found[0] if len(found) == 1 else keys


# Header bands of amounts that are not this year's: 上年 (上年数, 上年预算数), the change
# (增减变化情况, 比上年增减), and a year band older than the table's latest (2025年预算数 beside
# 2026年预算数). 上年结转 is this year's money brought forward: not such a band.
_OTHER_YEAR_BAND = lazy_compile(
    r"(?:上年|上年度)(?:预算|执行|决算)?数?|(?:比上年)?增减(?:变化|变动)?(?:情况|金额|额|数)?|变化情况"
)
_YEAR_BAND = lazy_compile(r"((?:19|20)\d{2})年度?(?:预算|执行|决算)?数?")


_CHANGE_BAND = lazy_compile(r"(?:比上年)?增减.*|变化情况")


_BUDGET_BAND_WORDS = ("预算数", "年初预算")
_DECIDED_BAND_WORDS = ("决算数",)


def _flattened_bands(
    vocab: ColumnVocab, keys: list[str | None], paths: list[tuple[str, list[str]]]
) -> list[str | None]:
    """A two-band header (预算数 | 决算数) flattened into one row names each band in its first
    cells only ("预算数合计 | 预算数因公出国（境）费 | 公务用车购置及运行维护费小计 … | 决算数合计 …"):
    the columns from a 预算数 cell up to the 决算数 cell are the budget band's, though the words
    of some (小计, 购置费) do not say so. Only where the header prints the band words inside its
    own leaves, for kinds that have a budget band (final_three_public, final_gpb_expense)."""
    if not any(k.startswith("budget.") for k in vocab.standard):
        return keys
    out = list(keys)
    band: str | None = None
    for k, (leaf, above) in enumerate(paths):
        if any(w in t for t in above for w in (*_BUDGET_BAND_WORDS, *_DECIDED_BAND_WORDS)):
            return keys  # the bands are printed above their columns: the rules name them
        if any(w in leaf for w in _BUDGET_BAND_WORDS):
            band = "budget"
        elif any(w in leaf for w in _DECIDED_BAND_WORDS):
            band = None
        key = out[k]
        if band == "budget" and key and not key.startswith("budget.") and f"budget.{key}" in vocab.standard:
            out[k] = f"budget.{key}"
    return out


def _this_year_only(keys: list[str | None], paths: list[tuple[str, list[str]]]) -> list[str | None]:
    """Set apart the columns under a prior-year or change band (三公 tables printing 上年 | 当年 |
    增减 blocks: the rules mean this year's block, not the first one printed): their keys get
    ``prior.`` / ``change.`` before them, so they are known for what they are and never taken
    for this year's; a column whose own words name nothing stays unnamed."""
    years = [int(m.group(1)) for leaf, above in paths for t in [*above, leaf] if (m := _YEAR_BAND.fullmatch(t))]
    latest = max(years, default=None)

    def band(leaf: str, above: list[str]) -> str | None:
        for t in [*above, leaf]:
            if _OTHER_YEAR_BAND.fullmatch(t):
                return "change" if _CHANGE_BAND.fullmatch(t) else "prior"
            m = _YEAR_BAND.fullmatch(t)
            if m and latest is not None and int(m.group(1)) < latest:
                return "prior"
        return None

    bands = [band(leaf, above) for leaf, above in paths]
    if not any(bands) or all(bands):
        return keys
    return [key if b is None else (f"{b}.{key}" if key else None) for key, b in zip(keys, bands)]


def _same_column(data: list[list[RawCell]], a: int, b: int) -> bool:
    """Two columns printing the same amount on every data row (and some amount at all)."""
    pairs = [(squash(r[a].text) if a < len(r) else "", squash(r[b].text) if b < len(r) else "") for r in data]
    return any(x for x, _ in pairs) and all(x == y for x, y in pairs)


# Header words of columns that hold remarks, never amounts: they take no key by position.
_REMARK_HEADERS = frozenset({"备注", "说明", "备注说明"})


def _three_public_by_fund(
    vocab: ColumnVocab, header: list[list[RawCell]], data: list[list[RawCell]], start: int, ncols: int
) -> list[str] | None:
    """三公 items each split by fund (``three_public.by_fund_keys``): the item comes from the
    bands above the fund cells."""
    paths = [_header_paths(header, start + k) for k in range(ncols)]
    items = []
    for _, above in paths:
        band = [t for t in above if t]
        items.append(_match_header(vocab, band[-1], band[:-1]) if band else None)
    keys = by_fund_keys(paths, items, data, start)
    return None if keys is None else [key or f"c{start + k}" for k, key in enumerate(keys)]


_CARRYOVER_BAND = lazy_compile(r"上年结转(和?结余)?(资金)?")


def _zero_carryover_block(
    vocab: ColumnVocab, header: list[list[RawCell]], data: list[list[RawCell]], start: int, ncols: int
) -> int | None:
    """Offset of a trailing 上年结转结余 band (长春: 合计 | 当年预算: 小计, 基本支出, 项目支出 | 上年结转结余:
    小计, 基本支出, 项目支出) whose every cell prints 0 or nothing, in a kind whose vocabulary has no
    carryover columns. Then 合计 = 当年预算 and the 当年 block's columns are the row's amounts; with
    money in the band they are not, and the band is left to the header words. None otherwise."""
    if any(r.key.startswith("carryover") or any("结转" in u for u in r.under) for r in vocab.headers):
        return None
    under = [any(_CARRYOVER_BAND.fullmatch(t) for t in _header_paths(header, start + k)[1]) for k in range(ncols)]
    first = next((k for k in range(ncols) if under[k]), None)
    if first is None or first == 0 or not all(under[first:]):
        return None
    for row in data:
        for cell in row[start + first : start + ncols]:
            parsed = parse_number(cell.text) if cell.text.strip() else None
            if cell.text.strip() and (parsed is None or parsed.value != 0):
                return None
    return first


def _carryover_keys(vocab: ColumnVocab, header: list[list[RawCell]], start: int, first: int, ncols: int) -> list[str]:
    """Keys of the 上年结转结余 band's columns: ``carryover.`` and what their header names."""
    keys: list[str] = []
    for k in range(first, ncols):
        leaf, above = _header_paths(header, start + k)
        band = above[next(i for i, t in enumerate(above) if _CARRYOVER_BAND.fullmatch(t)) + 1 :]
        key = _match_header(vocab, leaf, band)
        name = f"carryover.{key}" if key else f"carryover.c{start + k}"
        keys.append(name if name not in keys else f"carryover.c{start + k}")
    return keys


def map_columns(
    kind: str,
    header: list[list[RawCell]],
    data: list[list[RawCell]],
    start: int,
    width: int,
) -> tuple[list[str], str, bool]:
    """Canonical key per numeric column, how it was found, and whether some value column stayed unknown.

    1. The header words, when they name every column that carries a value, once each, in printed order.
    2. Otherwise the kind's standard layout, when the values fit in it and its row identities hold
       (a garbled or misaligned header of the standard table).
    3. Otherwise the header words where they match and ``c<index>`` elsewhere (another layout).
    """
    vocab = column_vocab(kind)
    ncols = max(0, width - start)
    if kind == "three_public":
        by_fund = _three_public_by_fund(vocab, header, data, start, ncols)
        if by_fund is not None:
            return by_fund, "列名按表头识别（各项按资金来源分列，其他资金列均为 0，取一般公共预算列）", False
    carry_from = _zero_carryover_block(vocab, header, data, start, ncols)
    if carry_from is not None:
        keys, how, unknown = map_columns(kind, header, data, start, start + carry_from)
        if "total" not in keys and "current" in keys:
            keys[keys.index("current")] = "total"  # no 合计 column: this year's 小计 is the row's total
        block = _carryover_keys(vocab, header, start, carry_from, ncols)
        return keys + block, how + "；“上年结转结余”栏各列均为 0，其左各列即全年数", unknown
    carries = [any(start + k < len(row) and row[start + k].text.strip() for row in data) for k in range(ncols)]
    by_header = [_match_header(vocab, *_header_paths(header, start + k)) for k in range(ncols)]
    paths = [_header_paths(header, start + k) for k in range(ncols)]
    by_header = _flattened_bands(vocab, _this_year_only(by_header, paths), paths)
    keys_seen = [key for key in by_header if key is not None]
    # An empty table (no values anywhere) is named by every header cell it prints.
    valued = [key for k, key in enumerate(by_header) if carries[k]] if any(carries) else by_header
    header_ok = bool(valued) and None not in valued and len(keys_seen) == len(set(keys_seen))
    if header_ok and vocab.standard:
        ranks = [_rank(key, vocab.order) for key in keys_seen]
        header_ok = None not in ranks and ranks == sorted(ranks)  # type: ignore[type-var]
    if header_ok:
        # Columns whose header cell is empty or shifted take the standard key of their position.
        keys = []
        for k, key in enumerate(by_header):
            remark = _header_paths(header, start + k)[0] in _REMARK_HEADERS
            if key is None and not remark and k < len(vocab.standard) and vocab.standard[k] not in keys_seen:
                key = vocab.standard[k]
            keys.append(key or f"c{start + k}")
        resolved = resolve_by_identities(vocab, keys, header, data, start)
        if resolved != keys:
            return resolved, "列名按表头识别，小计/合计列按本表勾稽关系确定", False
        return keys, "列名按表头识别", False
    last_valued = max((k for k in range(ncols) if carries[k]), default=-1)
    if vocab.standard and last_valued < len(vocab.standard):
        keys = [vocab.standard[k] if k < len(vocab.standard) else f"c{start + k}" for k in range(ncols)]
        # Only a header placed by geometry (PDF cells with positions) is trusted to sit over its
        # own column; a text export's header loses empty cells and drifts (examples/2024-laocheng).
        placed = any(c.text.strip() for r in header for c in r) and all(
            c.provenance.bbox is not None for r in header for c in r if c.text.strip()
        )
        # A printed header naming another column contradicts the layout, whether or not its
        # column holds values (项目支出 over an empty column is not 工资福利支出).
        contradicted = placed and any(
            _header_contradicts(vocab, _column_texts(header, start + k), keys[k]) for k in range(ncols)
        )
        if not contradicted and _layout_adds_up(vocab, keys, data, start):
            return keys, "表头无法逐列对应，按该类表的标准列顺序识别（各行勾稽关系成立）", False
        if not contradicted and _lone_total(keys):
            return keys, "表头无法对应，唯一的金额列按本表合计识别", False
    keys = [key or f"c{start + k}" for k, key in enumerate(by_header)]
    # A key the header named twice goes to the column named by the more specific rule (with an
    # `under` band: "三公经费 | 小计" over a 合计 that adds 会议费 and 培训费, jiangsu 2017), else
    # to its first column; the other column stays unnamed.
    specific = [
        bool(r and r.under) for r in (_match_rule(vocab, *_header_paths(header, start + k)) for k in range(ncols))
    ]
    # When several columns are equally specific (上年 | 当年 | 增减 bands each with a "三公" 小计,
    # xian 2026 审计局 p.35) the header does not say which is meant: none is named.
    named = list(keys)
    for k, key in enumerate(named):
        twins = [i for i in range(ncols) if named[i] == key]
        if len(twins) < 2:
            continue
        chosen = [i for i in twins if specific[i]]
        keep = chosen[0] if len(chosen) == 1 else (twins[0] if not chosen else None)
        if k != keep:
            same = keep is not None and _same_column(data, start + keep, start + k)
            # 总计 | 部门预算: 合计 (西安 2019) printing the same amount on every row: one total
            # printed twice, not an unknown column.
            keys[k] = f"{key}.again" if same else f"c{start + k}"
    keys = _name_wider_totals(vocab, keys, header, data, start)
    resolved = resolve_by_identities(vocab, keys, header, data, start)
    how = "按表头识别，部分列无法对应标准列名"
    if resolved != keys:
        keys, how = resolved, how + "，小计/合计列按本表勾稽关系确定"
    unknown = any(carries[k] and keys[k] == f"c{start + k}" for k in range(ncols))
    return keys, how, unknown


_TOTAL_WORDS = ("合计", "总计")


def _name_wider_totals(
    vocab: ColumnVocab,
    keys: list[str],
    header: list[list[RawCell]],
    data: list[list[RawCell]],
    start: int,
) -> list[str]:
    """Name an unnamed 合计 column that adds up named columns of an identity whose total the
    header left unnamed (江苏: 合计 = "三公"经费 小计 + 会议费 + 培训费, beside the 三公 小计 that
    took the 合计 key). Only where the sum holds on every row that prints it. The 上年 and 增减
    bands (``prior.`` / ``change.``) print the same identity over their own columns (西安 三公经费及
    会议费、培训费表: 上年 | 当年 | 增减, each led by its 合计)."""
    banded = [
        Identity(
            tuple(band + k for k in ident.left),
            tuple(band + k for k in ident.right),
            ident.rules,
            tuple(band + k for k in ident.optional),
        )
        for band in ("", "prior.", "change.")
        for ident in vocab.identities
    ]
    for ident in banded:
        total, parts = ident.total, ident.right
        if total is None or total in keys or any(p not in keys for p in parts if p not in ident.optional):
            continue
        for k, key in enumerate(keys):
            if key != f"c{start + k}" or _header_paths(header, start + k)[0] not in _TOTAL_WORDS:
                continue
            trial = ColumnVocab(identities=(ident,))
            named = [total if i == k else x for i, x in enumerate(keys)]
            printed = any(start + k < len(row) and parse_number(row[start + k].text) is not None for row in data)
            if printed and _layout_adds_up(trial, named, data, start):
                keys = named
                break
    return keys


# -------------------------------------------------------------------- rows


def _digits(text: str) -> str | None:
    s = squash(text)
    return s if _CODE_RE.match(s) else None


def _functional_key(codes: list[tuple[int, str]]) -> str | None:
    """Join 类/款/项 cells (or take a joined code) into '2010301'; None when malformed.

    ``codes`` are (column index, digits) of the code cells among the first three columns;
    they must sit in consecutive columns from the first ('201 | 0.0 | 55' is malformed).
    """
    parts = [c for i, c in codes if i <= 2]
    if not parts or [i for i, _ in codes if i <= 2] != list(range(len(parts))):
        return None
    if len(parts) == 1 and len(parts[0]) in (3, 5, 7) and parts[0].startswith("2"):
        return parts[0]
    head, *rest = parts
    if len(head) != 3 or not head.startswith("2") or any(len(p) != 2 for p in rest):
        return None
    return head + "".join(rest)


class _RowKeyer:
    """Assigns row keys in printed order; remembers state (last economic code, project count)."""

    def __init__(self, scheme: str, functional_lead: bool = False, units: frozenset[str] = frozenset()):
        self.scheme = scheme  # tables.yaml `rows`
        # Codes of this table that are unit codes, whatever they look like (201 中共西安市委宣传部
        # in a table of units is no 一般公共服务支出): ``hierarchy.unit_codes``.
        self.units = units
        # The code columns are headed 类/款/项 or 功能科目: a code there is a functional subject,
        # never a unit code, whatever the kind's usual row scheme (income tables by 科目).
        self.functional_lead = functional_lead
        self.context: list[str] = []  # 类, 款 of the last functional row printed in 类/款/项 columns
        self.projects = 0
        self.last_code: str | None = None
        self.last_label: str | None = None
        self.all_columns_named = True

    def key(self, lead: list[RawCell], first_row: bool) -> tuple[str | None, str, str, str | None]:
        """(row key, row kind, label, problem) for a data row's leading cells."""
        texts = [squash(c.text) for c in lead]
        filled = [(i, t) for i, t in enumerate(texts) if t]
        codes: list[tuple[int, str]] = []
        words: list[tuple[int, str]] = []
        for i, t in filled:
            if (d := _digits(t)) is not None:
                codes.append((i, d))
            elif len(t) == 1 and t.isdigit() and codes and codes[-1][0] == i - 1:
                # 款/项 printed by a spreadsheet that dropped the leading zero: 301 | 2 is 301 | 02
                codes.append((i, t.zfill(2)))
            elif m := _CODE_LABEL_RE.match(t):  # "2010601-行政运行": code and name in one cell
                codes.append((i, m.group(1)))
                words.append((i, m.group(2)))
            else:
                words.append((i, t))
        label = words[-1][1].rstrip(" :：.。·,，") if words else ""
        # A first data row with amounts but no name or code is the 合计 row (江苏 支出预算总表 prints
        # one unnamed row under 合计 | 基本支出 | 项目支出; 中央 部门收入总表 likewise).
        # Not when a value column stayed unnamed: the unnamed part (江苏 单位预留机动经费) would make
        # 合计 ≠ 基本支出 + 项目支出 look like an error.
        if any(_is_total_label(t) for _, t in words) or (
            not filled and first_row and (self.scheme == "project" or self.all_columns_named)
        ):
            return "total", "total", label or "合计", None
        subtotals = row_vocab().grid_totals
        for _, t in words:
            if t in subtotals:
                return subtotals[t], "total", t, None
        if self.scheme == "single":
            return (
                ("total", "total", label or "合计", None)
                if first_row
                else (None, "item", label, "三公经费表只有一行数据")
            )
        if self.scheme == "project":
            # A 项目支出 table printed by economic class ("[302]商品和服务支出", "[30201]办公费",
            # guangzhou 2026 统计局 p.16): the rows are economic codes, not projects.
            bracketed = _BRACKET_CODE_RE.match(label)
            if bracketed and bracketed.group(1)[0] == "3" and len(bracketed.group(1)) in (3, 5):
                return bracketed.group(1), "economic", bracketed.group(2), None
            if codes and (not any(squash(c.text) for c in lead[:1]) or self._unit_code(codes[0][1], label)):
                return f"unit:{codes[0][1]}", "unit", label, None
            self.projects += 1
            name = texts[1] if len(texts) > 1 and texts[1] else label
            return f"p{self.projects}", "project", name, None
        if (
            len(codes) == 1
            and self._unit_code(codes[0][1], label)
            and self.scheme in ("functional", "economic", "unit")
        ):
            return f"unit:{codes[0][1]}", "unit", label, None
        if self.scheme == "functional":
            bracketed = _BRACKET_CODE_RE.match(label) if not codes else None
            if bracketed and bracketed.group(1)[0] == "2" and len(bracketed.group(1)) in (3, 5, 7):
                # "[2010501]行政运行" (广东): the subject code printed inside the name cell
                return bracketed.group(1), "functional", bracketed.group(2), None
            func = [(i, c) for i, c in codes if i <= 2]
            last_code = max((i for i, _ in func), default=-1)
            if any(i < last_code and _digits(t) is None for i, t in filled):
                return None, "functional", label, "科目编码无法识别"  # '201 | 0.5 | 33'
            if func:
                key = _functional_key(func)
                if key is None:
                    return None, "functional", label, "科目编码无法识别"
                return key, "functional", label, None
            if any(i <= 2 for i, _ in filled) and not codes:
                return None, "functional", label, "科目编码无法识别"
            if codes:
                return f"unit:{codes[-1][1]}", "unit", label, None
            return None, "item", label, "没有科目编码（可能是换行残片）"
        if self.functional_lead and self.scheme != "functional" and codes:
            key = self._functional_in_context(codes)
            if key is not None:
                return key, "functional", label, None
        if self.scheme == "economic":
            if not codes and (bracketed := _BRACKET_CODE_RE.match(label)):
                # "[30101]基本工资" (广东): the code printed inside the name cell
                codes, words = [(0, bracketed.group(1))], [(1, bracketed.group(2))]
            return self._economic(codes, words)
        # income and other unit-keyed tables
        if codes:
            return f"unit:{codes[0][1]}", "unit", label, None
        return None, "item", label, "没有单位编码"

    def _unit_code(self, code: str, label: str) -> bool:
        """A unit code of this table; a 类 row (201 一般公共服务支出) printed among units is none."""
        return code in self.units and not (len(code) == 3 and "支出" in label[-4:])

    def _functional_in_context(self, codes: list[tuple[int, str]]) -> str | None:
        """A functional code under 类/款/项 headers, joined or printed alone in its own column
        (``205`` | ``08`` on the next row | ``03`` on the next): a 款 or 项 printed alone
        continues the 类 (and 款) printed above it. None when malformed."""
        joined = _functional_key(codes)
        if joined is not None:
            self.context = [joined[:3], joined[3:5]][: (len(joined) - 1) // 2]
            return joined
        self.context = self.context if len(codes) == 1 and len(codes[0][1]) == 2 else []
        if len(codes) != 1:
            return None
        col, code = codes[0]
        if col in (1, 2) and len(code) == 2 and len(self.context) >= col:
            key = "".join(self.context[:col]) + code
            self.context = self.context[:col] + [code]
            return key
        if col == 0 and len(code) == 2 and self.context:
            # one code column holding 208 / 05 / 2080505: a lone two digits is the 款 of the 类 above
            self.context = self.context[:1] + [code]
            return "".join(self.context)
        return None

    def _economic(
        self, codes: list[tuple[int, str]], words: list[tuple[int, str]]
    ) -> tuple[str | None, str, str, str | None]:
        """Economic-code rows: 类 + 款 in two columns (301 | 03), or a 部门经济分类 code (30103),
        or a second line of the previous code (no code, same name), or a 政府经济分类 code (g50101)."""
        names = dict(words)

        def name_at(i: int) -> str:
            return names.get(i, next((t for j, t in words if j > i), "")).rstrip(" :：.。·,，")

        if words and (not codes or words[0][0] < codes[0][0]) and _garbled_code(words[0][1]):
            # "XY30102 | 津贴补贴 | 50101": the code cell holds digits it could not be read as (OCR
            # debris, a damaged byte); the row is unused rather than keyed by a later code
            return None, "economic", name_at(words[0][0]), "经济分类编码无法识别"
        code = None
        at: int | None
        if len(codes) >= 2 and codes[0][0] + 1 == codes[1][0] and len(codes[0][1]) == 3 and len(codes[1][1]) == 2:
            code, at = codes[0][1] + codes[1][1], codes[0][0]
        else:
            at = next((i for i, c in codes if c[0] == "3" and len(c) in (3, 5, 7)), None)
            code = dict(codes).get(at) if at is not None else None
        if code and code[0] == "3":
            assert at is not None  # a code was found at a position
            label = name_at(at)
            self.last_code, self.last_label = code, label
            return code, "economic", label, None
        first_word = words[0][1].rstrip(" :：.。·,，") if words else ""
        if self.last_code and first_word and first_word == self.last_label:
            return self.last_code, "economic", first_word, None
        if codes and codes[0][0] > 0 and codes[0][1][0] == "5" and len(codes[0][1]) in (3, 5):
            return "g" + codes[0][1], "economic", name_at(codes[0][0]), None
        if codes and (self._unit_code(codes[0][1], first_word) or not words or codes[0][0] < words[0][0]):
            return f"unit:{codes[0][1]}", "unit", first_word, None
        if codes:  # "XY301 | 02 | 津贴补贴": a code after words the code cell should hold (OCR, damage)
            return None, "economic", first_word, "经济分类编码无法识别"
        return None, "item", first_word, "没有经济分类编码"


def _garbled_code(text: str) -> bool:
    """A cell that reads as a damaged code: no Chinese, a few characters, three digits or more
    ("XY30102", "30IO2", "\ufffd301"); a name never looks like this."""
    return (
        len(text) <= 12 and sum(ch.isdigit() for ch in text) >= 3 and not any("\u4e00" <= ch <= "\u9fff" for ch in text)
    )


def _unique(key: str | None, used: dict[str, int]) -> str | None:
    if key is None:
        return None
    used[key] = used.get(key, 0) + 1
    return key if used[key] == 1 else f"{key}#{used[key]}"


def _unkeyed_warnings(table: Table, problems: list[ParseWarning]) -> list[ParseWarning]:
    """Up to three rows are reported one by one; more become one warning for the table."""
    if len(problems) <= 3:
        return problems
    places = "、".join(where(p.provenance) for p in problems[:6]) + ("等" if len(problems) > 6 else "")
    return [
        ParseWarning(
            code="unkeyed-row",
            message=f"表“{table.title}”有 {len(problems)} 行无法确定科目或单位编码（{places}），这些行的数值未使用",
            provenance=problems[0].provenance,
        )
    ]


def _unit_codes(data: list[list[RawCell]], start: int, lead_words: list[str]) -> frozenset[str]:
    """The codes printed in the code/label columns of ``data`` that are unit codes."""
    printed: list[tuple[str, str]] = []
    for row in data:
        codes, names = [], []
        for cell in row[:start]:
            t = squash(cell.text)
            if (d := _digits(t)) is not None:
                codes.append(d)
            elif m := _CODE_LABEL_RE.match(t):
                codes.append(m.group(1))
                names.append(m.group(2))
            elif t:
                names.append(t)
        if len(codes) == 1:
            printed.append((codes[0], names[-1] if names else ""))
    return frozenset(unit_codes(printed, unit_header(lead_words)))


def _unit_lead_column(header: list[list[RawCell]], start: int) -> bool:
    """The first label column is headed 预算单位 / 单位名称 and the columns after it name the
    subject (科目编码 | 科目名称, 深圳 支出总表): a unit's name stands in the first column on a row
    of its own, the subjects below it leave that column blank and print their codes in the next."""
    if start < 3:
        return False
    first = "".join(squash(r[0].text) for r in header if r)
    rest = "".join(squash(r[j].text) for r in header for j in range(1, min(start, len(r))))
    names_only = "单位" in first and not any(w in first for w in ("科目", "编码", "代码", "编号"))
    return names_only and "科目" in rest and any(w in rest for w in ("编码", "代码"))


_PROJECT_LEVEL_WORDS = ("类型", "类别", "一级项目")


def _project_levels(header: list[list[RawCell]], start: int) -> list[int]:
    """Label columns of a project list printing its levels side by side (长春 项目支出表: 类型 |
    项目名称: 一级项目 · 二级项目 | 项目单位): the project's own column (二级项目) first, then the
    heading columns to its left (一级项目, 类型). Empty for other layouts."""
    texts = ["".join(squash(r[j].text) for r in header if j < len(r)) for j in range(start)]
    own = next((j for j in range(start) if "二级项目" in texts[j]), None)
    if own is None:
        return []
    levels = [j for j in range(own) if any(w in texts[j] for w in _PROJECT_LEVEL_WORDS)]
    return [own, *sorted(levels, reverse=True)] if levels else []


def _project_group(lead: list[RawCell], levels: list[int]) -> str | None:
    """The heading a row of such a list prints when its project column is blank."""
    if not levels or squash(lead[levels[0]].text if levels[0] < len(lead) else ""):
        return None
    return next((t for j in levels[1:] if j < len(lead) and (t := squash(lead[j].text))), None)


def printed_width(rows: list[list[RawCell]]) -> int | None:
    """How many columns the table prints, when the reader saw its ruled grid (every cell boxed,
    every row as wide); None for exports that drop or pad cells."""
    lengths = {len(r) for r in rows}
    if len(lengths) != 1 or not all(c.provenance.bbox is not None for r in rows for c in r):
        return None
    return lengths.pop()


def build_grid(raw: RawTable, table: Table, warnings: list[ParseWarning]) -> None:
    """Fill ``table.columns`` and ``table.rows`` from the raw grid."""
    kind = table.kind or ""
    rows = raw.rows
    split = split_header(rows)
    header, data = rows[:split], rows[split:]
    start = find_data_start(header, data, kind)
    # Exports pad rows with tabs: keep the kind's standard columns plus any column holding text.
    # A ruled grid shows how many columns the table prints: a column it does not print is
    # absent (its values missing), never a column of blanks (zeros).
    last = max((j for r in data for j, c in enumerate(r) if j >= start and c.text.strip()), default=start - 1)
    ncols = max(len(column_vocab(kind).standard), last + 1 - start)
    width = printed_width(rows)
    if width is not None:
        ncols = max(min(ncols, width - start), last + 1 - start)
    keys, how, unknown = map_columns(kind, header, data, start, start + ncols)
    while keys and keys[-1] == f"c{start + len(keys) - 1}" and start + len(keys) - 1 > last:
        keys.pop()  # padding beyond the last printed value, with no canonical name
    table.columns = [
        Column(
            key=key,
            index=start + k,
            header=[squash(r[start + k].text) for r in header if start + k < len(r) and squash(r[start + k].text)],
        )
        for k, key in enumerate(keys)
    ]
    table.kind_reason += f"；{how}"
    if unknown:
        warnings.append(
            ParseWarning(
                code="unknown-column",
                message=f"表“{table.title}”有数值列无法对应到标准列名，已记为 c<序号>",
                provenance=table.provenance,
            )
        )
    rule = kind_rule(kind)
    lead_words = [squash(r[j].text) for r in header for j in range(min(start, len(r)))]
    functional_lead = any(w in ("类", "款", "项") or "功能科目" in w or "功能分类" in w for w in lead_words)
    unit_lead = _unit_lead_column(header, start)
    project_leads = _project_levels(header, start) if rule is not None and rule.rows == "project" else []
    keyer = _RowKeyer(rule.rows if rule else "unit", functional_lead, _unit_codes(data, start, lead_words))
    keyer.all_columns_named = not unknown
    used: dict[str, int] = {}
    totals_printed: list[str] = []
    problems: list[ParseWarning] = []
    for n, row in enumerate(data):
        if not any(c.text.strip() for c in row):
            continue
        # A row that lost a separator in its label cells ("505⇥01 工资福利支出") has its
        # numbers starting early: decimals never belong in code/label columns, so shift back.
        shift = 0
        while shift < start and _is_decimal_number(row[start - shift - 1].text if start - shift - 1 < len(row) else ""):
            shift += 1
        lead, values = row[: start - shift], row[start - shift :]
        if _repeated_column_numbers(lead, values):
            continue  # the 栏次 row (** | 1 | 2 | …) printed again at the top of a continued page
        group = _project_group(lead, project_leads)
        if group is not None:
            # 部门特定目标类项目 / 综合管理 (长春 类型 | 一级项目 | 二级项目 | 项目单位): a heading of the
            # projects below it, no project; arithmetic may find it to be the table's total
            key, row_kind, label, problem = None, "group", group, None
        elif project_leads and squash(lead[project_leads[0]].text):
            keyer.projects += 1
            key, row_kind, label, problem = f"p{keyer.projects}", "project", squash(lead[project_leads[0]].text), None
        elif unit_lead and squash(lead[0].text) and not any(squash(c.text) for c in lead[1:]):
            # the 预算单位 column names the unit whose subjects follow: a unit row, keyed by
            # arithmetic later (hierarchy.lone_unit_total) or not at all
            key, row_kind, label, problem = None, "unit", squash(lead[0].text), None
        else:
            key, row_kind, label, problem = keyer.key(lead[1:] if unit_lead else lead, first_row=(n == 0))
        first = row[0].provenance
        line, page = first.line, first.page
        sheet, a1 = first.sheet, first.cell  # a spreadsheet row is found by its sheet and first cell
        if problem and any(parse_number(c.text) is not None for c in values):
            problems.append(
                ParseWarning(
                    code="unkeyed-row",
                    message=f"{where(first)}{problem}，该行数值未使用",
                    provenance=Provenance(
                        path=table.provenance.path,
                        line=line,
                        page=page,
                        sheet=sheet,
                        cell=a1,
                        table=table.id,
                        raw=" | ".join(c.text for c in row),
                    ),
                )
            )
        printed = [squash(c.text) for c in values]
        if key == "total" and "total" in used and printed == totals_printed:
            # The 合计 repeated on every page of a table printed over several pages
            # (foshan 2019 收入决算表 p.8 and p.9): one row, not a second total.
            continue
        if key == "total" and "total" not in used:
            totals_printed = printed
        key = _unique(key, used)
        note = (
            f"本行少了 {shift} 个分隔符，数值从第 {start - shift + 1} 列开始，已按顺序对应到数值列" if shift else None
        )
        row_prov = Provenance(
            path=table.provenance.path, line=line, page=page, sheet=sheet, table=table.id, row=key or label, note=note
        )
        cells = [
            make_cell(values[k] if k < len(values) else None, col_key, row_prov, warnings)
            for k, col_key in enumerate(keys)
        ]
        table.rows.append(Row(key=key, kind=row_kind, label=label, cells=cells, provenance=row_prov))
    if _fold_budget_row(table):
        problems = []  # the 决算数 row, unkeyed in printed order, is the table's data row
    if keyer.scheme == "single" and _keep_latest_year(table):
        problems = []  # rows by year: the latest is the data row, the others are not data
    warnings.extend(_unkeyed_warnings(table, problems))


def _keep_latest_year(table: Table) -> bool:
    """A one-row table printed with a row per year (2025年 | 2026年 | 增减变化金额): the latest
    year's row is the table's data row (``total``); the earlier year and the change are kept
    unkeyed."""
    latest = latest_year_row([squash(r.label) for r in table.rows])
    if latest is None:
        return False
    for i, row in enumerate(table.rows):
        key = "total" if i == latest else None
        row.key, row.kind = key, ("total" if key else "other_year")
        row.provenance = row.provenance.model_copy(update={"row": key or row.label})
        row.cells = [
            c.model_copy(update={"provenance": c.provenance.model_copy(update={"row": key or row.label})})
            for c in row.cells
        ]
    return True


_BUDGET_ROW_LABELS = ("预算数", "年初预算数", "全年预算数")
_FINAL_ROW_LABELS = ("决算数", "实际支出数", "支出决算数")


def _fold_budget_row(table: Table) -> bool:
    """A 决算 三公 table printed with 预算数 and 决算数 as rows (xian 2022 公开09) instead of column
    groups: the 决算数 row is the table's one data row (``total``), the 预算数 row its ``budget.*``
    columns (final_columns.yaml), as if the groups had been printed side by side."""
    if table.kind != "final_three_public" or len(table.rows) != 2:
        return False
    budget, final = table.rows
    if squash(budget.label) not in _BUDGET_ROW_LABELS or squash(final.label) not in _FINAL_ROW_LABELS:
        return False
    if any(c.column.startswith("budget.") for c in final.cells):
        return False
    moved = [
        c.model_copy(
            update={
                "column": f"budget.{c.column}",
                "provenance": c.provenance.model_copy(update={"column": f"budget.{c.column}", "row": "total"}),
            }
        )
        for c in budget.cells
        if not c.column.startswith("c")
    ]
    final.key, final.kind = "total", "total"
    final.provenance = final.provenance.model_copy(update={"row": "total"})
    final.cells = [
        c.model_copy(update={"provenance": c.provenance.model_copy(update={"row": "total"})}) for c in final.cells
    ]
    final.cells += moved
    table.rows = [final]
    known = {c.key for c in table.columns}
    table.columns += [
        Column(key=f"budget.{c.key}", header=["预算数", *c.header], index=c.index)
        for c in list(table.columns)
        if not c.key.startswith("c") and f"budget.{c.key}" not in known
    ]
    return True
