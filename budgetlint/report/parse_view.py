"""``budgetlint parse FILE`` (text format): what was recognised, for a person.

One rich table per recognised table (kind, title, unit, canonical column keys,
row keys and parsed values), then the parse warnings. Values placed by
inference are marked ``*``; cells that look numeric but could not be parsed
are shown as ``?<raw text>``.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from budgetlint.facts import table_address_kinds
from budgetlint.i18n import _, _f
from budgetlint.model import Document, Table
from budgetlint.report.text import kind_label
from budgetlint.scope import describe

_MAX_COLUMNS = 12  # wide tables (收入表: 18 columns) show only columns that carry values beyond this


def _visible_columns(table: Table) -> list[str]:
    keys = list(dict.fromkeys(c.key for c in table.columns))  # two-sided tables: "amount" once
    if len(keys) <= _MAX_COLUMNS:
        return keys
    used = {c.column for r in table.rows for c in r.cells if c.state != "blank"}
    return [k for k in keys if k in used] or keys[:_MAX_COLUMNS]


def _table_view(table: Table, address_kind: str | None) -> RichTable:
    unit = table.unit.value + ("" if table.unit_stated else _("（未注明，按万元）"))
    title = f"{table.id} {address_kind or _('未识别')} · {table.title or _('（无标题）')} · " + _f(
        "单位：{unit}", unit=unit
    )
    view = RichTable(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False)
    view.add_column(_("行键"), style="cyan", no_wrap=True)
    view.add_column(_("行名"))
    columns = _visible_columns(table)
    # Two-sided tables repeat a key (amount) on both sides; label columns by position.
    for key in columns:
        view.add_column(key, justify="right", no_wrap=True)
    for row in table.rows:
        by_key: dict[str, str] = {}
        for cell in row.cells:
            if cell.column in by_key:
                continue
            if cell.state == "value":
                mark = "*" if cell.provenance.inferred else ""
                by_key[cell.column] = f"{cell.value}{mark}"
            elif cell.state == "text":
                by_key[cell.column] = f"?{cell.raw.strip()}"
        view.add_row(
            Text(row.key or "—", style="cyan" if row.key else "dim"),
            Text(row.label[:20], no_wrap=True, overflow="ellipsis"),
            *[by_key.get(k, "") for k in columns],
        )
    return view


def render_document(doc: Document, console: Console | None = None) -> None:
    """Print the recognised tables and the warnings of ``doc``."""
    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=220)  # piped output: do not squeeze wide tables
    head = f"{doc.path}  {doc.title or ''}".strip()
    meta = " · ".join(
        filter(
            None,
            [
                doc.department,
                _f("{year} 年", year=doc.year) if doc.year else None,
                kind_label(doc.kind.value if doc.kind else None) or None,
            ],
        )
    )
    console.print(Text(head, style="bold"))
    if meta:
        console.print(meta)
    if doc.profile or doc.profile_reason:
        console.print(
            Text(_f("配置：{profile}（{reason}）", profile=doc.profile or _("无"), reason=doc.profile_reason))
        )
    console.print(
        _f(
            "段落 {paragraphs} 个，表格 {tables} 张（识别 {recognised} 张）",
            paragraphs=len(doc.paragraphs),
            tables=len(doc.tables),
            recognised=sum(1 for t in doc.tables if t.kind),
        )
    )
    kinds = table_address_kinds(doc)
    for table in doc.tables:
        console.print()
        if table.kind and not table.rows and not table.columns:
            console.print(
                f"[bold]{table.id} {kinds.get(table.id, table.kind)}[/bold] · {table.title}（{table.kind_reason}）"
            )
            continue
        console.print(_table_view(table, kinds.get(table.id)))
        notes = []
        if table.empty:
            notes.append(_("空表"))
        notes.extend(n[:60] for n in table.notes)
        if notes:
            console.print(Text("  " + _("；").join(notes), style="dim"))
        console.print(Text("  " + _f("识别依据：{reason}", reason=table.kind_reason), style="dim"))
        if table.scope.funds or table.scope.period:
            console.print(
                Text(
                    "  "
                    + _f(
                        "口径：{scope}（{reason}）",
                        scope=describe(table.scope.funds, table.scope.period),
                        reason=table.scope.reason,
                    ),
                    style="dim",
                )
            )
    if doc.warnings:
        console.print()
        console.print(Text(_f("解析提示 {n} 条：", n=len(doc.warnings)), style="bold yellow"))
        for w in doc.warnings:
            where = w.provenance.short() if w.provenance else ""
            console.print(f"  [{w.code}] {w.message}  {where}", markup=False, highlight=False)
