"""The human report: findings grouped by document, in Chinese, with the cells quoted."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from budgetlint.i18n import N_, _, _f, language
from budgetlint.model import DocumentReport, Finding, Location
from budgetlint.resources import known_column_name

SEVERITY_LABEL = {"error": N_("错误"), "warning": N_("警告"), "info": N_("提示")}  # Chinese; label() translates
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
KIND_LABEL = {"budget": N_("部门预算"), "final": N_("部门决算")}


def label(severity: str) -> str:
    """错误/警告/提示 in the current language."""
    return _(SEVERITY_LABEL[severity])


def kind_label(kind: str | None) -> str:
    return _(KIND_LABEL.get(kind or "", ""))


def department_name(name: str | None) -> str:
    """The department as printed; quoted in English, where it is the only Chinese left."""
    if not name:
        return ""
    return name if language() == "zh" else f"“{name}”"


PRINTED_CODE = re.compile(r"[0-9]{3,7}")  # a 功能/经济分类 code as printed in the table


def where(
    loc: Location, document_path: str | None = None, titles: dict[str, str] | None = None, keys: bool = True
) -> str:
    """'第 253 行 · 表 t7 · 行 2010301 · 列 basic' (only what is known).

    The file is named when the location is in another file than the document's
    first one (a narrative .docx beside its tables workbook, say). With ``titles``
    the table is named by its printed title; with ``keys=False`` (the clerk's
    report) rows are named only by a printed code and columns by their Chinese
    name, never by an internal key like ``in.grand_total``.
    """
    parts = []
    if document_path is not None and loc.path and loc.path != document_path:
        parts.append(Path(loc.path).name)
    if loc.page is not None:
        footer = _f("（页脚 {printed}）", printed=loc.printed_page) if loc.printed_page else ""
        parts.append(_f("第 {page} 页{footer}", page=loc.page, footer=footer))
    if loc.line is not None:
        parts.append(_f("第 {line} 行", line=loc.line))
    if loc.sheet:
        parts.append(f"{loc.sheet}!{loc.cell or ''}")
    if loc.table:
        title = (titles or {}).get(loc.table)
        parts.append(f"“{title[:40]}”" if title else _f("表 {table}", table=loc.table))
    if loc.row and (keys or PRINTED_CODE.fullmatch(loc.row)):
        parts.append(_f("行 {row}", row=loc.row))
    if loc.column:
        name = known_column_name(loc.column)
        parts.append(_f("列 {column}", column=loc.column) if keys or not name else _f("“{name}”列", name=name))
    return " · ".join(parts)


def shown_value(text: str | None, verbose: bool = False) -> str:
    """'18.0964 [18.0962, 18.0967]' → '18.0964': the rounding interval only with --verbose."""
    if not text:
        return "—"
    return text if verbose else text.split(" [", 1)[0]


_BOUNDS = re.compile(r" \[-?[0-9][0-9,.]*, -?[0-9][0-9,.]*\]")  # " [2240.24, 2240.26]" after a figure


def shown_message(message: str, verbose: bool = False) -> str:
    """The message with each figure's rounding interval left out, as in the 实际/应为 line
    (--verbose and the JSON report keep them): the figure is what the page prints."""
    return message if verbose else _BOUNDS.sub("", message)


def _finding(
    console: Console, f: Finding, document_path: str, verbose: bool = False, titles: dict[str, str] | None = None
) -> None:
    style = SEVERITY_STYLE[f.severity]
    console.print(f"  [{style}]{label(f.severity)}[/] [bold]{f.rule_id}[/] {escape(f.title)}")
    console.print(f"    {escape(shown_message(f.message, verbose))}")
    if f.expected is not None or f.actual is not None:
        actual, expected = shown_value(f.actual, verbose), shown_value(f.expected, verbose)
        console.print(
            "    "
            + _f(
                "实际：{actual}    应为：{expected}    差额：{difference}",
                actual=escape(actual),
                expected=escape(expected),
                difference=escape(f.difference or "—"),
            )
        )
    shown, blanks = _blank_cells_apart(f.locations, verbose)
    for loc in shown:
        addr = f"  [dim]{escape(loc.address)}[/]" if loc.address and verbose else ""
        console.print(f"    → {escape(where(loc, document_path, titles, keys=verbose))}{addr}")
        if loc.excerpt:
            console.print(f"      “{escape(loc.excerpt[:160])}”")
    if blanks:
        console.print("    → " + _f("另有 {n} 个空白单元格参与计算，未逐一列出（--verbose 列出）", n=blanks))
    if f.locations_omitted:
        console.print("    → " + _f("另有 {n} 处未列出", n=f.locations_omitted))
    if f.fix:
        console.print("    " + _f("怎么改：{fix}", fix=escape(f.fix)))
    _related(console, f, document_path, titles)


BLANK = "（空）"  # the excerpt of a blank cell (engine/run.py: "label：（空）")
_BLANKS_LISTED = 3  # up to this many blank cells are listed like any other place


def _blank_cells_apart(locations: list[Location], verbose: bool) -> tuple[list[Location], int]:
    """The places to list, and how many blank cells were left out: a sum over a 收支总表's
    thirty 类 lines names every blank line it added, which buries the two printed figures the
    clerk has to look at (the JSON report and --verbose keep them all)."""
    blank = {id(loc) for loc in locations if loc.address and (loc.excerpt or "").endswith(BLANK)}
    if verbose or len(blank) <= _BLANKS_LISTED:
        return locations, 0
    return [loc for loc in locations if id(loc) not in blank], len(blank)


def _related(console: Console, f: Finding, document_path: str, titles: dict[str, str] | None = None) -> None:
    """The same printed error seen again elsewhere: one line per consequence, its places listed."""
    by_note: dict[str, list[Location]] = {}
    for loc in f.related:
        by_note.setdefault(loc.note or "", []).append(loc)
    for note, locs in by_note.items():
        console.print("    [dim]" + _f("同一处错误的连带结果：{note}", note=escape(note)) + "[/]")
        console.print(f"      [dim]↳ {escape(_compact(locs, document_path, titles)[:300])}[/]")
    if f.related_omitted:
        console.print("      [dim]↳ " + _f("另有 {n} 处未列出", n=f.related_omitted) + "[/]")


def _compact(locs: list[Location], document_path: str, titles: dict[str, str] | None = None) -> str:
    """'第 11 页 · 表 t6 · 列 personnel：行 30101、30102、301' — rows of one place listed together."""
    places: dict[str, list[str]] = {}
    for loc in locs:
        head = where(
            loc.model_copy(update={"row": None, "line": None if loc.page else loc.line}), document_path, titles
        )
        places.setdefault(head, []).append(loc.row or (_f("第 {line} 行", line=loc.line) if loc.line else ""))
    return _("；").join(
        _f("{place}：行 {rows}", place=head, rows=_("、").join(r for r in rows if r)) if any(rows) else head
        for head, rows in places.items()
    )


class TextWriter:
    """The human report printed one document at a time, as a batch checks them; only the
    counts for the closing line are kept."""

    def __init__(self, console: Console, verbose: bool = False):
        self.console, self.verbose = console, verbose
        self.total = {"error": 0, "warning": 0, "info": 0}
        self.documents = self.unreadable = 0

    def add(self, r: DocumentReport) -> None:
        console, verbose = self.console, self.verbose
        self.documents += 1
        head = f"[bold]{escape(r.path)}[/]"
        meta = _("，").join(
            x
            for x in (kind_label(r.kind), _f("{year} 年", year=r.year) if r.year else "", department_name(r.department))
            if x
        )
        console.print(head + (f"  ({escape(meta)})" if meta else ""))
        if r.error:
            self.unreadable += 1
            console.print(f"  [bold red]{_('无法检查')}[/]{_('：')}{escape(_(r.error))}")
            console.print()
            return
        if not r.findings:
            console.print(f"  [green]{_('未发现问题')}[/]")
        for f in sorted(r.findings, key=lambda f: ({"error": 0, "warning": 1, "info": 2}[f.severity], f.rule_id)):
            self.total[f.severity] += 1
            _finding(console, f, r.path, verbose, r.table_titles)
        if verbose:
            if r.parse_warnings:
                console.print("  [dim]" + _f("解析提示 {n} 条：", n=len(r.parse_warnings)) + "[/]")
                for w in r.parse_warnings:
                    loc = _f("（第 {line} 行）", line=w.provenance.line) if w.provenance and w.provenance.line else ""
                    console.print(f"    [dim]{escape(w.code)}: {escape(w.message)}{loc}[/]")
            if r.not_evaluated:
                console.print("  [dim]" + _f("未执行的规则 {n} 条：", n=len(r.not_evaluated)) + "[/]")
                for n in r.not_evaluated:
                    status = _("不适用") if n.status == "not_applicable" else _("数据不足")
                    console.print(f"    [dim]{n.rule_id} {status}{_('：')}{escape(n.reason)}[/]")
                    if n.detail and n.detail != n.reason:
                        console.print(f"      [dim]（{escape(n.detail)}）[/]")
        elif r.not_evaluated:
            console.print(
                "  [dim]" + _f("（{n} 条规则未执行或部分未执行，加 --verbose 查看）", n=len(r.not_evaluated)) + "[/]"
            )
        console.print()

    def close(self) -> None:
        total = self.total
        tail = _f("，无法检查 {n} 个", n=self.unreadable) if self.unreadable else ""
        self.console.print(
            _f(
                "共 {documents} 个文件：错误 {error}，警告 {warning}，提示 {info}{tail}",
                documents=self.documents,
                error=total["error"],
                warning=total["warning"],
                info=total["info"],
                tail=tail,
            )
        )


def render_into(console: Console, reports: list[DocumentReport], verbose: bool) -> None:
    writer = TextWriter(console, verbose)
    for r in reports:
        writer.add(r)
    writer.close()


def terminal_console() -> Console:
    # Piped or redirected: no hard wrapping, so file names and words stay whole.
    return Console(highlight=False, soft_wrap=not sys.stdout.isatty())


def file_console(file) -> Console:
    return Console(file=file, width=120, no_color=True, highlight=False, force_terminal=False, soft_wrap=True)


def render_text(
    reports: list[DocumentReport], verbose: bool = False, to_terminal: bool = True, **_options
) -> str | None:
    if to_terminal:
        render_into(terminal_console(), reports, verbose)
        return None
    buf = io.StringIO()
    render_into(file_console(buf), reports, verbose)
    return buf.getvalue().rstrip("\n")
