"""A self-contained HTML report for finance staff (``check --format html``).

One file, no network, no external assets: a summary per document, then the
findings grouped by the table they are in, each with its message, printed and
expected values, the printed excerpt, why the rule exists, and — for a PDF — a
crop of the page with the offending cells boxed (rendered with pypdfium2,
embedded as a PNG data URI). Severity and rule filters work without a server.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from pathlib import Path
from typing import Any

from budgetlint.i18n import _, _f, language, rule_text
from budgetlint.model import DocumentReport, Finding, Location
from budgetlint.report.text import department_name, kind_label, label, shown_message, shown_value, where

SCALE = 2.0  # render pixels per PDF point
MARGIN = 36.0  # points of page around the boxed cells
MAX_CROPS = 200  # per report: beyond this, findings show without a page image

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:1100px}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
h3{font-size:1em;color:#555;margin:1.2em 0 .4em}
table.summary{border-collapse:collapse}table.summary td,table.summary th{border:1px solid #ccc;padding:.3em .6em}
.finding{border-left:4px solid #999;padding:.5em 1em;margin:.6em 0;background:#fafafa}
.finding.error{border-color:#c62828}.finding.warning{border-color:#ef6c00}.finding.info{border-color:#0277bd}
.sev{font-weight:bold}.error .sev{color:#c62828}.warning .sev{color:#ef6c00}.info .sev{color:#0277bd}
.values{font-family:monospace}.where{color:#555}.excerpt{color:#333;background:#fff;border:1px solid #eee;padding:.2em .4em}
.why{color:#555;font-size:.9em}.fix{font-weight:bold}.crop{max-width:100%;border:1px solid #ccc;margin-top:.4em}
.filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd}
.hidden{display:none}
"""

SCRIPT = """
function applyFilters(){
  var sev={};document.querySelectorAll('input[data-sev]').forEach(function(b){sev[b.dataset.sev]=b.checked;});
  var rule=document.getElementById('rule').value;
  document.querySelectorAll('.finding').forEach(function(f){
    var show=sev[f.dataset.severity]&&(rule===''||f.dataset.rule===rule);
    f.classList.toggle('hidden',!show);
  });
  document.querySelectorAll('section.table').forEach(function(s){
    s.classList.toggle('hidden',!s.querySelector('.finding:not(.hidden)'));
  });
}
document.querySelectorAll('input[data-sev],#rule').forEach(function(e){e.addEventListener('change',applyFilters);});
"""


def render_html(reports: list[DocumentReport], rules: list | None = None, **_options) -> str:
    rationale = {r.id: rule_text(r.id, "rationale", r.rationale) for r in rules or []}
    crops = _Crops()
    severities = Counter(f.severity for r in reports for f in r.findings)
    rule_ids = sorted({f.rule_id for r in reports for f in r.findings})
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if language() == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f"<title>{_('budgetlint 检查报告')}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{_('部门预算/决算公开文件检查报告')}</h1>",
        _summary(reports),
        _filters(severities, rule_ids),
    ]
    for report in reports:
        parts.append(_document(report, rationale, crops))
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(parts)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _summary(reports: list[DocumentReport]) -> str:
    rows = []
    for r in reports:
        count = Counter(f.severity for f in r.findings)
        state = (
            _f("无法检查：{reason}", reason=_e(_(r.error)))
            if r.error
            else _("、").join(f"{label(s)} {count[s]}" for s in ("error", "warning", "info")) or _("未发现问题")
        )
        meta = _("，").join(
            x
            for x in (kind_label(r.kind), _f("{year} 年", year=r.year) if r.year else "", department_name(r.department))
            if x
        )
        rows.append(f"<tr><td>{_e(Path(r.path).name)}</td><td>{_e(meta)}</td><td>{state}</td></tr>")
    return (
        f'<table class="summary"><tr><th>{_("文件")}</th><th>{_("文件信息")}</th><th>{_("结果")}</th></tr>'
        + "".join(rows)
        + "</table>"
    )


def _filters(severities: Counter, rule_ids: list[str]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" data-sev="{s}" checked> {label(s)}{_("（")}{severities[s]}{_("）")}</label> '
        for s in ("error", "warning", "info")
    )
    options = "".join(f'<option value="{_e(r)}">{_e(r)}</option>' for r in rule_ids)
    return (
        f'<div class="filters">{_("显示：")}{boxes} {_("规则：")}<select id="rule"><option value="">{_("全部")}</option>'
        f"{options}</select></div>"
    )


def _document(report: DocumentReport, rationale: dict[str, str], crops: "_Crops") -> str:
    out = [f"<h2>{_e(report.path)}</h2>"]
    if report.error:
        out.append(f"<p>{_f('无法检查：{reason}', reason=_e(_(report.error)))}</p>")
        return "\n".join(out)
    if not report.findings:
        out.append(f"<p>{_('未发现问题。')}</p>")
    groups: dict[str, list[Finding]] = {}
    for f in sorted(report.findings, key=lambda f: ({"error": 0, "warning": 1, "info": 2}[f.severity], f.rule_id)):
        groups.setdefault(_table_name(f, report.table_titles), []).append(f)
    for table, findings in groups.items():
        out.append(f'<section class="table"><h3>{_e(table)}</h3>')
        out += [_finding(f, report.path, rationale.get(f.rule_id, ""), crops, report.table_titles) for f in findings]
        out.append("</section>")
    return "\n".join(out)


def _table_name(f: Finding, titles: dict[str, str]) -> str:
    """The table the finding is in, by its printed title and page, or 叙述 for the text."""
    loc = next((l for l in f.locations if l.table), None)
    if loc is None:
        return _("情况说明（叙述）")
    footer = _f("（页脚 {printed}）", printed=loc.printed_page) if loc.printed_page else ""
    page = _f("第 {page} 页{footer}", page=loc.page, footer=footer) + " · " if loc.page else ""
    table = loc.table or ""
    return f"{page}{titles.get(table) or _f('表 {table}', table=table)}"


def _finding(f: Finding, document_path: str, why: str, crops: "_Crops", titles: dict[str, str]) -> str:
    out = [
        f'<div class="finding {f.severity}" data-severity="{f.severity}" data-rule="{_e(f.rule_id)}">',
        f'<div><span class="sev">{label(f.severity)}</span> <b>{_e(f.rule_id)}</b> {_e(f.title)}</div>',
        f"<p>{_e(shown_message(f.message))}</p>",
    ]
    if f.expected is not None or f.actual is not None:
        shown = [
            _f("印出：{value}", value=_e(shown_value(f.actual))),
            _f("应为：{value}", value=_e(shown_value(f.expected))),
        ]
        if f.difference:
            shown.append(_f("相差：{value}", value=_e(f.difference)))
        out.append(f'<p class="values">{_("　").join(shown)}</p>')
    for loc in f.locations:
        text = f'<div class="where">→ {_e(where(loc, document_path, titles, keys=False))}</div>'
        if loc.excerpt:
            text += f'<div class="excerpt">{_e(loc.excerpt[:300])}</div>'
        out.append(text)
    image = crops.crop(f.locations)
    if image:
        alt = _f("第 {page} 页，问题所在的单元格已框出", page=_e(image[1]))
        out.append(f'<img class="crop" alt="{alt}" src="{image[0]}">')
    if f.fix:
        out.append(f'<p class="fix">{_f("怎么改：{fix}", fix=_e(f.fix))}</p>')
    if why:
        out.append(f'<p class="why">{_f("为什么：{why}", why=_e(why))}</p>')
    out.append("</div>")
    return "\n".join(out)


class _Crops:
    """Page crops with the finding's cells boxed; each PDF opened once."""

    def __init__(self) -> None:
        self.pdfs: dict[str, Any] = {}  # path -> pypdfium2.PdfDocument
        self.made = 0

    def crop(self, locations: list[Location]) -> tuple[str, int] | None:
        boxed = [l for l in locations if l.page and l.bbox and l.path.lower().endswith(".pdf")]
        if not boxed or self.made >= MAX_CROPS:
            return None
        first = boxed[0]
        page = first.page
        assert page is not None  # boxed locations have a page
        same_page = [l for l in boxed if l.path == first.path and l.page == page]
        try:
            data = self._render(first.path, page, [l.bbox for l in same_page if l.bbox])
        except Exception:  # noqa: BLE001 - a page that cannot be drawn leaves the finding without an image
            return None
        self.made += 1
        return "data:image/png;base64," + base64.b64encode(data).decode("ascii"), page

    def _render(self, path: str, page_no: int, boxes: list[tuple[float, float, float, float]]) -> bytes:
        import pypdfium2
        from PIL import ImageDraw

        pdf = self.pdfs.get(path)
        if pdf is None:
            pdf = self.pdfs[path] = pypdfium2.PdfDocument(path)
        page = pdf[page_no - 1]
        width, height = page.get_size()
        x0 = 0.0  # the whole width: the row names and column heads show where the cell is
        top = max(0.0, min(b[1] for b in boxes) - MARGIN)
        x1 = width
        bottom = min(height, max(b[3] for b in boxes) + MARGIN)
        image = page.render(scale=SCALE).to_pil().convert("RGB")
        draw = ImageDraw.Draw(image)
        for b in boxes:
            draw.rectangle([b[0] * SCALE, b[1] * SCALE, b[2] * SCALE, b[3] * SCALE], outline=(220, 0, 0), width=4)
        image = image.crop((int(x0 * SCALE), int(top * SCALE), int(x1 * SCALE), int(bottom * SCALE)))
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        return buf.getvalue()
