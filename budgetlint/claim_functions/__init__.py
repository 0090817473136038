"""Rule-language functions over the claims: the one package that joins the claims and the engine.

``claims`` knows nothing of the engine and the engine nothing of the claims
(tests/test_import_directions.py); these modules import both and register their functions
with ``LIBRARY``, which ``budgetlint.checker`` installs into the engine.

* ``values``: claims in rules (``claims("share")``, ``num(it, "rate")``, ``fact(it)`` …)
  and plausibility bounds;
* ``text``: headings and text hygiene;
* ``rate_convention``: a document's habit of cutting growth rates to a whole percent.
"""

from budgetlint.claim_functions import rate_convention, text, values
from budgetlint.claim_functions.library import LIBRARY

__all__ = ["LIBRARY", "rate_convention", "text", "values"]
