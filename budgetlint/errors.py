"""Errors that reach the user as one plain line, never as a traceback."""

from __future__ import annotations


class BudgetlintError(Exception):
    """Base class: ``str(err)`` is the message shown to the user (Chinese first)."""

    exit_code = 3


class InputError(BudgetlintError):
    """The input cannot be read: missing, empty, binary, encrypted, image-only, wrong format.

    Exit code 2. ``path`` names the file; ``reason`` says what went wrong.
    """

    exit_code = 2

    def __init__(self, path: str, reason: str, code: str = "unreadable"):
        from budgetlint.i18n import _

        self.path = path
        self.reason = reason = _(reason)
        self.code = code
        super().__init__(f"{path}: {reason}")


class RuleError(BudgetlintError):
    """A rule pack is malformed (bad YAML, unknown field, expression syntax error). Exit code 2."""

    exit_code = 2


class UsageError(BudgetlintError):
    """The command line or configuration asks for something that does not exist
    (an unknown rule id or prefix in --select / --ignore). Exit code 2."""

    exit_code = 2
