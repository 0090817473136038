"""The program's entry point (``budgetlint``, ``python -m budgetlint``): answers ``--version``
before the command line (budgetlint.cli) imports click and the checking modules, which are most
of a run's start-up; everything else goes to the command line."""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

from budgetlint import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        print(version_line())
        return
    from budgetlint.cli import main as command_line

    command_line()


def version_line() -> str:
    """What click's ``--version`` option prints, in the same language: its own message from the
    catalogue cli.py binds (budgetlint/locale), the language chosen as cli.py chooses it."""
    from budgetlint.i18n import set_language

    gettext.bindtextdomain("messages", str(Path(__file__).parent / "locale"))
    set_language(None)
    return gettext.gettext("%(prog)s, version %(version)s") % {"prog": "budgetlint", "version": __version__}
