"""The rule engine with every function library installed: what the CLI runs.

The engine and the claims do not import each other (tests/test_import_directions.py); the
functions that bring claims into rules (``budgetlint.claim_functions``) are a library this
module installs, explicitly, before any pack is loaded.
"""

from __future__ import annotations

from budgetlint import claim_functions
from budgetlint.engine import Rule, check_document, install
from budgetlint.engine import load_rules as _engine_load_rules

LIBRARIES = (claim_functions.LIBRARY,)

__all__ = ["LIBRARIES", "check_document", "install_libraries", "load_rules"]


def install_libraries() -> None:
    """Every function library the built-in packs call (installing again is a no-op)."""
    for library in LIBRARIES:
        install(library)


def load_rules(
    extra: list | None = None, select: list[str] | None = None, ignore: list[str] | None = None, builtin: bool = True
) -> list[Rule]:
    """``engine.load_rules`` with the libraries installed first (packs name their functions)."""
    install_libraries()
    return _engine_load_rules(extra, select, ignore, builtin)
