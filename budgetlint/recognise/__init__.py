"""Recognition: RawDocument(s) -> Document (typed tables with kinds, keys, units).

``recognise_all(raws, profile=None)`` is the stage entry point (docs/design.md).
Per table it chooses a kind from the title/header words (rules/vocab/tables.yaml),
reads the unit from the caption, names the numeric columns
(rules/vocab/columns.yaml), keys the rows (codes, 合计, summary items from
rules/vocab/rows.yaml, projects) and parses every cell. Left-packed rows are
handed to ``budgetlint.recognise.placement`` when that module exists. The two
绩效目标表 are mostly words: only their amounts are read (``performance.py``).
A table printed twice with identical values is kept once, with a warning; the parts of
a table printed over several pages are joined (``continued.py``); then uncoded parent rows
(a unit above its projects) are found from the table's arithmetic (``hierarchy.py``).
"""

from __future__ import annotations

from budgetlint.model import Document, ParseWarning, RawCell, RawDocument, RawParagraph, RawTable, Table, Unit
from budgetlint.numbers import parse_number, parse_unit
from budgetlint.recognise.item_blocks import unstacked
from budgetlint.recognise.cells import where
from budgetlint.recognise.contents import read_contents
from budgetlint.recognise.continued import continuation_only, continues, join, joined_parts, split_part
from budgetlint.recognise.precision import set_precision
from budgetlint.recognise.gpb_economic import as_economic_summary
from budgetlint.recognise.grid import build_grid, counts_up
from budgetlint.recognise.hierarchy import infer_row_hierarchy
from budgetlint.recognise.kinds import classify, title_kind
from budgetlint.recognise.vertical import stand_up_income, stand_up_single_row
from budgetlint.recognise.metadata import fill_metadata, sectioned
from budgetlint.recognise.performance import build_dept_summary, build_performance
from budgetlint.recognise.scope import document_scopes, table_scope
from budgetlint.recognise.self_evaluation import attach_scores, read_forms
from budgetlint.recognise.summary import build_summary
from budgetlint.recognise.vocab import kind_rule
from budgetlint.recognise.placement import infer_placements
from budgetlint.profiles import choose_profile, get_profile

__all__ = ["recognise_all", "recognise_table"]


# Kinds whose tab-separated rows are sometimes left-packed by the export (trailing empties kept,
# inner empties dropped), so positions of a gap-less row are not trustworthy.
_LEFT_PACKED_KINDS = frozenset({"expense", "gpb_expense", "gov_fund", "soe_capital", "three_public"})
# Tables whose forms are read (recognise/self_evaluation.py): the 绩效自评表 and, for the 总分 of
# a form continued on the next page, the indicator pages printed without a title.
_FORM_KINDS = frozenset({"self_evaluation", "performance_indicators"})


def _unit(raw: RawTable) -> tuple[Unit, bool]:
    for text in [*raw.caption, "".join(raw.caption), raw.title, *raw.notes]:
        unit = parse_unit(text.replace("\n", ""))
        if unit is not None:
            return unit, True
    # The unit sometimes sits inside the first header row ("单位：万元" as a cell).
    for row in raw.rows[:2]:
        for cell in row:
            unit = parse_unit(cell.text)
            if unit is not None:
                return unit, True
    return Unit.WAN, False


# 行次 (决算) and 序号 (xian 2022: 1..40 down the 收支总表 and 基本支出表) number the rows.
_LINE_NUMBER_HEADERS = frozenset({"行次", "序号"})
_COLUMN_NUMBER_LABELS = frozenset({"栏次"})


def _numbers_lines(header: str) -> bool:
    """行次 or 序号, also as a side's own 行次 in a header flattened into one row (收入项目 | 收入行次
    | 收入金额 | 支出项目 | 支出行次 | 支出金额): each line's number, not its amount."""
    return header in _LINE_NUMBER_HEADERS or (header.endswith("行次") and header[:-2] in ("收入", "支出", "项目"))


def _without_numbering(raw: RawTable) -> RawTable:
    """Drop the 行次/序号 columns (row numbers) and the 栏次 row (column numbers, labelled or not).

    They are printed integers that are not amounts; left in, 行次 would be read as the
    value of the item before it and 栏次 as a header leaf.
    """
    skip: set[int] = set()
    for row in raw.rows[:5]:
        for j, cell in enumerate(row):
            if _numbers_lines("".join(cell.text.split())):
                skip.add(j)
    rows = [
        r
        for i, r in enumerate(raw.rows)
        if not any("".join(c.text.split()) in _COLUMN_NUMBER_LABELS for c in r[:3])
        and not (i < 8 and _is_column_numbers(r))
    ]
    if not skip and len(rows) == len(raw.rows):
        return raw
    rows = [[c for j, c in enumerate(r) if j not in skip] for r in rows]
    return raw.model_copy(update={"rows": rows})


# Marks some systems print in the label cells of the column-number row (杭州: "**").
_COLUMN_NUMBER_MARKS = frozenset({"", "*", "**", "***", "栏次", "行次", "项目", "甲", "乙"})


def _is_column_numbers(row: list[RawCell]) -> bool:
    """A header row numbering the columns 1, 2, 3 … (without the 栏次 label)."""
    texts = ["".join(c.text.split()) for c in row]
    numbers = [t for t in texts if t.isascii() and t.isdigit()]
    others = [t for t in texts if not (t.isascii() and t.isdigit())]
    # A one-column table numbers its only column "1": the marks (** | ** | 1) say what the row is.
    marked = any(t for t in others)
    return (
        (len(numbers) >= 3 or (bool(numbers) and marked))
        and counts_up(numbers)
        and all(t in _COLUMN_NUMBER_MARKS for t in others)
    )


def _placements(table: Table) -> list[ParseWarning]:
    """Re-place values of left-packed rows (budgetlint.recognise.placement)."""
    return list(infer_placements(table) or [])


def recognise_table(raw: RawTable, table_id: str, warnings: list[ParseWarning]) -> Table:
    """Recognise one raw grid."""
    rule, reason = classify(raw)
    unit, stated = _unit(raw)
    table = Table(
        id=table_id,
        kind=rule.kind if rule else None,
        kind_reason=reason,
        title=raw.title,
        unit=unit,
        unit_stated=stated,
        notes=list(raw.notes),
        caption=list(raw.caption),
        provenance=raw.provenance.model_copy(update={"table": table_id}),
    )
    if rule is None:
        table.forms = [f for f in read_forms(raw) if not f.scope]
        warnings.append(
            ParseWarning(
                code="unrecognised-table",
                message=f"{where(raw.provenance)}的表格无法识别类型：{reason}",
                provenance=table.provenance,
            )
        )
        return table
    if rule.kind in _FORM_KINDS:
        table.forms = read_forms(raw)
        if rule.kind != "self_evaluation":  # only the 总分 of a form begun on the page before
            table.forms = [f for f in table.forms if not f.scope]
    if rule.layout == "text":
        table.kind_reason += (
            "；绩效目标表为文字表，不解析数值"
            if "绩效" in (raw.title or "") + rule.kind or rule.kind == "self_evaluation"
            else "；没有规则核对此表，不解析数值"
        )
        return table
    raw = _without_numbering(raw)
    if rule.layout == "performance":
        build_performance(raw, table, warnings)
    elif rule.layout == "performance_summary":
        build_dept_summary(raw, table, warnings)
    elif rule.layout == "two_sided":
        build_summary(raw, table, warnings)
    elif rule.kind == "income" and stand_up_income(raw, table, warnings):
        pass
    else:
        raw = unstacked(raw)  # item blocks printed side by side (决算 公开06), one list
        build_grid(raw, table, warnings)
        if rule.layout == "single":
            stand_up_single_row(table, warnings)
        # Placement by arithmetic: for grids whose reader lost empty cells, and for the
        # expense-type tables whose rows tab exports are known to left-pack (laocheng line 239);
        # never in a spreadsheet or Word table, whose cells are where the file put them (a value
        # typed into the wrong column there is the document's error, to report, not to move).
        if not raw.aligned or (table.kind in _LEFT_PACKED_KINDS and not raw.positioned):
            warnings.extend(_placements(table))
        as_economic_summary(table)
    set_precision(table)
    # Empty only when nothing in the grid prints an amount: a table whose data rows were
    # misread into its header (all of it read as header) is full, not empty.
    table.empty = not any(c.state == "value" for r in table.rows for c in r.cells) and not _prints_amounts(raw)
    table_scope(raw, table)
    if rule.layout in ("performance", "performance_summary"):
        # A 绩效目标表 is words with a few amounts: finding none (a garbled print, another
        # region's layout) says nothing about the table being empty.
        table.empty = False
    return table


# A table name stands on a line of its own, short: not a sentence of the narrative.
_TITLE_LINE_MAX = 40


def _titled_by_preceding_line(raw: RawTable, since_table: list[RawParagraph]) -> RawTable:
    """A table printed without a title of its own whose name is the line just above it, read
    as a paragraph: the name stood at the foot of the previous page (江苏 2017: 财政拨款基本支出
    预算表 | 部门：… 单位：万元 on p.12, the grid on p.13) or apart from the grid."""
    if raw.title.strip() or not since_table:
        return raw
    for para in reversed(since_table[-3:]):
        text = " ".join(para.text.split())
        if not text or len(text) > _TITLE_LINE_MAX:
            continue
        if title_kind(text) is not None:
            return raw.model_copy(update={"title": text, "caption": [text, *raw.caption]})
    return raw


def _prints_amounts(raw: RawTable) -> bool:
    """Any cell of the grid prints a nonzero amount (decimals or thousands separators, not a code or year)."""
    for row in raw.rows:
        for cell in row:
            text = cell.text.strip()
            if not text or ("," not in text and "." not in text):
                continue
            n = parse_number(text)
            if n is not None and n.value != 0:
                return True
    return False


def _signature(table: Table) -> tuple:
    return (table.kind, tuple((r.key, c.column, c.value) for r in table.rows for c in r.cells if c.state == "value"))


def recognise_all(raws: list[RawDocument], profile: str | None = None) -> Document:
    """Recognise one document (possibly read from several files)."""
    if not raws:
        raise ValueError("recognise_all needs at least one RawDocument")
    doc = Document(path=raws[0].path, paths=[r.path for r in raws], format=raws[0].format, profile=profile)
    paragraphs: list[RawParagraph] = []
    raw_tables: list[RawTable] = []
    for raw in raws:
        doc.warnings.extend(raw.warnings)
        labels = {page: label for page, label in raw.page_labels.items() if label != str(page)}
        if labels:
            doc.page_labels[raw.path] = labels
        since_table: list[RawParagraph] = []
        opened = False  # a table of this file was read
        for block in raw.blocks:
            if isinstance(block, RawTable):
                if opened and split_part(raw_tables[-1], block, since_table):
                    raw_tables[-1] = joined_parts(raw_tables[-1], block)  # one table split in two
                else:
                    raw_tables.append(_titled_by_preceding_line(block, since_table))
                since_table = []
                opened = True
            else:
                paragraphs.append(block)
                since_table.append(block)
    doc.paragraphs = sectioned(paragraphs)
    fill_metadata(doc, paragraphs, raw_tables)
    doc.contents = read_contents(raw_tables, paragraphs)
    seen: dict[tuple, Table] = {}
    for n, raw_table in enumerate(raw_tables, start=1):
        if n > 1 and continuation_only(raw_table.title):
            # titled "续表" alone: the table it continues names it ("支出决算表（续表）")
            raw_table = raw_tables[n - 1] = raw_table.model_copy(update={"title": f"{raw_tables[n - 2].title}（续表）"})
        table = recognise_table(raw_table, f"t{n}", doc.warnings)
        sig = _signature(table)
        if table.kind and sig[1]:  # only tables with values can be told identical
            if sig in seen:
                first = seen[sig]
                doc.warnings.append(
                    ParseWarning(
                        code="duplicate-table",
                        message=f"{where(raw_table.provenance)}的表格与{where(first.provenance)}的“{first.title}”完全相同（重复打印），只保留一份",
                        provenance=table.provenance,
                    )
                )
                continue
            seen[sig] = table
        if doc.tables and continues(doc.tables[-1], table):
            join(doc.tables[-1], table)  # the next page of a table printed over several pages
            continue
        doc.tables.append(table)
    for table in doc.tables:
        # Parents among uncoded rows, once the parts of a table printed over pages are joined.
        rule = kind_rule(table.kind) if table.kind else None
        if rule is not None and rule.layout == "grid":
            notes, keyed = infer_row_hierarchy(table, rule.rows)
            if keyed:  # rows that had no key now have one: their unkeyed-row warnings are void
                parts = {r.provenance.table for r in table.rows}
                doc.warnings = [
                    w
                    for w in doc.warnings
                    if not (w.code == "unkeyed-row" and w.provenance is not None and w.provenance.table in parts)
                ]
            doc.warnings.extend(notes)
    attach_scores(doc.tables)
    document_scopes(doc)
    _set_profile(doc, profile)
    return doc


def _set_profile(doc: Document, forced: str | None) -> None:
    """Document.profile / profile_reason: the forced profile, else the best-fitting one (rules/profiles/)."""
    if forced:
        known = get_profile(forced)
        doc.profile = forced
        doc.profile_reason = f"由 --profile 指定（{known.title if known else '未知配置'}）"
        return
    doc.profile, doc.profile_reason = choose_profile(doc)
