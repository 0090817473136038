"""Reports: a rich text report for people, a stable JSON report for machines.

``render_reports(reports, fmt, verbose, to_terminal)``: for ``fmt == "text"``
and a terminal, prints with rich and returns None; otherwise returns the text
(plain text for files, JSON for ``fmt == "json"``).
"""

from __future__ import annotations

from budgetlint.model import DocumentReport


def render_reports(reports: list[DocumentReport], fmt: str = "text", verbose: bool = False,
                   to_terminal: bool = True) -> str | None:
    if fmt == "json":
        from budgetlint.report.json_report import render_json

        return render_json(reports)
    from budgetlint.report.text import render_text

    return render_text(reports, verbose=verbose, to_terminal=to_terminal)


__all__ = ["render_reports"]
