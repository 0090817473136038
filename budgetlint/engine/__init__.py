"""The rule engine: declarative rule packs (rules/*.yaml) run over a recognised Document.

Entry points (docs/design.md):
  ``load_rules(extra=[], select=[], ignore=[])`` → list of ``Rule``
  ``check_document(doc, rules)`` → ``DocumentReport``
Extending the language: ``register(name)`` adds a function usable in rule
expressions (see ``budgetlint.engine.functions`` for the built-ins and
rules/README.md for the rule format).
"""

from budgetlint.engine.expr import FUNCTIONS, Missing, Skip, register
from budgetlint.engine.interval import Interval
from budgetlint.engine.rules import Rule, load_rules
from budgetlint.engine.run import check_document

__all__ = ["FUNCTIONS", "Interval", "Missing", "Rule", "Skip", "check_document", "load_rules", "register"]
