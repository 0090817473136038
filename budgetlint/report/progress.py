"""A progress bar for multi-document runs, on stderr, only for a person watching.

Shown when stderr is a terminal, more than one document is checked, and neither
``--quiet`` nor a CI environment (``CI`` set) asks for silence: documents done /
total, findings so far, the current file, time left (rich).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from budgetlint.model import DocumentReport


def wanted(total: int, quiet: bool) -> bool:
    return total > 1 and not quiet and not os.environ.get("CI") and sys.stderr.isatty()


@contextmanager
def batch_progress(total: int, quiet: bool = False) -> Iterator[Callable[[DocumentReport], None]]:
    if not wanted(total, quiet):
        yield lambda report: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    found = 0
    from budgetlint.i18n import _

    with Progress(
        TextColumn(_("检查")),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(_("问题") + " {task.fields[found]}"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}"),
        console=Console(stderr=True),
        transient=True,
        # the report streams to standard output meanwhile: on the same terminal it is printed
        # above the bar; piped elsewhere, it is left alone
        redirect_stdout=sys.stdout.isatty(),
    ) as progress:
        task = progress.add_task("check", total=total, found=0, current="")

        def advance(report: DocumentReport) -> None:
            nonlocal found
            found += len(report.findings)
            progress.update(task, advance=1, found=found, current=os.path.basename(report.path)[:40])

        yield advance
