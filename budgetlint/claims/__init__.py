"""Narrative claims: what the 情况说明 states, bound to the table facts it restates.

  ``extract(doc)``                → the typed claims of ``doc.paragraphs`` (extract.py, kinds.py)
  ``bind(claims, lookup)``        → each claim with its ``Binding`` (bind.py)
  ``bind_document(doc, index)``   → both, paragraph by paragraph: the path the rules, the claims
                                    view and the findings store use
  ``render_claims(doc)``          → the text shown by ``budgetlint parse --format claims``

Checks on claims are rules (rules/narrative.yaml, rules/plausibility.yaml);
the functions they use live in budgetlint/claim_functions/ (claims do not import the engine).
"""

from __future__ import annotations

from budgetlint.claims.bind import bind, bind_document, bound_share
from budgetlint.claims.extract import extract
from budgetlint.claims.render import render_claims

__all__ = ["bind", "bind_document", "bound_share", "extract", "render_claims"]
