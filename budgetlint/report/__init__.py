"""Reports: a rich text report and a self-contained HTML page for people, JSON for
auditors, SARIF / JUnit / GitHub annotations for CI systems.

``render_reports(reports, fmt, verbose, to_terminal, rules)``: for ``fmt ==
"text"`` and a terminal, prints with rich and returns None; otherwise returns
the text. Formats are a registry (``FORMATS``): name → renderer.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from budgetlint.model import DocumentReport

# name -> (module, function); imported only when used (start-up stays short).
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("budgetlint.report.text", "render_text"),
    "json": ("budgetlint.report.json_report", "render_json"),
    "jsonl": ("budgetlint.report.json_report", "render_jsonl"),
    "sarif": ("budgetlint.report.sarif", "render_sarif"),
    "junit": ("budgetlint.report.junit", "render_junit"),
    "github": ("budgetlint.report.github", "render_github"),
    "html": ("budgetlint.report.html", "render_html"),
}


def renderer(fmt: str) -> Callable:
    module, name = FORMATS[fmt]
    return getattr(import_module(module), name)


def render_reports(
    reports: list[DocumentReport],
    fmt: str = "text",
    verbose: bool = False,
    to_terminal: bool = True,
    rules: list | None = None,
    run: dict | None = None,
) -> str | None:
    """``rules``: the rules that ran (SARIF, JUnit); ``run``: the options used (JSON)."""
    return renderer(fmt)(reports, verbose=verbose, to_terminal=to_terminal, rules=rules, run=run)


__all__ = ["FORMATS", "render_reports", "renderer"]
