"""Narrative claims: what the 情况说明 states, bound to the table facts it restates.

  ``extract(doc)``        → claims found in ``doc.paragraphs`` (extract.py)
  ``bind(claims, facts)`` → the same claims with ``bound_to`` / ``unbound_reason`` (bind.py)
  ``render_claims(doc)``  → the text shown by ``budgetlint parse --format claims``

Checks on claims are rules (rules/narrative.yaml, rules/plausibility.yaml);
the functions they use live in budgetlint/claim_functions/ (claims do not import the engine).
"""

from __future__ import annotations

from budgetlint.claims.bind import bind, bound_share
from budgetlint.claims.extract import extract
from budgetlint.claims.render import render_claims

__all__ = ["bind", "bound_share", "extract", "render_claims"]
