"""Two-sided summary tables (收支总表, 财政拨款收支表, 决算 01/04).

Each printed line holds up to two logical rows: an income item on the left
and an expense item on the right. Rows are found by their labels (rows.yaml),
not by cell positions, because exports drop leading empty cells; the values
of an item are the cells right after its label.
"""

from __future__ import annotations

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import Column, ParseWarning, Provenance, RawCell, RawTable, Row, Table
from budgetlint.numbers import is_blank, parse_number
from budgetlint.recognise.cells import make_cell, where
from budgetlint.recognise.vocab import RowVocab, column_vocab, row_vocab
from budgetlint.rounding import adds_up, half_ulp

_NUMBERING_RE = lazy_compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十百零〇0-9]+\s*[)）]|[一二三四五六七八九十百零〇]+\s*[、.．]|\d{1,2}\s*[、.．])\s*"
)
_SPACE_RE = lazy_compile(r"\s+")


def normalise_label(text: str) -> str:
    s = _NUMBERING_RE.sub("", text or "")
    s = _SPACE_RE.sub("", s)
    s = s.replace("其中：", "").replace("其中:", "").replace("：", "").replace(":", "")
    return s


def functional_class(label: str, vocab: RowVocab) -> str | None:
    """'（一）一般公共服务支出' -> '201'."""
    s = normalise_label(label)
    candidates = [s]
    if s.endswith("支出"):
        candidates.append(s[:-2])
    for c in candidates:
        code = vocab.class_names.get(c)
        if code:
            return code
    return None


def classify_label(
    label: str, side_hint: str, seen: set[str], vocab: RowVocab, kind: str = ""
) -> tuple[str | None, str | None]:
    """(key, side) of a summary-table label; side_hint is where it was printed."""
    s = normalise_label(label)
    if not s:
        return None, None
    sides = [side_hint, "out" if side_hint == "in" else "in"]
    for side in sides:
        for rule in vocab.items:
            if rule.side != side:
                continue
            if rule.within and rule.within not in seen:
                continue
            if (rule.kinds and kind not in rule.kinds) or (rule.unless_seen and rule.unless_seen in seen):
                continue
            if rule.pattern.fullmatch(s):
                return rule.key, side
        if side == "out":
            code = functional_class(label, vocab)
            if code:
                return code, "out"
    return None, None


def _is_value(cell: RawCell) -> bool:
    return parse_number(cell.text) is not None


def _is_label(cell: RawCell) -> bool:
    t = cell.text.strip()
    return bool(t) and not is_blank(t) and parse_number(t) is None and any("\u4e00" <= ch <= "\u9fff" for ch in t)


def _parallel_start(header: list[list[RawCell]], boundary: int) -> int | None:
    """Column where the expense side's parallel breakdowns start: 西安 prints the expense side
    three times, by 功能分类 and then by 部门预算经济科目 and 政府预算经济分类科目 (each a label and a
    预算数 column). The rows of those economic blocks restate the same money and are no lines of
    the summary's identities."""
    found = [
        j for row in header for j, cell in enumerate(row) if j > boundary + 1 and "经济" in _SPACE_RE.sub("", cell.text)
    ]
    return min(found) if found else None


def _boundary(rows: list[list[RawCell]]) -> int:
    """Column where the expense side starts (the header cell saying 支出)."""
    for row in rows[:4]:
        for j, cell in enumerate(row):
            if j > 0 and _SPACE_RE.sub("", cell.text) in ("支出", "支出项目"):
                return j
    return 2


# Expense-side money columns of the 财政拨款收支表, named by their own header words
# (most specific first: a fund's name before 财政拨款, which the 决算 prints after each fund,
# 一般公共预算财政拨款 | 政府性基金预算财政拨款 …, and a budget alone as 其中：财政拨款);
# `under` is the band above a 小计.
_FUND_HEADERS: tuple[tuple[str, str, str | None], ...] = (
    ("政府性基金", "gov_fund", None),
    ("国有资本经营", "soe", None),
    ("一般公共预算", "gpb", None),
    ("财政拨款", "gpb.fiscal", None),
    ("小计", "gpb", "一般公共预算"),
    ("合计", "total", None),
    ("总计", "total", None),
)


def _fund_key(texts: list[str]) -> str | None:
    """Key named by a column's own header cells (top to bottom), or None."""
    own = [_SPACE_RE.sub("", t).replace("其中：", "").replace("其中:", "") for t in texts]
    leaf = next((t for t in reversed(own) if t), "")
    for word, key, under in _FUND_HEADERS:
        if word in leaf and (under is None or any(under in t for t in own)):
            return key
    return None


def _expense_columns(raw: RawTable, boundary: int, first_data: int, default: list[str]) -> list[str]:
    """Expense-side column keys: the default order, unless a header placed by geometry (PDF cells
    with positions) names the columns otherwise (chongqing 2026 水利局 p.21: 合计 | 一般公共预算 |
    政府性基金预算 | 国有资本经营预算, with no 其中：财政拨款 column). Columns the header names
    take that key; the others are unnamed (c<index>) rather than forced into the default."""
    header = raw.rows[:first_data]
    cells = [c for r in header for c in r if c.text.strip()]
    if len(default) < 2 or not cells or any(c.provenance.bbox is None for c in cells):
        return default
    # A 小计 under 一般公共预算 spans: carry the band text of the column to the left.
    named = []
    for i in range(len(default)):
        col = boundary + 1 + i
        texts = [r[col].text if col < len(r) else "" for r in header]
        band = next((r[col - 1].text for r in header if col - 1 < len(r) and "一般公共预算" in r[col - 1].text), "")
        named.append(_fund_key([band, *texts]) if "小计" in "".join(texts) else _fund_key(texts))
    if named == default or not any(named):
        return default
    keys, seen = [], set()
    for i, key in enumerate(named):
        keys.append(key if key and key not in seen else f"c{boundary + 1 + i}")
        seen.add(key)
    return keys


def _merged_total(cells: list[RawCell], cols: list[str], key: str | None) -> list[RawCell]:
    """A one-amount side whose total line spans several printed blocks keeps its amount in the
    last column (江苏 公开01表: 当年支出小计 is printed across the 功能分类 and 支出用途 blocks,
    its amount under the last 金额). The blanks before it are the merged cell, not a printed 0."""
    if len(cols) != 1 or not key or not ("total" in key or "carryover" in key) or len(cells) < 2:
        return cells
    filled = [c for c in cells if c.text.strip()]
    if len(filled) == 1 and filled[0] is cells[-1] and _is_value(cells[-1]):
        return [cells[-1]]
    if not filled and cells[0].covered and not cells[-1].covered:
        return [cells[-1]]  # the label's merged cell covers the first columns; the amount cell is blank
    return cells


def build_summary(raw: RawTable, table: Table, warnings: list[ParseWarning]) -> None:
    kind = table.kind or ""
    cv = column_vocab(kind)
    in_cols = list(cv.income_side or ("amount",))
    out_cols = list(cv.expense_side or ("amount",))
    vocab = row_vocab()
    boundary = _boundary(raw.rows)
    first_data = next((i for i, r in enumerate(raw.rows) if any(_is_value(c) for c in r)), len(raw.rows))
    out_cols = _expense_columns(raw, boundary, first_data, out_cols)
    # 苏州/杭州 财政拨款收支总表: 项目 | 预算数 on the expense side, no fund columns. The fund columns
    # stay as unfilled (absent, not 0) columns: the layout does not say how the money splits.
    parallel_at = _parallel_start(raw.rows[:first_data], boundary)
    single_amount = len(out_cols) > 1 and _single_amount_heading(raw.rows[:first_data], boundary, parallel_at)
    table.columns = [Column(key=k, index=1 + i, header=["收入"]) for i, k in enumerate(in_cols)]
    table.columns += [Column(key=k, index=boundary + 1 + i, header=["支出"]) for i, k in enumerate(out_cols)]
    table.kind_reason += "；按行名识别收入、支出两侧的项目"
    seen: set[str] = set()
    used: dict[str, int] = {}
    totals_printed: dict[str, list[str]] = {}
    path = table.provenance.path
    sides: list[str] = []  # side of each row appended here, for mark_below_total
    body = raw.rows[first_data:]
    for row_no, row in enumerate(body):
        first = row[0].provenance if row else None
        line = first.line if first else None
        page = first.page if first else None
        # Segments: a label followed by its value cells; leading values with no label are orphans.
        segments: list[tuple[int | None, list[RawCell]]] = []
        current_label: int | None = None
        current_vals: list[RawCell] = []
        started = False
        for j, cell in enumerate(row):
            if _is_label(cell):
                if started:
                    segments.append((current_label, current_vals))
                current_label, current_vals, started = j, [], True
            else:
                if not started:
                    if not cell.text.strip():
                        continue
                    current_label, current_vals, started = None, [], True
                current_vals.append(cell)
        if started:
            segments.append((current_label, current_vals))
        logical: list[tuple[str | None, str, str, list[RawCell], str | None]] = []  # key, side, label, cells, note
        details: list[tuple[str, list[RawCell]]] = []  # (label, cells) of lines of no identity
        income_label = next((normalise_label(row[i].text) for i, _ in segments if i is not None and i < boundary), "")
        for label_idx, cells in segments:
            if label_idx is None:
                logical.append((None, "in", "", cells, None))
                continue
            label = row[label_idx].text.strip()
            hint = "in" if label_idx < boundary else "out"
            key, side = classify_label(label, hint, seen, vocab, kind)
            if _no_line_of_its_own(label, key, side, hint, label_idx, parallel_at, income_label, vocab):
                details.append((label, cells))
                continue
            if key is None and any(_is_value(c) for c in cells):
                wrapped = _wrapped_label(body, row_no, label_idx)
                if wrapped:  # 八、社会保障和就 / 业支出: the name ends on the next, value-less line
                    key, side = classify_label(label + wrapped, hint, seen, vocab, kind)
                    label = label + wrapped if key else label
            if key:
                seen.add(key)
            logical.append((key, side or hint, label, cells, None))
        # An orphan value on the left takes its key from the expense label beside it.
        for n, (key, _side, label, cells, _) in enumerate(logical):
            if key is None and not label and any(_is_value(c) for c in cells):
                partner = next(((k, lab) for k, s, lab, *_ in logical if s == "out" and k in vocab.paired), None)
                if partner:
                    inferred = vocab.paired[partner[0]]
                    logical[n] = (
                        inferred,
                        "in",
                        "",
                        cells,
                        f"左侧行名缺失，按同一行右侧的“{partner[1]}”推定为 {inferred}",
                    )
                    seen.add(inferred)
        for label, cells in details:
            prov = Provenance(path=path, line=line, page=page, table=table.id, row=label)
            built = [
                make_cell(cells[k] if k < len(cells) else None, "amount", prov, warnings)
                for k in range(min(1, len(cells)))
            ]
            table.rows.append(Row(key=None, kind="detail", label=label, cells=built, provenance=prov))
            sides.append("detail")
        for key, side, label, cells, note in logical:
            has_values = any(_is_value(c) for c in cells)
            if key is None:
                if has_values:
                    warnings.append(
                        ParseWarning(
                            code="unknown-row-label",
                            message=f"{where(first)}的项目“{label or '（无行名）'}”无法识别，该行数值未使用",
                            provenance=Provenance(
                                path=path, line=line, page=page, table=table.id, raw=" | ".join(c.text for c in row)
                            ),
                        )
                    )
                else:
                    continue
            cols = in_cols if side == "in" else out_cols
            cells = _merged_total(cells, cols, key)
            row_key = key
            printed = [normalise_label(label), *("".join(c.text.split()) for c in cells)]
            parallel = key is not None and (
                "total" in key or key.endswith("carryover") or key in vocab.below_total.get("out", ())
            )
            if parallel and key in used and printed == totals_printed.get(key):
                # The same total printed again with the same value: the expense side is printed
                # in parallel breakdowns (by function, by economic class: xian 2019 收支总表 p.3),
                # each closing with its own 本年支出合计 / 支出总计. One total, not three.
                continue
            if parallel and key is not None:
                totals_printed.setdefault(key, printed)
            if row_key is not None:
                used[row_key] = used.get(row_key, 0) + 1
                if used[row_key] > 1:
                    row_key = f"{row_key}#{used[row_key]}"
            row_prov = Provenance(
                path=path,
                line=line,
                page=page,
                table=table.id,
                row=row_key or label,
                inferred=note is not None,
                note=note,
            )
            built = [
                make_cell(cells[k] if k < len(cells) else None, col, row_prov, warnings) for k, col in enumerate(cols)
            ]
            row_kind = (
                "functional"
                if row_key and row_key[:1].isdigit()
                else ("total" if row_key and "total" in row_key else "item")
            )
            table.rows.append(Row(key=row_key, kind=row_kind, label=label, cells=built, provenance=row_prov))
            sides.append(side)
    _fiscal_heading_when_total_printed(table)
    _class_details(table.rows[len(table.rows) - len(sides) :], sides)
    if single_amount:
        _all_gpb_expense(table)
    _old_health_class(table)
    mark_below_total(table.rows[len(table.rows) - len(sides) :], sides, vocab)
    _current_from_grand(table)


def _unknown(row: Row) -> bool:
    """A line with amounts that could not be named (a 款/项 detail line is named by its place)."""
    return row.key is None and row.kind != "detail" and any(c.state == "value" for c in row.cells)


def _class_details(rows: list[Row], sides: list[str]) -> None:
    """Expense lines printed below the 类 lines with names only (湖州/杭州 财政拨款收支表: 一般公共服务支出
    / 财政事务 / 行政运行 …, no codes): when the 类 lines alone add up to the side's first total in
    every column, the unnamed lines between them are their 款/项 details (kind ``detail``), not
    lines of their own that the identities would miss."""
    out = [r for r, s in zip(rows, sides) if s == "out"]
    first_class = next((i for i, r in enumerate(out) if r.kind == "functional"), None)
    if first_class is None:
        return
    end = next((i for i, r in enumerate(out) if i > first_class and r.key and r.key.startswith("out.")), None)
    if end is None:
        return
    # the side's 本年支出合计 (printed above the 类 lines in 杭州, below them elsewhere), else the
    # 支出总计 closing the 类 lines
    total = next((r for r in out if r.key == "out.current_total"), None)
    if total is None and out[end].key == "out.grand_total":
        total = out[end]
    if total is None:
        return
    block = out[first_class:end]
    unknown = [r for r in block if r.key is None and any(c.state == "value" for c in r.cells)]
    classes = [r for r in block if r.kind == "functional"]
    if not unknown or any(r.key is not None and r.kind != "functional" for r in block):
        return
    columns = [c.column for c in total.cells if c.state == "value"]
    if not columns:
        return
    decimals = max(
        (len(c.raw.split(".")[1]) if c.raw and "." in c.raw else 0)
        for r in [total, *classes]
        for c in r.cells
        if c.state == "value"
    )
    half = half_ulp(decimals)  # every cell at the block's precision (budgetlint.rounding)
    for col in columns:
        parts = [
            (c.value, half)
            for r in classes
            for c in r.cells
            if c.column == col and c.state == "value" and c.value is not None
        ]
        whole = next(c.value for c in total.cells if c.column == col)
        assert whole is not None  # columns are those where the total prints a value
        if not adds_up([(whole, half)], parts):
            return
    for r in unknown:
        r.kind = "detail"


def mark_below_total(rows: list[Row], sides: list[str], vocab: RowVocab) -> None:
    """Mark the lines printed between 本年收入合计 and 收入总计 (and on the expense side between
    本年支出合计 and 支出总计) as kind ``below_in`` / ``below_out``: 总计 = 本年 + these lines.

    A line is one of them when its key says so (上年结转, 上年实户资金余额 …: rows.yaml
    below_total), or when it is printed after a 本年 total that closes the items above it
    (上级补助收入 printed under the 本年 line is not part of 本年收入合计: it is re-keyed
    ``in.below.superior`` so the sum of the items does not count it). A line there with a
    label nobody knows keeps key None: the identity using these lines is then not evaluated.
    其中 parts (其中：财政拨款资金结转) are not lines of their own.
    """
    for side in ("in", "out"):
        listed = vocab.below_total.get(side, frozenset())
        parts = vocab.below_total.get("parts", frozenset())
        mine = [r for r, s in zip(rows, sides) if s == side]
        current, grand = f"{side}.current_total", f"{side}.grand_total"
        start = next((i for i, r in enumerate(mine) if r.key == current), None)
        end = next((i for i, r in enumerate(mine) if r.key == grand), len(mine))
        closes = start is not None and any(
            (r.key in vocab.current_items if side == "in" else r.kind == "functional") for r in mine[:start]
        )
        # (on the expense side the 类 lines close 本年支出合计; items listed in current_items
        # printed after it are lines of 支出总计)
        for i, r in enumerate(mine):
            base = (r.key or "").split("#", 1)[0]
            if base in parts or _SPACE_RE.sub("", r.label).startswith("其中"):
                continue  # a 其中 part of the line above, already in it
            between = closes and start is not None and start < i < end
            if r.kind == "detail":
                continue
            if r.key is None:
                r.kind = f"unknown_{side}"
            if base in listed or (between and r.key is None and any(c.state == "value" for c in r.cells)):
                r.kind = f"below_{side}"
            elif between and r.key and base in vocab.current_items:
                r.key = r.key.replace(f"{side}.", f"{side}.below.", 1)
                note = "印在本年合计之下，不属于本年收支"
                r.provenance = r.provenance.model_copy(update={"row": r.key, "note": note})
                r.cells = [
                    c.model_copy(update={"provenance": c.provenance.model_copy(update={"row": r.key})}) for c in r.cells
                ]
                r.kind = f"below_{side}"


def _no_line_of_its_own(
    label: str,
    key: str | None,
    side: str | None,
    hint: str,
    label_idx: int,
    parallel: int | None,
    income_label: str,
    vocab: RowVocab,
) -> bool:
    """A printed line that is in no identity of the summary (kept as kind ``detail``): a heading
    restating the side's 本年 total (一、部门预算), the income heading printed again atop the
    expense side (财政拨款收支总表: 一、财政拨款 on both sides), a line of a parallel economic
    breakdown of the expense side (its own totals, printed like the 功能分类 block's, excepted)."""
    s = normalise_label(label)
    if any(p.fullmatch(s) for p in vocab.side_headings):
        return True
    if hint == "out" and side == "in" and s == income_label:
        return True
    if parallel is not None and label_idx >= parallel:
        base = (key or "").split("#", 1)[0]
        closing = {"out.current_total", "out.grand_total"} | set(vocab.below_total.get("out", ()))
        return base not in closing
    return False


def _single_amount_heading(header: list[list[RawCell]], boundary: int, parallel: int | None = None) -> bool:
    """The expense side's header names one amount column only (预算数 / 金额), no fund columns
    (in its first block, when parallel breakdowns follow)."""
    counts = [sum(1 for c in row[boundary + 1 : parallel] if c.text.strip()) for row in header]
    return bool(header) and max(counts, default=0) == 1


_OTHER_FUNDS = ("in.gov_fund", "in.soe", "in.carryover", "in.carryover.gov_fund", "in.carryover.soe")


def _all_gpb_expense(table: Table) -> None:
    """财政拨款收支表 printing one expense amount column: when every 财政拨款 it receives is
    一般公共预算 (政府性基金, 国有资本经营 and 上年结转 lines printed blank or 0), every amount it
    spends is 一般公共预算 too, so its expense column is also the 一般公共预算 column."""
    if table.kind != "fiscal_summary" or any(
        c.column == "gpb" and c.state == "value" for r in table.rows for c in r.cells
    ):
        return
    by_key = {r.key: r for r in table.rows if r.key}
    gpb = by_key.get("in.gpb")
    if gpb is None or not any(c.state == "value" and c.value for c in gpb.cells):
        return
    if any(_unknown(r) and any(c.value for c in r.cells) for r in table.rows):
        return  # a line we could not name may be another fund
    for key in _OTHER_FUNDS:
        row = by_key.get(key)
        if row is not None and any(c.state not in ("blank",) and c.value for c in row.cells):
            return
    note = "收入全部为一般公共预算拨款（政府性基金、国有资本经营、上年结转为空），支出数即一般公共预算支出"
    for row in table.rows:
        if not row.key or row.key.startswith("in."):
            continue
        total = row.cell("total")
        if total is None or total.state not in ("value", "blank"):
            continue
        prov = total.provenance.model_copy(update={"column": "gpb", "inferred": True, "note": note})
        row.cells = [c for c in row.cells if c.column != "gpb"]
        row.cells.append(total.model_copy(update={"column": "gpb", "provenance": prov}))


def _wrapped_label(body: list[list[RawCell]], row_no: int, label_idx: int) -> str:
    """The rest of a label wrapped onto the next printed line (that line holds no amount)."""
    if row_no + 1 >= len(body):
        return ""
    nxt = body[row_no + 1]
    if label_idx >= len(nxt) or any(_is_value(c) for c in nxt) or not _is_label(nxt[label_idx]):
        return ""
    return nxt[label_idx].text.strip()


def _rekey(row: Row, key: str, kind: str) -> None:
    row.key, row.kind = key, kind
    row.provenance = row.provenance.model_copy(update={"row": key})
    for c in row.cells:
        c.provenance = c.provenance.model_copy(update={"row": key})


def _fiscal_heading_when_total_printed(table: Table) -> None:
    """财政拨款收支表: "一、财政拨款" is the current-year total only when the table prints no
    本年收入合计 of its own (湖州 prints both: then it is the heading of the three funds)."""
    rows = [r for r in table.rows if r.key and r.key.split("#")[0] == "in.current_total"]
    if len(rows) < 2:
        return
    heading = rows[0]
    if "财政拨款" not in heading.label:
        return
    _rekey(heading, "in.fiscal", "item")
    for n, r in enumerate(rows[1:], start=1):
        _rekey(r, "in.current_total" if n == 1 else f"in.current_total#{n}", "total")


def _old_health_class(table: Table) -> None:
    """医疗卫生与计划生育支出 is class 210's old name: it is class 210 when the table prints no
    卫生健康 line beside it (the 河南 template prints both, the old one blank)."""
    keys = {r.key for r in table.rows}
    if "210" in keys:
        return
    for r in table.rows:
        if r.key == "out.medical_family_planning":
            _rekey(r, "210", "functional")


def _current_from_grand(table: Table) -> None:
    """A side that prints no 上年结转 / 年终结转 line at all (上海 财务收支预算总表 under a 本年收入
    band, 福州 财政拨款收支预算总表 closing with 收入合计) has no money besides this year's: its
    总计 line is also its 本年 total. Not when a line of the table could not be named (it may be
    a carry-over under another wording)."""
    keys = {r.key for r in table.rows if r.key}
    if any(_unknown(r) for r in table.rows):
        return
    for side in ("in", "out"):
        grand, current = f"{side}.grand_total", f"{side}.current_total"
        if grand not in keys or current in keys or any(k.startswith(f"{side}.carryover") for k in keys):
            continue
        row = next(r for r in table.rows if r.key == grand)
        if not any(c.state == "value" for c in row.cells):
            continue  # a total printed blank is its own finding (BL201), not a second one here
        note = f"表中未列上年结转/年终结转，“{row.label}”即本年合计"
        prov = row.provenance.model_copy(update={"row": current, "inferred": True, "note": note})
        cells = [
            c.model_copy(
                update={"provenance": c.provenance.model_copy(update={"row": current, "inferred": True, "note": note})}
            )
            for c in row.cells
        ]
        table.rows.append(Row(key=current, kind="total", label=row.label, cells=cells, provenance=prov))
