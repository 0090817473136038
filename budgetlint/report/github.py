"""GitHub Actions workflow commands (``check --format github``).

``::error file=…,line=…,title=…::message``, one per finding, so findings show
as annotations on the pull request. Values are escaped as the runner expects:
``%``, CR and LF in the message; also ``:`` and ``,`` in properties. A PDF
location has no line: the annotation names the file, and the message the page.
Info findings become ``notice``; an unreadable document an ``error`` on its file.
"""

from __future__ import annotations

from budgetlint.i18n import _
from budgetlint.model import DocumentReport, Finding
from budgetlint.report.text import where

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: list[DocumentReport], rules: list | None = None, **_options) -> str:
    lines = []
    for report in reports:
        if report.error:
            lines.append(
                f"::error file={escape_property(report.path)},title={escape_property(_('无法检查'))}::"
                f"{escape_data(_(report.error))}"
            )
            continue
        lines.extend(_command(f, report.table_titles) for f in report.findings)
    return "\n".join(lines)


def _command(f: Finding, titles: dict[str, str]) -> str:
    loc = next((l for l in f.locations if l.path), None)
    props = []
    message = f.message
    if loc is not None:
        props.append(f"file={escape_property(loc.path)}")
        if loc.line is not None:
            props.append(f"line={loc.line}")
        else:
            message = f"{where(loc, titles=titles, keys=False)}{_('：')}{message}"
    props.append(f"title={escape_property(f'{f.rule_id} {f.title}')}")
    return f"::{COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}"
