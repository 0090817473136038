"""Writing a batch's report as its documents are checked, in input order.

``open_writer(fmt, output, …)`` gives an object with ``add(report)`` (one document, as
soon as it is checked) and ``close()``. Text, JSON and JSON lines are written at once
and keep only the counts for their closing summary, so a batch's memory does not grow
with its number of documents. SARIF, JUnit, GitHub annotations and HTML need the
whole set before they can start: they keep each document's compact report (findings,
rules not run — never its tables or facts) and render at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

import click

from budgetlint.model import DocumentReport

STREAMED = ("text", "json", "jsonl")


class _Sink(Protocol):
    """What every format's writer does: take one document's report, then finish."""

    def add(self, report: DocumentReport, /) -> None: ...

    def close(self) -> None: ...


class _Collected:
    def __init__(self, fmt: str, write: Callable[[str], Any], options: dict[str, Any]):
        self.fmt, self.write, self.options = fmt, write, options
        self.reports: list[DocumentReport] = []

    def add(self, report: DocumentReport) -> None:
        self.reports.append(report)

    def close(self) -> None:
        from budgetlint.report import render_reports

        text = render_reports(self.reports, fmt=self.fmt, to_terminal=False, **self.options)
        if text is not None:
            self.write(text)


class ReportWriter:
    """The writer for ``fmt`` to ``output`` (a file) or standard output."""

    def __init__(
        self, fmt: str, output: Path | None, verbose: bool = False, rules: list | None = None, run: dict | None = None
    ):
        self.output = output
        self._file: TextIO | None = output.open("w", encoding="utf-8") if output is not None else None
        to_stdout = self._file is None
        self._inner: _Sink
        if fmt == "text":
            from budgetlint.report.text import (
                TextWriter,
                file_console,
                terminal_console,
            )

            self._inner = TextWriter(terminal_console() if to_stdout else file_console(self._file), verbose)
        elif fmt == "json":
            from budgetlint.report.json_report import JsonWriter

            self._inner = JsonWriter(self._write, run)
        elif fmt == "jsonl":
            from budgetlint.report.json_report import JsonLinesWriter

            self._inner = JsonLinesWriter(self._write, run)
        else:
            self._inner = _Collected(fmt, self._write, {"verbose": verbose, "rules": rules, "run": run})
        # standard output ends with a newline, as ``click.echo`` of the whole report did
        self._final_newline = to_stdout and fmt not in ("text", "jsonl")

    def _write(self, text: str) -> None:
        if self._file is not None:
            self._file.write(text)
        else:
            click.echo(text, nl=False)

    def add(self, report: DocumentReport) -> None:
        self._inner.add(report)
        (self._file or sys.stdout).flush()

    def close(self) -> None:
        try:
            self._inner.close()
            if self._final_newline:
                self._write("\n")
        finally:
            if self._file is not None:
                self._file.close()


def open_writer(
    fmt: str, output: Path | None, verbose: bool = False, rules: list | None = None, run: dict | None = None
) -> ReportWriter:
    return ReportWriter(fmt, output, verbose, rules, run)
