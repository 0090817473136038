"""The rule engine: declarative rule packs (rules/*.yaml) run over a recognised Document.

Entry points (docs/design.md):
  ``load_rules(extra=[], select=[], ignore=[])`` → list of ``Rule``
  ``check_document(doc, rules)`` → ``DocumentReport``
Extending the language: ``register(name)`` adds a function of the engine's own
(``budgetlint.engine.functions`` holds the built-ins); a package outside the engine collects
its functions in a ``FunctionLibrary`` that the program installs (``install``), as
``budgetlint.checker`` does with the claims' (rules/README.md for the rule format).
"""

from budgetlint.engine.expr import FUNCTIONS, FunctionLibrary, Missing, Skip, install, register
from budgetlint.engine.rules import Rule, load_rules
from budgetlint.engine.run import check_document
from budgetlint.facts.interval import Interval

__all__ = [
    "FUNCTIONS",
    "FunctionLibrary",
    "Interval",
    "Missing",
    "Rule",
    "Skip",
    "check_document",
    "install",
    "load_rules",
    "register",
]
